"""The text strip's marks tracked in its footer or header, OLD → NEW.

The strip lives in a part around the body (a footer or header the skeleton set up,
:mod:`osl_plan.render.docx_strip`), not in the body the redline writes. Its cells are edited here
and handed back to the builder, which writes the part with the rest of the package.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from difflib import SequenceMatcher
from typing import Any

from lxml import etree

from osl_plan.diff.redline_parts import Marks
from osl_plan.ooxml import W_NS, W
from osl_plan.render.docx import DocxBuilder
from osl_plan.render.docx_strip import STRIP_CAPTION

_STRIP_PARTS = r"word/(header|footer)\d*\.xml"


def strip_redline(
    builder: DocxBuilder, old: Sequence[str], new: Sequence[str], marks: Marks
) -> None:
    """Track the text strip's marks changed from ``old`` to ``new`` in its cells.

    The strip is NEW's table (one cell per mark); a mark OLD had and NEW has not becomes a deleted
    paragraph in the cell before it. Nothing changes when there is no text strip of NEW's marks.
    """
    found = _strip_table(builder)
    if found is None:
        return
    name, root, table = found
    cells = table.findall(f"{W}tr/{W}tc")
    if len(cells) != len(new):
        return
    matcher = SequenceMatcher(None, list(old), list(new), autojunk=False)
    for _tag, i1, i2, j1, j2 in matcher.get_opcodes():
        pairs = list(zip(range(i1, i2), range(j1, j2), strict=False))
        for i, j in pairs:
            _fill(cells[j].find(f"{W}p"), marks.runs(old[i], new[j]))
        for j in range(j1 + len(pairs), j2):
            _fill(cells[j].find(f"{W}p"), marks.ins(new[j]))
        for i in range(i1 + len(pairs), i2):
            host = cells[max(j2 - 1, 0)]
            # A copy of the cell's paragraph keeps the strip's paragraph style.
            original = host.find(f"{W}p")
            if original is None:
                continue
            paragraph = copy.deepcopy(original)
            _fill(paragraph, marks.delete(old[i]), marks.mark("del"))
            host.append(paragraph)
    xml = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    builder.replace_part(name, xml)


def _strip_table(builder: DocxBuilder) -> tuple[str, Any, Any] | None:
    """The part holding the strip, its parsed root and the strip's table; None without one."""
    found = None
    for name, data in builder.fixed_parts(_STRIP_PARTS).items():
        if STRIP_CAPTION.encode() not in data:
            continue
        root = etree.fromstring(data)
        for table in root.iter(f"{W}tbl"):
            caption = table.find(f"{W}tblPr/{W}tblCaption")
            if caption is not None and caption.get(f"{W}val") == STRIP_CAPTION:
                found = name, root, table
    return found


def _fill(paragraph: Any, runs: str, mark: str = "") -> None:
    """``paragraph``'s content replaced by ``runs``; ``mark`` tracks its paragraph mark."""
    for child in list(paragraph):
        if child.tag != f"{W}pPr":
            paragraph.remove(child)
    if mark:
        props = paragraph.find(f"{W}pPr")
        if props is None:
            props = etree.SubElement(paragraph, f"{W}pPr")
            paragraph.insert(0, props)
        props.append(etree.fromstring(f'<w:rPr xmlns:w="{W_NS}">{mark}</w:rPr>'))
    wrapper = etree.fromstring(f'<w:x xmlns:w="{W_NS}">{runs}</w:x>')
    paragraph.extend(list(wrapper))
