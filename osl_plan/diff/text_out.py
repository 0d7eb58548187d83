"""The diff for people at a terminal: colour via rich when asked, plain text otherwise.

Plain text marks words as git's word diff does: ``[-deleted-]`` and ``{+inserted+}``.
"""

from __future__ import annotations

import re

from osl_plan.diff.excerpt import excerpt
from osl_plan.diff.model import FieldChange, Pair, PlanDiff
from osl_plan.i18n import _, ngettext

Span = tuple[str, str]  # (text, style); style "" is plain
Line = list[Span]

_STYLE = {"delete": "red strike", "insert": "green underline"}
_OP = {style: op for op, style in _STYLE.items()}
_MARK = {"delete": ("[-", "-]"), "insert": ("{+", "+}")}
_WIDTH = 90
_FIELD = "      "  # a changed field
_CONTINUED = "        "  # a field's further lines
_BREAK = re.compile(r" +|[^ ]+")  # lines break at spaces only: a no-break space holds


def shorten(text: str, width: int = _WIDTH) -> str:
    """One line of at most ``width`` characters, cut at a word with an ellipsis."""
    flat = " ".join(text.split())
    if len(flat) <= width:
        return flat
    return flat[: width - 1].rsplit(" ", 1)[0] + " …"


def summary(diff: PlanDiff) -> str:
    """ "2 added, 4 removed, …" in a fixed order."""
    counts = (
        (len(diff.added), ngettext("{count} added", "{count} added", len(diff.added))),
        (len(diff.removed), ngettext("{count} removed", "{count} removed", len(diff.removed))),
        (len(diff.changed), ngettext("{count} changed", "{count} changed", len(diff.changed))),
        (len(diff.carried_over), _carried_label(diff)),
        (len(diff.moved), ngettext("{count} moved", "{count} moved", len(diff.moved))),
        (diff.unchanged, ngettext("{count} unchanged", "{count} unchanged", diff.unchanged)),
    )
    # Between plans of one year nothing is carried over: no „0 carried over” beside „unchanged”.
    text = ", ".join(label.format(count=count) for count, label in counts if label)
    if diff.plan_fields:
        count = len(diff.plan_fields)
        keys = ngettext("{count} plan key changed", "{count} plan keys changed", count)
        text += "; " + keys.format(count=count)
    return text


def _carried_label(diff: PlanDiff) -> str:
    """How the summary counts the tasks whose only change is the year („" when there are none
    and the plans are of one year)."""
    count = len(diff.carried_over)
    if diff.year_shift:
        return ngettext(
            "{count} with only the year changed", "{count} with only the year changed", count
        )
    if count:
        return ngettext("{count} carried over", "{count} carried over", count)
    return ""


def describe_side(name: str, rok: int, tasks: int) -> str:
    """ "examples/plan_2022.yaml (rok 2022, 20 tasks)"."""
    return ngettext(
        "{name} (rok {rok}, {count} task)", "{name} (rok {rok}, {count} tasks)", tasks
    ).format(name=name or _("<plan>"), rok=rok, count=tasks)


def _lines(diff: PlanDiff) -> list[Line]:
    out: list[Line] = [
        [("--- " + describe_side(diff.old_file, diff.old.rok, len(diff.old.zadania)), "bold")],
        [("+++ " + describe_side(diff.new_file, diff.new.rok, len(diff.new.zadania)), "bold")],
        [(summary(diff), "")],
    ]
    if not diff.has_differences:
        text = _("No differences beyond the year.") if diff.year_shift else _("No differences.")
        out.append([(text, "")])
    if diff.plan_fields:
        out += [[], [(_("Plan:"), "bold")]]
        for change in diff.plan_fields:
            out += _field(change, excerpts=True)
    groups = (
        (_("Added ({count}):"), [(None, i) for i in diff.added], "+", "green"),
        (_("Removed ({count}):"), [(i, None) for i in diff.removed], "-", "red"),
    )
    for title, items, sign, style in groups:
        if items:
            out += [[], [(title.format(count=len(items)), "bold")]]
            for o, n in items:
                task = diff.new.zadania[n] if n is not None else diff.old.zadania[o or 0]
                out.append([(f"  {sign} {_where(o, n)} ", style), (shorten(task.zadanie), "")])
    if diff.changed:
        out += [[], [(_("Changed ({count}):").format(count=len(diff.changed)), "bold")]]
        for pair in diff.changed:
            out.append(_pair_heading("~", pair, diff, "yellow"))
            for change in pair.fields:
                out += _field(change)
    for title, chosen, sign in (
        (carried_over_heading(diff), diff.carried_over, "="),
        (_("Moved ({count}):"), diff.moved, "↕"),
    ):
        if chosen:
            heading = title.format(count=len(chosen), shift=abs(diff.year_shift))
            out += [[], [(heading, "bold")]]
            out += [_pair_heading(sign, pair, diff, "cyan") for pair in chosen]
    if diff.realisation:
        out += _realisation_lines(diff)
    return out


