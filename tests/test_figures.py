"""The year's figures: one answer to „which months does a task run in” for every command, and
reports counted by date, so that the quarters and the half-years add up to the year."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

import pytest
from helpers import examples, run_cli
from hypothesis import given, settings
from hypothesis import strategies as st

from osl_plan.errors import UsageError
from osl_plan.lista.sheets import sheets_for
from osl_plan.load import loads
from osl_plan.model import Plan
from osl_plan.plan_status import plan_status
from osl_plan.render.schedule import schedule
from osl_plan.report.chart import alt_text
from osl_plan.report.content import Report, build_report
from osl_plan.report.periods import PERIODS
from osl_plan.terms import MONTHS_NOMINATIVE, Month, format_range

NBSP = "\u00a0"
TWO_SPANS = """\
rok: 2026
zadania:
  - zadanie: Warsztaty rękodzieła
    termin: luty 2026, lipiec – sierpień 2026
"""


def flat(text: str) -> str:
    return text.replace(NBSP, " ")


def test_a_term_of_two_ranges_runs_in_its_ranges_only(tmp_path: Any) -> None:
    loaded = loads(TWO_SPANS, "plan.yaml")
    running = {m: bool(plan_status(loaded, Month(2026, m)).running) for m in range(1, 13)}
    assert [m for m, runs in running.items() if runs] == [2, 7, 8]
    # It starts again in July: „--na 2026-06” says so.
    assert [s.number for s in plan_status(loaded, Month(2026, 6)).starting] == [1]
    assert plan_status(loaded, Month(2026, 3)).starting == ()
    path = tmp_path / "plan.yaml"
    path.write_text(TWO_SPANS, encoding="utf-8")
    june = run_cli("status", path, "--na", "2026-06").stdout
    assert "Running this month (czerwiec 2026): 0" in june
    assert "Starting next month (lipiec 2026): 1" in june
    report = build_report(loaded.plan)
    assert [m.planned for m in report.months] == [0, 1, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0]
    alt = alt_text(report.months)
    assert "kwiecień 2026: zadania zaplanowane 0," in alt
    assert "lipiec 2026: zadania zaplanowane 1," in alt
    # Quarters: planned in I and III only.
    chosen = {p: [r.number for r in build_report(loaded.plan, p).rows] for p in PERIODS}
    assert chosen["I-kwartal"] == chosen["III-kwartal"] == ["1."]
    assert chosen["II-kwartal"] == chosen["IV-kwartal"] == []
    grid = schedule(loaded.plan)
    assert [m.month for m, on in zip(grid.months, grid.rows[0], strict=True) if on] == [2, 7, 8]
    with pytest.raises(UsageError):
        sheets_for(loaded.plan, miesiac="2026-04")


@st.composite
def month_sets(draw: st.DrawFn, year: int) -> tuple[str, set[Month]]:
    """A term of one or more ranges in ``year``, written as people write it, and its months."""
    months = sorted(draw(st.sets(st.integers(1, 12), min_size=1, max_size=12)))
    runs: list[list[int]] = []
    for month in months:
        if runs and runs[-1][-1] == month - 1:
            runs[-1].append(month)
        else:
            runs.append([month])
    texts = [format_range(Month(year, r[0]), Month(year, r[-1]), nbsp=False) for r in runs]
    text = ", ".join([texts[0], *(t[0].lower() + t[1:] for t in texts[1:])])
    return text, {Month(year, m) for m in months}


@st.composite
def many_range_plans(draw: st.DrawFn) -> tuple[Plan, list[set[Month]]]:
    year = draw(st.integers(2020, 2030))
    terms = draw(st.lists(month_sets(year), min_size=1, max_size=6))
    data = {
        "rok": year,
        "zadania": [
            {"zadanie": f"Zadanie {n}", "termin": text} for n, (text, _) in enumerate(terms)
        ],
    }
    return Plan.model_validate(data, context={"rok": year}), [months for _, months in terms]


@settings(max_examples=examples(60), deadline=None)
@given(many_range_plans())
def test_status_report_and_harmonogram_agree_on_every_month(
    case: tuple[Plan, list[set[Month]]],
) -> None:
    plan, expected = case
    from osl_plan.load import LoadedPlan

    loaded = LoadedPlan(plan=plan, source="plan.yaml", warnings=(), task_lines=())
    grid = schedule(plan)
    year = build_report(plan)
    by_month = {m.month: m.planned for m in year.months}
    halves = {m.month: m.planned for p in ("I-polrocze", "II-polrocze")
              for m in build_report(plan, p).months}  # fmt: skip
    for index in range(12):
        month = Month(plan.rok, index + 1)
        runs = {n for n, months in enumerate(expected, 1) if month in months}
        status = plan_status(loaded, month)
        assert {s.number for s in status.running} == runs
        column = grid.months.index(month)
        assert {n for n, row in enumerate(grid.rows, 1) if row[column]} == runs
        assert by_month[month] == halves[month] == len(runs)
        assert _listed(plan, month) == runs
        previous = Month.from_index(month.index - 1)
        starts = {n for n, months in enumerate(expected, 1) if month in months
                  and previous not in months}  # fmt: skip
        assert {s.number for s in plan_status(loaded, previous).starting} == starts


def _listed(plan: Plan, month: Month) -> set[int]:
    """The tasks ``lista --miesiac`` makes lists for (none: it refuses the month)."""
    try:
        return {
            sheet.number for sheet in sheets_for(plan, miesiac=f"{month.year}-{month.month:02d}")
        }
    except UsageError:
        return set()


# --- periods counted by date -----------------------------------------------------------------

PARTNERS = ("GOK w Kluczach", "OSP Rodaki", "KGW Bogucin", "Szkoła Podstawowa w Kluczach")


def _event_date(day: dt.date) -> st.SearchStrategy[str]:
    """The event's date as people write it: the day, a few days from it, or its month."""
    later = day + dt.timedelta(days=2)
    return st.sampled_from([
        f"{day:%d.%m.%Y}",
        f"{day:%d.%m.%Y} – {later:%d.%m.%Y}",
        f"{MONTHS_NOMINATIVE[day.month - 1]} {day.year}",
    ])  # fmt: skip


