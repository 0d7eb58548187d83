"""The DOCX renderer: every document is reopened and its structure asserted (never its bytes)."""

from __future__ import annotations

import re
import struct
import zlib
from pathlib import Path
from typing import Any

import pytest
from helpers import run_cli

from osl_plan.errors import ExitCode, OslPlanError
from osl_plan.load import load, loads
from osl_plan.model import Plan
from osl_plan.polish import tie_short_words
from osl_plan.render import RenderOptions
from osl_plan.render.docx import render_docx
from osl_plan.render.signature_lines import DOTS

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NBSP = "\u00a0"
ALT_POWER = (
    "Fundusze Europejskie Wiedza Edukacja Rozwój, Rzeczpospolita Polska, "
    "Unia Europejska Europejski Fundusz Społeczny"
)


def reopen(data: bytes, tmp_path: Path, name: str = "plan.docx") -> Any:
    import docx

    path = tmp_path / name
    path.write_bytes(data)
    return docx.Document(str(path))


def render(plan: Plan, tmp_path: Path, **options: Any) -> Any:
    return reopen(render_docx(plan, RenderOptions(**options)), tmp_path)


def plan_from(text: str) -> Plan:
    return loads(text, "plan.yaml").plan


@pytest.fixture
def plan_2023(example_2023: Path) -> Plan:
    return load(example_2023).plan


@pytest.fixture
def doc_2023(plan_2023: Plan, tmp_path: Path) -> Any:
    return render(plan_2023, tmp_path, base_dir=Path("examples"))


def body_paragraphs(doc: Any) -> list[Any]:
    """Paragraphs directly in the body (not in tables)."""
    return list(doc.paragraphs)


def png(width: int, height: int) -> bytes:
    """A grey PNG of the given size, written by hand."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


MINIMAL = """\
rok: 2023
jednostka: Centrum Usług Społecznych w Kluczach
zadania:
  - zadanie: Spotkania z mieszkańcami
    termin: marzec 2023
"""


# --- title, introduction, chapters ---------------------------------------------------------


def test_title_is_a_heading_then_year_then_introduction(doc_2023: Any, plan_2023: Plan) -> None:
    unit, *paragraphs = body_paragraphs(doc_2023)
    # Page one names the unit above the title (centred, not a heading).
    assert unit.text == f"Centrum Usług Społecznych w{NBSP}Kluczach"
    assert unit.style.name == "Normal" and unit.alignment == 1
    assert paragraphs[0].text == "PLAN ORGANIZOWANIA SPOŁECZNOŚCI LOKALNEJ"
    assert paragraphs[0].style.name == "Heading 1"
    outline = paragraphs[0].style.element.pPr.find(f"{W}outlineLvl")
    assert outline is not None and outline.get(f"{W}val") == "0"
    assert paragraphs[1].text == "2023 ROK"
    assert paragraphs[2].text.startswith("Podstawą pracy organizowania")
    assert paragraphs[3].text.startswith("Organizowanie społeczności lokalnej jest pracą")
    assert len(plan_2023.wstep_paragraphs) == 2


def test_chapters_have_headings_lists_and_emphasis(tmp_path: Path) -> None:
    plan = plan_from(
        MINIMAL
        + """\
sekcje:
  - tytul: Cele szczegółowe
    tresc: |
      Plan ma **dwa** cele i *jedną* metodę.

      - aktywizacja mieszkańców
      - wsparcie grup nieformalnych

      3. trzeci punkt
      4. czwarty punkt
