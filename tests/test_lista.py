"""``osl-plan lista``: attendance lists picked from the plan, laid out for signing by hand."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path
from typing import Any

import docx
import pytest
from helpers import normalise, pdf_info, poppler, run_cli

from osl_plan.errors import UsageError
from osl_plan.lista.clause import DEFAULT_CLAUSE, clause
from osl_plan.lista.docx import ROW_HEIGHT, ListaOptions, render_lista_docx, rows_per_page
from osl_plan.lista.sheets import sheets_for
from osl_plan.load import loads
from osl_plan.model import Plan
from osl_plan.polish import parse_day
from osl_plan.render import RenderOptions

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
PLAN = """\
rok: 2025
jednostka: Centrum Usług Społecznych w Kluczach
gmina: Gmina Klucze
finansowanie: fers-2021-2027
zadania:
  - id: dzien-kobiet
    zadanie: Spotkanie z okazji Dnia Kobiet dla mieszkanek gminy
    adresaci: Mieszkanki gminy
    termin: 08.03.2025
    miejsce: Świetlica wiejska w Rodakach
  - zadanie: Warsztaty rękodzieła dla seniorów z Klubu Seniora „Pogodna Jesień”
    adresaci: Seniorzy
    termin: marzec – maj 2025
  - zadanie: Spotkania organizacyjne ze społecznością lokalną
    termin: styczeń – grudzień 2025
  - zadanie: Festyn rodzinny „Lato w Kluczach”
    termin: lipiec 2025