@st.composite
def realised_plans(draw: st.DrawFn) -> Plan:
    """Plans whose events fall anywhere in the year and the January after it."""
    year = draw(st.integers(2020, 2030))
    tasks = []
    for n in range(draw(st.integers(1, 6))):
        text, _ = draw(month_sets(year))
        task: dict[str, Any] = {"zadanie": f"Zadanie {n}", "termin": text}
        if draw(st.booleans()):
            task["partnerzy"] = draw(st.lists(st.sampled_from(PARTNERS), max_size=2, unique=True))
        if draw(st.integers(0, 3)):
            days = draw(st.lists(st.dates(dt.date(year, 1, 1), dt.date(year + 1, 1, 31)),
                                 max_size=5))  # fmt: skip
            events = []
            for day in days:
                event: dict[str, Any] = {"data": draw(_event_date(day))}
                if draw(st.booleans()):
                    event["uczestnicy"] = draw(st.integers(0, 200))
                if draw(st.booleans()):
                    event["partnerzy"] = [draw(st.sampled_from(PARTNERS))]
                events.append(event)
            status = draw(st.sampled_from(["zrealizowane", "w trakcie", "częściowo"]))
            task["realizacja"] = {"status": status, "wydarzenia": events, "powod": "pogoda"}
        tasks.append(task)
    return Plan.model_validate({"rok": year, "zadania": tasks}, context={"rok": year})


def _per_task(reports: list[Report]) -> tuple[Counter[str], dict[str, list[str]]]:
    participants: Counter[str] = Counter()
    events: dict[str, list[str]] = {}
    for report in reports:
        for row in report.rows:
            participants[row.number] += row.participants or 0
        for task in report.task_events:
            events.setdefault(task.number, []).extend(task.events)
    return +participants, events


def _same_figures(parts: list[Report], year: Report) -> None:
    assert sum(r.events for r in parts) == year.events
    assert sum(r.participants for r in parts) == year.participants
    assert [m for r in parts for m in r.months] == list(year.months)
    assert _per_task(parts) == _per_task([year])
    assert {row.number for r in parts for row in r.rows} == {row.number for row in year.rows}
    assert {p for r in parts for p in r.partners} == set(year.partners)
    assert {o.zadanie for r in parts for o in r.off_term} == {o.zadanie for o in year.off_term}
    assert {x for r in parts for x in r.reasons} == set(year.reasons)


@settings(max_examples=examples(80), deadline=None)
@given(realised_plans())
def test_quarters_and_halves_add_up_to_the_year(plan: Plan) -> None:
    year = build_report(plan)
    quarters = [build_report(plan, p) for p in PERIODS if p.endswith("kwartal")]
    halves = [build_report(plan, p) for p in PERIODS if p.endswith("polrocze")]
    _same_figures(quarters, year)
    _same_figures(halves, year)
    # Every event of the year and the January after it is counted once.
    held = [e for t in plan.zadania if t.realizacja for e in t.realizacja.wydarzenia]
    assert year.events == len(held)
    assert year.participants == sum(e.uczestnicy or 0 for e in held)


