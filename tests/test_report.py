"""``osl-plan report``: the sprawozdanie from the plan's realizacja blocks."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from helpers import EXAMPLES, run_cli

from osl_plan.documents import ReportDocument, render_document
from osl_plan.load import load, loads
from osl_plan.render.textwidth import text_points
from osl_plan.report.chart import alt_text, chart
from osl_plan.report.content import Report, build_report
from osl_plan.report.docx import HEADERS, column_widths
from osl_plan.report.periods import PERIOD_WORDS, PERIODS

REALISED = EXAMPLES / "plan_2023_realizacja.yaml"
NBSP = "\u00a0"


def flat(text: str) -> str:
    return text.replace(NBSP, " ")


def test_nothing_recorded() -> None:
    report = build_report(load(EXAMPLES / "plan_2023.yaml").plan)
    c = report.counts
    assert (c.planned, c.done, c.not_reported) == (18, 0, 18)
    assert report.events == report.participants == 0
    assert report.partners == () and report.off_term == () and report.reasons == ()
    assert {row.status for row in report.rows} == {"brak informacji o realizacji"}
    assert flat(report.summary[1]) == "Nie odnotowano żadnych wydarzeń."
    text = render_document(ReportDocument(plan=report.plan), "md").decode()
    assert "## Wydarzenia i uczestnicy w poszczególnych miesiącach" in text
    # No events: no chart in the HTML, the monthly table still says so in figures.
    html = render_document(ReportDocument(plan=report.plan), "html").decode()
    assert '<img src="data:image/svg' not in html and '<table class="months">' in html


def test_everything_recorded_figures_add_up() -> None:
    plan = load(REALISED).plan
    report = build_report(plan)
    c = report.counts
    assert (c.planned, c.done, c.partly, c.not_done, c.ongoing, c.not_reported) == (
        18, 15, 1, 1, 0, 1,
    )  # fmt: skip
    events = [e for t in plan.zadania if t.realizacja for e in t.realizacja.wydarzenia]
    assert report.events == len(events) == 30
    assert report.participants == sum(e.uczestnicy or 0 for e in events) == 3074
    assert sum(m.events for m in report.months) == report.events
    assert sum(m.participants for m in report.months) == report.participants
    assert sum(row.participants or 0 for row in report.rows) == report.participants
    # Partners once each, though several tasks name the same one.
    assert len(report.partners) == len(set(report.partners))
    assert report.partners.count("Gminny Ośrodek Kultury w" + NBSP + "Kluczach") == 1
    # Moved from April to May, and from May to June: planned against actual.
    assert [flat(o.planned) for o in report.off_term] == ["kwiecień 2023", "maj 2023"]
    assert flat(report.off_term[0].actual) == "6 maja 2023 r."
    assert [status for _, status, _ in report.reasons] == [
        "niezrealizowane",
        "częściowo zrealizowane",
    ]
    assert flat(report.summary[0]).startswith(
        "W 2023 roku plan obejmował 18 zadań. Zrealizowano 15"
    )
    assert flat(report.summary[1]).startswith(
        "Odnotowano 30 wydarzeń z udziałem łącznie 3074 uczestników"
    )


HALF = """\
rok: 2025
zadania:
  - zadanie: Ferie
    termin: styczeń – luty 2025
    realizacja:
      status: zrealizowane
      wydarzenia:
        - data: 3-7 lutego 2025
          uczestnicy: 40
  - zadanie: Spotkania
    termin: cały rok 2025
    realizacja:
      status: w trakcie
      wydarzenia:
        - data: 12 marca 2025
          uczestnicy: 10
        - data: 10 września 2025
          uczestnicy: 12
  - zadanie: Wakacje
    termin: lipiec – sierpień 2025
