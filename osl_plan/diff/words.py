"""Word-level inline diffs (Polish letters are letters) and plain-language notes on terms."""

from __future__ import annotations

import re

from osl_plan.diff.model import FieldChange, Op, Segment
from osl_plan.i18n import _, language
from osl_plan.terms import EN_DASH, Month, Term

# Words (any script's letters and digits), runs of white space, and single punctuation marks.
_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")


def tokens(text: str) -> list[str]:
    """``text`` cut into words, spaces and punctuation; joining them gives ``text`` back."""
    return _TOKEN.findall(text)


def word_diff(old: str, new: str) -> tuple[Segment, ...]:
    """Segments whose equal+delete text is ``old`` and equal+insert text is ``new``."""
    from difflib import SequenceMatcher

    a, b = tokens(old), tokens(new)
    segments: list[Segment] = []
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            _append(segments, "equal", "".join(a[i1:i2]))
            continue
        if i2 > i1:
            _append(segments, "delete", "".join(a[i1:i2]))
        if j2 > j1:
            _append(segments, "insert", "".join(b[j1:j2]))
    return tuple(_absorb_lone_spaces(segments))


def _append(segments: list[Segment], op: Op, text: str) -> None:
    if segments and segments[-1].op == op:
        segments[-1] = Segment(op, segments[-1].text + text)
    else:
        segments.append(Segment(op, text))


def _absorb_lone_spaces(segments: list[Segment]) -> list[Segment]:
    """A single space kept between two changes reads better inside them: "[-a b-]{+c d+}"."""
    out: list[Segment] = []
    i = 0
    while i < len(segments):
        seg = segments[i]
        between = 0 < i < len(segments) - 1
        if (
            between
            and seg.op == "equal"
            and seg.text.isspace()
            and segments[i - 1].op != "equal"
            and segments[i + 1].op != "equal"
        ):
            for op in ("delete", "insert"):
                _append_any(out, op, seg.text)
            i += 1
            continue
        _append_any(out, seg.op, seg.text)
        i += 1
    return _regroup(out)


def _append_any(out: list[Segment], op: Op, text: str) -> None:
    out.append(Segment(op, text))


def _regroup(segments: list[Segment]) -> list[Segment]:
    """Within each run of changes, all deletions first, then all insertions, each merged."""
    out: list[Segment] = []
    run: list[Segment] = []
    for seg in [*segments, Segment("equal", "")]:
        if seg.op != "equal":
            run.append(seg)
            continue
        deleted = "".join(s.text for s in run if s.op == "delete")
        inserted = "".join(s.text for s in run if s.op == "insert")
        if deleted:
            out.append(Segment("delete", deleted))
        if inserted:
            out.append(Segment("insert", inserted))
        run = []
        if seg.text:
            _append(out, "equal", seg.text)
    return out


def line_diff(old: str, new: str) -> tuple[Segment, ...]:
    """Like :func:`word_diff`, but lines are aligned first: a line added or removed is one change.

    For paragraphs and list items (chapters, the introduction, the strip's marks), where a word
    diff across line ends would splice an item's end onto the next one.
    """
    from difflib import SequenceMatcher

    a, b = old.split("\n"), new.split("\n")
    items: list[tuple[str, str, str]] = []  # (kind, old line, new line)
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            items += [("equal", line, line) for line in a[i1:i2]]
            continue
        common = min(i2 - i1, j2 - j1) if tag == "replace" else 0
        items += [("words", a[i1 + k], b[j1 + k]) for k in range(common)]
        items += [("delete", line, "") for line in a[i1 + common : i2]]
        items += [("insert", "", line) for line in b[j1 + common : j2]]
    out: list[Segment] = []
    in_old = in_new = False  # whether a line of that side has been written (a newline is due)
    for kind, before, after in items:
        touches_old, touches_new = kind != "insert", kind != "delete"
        newline: Op | None = None
        if touches_old and in_old and touches_new and in_new:
            newline = "equal"
        elif touches_old and in_old:
            newline = "delete"
        elif touches_new and in_new:
            newline = "insert"
        if newline:
            _append(out, newline, "\n")
        if kind == "words":
            for segment in word_diff(before, after):
                _append(out, segment.op, segment.text)
        elif before or after:
            _append(
                out,
                "insert" if kind == "insert" else "delete" if kind == "delete" else "equal",
                before or after,
            )
        in_old, in_new = in_old or touches_old, in_new or touches_new
    return tuple(out)