"""
    )
    doc = render(plan, tmp_path)
    paragraphs = body_paragraphs(doc)
    heading = next(p for p in paragraphs if p.text == "Cele szczegółowe")
    assert heading.style.name == "Heading 2"
    sentence = next(p for p in paragraphs if p.text.startswith("Plan ma"))
    assert [(r.text, r.bold) for r in sentence.runs if r.bold] == [("dwa", True)]
    assert [r.text for r in sentence.runs if r.italic] == ["jedną"]
    bullets = [p for p in paragraphs if p.style.name == "List Bullet"]
    assert [p.text for p in bullets] == ["aktywizacja mieszkańców", "wsparcie grup nieformalnych"]
    numbered = [p for p in paragraphs if p.style.name == "List Number"]
    assert [p.text for p in numbered] == ["trzeci punkt", "czwarty punkt"]
    num_id = numbered[0]._p.pPr.numPr.numId.val
    numbering = doc.part.numbering_part.element
    num = next(n for n in numbering.iter(f"{W}num") if n.get(f"{W}numId") == str(num_id))
    assert num.find(f"{W}lvlOverride/{W}startOverride").get(f"{W}val") == "3"


# --- the task table ------------------------------------------------------------------------


def test_table_header_repeats_and_rows_do_not_split(doc_2023: Any, plan_2023: Plan) -> None:
    table = doc_2023.tables[0]
    assert len(table.rows) == len(plan_2023.zadania) + 2  # header, tasks, signatures
    header = table.rows[0]
    assert [c.text for c in header.cells] == ["ZADANIE", "ADRESACI", "TERMINY PLANOWANYCH DZIAŁAŃ"]
    assert header._tr.trPr.find(f"{W}tblHeader") is not None
    for row in table.rows:
        assert row._tr.trPr.find(f"{W}cantSplit") is not None
    for row in table.rows[1:]:
        assert row._tr.trPr.find(f"{W}tblHeader") is None
    assert table._tbl.tblPr.find(f"{W}tblCaption") is not None
    # Only the last task row keeps with the next (the signature row); the others may break.
    keeps = [
        all(p.paragraph_format.keep_with_next for c in row.cells for p in c.paragraphs)
        for row in table.rows[1:-1]
    ]
    assert keeps == [False] * (len(plan_2023.zadania) - 1) + [True]


def test_table_has_explicit_widths_that_fill_the_text_width(doc_2023: Any) -> None:
    table = doc_2023.tables[0]
    grid = [int(c.get(f"{W}w")) for c in table._tbl.tblGrid.iter(f"{W}gridCol")]
    assert len(grid) == 3 and grid[0] > grid[1] > 0 and grid[2] > 0
    section = doc_2023.sections[0]
    text_width = (section.page_width - section.left_margin - section.right_margin) / 635
    assert abs(sum(grid) - text_width) <= 3
    assert table._tbl.tblPr.find(f"{W}tblLayout").get(f"{W}type") == "fixed"
    for row in table.rows[:-1]:
        widths = [int(tc.find(f"{W}tcPr/{W}tcW").get(f"{W}w")) for tc in row._tr.iter(f"{W}tc")]
        assert widths == grid


def test_sub_items_are_a_real_bulleted_list(doc_2023: Any, plan_2023: Plan) -> None:
    cell = doc_2023.tables[0].rows[1].cells[0]
    first, *items = cell.paragraphs
    assert first.text == "Kampania medialna promująca działania CUS:"
    assert first._p.pPr.numPr is None
    assert len(items) == len(plan_2023.zadania[0].dzialania) == 4
    numbering = doc_2023.part.numbering_part.element
    for item in items:
        assert item.style.name == "List Bullet"
        num_id = str(item._p.pPr.numPr.numId.val)
        num = next(n for n in numbering.iter(f"{W}num") if n.get(f"{W}numId") == num_id)
        abstract_id = num.find(f"{W}abstractNumId").get(f"{W}val")
        abstract = next(
            a
            for a in numbering.iter(f"{W}abstractNum")
            if a.get(f"{W}abstractNumId") == abstract_id
        )
        assert abstract.find(f"{W}lvl/{W}numFmt").get(f"{W}val") == "bullet"
    assert items[1].text == "Utworzenie nowej strony www"


def test_empty_addressees_stay_empty_without_spacing_tricks(doc_2023: Any) -> None:
    row = doc_2023.tables[0].rows[3]
    assert row.cells[0].text.startswith("Spotkania organizacyjne Rady Społecznej")
    assert row.cells[1].text == ""
    assert len(row.cells[1].paragraphs) == 1
    filled = doc_2023.tables[0].rows[2].cells[1]
    assert filled.text == f"Mieszkańcy Gminy Klucze, w{NBSP}tym radni, sołtysi, przedstawiciele NGO"


def test_terms_are_normalised_or_kept(plan_2023: Plan, tmp_path: Path) -> None:
    terms = [r.cells[2].text for r in render(plan_2023, tmp_path).tables[0].rows[1:]]
    assert terms[0] == f"Styczeń{NBSP}– grudzień 2023"
    assert terms[9] == f"Maj{NBSP}– czerwiec 2023"
    kept = [r.cells[2].text for r in render(plan_2023, tmp_path, keep_terms=True).tables[0].rows]
    assert kept[1] == "Styczeń- grudzień 2023"
    assert kept[10] == "Maj - Czerwiec 2023"


def test_no_one_letter_word_ends_a_line(doc_2023: Any) -> None:
    texts = [p.text for p in doc_2023.paragraphs]
    for table in doc_2023.tables:
        texts += [cell.text for row in table.rows for cell in row.cells]
    loose = [t for t in texts if re.search(r"(?<![\w\-])[aiouwzAIOUWZ] ", t)]
    assert loose == []
    assert any(f"z{NBSP}nimi" in t for t in texts)


def test_xml_special_characters_stay_literal(tmp_path: Path) -> None:
    hostile = 'Zadanie A & B <script>alert(1)</script> ]]> "cudzysłów" {{ x }} **nie**'
    plan = plan_from(
        f"""\
