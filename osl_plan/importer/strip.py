"""The EU funding strip (in the margins or after the table) and the schedule grid to skip."""

from __future__ import annotations

from osl_plan.funding import PRESETS
from osl_plan.importer.blocks import Block, Document, Para, Table
from osl_plan.importer.state import State
from osl_plan.importer.tables import clean, fold
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
    text = _strip_texts(document, blocks)
    best: tuple[int, str, bool] | None = None
    for preset, marks in PRESETS.items():
        flat = [" ".join(mark.split()) for mark in marks]
        colour = [m for m in flat if m in text]
        if not flat or len(colour) < len(flat) - 1 or flat[0] not in colour:
            continue
        kolor = len(colour) == len(flat)
        if not kolor and "Rzeczpospolita Polska" in colour:
            continue
        if best is None or len(colour) > best[0]:
            best = (len(colour), preset, kolor)
    if best is None:
        return
    _, preset, kolor = best
    state.data["finansowanie"] = preset if kolor else {"wzor": preset, "kolor": False}
    state.data["_strip_words"] = set(_words(" ".join(PRESETS[preset])))
    state.note(("finansowanie",), "recognised from the strip's text")
    if any(text for text in document.alt_texts):
        state.note(("finansowanie",), "the strip is an image in the document: add it as „obraz”")


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
            "znak x i zacieniowanie"
        )
    head = [fold(cell.text)[:3] for cell in block.rows[0].cells] if block.rows else []
    return len(head) > 2 and head[0] == "zad" and all(h in _MONTH_ABBREVIATIONS for h in head[1:])
