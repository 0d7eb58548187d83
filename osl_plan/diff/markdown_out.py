"""The diff as Markdown: for a pull-request comment or a CI job summary."""

from __future__ import annotations

import re
from collections.abc import Sequence

from osl_plan.diff.excerpt import excerpt
from osl_plan.diff.model import FieldChange, Pair, PlanDiff, Segment
from osl_plan.diff.text_out import carried_over_heading, describe_side, shorten, summary
from osl_plan.i18n import _

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~])")


def escape(text: str) -> str:
    """Text that Markdown shows as written."""
    return _SPECIAL.sub(r"\\\1", text)


def _inline(segments: Sequence[Segment]) -> str:
    parts = []
    for segment in segments:
        text = escape(segment.text).replace("\n", "<br>")
        core = text.strip()
        if segment.op == "equal" or not core:
            parts.append(text)
            continue
        # Emphasis markers must touch the words they wrap, so spaces stay outside them.
        lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
        tag = "del" if segment.op == "delete" else "ins"
        if core[0].isalnum() and core[-1].isalnum():
            mark = "~~" if tag == "del" else "**"
            parts.append(f"{lead}{mark}{core}{mark}{trail}")
        else:
            # "word**, more**" is not bold in GitHub's Markdown (a marker between a letter and
            # punctuation opens nothing); the HTML tags mark any text.
            parts.append(f"{lead}<{tag}>{core}</{tag}>{trail}")
    return "".join(parts)


def _field(change: FieldChange) -> str:
    if change.note:
        old, new = escape(change.old), escape(change.new)
        return f"  - `{change.field}`: {old} → {new} — *{escape(change.note)}*"
    return f"  - `{change.field}`: {_inline(change.segments)}"


def _plan_field(change: FieldChange) -> list[str]:
    """A key outside the table: the changed sentences, and the whole text folded when long."""
    hunks = excerpt(change.segments)
    if change.note or (len(hunks) == 1 and hunks[0] == change.segments):
        return [_field(change).lstrip()]
    shown = "<br>".join(_inline(hunk) for hunk in hunks)
    # Inside a list item the folded block is indented to the item's text, with blank lines
    # around it, so GitHub renders the Markdown inside <details>.
    return [
        f"- `{change.field}`: {shown}",
        "",
        "  <details><summary>"
        + _("Whole <code>{field}</code>").format(field=change.field)
        + "</summary>",
        "",
        f"  {_inline(change.segments)}",
        "",
        "  </details>",
        "",
    ]


def _task_line(number: str, text: str) -> str:
    return f"- **{number}** {escape(shorten(text))}"


def _pair_line(pair: Pair, diff: PlanDiff) -> str:
    return _task_line(f"{pair.old + 1} → {pair.new + 1}", diff.new_task(pair).zadanie)


def _realisation(diff: PlanDiff) -> list[str]:
    from osl_plan.diff.realisation_change import describe
    from osl_plan.i18n import _

    changes = diff.realisation or ()
    out = ["", "#### " + _("Realisation ({count})").format(count=len(changes)), ""]
    for change in changes:
        task = diff.new.zadania[change.new].zadanie
        out.append(_task_line(f"{change.old + 1} → {change.new + 1}", task))
        out.append(f"  - {escape(describe(change))}")
    return out


def format_markdown(diff: PlanDiff) -> str:
    """The whole report as GitHub-flavoured Markdown."""
    old = describe_side(diff.old_file, diff.old.rok, len(diff.old.zadania))
    new = describe_side(diff.new_file, diff.new.rok, len(diff.new.zadania))
    out = [
        "### " + _("Plan changes"),
        "",
        f"`{old}` → `{new}`",
        "",
        f"**{summary(diff)}**",
    ]
    if diff.plan_fields:
        out += ["", "#### " + _("Plan"), ""]
        for change in diff.plan_fields:
            out += _plan_field(change)
        if out[-1] == "":
            out.pop()
    if diff.added:
        out += ["", "#### " + _("Added ({count})").format(count=len(diff.added)), ""]
        out += [_task_line(str(i + 1), diff.new.zadania[i].zadanie) for i in diff.added]
    if diff.removed:
        out += ["", "#### " + _("Removed ({count})").format(count=len(diff.removed)), ""]
        out += [_task_line(str(i + 1), diff.old.zadania[i].zadanie) for i in diff.removed]
    if diff.changed:
        out += ["", "#### " + _("Changed ({count})").format(count=len(diff.changed)), ""]
        for pair in diff.changed:
            out.append(_pair_line(pair, diff))
            out += [_field(change) for change in pair.fields]
    if diff.carried_over:
        heading = carried_over_heading(diff).removesuffix(":")
        count, shift = len(diff.carried_over), abs(diff.year_shift)
        out += ["", "#### " + heading.format(count=count, shift=shift), ""]
        out += [_pair_line(pair, diff) for pair in diff.carried_over]
    if diff.moved:
        out += ["", "#### " + _("Moved ({count})").format(count=len(diff.moved)), ""]
        out += [_pair_line(pair, diff) for pair in diff.moved]
    if diff.realisation:
        out += _realisation(diff)
    if not diff.has_differences:
        out += [
            "",
            _("No differences beyond the year.") if diff.year_shift else _("No differences."),
        ]
    return "\n".join(out) + "\n"
