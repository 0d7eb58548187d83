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


def parse_inline(text: str) -> list[Inline]:
    """Runs of ``text`` with **bold** and *italic* resolved; unmatched asterisks stay literal."""
    literal: set[int] = set()
    # An opener left unclosed is re-read as a literal asterisk; each pass fixes at least one.
    for _ in range(text.count("*") + 1):
        runs, unclosed = _scan(text, literal)
        if unclosed is None:
            return runs
        literal.add(unclosed)
    return [Inline(text)] if text else []  # pragma: no cover - the loop always converges


def _scan(text: str, literal: set[int]) -> tuple[list[Inline], int | None]:
    """One left-to-right pass; returns the runs and the position of an unclosed opener, if any."""
    runs: list[Inline] = []
    buf: list[str] = []
    state = {"bold": False, "italic": False}
    opened: dict[str, int] = {}

    def flush() -> None:
        if buf:
            _append(runs, Inline("".join(buf), state["bold"], state["italic"]))
            buf.clear()

    i = 0
    while i < len(text):
        char = text[i]
        if char == "\\" and i + 1 < len(text) and text[i + 1] in _ESCAPABLE:
            buf.append(text[i + 1])
            i += 2
            continue
        if char == "*" and i not in literal:
            width = 2 if text.startswith("**", i) and i + 1 not in literal else 1
            flag = "bold" if width == 2 else "italic"
            if _toggles(text, i, width, closing=state[flag]):
                flush()
                state[flag] = not state[flag]
                if state[flag]:
                    opened[flag] = i
                i += width
                continue
        buf.append(char)
        i += 1
    flush()
    unclosed = [opened[f] for f in ("bold", "italic") if state[f]]
    return runs, min(unclosed) if unclosed else None


def _toggles(text: str, i: int, width: int, *, closing: bool) -> bool:
    """An opener must touch a word on its right, a closer on its left (as in Markdown)."""
    if closing:
        return i > 0 and not text[i - 1].isspace()
    after = text[i + width : i + width + 1]
    return bool(after) and not after.isspace()


def _append(runs: list[Inline], run: Inline) -> None:
    """Merge a run into the previous one when their formatting is the same."""
    if runs and (runs[-1].bold, runs[-1].italic) == (run.bold, run.italic):
        runs[-1] = Inline(runs[-1].text + run.text, run.bold, run.italic)
    else:
        runs.append(run)


def plain_text(runs: tuple[Inline, ...] | list[Inline]) -> str:
    """The runs' text without formatting (for alt texts, comparisons and plain output)."""
    return "".join(run.text for run in runs)
