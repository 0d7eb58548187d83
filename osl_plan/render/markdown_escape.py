"""Markdown escaping for the Markdown templates: every ``{{ value }}`` is escaped by the
*finalize* hook (:func:`md_finalize`) unless a filter already produced :class:`MdSafe` text."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from osl_plan.richtext import Inline


class MdSafe(str):
    """Text already escaped for Markdown: the finalize hook passes it through unchanged."""

    __slots__ = ()


# Characters that are Markdown (or GFM) syntax anywhere in a line.
_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~&])")
# Syntax that counts only at the start of a line: headings, lists, quotes, setext underlines.
_MD_LINE_START = re.compile(
    r"^(\s*)(#{1,6}(?=\s|$)|>|[+=\-](?=[\s+=\-]|$)|\d{1,9}(?=[.)](?:\s|$)))"
)


def md_escape(value: Any) -> MdSafe:
    """Any value as literal Markdown text on one line (newlines become spaces)."""
    if isinstance(value, MdSafe):
        return value
    text = " ".join(str(value).splitlines()) if value is not None else ""
    text = _MD_INLINE.sub(r"\\\1", text)
    text = _MD_LINE_START.sub(_escape_line_start, text)
    return MdSafe(text)


def _escape_line_start(m: re.Match[str]) -> str:
    lead, mark = m.group(1), m.group(2)
    if mark.isdigit():
        # "2023." would start a numbered list: escape the dot or bracket after the digits.
        return lead + mark + "\\"
    return f"{lead}\\{mark}"


def md_cell(value: Any) -> MdSafe:
    """Text for a GFM table cell: escaped, with its line breaks as ``<br>``."""
    if isinstance(value, MdSafe):
        return value
    lines = str(value).splitlines() if value is not None else []
    return MdSafe("<br>".join(md_escape(line) for line in lines))


def md_finalize(value: Any) -> Any:
    """Every ``{{ }}`` in a Markdown template: escaped unless a filter marked it safe."""
    return md_escape(value)


def md_runs(runs: Iterable[Inline]) -> MdSafe:
    """Rich-text runs as Markdown: escaped text; ``**`` and ``*`` open and close as runs change."""
    out: list[str] = []
    open_marks: list[str] = []  # innermost last, so marks close in reverse order
    for run in runs:
        wanted = {"**"} if run.bold else set()
        if run.italic:
            wanted.add("*")
        while open_marks and not wanted.issuperset(open_marks):
            out.append(open_marks.pop())
        for mark in ("**", "*"):
            if mark in wanted and mark not in open_marks:
                out.append(mark)
                open_marks.append(mark)
        out.append(md_escape(run.text))
    out.extend(reversed(open_marks))
    return MdSafe("".join(out))
