"""The realizacja block: read, validated (every problem at once, located, coded), warnings."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from osl_plan.codes import CODES
from osl_plan.errors import PlanError
from osl_plan.load import loads
from osl_plan.model.event_date import parse_event_date
from osl_plan.model.task_status import Status

HEAD = "rok: 2023\nzadania:\n  - zadanie: Spotkania\n    termin: styczeń – grudzień 2023\n"


def plan(block: str) -> str:
    return HEAD + "    realizacja:\n" + "".join(f"      {line}\n" for line in block.splitlines())


@pytest.mark.parametrize(
    ("written", "status"),
    [
        ("zrealizowane", Status.DONE),
        ("Zrealizowano", Status.DONE),
        ("wykonane", Status.DONE),
        ("częściowo", Status.PARTLY),
        ("Częściowo zrealizowane", Status.PARTLY),
        ("czesciowo", Status.PARTLY),
        ("nie zrealizowano", Status.NOT_DONE),
        ("Niezrealizowane", Status.NOT_DONE),
        ("w trakcie", Status.ONGOING),
        ("W TOKU", Status.ONGOING),
    ],
)
def test_status_is_read_in_the_forms_people_write(written: str, status: Status) -> None:
    reason = "\npowod: brak sali" if status.needs_reason else ""
    loaded = loads(plan(f"status: {written}{reason}"))
    realisation = loaded.plan.zadania[0].realizacja
    assert realisation is not None
    assert realisation.status is status


def test_every_problem_is_reported_at_once_located_with_a_code() -> None:
    text = plan(
        "status: czesiowo\n"
        "wydarzenia:\n"
        "  - data: 31 kwietnia 2023\n"
        "    uczestnicy: -3\n"
        "  - data: 15 maja 2023\n"
        "    uczestnicy: 2.5\n"
        "  - data: cośtam\n"
    )
    with pytest.raises(PlanError) as caught:
        loads(text, "p.yaml")
    problems = caught.value.problems
    assert [p.code for p in problems] == [
        "realisation-status",
        "event-date",
        "participants-count",
        "participants-count",
        "event-date",
    ]
    assert all(p.code in CODES for p in problems)
    status = problems[0]
    assert (status.line, status.column) == (6, 15)
    assert status.field == "zadania[1].realizacja.status"
    assert "częściowo" in status.hint  # the suggestion
    assert problems[2].field == "zadania[1].realizacja.wydarzenia[1].uczestnicy"
    assert "whole number" in problems[2].hint


def test_reason_is_required_for_not_and_partly_carried_out() -> None:
    with pytest.raises(PlanError) as caught:
        loads(plan("status: niezrealizowane"), "p.yaml")
    (problem,) = caught.value.problems
    assert problem.code == "realisation-reason-missing"
    assert problem.field == "zadania[1].realizacja"
    assert "powod" in problem.hint


def test_event_dates_keep_days_and_read_terms() -> None:
    assert parse_event_date("15 maja 2023", 2023).first == dt.date(2023, 5, 15)
    both = parse_event_date("15-16 czerwca", 2023)
    assert (both.first, both.last, both.exact) == (dt.date(2023, 6, 15), dt.date(2023, 6, 16), True)
    numeric = parse_event_date("30.01.2023 – 10.02.2023", 2023)
    assert (numeric.first, numeric.last) == (dt.date(2023, 1, 30), dt.date(2023, 2, 10))
    month = parse_event_date("marzec", 2023)
    assert (month.first, month.last, month.exact) == (
        dt.date(2023, 3, 1),
        dt.date(2023, 3, 31),
        False,
    )
    assert parse_event_date(dt.date(2023, 7, 4), 2023).printed() == "4\u00a0lipca 2023\u00a0r."


def test_event_in_january_after_the_year_is_fine_later_is_a_warning() -> None:
    text = plan(
        "status: zrealizowane\n"
        "wydarzenia:\n"
        "  - data: 2024-01-20\n"
        "  - data: 5 lutego 2024\n"
        "  - data: grudzień 2022\n"
    )
    loaded = loads(text, "p.yaml")
    warnings = loaded.warnings
    assert [w.field for w in warnings] == [
        "zadania[1].realizacja.wydarzenia[2].data",
        "zadania[1].realizacja.wydarzenia[3].data",
    ]
    assert {w.severity for w in warnings} == {"warning"}
    assert {w.code for w in warnings} == {"event-outside-year"}
    assert warnings[0].line == 9


def test_validate_prints_the_warning_and_exits_0(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "p.yaml"
    path.write_text(plan("status: zrealizowane\nwydarzenia:\n  - data: 5 marca 2024\n"))
    result = cli("validate", path)
    assert result.exit_code == 0, result.stderr
    assert "Warning:" in result.stderr and "event" not in result.stdout
    github = cli("validate", "-f", "github", path)
    assert github.stdout.startswith("::warning ")
    assert "osl-plan event-outside-year" in github.stdout


def test_counts_and_lists_written_as_one_text() -> None:
    loaded = loads(
        plan(
            "status: zrealizowane\n"
            "partnerzy: KGW w Rodakach\n"
            'rezultaty: "liczba uczestników: 45"\n'
            "wydarzenia:\n"
            "  - data: 15 maja 2023\n"
            '    uczestnicy: "12"\n'
            "    partnerzy: OSP\n"
        )
    )
    realisation = loaded.plan.zadania[0].realizacja
    assert realisation is not None
    assert realisation.partnerzy == ("KGW w Rodakach",)
    assert realisation.rezultaty == ("liczba uczestników: 45",)
    assert realisation.wydarzenia[0].uczestnicy == 12
    assert realisation.participants == 12


def test_unknown_key_in_the_block_is_named_with_a_suggestion() -> None:
    with pytest.raises(PlanError) as caught:
        loads(plan("status: zrealizowane\nprzyczyna: x\nuwagii: y"), "p.yaml")
    hints = [p.hint for p in caught.value.problems]
    assert any("powod" in h for h in hints) and any("uwagi" in h for h in hints)


def test_new_year_starts_without_realisation(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from helpers import EXAMPLES

    out = tmp_path / "plan_2024.yaml"
    result = cli("new", "2024", "--from", EXAMPLES / "plan_2023_realizacja.yaml", "-o", out)
    assert result.exit_code == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert "realizacja:" not in text and "status:" not in text and "uczestnicy:" not in text
    assert text.count("- zadanie:") == 18


def test_render_ignores_realisation(tmp_path: Path) -> None:
    from helpers import EXAMPLES

    from osl_plan.load import load
    from osl_plan.render import render

    with_realisation = load(EXAMPLES / "plan_2023_realizacja.yaml").plan
    plain = load(EXAMPLES / "plan_2023.yaml").plan
    assert render(with_realisation, "md") == render(plain, "md")
    assert render(with_realisation, "html") == render(plain, "html")
