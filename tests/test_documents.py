"""Documents as centres issue them: the unit on page one, the signer's label, days in terms,
lists of addressees, the optional columns and goals, widths from the content, and the redline
that can stay quiet about the year. Every document is reopened and its structure asserted."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from helpers import EXAMPLES, run_cli
from lxml import etree

from osl_plan.columns import table_columns
from osl_plan.diff.compare import diff_plans
from osl_plan.diff.redline import render_redline
from osl_plan.errors import PlanError
from osl_plan.load import loads
from osl_plan.model import Plan
from osl_plan.newyear import carry_forward
from osl_plan.render import RenderOptions
from osl_plan.render.column_widths import column_widths
from osl_plan.render.docx import render_docx
from osl_plan.render.textwidth import text_points

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = {"w": W[1:-1]}
NBSP = "\u00a0"

#: A plan of another centre with the columns and goals of a Milanówek-style plan.
MILANOWEK = """\
rok: 2025
jednostka: Centrum Usług Społecznych w Milanówku
zalacznik: >-
  Załącznik nr 1 do Zarządzenia nr 5/2025 Dyrektora Centrum Usług Społecznych w Milanówku
  z dnia 10 stycznia 2025 r.
cele:
  glowny: Wzrost aktywności mieszkańców Milanówka
  szczegolowe:
    - id: integracja
      tresc: Integracja mieszkańców różnych pokoleń
    - Wzmocnienie organizacji pozarządowych
kolumny:
  - lp
  - zadanie
  - adresaci
  - termin
  - {pole: miejsce, naglowek: MIEJSCE REALIZACJI}
  - partnerzy
  - rezultaty
zadania:
  - zadanie: Dzień Kobiet w Klubie Seniora
    cel: integracja
    adresaci: [Seniorzy, Osoby z niepełnosprawnościami]
    termin: 08.03.2025
    miejsce: Klub Seniora, ul. Kościuszki 45
    partnerzy: [Klub Seniora, Koło Gospodyń Wiejskich]
    rezultaty: 50 uczestników
  - zadanie: Szkolenie dla organizacji pozarządowych
    cel: 2
    termin: 15-16 maja 2025
    lp: "2a"
  - zadanie: Piknik rodzinny
    termin: 15.05 – 30.06.2025
podpisy:
  opracowal: {etykieta: Opracowała, stanowisko: Organizator społeczności lokalnej}
  zatwierdzil: {etykieta: Zatwierdziła, stanowisko: Dyrektor Centrum Usług Społecznych}