"""
#: The marks of the FERS strip as text (no image given): they must be on every page.
STRIP_WORDS = ("Fundusze Europejskie", "Rzeczpospolita Polska", "Unię Europejską")


@pytest.fixture
def plan() -> Plan:
    return loads(PLAN, "plan.yaml").plan


@pytest.fixture
def plan_file(tmp_path: Path) -> Path:
    path = tmp_path / "plan.yaml"
    path.write_text(PLAN, encoding="utf-8")
    return path


def lay_out(plan: Plan, rows: int | None = None, **choice: Any) -> Any:
    sheets = sheets_for(plan, **choice)
    data = render_lista_docx(
        plan, sheets, ListaOptions(rows=rows, clause=clause(plan), render=RenderOptions())
    )
    return docx.Document(io.BytesIO(data))


# --- which sheets -----------------------------------------------------------------------------


def test_one_task_by_id_takes_its_own_day_and_place(plan: Plan) -> None:
    (sheet,) = sheets_for(plan, zadanie="dzien-kobiet")
    assert (sheet.number, sheet.date, sheet.place) == (
        1,
        "8 marca 2025 r.",
        "Świetlica wiejska w Rodakach",
    )


def test_one_task_by_number_with_a_given_day_and_place(plan: Plan) -> None:
    (sheet,) = sheets_for(plan, zadanie="2", data="2025-04-15", miejsce="Klub Seniora")
    assert sheet.task.zadanie.startswith("Warsztaty rękodzieła")
    assert (sheet.date, sheet.place) == ("15 kwietnia 2025 r.", "Klub Seniora")


def test_a_task_over_months_without_a_day_leaves_the_date_to_fill_in(plan: Plan) -> None:
    (sheet,) = sheets_for(plan, zadanie="3")
    assert (sheet.date, sheet.place) == ("", "")


def test_a_month_gives_every_task_running_then(plan: Plan) -> None:
    sheets = sheets_for(plan, miesiac="2025-03")
    assert [s.number for s in sheets] == [1, 2, 3]
    assert [s.number for s in sheets_for(plan, miesiac="07.2025")] == [3, 4]


@pytest.mark.parametrize(
    ("choice", "message"),
    [
        ({}, "choose the task with --zadanie"),
        ({"zadanie": "1", "miesiac": "2025-03"}, "choose the task with --zadanie"),
        ({"zadanie": "9"}, "the plan has tasks 1 to 4"),
        ({"zadanie": "festyn"}, "„festyn”: no task has this id"),
        ({"zadanie": "1", "data": "31.02.2025"}, "„31.02.2025” is not a date"),
        ({"miesiac": "marc"}, "„marc” is not a month"),
        ({"miesiac": "2025-13"}, "„2025-13” is not a month"),
        ({"miesiac": "2026-02"}, "no task of the plan runs in luty 2026"),
        ({"miesiac": "2025-03", "data": "01.04.2025"}, "is not in the month"),
    ],
)
def test_a_wrong_choice_says_what_to_give(plan: Plan, choice: dict[str, str], message: str) -> None:
    with pytest.raises(UsageError, match=message):
        sheets_for(plan, **choice)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("12.03.2025", (2025, 3, 12)),
        ("2025-03-12", (2025, 3, 12)),
        ("12 marca 2025 r.", (2025, 3, 12)),
        ("29.02.2025", None),
        ("marzec 2025", None),
    ],
)
def test_days_as_people_write_them(text: str, day: tuple[int, int, int] | None) -> None:
    parsed = parse_day(text)
    assert (parsed.timetuple()[:3] if parsed else None) == day


def test_the_clause_comes_from_the_plan_or_names_the_unit(plan: Plan) -> None:
    assert clause(plan) == DEFAULT_CLAUSE.format(jednostka="Centrum Usług Społecznych w Kluczach")
    own = loads(PLAN + "lista:\n  klauzula: Administratorem danych jest Gmina Klucze.\n").plan
    assert clause(own) == "Administratorem danych jest Gmina Klucze."
    assert clause(own, "Tekst inspektora.") == "Tekst inspektora."


# --- the page ---------------------------------------------------------------------------------


def test_page_has_heading_task_date_place_table_and_clause(plan: Plan) -> None:
    document = lay_out(plan, zadanie="dzien-kobiet")
    texts = [p.text.replace("\xa0", " ") for p in document.paragraphs]
    assert texts[0] == "Centrum Usług Społecznych w Kluczach"
    assert document.paragraphs[1].text == "Lista obecności"
    assert document.paragraphs[1].style.name == "Heading 1"  # a real heading, as the plan's title
    assert "1. Spotkanie z okazji Dnia Kobiet dla mieszkanek gminy" in texts[2].replace("\xa0", " ")
    assert "8 marca 2025 r." in texts[3] and "Świetlica wiejska w Rodakach" in texts[3]
    assert texts[-1].replace("\xa0", " ").startswith("Administratorem danych osobowych")
    (table,) = document.tables
    assert [c.text for c in table.rows[0].cells] == [
        "Lp.",
        "Imię i nazwisko",
        "Miejscowość / instytucja",
        "Podpis",
    ]
    assert document.core_properties.title.startswith("Lista obecności – Spotkanie z okazji")


def test_rows_are_numbered_tall_enough_and_the_header_repeats(plan: Plan) -> None:
    document = lay_out(plan, rows=12, zadanie="1")
    (table,) = document.tables
    header, *rows = table.rows
    assert header._tr.trPr.find(f"{W}tblHeader") is not None
    assert [r.cells[0].text for r in rows] == [f"{n}." for n in range(1, 13)]
    for row in rows:
        height = row._tr.trPr.find(f"{W}trHeight")
        assert int(height.get(f"{W}val")) >= 510  # 9 mm
        assert row._tr.trPr.find(f"{W}cantSplit") is not None
    assert ROW_HEIGHT >= 510


def test_many_rows_continue_on_pages_that_repeat_heading_and_clause(plan: Plan) -> None:
    per_page = rows_per_page(plan.zadania[0].zadanie, clause(plan))
    document = lay_out(plan, rows=per_page * 2 + 3, zadanie="1")
    assert len(document.tables) == 3
    numbers = [r.cells[0].text for t in document.tables for r in t.rows[1:]]
    assert numbers == [f"{n}." for n in range(1, per_page * 2 + 4)]
    headings = [p for p in document.paragraphs if p.text == "Lista obecności"]
    clauses = [p for p in document.paragraphs if p.text.startswith("Administratorem")]
    assert len(headings) == len(clauses) == 3


def test_a_month_puts_each_task_on_its_own_page(plan: Plan) -> None:
    document = lay_out(plan, miesiac="2025-03")
    assert len(document.tables) == 3
    unit_paragraphs = [p for p in document.paragraphs if p.text.startswith("Centrum Usług")]
    breaks = [p._p.pPr.find(f"{W}pageBreakBefore") is not None for p in unit_paragraphs]
    assert breaks == [False, True, True]


def test_the_strip_is_in_every_footer_and_the_language_is_polish(plan: Plan) -> None:
    document = lay_out(plan, zadanie="1")
    footer = " ".join(p.text for p in document.sections[0].footer.paragraphs)
    footer += " ".join(c.text for t in document.sections[0].footer.tables for c in t._cells)
    for word in STRIP_WORDS:
        assert word in footer.replace("\n", " ")
    styles = document.styles.element.xml
    assert 'w:val="pl-PL"' in styles or 'w:eastAsia="pl-PL"' in styles


def test_fewer_rows_fit_when_the_name_or_the_clause_is_long() -> None:
    short = rows_per_page("Festyn", DEFAULT_CLAUSE)
    assert rows_per_page("Festyn rodzinny " * 12, DEFAULT_CLAUSE) < short
    assert rows_per_page("Festyn", DEFAULT_CLAUSE * 3) < short
    assert short >= 15


# --- the command ------------------------------------------------------------------------------


def test_cli_writes_the_default_file_and_says_how_many_lists(plan_file: Path) -> None:
    result = run_cli("lista", plan_file, "--miesiac", "2025-03", cwd=plan_file.parent)
    assert result.exit_code == 0, result.stderr
    assert "Wrote lista_plan.docx (3 attendance lists)" in result.stderr
    assert docx.Document(str(plan_file.parent / "lista_plan.docx")).tables


def test_cli_speaks_polish_by_default(plan_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OSL_PLAN_LANG")
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(variable, raising=False)
    result = run_cli("lista", plan_file, "-z", "1", cwd=plan_file.parent)
    assert "Zapisano lista_plan.docx (1 lista obecności)" in result.stderr
    result = run_cli("lista", plan_file, "-m", "2025-03", "-o", "m.docx", cwd=plan_file.parent)
    assert "Zapisano m.docx (3 listy obecności)" in result.stderr
    result = run_cli("lista", plan_file, "-z", "9", cwd=plan_file.parent)
    assert result.exit_code == 2
    assert "plan ma zadania od 1 do 4" in result.stderr


def test_cli_failure_writes_nothing_and_keeps_the_old_file(plan_file: Path) -> None:
    target = plan_file.parent / "lista.docx"
    target.write_bytes(b"old")
    result = run_cli("lista", plan_file, "--zadanie", "festyn", "-o", target)
    assert result.exit_code == 2
    assert "no task has this id" in result.stderr and "Traceback" not in result.stderr
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in plan_file.parent.iterdir()) == ["lista.docx", "plan.yaml"]


def test_cli_refuses_to_write_over_its_inputs(plan_file: Path, tmp_path: Path) -> None:
    clause_file = tmp_path / "klauzula.txt"
    clause_file.write_text("Klauzula inspektora ochrony danych.", encoding="utf-8")
    before = clause_file.read_bytes()
    result = run_cli("lista", plan_file, "-z", "1", "--klauzula", clause_file, "-o", clause_file)
    assert result.exit_code == 2
    assert "is a file this command reads" in result.stderr
    assert clause_file.read_bytes() == before
    result = run_cli("lista", plan_file, "-z", "1", "-o", plan_file)
    assert result.exit_code == 2 and "is the input plan" in result.stderr


def test_cli_clause_from_a_file(plan_file: Path, tmp_path: Path) -> None:
    clause_file = tmp_path / "klauzula.txt"
    clause_file.write_text("Administratorem danych jest Gmina Klucze.\n", encoding="utf-8")
    out = tmp_path / "l.docx"
    result = run_cli("lista", plan_file, "-z", "1", "--klauzula", clause_file, "-o", out)
    assert result.exit_code == 0, result.stderr
    texts = [p.text.replace("\xa0", " ") for p in docx.Document(str(out)).paragraphs]
    assert texts[-1] == "Administratorem danych jest Gmina Klucze."
    clause_file.write_text("  \n", encoding="utf-8")
    result = run_cli("lista", plan_file, "-z", "1", "--klauzula", clause_file, "-o", out)
    assert result.exit_code == 2 and "the clause file is empty" in result.stderr


def test_an_invalid_plan_is_reported_as_for_render(tmp_path: Path) -> None:
    bad = tmp_path / "plan.yaml"
    bad.write_text(PLAN.replace("miejsce:", "miejsca:"), encoding="utf-8")
    result = run_cli("lista", bad, "-z", "1", "-o", tmp_path / "l.docx")
    assert result.exit_code == 1
    assert (
        "plan.yaml:10:5: zadania[1].miejsca: unknown key „miejsca” — did you mean „miejsce”?"
        in (result.stderr)
    )
    assert not (tmp_path / "l.docx").exists()


# --- on paper: LibreOffice's PDF ----------------------------------------------------------


def pdf_pages(path: Path) -> list[str]:
    pages = int(pdf_info(path)["Pages"])
    return [
        normalise(
            subprocess.run(
                [poppler("pdftotext"), "-f", str(n), "-l", str(n), "-enc", "UTF-8", str(path), "-"],
                capture_output=True,
                check=True,
                timeout=60,
            ).stdout.decode("utf-8")
        )
        for n in range(1, pages + 1)
    ]


def row_tops(path: Path, page: int) -> dict[str, float]:
    """The top (in points) of each row number „N.” on a page, from pdftotext's word boxes."""
    import re

    html = subprocess.run(
        [poppler("pdftotext"), "-bbox", "-f", str(page), "-l", str(page), str(path), "-"],
        capture_output=True,
        check=True,
        timeout=60,
    ).stdout.decode("utf-8")
    words = re.findall(r'yMin="([\d.]+)"[^>]*>(\d+\.)</word>', html)
    return {text: float(top) for top, text in words}


