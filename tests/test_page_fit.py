"""Every document on its page: the plan, its redline, the report and the attendance lists, with
3 to 8 columns. Word's model of each DOCX is checked here (every table as wide as its grid and no
wider than the text of its section; cells as wide as the grid columns they span; a section ends
in a paragraph); the LibreOffice tests print them and read where each word lies on the page."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers import (
    COLUMNS,
    EXAMPLES,
    poppler,
    print_together,
    run_cli,
    soffice_or_skip,
    wide_plan,
)
from lxml import etree

from osl_plan.columns import HEADINGS, table_columns
from osl_plan.diff.compare import diff_plans
from osl_plan.diff.redline import render_redline
from osl_plan.documents import ReportDocument, render_document
from osl_plan.lista.clause import clause
from osl_plan.lista.docx import ListaOptions, render_lista_docx
from osl_plan.lista.sheets import sheets_for
from osl_plan.load import load, loads
from osl_plan.model import Plan
from osl_plan.render import RenderOptions
from osl_plan.render.column_widths import measure_columns, measure_plain_columns
from osl_plan.render.docx import render_docx
from osl_plan.report.docx import HEADERS

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def plan_text(columns: int, *, revised: bool = False) -> str:
    return yaml.safe_dump(wide_plan(columns, revised=revised), allow_unicode=True, sort_keys=False)


def wide(columns: int, *, revised: bool = False) -> Plan:
    return loads(plan_text(columns, revised=revised), "plan.yaml").plan


# --- Word's model of the file --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Section:
    """A section of the body: its text width (twips), orientation and the tables in it."""

    width: int
    landscape: bool
    tables: tuple[Any, ...]


def _section(sect_pr: Any, tables: list[Any]) -> Section:
    size, margins = sect_pr.find(f"{W}pgSz"), sect_pr.find(f"{W}pgMar")
    page = int(size.get(f"{W}w"))
    sides = sum(int(margins.get(f"{W}{side}", "0")) for side in ("left", "right", "gutter"))
    return Section(page - sides, size.get(f"{W}orient") == "landscape", tuple(tables))


def sections(docx: bytes) -> list[Section]:
    """The body's sections as Word reads them: a ``w:sectPr`` in a paragraph's properties ends a
    section with that paragraph; the body's own ``w:sectPr`` (its last child) ends the last one,
    after a paragraph (Word never ends a document with a table)."""
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        body = etree.fromstring(archive.read("word/document.xml")).find(f"{W}body")
    children = list(body)
    assert children[-1].tag == f"{W}sectPr", "the body's own section properties come last"
    assert children[-2].tag == f"{W}p", "the last section ends with a paragraph"
    found, tables = [], []
    for child in children[:-1]:
        if child.tag == f"{W}tbl":
            tables.append(child)
        elif child.tag == f"{W}p" and (inner := child.find(f"{W}pPr/{W}sectPr")) is not None:
            found.append(_section(inner, tables))
            tables = []
        assert child.tag in (f"{W}p", f"{W}tbl", f"{W}sdt", f"{W}bookmarkEnd"), child.tag
    found.append(_section(children[-1], tables))
    return found


def _twips(element: Any, tag: str) -> int:
    found = element.find(f"{W}{tag}")
    assert found is not None and found.get(f"{W}type") == "dxa", f"{tag} in twips"
    return int(found.get(f"{W}w"))


def table_faults(table: Any, width: int) -> Iterator[str]:
    """What is wrong with one table in Word's model, in a section ``width`` twips wide."""
    grid = [int(col.get(f"{W}w")) for col in table.iter(f"{W}gridCol")]
    declared = _twips(table.find(f"{W}tblPr"), "tblW")
    if declared != sum(grid):
        yield f"tblW {declared} is not the grid's {sum(grid)}"
    if sum(grid) > width:
        yield f"the grid's {sum(grid)} twips are wider than the text's {width}"
    for n, row in enumerate(table.iter(f"{W}tr")):
        at = 0
        for cell in row.iter(f"{W}tc"):
            props = cell.find(f"{W}tcPr")
            span_el = props.find(f"{W}gridSpan")
            span = 1 if span_el is None else int(span_el.get(f"{W}val"))
            if _twips(props, "tcW") != sum(grid[at : at + span]):
                yield f"row {n}: a cell's tcW is not its grid columns' {grid[at : at + span]}"
            at += span
        if at != len(grid):
            yield f"row {n} covers {at} of {len(grid)} grid columns"