# A small plan counted by hand (figures written out below, not computed).
HAND = """\
rok: 2025
zadania:
  - zadanie: Ferie zimowe
    termin: styczeń – luty 2025
    partnerzy: [GOK w Kluczach, OSP Rodaki]
    realizacja:
      status: zrealizowane
      wydarzenia:
        - data: 3.02.2025
          uczestnicy: 40
          miejsce: Hala sportowa w Kluczach
          opis: Turniej piłki halowej
          partnerzy: [GOK w Kluczach]
        - data: 10.07.2025
          uczestnicy: 15
          opis: Spotkanie podsumowujące ferie
  - zadanie: Rajd rowerowy
    termin: wrzesień 2025
    realizacja:
      status: częściowo
      powod: deszcz
      wydarzenia:
        - data: 14.09.2025
          uczestnicy: 22
          partnerzy: [KGW Bogucin]
        - data: 20.01.2026
          uczestnicy: 8
  - zadanie: Wieczory z książką
    termin: marzec 2025, październik – listopad 2025
"""


def test_hand_counted_periods() -> None:
    plan = loads(HAND).plan
    figures = {p: build_report(plan, p) for p in PERIODS}
    # events / participants, counted by hand from the dates above:
    # I kw.: 3.02 (40); II kw.: none; III kw.: 10.07 (15), 14.09 (22); IV kw.: 20.01.2026 (8).
    expected = {
        "I-kwartal": (1, 40, ["1.", "3."]),
        "II-kwartal": (0, 0, []),
        "III-kwartal": (2, 37, ["1.", "2."]),
        "IV-kwartal": (1, 8, ["2.", "3."]),
        "I-polrocze": (1, 40, ["1.", "3."]),
        "II-polrocze": (3, 45, ["1.", "2.", "3."]),
        "rok": (4, 85, ["1.", "2.", "3."]),
    }
    for period, (events, people, numbers) in expected.items():
        report = figures[period]
        assert (report.events, report.participants) == (events, people), period
        assert [row.number for row in report.rows] == numbers, period
    # „Ferie” held in July: counted in the second half, and said to be outside its term there;
    # „Rajd” held again in January 2026 (counted in the year's last quarter), also outside.
    second = figures["II-polrocze"]
    assert [flat(o.zadanie) for o in second.off_term] == ["Ferie zimowe", "Rajd rowerowy"]
    assert flat(second.off_term[0].actual) == "10 lipca 2025 r."
    assert flat(second.off_term[1].actual) == "20 stycznia 2026 r."
    assert [flat(o.zadanie) for o in figures["I-polrocze"].off_term] == []
    assert flat(second.rows[0].actual) == "10 lipca 2025 r."
    assert second.rows[0].participants == 15
    # Partners: those who took part (GOK in I, KGW in III) apart from those the plan names.
    assert figures["rok"].partners == ("GOK w" + NBSP + "Kluczach", "KGW Bogucin")
    assert figures["I-kwartal"].partners == ("GOK w" + NBSP + "Kluczach",)
    assert figures["III-kwartal"].partners == ("KGW Bogucin",)
    assert figures["rok"].rows[0].planned_partners == ("GOK w" + NBSP + "Kluczach", "OSP Rodaki")
    assert flat(figures["rok"].rows[0].actual) == (
        "2 wydarzenia: 3 lutego 2025 r.; 10 lipca 2025 r."
    )
    # status, by hand: in October only „Wieczory” runs; in December it is overdue (its term
    # ended in November, nothing recorded), „Ferie” (done) and „Rajd” (partly, reason given) not.
    loaded = loads(HAND, "plan.yaml")
    october = plan_status(loaded, Month(2025, 10))
    assert [s.number for s in october.running] == [3]
    assert october.starting == ()
    assert [s.number for s in plan_status(loaded, Month(2025, 12)).overdue] == [3]
    assert [s.number for s in plan_status(loaded, Month(2025, 2)).starting] == [3]
    # Monthly figures of the year: planned tasks by hand (Ferie I–II, Rajd IX, Wieczory III, X–XI).
    year = figures["rok"]
    assert [m.planned for m in year.months] == [1, 1, 1, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0]
    assert [m.events for m in year.months] == [0, 1, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 1]
    assert [m.participants for m in year.months] == [0, 40, 0, 0, 0, 0, 15, 0, 22, 0, 0, 0, 8]


def test_new_reads_the_years_of_a_term_from_its_months() -> None:
    from osl_plan.newyear import plan_years

    plan = loads(
        "rok: 2025\nzadania:\n  - zadanie: Zjazd\n    termin: grudzień 2025, styczeń 2027\n"
    ).plan
    # 2026 is between the ranges, in none of them: not one of the plan's years.
    assert plan_years(plan) == {2025, 2027}
