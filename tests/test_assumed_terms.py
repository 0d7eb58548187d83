"""Words that name no months keep their meaning in print (issue 21, point 6).

„w miarę potrzeb” and „na bieżąco” printed as „Styczeń – grudzień 2026”, and the deadline
„do 30 czerwca 2026” as the span „Styczeń – czerwiec 2026”. The words are printed as written
(typography normalised); status, the report and the harmonogram count the assumed months, and
validation warns once, naming them.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import docx
import pytest
from helpers import run_cli

from osl_plan.diff.words import term_note
from osl_plan.load import loads
from osl_plan.render import RenderOptions, render
from osl_plan.render.schedule import schedule
from osl_plan.term_parse import parse_term
from osl_plan.terms import Month

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("written", "printed", "months"),
    [
        ("w miarę potrzeb", "W miarę potrzeb", (1, 12)),
        ("na bieżąco", "Na bieżąco", (1, 12)),
        ("według potrzeb", "Według potrzeb", (1, 12)),
        ("w ciągu roku", "W ciągu roku", (1, 12)),
        ("do końca roku", "Do końca roku", (1, 12)),
        ("do 30 czerwca 2026", "Do 30 czerwca 2026", (1, 6)),
        ("do  30.06.2026r.", "Do 30.06.2026 r.", (1, 6)),
        ("do czerwca 2026", "Do czerwca 2026", (1, 6)),
        ("od 15.03.2026", "Od 15.03.2026", (3, 12)),
        ("od września 2026", "Od września 2026", (9, 12)),
        ("wakacje 2026", "Wakacje 2026", (7, 8)),
        ("ferie zimowe 2026", "Ferie zimowe 2026", (1, 2)),
        ("„na bieżąco”", "Na bieżąco", (1, 12)),
    ],
)
def test_words_without_months_print_as_written(
    written: str, printed: str, months: tuple[int, int]
) -> None:
    term = parse_term(written, default_year=2026)
    assert term.assumed
    assert term.printed(nbsp=False) == printed
    assert (term.start, term.end) == (Month(2026, months[0]), Month(2026, months[1]))
    # the words print with the documents' spaces, and read back as the same months
    assert term.printed(nbsp=True).replace(NBSP, " ") == printed
    assert parse_term(term.printed(), default_year=2026).ranges == term.ranges


@pytest.mark.parametrize(
    ("written", "printed"),
    [
        ("cały rok", "Styczeń – grudzień 2026"),
        ("przez cały rok 2026", "Styczeń – grudzień 2026"),
        ("2026", "Styczeń – grudzień 2026"),
        ("od marca do czerwca 2026", "Marzec – czerwiec 2026"),  # both ends written
        ("I kwartał 2026", "Styczeń – marzec 2026"),
        ("Maj - Czerwiec 2026", "Maj – czerwiec 2026"),
    ],
)
def test_terms_that_name_their_months_are_normalised_as_before(written: str, printed: str) -> None:
    term = parse_term(written, default_year=2026)
    assert not term.assumed
    assert term.printed(nbsp=False) == printed


def test_moving_a_term_keeps_its_words() -> None:
    term = parse_term("do 30 czerwca 2026").shifted(1)
    assert term.assumed and term.printed(nbsp=False) == "Do 30 czerwca 2027"


PLAN = """\
rok: 2026
zadania:
  - zadanie: Wsparcie grup samopomocowych
    termin: w miarę potrzeb
  - zadanie: Diagnoza potrzeb mieszkańców
    termin: do 30 czerwca 2026
  - zadanie: Spotkania Klubu Seniora
    termin: marzec – maj 2026
  - zadanie: Informowanie mieszkańców o ofercie CUS
    termin: na bieżąco
