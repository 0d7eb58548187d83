"""Attendance lists (listy obecności) for the plan's events: which sheets, for which tasks and days.

:func:`sheets_for` picks the sheets (one task on one day, or every task running in a month);
:mod:`osl_plan.lista.docx` lays them out with render's DOCX builder, the strip and the styles of
the plan's documents. The library never prints; the CLI is ``osl-plan lista``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from osl_plan.errors import Problem, UsageError
from osl_plan.i18n import _
from osl_plan.model import Plan, Task
from osl_plan.render import RenderOptions, StripPosition
from osl_plan.terms import MONTHS_GENITIVE
from osl_plan.typed_terms import typed_month

if TYPE_CHECKING:
    from osl_plan.lista.docx import ListaOptions

#: The clause file is a short text; a larger file is a mistake (a wrong file given).
MAX_CLAUSE_BYTES = 64 * 1024

#: The default clause when the plan has none: short, naming the unit as the controller.
DEFAULT_CLAUSE = (
    "Administratorem danych osobowych zebranych na liście obecności jest {jednostka}. "
    "Dane są przetwarzane w celu udokumentowania udziału w wydarzeniu i rozliczenia zadania, "
    "zgodnie z art. 6 ust. 1 lit. c i e RODO, przez okres wymagany przepisami o archiwizacji. "
    "Przysługuje Pani/Panu prawo dostępu do danych, ich sprostowania i ograniczenia "
    "przetwarzania oraz prawo wniesienia skargi do Prezesa Urzędu Ochrony Danych Osobowych. "
    "Szczegóły podaje inspektor ochrony danych administratora."
)
UNIT_FALLBACK = "jednostka prowadząca zadanie"


@dataclass(frozen=True, slots=True)
class Sheet:
    """One attendance list: the task (and its number in the plan's table), the day and the place."""

    number: int
    task: Task
    #: The day as printed („12 marca 2025 r.”), or a blank line to fill in by hand.
    date: str
    place: str


def parse_day(text: str) -> dt.date | None:
    """A single day as people write it: 12.03.2025, 2025-03-12, „12 marca 2025” (r. allowed)."""
    value = re.sub(r"\s*(r\.?|roku)$", "", text.strip())
    if m := re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", value):
        day, month, year = int(m[1]), int(m[2]), int(m[3])
    elif m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", value):
        year, month, day = int(m[1]), int(m[2]), int(m[3])
    elif (m := re.fullmatch(r"(\d{1,2})\s+(\w+)\s+(\d{4})", value)) and (
        m[2].lower() in MONTHS_GENITIVE
    ):
        day, month, year = int(m[1]), MONTHS_GENITIVE.index(m[2].lower()) + 1, int(m[3])
    else:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def format_day(day: dt.date) -> str:
    """„12 marca 2025 r.” — the date as a Polish document sets it."""
    return f"{day.day} {MONTHS_GENITIVE[day.month - 1]} {day.year} r."


def find_task(plan: Plan, which: str) -> tuple[int, Task]:
    """The task with id ``which``, or at number ``which`` of the table. Raises UsageError."""
    for number, task in enumerate(plan.zadania, 1):
        if task.id is not None and task.id == which:
            return number, task
    if which.strip().isdigit():
        number = int(which)
        if 1 <= number <= len(plan.zadania):
            return number, plan.zadania[number - 1]
        raise UsageError(
            _("--zadanie {number}: the plan has tasks 1 to {count} — give a number in that range")
            .format(number=number, count=len(plan.zadania))
        )  # fmt: skip
    raise UsageError(
        _("--zadanie „{value}”: no task has this id — give a task's id or its number in the table")
        .format(value=which)
    )  # fmt: skip


def task_day(task: Task) -> dt.date | None:
    """The task's own day when its term is a single day („08.03.2025”)."""
    return parse_day(task.termin.text)


def sheets_for(
    plan: Plan,
    *,
    zadanie: str | None = None,
    data: str | None = None,
    miesiac: str | None = None,
    miejsce: str | None = None,
) -> list[Sheet]:
    """The sheets asked for: one task (and a day), or every task running in a month.

    Raises UsageError when the choice is missing, contradictory or names nothing in the plan.
    """
    if (zadanie is None) == (miesiac is None):
        raise UsageError(
            _("choose the task with --zadanie ID (or its number) or a month with --miesiac YYYY-MM")
        )
    if miesiac is not None:
        return _month_sheets(plan, miesiac, data, miejsce)
    assert zadanie is not None
    number, task = find_task(plan, zadanie)
    day = _day_option(data, plan.rok) if data is not None else task_day(task)
    return [Sheet(number, task, format_day(day) if day else "", _place(task, miejsce))]


def _day_option(text: str, year: int) -> dt.date:
    day = parse_day(text)
    if day is None:
        raise UsageError(
            _("--data „{value}” is not a date — write it as 12.03.{year} or {year}-03-12").format(
                value=text, year=year
            )
        )
    return day


def _month_sheets(plan: Plan, text: str, data: str | None, miejsce: str | None) -> list[Sheet]:
    month = typed_month(text, option="--miesiac", year=plan.rok)
    day = _day_option(data, plan.rok) if data is not None else None
    if day is not None and (day.year, day.month) != (month.year, month.month):
        raise UsageError(
            _("--data {day} is not in the month given by --miesiac {month}").format(
                day=data, month=text
            )
        )
    sheets = []
    for number, task in enumerate(plan.zadania, 1):
        if task.termin.covers(month):
            own = day or task_day(task)
            sheets.append(
                Sheet(number, task, format_day(own) if own else "", _place(task, miejsce))
            )
    if not sheets:
        raise UsageError(
            _("no task of the plan runs in {month} — choose another month or a task").format(
                month=f"{month.name} {month.year}"
            )
        )
    return sheets


def _place(task: Task, given: str | None) -> str:
    if given is not None:
        return given.strip()
    return (task.miejsce or "").strip()


def clause(plan: Plan, override: str | None = None) -> str:
    """The personal-data clause: the given text, the plan's ``lista.klauzula``, or the default."""
    if override is not None and override.strip():
        return override.strip()
    settings = plan.lista
    if settings is not None and settings.klauzula:
        return settings.klauzula.strip()
    return DEFAULT_CLAUSE.format(jednostka=plan.jednostka or UNIT_FALLBACK)


FORMATS = ("docx", "pdf", "odt")


def render_lista(plan: Plan, sheets: list[Sheet], fmt: str, options: ListaOptions) -> bytes:
    """The lists as ``fmt`` (docx, pdf, odt). Raises UsageError, MissingProgram, ConversionFailed.

    PDF and ODT are the DOCX converted by LibreOffice, as for the plan itself.
    """
    from osl_plan.lista.docx import render_lista_docx

    if fmt not in FORMATS:
        raise UsageError(
            _("unknown format „{format}” — use one of: {formats}").format(
                format=fmt, formats=", ".join(FORMATS)
            )
        )
    if fmt in ("pdf", "odt"):
        from osl_plan.render.libreoffice import convert, find_soffice

        find_soffice()  # fail before laying out when LibreOffice is missing
        return convert(render_lista_docx(plan, sheets, options), "pdf" if fmt == "pdf" else "odt")
    return render_lista_docx(plan, sheets, options)


@dataclass(frozen=True, slots=True)
class ListaResult:
    """What ``make_lista_file`` made: the bytes, where they went (None: stdout), how many sheets."""

    data: bytes
    target: Path | None
    sheets: int


def _target(plan: str, fmt: str, output: str | None, *, stdout_is_tty: bool) -> Path | None:
    if output == "-" or (output is None and plan == "-"):
        if stdout_is_tty:
            raise UsageError(
                _("{format} is binary; write it to a file with -o FILE.{extension}").format(
                    format=fmt.upper(), extension=fmt
                )
            )
        return None
    if output is not None:
        return Path(output)
    return Path(f"lista_{Path(plan).stem}.{fmt}")


def _clause_text(path: Path | None) -> str | None:
    if path is None:
        return None
    from osl_plan.load import decode, read_file

    text = decode(read_file(path, limit=MAX_CLAUSE_BYTES, kind="a text file"), str(path))
    if len(text.encode("utf-8")) > MAX_CLAUSE_BYTES:
        raise UsageError(
            _("{file}: a clause longer than 64 KB is not a clause — check the file").format(
                file=path
            )
        )
    if not text.strip():
        raise UsageError(
            _("{file}: the clause file is empty — write the clause's text in it").format(file=path)
        )
    return text


def make_lista_file(
    plan_path: str,
    *,
    fmt: str,
    output: str | None,
    zadanie: str | None,
    data: str | None,
    miesiac: str | None,
    miejsce: str | None,
    wiersze: int | None,
    klauzula: Path | None,
    strip_position: StripPosition,
    reference_doc: Path | None,
    stdout_is_tty: bool,
    on_warnings: Callable[[tuple[Problem, ...]], None] | None = None,
) -> ListaResult:
    """Load the plan, pick the sheets, lay them out and write them atomically.

    The plan's warnings go to ``on_warnings`` as soon as it is read. Nothing is written when
    anything fails. Raises OslPlanError.
    """
    from osl_plan.lista.docx import ListaOptions
    from osl_plan.load import load
    from osl_plan.output import check_target, remember_input, write_atomic

    target = _target(plan_path, fmt, output, stdout_is_tty=stdout_is_tty)
    for source in (klauzula, reference_doc):
        if source is not None:
            remember_input(source)
    if target is not None:
        check_target(target, inputs=[] if plan_path == "-" else [Path(plan_path)])
    loaded = load(plan_path)
    if on_warnings is not None and loaded.warnings:
        on_warnings(loaded.warnings)
    sheets = sheets_for(loaded.plan, zadanie=zadanie, data=data, miesiac=miesiac, miejsce=miejsce)
    base_dir = None if plan_path == "-" else Path(plan_path).parent
    options = ListaOptions(
        rows=wiersze,
        clause=clause(loaded.plan, _clause_text(klauzula)),
        render=RenderOptions(
            strip_position=strip_position, reference_doc=reference_doc, base_dir=base_dir
        ),
    )
    document = render_lista(loaded.plan, sheets, fmt, options)
    if target is not None:
        write_atomic(target, document)
    return ListaResult(document, target, len(sheets))