def model_faults(docx: bytes) -> list[str]:
    return [
        f"section {s}, table {t}: {fault}"
        for s, section in enumerate(sections(docx), 1)
        for t, table in enumerate(section.tables, 1)
        for fault in table_faults(table, section.width)
    ]


@pytest.mark.parametrize("columns", range(3, 9))
@pytest.mark.parametrize("harmonogram", [False, True])
def test_the_plan_fits_its_sections_in_words_model(columns: int, harmonogram: bool) -> None:
    docx = render_docx(wide(columns), RenderOptions(harmonogram=harmonogram))
    assert model_faults(docx) == []
    found = sections(docx)
    table_section = next(s for s in found if s.tables)
    # Three columns fit across a portrait page; five and more need a landscape one (four of
    # these: "z niepełnosprawnościami" in a list beside "PLANOWANYCH" and "Wolbromskiej" too).
    assert table_section.landscape == (columns >= 4)
    assert found[-1].landscape == (columns >= 4 or harmonogram)


@pytest.mark.parametrize("columns", range(3, 9))
def test_the_redline_fits_its_sections_in_words_model(columns: int) -> None:
    diff = diff_plans(wide(columns, revised=True), wide(columns))
    docx = render_redline(diff)
    assert model_faults(docx) == []
    assert next(s for s in sections(docx) if s.tables).landscape == (columns >= 4)


def test_the_report_and_the_lists_fit_their_sections_in_words_model() -> None:
    plan = load(EXAMPLES / "plan_2023_realizacja.yaml").plan
    report = render_document(ReportDocument(plan=plan), "docx")
    assert model_faults(report) == []
    assert sections(report)[-1].landscape  # eight columns of figures and notes
    five = wide(5)
    sheets = sheets_for(five, miesiac="2026-06")
    lists = render_lista_docx(
        five, sheets, ListaOptions(rows=None, clause=clause(five), render=RenderOptions())
    )
    assert model_faults(lists) == []


# --- on the page, in LibreOffice -----------------------------------------------------------------

#: The right margin (2 cm) in points, less a point for LibreOffice's rounding.
RIGHT_MARGIN = 1134 / 20 - 1.0
_XHTML = "{http://www.w3.org/1999/xhtml}"


@dataclass(frozen=True, slots=True)
class Page:
    """One printed page: its size in points and its words with their right edges."""

    width: float
    height: float
    words: tuple[tuple[str, float], ...]

    def text(self) -> str:
        return " ".join(word for word, _ in self.words)