@pytest.mark.libreoffice
def test_every_pdf_page_carries_strip_task_clause_and_rows(
    soffice: str, plan_file: Path, tmp_path: Path
) -> None:
    long_name = "Warsztaty rękodzieła dla seniorów " * 6
    text = PLAN.replace("Festyn rodzinny „Lato w Kluczach”", long_name.strip())
    plan_file.write_text(text, encoding="utf-8")
    out = tmp_path / "lista.pdf"
    result = run_cli("lista", plan_file, "--miesiac", "2025-07", "-f", "pdf", "-o", out)
    assert result.exit_code == 0, result.stderr
    pages = pdf_pages(out)
    assert len(pages) == 2, "each list fills exactly one page"
    for page, task in zip(pages, ("Spotkania organizacyjne", "Warsztaty rękodzieła"), strict=True):
        assert "Lista obecności" in page and task in page
        assert "Administratorem danych osobowych" in page
        for word in STRIP_WORDS:
            assert word in page
        assert "1." in page and "Podpis" in page
    tops = row_tops(out, 1)
    step = tops["2."] - tops["1."]
    assert step >= 9 / 25.4 * 72, f"rows {step:.1f} pt apart: less than 9 mm"
    assert info_is_a4(out)


def info_is_a4(path: Path) -> bool:
    return pdf_info(path)["Page size"].startswith("595")