"""


def test_half_year() -> None:
    plan = loads(HALF).plan
    first = build_report(plan, "I-polrocze")
    assert first.period_line == "ZA I PÓŁROCZE 2025 ROKU"
    assert [row.zadanie for row in first.rows] == ["Ferie", "Spotkania"]
    assert (first.events, first.participants) == (2, 50)
    assert [m.month.month for m in first.months] == [1, 2, 3, 4, 5, 6]
    assert flat(first.rows[0].actual) == "3–7 lutego 2025 r."
    assert first.counts.ongoing == 1
    second = build_report(plan, "II-polrocze")
    assert [row.zadanie for row in second.rows] == ["Spotkania", "Wakacje"]
    assert (second.events, second.participants) == (1, 12)
    assert second.counts.not_reported == 1
    assert flat(second.summary[0]).startswith("W II półroczu 2025 roku plan obejmował 2 zadania.")


def test_an_event_on_two_separate_days_is_not_a_range() -> None:
    text = HALF.replace("3-7 lutego 2025", "15 stycznia i 20 stycznia 2025")
    report = build_report(loads(text).plan, "I-polrocze")
    assert flat(report.rows[0].actual) == "15 i 20 stycznia 2025 r."
    for fmt in ("md", "html"):
        rendered = flat(render_document(ReportDocument(plan=report.plan), fmt).decode())
        assert "15 i 20 stycznia 2025 r." in rendered and "15–20 stycznia" not in rendered
    # A range written with a dash stays a range.
    assert flat(build_report(loads(HALF).plan, "I-polrocze").rows[0].actual) == (
        "3–7 lutego 2025 r."
    )


def test_a_chart_is_drawn_once_for_the_same_figures_and_anew_for_others() -> None:
    import dataclasses

    months = build_report(load(REALISED).plan).months
    first = chart(months, "svg")
    assert chart(months, "svg") is first  # kept: not drawn again
    again = tuple(dataclasses.replace(m) for m in months)  # equal figures, other objects
    assert chart(again, "svg") is first
    changed = (dataclasses.replace(months[0], participants=months[0].participants + 7), *months[1:])
    other = chart(changed, "svg")
    assert other != first and b"<svg" in other


def test_chart_alt_text_states_every_figure() -> None:
    report = build_report(load(REALISED).plan)
    alt = alt_text(report.months)
    for n, m in enumerate(report.months):
        label = m.label.capitalize() if n == 0 else m.label
        assert (
            f"{label}: zadania zaplanowane {m.planned}, wydarzenia {m.events}, "
            f"uczestnicy {m.participants}"
        ) in alt
    # Every sentence begins with a capital letter.
    assert alt.startswith("Wykres: ")
    assert all(s[:1].isupper() for s in alt.split(". ")[1:]), alt


@pytest.fixture(scope="module")
def report_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("docx") / "r.docx"
    out.write_bytes(render_document(ReportDocument(plan=load(REALISED).plan), "docx"))
    return out


def test_docx_structure(report_docx: Path) -> None:
    with zipfile.ZipFile(report_docx) as archive:
        body = archive.read("word/document.xml").decode()
        core = archive.read("docProps/core.xml").decode()
        names = archive.namelist()
        rels = archive.read("word/_rels/document.xml.rels").decode()
        types = archive.read("[Content_Types].xml").decode()
    assert (
        "<dc:title>Sprawozdanie z realizacji planu organizowania społeczności lokalnej za rok"
        in core
    )
    assert "word/media/osl-picture1.png" in names
    assert 'Target="media/osl-picture1.png"' in rels and 'Extension="png"' in types
    descr = re.search(r'<wp:docPr id="\d+" name="[^"]*" descr="([^"]*)"', body)
    assert descr is not None and "Styczeń 2023: zadania zaplanowane 5, wydarzenia 1" in descr[1]
    tables = body.split("<w:tbl>")[1:]
    tasks = tables[-1]
    assert tasks.count("<w:tblHeader/>") == 1  # the header row repeats on every page
    # header, 18 rows and the signatures, none split across pages
    assert tasks.count("<w:cantSplit/>") == 20
    for header in (
        "Termin planowany",
        "Termin realizacji",
        "Liczba uczest\u00adników",
        "Opis / uwagi",
    ):
        assert header in tasks
    assert "Opracował" in body and "Zatwierdził" in body
    assert 'w:orient="landscape"' in body


def split_words(text: str, report: Report) -> set[str]:
    """Pieces of the table's words standing on a line of their own: a word broken inside (a word
    broken after its own hyphen, „sportowo-” of „sportowo-rekreacyjnych”, is not a piece)."""
    texts = [h.replace("\u00ad", "- ") for h in HEADERS]
    for row in report.rows:
        texts += [row.zadanie, row.planned, row.actual, row.status, *row.partners, *row.notes]
    words = {word for text in texts for word in text.split()}
    document = render_document(ReportDocument(plan=report.plan), "md").decode()
    known = words | set(document.split())
    known |= {part for word in words for part in re.findall(r"[^-]+-?", word)}
    pieces = set()
    for token in set(text.split()) - known:
        stem = token.removesuffix("-")
        if re.search(r"[^\W\d]", stem) and any(
            w != stem and (w.startswith(stem) or w.endswith(stem)) for w in words
        ):
            pieces.add(token)
    return pieces


def test_every_report_column_fits_its_longest_word(report_docx: Path) -> None:
    report = build_report(load(REALISED).plan)
    with zipfile.ZipFile(report_docx) as z:
        body = z.read("word/document.xml").decode()
    grid = body.split("<w:tbl>")[-1].split("</w:tblGrid>")[0]
    widths = [int(w) for w in re.findall(r'<w:gridCol w:w="(\d+)"', grid)]
    assert widths == list(column_widths(report, sum(widths)))
    columns = list(zip(*(
        ([str(r.number)], [r.zadanie], [r.planned], [r.actual], [r.status],
         [str(r.participants)], r.partners, r.notes) for r in report.rows
    ), strict=True))  # fmt: skip
    for width, heading, cells in zip(widths, HEADERS, columns, strict=True):
        words = [w for cell in cells for t in cell for w in re.split(r"[ \n]+", t)]
        longest = max(words, key=lambda w: text_points(w, 11))
        assert width / 20 > text_points(longest, 11) + 5.7, (heading, longest)
        part = max(heading.replace("\u00ad", "- ").split(), key=len)
        assert width / 20 > text_points(part, 11, bold=True), heading
    # „12–16 czerwca” (one unbreakable unit) is the widest of its column; it fits.
    assert widths[3] / 20 > text_points(f"12–16{NBSP}czerwca", 11) + 5.7


def test_a_table_without_tasks_shares_its_width_by_the_headers() -> None:
    only_winter = HALF.partition("  - zadanie: Spotkania")[0]
    report = build_report(loads(only_winter).plan, "IV-kwartal")
    assert report.rows == ()
    widths = column_widths(report, 14000)
    assert sum(widths) == 14000 and max(widths) < 14000 / 4


@pytest.mark.libreoffice
def test_docx_opens_in_libreoffice_and_pdf_pages_look_right(soffice: str, tmp_path: Path) -> None:
    result = run_cli("report", REALISED, "-f", "pdf", "-o", tmp_path / "r.pdf", timeout=300)
    assert result.exit_code == 0, result.stderr
    pdf = tmp_path / "r.pdf"
    from helpers import pdf_raw

    text = pdf_raw(pdf, layout=True)
    assert "SPRAWOZDANIE Z REALIZACJI PLANU" in text
    assert "ZA ROK 2023" in text
    assert "Centrum Usług Społecznych w Kluczach" in flat(text)
    assert "Opracował" in text and "Zatwierdził" in text
    assert "Przyczyna:" in text and "Odbyła się tylko" in flat(text)
    # No word of the table is broken inside: no line holds a piece of one of its words.
    assert split_words(text, build_report(load(REALISED).plan)) == set()
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, check=True).stdout.decode()
    assert "Tagged:          yes" in info
    pages = int(re.search(r"Pages:\s+(\d+)", info)[1])  # type: ignore[index]
    # The header row is on every page of the table (repeats): seven pages hold the table.
    assert text.count("Lp.") >= 5
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", "30", str(pdf), str(tmp_path / "p")], check=True)
        assert len(list(tmp_path.glob("p-*.png"))) == pages


def test_html_has_svg_chart_with_alt_and_the_same_figures(tmp_path: Path) -> None:
    html = render_document(ReportDocument(plan=load(REALISED).plan), "html").decode()
    assert '<html lang="pl">' in html
    m = re.search(r'<img src="data:image/svg\+xml;base64,[^"]+" alt="([^"]+)">', html)
    assert m is not None and m[1].startswith("Wykres:")
    assert '<th scope="row">wrzesień 2023</th><td class="number">7</td>' in html
    assert '<caption id="realizacja-tabela">Realizacja zadań planu' in html


def test_markdown_table_and_same_figures() -> None:
    text = render_document(ReportDocument(plan=load(REALISED).plan), "md").decode()
    assert "| Lp. | Zadanie | Termin planowany | Termin realizacji | Status |" in text
    assert "| wrzesień 2023 | 7 | 5 | 1125 |" in text
    assert "Przyczyna: Gmina nie została włączona" in flat(text)


def test_cli_batch_default_names_and_atomic(tmp_path: Path) -> None:
    one, two = tmp_path / "a.yaml", tmp_path / "b.yaml"
    shutil.copy(REALISED, one)
    two.write_text(HALF, encoding="utf-8")
    result = run_cli("report", one, two, "-f", "md", "--okres", "I-polrocze", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "a_sprawozdanie.md").is_file()
    assert "ZA I PÓŁROCZE 2025 ROKU" in (tmp_path / "b_sprawozdanie.md").read_text()
    # A plan that fails leaves its existing output as it was.
    before = (tmp_path / "b_sprawozdanie.md").read_bytes()
    two.write_text(HALF.replace("status: w trakcie", "status: ???"), encoding="utf-8")
    failed = run_cli("report", one, two, "-f", "md", cwd=tmp_path)
    assert failed.exit_code == 1
    assert "b.yaml:13:15" in failed.stderr
    assert (tmp_path / "b_sprawozdanie.md").read_bytes() == before
    assert not list(tmp_path.glob(".*.tmp"))


def test_bad_period_is_a_usage_error() -> None:
    result = run_cli("report", REALISED, "--okres", "III-polrocze", "-o", "-", "-f", "md")
    assert result.exit_code == 2


def test_a_period_typed_with_the_plans_year_is_that_period() -> None:
    without = run_cli("report", REALISED, "--okres", "I półrocze", "-o", "-", "-f", "md")
    typed = run_cli("report", REALISED, "--okres", "I półrocze 2023 r.", "-o", "-", "-f", "md")
    assert typed.exit_code == without.exit_code == 0, typed.stderr
    assert typed.stdout == without.stdout
    assert "I PÓŁROCZE 2023" in typed.stdout.upper()


def test_a_period_of_another_year_names_the_plan_and_writes_nothing(
    tmp_path: Path, polish: None
) -> None:
    plan = tmp_path / "plan.yaml"
    shutil.copy(REALISED, plan)
    target = tmp_path / "sprawozdanie.md"
    target.write_text("the report of last week", encoding="utf-8")
    result = run_cli(
        "report", "plan.yaml", "--okres", "I półrocze 2025", "-o", target, "-f", "md", cwd=tmp_path
    )
    assert result.exit_code == 2
    assert result.stderr == (
        "Błąd: plan.yaml: --okres wskazuje rok 2025, a plan jest na rok 2023 – podaj okres bez "
        "roku albo z rokiem planu, np. „I półrocze 2023”\n"
    )
    assert target.read_text(encoding="utf-8") == "the report of last week"


def test_every_period_has_its_months_and_words() -> None:
    """The periods are listed once (``Period``); each has its months and its words."""
    assert PERIODS == ("rok", "I-polrocze", "II-polrocze", "I-kwartal", "II-kwartal",
                       "III-kwartal", "IV-kwartal")  # fmt: skip
    assert tuple(PERIOD_WORDS) == PERIODS
