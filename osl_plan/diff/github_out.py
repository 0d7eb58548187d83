"""The diff as GitHub Actions annotations: ``::notice`` lines pointing at the NEW file."""

from __future__ import annotations

from osl_plan.diff.model import FieldChange, Pair, PlanDiff
from osl_plan.diff.text_out import shorten, summary
from osl_plan.i18n import _, with_hint


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def _notice(diff: PlanDiff, line: int | None, title: str, message: str) -> str:
    where = f"file={_prop(diff.new_file or _('<plan>'))}"
    if line is not None:
        where += f",line={line}"
    return f"::notice {where},title={_prop('osl-plan diff: ' + title)}::{_data(message)}"


def _changes(pair: Pair) -> str:
    parts = []
    for change in pair.fields:
        parts.append(f"{change.field}: {change.note}" if change.note else change.field)
    return "; ".join(parts)


def _plan_message(change: FieldChange) -> str:
    old, new = (f"„{shorten(t, 200)}”" if t else "—" for t in (change.old, change.new))
    return f"{old} → {new}" + (f" ({change.note})" if change.note else "")


def format_github(diff: PlanDiff) -> str:
    """One annotation per added, removed, changed or moved task and per plan key; a summary.

    Removed tasks and plan keys are attached to the file, not to a line. Raises nothing.
    """
    lines = []
    for i in diff.added:
        task = diff.new.zadania[i].zadanie
        lines.append(_notice(diff, diff.line_of(i), _("task added"), task))
    for i in diff.removed:
        message = _("task {number} of {file} removed: {task}").format(
            number=i + 1, file=diff.old_file or _("the old plan"), task=diff.old.zadania[i].zadanie
        )
        # A removed task has no line in NEW; on any line it would read as a note on that task.
        lines.append(_notice(diff, None, _("task removed"), message))
    for pair in diff.changed:
        message = with_hint(_changes(pair), shorten(diff.new_task(pair).zadanie))
        lines.append(_notice(diff, diff.line_of(pair.new), _("task changed"), message))
    for change in diff.plan_fields:
        # Outside the table the annotation names the key; it is attached to the file, not a line.
        title = _("{field} changed").format(field=change.field)
        lines.append(_notice(diff, None, title, _plan_message(change)))
    for pair in diff.moved:
        message = _("moved from position {old} to {new}").format(old=pair.old + 1, new=pair.new + 1)
        lines.append(_notice(diff, diff.line_of(pair.new), _("task moved"), message))
    if diff.realisation:
        from osl_plan.diff.realisation_change import describe

        for recorded in diff.realisation:
            where = diff.line_of(recorded.new)
            lines.append(_notice(diff, where, _("realisation changed"), describe(recorded)))
    message = f"{diff.old_file} → {diff.new_file}: {summary(diff)}"
    lines.append(_notice(diff, None, _("summary"), message))
    return "\n".join(lines) + "\n"
