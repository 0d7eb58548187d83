"""Tracked changes outside the task table: chapters word by word, signatures, the strip's text.

Each function writes NEW's layout with :mod:`osl_plan.render.docx`'s building blocks and marks the
text that differs from OLD, so that accepting every change gives NEW's text and rejecting every
change OLD's. Formatting changes inside a chapter (a word made bold) are not tracked: the text is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any, Protocol

from lxml import etree

from osl_plan.diff.words import word_diff
from osl_plan.model import Plan, Signatures
from osl_plan.ooxml import W
from osl_plan.polish import tie_short_words
from osl_plan.polish import tie_short_words as tie
from osl_plan.render.docx import (
    GOALS_HEADING,
    LIST_END_SPACING,
    MAIN_GOAL,
    SPECIFIC_GOALS,
    goals_xml,
)
from osl_plan.render.docx_builder import DocxBuilder
from osl_plan.render.docx_signatures import signature_sides
from osl_plan.render.docx_xml import paragraph_xml, parse_fragment, run_xml
from osl_plan.render.signature_lines import signatures
from osl_plan.richtext import parse_blocks

Run = tuple[str, bool, bool]  # typeset text, bold, italic
Line = tuple[str, tuple[Run, ...]]  # a paragraph's kind (its layout) and its formatted runs
_NS_DECL = re.compile(r' xmlns:\w+="[^"]*"')


class Marks(Protocol):
    """What a tracked-change writer offers: numbered change attributes, marks and runs."""

    def attrs(self) -> str: ...
    def mark(self, kind: str) -> str: ...
    def runs(self, old: str, new: str) -> str: ...
    def delete(self, text: str) -> str: ...
    def ins(self, text: str) -> str: ...


# --- formatted runs ------------------------------------------------------------------------


def _run(text: str, bold: bool, italic: bool, *, deleted: bool = False) -> str:
    xml = run_xml(text, bold=bold, italic=italic)
    # Deleted text is w:delText; run_xml escapes the text, so "<w:t " occurs only as the tag.
    return xml.replace("<w:t ", "<w:delText ").replace("</w:t>", "</w:delText>") if deleted else xml


def _slice(runs: Sequence[Run], start: int, length: int) -> list[Run]:
    """The formatted pieces of ``runs`` covering characters ``start`` to ``start + length``."""
    out, at, end = [], 0, start + length
    for text, bold, italic in runs:
        lo, hi = max(start, at), min(end, at + len(text))
        if lo < hi:
            out.append((text[lo - at : hi - at], bold, italic))
        at += len(text)
    return out


def formatted_runs(old: Sequence[Run], new: Sequence[Run], marks: Marks) -> str:
    """Runs turning ``old`` into ``new`` word by word, each piece keeping its side's formatting."""
    old_text, new_text = "".join(r[0] for r in old), "".join(r[0] for r in new)
    if old_text == new_text:
        return "".join(_run(*r) for r in new if r[0])
    out, at_old, at_new = [], 0, 0
    for segment in word_diff(old_text, new_text):
        size = len(segment.text)
        if segment.op == "equal":
            out += [_run(*r) for r in _slice(new, at_new, size)]
            at_old, at_new = at_old + size, at_new + size
        elif segment.op == "insert":
            pieces = "".join(_run(*r) for r in _slice(new, at_new, size))
            out.append(f"<w:ins {marks.attrs()}>{pieces}</w:ins>")
            at_new += size
        else:
            pieces = "".join(_run(*r, deleted=True) for r in _slice(old, at_old, size))
            out.append(f"<w:del {marks.attrs()}>{pieces}</w:del>")
            at_old += size
    return "".join(out)


# --- chapters ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Unit:
    """One paragraph of the chapters: a heading, a paragraph or a list item."""

    kind: str  # "heading", "paragraph", "bullets", "numbered"
    block: int
    start: int
    runs: tuple[Run, ...]
    last: bool

    @property
    def key(self) -> tuple[str, str]:
        return self.kind, "".join(r[0] for r in self.runs)


