"""What every renderer shares: Polish typography, printed terms, the signature and schedule data."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from osl_plan.model import Plan, Signature, Task
from osl_plan.terms import EN_DASH, MONTHS_NOMINATIVE, NBSP, DayRange, Month

TABLE_HEADERS = ("ZADANIE", "ADRESACI", "TERMINY PLANOWANYCH DZIAŁAŃ")
DOTS = "……………………"

# A one-letter word a, i, o, u, w, z must not end a line: bind it to the next word.
_ONE_LETTER = re.compile(r"(?<![\w\-])([aiouwzAIOUWZ]) (?=\S)")


def tie_short_words(text: str) -> str:
    """Put a non-breaking space after the one-letter words a, i, o, u, w, z (either case)."""
    return _ONE_LETTER.sub(lambda m: m.group(1) + NBSP, text)


def document_title(plan: Plan) -> str:
    """The title as set on the page: upper case."""
    return plan.tytul.upper()


def year_line(plan: Plan) -> str:
    """The line under the title: "2023 ROK"."""
    return f"{plan.rok} ROK"


def term_text(task: Task, *, keep_terms: bool) -> str:
    """The term as printed: normalised ("Czerwiec – październik 2023") unless kept as written."""
    return task.termin.text if keep_terms else task.termin.printed(nbsp=True)


def task_heading(task: Task) -> str:
    """The task's text where its sub-items (``dzialania``) are left out (report, lista, status):
    without the colon that introduced them („…działania CUS:” → „…działania CUS”)."""
    text = task.zadanie.rstrip()
    if task.dzialania and text.endswith(":"):
        return text[:-1].rstrip()
    return text


def format_date(value: dt.date) -> str:
    """A numeric Polish date: "05.01.2023 r."."""
    return f"{value:%d.%m.%Y} r."


@dataclass(frozen=True, slots=True)
class SignatureLines:
    """One side of the signature block as text: label, person, position, date."""

    label: str
    person: str
    position: str
    date: str


def signature_lines(label: str, signature: Signature) -> SignatureLines:
    """Dotted lines wherever the plan leaves a name or date out."""
    return SignatureLines(
        label=label,
        person=signature.osoba or DOTS,
        position=signature.stanowisko or "",
        date=format_date(signature.data) if signature.data else DOTS,
    )


DRAFTED, APPROVED = "Opracował", "Zatwierdził"


def signatures(plan: Plan) -> tuple[SignatureLines, SignatureLines]:
    """Left: drafted by (Opracował); right: approved by (Zatwierdził); labels as the plan says."""
    drafted, approved = plan.podpisy.opracowal, plan.podpisy.zatwierdzil
    return (
        signature_lines(drafted.etykieta or DRAFTED, drafted),
        signature_lines(approved.etykieta or APPROVED, approved),
    )


def front_lines(plan: Plan) -> dict[str, str]:
    """What page one prints above the title: the framing line and the unit's name (if any)."""
    lines = {"zalacznik": plan.zalacznik or "", "jednostka": plan.jednostka or plan.gmina or ""}
    return {key: text for key, text in lines.items() if text}


def logo_alt(plan: Plan) -> str:
    """The logo's alt text: as written, or „Logo: ” and the unit's name."""
    if plan.logo is None:
        return ""
    unit = plan.jednostka or plan.gmina
    return plan.logo.opis or (f"Logo: {unit}" if unit else "Logo jednostki")


@dataclass(frozen=True, slots=True)
class Schedule:
    """The schedule grid: one column per month, one row per task, True where the task runs."""

    months: tuple[Month, ...]
    rows: tuple[tuple[bool, ...], ...]
    #: Beside ``rows``: the days a task's term names in a month („8, 15”), "" where it names
    #: none there or fills the month.
    days: tuple[tuple[str, ...], ...] = ()

    @property
    def headers(self) -> tuple[str, ...]:
        """Short month labels; the year is added where the grid spans more than one."""
        years = {m.year for m in self.months}
        return tuple(
            MONTHS_NOMINATIVE[m.month - 1][:3] + (f" {m.year}" if len(years) > 1 else "")
            for m in self.months
        )


def schedule(plan: Plan) -> Schedule:
    """The plan's year month by month, widened to cover terms that run into the next year."""
    first = min([Month(plan.rok, 1), *(t.termin.start for t in plan.zadania)])
    last = max([Month(plan.rok, 12), *(t.termin.end for t in plan.zadania)])
    months = tuple(Month.from_index(i) for i in range(first.index, last.index + 1))
    rows = tuple(tuple(t.termin.covers(m) for m in months) for t in plan.zadania)
    days = tuple(
        tuple(
            days_in_month(t.termin.days, m) if on else "" for m, on in zip(months, row, strict=True)
        )
        for t, row in zip(plan.zadania, rows, strict=True)
    )
    return Schedule(months, rows, days)


def days_in_month(days: tuple[DayRange, ...], month: Month) -> str:
    """The days in ``month`` as a schedule cell shows them: „8, 15”, „15–16”, „28–30”; ""
    when none of the days falls in it or they fill it (a month marked as a whole)."""
    first = dt.date(month.year, month.month, 1)
    last = dt.date(month.year, month.month, calendar.monthrange(month.year, month.month)[1])
    texts = []
    for day_from, day_to in days:
        start, end = max(day_from, first), min(day_to, last)
        if start > end:
            continue
        if (start, end) == (first, last):
            return ""
        texts.append(str(start.day) if start == end else f"{start.day}{EN_DASH}{end.day}")
    return ", ".join(texts)
