"""Event dates written as numbers, with or without the year: „15.06”, „15-16.06”, „15.06-16.06”,
„15.06.2025”, „15-16.06.2025”. Without a year they take the plan's, as „15 czerwca” does; a day
that does not exist is one located message, in Polish by default."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from helpers import run_cli

from osl_plan.errors import PlanError
from osl_plan.load import loads
from osl_plan.model.event_date import parse_event_date
from osl_plan.term_parse import parse_term
from osl_plan.terms import TermError

ROK = 2025


def plan_with(date: str) -> str:
    return (
        f"rok: {ROK}\n"
        "zadania:\n"
        "  - zadanie: Spotkania Rady Społecznej\n"
        "    termin: styczeń – grudzień 2025\n"
        "    realizacja:\n"
        "      status: zrealizowane\n"
        "      wydarzenia:\n"
        "        - data: 9 marca 2025\n"
        f"        - data: {date}\n"
    )


@pytest.mark.parametrize(
    ("written", "first", "last", "printed"),
    [
        ("15.06", (6, 15), (6, 15), "15 czerwca 2025 r."),
        ("15-16.06", (6, 15), (6, 16), "15–16 czerwca 2025 r."),
        ("15–16.06", (6, 15), (6, 16), "15–16 czerwca 2025 r."),
        ("15.06-16.06", (6, 15), (6, 16), "15–16 czerwca 2025 r."),
        ("15.06 – 16.06", (6, 15), (6, 16), "15–16 czerwca 2025 r."),
        ("30.06-02.07", (6, 30), (7, 2), "30.06.2025 – 02.07.2025 r."),
        ("15.06.2025", (6, 15), (6, 15), "15 czerwca 2025 r."),
        ("15-16.06.2025", (6, 15), (6, 16), "15–16 czerwca 2025 r."),
        ("15.06.2025-16.06.2025", (6, 15), (6, 16), "15–16 czerwca 2025 r."),
        ("5.6", (6, 5), (6, 5), "5 czerwca 2025 r."),
        # the word forms read so before, for comparison
        ("15 czerwca", (6, 15), (6, 15), "15 czerwca 2025 r."),
        ("15-16 czerwca", (6, 15), (6, 16), "15–16 czerwca 2025 r."),
    ],
)
def test_numeric_days_take_the_plans_year(
    written: str, first: tuple[int, int], last: tuple[int, int], printed: str
) -> None:
    date = parse_event_date(written, ROK)
    assert (date.first, date.last, date.exact) == (
        dt.date(ROK, *first),
        dt.date(ROK, *last),
        True,
    )
    assert date.printed().replace("\u00a0", " ") == printed
    loaded = loads(plan_with(written), "plan.yaml").plan.zadania[0].realizacja
    assert loaded is not None
    assert loaded.wydarzenia[1].data.first == dt.date(ROK, *first)


@pytest.mark.parametrize(
    ("written", "parts", "printed"),
    [
        # two separate days are not the six days between them
        ("15 czerwca i 20 czerwca 2025", [(6, 15), (6, 20)], "15 i 20 czerwca 2025 r."),
        ("15.06 i 20.06.2025", [(6, 15), (6, 20)], "15 i 20 czerwca 2025 r."),
        ("2025-06-20, 2025-06-15", [(6, 15), (6, 20)], "15 i 20 czerwca 2025 r."),
        # three days, and a range of days with a day apart
        ("5 czerwca, 12 czerwca i 19 czerwca", [(6, 5), (6, 12), (6, 19)],
         "5, 12 i 19 czerwca 2025 r."),
        ("12-16 czerwca i 20 czerwca 2025", [(6, 12, 16), (6, 20)], "12–16 i 20 czerwca 2025 r."),
        # days in two months (and two years): each month named once, after its days
        ("28 czerwca i 3 lipca 2025", [(6, 28), (7, 3)], "28 czerwca i 3 lipca 2025 r."),
        ("15.06, 20.06 i 3.07", [(6, 15), (6, 20), (7, 3)], "15, 20 czerwca i 3 lipca 2025 r."),
    ],
)  # fmt: skip
def test_separate_days_are_printed_separately(
    written: str, parts: list[tuple[int, ...]], printed: str
) -> None:
    date = parse_event_date(written, ROK)
    expected = [(dt.date(ROK, m, d), dt.date(ROK, m, e[0] if e else d)) for m, d, *e in parts]
    assert list(date.parts) == expected
    assert (date.first, date.last) == (expected[0][0], expected[-1][1])
    assert date.printed().replace("\u00a0", " ") == printed


@pytest.mark.parametrize(
    ("written", "printed"),
    [
        ("15–16 czerwca 2025", "15–16 czerwca 2025 r."),
        ("15.06 – 20.06.2025", "15–20 czerwca 2025 r."),
        ("2025-06-15 – 2025-06-20", "15–20 czerwca 2025 r."),
        ("od 15 czerwca do 20 czerwca 2025", "15–20 czerwca 2025 r."),
        ("28 czerwca – 3 lipca 2025", "28.06.2025 – 03.07.2025 r."),
        ("15 czerwca i 15 czerwca 2025", "15 czerwca 2025 r."),
    ],
)
def test_a_range_stays_a_range(written: str, printed: str) -> None:
    date = parse_event_date(written, ROK)
    assert date.parts == ()
    assert date.printed().replace("\u00a0", " ") == printed


def test_separate_days_across_the_new_year() -> None:
    date = parse_event_date("30.12.2025 i 2.01.2026", ROK)
    assert date.printed().replace("\u00a0", " ") == "30 grudnia 2025 i 2 stycznia 2026 r."


def test_a_written_year_wins_over_the_plans() -> None:
    date = parse_event_date("15.01.2026", ROK)
    assert date.first == dt.date(2026, 1, 15)
    across = parse_event_date("30.12.2025 – 02.01.2026", ROK)
    assert (across.first, across.last) == (dt.date(2025, 12, 30), dt.date(2026, 1, 2))


def test_the_term_grammar_reads_the_same_forms() -> None:
    # Terms share the grammar: a task's term may be written so too, printed with its days.
    assert parse_term("15-16.06", default_year=ROK).printed(nbsp=False) == "15–16 czerwca 2025"
    assert parse_term("15.06", default_year=ROK).printed(nbsp=False) == "15 czerwca 2025"
    from_day = parse_term("od 15.06", default_year=ROK)
    # an open start keeps its words (its months, June to December, are assumed)
    assert from_day.printed(nbsp=False) == "Od 15.06"
    assert (from_day.start.month, from_day.end.month) == (6, 12)
    # Months and month ranges written with numbers keep their meaning.
    assert parse_term("03-06.2025", default_year=ROK).printed(nbsp=False) == (
        "Marzec – czerwiec 2025"
    )
    assert parse_term("06.2025", default_year=ROK).printed(nbsp=False) == "Czerwiec 2025"
    # A yearless 29 February fits a leap year, as „29 lutego” does in a term ...
    assert parse_term("29.02", default_year=ROK).start.month == 2


@pytest.mark.usefixtures("polish")
@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("31.06", "„31.06”: czerwiec nie ma dnia 31 (ma 30 dni) – sprawdź dzień"),
        ("30-31.06", "„30-31.06”: czerwiec nie ma dnia 31 (ma 30 dni) – sprawdź dzień"),
        ("31.06.2025", "„31.06.2025”: czerwiec nie ma dnia 31 (ma 30 dni) – sprawdź dzień"),
        ("15.13", "„15.13” wskazuje miesiąc 13, którego nie ma – miesiące mają numery 1–12"),
        (
            "06.25",
            "„06.25” wskazuje miesiąc 25, którego nie ma – miesiące mają numery 1–12; rok wpisz "
            "czterema cyframi, np. „06.2025”",
        ),
        # ... but not an event of a common year.
        (
            "29.02",
            "wskazuje 29 lutego, a rok 2025 nie jest przestępny – luty 2025 ma 28 dni; sprawdź "
            "dzień, np. „28.02.2025”",
        ),
        (
            "30.12-02.01",
            "„30.12-02.01” kończy się, zanim się zaczyna – dla zakresu obejmującego Nowy Rok "
            "wpisz oba lata",
        ),
    ],
)
def test_impossible_dates_are_one_located_polish_message(written: str, message: str) -> None:
    with pytest.raises(PlanError) as caught:
        loads(plan_with(written), "plan.yaml")
    problems = caught.value.problems
    assert len(problems) == 1
    problem = problems[0]
    assert (problem.line, problem.column) == (9, 17)
    assert problem.field == "zadania[1].realizacja.wydarzenia[2].data"
    assert problem.code == "event-date"
    assert message in problem.message + " – " + (problem.hint or "")


def test_validate_cli_in_polish(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(plan_with("15-16.06"), encoding="utf-8")
    monkeypatch.delenv("OSL_PLAN_LANG")
    ok = run_cli("validate", path)
    assert (ok.exit_code, ok.stdout.strip()) == (0, f"{path}: poprawny (1 zadanie)")
    path.write_text(plan_with("31.06"), encoding="utf-8")
    bad = run_cli("validate", path)
    assert bad.exit_code == 1
    assert f"{path}:9:17: zadania[1].realizacja.wydarzenia[2].data: „31.06”: czerwiec nie ma" in (
        bad.stdout + bad.stderr
    )
    assert "Traceback" not in bad.stdout + bad.stderr


def test_term_error_stays_a_term_error() -> None:
    with pytest.raises(TermError):
        parse_term("31.06", default_year=ROK)
