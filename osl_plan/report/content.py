"""What the sprawozdanie says, worked out once from the plan; every format writes this value.

Document text is Polish (it is what the centre publishes), like the plan's own documents.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Literal

from osl_plan.model import DEFAULT_TITLE, Event, Plan, Task
from osl_plan.realisation import GRACE_MONTHS, Status
from osl_plan.realisation_words import NOTHING_RECORDED, document_label, event_text
from osl_plan.render.common import task_heading
from osl_plan.render.common import tie_short_words as tie
from osl_plan.terms import EN_DASH, NBSP, Month

Period = Literal["rok", "I-polrocze", "II-polrocze", "I-kwartal", "II-kwartal", "III-kwartal",
                 "IV-kwartal"]  # fmt: skip
PERIODS: tuple[Period, ...] = (
    "rok", "I-polrocze", "II-polrocze", "I-kwartal", "II-kwartal", "III-kwartal", "IV-kwartal",
)  # fmt: skip
#: period -> (first month, last month, how the title names it, how a sentence names it)
_PERIODS: dict[str, tuple[int, int, str, str]] = {
    "rok": (1, 12, "ZA ROK {rok}", "w {rok} roku"),
    "I-polrocze": (1, 6, "ZA I PÓŁROCZE {rok} ROKU", "w I półroczu {rok} roku"),
    "II-polrocze": (7, 12, "ZA II PÓŁROCZE {rok} ROKU", "w II półroczu {rok} roku"),
    "I-kwartal": (1, 3, "ZA I KWARTAŁ {rok} ROKU", "w I kwartale {rok} roku"),
    "II-kwartal": (4, 6, "ZA II KWARTAŁ {rok} ROKU", "w II kwartale {rok} roku"),
    "III-kwartal": (7, 9, "ZA III KWARTAŁ {rok} ROKU", "w III kwartale {rok} roku"),
    "IV-kwartal": (10, 12, "ZA IV KWARTAŁ {rok} ROKU", "w IV kwartale {rok} roku"),
}
TITLE = "Sprawozdanie z realizacji planu organizowania społeczności lokalnej"
TABLE_HEADERS = (
    "Lp.",
    "Zadanie",
    "Termin planowany",
    "Termin realizacji",
    "Status",
    "Liczba uczestników",
    "Partnerzy",
    "Opis / uwagi",
)
NONE = EN_DASH  # an empty figure in a table cell


def plural(count: int, one: str, few: str, many: str) -> str:
    """``count`` with the Polish form of the noun: 1 zadanie, 2 zadania, 5 zadań, 22 zadania."""
    if count == 1:
        form = one
    elif count % 10 in (2, 3, 4) and count % 100 not in (12, 13, 14):
        form = few
    else:
        form = many
    return f"{count}{NBSP}{form}"


@dataclass(frozen=True, slots=True)
class Row:
    """One task in the report's table."""

    #: The task's „Lp.” as the plan numbers it (its own ``lp``, or its place in the plan).
    number: str
    zadanie: str
    planned: str
    #: When it was carried out, in one line, and as the table's cell sets it (a date a line).
    actual: str
    actual_lines: tuple[str, ...]
    status: str
    participants: int | None
    #: Partners recorded as having taken part in the task (in the period).
    partners: tuple[str, ...]
    #: Partners the plan names for the task (planned; not counted as having taken part).
    planned_partners: tuple[str, ...]
    notes: tuple[str, ...]

    @property
    def partner_lines(self) -> tuple[str, ...]:
        """The partners cell: those who took part, then those the plan named, each list
        separated by „; ”."""
        lines = []
        if self.partners:
            lines.append(f"uczestniczyli: {'; '.join(self.partners)}")
        if self.planned_partners:
            lines.append(f"w planie: {'; '.join(self.planned_partners)}")
        return tuple(lines)


@dataclass(frozen=True, slots=True)
class TaskEvents:
    """A task's events held in the period, each in one line (date, place, participants,
    partners, description), in order of date."""

    number: str
    zadanie: str
    events: tuple[str, ...]

    @property
    def heading(self) -> str:
        """„3. Spotkania z seniorami”."""
        number = self.number if self.number.endswith(".") else f"{self.number}."
        return f"{number} {self.zadanie}"


@dataclass(frozen=True, slots=True)
class MonthFigures:
    """One month: tasks planned to run in it, events held, their participants."""

    month: Month
    planned: int
    events: int
    participants: int

    @property
    def label(self) -> str:
        """„styczeń 2023”."""
        return f"{self.month.name} {self.month.year}"


@dataclass(frozen=True, slots=True)
class OffTerm:
    """A task carried out (partly) outside its planned term."""

    zadanie: str
    planned: str
    actual: str


@dataclass(frozen=True, slots=True)
class Counts:
    """How many tasks of the period have each status."""

    planned: int
    done: int
    partly: int
    not_done: int
    ongoing: int
    not_reported: int


