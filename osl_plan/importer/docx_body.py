"""The XML parts of a DOCX as blocks: paragraphs with their runs and lists, tables, properties.

Only reads elements already parsed safely by :mod:`osl_plan.importer.docx_reader`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from osl_plan.importer.blocks import Block, Cell, Para, Row, Run, Table
from osl_plan.ooxml import CUSTOM_PROPS, VT, WP, W

MAX_PROPERTY_CHARS = 1024 * 1024  # a property holding task ids: ~40 characters per task


def custom_properties(root: Any) -> dict[str, str]:
    """Text-valued custom properties by name; other types and oversized values are skipped."""
    found: dict[str, str] = {}
    for prop in root.iter(f"{CUSTOM_PROPS}property"):
        name = prop.get("name")
        value = prop.find(f"{VT}lpwstr")
        if value is None:
            value = prop.find(f"{VT}lpstr")
        if name and value is not None and len(value.text or "") <= MAX_PROPERTY_CHARS:
            found[name] = value.text or ""
    return found


def body(root: Any) -> Any:
    body = root.find(f"{W}body")
    return body if body is not None else root


#: numId -> (numbered, not bullets; the first number), from word/numbering.xml.
Numbering = dict[str, tuple[bool, int]]


def numbering(root: Any) -> Numbering:
    """Which lists are numbered and where they start (level 0 only: plans have flat lists)."""
    abstracts: dict[str, tuple[bool, int]] = {}
    for abstract in root.iter(f"{W}abstractNum"):
        level = abstract.find(f"{W}lvl[@{W}ilvl='0']")
        if level is not None:
            fmt = level.find(f"{W}numFmt")
            kind = fmt.get(f"{W}val") if fmt is not None else "decimal"
            abstracts[abstract.get(f"{W}abstractNumId") or ""] = (
                kind not in ("bullet", "none"),
                _int(level.find(f"{W}start"), 1),
            )
    found: Numbering = {}
    for num in root.iter(f"{W}num"):
        ref = num.find(f"{W}abstractNumId")
        numbered, start = abstracts.get(
            ref.get(f"{W}val") or "" if ref is not None else "", (False, 1)
        )
        override = num.find(f"{W}lvlOverride[@{W}ilvl='0']/{W}startOverride")
        found[num.get(f"{W}numId") or ""] = (numbered, _int(override, start))
    return found


def _int(element: Any, default: int) -> int:
    value = element.get(f"{W}val") if element is not None else None
    return min(int(value), 10**6) if value and value.isdigit() else default


def formats(styles_root: Any | None, numbering_root: Any | None) -> Formats:
    """Paragraph styles and list numbering from word/styles.xml and word/numbering.xml."""
    lists = numbering(numbering_root) if numbering_root is not None else {}
    # A list style without numbering: "List Number" numbers, "List Bullet" does not.
    lists["style-number"] = (True, 1)
    return Formats(_styles(styles_root) if styles_root is not None else {}, lists)


def _styles(root: Any) -> dict[str, tuple[int | None, str]]:
    """Style ids -> (heading level, list id or "" when not a list style)."""
    styles: dict[str, tuple[int | None, str]] = {}
    for style in root.iter(f"{W}style"):
        style_id = style.get(f"{W}styleId") or ""
        style_name = (style.findtext(f"{W}name") or "").lower()
        name_el = style.find(f"{W}name")
        if name_el is not None:
            style_name = (name_el.get(f"{W}val") or "").lower()
        level = None
        if m := re.fullmatch(r"(heading|nagłówek) (\d)", style_name):
            level = int(m.group(2))
        elif (outline := style.find(f"{W}pPr/{W}outlineLvl")) is not None:
            level = _int(outline, 9) + 1
        if style_name in ("title", "tytuł"):
            level = 0
        list_id = ""
        if (num := style.find(f"{W}pPr/{W}numPr/{W}numId")) is not None:
            list_id = num.get(f"{W}val") or ""
        elif style_name.startswith(("list", "lista")):
            list_id = "style-number" if "num" in style_name else "style-bullet"
        styles[style_id] = (level if level is not None and level < 10 else None, list_id)
    return styles


@dataclass(frozen=True, slots=True)
class Formats:
    """Paragraph styles (id -> heading level, list id of a list style or "") and list numbering."""

    styles: dict[str, tuple[int | None, str]]
    numbering: Numbering


Styles = Formats


def blocks(container: Any, styles: Styles) -> list[Block]:
    """Paragraphs and tables in document order; content controls are looked into."""
    found: list[Block] = []
    for child in container:
        tag = child.tag
        if tag == f"{W}p":
            found.append(_para(child, styles))
        elif tag == f"{W}tbl":
            found.append(_table(child, styles))
        elif tag in (f"{W}sdt", f"{W}customXml", f"{W}sdtContent"):
            inner = child.find(f"{W}sdtContent") if tag == f"{W}sdt" else child
            if inner is not None:
                found.extend(blocks(inner, styles))
    return found


_CONTAINERS = {f"{W}{t}" for t in ("hyperlink", "ins", "smartTag", "fldSimple", "customXml")}
_CONTAINERS |= {f"{W}sdt", f"{W}sdtContent", f"{W}moveTo", f"{W}dir", f"{W}bdo"}


def _para(element: Any, styles: Styles) -> Para:
    ppr = element.find(f"{W}pPr")
    style, list_id, heading = "", None, None
    if ppr is not None:
        style_el = ppr.find(f"{W}pStyle")
        style = style_el.get(f"{W}val", "") if style_el is not None else ""
        num = ppr.find(f"{W}numPr/{W}numId")
        if num is not None:
            list_id = "" if num.get(f"{W}val") == "0" else num.get(f"{W}val") or ""
        outline = ppr.find(f"{W}outlineLvl")
        if outline is not None and (outline.get(f"{W}val") or "").isdigit():
            level = int(outline.get(f"{W}val")) + 1
            heading = level if level < 10 else None
    style_level, style_list = styles.styles.get(style, (None, ""))
    list_id = style_list if list_id is None else list_id
    numbered, start = styles.numbering.get(list_id, (False, 1))
    runs = _merge(_texts(element, False, False))
    return Para(
        text="".join(text for text, _, _ in runs),
        style=style,
        is_list=bool(list_id),
        heading=heading if heading is not None else style_level,
        runs=runs,
        numbered=numbered,
        list_id=list_id,
        start=start,
    )


def _texts(element: Any, bold: bool, italic: bool) -> list[Run]:
    """The visible text of a paragraph: runs, also inside links, insertions and fields."""
    out: list[Run] = []
    for child in element:
        tag = child.tag
        if tag == f"{W}r":
            rpr = child.find(f"{W}rPr")
            run_bold = _toggle(rpr, "b", bold)
            run_italic = _toggle(rpr, "i", italic)
            out.extend((text, run_bold, run_italic) for text in _run_text(child))
        elif tag in _CONTAINERS:
            out.extend(_texts(child, bold, italic))
    return out


def _toggle(rpr: Any, name: str, inherited: bool) -> bool:
    """A run property such as ``<w:b/>``: on unless its value is 0, false or off."""
    element = rpr.find(f"{W}{name}") if rpr is not None else None
    if element is None:
        return inherited
    return (element.get(f"{W}val") or "true").lower() not in ("0", "false", "off")


def _merge(runs: list[Run]) -> list[Run]:
    """Adjacent runs with the same formatting as one run; empty runs dropped."""
    merged: list[Run] = []
    for text, bold, italic in runs:
        if not text:
            continue
        if merged and merged[-1][1:] == (bold, italic):
            merged[-1] = (merged[-1][0] + text, bold, italic)
        else:
            merged.append((text, bold, italic))
    return merged


def _table(element: Any, styles: Styles) -> Table:
    rows: list[Row] = []
    for tr in _children(element, "tr"):
        header = tr.find(f"{W}trPr/{W}tblHeader") is not None
        cells = [_cell(tc, styles) for tc in _children(tr, "tc")]
        rows.append(Row(cells, header))
    return Table(rows)


def _children(element: Any, name: str) -> list[Any]:
    """Direct ``w:name`` children, also those wrapped in content controls."""
    found: list[Any] = []
    for child in element:
        if child.tag == f"{W}{name}":
            found.append(child)
        elif child.tag in (f"{W}sdt", f"{W}customXml"):
            inner = child.find(f"{W}sdtContent") if child.tag == f"{W}sdt" else child
            if inner is not None:
                found.extend(_children(inner, name))
    return found


def _cell(tc: Any, styles: Styles) -> Cell:
    span, merge = 1, None
    tcpr = tc.find(f"{W}tcPr")
    if tcpr is not None:
        grid_span = tcpr.find(f"{W}gridSpan")
        if grid_span is not None and (grid_span.get(f"{W}val") or "").isdigit():
            span = max(1, min(int(grid_span.get(f"{W}val")), 64))
        vmerge = tcpr.find(f"{W}vMerge")
        if vmerge is not None:
            merge = "restart" if vmerge.get(f"{W}val") == "restart" else "continue"
    paragraphs: list[Para] = []
    for block in blocks(tc, styles):
        if isinstance(block, Para):
            paragraphs.append(block)
        else:  # a table inside a cell: its text, row by row
            paragraphs.extend(p for row in block.rows for c in row.cells for p in c.paragraphs)
    return Cell(paragraphs, span, merge)


def alt_texts(root: Any) -> list[str]:
    texts = []
    for doc_pr in root.iter(f"{WP}docPr"):
        text = (doc_pr.get("descr") or doc_pr.get("title") or "").strip()
        if text:
            texts.append(text)
    return texts


def _run_text(run: Any) -> list[str]:
    out: list[str] = []
    for piece in run:
        tag = piece.tag
        if tag == f"{W}t":
            out.append(piece.text or "")
        elif tag == f"{W}tab":
            out.append("\t")
        elif tag in (f"{W}br", f"{W}cr"):
            # A page or column break is layout, not a line of text.
            if piece.get(f"{W}type") in (None, "textWrapping"):
                out.append("\n")
        elif tag == f"{W}noBreakHyphen":
            out.append("-")
    return out