rok: 2023
zadania:
  - zadanie: '{hostile}'
    dzialania: ['<b>&amp;</b>']
    adresaci: 'Seniorzy & rodziny'
    termin: marzec 2023
"""
    )
    row = render(plan, tmp_path).tables[0].rows[1]
    assert row.cells[0].paragraphs[0].text == tie_short_words(hostile)  # "A" binds to "&"
    assert row.cells[0].paragraphs[1].text == "<b>&amp;</b>"
    assert row.cells[1].text == "Seniorzy & rodziny"


def test_line_breaks_in_a_field_become_breaks(tmp_path: Path) -> None:
    plan = Plan.model_validate(
        {
            "rok": 2023,
            "zadania": [{"zadanie": "Pierwsza linia\nDruga linia", "termin": "maj 2023"}],
        },
        context={"rok": 2023},
    )
    cell = render(plan, tmp_path).tables[0].rows[1].cells[0]
    assert cell.paragraphs[0]._p.find(f".//{W}br") is not None
    assert "Pierwsza linia" in cell.text and "Druga linia" in cell.text


# --- the EU strip --------------------------------------------------------------------------


def footer_text(part: Any) -> str:
    return " ".join("".join(p.itertext()) for p in part._element.iter(f"{W}p"))


def test_strip_as_text_in_every_footer_in_official_order(doc_2023: Any) -> None:
    section = doc_2023.sections[0]
    text = footer_text(section.footer)
    marks = ["Fundusze Europejskie", "Rzeczpospolita Polska", "Unia Europejska"]
    positions = [text.index(mark) for mark in marks]
    assert positions == sorted(positions)
    assert "Europejski Fundusz Społeczny" in text
    assert not section.different_first_page_header_footer
    assert footer_text(section.header).strip() == ""


def test_strip_in_header_or_on_first_page_only(plan_2023: Plan, tmp_path: Path) -> None:
    header = render(plan_2023, tmp_path, strip_position="header").sections[0]
    assert "Rzeczpospolita Polska" in footer_text(header.header)
    assert "Rzeczpospolita" not in footer_text(header.footer)
    first = render(plan_2023, tmp_path, strip_position="first-page").sections[0]
    assert first.different_first_page_header_footer
    assert "Rzeczpospolita Polska" in footer_text(first.first_page_footer)
    assert "Rzeczpospolita" not in footer_text(first.footer)


def test_no_strip_without_funding_or_with_preset_none(tmp_path: Path) -> None:
    for extra in ("", "finansowanie: none\n"):
        section = render(plan_from(MINIMAL + extra), tmp_path).sections[0]
        assert footer_text(section.footer).strip() == ""
        assert footer_text(section.header).strip() == ""


def test_strip_image_is_embedded_with_alt_text(tmp_path: Path) -> None:
    (tmp_path / "pasek.png").write_bytes(png(600, 60))
    plan = plan_from(MINIMAL + "finansowanie:\n  wzor: power-2014-2020\n  obraz: pasek.png\n")
    doc = render(plan, tmp_path, base_dir=tmp_path)
    footer = doc.sections[0].footer
    doc_prs = list(footer._element.iter("{*}docPr"))
    assert len(doc_prs) == 1
    assert doc_prs[0].get("descr") == ALT_POWER
    assert doc_prs[0].get("title") == ALT_POWER
    images = [r for r in footer.part.rels.values() if "image" in r.reltype]
    assert images and images[0].target_part.content_type == "image/png"
    assert "Rzeczpospolita" not in footer_text(footer)  # the image replaces the text


def test_jpeg_strip_image_is_embedded_with_alt_text(tmp_path: Path) -> None:
    from helpers import DATA

    (tmp_path / "pasek.jpg").write_bytes((DATA / "render" / "pasek.jpg").read_bytes())
    plan = plan_from(MINIMAL + "finansowanie:\n  wzor: power-2014-2020\n  obraz: pasek.jpg\n")
    doc = render(plan, tmp_path, base_dir=tmp_path)
    footer = doc.sections[0].footer
    (doc_pr,) = footer._element.iter("{*}docPr")
    assert doc_pr.get("descr") == ALT_POWER
    (image,) = [r.target_part for r in footer.part.rels.values() if "image" in r.reltype]
    assert image.content_type == "image/jpeg"
    assert image.blob == (DATA / "render" / "pasek.jpg").read_bytes()
    extent = next(footer._element.iter("{*}extent"))
    assert (
        0
        < int(extent.get("cx"))
        <= (doc.sections[0].page_width - doc.sections[0].left_margin - doc.sections[0].right_margin)
    )


def test_missing_or_bad_strip_image_is_a_clear_error(tmp_path: Path) -> None:
    plan = plan_from(MINIMAL + "finansowanie:\n  wzor: power-2014-2020\n  obraz: brak.png\n")
    with pytest.raises(
        OslPlanError, match=r"brak\.png: the image does not exist — fix „finansowanie.obraz”"
    ):
        render_docx(plan, RenderOptions(base_dir=tmp_path))
    (tmp_path / "brak.png").write_text("not an image")
    with pytest.raises(OslPlanError, match="not a PNG or JPEG"):
        render_docx(plan, RenderOptions(base_dir=tmp_path))


# --- signatures, properties, language --------------------------------------------------------


def signature_cells(doc: Any) -> list[list[str]]:
    """The texts of the signature row's cells (the task table's last row), left to right."""
    row = doc.tables[0].rows[-1]._tr
    return [
        ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in tc.iter(f"{W}p")]
        for tc in row.iter(f"{W}tc")
    ]


def test_signature_block_side_by_side_in_reading_order(doc_2023: Any) -> None:
    # One row of two borderless cells: Opracował / Data on the left, Zatwierdził / Data on the
    # right; a screen reader reads the whole left cell, then the right one.
    assert signature_cells(doc_2023) == [
        [f"Opracował: {DOTS}", f"Data: {DOTS}"],
        [f"Zatwierdził: {DOTS}", f"Data: {DOTS}"],
    ]
    row = doc_2023.tables[0].rows[-1]._tr
    cells = list(row.iter(f"{W}tc"))
    for tc in cells:
        borders = tc.find(f"{W}tcPr/{W}tcBorders")
        assert all(side.get(f"{W}val") == "nil" for side in borders)
    spans = [
        int(tc.find(f"{W}tcPr/{W}gridSpan").get(f"{W}val"))
        if tc.find(f"{W}tcPr/{W}gridSpan") is not None
        else 1
        for tc in cells
    ]
    assert spans == [1, 2]  # left under ZADANIE, right under ADRESACI and TERMINY
    assert row.find(f"{W}trPr/{W}cantSplit") is not None
    assert len(doc_2023.tables) == 1


def test_signature_block_with_names_positions_and_dates(tmp_path: Path) -> None:
    plan = plan_from(
        MINIMAL
        + """podpisy:
  opracowal: {stanowisko: Organizator społeczności lokalnej, data: 05.01.2023}
  zatwierdzil: {stanowisko: Dyrektor Centrum Usług Społecznych, data: 2023-01-10}