@dataclass(frozen=True, slots=True)
class Report:
    """The whole sprawozdanie, ready to be written in any format."""

    plan: Plan
    period: Period
    title: str
    period_line: str
    counts: Counts
    events: int
    participants: int
    #: (task, status label, reason) of tasks not (fully) carried out.
    reasons: tuple[tuple[str, str, str], ...]
    #: Every partner recorded as having taken part, once each, in the order first named.
    partners: tuple[str, ...]
    off_term: tuple[OffTerm, ...]
    rows: tuple[Row, ...]
    #: The events of each task that has some in the period, in the table's order.
    task_events: tuple[TaskEvents, ...]
    months: tuple[MonthFigures, ...]
    summary: tuple[str, ...]

    @property
    def doc_title(self) -> str:
        """The title with its period, for the document's properties and the HTML page."""
        return f"{self.title} {self.period_line.lower()}".replace(NBSP, " ")


def period_months(plan: Plan, period: Period) -> tuple[Month, Month]:
    """First and last month of the period in the plan's year."""
    first, last, _title, _words = _PERIODS[period]
    return Month(plan.rok, first), Month(plan.rok, last)


def _events_in(task: Task, start: Month, end: Month) -> list[Event]:
    """The task's events whose date (its first day) falls in ``start`` … ``end``, by date."""
    if task.realizacja is None:
        return []
    first, last = start.index, end.index
    held = [e for e in task.realizacja.wydarzenia if first <= e.data.start.index <= last]
    return sorted(held, key=lambda e: (e.data.first, e.data.last))


def counted_months(plan: Plan, period: Period) -> tuple[Month, Month]:
    """The months whose events the period counts: its own, and for a period ending in December
    the January after it (the year's last events are often held or accounted for then)."""
    start, end = period_months(plan, period)
    return start, Month.from_index(end.index + GRACE_MONTHS) if end.month == 12 else end


def build_report(plan: Plan, period: Period = "rok") -> Report:
    """The sprawozdanie for ``period`` of the plan's year.

    Counted by date: an event counts in the period that contains its date; a task is in the
    period's report when it is planned to run in the period or has an event in it. So the
    quarters, the half-years and the year add up exactly.
    """
    start, end = period_months(plan, period)
    counted_end = counted_months(plan, period)[1]
    numbered = [(lp_of(t, n), t) for n, t in enumerate(plan.zadania, 1)]
    events = {id(t): _events_in(t, start, counted_end) for t in plan.zadania}
    chosen = [
        (number, t)
        for number, t in numbered
        if events[id(t)] or next(t.termin.months_between(start, end), None) is not None
    ]
    tasks = [t for _number, t in chosen]
    rows = tuple(_row(number, t, events[id(t)]) for number, t in chosen)
    all_events = [e for t in tasks for e in events[id(t)]]
    off_term = tuple(_off_term(t, events[id(t)]) for t in tasks if _outside(t, events[id(t)]))
    _first, _last, title_line, words = _PERIODS[period]
    report_title = (
        TITLE if plan.tytul == DEFAULT_TITLE else f"Sprawozdanie z realizacji: {plan.tytul}"
    )
    partial = Report(
        plan=plan,
        period=period,
        title=tie(report_title),
        period_line=title_line.format(rok=plan.rok),
        counts=_counts(tasks),
        events=len(all_events),
        participants=sum(e.uczestnicy or 0 for e in all_events),
        reasons=tuple(_reasons(tasks)),
        partners=_partners(tasks, events),
        off_term=off_term,
        rows=rows,
        task_events=tuple(
            TaskEvents(
                number, tie(task_heading(t)), tuple(tie(event_text(e)) for e in events[id(t)])
            )
            for number, t in chosen
            if events[id(t)]
        ),
        months=_months(plan, tasks, start=start, end=end, counted_end=counted_end, events=events),
        summary=(),
    )
    summary = _summary(partial, words.format(rok=plan.rok))
    return replace(partial, summary=summary)


def lp_of(task: Task, number: int) -> str:
    """The task's „Lp.” as the plan prints it: its own ``lp``, or its place in the plan („3.”)."""
    return task.lp or f"{number}."


def _counts(tasks: list[Task]) -> Counts:
    statuses = [t.realizacja.status if t.realizacja else None for t in tasks]
    return Counts(
        planned=len(tasks),
        done=statuses.count(Status.DONE),
        partly=statuses.count(Status.PARTLY),
        not_done=statuses.count(Status.NOT_DONE),
        ongoing=statuses.count(Status.ONGOING),
        not_reported=statuses.count(None),
    )


def _reasons(tasks: list[Task]) -> Iterable[tuple[str, str, str]]:
    for task in tasks:
        done = task.realizacja
        if done is not None and done.status.needs_reason:
            yield tie(task_heading(task)), document_label(done.status), tie(done.powod or "")


def _taken_part(task: Task, events: list[Event]) -> list[str]:
    """Partners recorded as having taken part: the task's own record and its events'."""
    if task.realizacja is None:
        return []
    return [*task.realizacja.partnerzy, *(p for e in events for p in e.partnerzy)]


