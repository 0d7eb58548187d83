"""Excerpts of a long diff: the changed sentences with a little context, an ellipsis elsewhere.

A reader of a changed introduction wants the sentences that changed, not the whole text again.
Around each change the excerpt keeps the rest of its sentence (at most ``context`` words either
side); text further away is left out and marked with "…". Where the left-out text ends or begins
at a line break (a paragraph, a list item) no ellipsis is needed: the excerpt starts a new line.
"""

from __future__ import annotations

import re

from osl_plan.diff.model import Segment

ELLIPSIS = "…"
CONTEXT_WORDS = 8
#: Fewer words than this are shown rather than replaced by an ellipsis.
MIN_LEFT_OUT = 5

_WORD = re.compile(r"\w+")
_PIECE = re.compile(r"\s+|[^\s]+")
_SENTENCE_END = re.compile(r"[.!?…:;]+[”\"')]*$")
_LIST_NUMBER = re.compile(r"^\d+[.)]$")  # "2." opening a list item ends no sentence


def _ends_sentence(piece: str) -> bool:
    return bool(_SENTENCE_END.search(piece)) and not _LIST_NUMBER.match(piece)


def _head(text: str, context: int) -> tuple[str, bool]:
    """The start of ``text`` up to its first sentence end; (kept text, cut inside a line)."""
    pieces = _PIECE.findall(text)
    kept: list[str] = []
    words = 0
    for piece in pieces:
        if piece.isspace():
            if "\n" in piece:
                return "".join(kept), False
            if kept and _ends_sentence(kept[-1]):
                return "".join(kept), True
        else:
            words += 1
            if words > context:
                return "".join(kept).rstrip(), True
        kept.append(piece)
    return text, False


def _tail(text: str, context: int) -> tuple[str, bool]:
    """The end of ``text`` from its last sentence start; (kept text, cut inside a line)."""
    pieces = _PIECE.findall(text)
    kept: list[str] = []
    words = 0
    for k in range(len(pieces) - 1, -1, -1):
        piece = pieces[k]
        if piece.isspace():
            if "\n" in piece:
                return "".join(reversed(kept)), False
            if k and _ends_sentence(pieces[k - 1]) and kept:
                return "".join(reversed(kept)), True
        else:
            words += 1
            if words > context:
                return "".join(reversed(kept)).lstrip(), True
        kept.append(piece)
    return text, False


def excerpt(
    segments: tuple[Segment, ...], context: int = CONTEXT_WORDS
) -> list[tuple[Segment, ...]]:
    """The diff as hunks (each shown from a new line); equal text far from changes left out."""
    hunks: list[list[Segment]] = [[]]
    last = len(segments) - 1
    for k, segment in enumerate(segments):
        if segment.op != "equal" or (k == 0 and k == last):
            hunks[-1].append(segment)
            continue
        text = segment.text
        head, head_cut = _head(text, context) if k else ("", False)
        tail, tail_cut = _tail(text, context) if k < last else ("", False)
        left_out = text[len(head) : len(text) - len(tail)]
        if len(head) + len(tail) >= len(text) or len(_WORD.findall(left_out)) < MIN_LEFT_OUT:
            hunks[-1].append(segment)
            continue
        if head:
            hunks[-1].append(Segment("equal", head + (" " + ELLIPSIS if head_cut else "")))
        elif k and head_cut:
            hunks[-1].append(Segment("equal", " " + ELLIPSIS))
        if k:
            hunks.append([])
        if not (head_cut or tail_cut):
            # Whole lines left out: say so on a line of its own.
            hunks[-1].append(Segment("equal", ELLIPSIS))
            hunks.append([])
        if tail:
            hunks[-1].append(Segment("equal", (ELLIPSIS + " " if tail_cut else "") + tail))
    return [tuple(hunk) for hunk in hunks if hunk]