"""


def plan_from(text: str) -> Plan:
    return loads(text, "plan.yaml").plan


def reopen(data: bytes, tmp_path: Path, name: str = "plan.docx") -> Any:
    import docx

    path = tmp_path / name
    path.write_bytes(data)
    return docx.Document(str(path))


def texts(cell: Any) -> list[str]:
    return [p.text for p in cell.paragraphs]


@pytest.fixture
def milanowek() -> Plan:
    return plan_from(MILANOWEK)


@pytest.fixture
def doc(milanowek: Plan, tmp_path: Path) -> Any:
    return reopen(render_docx(milanowek, RenderOptions()), tmp_path)


# --- page one ----------------------------------------------------------------------------------


def test_framing_line_and_unit_above_the_title(doc: Any) -> None:
    framing, unit, title = doc.paragraphs[:3]
    assert framing.text.startswith("Załącznik nr 1 do Zarządzenia nr 5/2025 Dyrektora")
    assert framing.alignment == 2  # right
    assert unit.text == f"Centrum Usług Społecznych w{NBSP}Milanówku"
    assert unit.alignment == 1  # centred
    assert title.style.name == "Heading 1"


def test_gmina_names_the_unit_when_jednostka_is_absent(tmp_path: Path) -> None:
    plan = plan_from("rok: 2025\ngmina: Gmina Klucze\nzadania: [{zadanie: A, termin: maj}]\n")
    assert reopen(render_docx(plan, RenderOptions()), tmp_path).paragraphs[0].text == (
        "Gmina Klucze"
    )


def test_logo_with_alt_text_above_the_unit(tmp_path: Path) -> None:
    (tmp_path / "logo.jpg").write_bytes(
        (Path(__file__).parent / "data/render/pasek.jpg").read_bytes()
    )
    plan = plan_from(
        "rok: 2025\njednostka: Centrum Usług Społecznych w Kluczach\nlogo: logo.jpg\n"
        "zadania: [{zadanie: A, termin: maj}]\n"
    )
    doc = reopen(render_docx(plan, RenderOptions(base_dir=tmp_path)), tmp_path, "l.docx")
    logo, unit = doc.paragraphs[:2]
    (doc_pr,) = logo._p.iter(
        "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
    )
    assert doc_pr.get("descr") == "Logo: Centrum Usług Społecznych w Kluczach"
    assert unit.text.startswith("Centrum Usług")
    from osl_plan.render.html import render_html

    page = render_html(plan, RenderOptions(base_dir=tmp_path))
    assert 'alt="Logo: Centrum Usług Społecznych w Kluczach"' in page
    assert 'src="data:image/jpeg;base64,' in page


def test_missing_logo_is_a_located_file_error(tmp_path: Path) -> None:
    from osl_plan.errors import OslPlanError

    plan = plan_from("rok: 2025\nlogo: brak.png\nzadania: [{zadanie: A, termin: maj}]\n")
    with pytest.raises(OslPlanError, match=r"brak\.png: the image does not exist — fix „logo”"):
        render_docx(plan, RenderOptions(base_dir=tmp_path))


# --- signatures -------------------------------------------------------------------------------


def test_signature_labels_round_trip_through_import(milanowek: Plan, tmp_path: Path) -> None:
    from osl_plan.importer import import_docx

    imported = import_docx(render_docx(milanowek, RenderOptions()), "plan.docx").plan
    assert imported.podpisy.opracowal.etykieta == "Opracowała"
    assert imported.podpisy.zatwierdzil.etykieta == "Zatwierdziła"
    assert imported.podpisy.opracowal.stanowisko == "Organizator społeczności lokalnej"
    assert imported.zalacznik == milanowek.zalacznik
    assert imported.jednostka == milanowek.jednostka


# --- terms with days --------------------------------------------------------------------------


def test_days_are_kept_in_every_format(doc: Any, milanowek: Plan) -> None:
    terms = [row.cells[3].text.replace(NBSP, " ") for row in doc.tables[0].rows[1:]]
    assert terms == ["8 marca 2025"]
    second = [row.cells[3].text.replace(NBSP, " ") for row in doc.tables[1].rows[1:]]
    assert second == ["15–16 maja 2025"]
    third = [row.cells[3].text.replace(NBSP, " ") for row in doc.tables[2].rows[1:-1]]
    assert third == ["15.05 – 30.06.2025"]


# --- lists of addressees and other list fields -------------------------------------------------


def test_addressees_print_as_a_list(doc: Any) -> None:
    row = doc.tables[0].rows[1]
    who = row.cells[2]
    assert texts(who) == ["Seniorzy", "Osoby z niepełnosprawnościami".replace(" z ", f" z{NBSP}")]
    assert all(p.style.name == "List Bullet" for p in who.paragraphs)
    partners = row.cells[5]
    assert [p.style.name for p in partners.paragraphs] == ["List Bullet"] * 2
    single = row.cells[6]  # one result: a plain paragraph, not a one-item list
    assert [p.style.name for p in single.paragraphs] == ["Tekst tabeli"]


def test_addressees_print_as_a_list_in_html_and_markdown(milanowek: Plan) -> None:
    from osl_plan.render.html import render_html
    from osl_plan.render.markdown import render_markdown

    page = render_html(milanowek, RenderOptions())
    assert (
        '<ul class="items"><li>Seniorzy</li><li>Osoby z&nbsp;niepełnosprawnościami</li></ul>'
        in page.replace(NBSP, "&nbsp;")
    )
    md = render_markdown(milanowek, RenderOptions()).replace(NBSP, " ")
    assert "| • Seniorzy<br>• Osoby z niepełnosprawnościami |" in md


# --- columns and goals ------------------------------------------------------------------------


def test_columns_as_chosen_with_headings_and_numbers(doc: Any) -> None:
    header = [c.text for c in doc.tables[0].rows[0].cells]
    assert header == [
        "Lp.",
        "ZADANIE",
        "ADRESACI",
        "TERMINY PLANOWANYCH DZIAŁAŃ",
        "MIEJSCE REALIZACJI",
        "PARTNERZY",
        "REZULTATY",
    ]
    first = doc.tables[0].rows[1].cells
    assert first[0].text == "1."
    assert first[4].text == "Klub Seniora, ul. Kościuszki 45"
    assert doc.tables[1].rows[1].cells[0].text == "2a"  # lp as written
    assert doc.tables[2].rows[1].cells[0].text == "3."  # its position in the plan


def test_goals_chapter_and_table_grouped_under_them(doc: Any) -> None:
    paragraphs = [p.text.replace(NBSP, " ") for p in doc.paragraphs]
    assert "Cele" in paragraphs
    assert "Cel główny: Wzrost aktywności mieszkańców Milanówka" in paragraphs
    headings = [p.text.replace(NBSP, " ") for p in doc.paragraphs if p.style.name == "Heading 2"]
    assert headings == [
        "Cele",
        "Cel szczegółowy 1. Integracja mieszkańców różnych pokoleń",
        "Cel szczegółowy 2. Wzmocnienie organizacji pozarządowych",
        "Pozostałe zadania",
    ]
    body = list(doc.element.body)
    order = [body.index(t._tbl) for t in doc.tables]
    assert order == sorted(order) and len(doc.tables) == 3
    # The signatures close the last group's table, kept with its last task row.
    assert doc.tables[2].rows[-1].cells[0].text.startswith("Opracowała:")
    assert doc.tables[0].rows[-1].cells[1].text.startswith("Dzień Kobiet")


def test_default_columns_are_the_seed_three_plus_fields_in_use(tmp_path: Path) -> None:
    seed = plan_from((EXAMPLES / "plan_2023.yaml").read_text(encoding="utf-8"))
    assert [c.heading for c in table_columns(seed)] == [
        "ZADANIE",
        "ADRESACI",
        "TERMINY PLANOWANYCH DZIAŁAŃ",
    ]
    plan = plan_from(
        "rok: 2025\nzadania:\n  - {zadanie: A, termin: maj, koszt: 2000, odpowiedzialny: OSL}\n"
        "  - {zadanie: B, termin: maj}\n"
    )
    assert [c.key for c in table_columns(plan)] == [
        "zadanie",
        "adresaci",
        "termin",
        "odpowiedzialny",
        "koszt",
    ]
    assert plan.zadania[0].koszt == "2000"


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ("kolumny: [adresaci, termin]\n", "kolumny: has no „zadanie” column"),
        ("kolumny: [zadanie, termin, termin]\n", "kolumny: names „termin” twice"),
        ("kolumny: [zadanie, miejsca]\n", "kolumny[2].pole: „miejsca” is not one of"),
    ],
)
def test_bad_columns_are_one_located_message(extra: str, message: str) -> None:
    with pytest.raises(PlanError) as caught:
        plan_from("rok: 2025\n" + extra + "zadania: [{zadanie: A, termin: maj}]\n")
    assert any(message in line for line in caught.value.lines()), caught.value.lines()


def test_a_task_naming_no_goal_is_an_error_listing_the_goals() -> None:
    text = MILANOWEK.replace("cel: 2\n", "cel: 7\n")
    with pytest.raises(PlanError) as caught:
        plan_from(text)
    (line,) = [x for x in caught.value.lines() if "zadania[2].cel" in x]
    assert "„7” is none of the specific goals" in line and "integracja, 2" in line


# --- widths from the content ------------------------------------------------------------------


def test_every_column_fits_its_longest_word() -> None:
    plan = plan_from(MILANOWEK.replace("  - partnerzy\n  - rezultaty\n", ""))
    columns = table_columns(plan)
    widths = column_widths(plan, columns, 9354)
    assert sum(widths) == 9354
    by_key = dict(zip((c.key for c in columns), widths, strict=True))
    # „niepełnosprawnościami” plus the bullet's indent, and „REALIZACJI” in bold, fit.
    # „z” is tied to the word after it by a no-break space: the two are one unbreakable unit.
    assert by_key["adresaci"] / 20 > text_points(f"z{NBSP}niepełnosprawnościami", 11) + 14
    assert by_key["miejsce"] / 20 > text_points("REALIZACJI", 11, bold=True)


def test_seed_widths_follow_its_text(tmp_path: Path) -> None:
    seed = plan_from((EXAMPLES / "plan_2023.yaml").read_text(encoding="utf-8"))
    zadanie, adresaci, termin = column_widths(seed, table_columns(seed), 9354)
    assert zadanie > adresaci and zadanie > termin
    assert termin / 20 > text_points("PLANOWANYCH", 11, bold=True)


# --- diff, import, new, schema ----------------------------------------------------------------


def test_diff_reports_the_new_fields(milanowek: Plan) -> None:
    changed = plan_from(
        MILANOWEK.replace("ul. Kościuszki 45", "ul. Spacerowa 4").replace(
            "Opracowała", "Opracowanie"
        )
    )
    result = diff_plans(milanowek, changed)
    (pair,) = result.changed
    assert [f.field for f in pair.fields] == ["miejsce"]
    assert [f.field for f in result.plan_fields] == ["podpisy.opracowal.etykieta"]


def test_import_reads_the_other_columns_back(milanowek: Plan) -> None:
    from osl_plan.importer import import_docx

    imported = import_docx(render_docx(milanowek, RenderOptions()), "plan.docx").plan
    first, second, third = imported.zadania
    assert first.miejsce == "Klub Seniora, ul. Kościuszki 45"
    assert first.partnerzy == ("Klub Seniora", "Koło Gospodyń Wiejskich")
    assert first.adresaci == ("Seniorzy", "Osoby z niepełnosprawnościami")
    assert first.rezultaty == ("50 uczestników",)
    assert first.lp is None and second.lp == "2a"  # a number that is just the position is left out
    assert [t.zadanie for t in imported.zadania] == [t.zadanie for t in milanowek.zadania]
    assert third.termin.printed() == milanowek.zadania[2].termin.printed()


def test_new_keeps_the_new_fields(milanowek: Plan) -> None:
    moved = carry_forward(milanowek, 2026).plan
    assert moved.zadania[0].miejsce == milanowek.zadania[0].miejsce
    assert moved.zadania[0].termin.printed(nbsp=False) == "8 marca 2026"
    assert moved.kolumny == milanowek.kolumny and moved.cele == milanowek.cele
    assert moved.podpisy.opracowal.etykieta == "Opracowała"


def test_schema_knows_the_new_fields() -> None:
    import json

    schema = json.loads((Path(__file__).parent.parent / "schema/plan.schema.json").read_text())
    task = schema["$defs"]["Task"]["properties"]
    for key in ("lp", "cel", "partnerzy", "realizatorzy", "miejsce", "odpowiedzialny"):
        assert key in task
    for key in ("rezultaty", "koszt", "zrodlo_finansowania"):
        assert key in task
    assert {"zalacznik", "logo", "cele", "kolumny"} <= set(schema["properties"])
    assert "etykieta" in schema["$defs"]["Signature"]["properties"]


# --- the redline and the year ------------------------------------------------------------------


def _body(docx: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        return etree.fromstring(archive.read("word/document.xml"))


def test_redline_can_leave_year_only_changes_untracked() -> None:
    from helpers import accept_all, paragraphs, reject_all

    old = plan_from((EXAMPLES / "plan_2023.yaml").read_text(encoding="utf-8"))
    new_plan = carry_forward(old, 2024).plan
    # Two real edits on top of the year: one task rescheduled, one renamed.
    data = new_plan.model_dump(mode="json", exclude_none=True)
    data["zadania"][5]["termin"] = "Kwiecień 2024"
    data["zadania"][8]["zadanie"] = "Partnerstwo przy organizacji imprezy „Sobótka 2024”"
    new = Plan.model_validate(data, context={"rok": 2024})
    result = diff_plans(old, new)
    loud, quiet = render_redline(result), render_redline(result, years_untracked=True)
    count = "//w:ins[not(parent::w:rPr)] | //w:del[not(parent::w:rPr)]"
    loud_changes = len(_body(loud).xpath(count, namespaces=NS))
    quiet_changes = len(_body(quiet).xpath(count, namespaces=NS))
    assert loud_changes > 30  # every term's year (46 here)
    assert 0 < quiet_changes <= 10  # title year line, the rescheduled term, the renamed task
    quiet_text = paragraphs(_body(quiet))
    assert paragraphs(accept_all(_body(quiet))) == paragraphs(accept_all(_body(loud)))
    rejected = [t.replace(NBSP, " ") for t in paragraphs(reject_all(_body(quiet)))]
    # Rejecting all: OLD's real changes come back (the rescheduled term), the years stay NEW's.
    assert rejected.count("Marzec 2023") == 1
    assert "Styczeń – grudzień 2024" in rejected and "Styczeń – grudzień 2023" not in rejected
    assert "2023 ROK" in rejected
    assert any("Sobótka”" in t and "2024" not in t for t in rejected)
    assert quiet_text


def test_cli_years_untracked_option(tmp_path: Path) -> None:
    out = tmp_path / "redline.docx"
    result = run_cli(
        "diff",
        EXAMPLES / "plan_2022.yaml",
        EXAMPLES / "plan_2023.yaml",
        "-f",
        "docx",
        "--years-untracked",
        "-o",
        out,
    )
    assert result.exit_code == 0, result.stderr
    assert _body(out.read_bytes()).xpath("//w:ins", namespaces=NS)


def test_goal_error_speaks_polish_by_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("OSL_PLAN_LANG", raising=False)
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(variable, raising=False)
    path = tmp_path / "plan.yaml"
    path.write_text(MILANOWEK.replace("cel: 2\n", "cel: 7\n"), encoding="utf-8")
    result = run_cli("validate", path)
    assert result.exit_code == 1
    assert (
        "zadania[2].cel: „7” nie jest żadnym z celów szczegółowych w „cele.szczegolowe” – "
        "wpisz identyfikator lub numer jednego z nich: integracja, 2"
    ) in result.stdout + result.stderr


def test_new_fields_are_written_back_as_yaml(milanowek: Plan) -> None:
    from osl_plan.yamlout import dump_plan

    again = plan_from(dump_plan(milanowek))
    assert again == milanowek


def test_import_writes_the_goals_labels_and_fields_it_read(milanowek: Plan) -> None:
    from osl_plan.importer import import_docx

    imported = import_docx(render_docx(milanowek, RenderOptions()), "plan.docx").plan
    assert (
        imported.cele
        == milanowek.cele.model_copy(
            update={
                "szczegolowe": tuple(
                    g.model_copy(update={"id": None}) for g in milanowek.cele.szczegolowe
                )
            }
        )
        if milanowek.cele
        else False
    )
    assert [t.cel for t in imported.zadania] == ["1", "2", None]  # goals by number
    assert imported.sekcje == ()  # the goals chapter is the goals, not a chapter
    assert [(t.zadanie, t.termin.printed()) for t in imported.zadania] == [
        (t.zadanie, t.termin.printed()) for t in milanowek.zadania
    ]


def test_new_says_the_framing_line_is_last_years(milanowek: Plan) -> None:
    summary = carry_forward(milanowek, 2026).summary
    assert any("framing line (zalacznik)" in line for line in summary)


def test_a_table_too_wide_for_portrait_goes_on_landscape_pages(doc: Any) -> None:
    from docx.enum.section import WD_ORIENT

    portrait, landscape = doc.sections
    assert portrait.orientation != WD_ORIENT.LANDSCAPE
    assert landscape.orientation == WD_ORIENT.LANDSCAPE
    width = (landscape.page_width - landscape.left_margin - landscape.right_margin) / 635
    grid = [int(c.get(f"{W}w")) for c in doc.tables[0]._tbl.tblGrid.iter(f"{W}gridCol")]
    assert abs(sum(grid) - width) <= 3
    # The title and the goals stay on the portrait page one.
    body = list(doc.element.body)
    breaks = [i for i, el in enumerate(body) if el.find(f"{W}pPr/{W}sectPr") is not None]
    assert len(breaks) == 1 and breaks[0] < body.index(doc.tables[0]._tbl)


def test_three_columns_stay_portrait(tmp_path: Path) -> None:
    seed = plan_from((EXAMPLES / "plan_2023.yaml").read_text(encoding="utf-8"))
    assert len(reopen(render_docx(seed, RenderOptions()), tmp_path).sections) == 1


def test_new_problems_have_stable_codes(tmp_path: Path) -> None:
    import json

    bad = tmp_path / "bad.yaml"
    bad.write_text(
        MILANOWEK.replace("cel: 2\n", "cel: 7\n").replace("etykieta: Zatwierdziła", "etykieta: X"),
        encoding="utf-8",
    )
    columns = tmp_path / "columns.yaml"
    columns.write_text(
        "rok: 2025\nkolumny: [termin]\nzadania: [{zadanie: A, termin: maj}]\n", encoding="utf-8"
    )
    result = run_cli("validate", "--format", "json", bad, columns)
    files = json.loads(result.stdout)["files"]
    codes = [sorted({p["code"] for p in f["problems"]}) for f in files]
    assert codes == [["invalid-signature-label", "unknown-goal"], ["invalid-columns"]]


def test_html_table_too_wide_for_the_page_takes_the_window(milanowek: Plan) -> None:
    from osl_plan.render.html import render_html

    wide = render_html(milanowek, RenderOptions())
    # On paper smaller text; on screen the window's width, in a region that scrolls sideways.
    region = '<div class="scroll wide" role="region" aria-labelledby="zadania-1" tabindex="0">'
    assert region in wide
    assert '<table class="tasks" style="--print-size: 8.0pt; --needed-em: ' in wide
    assert '<caption id="zadania-1">' in wide
    seed = plan_from((EXAMPLES / "plan_2023.yaml").read_text(encoding="utf-8"))
    page = render_html(seed, RenderOptions(base_dir=EXAMPLES))
    assert '<div class="scroll" role="region"' in page and '<table class="tasks">' in page
    assert 'lang="pl"' in page and "hyphens: auto" in page
    # A word breaks only where it may be hyphenated: never anywhere.
    for page_text in (wide, page):
        assert "break-all" not in page_text and "anywhere" not in page_text
        assert "break-word" not in page_text


def test_schema_accepts_the_short_forms(tmp_path: Path) -> None:
    import json

    import jsonschema
    import yaml
    from helpers import readme_example

    schema = json.loads((Path(__file__).parent.parent / "schema/plan.schema.json").read_text())
    validator = jsonschema.Draft202012Validator(schema)
    for text in (readme_example(tmp_path).read_text(encoding="utf-8"), MILANOWEK):
        assert list(validator.iter_errors(yaml.safe_load(text))) == []
    wrong = yaml.safe_load(MILANOWEK.replace("  - lp\n", "  - numer\n"))
    assert list(validator.iter_errors(wrong))