def _partners(tasks: list[Task], events: dict[int, list[Event]]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for task in tasks:
        for name in _taken_part(task, events[id(task)]):
            seen.setdefault(" ".join(name.casefold().split()), name)
    return tuple(tie(name) for name in seen.values())


def _actual_lines(events: list[Event]) -> tuple[str, ...]:
    """When the task was carried out: its event, or how many events and each one's date (a
    list of dates, never one span that would read as one long activity)."""
    if not events:
        return (NONE,)
    if len(events) == 1:
        return (events[0].data.printed(),)
    count = plural(len(events), "wydarzenie", "wydarzenia", "wydarzeń")
    return (f"{count}:", *(e.data.printed() for e in events))


def _actual(events: list[Event]) -> str:
    """:func:`_actual_lines` in one line: „2 wydarzenia: 7 lipca 2025 r.; 8 sierpnia 2025 r.”."""
    first, *dates = _actual_lines(events)
    return f"{first} {'; '.join(dates)}" if dates else first


def _outside(task: Task, events: list[Event]) -> bool:
    term = task.termin
    return any(not (term.covers(e.data.start) and term.covers(e.data.end)) for e in events)


def _off_term(task: Task, events: list[Event]) -> OffTerm:
    planned = task.termin.printed()
    outside = [
        e
        for e in events
        if not (task.termin.covers(e.data.start) and task.termin.covers(e.data.end))
    ]
    return OffTerm(tie(task_heading(task)), planned[0].lower() + planned[1:], _actual(outside))


def _row(number: str, task: Task, events: list[Event]) -> Row:
    done = task.realizacja
    planned_partners = tuple(tie(p) for p in task.partnerzy)
    if done is None:
        return Row(number, tie(task_heading(task)), task.termin.printed(), NONE, (NONE,),
                   NOTHING_RECORDED, None, (), planned_partners, ())  # fmt: skip
    counted = [e.uczestnicy for e in events if e.uczestnicy is not None]
    partners: dict[str, str] = {}
    for name in _taken_part(task, events):
        partners.setdefault(" ".join(name.casefold().split()), tie(name))
    notes = []
    if done.powod:
        notes.append(f"Przyczyna: {done.powod}")
    notes.extend(done.rezultaty)
    if done.uwagi:
        notes.append(done.uwagi)
    return Row(
        number=number,
        zadanie=tie(task_heading(task)),
        planned=task.termin.printed(),
        actual=_actual(events),
        actual_lines=_actual_lines(events),
        status=document_label(done.status),
        participants=sum(counted) if counted else None,
        partners=tuple(partners.values()),
        planned_partners=planned_partners,
        notes=tuple(tie(n) for n in notes),
    )


def _months(
    plan: Plan,
    tasks: list[Task],
    *,
    start: Month,
    end: Month,
    counted_end: Month,
    events: dict[int, list[Event]],
) -> tuple[MonthFigures, ...]:
    """Month by month: tasks planned to run (:meth:`Term.covers`, so a term of several ranges
    counts in its ranges only), events held and their participants, by the events' dates."""
    held: dict[Month, list[Event]] = {}
    for task in tasks:
        for event in events[id(task)]:
            held.setdefault(event.data.start, []).append(event)
    last = max([end, *(m for m in held if m <= counted_end)])
    planned: dict[Month, int] = {}
    # Every task planned in a month of the period is in the period's report; a January after
    # the year counts the plan's tasks there, as the year's report does.
    for task in plan.zadania:
        for month in task.termin.months_between(start, last):
            planned[month] = planned.get(month, 0) + 1
    figures = []
    for index in range(start.index, last.index + 1):
        month = Month.from_index(index)
        these = held.get(month, [])
        figures.append(
            MonthFigures(
                month, planned.get(month, 0), len(these), sum(e.uczestnicy or 0 for e in these)
            )
        )
    return tuple(figures)


def _summary(report: Report, when: str) -> tuple[str, ...]:
    """The summary in words: one paragraph each."""
    c = report.counts
    tasks = plural(c.planned, "zadanie", "zadania", "zadań")
    paragraphs = [
        f"{when[0].upper()}{when[1:]} plan obejmował {tasks}. Zrealizowano {c.done}, częściowo "
        f"zrealizowano {c.partly}, nie zrealizowano {c.not_done}; w trakcie realizacji: "
        f"{c.ongoing}, {NOTHING_RECORDED}: {c.not_reported}."
    ]
    if report.events:
        events = plural(report.events, "wydarzenie", "wydarzenia", "wydarzeń")
        people = plural(report.participants, "uczestnik", "uczestników", "uczestników")
        if report.participants == 1:
            people = f"1{NBSP}uczestnika"
        paragraphs.append(
            f"Odnotowano {events} z udziałem łącznie {people} "
            f"(liczby uczestników poszczególnych zadań podaje tabela)."
        )
    else:
        paragraphs.append("Nie odnotowano żadnych wydarzeń.")
    if report.partners:
        paragraphs.append(
            "Liczba partnerów, którzy uczestniczyli w realizacji zadań: "
            f"{len(report.partners)} (wymienia ich część „Partnerzy”)."
        )
    return tuple(tie(p) for p in paragraphs)
