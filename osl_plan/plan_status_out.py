"""The plan's status as text (a rich table on a terminal, plain lines when piped), JSON, GitHub."""

from __future__ import annotations

from osl_plan.columns import task_heading
from osl_plan.errors import escape_controls
from osl_plan.i18n import _, ngettext
from osl_plan.plan_status import PlanStatus, TaskState
from osl_plan.realisation_words import message_label
from osl_plan.terms import Month

_SHORT = 70  # characters of a task's text shown in a line


def _short(text: str) -> str:
    text = escape_controls(" ".join(text.split()))  # a task's text may reorder the terminal's
    return text if len(text) <= _SHORT else text[: _SHORT - 1] + "…"


def _month(month: Month) -> str:
    return f"{month.name} {month.year}"


def _recorded(state: TaskState) -> str:
    return message_label(state.status)


def _sections(report: PlanStatus) -> list[tuple[str, tuple[TaskState, ...], str]]:
    """(heading, tasks, style) of the three lists."""
    return [
        (
            _("Running this month ({month}): {count}").format(
                month=_month(report.month), count=len(report.running)
            ),
            report.running,
            "",
        ),
        (
            _("Starting next month ({month}): {count}").format(
                month=_month(report.next_month), count=len(report.starting)
            ),
            report.starting,
            "cyan",
        ),
        (
            _(
                "Overdue (the term has ended; nothing recorded, or only „w trakcie”): {count}"
            ).format(count=len(report.overdue)),
            report.overdue,
            "bold red",
        ),
    ]


def summary_line(report: PlanStatus) -> str:
    """One line with the counts."""
    return ngettext(
        "{file}: {count} task overdue", "{file}: {count} tasks overdue", len(report.overdue)
    ).format(file=report.file, count=len(report.overdue))


def format_plain(report: PlanStatus) -> str:
    """Plain lines: a heading per list, one task per line (for pipes, logs and e-mail)."""
    lines = [f"{report.file} – {_month(report.month)}"]
    for heading, states, _style in _sections(report):
        lines.append("")
        lines.append(heading)
        lines.extend(
            f"  {s.number}. {_short(task_heading(s.task))} | {s.task.termin.printed(nbsp=False)} | "
            f"{_recorded(s)}"
            for s in states
        )
    lines += ["", summary_line(report)]
    return "\n".join(lines) + "\n"


def print_rich(report: PlanStatus) -> None:
    """Tables on the terminal, in colour unless NO_COLOR is set (rich is imported only here)."""
    from rich.console import Console
    from rich.table import Table

    console = Console(highlight=False)
    console.print(f"[bold]{report.file}[/bold] – {_month(report.month)}", markup=True)
    for heading, states, style in _sections(report):
        table = Table(title=heading, title_justify="left", title_style=style or "bold")
        table.add_column(_("No."), justify="right")
        table.add_column(_("Task"), overflow="fold")
        table.add_column(_("Term"))
        table.add_column(_("Realisation"))
        for s in states:
            table.add_row(
                str(s.number), _short(task_heading(s.task)), s.task.termin.printed(), _recorded(s),
                style=style or None,
            )  # fmt: skip
        console.print(table)
    console.print(summary_line(report), markup=False)


def _task_json(state: TaskState) -> dict[str, object]:
    task = state.task
    return {
        "number": state.number,
        "id": task.id,
        "line": state.line,
        "zadanie": task.zadanie,
        "termin": task.termin.text,
        "status": None if state.status is None else state.status.value,
    }


def format_json(report: PlanStatus) -> str:
    """One JSON document with the month, the three lists and their counts."""
    import json

    document = {
        "file": report.file,
        "month": f"{report.month.year}-{report.month.month:02d}",
        "counts": {
            "running": len(report.running),
            "starting": len(report.starting),
            "overdue": len(report.overdue),
        },
        "running": [_task_json(s) for s in report.running],
        "starting": [_task_json(s) for s in report.starting],
        "overdue": [_task_json(s) for s in report.overdue],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _escape(text: str, *, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def format_github(report: PlanStatus) -> str:
    """GitHub annotations: a warning per overdue task, a notice per task starting next month."""
    lines = []
    for kind, states, message in (
        (
            "warning",
            report.overdue,
            _("overdue: the term „{term}” has ended; realisation: {status}"),
        ),
        ("notice", report.starting, _("starts next month: „{term}”")),
    ):
        for s in states:
            where = f"file={_escape(report.file, prop=True)}"
            if s.line is not None:
                where += f",line={s.line}"
            title = _escape(f"osl-plan status: {_short(task_heading(s.task))}", prop=True)
            text = message.format(term=s.task.termin.printed(nbsp=False), status=_recorded(s))
            lines.append(f"::{kind} {where},title={title}::{_escape(text)}")
    return "".join(line + "\n" for line in lines)