"""
    )
    assert signature_cells(render(plan, tmp_path)) == [
        [f"Opracował: {DOTS}", "Organizator społeczności lokalnej", "Data: 05.01.2023 r."],
        [f"Zatwierdził: {DOTS}", "Dyrektor Centrum Usług Społecznych", "Data: 10.01.2023 r."],
    ]


def test_signature_labels_in_the_form_the_signer_needs(tmp_path: Path) -> None:
    plan = plan_from(
        MINIMAL
        + """podpisy:
  opracowal: {etykieta: Opracowała, osoba: Anna Nowak}
  zatwierdzil: {etykieta: zatwierdzenie}
"""
    )
    assert plan.podpisy.zatwierdzil.etykieta == "Zatwierdzenie"  # any case, stored as printed
    cells = signature_cells(render(plan, tmp_path))
    assert [c[0] for c in cells] == ["Opracowała: Anna Nowak", f"Zatwierdzenie: {DOTS}"]


def test_a_label_of_the_other_side_is_refused() -> None:
    from osl_plan.errors import PlanError

    with pytest.raises(PlanError) as caught:
        plan_from(MINIMAL + "podpisy:\n  opracowal: {etykieta: Zatwierdziła}\n")
    text = "\n".join(caught.value.lines())
    assert "podpisy.opracowal" in text
    assert "„Zatwierdziła” is not a label of this side" in text
    assert "Opracowała" in text


def test_no_empty_paragraphs_in_the_body(doc_2023: Any) -> None:
    *paragraphs, closing = doc_2023.paragraphs
    assert all(p.text.strip() for p in paragraphs)
    # The body ends as Word ends it after a table: with an empty paragraph, one point high.
    assert closing.text == "" and closing._p.getprevious().tag == f"{W}tbl"
    assert closing._p.find(f"{W}pPr/{W}spacing").get(f"{W}line") == "20"


def test_a4_portrait(doc_2023: Any) -> None:
    section = doc_2023.sections[0]
    assert (section.page_width.mm, section.page_height.mm) == pytest.approx((210, 297), abs=0.5)
    assert 15 <= section.left_margin.mm <= 30 and 15 <= section.top_margin.mm <= 30


def test_core_properties(doc_2023: Any) -> None:
    props = doc_2023.core_properties
    assert props.title == "Plan organizowania społeczności lokalnej – 2023 rok"
    assert props.author == "Centrum Usług Społecznych w Kluczach"
    assert props.language == "pl-PL"
    assert props.created is not None and props.created.year >= 2024


def test_polish_is_the_proofing_language_in_styles(doc_2023: Any) -> None:
    styles = doc_2023.styles.element
    lang = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert lang is not None and lang.get(f"{W}val") == "pl-PL"
    assert {e.get(f"{W}val") for e in styles.iter(f"{W}lang")} == {"pl-PL"}


# --- reference document, harmonogram -------------------------------------------------------


def make_reference(path: Path) -> None:
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm, Pt, RGBColor

    doc = docx.Document()
    doc.styles["Normal"].font.name = "Georgia"
    doc.styles["Normal"].font.size = Pt(13)
    doc.styles["Heading 1"].font.color.rgb = RGBColor(0x80, 0, 0)
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.left_margin = Mm(30)
    doc.add_paragraph("Ten tekst z wzorca nie trafi do planu.")
    doc.save(str(path))


def test_reference_doc_gives_styles_fonts_and_page(plan_2023: Plan, tmp_path: Path) -> None:
    reference = tmp_path / "wzor.docx"
    make_reference(reference)
    doc = render(plan_2023, tmp_path, reference_doc=reference)
    assert doc.styles["Normal"].font.name == "Georgia"
    assert doc.styles["Normal"].font.size.pt == 13
    assert str(doc.styles["Heading 1"].font.color.rgb) == "800000"
    section = doc.sections[0]
    assert round(section.page_width.mm) == 297 and round(section.left_margin.mm) == 30
    assert all("wzorca" not in p.text for p in doc.paragraphs)
    assert doc.paragraphs[1].style.name == "Heading 1"  # after the unit's name
    grid = [int(c.get(f"{W}w")) for c in doc.tables[0]._tbl.tblGrid.iter(f"{W}gridCol")]
    text_width = (section.page_width - section.left_margin - section.right_margin) / 635
    assert abs(sum(grid) - text_width) <= 3
    lang = doc.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert lang.get(f"{W}val") == "pl-PL"


def test_reference_doc_without_page_size_gets_a4(plan_2023: Plan, tmp_path: Path) -> None:
    import docx

    reference = tmp_path / "bez_strony.docx"
    base = docx.Document()
    sect_pr = base.sections[0]._sectPr
    for tag in ("pgSz", "pgMar"):
        element = sect_pr.find(f"{W}{tag}")
        assert element is not None
        sect_pr.remove(element)
    base.save(str(reference))
    section = render(plan_2023, tmp_path, reference_doc=reference).sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    assert section.left_margin is not None


def test_bad_reference_doc_is_a_usage_error(plan_2023: Plan, tmp_path: Path) -> None:
    bad = tmp_path / "wzor.docx"
    bad.write_text("to nie jest dokument Worda")
    with pytest.raises(OslPlanError, match="is not a Word document") as caught:
        render_docx(plan_2023, RenderOptions(reference_doc=bad))
    assert caught.value.exit_code == ExitCode.USAGE
    with pytest.raises(OslPlanError, match="no such file"):
        render_docx(plan_2023, RenderOptions(reference_doc=tmp_path / "brak.docx"))


def test_harmonogram_shades_the_months_with_a_marker(plan_2023: Plan, tmp_path: Path) -> None:
    doc = render(plan_2023, tmp_path, harmonogram=True)
    assert len(doc.tables) == 2
    grid = doc.tables[1]
    heading = next(p for p in doc.paragraphs if p.text == "Harmonogram")
    assert heading.style.name == "Heading 2"
    header = grid.rows[0]
    assert header._tr.trPr.find(f"{W}tblHeader") is not None
    assert [c.text for c in header.cells][:4] == ["Zadanie", "sty", "lut", "mar"]
    assert len(grid.rows) == len(plan_2023.zadania) + 1

    def shaded(row: Any) -> list[bool]:
        result = []
        for cell in row.cells[1:]:
            shd = cell._tc.tcPr.find(f"{W}shd")
            on = shd is not None and shd.get(f"{W}fill") not in (None, "auto", "FFFFFF")
            assert on == (cell.text == "X")  # never colour alone
            result.append(on)
        return result

    assert shaded(grid.rows[1]) == [True] * 12  # styczeń – grudzień
    assert shaded(grid.rows[6]) == [m == 3 for m in range(1, 13)]  # marzec
    assert shaded(grid.rows[14]) == [6 <= m <= 10 for m in range(1, 13)]  # czerwiec – październik
    body = list(doc.element.body)
    assert body.index(doc.tables[0]._tbl) < body.index(heading._p)  # after the signatures


def test_harmonogram_is_an_annex_on_landscape_pages_with_the_strip(
    plan_2023: Plan, tmp_path: Path
) -> None:
    from docx.enum.section import WD_ORIENT

    doc = render(plan_2023, tmp_path, harmonogram=True, base_dir=Path("examples"))
    portrait, landscape = doc.sections
    assert (portrait.page_width.mm, portrait.page_height.mm) == pytest.approx((210, 297), abs=0.5)
    assert landscape.orientation == WD_ORIENT.LANDSCAPE
    assert (landscape.page_width.mm, landscape.page_height.mm) == pytest.approx((297, 210), abs=0.5)
    # The strip is inherited: the landscape section's footer is the portrait one.
    assert landscape.footer.is_linked_to_previous
    assert "Rzeczpospolita Polska" in footer_text(portrait.footer)
    # The portrait section ends after the signatures; the grid fills the landscape width.
    body = list(doc.element.body)
    breaks = [i for i, el in enumerate(body) if el.find(f"{W}pPr/{W}sectPr") is not None]
    assert len(breaks) == 1
    assert body[breaks[0] - 1] is doc.tables[0]._tbl  # the table ending with the signatures
    assert doc.tables[1]._tbl in body[breaks[0] :]
    width = landscape.page_width - landscape.left_margin - landscape.right_margin
    grid = [int(c.get(f"{W}w")) for c in doc.tables[1]._tbl.iter(f"{W}gridCol")]
    assert sum(grid) * 635 == pytest.approx(width, abs=635)
    assert min(grid[1:]) >= 560  # month names such as "paź" fit on one line


# --- the package: task ids, validity, the per-process base ---------------------------------

CUSTOM_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/custom-properties}"
VT_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes}"
CUSTOM_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"


def custom_properties(data: bytes) -> dict[str, tuple[str, str]]:
    """name -> (value type, value) of the custom properties, found the way Word finds them."""
    import io
    import zipfile

    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        rels = etree.fromstring(archive.read("_rels/.rels"))
        (target,) = [str(r.get("Target")) for r in rels if r.get("Type") == CUSTOM_REL]
        types = etree.fromstring(archive.read("[Content_Types].xml"))
        overrides = {o.get("PartName"): o.get("ContentType") for o in types}
        assert overrides["/" + target.lstrip("/")] == (
            "application/vnd.openxmlformats-officedocument.custom-properties+xml"
        )
        root = etree.fromstring(archive.read(target.lstrip("/")))
    found = {}
    for prop in root.iter(f"{CUSTOM_NS}property"):
        assert prop.get("fmtid") == "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
        assert int(prop.get("pid", "0")) >= 2
        (value,) = list(prop)
        found[str(prop.get("name"))] = (str(value.tag).replace(VT_NS, ""), value.text or "")
    return found


def test_task_ids_are_a_custom_property(tmp_path: Path) -> None:
    import hashlib
    import json

    plan = plan_from(
        """\