def _units(plan: Plan) -> list[_Unit]:
    units: list[_Unit] = []
    block = 0
    for section in plan.sekcje:
        units.append(_Unit("heading", -1, 1, ((tie(section.tytul), False, False),), False))
        for parsed in parse_blocks(section.tresc):
            block += 1
            for i, item in enumerate(parsed.items, 1):
                runs = tuple((tie(r.text), r.bold, r.italic) for r in item)
                units.append(_Unit(parsed.kind, block, parsed.start, runs, i == len(parsed.items)))
    return units


class _Chapters:
    """Writes chapter paragraphs with the renderer's styles; one numbering per numbered list."""

    def __init__(self, builder: DocxBuilder) -> None:
        self.builder, self.ids = builder, builder.ids
        self.numbers: dict[tuple[str, int], int] = {}

    def paragraph(self, unit: _Unit, side: str, runs: str, mark: str = "") -> str:
        ids = self.ids
        style: str | None = None
        num_id: int | None = None
        if unit.kind == "heading":
            style = ids.heading
        elif unit.kind == "bullets":
            style, num_id = ids.bullet, ids.bullet_num
        elif unit.kind == "numbered":
            key = (side, unit.block)
            if key not in self.numbers:
                self.numbers[key] = self.builder.numbered_list(unit.start)
            style, num_id = ids.numbered, self.numbers[key]
        after = LIST_END_SPACING if unit.kind in ("bullets", "numbered") and unit.last else None
        return paragraph_xml(runs, style=style, num_id=num_id, spacing_after=after, mark=mark)


