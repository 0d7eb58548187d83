"""The EU funding strip (in the margins or after the table) and the schedule grid to skip."""

from __future__ import annotations

from osl_plan.funding import PRESETS
from osl_plan.i18n import _
from osl_plan.importer.blocks import Block, Document, Para, Table
from osl_plan.importer.state import State
from osl_plan.importer.tables import clean
from osl_plan.polish import fold
from osl_plan.terms import MONTHS_NOMINATIVE


def _strip_texts(document: Document, blocks: list[Block]) -> str:
    texts = [*document.alt_texts]
    for block in [*document.margins, *blocks]:
        if isinstance(block, Para):
            texts.append(block.text)
        else:
            texts.extend(c.text for row in block.rows for c in row.cells)
    return " ".join(" ".join(texts).split())


def read_funding(document: Document, blocks: list[Block], state: State) -> None:
    """``finansowanie`` from the strip: a preset when its marks are there, else the marks read."""
    found = _preset(_strip_texts(document, blocks))
    marks, image = _margin_marks(document)
    if marks and (found is None or not _same_marks(marks, *found)):
        state.data["finansowanie"] = {"znaki": list(marks)}
        state.data["_strip_words"] = set(_words(" ".join(marks)))
        state.note(("finansowanie",), _("a custom strip: its marks read from the page margin"))
        if image:
            state.note(
                ("finansowanie",), _("the strip was an image: add the file again as „obraz”")
            )
        return
    if found is None:
        return
    preset, kolor = found
    state.data["finansowanie"] = preset if kolor else {"wzor": preset, "kolor": False}
    state.data["_strip_words"] = set(_words(" ".join(PRESETS[preset])))
    state.note(("finansowanie",), _("recognised from the strip's text"))
    if any(text for text in document.alt_texts):
        state.note(("finansowanie",), _("the strip is an image in the document: add it as „obraz”"))


def _preset(text: str) -> tuple[str, bool] | None:
    """The preset whose marks appear in ``text`` (all, or all but the national mark)."""
    best: tuple[int, str, bool] | None = None
    for preset, marks in PRESETS.items():
        flat = [_flat(mark) for mark in marks]
        colour = [m for m in flat if m in text]
        if not flat or len(colour) < len(flat) - 1 or flat[0] not in colour:
            continue
        kolor = len(colour) == len(flat)
        if not kolor and _NATIONAL in colour:
            continue
        if best is None or len(colour) > best[0]:
            best = (len(colour), preset, kolor)
    return None if best is None else (best[1], best[2])


_NATIONAL = "Rzeczpospolita Polska"
MAX_MARKS = 8  # official strips have three or four marks


def _margin_marks(document: Document) -> tuple[tuple[str, ...], bool]:
    """The marks of a strip in the header or footer, in order, and whether it was an image.

    osl-plan sets a strip without an image as a one-row table, one mark per cell; an image
    strip carries the marks as its alt text, separated by commas.
    """
    for block in document.margins:
        if isinstance(block, Table) and len(block.rows) == 1:
            texts = tuple(_mark(cell.text) for cell in block.rows[0].cells)
            if 0 < len(texts) <= MAX_MARKS and all(0 < len(t) <= 200 for t in texts):
                return texts, False
    for alt in document.margin_alt_texts:
        texts = tuple(_mark(part) for part in alt.split(","))
        if 0 < len(texts) <= MAX_MARKS and all(texts):
            return texts, True
    return (), False


def _mark(text: str) -> str:
    """A mark's text: its lines kept (a line break inside a mark is meaningful), spaces tidied."""
    lines = (" ".join(clean(line).split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _same_marks(marks: tuple[str, ...], preset: str, kolor: bool) -> bool:
    expected = [_flat(m) for m in PRESETS[preset] if kolor or _flat(m) != _NATIONAL]
    return [_flat(m) for m in marks] == expected


def _flat(mark: str) -> str:
    return " ".join(mark.split())


def _words(text: str) -> list[str]:
    return fold(text).split()


def is_strip_block(block: Block, state: State) -> bool:
    words: set[str] = state.data.get("_strip_words", set())
    if isinstance(block, Table):
        texts = [c.text for row in block.rows for c in row.cells]
    else:
        texts = [block.text]
    found = [w for text in texts for w in _words(text)]
    return bool(words) and bool(found) and all(w in words for w in found)


_MONTH_ABBREVIATIONS = {fold(m)[:3] for m in MONTHS_NOMINATIVE}


def is_schedule(block: Block) -> bool:
    """The schedule grid (``render --harmonogram``): it is drawn from the tasks, not data."""
    if isinstance(block, Para):
        text = fold(clean(block.text))
        return (block.heading is not None and text == "harmonogram") or text.startswith(
            ("znak x i zacieniowanie", "■ – miesiac realizacji")
        )
    head = [fold(cell.text)[:3] for cell in block.rows[0].cells] if block.rows else []
    if head[:1] in (["nr"], ["lp"], ["lp."]):  # the Markdown schedule numbers its rows
        head = head[1:]
    return len(head) > 2 and head[0] == "zad" and all(h in _MONTH_ABBREVIATIONS for h in head[1:])