def pdf_words(pdf: Path) -> list[Page]:
    """Each page of ``pdf`` with where its words end on the right (``pdftotext -bbox``)."""
    xml = subprocess.run(
        [poppler("pdftotext"), "-bbox", "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True,
        check=True,
        timeout=60,
    ).stdout
    root = etree.fromstring(re.sub(rb"<!DOCTYPE[^>]*>", b"", xml))
    return [
        Page(
            float(page.get("width")),
            float(page.get("height")),
            tuple((w.text or "", float(w.get("xMax"))) for w in page.iter(f"{_XHTML}word")),
        )
        for page in root.iter(f"{_XHTML}page")
    ]


def beyond_margin(pages: list[Page]) -> list[str]:
    """The words lying in the right margin or past the page's edge, with their page."""
    return [
        f"page {n}: {word!r} ends at {right:.1f} of {page.width:.1f} pt"
        for n, page in enumerate(pages, 1)
        for word, right in page.words
        if right > page.width - RIGHT_MARGIN
    ]


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    soffice_or_skip()
    return tmp_path_factory.mktemp("printed")


def _written(folder: Path, columns: int, *, revised: bool = False) -> Path:
    path = folder / f"plan_{columns}{'_old' if revised else ''}.yaml"
    if not path.exists():
        path.write_text(plan_text(columns, revised=revised), encoding="utf-8")
    return path


def _checked(pdf: Path, columns: int) -> list[Page]:
    pages = pdf_words(pdf)
    assert beyond_margin(pages) == []
    printed = {w.strip(",.;:„”()").lower() for page in pages for w, _ in page.words}
    # Every word of the headings, the cells and the signatures whole, on one line (with eight
    # columns at the table's full size „TERMINY” printed as „TERMIN|Y”), and the signature in
    # full („Zatwierdziła: Maria No…” was cut off at the edge).
    texts = [HEADINGS[key] for key in COLUMNS[:columns]]
    texts += [str(v) for task in wide_plan(columns)["zadania"] for key in COLUMNS[:columns]
              for v in (task[key] if isinstance(task[key], list) else [task[key]])]  # fmt: skip
    wanted = {w.strip(",.;:„”()").lower() for text in texts for w in text.split() if len(w) > 2}
    assert sorted(wanted - printed) == []
    assert "nowakowska-zielińska" in printed
    table_page = next(page for page in pages if "ZADANIE" in page.text())
    assert (table_page.width > table_page.height) == (columns >= 4)
    return pages


#: The column counts printed: portrait (3) and landscape at full size and shrunk (5, 6, 8).
PRINTED = (3, 5, 6, 8)


@pytest.fixture(scope="module")
def plan_pdfs(printed: Path) -> Path:
    """The plans of PRINTED columns as PDF, by one ``osl-plan render`` (LibreOffice started once
    for them, not once each): ``plan_{columns}.pdf`` in the folder returned."""
    folder = printed / "plans"
    folder.mkdir()
    plans = [_written(printed, columns) for columns in PRINTED]
    result = run_cli("render", *plans, "-f", "pdf", "-o", folder, timeout=300)
    assert result.exit_code == 0, result.stderr
    return folder


@pytest.fixture(scope="module")
def redline_pdfs(printed: Path) -> Path:
    """The redlines (revised → plan) of PRINTED columns as PDF: ``osl-plan diff -f docx`` each,
    then converted together by one LibreOffice, as ``diff -f pdf`` converts its one."""
    folder = printed / "redlines"
    folder.mkdir()
    documents = []
    for columns in PRINTED:
        old, new = _written(printed, columns, revised=True), _written(printed, columns)
        docx = folder / f"redline_{columns}.docx"
        result = run_cli("diff", old, new, "-f", "docx", "-o", docx)
        assert result.exit_code == 0, result.stderr
        documents.append(docx)
    print_together(documents, [docx.with_suffix(".pdf") for docx in documents])
    return folder


@pytest.mark.libreoffice
@pytest.mark.parametrize("columns", PRINTED)
def test_no_word_of_the_plan_beyond_the_right_margin(plan_pdfs: Path, columns: int) -> None:
    _checked(plan_pdfs / f"plan_{columns}.pdf", columns)


@pytest.mark.libreoffice
@pytest.mark.parametrize("columns", PRINTED)
def test_no_word_of_the_redline_beyond_the_right_margin(redline_pdfs: Path, columns: int) -> None:
    pages = _checked(redline_pdfs / f"redline_{columns}.pdf", columns)
    text = " ".join(page.text() for page in pages)
    assert "sąsiednich" in text  # the changes are printed too
    assert ("Gminny" in text) == (columns >= 4)


@pytest.mark.libreoffice
def test_the_odt_of_five_columns_keeps_its_table_on_landscape_pages(printed: Path) -> None:
    odt = printed / "plan_5.odt"
    result = run_cli("render", _written(printed, 5), "-f", "odt", "-o", odt, timeout=300)
    assert result.exit_code == 0, result.stderr
    subprocess.run(
        [soffice_or_skip(), "--headless", f"-env:UserInstallation=file://{printed}/profile",
         "--convert-to", "pdf", "--outdir", str(printed / "odt"), str(odt)],
        capture_output=True, check=True, timeout=300,
    )  # fmt: skip
    _checked(printed / "odt" / "plan_5.pdf", 5)


@pytest.mark.libreoffice
def test_no_word_of_the_report_or_the_lists_beyond_the_right_margin(printed: Path) -> None:
    report = printed / "report.pdf"
    result = run_cli("report", EXAMPLES / "plan_2023_realizacja.yaml", "-f", "pdf", "-o", report,
                     timeout=300)  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert beyond_margin(pdf_words(report)) == []
    lists = printed / "lista.pdf"
    plan = _written(printed, 5)
    result = run_cli("lista", plan, "--miesiac", "2026-06", "-f", "pdf", "-o", lists, timeout=300)
    assert result.exit_code == 0, result.stderr
    assert beyond_margin(pdf_words(lists)) == []


# --- the text size of a table too wide for a landscape page ------------------------------------


def _run_sizes(table: Any) -> set[str]:
    """The sizes (half-points) the runs of a table's task rows set; "" for the style's own."""
    rows = [row for row in table.iter(f"{W}tr") if row.find(f"{W}trPr/{W}cantSplit") is not None]
    return {
        (run.find(f"{W}rPr/{W}sz").get(f"{W}val") if run.find(f"{W}rPr/{W}sz") is not None else "")
        for row in rows[:-1]  # the last row holds the signatures, in the usual size
        for run in row.iter(f"{W}r")
    }


@pytest.mark.parametrize("columns", [5, 7, 8])
def test_a_table_too_wide_for_landscape_gets_the_largest_size_that_fits(columns: int) -> None:
    plan = wide(columns)
    (section,) = [s for s in sections(render_docx(plan, RenderOptions())) if s.tables]
    (table,) = section.tables
    measure = measure_columns(plan, table_columns(plan))
    grid = [int(col.get(f"{W}w")) / 20 for col in table.iter(f"{W}gridCol")]
    if measure.fits(section.width):
        assert _run_sizes(table) == {""}  # five columns fit a landscape page at 11 pt
        return
    (half_points,) = _run_sizes(table)
    size = int(half_points) / 2
    assert 8 <= size < 11
    # Every word and heading fits its column at that size, and would not at the next size up.
    fitted = measure.at_size(size)
    assert all(g >= max(w, h) for g, w, h in zip(grid, fitted.words, fitted.heads, strict=True))
    assert size == 8 or not measure.at_size(size + 0.5).fits(section.width)


def test_a_report_table_of_long_words_gets_smaller_text() -> None:
    long = "Przeciwdziałanie wykluczeniu"
    columns = [[[long]] for _ in HEADERS]
    measure = measure_plain_columns(columns, HEADERS)
    size = measure.size_to_fit(14286)
    assert size < 11 and measure.at_size(size).fits(14286)
    assert not measure.at_size(size + 0.5).fits(14286)


def test_every_month_of_the_schedule_has_room_for_its_heading() -> None:
    from osl_plan.render.textwidth import text_points

    schedule = sections(render_docx(wide(5), RenderOptions(harmonogram=True)))[-1].tables[-1]
    months = [int(col.get(f"{W}w")) for col in schedule.iter(f"{W}gridCol")][1:]
    # „mar” in bold, the widest abbreviation, was set as „ma|r” in 595 twips.
    needed = text_points("mar", 11, bold=True) * 20 + 2 * 57
    assert len(months) == 12 and min(months) >= needed