def text_change(field: str, old: str, new: str, *, by_line: bool = False) -> FieldChange:
    """A changed text field with its inline diff (``by_line``: see :func:`line_diff`)."""
    return FieldChange(field, old, new, line_diff(old, new) if by_line else word_diff(old, new))


# --- terms -----------------------------------------------------------------------------------


def _month(month: Month, year: int) -> str:
    return month.name if month.year == year else f"{month.name} {month.year}"


def _range(start: Month, end: Month, year: int) -> str:
    if start == end:
        return _month(start, year)
    return f"{_month(start, year)} {EN_DASH} {_month(end, year)}"


def _from(month: Month, year: int) -> str:
    """The month after "do"/"od" in Polish (genitive: „do czerwca”); as named elsewhere."""
    name = month.genitive if language() == "pl" else month.name
    return name if month.year == year else f"{name} {month.year}"


def term_note(old: Term, new: Term, *, years: int, year: int) -> str:
    """What happened to a term, in the reader's language: "moved: czerwiec → maj".

    ``old`` is moved by ``years`` first; months are named without a year when they fall in the
    new plan's ``year``. Terms that name days, or words whose months are assumed, are compared
    as printed: „8 i 15 marca” → „8 marca” is a change although the month is the same.
    """
    if _as_printed(old) or _as_printed(new):
        note = _printed_note(old, new, years=years)
        if note is not None:
            return note
    if old.spans or new.spans:
        return _months_note(old, new, years=years, year=year)
    start, end = (
        Month.from_index(old.start.index + 12 * years),
        Month.from_index(old.end.index + 12 * years),
    )
    if (start, end) == (new.start, new.end):
        return ""
    if start == new.start:
        note = _("lengthened to {month}") if new.end > end else _("shortened to {month}")
        return note.format(month=_from(new.end, year))
    if end == new.end:
        note = _("lengthened: from {month}") if new.start < start else _("shortened: from {month}")
        return note.format(month=_from(new.start, year))
    before, after = _range(start, end, year), _range(new.start, new.end, year)
    if new.start <= start and end <= new.end:
        note = _("lengthened: {before} → {after}")
    elif start <= new.start and new.end <= end:
        note = _("shortened: {before} → {after}")
    elif end.index - start.index == new.end.index - new.start.index:
        note = _("moved: {before} → {after}")
    else:
        note = _("changed: {before} → {after}")
    return note.format(before=before, after=after)


def _as_printed(term: Term) -> bool:
    """Whether a term's print says more than its months: its days, or its own words."""
    return term.assumed or bool(term.days)


def _printed_note(old: Term, new: Term, *, years: int) -> str | None:
    """The note for terms that name days or keep their words; None to compare their months."""
    before, after = old.shifted(years).printed(nbsp=False), new.printed(nbsp=False)
    if before == after:
        return ""
    days = bool(old.days or new.days)
    if old.shifted(years).ranges == new.ranges:
        if days:
            note = _("days changed: {before} → {after}")
        else:
            note = _("the same months, written differently: {before} → {after}")
    elif days:  # other months and days: the days say it
        note = _("changed: {before} → {after}")
    else:
        return None
    return note.format(before=before, after=after)


def _months_note(old: Term, new: Term, *, years: int, year: int) -> str:
    """The note for terms of several ranges, compared as sets of months."""
    moved = [
        (Month.from_index(start.index + 12 * years), Month.from_index(end.index + 12 * years))
        for start, end in old.ranges
    ]
    before = {m.index for start, end in moved for m in _each(start, end)}
    after = {m.index for m in new.months()}
    if before == after:
        return ""
    if before < after:
        note = _("lengthened: {before} → {after}")
    elif after < before:
        note = _("shortened: {before} → {after}")
    else:
        note = _("changed: {before} → {after}")
    return note.format(
        before=", ".join(_range(start, end, year) for start, end in moved),
        after=", ".join(_range(start, end, year) for start, end in new.ranges),
    )


def _each(start: Month, end: Month) -> list[Month]:
    return [Month.from_index(index) for index in range(start.index, end.index + 1)]
