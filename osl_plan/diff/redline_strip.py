"""The text strip's marks tracked in its footer or header, OLD → NEW.

The strip is NEW's table (one cell per mark, :func:`osl_plan.render.docx_strip.strip_table_xml`)
with each cell's text tracked; a mark OLD had and NEW has not becomes a deleted paragraph in the
cell before it. The builder writes the table into the skeleton's slot for it, as for any plan.
"""

from __future__ import annotations

from collections.abc import Sequence
from difflib import SequenceMatcher

from osl_plan.diff.redline_parts import Marks
from osl_plan.render.docx_builder import DocxBuilder
from osl_plan.render.docx_strip import strip_table_xml
from osl_plan.render.docx_xml import paragraph_xml


def strip_redline(
    builder: DocxBuilder, old: Sequence[str], new: Sequence[str], marks: Marks
) -> None:
    """Track the text strip's marks changed from ``old`` to ``new`` in its cells; nothing
    changes when the document has no text strip."""
    if not builder.strip_xml:
        return
    style = builder.ids.strip
    cells = [""] * len(new)
    matcher = SequenceMatcher(None, list(old), list(new), autojunk=False)
    for _tag, i1, i2, j1, j2 in matcher.get_opcodes():
        pairs = list(zip(range(i1, i2), range(j1, j2), strict=False))
        for i, j in pairs:
            cells[j] = paragraph_xml(marks.runs(old[i], new[j]), style=style) + cells[j]
        for j in range(j1 + len(pairs), j2):
            cells[j] = paragraph_xml(marks.ins(new[j]), style=style) + cells[j]
        for i in range(i1 + len(pairs), i2):
            # In the cell before (NEW's last of this stretch), after its own paragraph (which
            # a later stretch may write: a cell's own paragraph goes first).
            host = max(j2 - 1, 0)
            cells[host] += paragraph_xml(marks.delete(old[i]), style=style, mark=marks.mark("del"))
    builder.strip_xml = strip_table_xml(new, builder.ids, builder.width, paragraphs=cells)
