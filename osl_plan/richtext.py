"""The simple Markdown allowed in ``sekcje[].tresc``, parsed into typed blocks for every renderer.

Only what a chapter of a plan needs, and nothing that could surprise a user:

- paragraphs, separated by a blank line; line breaks inside a paragraph are spaces;
- bullet lists (``- item``, ``* item`` or ``+ item``);
- numbered lists (``1. item`` or ``1) item``); the first number is kept as the list's start;
- ``**bold**`` and ``*italic*`` (``***both***``); ``\\*`` is a literal asterisk.

Everything else — ``#``, ``<tags>``, ``[links](…)``, backticks, ``_underscores_``, ``|`` — is plain
text, so a renderer must escape it for its own format. A list item continues on following lines
(indented or not) until a blank line or the next item; a list may follow a paragraph line directly.

Hand-written rather than markdown-it-py: the grammar is five rules, and a full CommonMark parser
would have to be configured to *not* understand headings, HTML, links and code, which are all text
here.

Public API (stable): :func:`parse_blocks`, :func:`parse_inline`, :func:`plain_text`, :class:`Block`,
:class:`Inline`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

BlockKind = Literal["paragraph", "bullets", "numbered"]

_BULLET = re.compile(r"^ {0,3}[-*+][ \t]+(?=\S)")
_NUMBER = re.compile(r"^ {0,3}(\d{1,9})[.)][ \t]+(?=\S)")
_ESCAPABLE = frozenset("\\*")


@dataclass(frozen=True, slots=True)
class Inline:
    """A run of text with one formatting; ``text`` is literal (never Markdown, never HTML)."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph (one item) or a list (one item per entry); each item is a sequence of runs."""

    kind: BlockKind
    items: tuple[tuple[Inline, ...], ...]
    #: The first number of a numbered list (``3.`` starts at 3); 1 for other kinds.
    start: int = 1


def parse_blocks(text: str) -> list[Block]:
    """The blocks of a chapter's text, in order; empty text gives no blocks. Never raises."""
    blocks: list[Block] = []
    kind: BlockKind | None = None
    items: list[list[str]] = []
    start = 1

    def close() -> None:
        nonlocal kind, items
        if kind is not None and items:
            runs = tuple(tuple(parse_inline(" ".join(lines))) for lines in items)
            blocks.append(Block(kind, runs, start if kind == "numbered" else 1))
        kind, items = None, []

    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.strip()
        if not line:
            close()
            continue
        marker_kind, body, number = _list_marker(raw)
        if marker_kind is None:
            if kind is None:
                kind, items = "paragraph", [[]]
            items[-1].append(line)
            continue
        if marker_kind != kind:
            close()
            kind, start = marker_kind, number
        items.append([body])
    close()
    return blocks


def _list_marker(line: str) -> tuple[BlockKind | None, str, int]:
    """The list kind a line starts, its text after the marker, and its number."""
    if m := _BULLET.match(line):
        return "bullets", line[m.end() :].strip(), 1
    if m := _NUMBER.match(line):
        return "numbered", line[m.end() :].strip(), int(m.group(1))
    return None, line.strip(), 1


#: Passes before emphasis that cannot be resolved is given up (all asterisks literal).
MAX_PASSES = 6


def parse_inline(text: str) -> list[Inline]:
    """Runs of ``text`` with **bold** and *italic* resolved; unmatched asterisks stay literal.

    An opener never closed is literal, and so is every later opener of the same kind in the
    text: each pass is one left-to-right scan, and a text needs at most a few of them (the
    work is linear in the length of the text, whatever it holds).
    """
    if "*" not in text and "\\" not in text:
        return [Inline(text)] if text else []
    # From which position an opener of each kind is no longer taken.
    closed_from = {"bold": len(text), "italic": len(text)}
    for _ in range(MAX_PASSES):
        runs, unclosed = _scan(text, closed_from)
        if unclosed is None:
            return runs
        flag, position = unclosed
        closed_from[flag] = position
    return _scan(text, {"bold": 0, "italic": 0})[0]  # pragma: no cover - a contrived text


def _scan(text: str, closed_from: dict[str, int]) -> tuple[list[Inline], tuple[str, int] | None]:
    """One left-to-right pass; returns the runs and the earliest opener left unclosed, if any."""
    pieces: list[tuple[bool, bool, list[str]]] = []
    buf: list[str] = []
    state = {"bold": False, "italic": False}
    opened: dict[str, int] = {}

    def flush() -> None:
        if buf:
            if pieces and pieces[-1][:2] == (state["bold"], state["italic"]):
                pieces[-1][2].extend(buf)
            else:
                pieces.append((state["bold"], state["italic"], list(buf)))
            buf.clear()

    i = 0
    size = len(text)
    while i < size:
        char = text[i]
        if char == "\\" and i + 1 < size and text[i + 1] in _ESCAPABLE:
            buf.append(text[i + 1])
            i += 2
            continue
        if char == "*":
            width = 2 if text.startswith("**", i) else 1
            flag = "bold" if width == 2 else "italic"
            closing = state[flag]
            allowed = closing or i < closed_from[flag]
            if allowed and _toggles(text, i, width, closing=closing):
                flush()
                state[flag] = not closing
                if not closing:
                    opened[flag] = i
                i += width
                continue
        buf.append(char)
        i += 1
    flush()
    runs = [Inline("".join(chars), bold, italic) for bold, italic, chars in pieces]
    unclosed = [(opened[f], f) for f in ("bold", "italic") if state[f]]
    if not unclosed:
        return runs, None
    position, flag = min(unclosed)
    return runs, (flag, position)


def _toggles(text: str, i: int, width: int, *, closing: bool) -> bool:
    """An opener must touch a word on its right, a closer on its left (as in Markdown)."""
    if closing:
        return i > 0 and not text[i - 1].isspace()
    after = text[i + width : i + width + 1]
    return bool(after) and not after.isspace()


def plain_text(runs: tuple[Inline, ...] | list[Inline]) -> str:
    """The runs' text without formatting (for alt texts, comparisons and plain output)."""
    return "".join(run.text for run in runs)