rok: 2023
zadania:
  - id: spotkania-1
    zadanie: Spotkania z mieszkańcami & radą sołecką „<Klucze>”
    termin: marzec 2023
  - zadanie: Zadanie bez identyfikatora
    termin: kwiecień 2023
  - id: festyn.2023
    zadanie: Festyn rodzinny
    termin: czerwiec 2023
"""
    )
    data = render_docx(plan, RenderOptions())
    kind, value = custom_properties(data)["osl-plan-task-ids"]
    assert kind == "lpwstr"
    assert " " not in value  # compact JSON

    def key(text: str) -> str:
        return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]

    assert json.loads(value) == {
        key("Spotkania z mieszkańcami & radą sołecką „<Klucze>”"): "spotkania-1",
        key("Festyn rodzinny"): "festyn.2023",
    }
    reopen(data, tmp_path)  # python-docx opens the package too


def test_plan_without_ids_has_an_empty_task_id_map(doc_2023: Any, plan_2023: Plan) -> None:
    assert all(task.id is None for task in plan_2023.zadania)
    assert custom_properties(render_docx(plan_2023, RenderOptions())) == {
        "osl-plan-task-ids": ("lpwstr", "{}")
    }


def test_plans_rendered_in_one_process_share_nothing_but_the_base(tmp_path: Path) -> None:
    chapter = "sekcje:\n  - tytul: Cele\n    tresc: |\n      2. drugi\n      3. trzeci\n"
    first = plan_from(MINIMAL + chapter)
    second = plan_from(MINIMAL.replace("Spotkania z mieszkańcami", "Warsztaty") + chapter)
    docs = [
        reopen(render_docx(p, RenderOptions()), tmp_path, f"{i}.docx")
        for i, p in enumerate((first, second, first))
    ]
    texts = ["\n".join(c.text for c in d.tables[0]._cells) for d in docs]
    assert "Warsztaty" in texts[1] and "Spotkania" not in texts[1]
    assert texts[0] == texts[2]
    for doc in docs:  # each document holds its own numbered list, once
        nums = list(doc.part.numbering_part.element.iter(f"{W}num"))
        starts = [n.find(f"{W}lvlOverride/{W}startOverride") for n in nums]
        assert [s.get(f"{W}val") for s in starts if s is not None] == ["2"]


# --- reuse by the redline, the CLI ---------------------------------------------------------


def test_builder_takes_rows_with_tracked_changes(plan_2023: Plan, tmp_path: Path) -> None:
    from osl_plan.columns import table_columns
    from osl_plan.render.docx import DocxBuilder, task_cells, task_row_xml, task_widths, title_xml
    from osl_plan.render.docx import tasks_table as table
    from osl_plan.render.docx_xml import change_attrs, deleted_run_xml, inserted_run_xml

    builder = DocxBuilder(plan_2023, RenderOptions())
    attrs = change_attrs(1, "osl-plan & diff", "2023-01-05T00:00:00Z")
    widths = task_widths(builder)
    columns = table_columns(plan_2023)
    inserted = task_cells(
        plan_2023,
        plan_2023.zadania[0],
        1,
        columns,
        builder.ids,
        keep_terms=False,
        run=lambda text: inserted_run_xml(text, attrs),
    )
    deleted = task_cells(
        plan_2023,
        plan_2023.zadania[1],
        2,
        columns,
        builder.ids,
        keep_terms=False,
        run=lambda text: deleted_run_xml(text, attrs),
    )
    rows = [
        task_row_xml(inserted, widths, mark=f"<w:ins {attrs}/>"),
        task_row_xml(deleted, widths, mark=f"<w:del {attrs}/>"),
    ]
    builder.add(title_xml(plan_2023, builder.ids))
    builder.add(table(plan_2023, builder, keep_terms=False, rows=rows))
    doc = reopen(builder.to_bytes(), tmp_path)
    body = doc.element.body
    assert body.find(f".//{W}ins") is not None
    assert body.find(f".//{W}delText") is not None
    assert body.find(f".//{W}trPr/{W}del") is not None
    assert len(doc.tables[0].rows) == 3


def test_cli_renders_docx(example_2023: Path, tmp_path: Path) -> None:
    out = tmp_path / "plan.docx"
    result = run_cli("render", example_2023, "-f", "docx", "-o", out)
    assert result.exit_code == 0, result.stderr
    assert len(reopen(out.read_bytes(), tmp_path, "again.docx").tables[0].rows) == 20


def test_cli_bad_reference_doc_exits_2_without_output(example_2023: Path, tmp_path: Path) -> None:
    bad = tmp_path / "wzor.docx"
    bad.write_text("nie docx")
    out = tmp_path / "plan.docx"
    result = run_cli("render", example_2023, "-o", out, "--reference-doc", bad)
    assert result.exit_code == 2
    assert "wzor.docx: is not a Word document" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()