@pytest.mark.libreoffice
def test_forty_rows_run_over_pages_that_each_carry_everything(
    soffice: str, plan_file: Path, tmp_path: Path
) -> None:
    out = tmp_path / "lista.pdf"
    result = run_cli("lista", plan_file, "-z", "1", "--wiersze", "40", "-f", "pdf", "-o", out)
    assert result.exit_code == 0, result.stderr
    pages = pdf_pages(out)
    assert len(pages) == 3
    for page in pages:
        assert "Spotkanie z okazji Dnia Kobiet" in page and "8 marca 2025 r." in page
        assert "Administratorem danych osobowych" in page
        assert all(word in page for word in STRIP_WORDS)
    assert "40." in pages[-1] and "41." not in pages[-1]


@pytest.mark.libreoffice
def test_odt_through_libreoffice_holds_the_lists(
    soffice: str, plan_file: Path, tmp_path: Path
) -> None:
    import zipfile

    out = tmp_path / "lista.odt"
    result = run_cli("lista", plan_file, "--miesiac", "2025-03", "-f", "odt", "-o", out)
    assert result.exit_code == 0, result.stderr
    with zipfile.ZipFile(out) as archive:
        assert archive.read("mimetype") == b"application/vnd.oasis.opendocument.text"
        content = archive.read("content.xml").decode("utf-8")
    import re

    content = normalise(re.sub(r"<[^>]+>", " ", content))
    assert content.count("Lista obecności") == 3
    for name in ("Spotkanie z okazji Dnia Kobiet", "Warsztaty rękodzieła", "Spotkania organiz"):
        assert name in content
