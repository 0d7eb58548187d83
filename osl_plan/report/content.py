"""What the sprawozdanie says, worked out once from the plan; every format writes this value.

Document text is Polish (it is what the centre publishes), like the plan's own documents.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Literal

from osl_plan.model import DEFAULT_TITLE, Event, Plan, Task
from osl_plan.realisation import GRACE_MONTHS, Status
from osl_plan.render.common import tie_short_words as tie
from osl_plan.terms import EN_DASH, NBSP, Month, format_range

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
NOT_REPORTED = "brak informacji"


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

    number: int
    zadanie: str
    planned: str
    actual: str
    status: str
    participants: int | None
    partners: tuple[str, ...]
    notes: tuple[str, ...]


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
    #: Every partner that took part, once each, in the order first named.
    partners: tuple[str, ...]
    off_term: tuple[OffTerm, ...]
    rows: tuple[Row, ...]
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
    if task.realizacja is None:
        return []
    first, last = start.index, end.index
    return [e for e in task.realizacja.wydarzenia if first <= e.data.start.index <= last]


def build_report(plan: Plan, period: Period = "rok") -> Report:
    """The sprawozdanie for ``period`` of the plan's year."""
    start, end = period_months(plan, period)
    # The last events of a year are often held or accounted for in the January after it.
    counted_end = Month.from_index(end.index + GRACE_MONTHS) if end.month == 12 else end
    tasks = [t for t in plan.zadania if any(s <= end and e >= start for s, e in t.termin.ranges)]
    events = {id(t): _events_in(t, start, counted_end) for t in tasks}
    rows = tuple(_row(n, t, events[id(t)]) for n, t in enumerate(tasks, 1))
    counts = _counts(tasks)
    all_events = [e for t in tasks for e in events[id(t)]]
    participants = sum(e.uczestnicy or 0 for e in all_events)
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
        counts=counts,
        events=len(all_events),
        participants=participants,
        reasons=tuple(_reasons(tasks)),
        partners=_partners(tasks, events),
        off_term=off_term,
        rows=rows,
        months=_months(tasks, start, end, counted_end, events),
        summary=(),
    )
    summary = _summary(partial, words.format(rok=plan.rok))
    return replace(partial, summary=summary)


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
            yield tie(task.zadanie), done.status.label, tie(done.powod or "")


def _partners(tasks: list[Task], events: dict[int, list[Event]]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for task in tasks:
        if task.realizacja is None:
            continue
        names = [*task.realizacja.partnerzy, *(p for e in events[id(task)] for p in e.partnerzy)]
        for name in names:
            seen.setdefault(" ".join(name.casefold().split()), name)
    return tuple(tie(name) for name in seen.values())


def _actual(events: list[Event]) -> str:
    """When the task was carried out: its event, or the span of its events."""
    if not events:
        return NONE
    if len(events) == 1:
        return events[0].data.printed()
    first = min(e.data.first for e in events)
    last = max(e.data.last for e in events)
    if all(e.data.exact for e in events):
        span = f"{first:%d.%m.%Y}{NBSP}{EN_DASH} {last:%d.%m.%Y}{NBSP}r."
    else:
        span = format_range(Month(first.year, first.month), Month(last.year, last.month))
        span = span[0].lower() + span[1:]
    return f"{plural(len(events), 'wydarzenie', 'wydarzenia', 'wydarzeń')}: {span}"


def _outside(task: Task, events: list[Event]) -> bool:
    first, last = task.termin.start.index, task.termin.end.index
    return any(e.data.start.index < first or e.data.end.index > last for e in events)


def _off_term(task: Task, events: list[Event]) -> OffTerm:
    planned = task.termin.printed()
    return OffTerm(tie(task.zadanie), planned[0].lower() + planned[1:], _actual(events))


def _row(number: int, task: Task, events: list[Event]) -> Row:
    done = task.realizacja
    if done is None:
        return Row(number, tie(task.zadanie), task.termin.printed(), NONE, NOT_REPORTED, None,
                   (), ())  # fmt: skip
    counted = [e.uczestnicy for e in events if e.uczestnicy is not None]
    partners: dict[str, str] = {}
    for name in [*done.partnerzy, *(p for e in events for p in e.partnerzy)]:
        partners.setdefault(name.casefold(), tie(name))
    notes = []
    if done.powod:
        notes.append(f"Przyczyna: {done.powod}")
    notes.extend(done.rezultaty)
    if done.uwagi:
        notes.append(done.uwagi)
    return Row(
        number=number,
        zadanie=tie(task.zadanie),
        planned=task.termin.printed(),
        actual=_actual(events),
        status=done.status.label,
        participants=sum(counted) if counted else None,
        partners=tuple(partners.values()),
        notes=tuple(tie(n) for n in notes),
    )


def _months(
    tasks: list[Task],
    start: Month,
    end: Month,
    counted_end: Month,
    events: dict[int, list[Event]],
) -> tuple[MonthFigures, ...]:
    held: dict[Month, list[Event]] = {}
    for task in tasks:
        for event in events[id(task)]:
            held.setdefault(event.data.start, []).append(event)
    last = max([end, *(m for m in held if m <= counted_end)])
    # Tasks running in each month, counted once per task: +1 where its term starts, -1 after.
    change = [0] * (last.index - start.index + 2)
    for task in tasks:
        first = max(task.termin.start.index, start.index) - start.index
        after = min(task.termin.end.index, last.index) - start.index + 1
        if first < after:
            change[first] += 1
            change[after] -= 1
    figures = []
    planned = 0
    for offset, index in enumerate(range(start.index, last.index + 1)):
        month = Month.from_index(index)
        planned += change[offset]
        these = held.get(month, [])
        figures.append(
            MonthFigures(month, planned, len(these), sum(e.uczestnicy or 0 for e in these))
        )
    return tuple(figures)


def _summary(report: Report, when: str) -> tuple[str, ...]:
    """The summary in words: one paragraph each."""
    c = report.counts
    tasks = plural(c.planned, "zadanie", "zadania", "zadań")
    paragraphs = [
        f"{when[0].upper()}{when[1:]} plan obejmował {tasks}. Zrealizowano {c.done}, częściowo "
        f"zrealizowano {c.partly}, nie zrealizowano {c.not_done}; w trakcie realizacji: "
        f"{c.ongoing}, bez informacji o realizacji: {c.not_reported}."
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
    return tuple(tie(p) for p in paragraphs)
