"""What the sprawozdanie says, worked out once from the plan; every format writes this value.

Document text is Polish (it is what the centre publishes), like the plan's own documents.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from osl_plan.columns import task_heading
from osl_plan.model import DEFAULT_TITLE, Event, Plan, Task
from osl_plan.model.task_status import Status
from osl_plan.polish import plural
from osl_plan.polish import tie_short_words as tie
from osl_plan.realisation_words import NOTHING_RECORDED, document_label, event_text
from osl_plan.report.periods import (
    PERIOD_WORDS,
    MonthFigures,
    Period,
    PeriodTasks,
    month_figures,
    period_tasks,
)
from osl_plan.terms import EN_DASH, NBSP

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
class OffTerm:
    """A task carried out (partly) outside its planned term: ``actual`` names the events held
    outside it."""

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


def build_report(plan: Plan, period: Period = "rok") -> Report:
    """The sprawozdanie for ``period`` of the plan's year, counted by date
    (:mod:`osl_plan.report.periods`), so the quarters and half-years add up to the year."""
    counted = period_tasks(plan, period)
    tasks = [task for _number, task, _events in counted.tasks]
    all_events = [e for _number, _task, events in counted.tasks for e in events]
    _first, _last, title_line, words = PERIOD_WORDS[period]
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
        partners=_partners(counted),
        off_term=tuple(
            _off_term(task, outside)
            for _number, task, events in counted.tasks
            if (outside := _outside(task, events))
        ),
        rows=tuple(_row(number, task, events) for number, task, events in counted.tasks),
        task_events=tuple(
            TaskEvents(number, tie(task_heading(task)), tuple(tie(event_text(e)) for e in events))
            for number, task, events in counted.tasks
            if events
        ),
        months=month_figures(plan, counted),
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
            yield tie(task_heading(task)), document_label(done.status), tie(done.powod or "")


def _taken_part(task: Task, events: Sequence[Event]) -> list[str]:
    """Partners recorded as having taken part: the task's own record and its events'."""
    if task.realizacja is None:
        return []
    return [*task.realizacja.partnerzy, *(p for e in events for p in e.partnerzy)]


def _partners(counted: PeriodTasks) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for _number, task, events in counted.tasks:
        for name in _taken_part(task, events):
            seen.setdefault(" ".join(name.casefold().split()), name)
    return tuple(tie(name) for name in seen.values())


def _actual_lines(events: Sequence[Event]) -> tuple[str, ...]:
    """When the task was carried out: its event, or how many events and each one's date (a
    list of dates, never one span that would read as one long activity)."""
    if not events:
        return (NONE,)
    if len(events) == 1:
        return (events[0].data.printed(),)
    count = plural(len(events), "wydarzenie", "wydarzenia", "wydarzeń")
    return (f"{count}:", *(e.data.printed() for e in events))


def _actual(events: Sequence[Event]) -> str:
    """:func:`_actual_lines` in one line: „2 wydarzenia: 7 lipca 2025 r.; 8 sierpnia 2025 r.”."""
    first, *dates = _actual_lines(events)
    return f"{first} {'; '.join(dates)}" if dates else first


def _outside(task: Task, events: Sequence[Event]) -> list[Event]:
    """The events held (partly) outside the task's planned term."""
    term = task.termin
    return [e for e in events if not (term.covers(e.data.start) and term.covers(e.data.end))]


def _off_term(task: Task, outside: Sequence[Event]) -> OffTerm:
    planned = task.termin.printed()
    return OffTerm(tie(task_heading(task)), planned[0].lower() + planned[1:], _actual(outside))


def _row(number: str, task: Task, events: Sequence[Event]) -> Row:
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


def _summary(report: Report, when: str) -> tuple[str, ...]:
    """The summary in words: one paragraph each."""
    c = report.counts
    tasks = plural(c.planned, "zadanie", "zadania", "zadań")
    paragraphs = [
        f"{when[0].upper()}{when[1:]} plan obejmował {tasks}. Zrealizowano {c.done}, częściowo "
        f"zrealizowano {c.partly}, nie zrealizowano {c.not_done}; "
        f"{document_label(Status.ONGOING)}: {c.ongoing}, {NOTHING_RECORDED}: {c.not_reported}."
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