"""


def test_a_warning_names_the_months_assumed_once_per_term() -> None:
    loaded = loads(PLAN, "plan.yaml")
    warnings = [w for w in loaded.warnings if w.code == "term-months-assumed"]
    assert [(w.field, w.line) for w in warnings] == [
        ("zadania[1].termin", 4),
        ("zadania[2].termin", 6),
        ("zadania[4].termin", 10),
    ]
    assert (
        warnings[1].message
        == "„do 30 czerwca 2026” does not say exactly which months: styczeń – czerwiec 2026 assumed"
    )
    assert "„styczeń – czerwiec 2026”" in warnings[1].hint
    assert all(w.severity == "warning" for w in warnings)


def test_the_warning_is_polish_for_the_organiser(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("OSL_PLAN_LANG")
    monkeypatch.setenv("LANG", "C")
    (tmp_path / "plan.yaml").write_text(PLAN, encoding="utf-8")
    result = run_cli("validate", "plan.yaml", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    lines = result.stderr.splitlines()
    assert lines[1] == (
        "Ostrzeżenie: plan.yaml:6:13: zadania[2].termin: „do 30 czerwca 2026” nie podaje "
        "dokładnie miesięcy – przyjęto: styczeń – czerwiec 2026 – dokumenty "
        "pokazują te słowa tak, jak je "
        "wpisano; status, sprawozdanie i harmonogram liczą te miesiące; aby termin był dokładny, "
        "wpisz miesiące, np. „styczeń – czerwiec 2026”"
    )
    assert len(lines) == 3  # once per term, not once per command or format


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_documents_print_the_words(fmt: str) -> None:
    plan = loads(PLAN, "plan.yaml").plan
    data = render(plan, fmt, RenderOptions())
    if fmt == "docx":
        table = docx.Document(io.BytesIO(data)).tables[0]
        text = "\n".join(cell.text for cell in table.columns[-1].cells)
    else:
        text = data.decode("utf-8").replace("&nbsp;", " ")
    text = text.replace(NBSP, " ")
    for words in ("W miarę potrzeb", "Do 30 czerwca 2026", "Na bieżąco", "Marzec – maj 2026"):
        assert words in text
    assert "Styczeń – grudzień 2026" not in text and "Styczeń – czerwiec 2026" not in text


def test_status_and_the_harmonogram_count_the_assumed_months(tmp_path: Path) -> None:
    plan = loads(PLAN, "plan.yaml").plan
    grid = schedule(plan)
    assert grid.rows[0] == (True,) * 12
    assert grid.rows[1] == (True,) * 6 + (False,) * 6
    (tmp_path / "plan.yaml").write_text(PLAN, encoding="utf-8")
    july = run_cli("status", "plan.yaml", "--na", "2026-07", "-f", "json", cwd=tmp_path)
    assert july.exit_code == 0, july.stderr
    report = json.loads(july.stdout)
    assert [t["number"] for t in report["running"]] == [1, 4]  # the whole year assumed
    assert [t["number"] for t in report["overdue"]] == [2, 3]  # due by 30 June
    text = run_cli("status", "plan.yaml", "--na", "2026-07", "--no-warnings", cwd=tmp_path)
    assert "  1. Wsparcie grup samopomocowych | W miarę potrzeb | " in text.stdout
    assert "  2. Diagnoza potrzeb mieszkańców | Do 30 czerwca 2026 | " in text.stdout


def test_the_diff_says_when_only_the_words_changed() -> None:
    old, new = parse_term("w miarę potrzeb", default_year=2026), parse_term("cały rok 2026")
    assert term_note(old, new, years=0, year=2026) == (
        "the same months, written differently: W miarę potrzeb → Styczeń – grudzień 2026"
    )
    same = parse_term("w miarę potrzeb", default_year=2025)
    assert term_note(same, old, years=1, year=2026) == ""
    later = parse_term("do 31 lipca 2026")
    assert term_note(parse_term("do 30 czerwca 2026"), later, years=0, year=2026) == (
        "lengthened to lipiec"
    )


LISTA_PLAN = """\
rok: 2026
zadania:
  - zadanie: Dzień Kobiet i spotkanie poświąteczne
    termin: 8 i 15 marca 2026
  - zadanie: Warsztaty rękodzieła
    termin: marzec – maj 2026
"""


@pytest.mark.parametrize(
    ("task", "day", "outside"),
    [
        ("1", "15.03.2026", False),
        ("1", "10.03.2026", True),  # in March, but not one of the term's days
        ("2", "2026-04-20", False),
        ("2", "20.06.2026", True),
    ],
)
def test_lista_warns_of_a_day_outside_the_term(
    tmp_path: Path, task: str, day: str, outside: bool
) -> None:
    (tmp_path / "plan.yaml").write_text(LISTA_PLAN, encoding="utf-8")
    result = run_cli("lista", "plan.yaml", "-z", task, "-d", day, "-o", "l.docx", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr  # a warning, not an error: the list is made
    assert (tmp_path / "l.docx").exists()
    warnings = [line for line in result.stderr.splitlines() if line.startswith("Warning: ")]
    if not outside:
        assert warnings == []
        return
    term = "8 i 15 marca 2026" if task == "1" else "marzec – maj 2026"
    line = 3 if task == "1" else 5
    assert warnings == [
        f"Warning: plan.yaml:{line}: zadania[{task}].termin: --data {day} is outside the term "
        f"of task {task} („{term}”) — the list is made for this day; if the event is held within "
        "the term, correct the date"
    ]
    quiet = run_cli(
        "lista", "plan.yaml", "-z", task, "-d", day, "-o", "q.docx", "--no-warnings", cwd=tmp_path
    )
    assert quiet.exit_code == 0 and "Warning" not in quiet.stderr