def _realisation_lines(diff: PlanDiff) -> list[Line]:
    from osl_plan.diff.realisation_change import describe
    from osl_plan.i18n import _

    changes = diff.realisation or ()
    heading = _("Realisation ({count}):").format(count=len(changes))
    out: list[Line] = [[], [(heading, "bold")]]
    for change in changes:
        task = diff.new.zadania[change.new]
        out.append(
            [(f"  * {_where(change.old, change.new)} ", "magenta"), (shorten(task.zadanie), "")]
        )
        out.append([(f"{_FIELD}{describe(change)}", "")])
    return out


def carried_over_heading(diff: PlanDiff) -> str:
    """The heading of the tasks whose only change is the year in their text, with {count} and
    {shift} (years, without a sign) to fill in."""
    if diff.year_shift > 0:
        return _("Only the year changed, {shift} on ({count}):")
    if diff.year_shift < 0:
        return _("Only the year changed, {shift} back ({count}):")
    return _("Carried over ({count}):")


def _where(old: int | None, new: int | None) -> str:
    if old is None:
        return f"[{(new or 0) + 1}]"
    if new is None:
        return f"[{old + 1}]"
    return f"[{old + 1} → {new + 1}]"


def _pair_heading(sign: str, pair: Pair, diff: PlanDiff, style: str) -> Line:
    return [
        (f"  {sign} {_where(pair.old, pair.new)} ", style),
        (shorten(diff.new_task(pair).zadanie), ""),
    ]


def _field(change: FieldChange, *, excerpts: bool = False) -> list[Line]:
    head: Line = [(f"{_FIELD}{change.field}: ", "bold")]
    if change.note:
        return [[*head, (f"{change.old} → {change.new} ", ""), (f"({change.note})", "italic")]]
    hunks = excerpt(change.segments) if excerpts else [change.segments]
    lines: list[Line] = [head]
    for h, hunk in enumerate(hunks):
        if h:
            lines.append([(_CONTINUED, "")])
        for segment in hunk:
            text, style = segment.text, _STYLE.get(segment.op, "")
            parts = text.split("\n")
            for k, part in enumerate(parts):
                if k:
                    lines.append([(_CONTINUED, "")])
                if part:
                    lines[-1].append((part, style))
    return lines


def format_text(diff: PlanDiff, *, color: bool = False, width: int | None = None) -> str:
    """The diff as lines of text; with ``color``, ANSI colours via rich (imported here).

    With ``width`` (a terminal's columns), long lines wrap at spaces under their own indent.
    """
    lines = _lines(diff)
    if not color:
        lines = _legend(lines) + [_marked(line) for line in lines[3:]]
    if width:
        lines = [part for line in lines for part in wrap(line, width)]
    if not color:
        return "".join("".join(text for text, _ in line).rstrip() + "\n" for line in lines)
    import io

    from rich.console import Console
    from rich.text import Text

    console = Console(
        force_terminal=True,
        color_system="standard",
        width=max(width or 0, 200),
        record=True,
        file=io.StringIO(),
    )
    for line in lines:
        text = Text(no_wrap=True)
        for part, style in line:
            text.append(part, style=style or None)
        console.print(text, soft_wrap=True)
    return console.export_text(styles=True)


def wrap(line: Line, width: int) -> list[Line]:
    """``line`` cut at spaces into lines of at most ``width`` characters where words allow.

    Further lines are indented two more than the first; a word longer than a line stays whole.
    """
    flat = "".join(text for text, _ in line)
    if len(flat) <= width:
        return [line]
    # Two more than the line's own indent; a field's every line wraps to the same column, so
    # the wrapped part never lines up with the start of an item.
    leading = len(flat) - len(flat.lstrip(" "))
    indent = " " * (len(_CONTINUED) + 2 if leading >= len(_FIELD) else leading + 2)
    pieces = [(m.group(), style) for text, style in line for m in _BREAK.finditer(text)]
    # The length of the word after each piece: a word may run across styles ("radni[- i-]{+,+}").
    following = [0] * (len(pieces) + 1)
    for k in range(len(pieces) - 1, -1, -1):
        after = pieces[k + 1][0] if k + 1 < len(pieces) else " "
        following[k] = 0 if after.startswith(" ") else len(after) + following[k + 1]
    out: list[Line] = [[]]
    used = 0
    for k, (piece, style) in enumerate(pieces):
        # Break at a space when the word after it would not fit (and the line holds a word).
        too_long = used + len(piece) + following[k] > width
        if piece.startswith(" ") and k and too_long and used > len(indent):
            out.append([(indent, "")])
            used = len(indent)
            continue
        if out[-1] and out[-1][-1][1] == style:
            out[-1][-1] = (out[-1][-1][0] + piece, style)
        else:
            out[-1].append((piece, style))
        used += len(piece)
    return out


def _legend(lines: list[Line]) -> list[Line]:
    """The head of the diff (the two sides and the summary), and a line saying what the word
    markers mean when there are any (colour says it on a terminal)."""
    head = lines[:3]
    if any(style in _OP for line in lines for _text, style in line):
        head.append([(_("Words: [-…-] removed, {+…+} added."), "")])
    return head


def _marked(line: Line) -> Line:
    """Styles replaced by git's word-diff markers: [-deleted-] and {+inserted+}."""
    out: Line = []
    for text, style in line:
        op = _OP.get(style)
        if op is not None:
            start, end = _MARK[op]
            out.append((f"{start}{text}{end}", ""))
        else:
            out.append((text, style))
    return out