def chapters_redline(old: Plan, new: Plan, builder: DocxBuilder, marks: Marks) -> str:
    """NEW's chapters; paragraphs edited in place word by word, added or removed ones whole."""
    a, b = _units(old), _units(new)
    writer = _Chapters(builder)
    out: list[str] = []

    def deleted(unit: _Unit) -> str:
        runs = formatted_runs(unit.runs, (), marks)
        return writer.paragraph(unit, "old", runs, marks.mark("del"))

    def inserted(unit: _Unit) -> str:
        runs = formatted_runs((), unit.runs, marks)
        return writer.paragraph(unit, "new", runs, marks.mark("ins"))

    matcher = SequenceMatcher(None, [u.key for u in a], [u.key for u in b], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out += [
                writer.paragraph(u, "new", formatted_runs(u.runs, u.runs, marks)) for u in b[j1:j2]
            ]
            continue
        # Within a changed stretch, paragraphs of the same kind (heading, list item …) in the
        # same order are edited in place; the rest are deleted or inserted whole.
        olds, news = a[i1:i2], b[j1:j2]
        kinds = SequenceMatcher(None, [u.kind for u in olds], [u.kind for u in news])
        for kind_tag, k1, k2, m1, m2 in kinds.get_opcodes():
            if kind_tag == "equal":
                for before, after in zip(olds[k1:k2], news[m1:m2], strict=True):
                    runs = formatted_runs(before.runs, after.runs, marks)
                    out.append(writer.paragraph(after, "new", runs))
                continue
            out += [deleted(u) for u in olds[k1:k2]] + [inserted(u) for u in news[m1:m2]]
    return "".join(out)


# --- goals -------------------------------------------------------------------------------------


def _goal_lines(plan: Plan) -> list[Line]:
    """The goals chapter as :func:`osl_plan.render.docx.goals_xml` writes it: (kind, runs)."""
    if plan.cele is None:
        return []
    lines: list[Line] = [("heading", ((GOALS_HEADING, False, False),))]
    if plan.cele.glowny:
        main = ((f"{MAIN_GOAL}: ", True, False), (tie(plan.cele.glowny), False, False))
        lines.append(("main", main))
    if plan.cele.szczegolowe:
        lines.append(("label", ((f"{SPECIFIC_GOALS}:", True, False),)))
        lines += [("goal", ((tie(g.tresc), False, False),)) for g in plan.cele.szczegolowe]
    return lines


def tracked_lines(a: Sequence[Line], b: Sequence[Line], marks: Marks) -> list[tuple[str, str, str]]:
    """OLD's and NEW's lines as (kind, runs, paragraph mark): equal lines as they are, lines of
    the same kind in a changed stretch edited in place word by word, the others deleted or
    inserted whole (their paragraph mark tracked too)."""
    out: list[tuple[str, str, str]] = []
    lines = SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in lines.get_opcodes():
        if tag == "equal":
            out += [(kind, formatted_runs(runs, runs, marks), "") for kind, runs in b[j1:j2]]
            continue
        olds, news = a[i1:i2], b[j1:j2]
        kinds = SequenceMatcher(None, [k for k, _ in olds], [k for k, _ in news], autojunk=False)
        for kind_tag, k1, k2, m1, m2 in kinds.get_opcodes():
            if kind_tag == "equal":
                out += [
                    (kind, formatted_runs(before, after, marks), "")
                    for (kind, before), (_, after) in zip(olds[k1:k2], news[m1:m2], strict=True)
                ]
                continue
            out += [(k, formatted_runs(r, (), marks), marks.mark("del")) for k, r in olds[k1:k2]]
            out += [(k, formatted_runs((), r, marks), marks.mark("ins")) for k, r in news[m1:m2]]
    return out


def goals_redline(old: Plan, new: Plan, builder: DocxBuilder, marks: Marks) -> str:
    """NEW's goals chapter (heading, main goal, specific goals) with OLD's text tracked: lines of
    the same kind in order edited word by word, the others deleted or inserted whole."""
    if old.cele == new.cele:
        return goals_xml(new, builder)
    written = tracked_lines(_goal_lines(old), _goal_lines(new), marks)
    ids, num_id = builder.ids, builder.numbered_list(1)
    last_goal = max((n for n, (kind, _, _) in enumerate(written) if kind == "goal"), default=-1)
    out = []
    for n, (kind, runs, mark) in enumerate(written):
        if kind == "heading":
            out.append(paragraph_xml(runs, style=ids.heading, mark=mark))
        elif kind == "goal":
            after = LIST_END_SPACING if n == last_goal else None
            out.append(
                paragraph_xml(
                    runs, style=ids.numbered, num_id=num_id, spacing_after=after, mark=mark
                )
            )
        else:
            out.append(paragraph_xml(runs, keep_next=kind == "label", mark=mark))
    return "".join(out)


# --- signatures ----------------------------------------------------------------------------


def _element_xml(element: Any) -> str:
    return _NS_DECL.sub("", etree.tostring(element, encoding="unicode"))


def signatures_redline(old: Plan, new: Plan, marks: Marks) -> tuple[str, str]:
    """NEW's two signature sides with labels, names, positions and dates from OLD tracked."""
    sides = ("opracowal", "zatwierdzil")
    # The layout of a block with a position line wherever either plan has one.
    merged = {}
    for side in sides:
        o, n = getattr(old.podpisy, side), getattr(new.podpisy, side)
        merged[side] = (
            n
            if n.stanowisko or not o.stanowisko
            else n.model_copy(update={"stanowisko": o.stanowisko})
        )
    layout = new.model_copy(update={"podpisy": Signatures(**merged)})
    out: list[str] = []
    for xml, was, now in zip(
        signature_sides(layout), signatures(old), signatures(new), strict=True
    ):
        lines = [(f"{was.label}: {was.person}", f"{now.label}: {now.person}")]
        if was.position or now.position:
            lines.append((was.position, now.position))
        lines.append((f"Data: {was.date}", f"Data: {now.date}"))
        paragraphs = parse_fragment(xml)
        if len(paragraphs) != len(lines):  # a layout this module does not know: NEW's as is
            return signature_sides(new)
        out.append(
            "".join(
                _tracked(p, before, after, marks)
                for p, (before, after) in zip(paragraphs, lines, strict=True)
            )
        )
    return out[0], out[1]


def _tracked(paragraph: Any, before: str, after: str, marks: Marks) -> str:
    """The paragraph's runs replaced by ``before`` → ``after`` tracked."""
    for run in paragraph.findall(f"{W}r"):
        paragraph.remove(run)
    kind = "ins" if not before else "del" if not after else ""
    if kind:
        props = paragraph.find(f"{W}pPr")
        for element in parse_fragment(f"<w:rPr>{marks.mark(kind)}</w:rPr>"):
            props.append(element)
    for element in parse_fragment(marks.runs(tie_short_words(before), tie_short_words(after))):
        paragraph.append(element)
    return _element_xml(paragraph)
