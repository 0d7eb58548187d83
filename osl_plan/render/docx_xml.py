"""WordprocessingML body fragments as strings: runs, paragraphs, cells, rows and tables.

The body of a plan is written as text, not as python-docx objects: building a row is one string
format, and :mod:`osl_plan.render.docx` streams the fragments straight into ``word/document.xml``.
That keeps rendering linear in the number of tasks and the memory flat (python-docx's cell access is
quadratic, and an lxml tree of 100,000 rows would not fit in a few hundred megabytes).

Every fragment uses only the ``w:`` prefix, which every Word document declares on its root. Text is
escaped here, once, by :func:`escape`; callers pass plain text and never XML-escape themselves.

Tracked changes reuse these builders through hooks:

* ``run``: a :data:`RunWriter` turning plain text into run XML; :func:`plain_run` by default. A
  redline passes one that wraps the run in ``<w:ins …>`` or writes ``<w:del …>`` with
  ``w:delText`` (see :func:`deleted_run_xml` and :func:`inserted_run_xml`).
* ``mark`` on :func:`paragraph_xml`: XML put inside the paragraph mark's ``w:rPr`` (for
  ``<w:ins …/>`` / ``<w:del …/>`` on the paragraph mark of an inserted or deleted paragraph).
* ``mark`` on :func:`row_xml`: XML put at the end of ``w:trPr`` (a whole row inserted or deleted).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from osl_plan.ooxml import W_NS

#: Plain text (already typeset: nbsp in place) -> the XML of one or more runs.
RunWriter = Callable[[str], str]


def escape(text: str) -> str:
    """Text safe inside an element or a double-quoted attribute; ``]]>`` cannot survive either."""
    # Chained replace is several times faster than str.translate on non-ASCII text.
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def _text_xml(text: str, tag: str) -> str:
    if "\n" not in text and "\t" not in text:
        return f'<{tag} xml:space="preserve">{escape(text)}</{tag}>' if text else ""
    # Newlines become line breaks and tabs real tabs: a w:t must hold neither.
    parts = []
    for i, line in enumerate(text.split("\n")):
        if i:
            parts.append("<w:br/>")
        for j, piece in enumerate(line.split("\t")):
            if j:
                parts.append("<w:tab/>")
            if piece:
                parts.append(f'<{tag} xml:space="preserve">{escape(piece)}</{tag}>')
    return "".join(parts)


def run_xml(text: str, *, bold: bool = False, italic: bool = False, rpr: str = "") -> str:
    """One run; ``rpr`` is extra run-property XML (already in schema order after b/i)."""
    props = ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "") + rpr
    head = f"<w:r><w:rPr>{props}</w:rPr>" if props else "<w:r>"
    return f"{head}{_text_xml(text, 'w:t')}</w:r>"


_PROPERTIES_RUN = re.compile(r"<w:r><w:rPr>((?:<w:b/>)?(?:<w:i/>)?)</w:rPr>")
_BARE_RUN = re.compile(r"<w:r>(?!<w:rPr>)")


def sized(xml: str, points: float) -> str:
    """``xml`` with its runs set in ``points`` (the runs of :func:`run_xml`: bold and italic at
    most, which come before the size in the schema's order)."""
    half = round(points * 2)
    size = f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/>'
    xml = _PROPERTIES_RUN.sub(lambda m: f"<w:r><w:rPr>{m[1]}{size}</w:rPr>", xml)
    return _BARE_RUN.sub(f"<w:r><w:rPr>{size}</w:rPr>", xml)


def plain_run(text: str) -> str:
    """The default :data:`RunWriter`: one unformatted run."""
    return run_xml(text)


def change_attrs(change_id: int, author: str, date: str) -> str:
    """Attributes of a tracked change: ``w:id``, ``w:author``, ``w:date`` (ISO 8601)."""
    return f'w:id="{change_id}" w:author="{escape(author)}" w:date="{escape(date)}"'


def inserted_run_xml(text: str, attrs: str, *, bold: bool = False) -> str:
    """A run marked as inserted; ``attrs`` from :func:`change_attrs`."""
    return f"<w:ins {attrs}>{run_xml(text, bold=bold)}</w:ins>"


def deleted_run_xml(text: str, attrs: str, *, bold: bool = False) -> str:
    """A run marked as deleted: its text is ``w:delText``, as Word requires."""
    props = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f"<w:del {attrs}><w:r>{props}{_text_xml(text, 'w:delText')}</w:r></w:del>"


def paragraph_xml(
    runs: str,
    *,
    style: str | None = None,
    num_id: int | None = None,
    keep_next: bool = False,
    keep_lines: bool = False,
    spacing_before: int | None = None,
    spacing_after: int | None = None,
    align: str | None = None,
    mark: str = "",
) -> str:
    """A paragraph from ready run XML; ``num_id`` makes it a list item (level 0).

    ``style`` is a style id as in :class:`~osl_plan.render.docx_setup.StyleIds` (XML-safe already).
    """
    ppr = ""
    if style:
        ppr += f'<w:pStyle w:val="{style}"/>'
    if keep_next:
        ppr += "<w:keepNext/>"
    if keep_lines:
        ppr += "<w:keepLines/>"
    if num_id is not None:
        ppr += f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'
    if spacing_before is not None or spacing_after is not None:
        before = "" if spacing_before is None else f' w:before="{spacing_before}"'
        after = "" if spacing_after is None else f' w:after="{spacing_after}"'
        ppr += f"<w:spacing{before}{after}/>"
    if align:
        ppr += f'<w:jc w:val="{align}"/>'
    if mark:
        ppr += f"<w:rPr>{mark}</w:rPr>"
    return f"<w:p><w:pPr>{ppr}</w:pPr>{runs}</w:p>" if ppr else f"<w:p>{runs}</w:p>"


def cell_xml(content: str, width: int, *, fill: str | None = None, center: bool = False) -> str:
    """A table cell ``width`` twips wide; ``content`` is paragraph XML (at least one paragraph)."""
    props = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    if fill:
        props += f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>'
    if center:
        props += '<w:vAlign w:val="center"/>'
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{content or '<w:p/>'}</w:tc>"


def row_xml(
    cells: Iterable[str], *, header: bool = False, mark: str = "", height: int | None = None
) -> str:
    """A row that never splits across pages; ``header`` repeats it at the top of every page.

    ``height`` is the row's least height in twips (room to sign by hand).
    """
    props = "<w:cantSplit/>"
    if height is not None:
        props += f'<w:trHeight w:val="{height}" w:hRule="atLeast"/>'
    props += ("<w:tblHeader/>" if header else "") + mark
    return f"<w:tr><w:trPr>{props}</w:trPr>{''.join(cells)}</w:tr>"


@dataclass(frozen=True, slots=True)
class TableLook:
    """How a table is drawn: borders, caption for assistive technology, cell padding."""

    caption: str
    description: str = ""
    borders: bool = True
    #: Horizontal cell padding in twips.
    padding: int = 85
    #: Vertical cell padding in twips.
    padding_y: int = 28
    #: Centred between the margins (the strip, also under a wider landscape section).
    center: bool = False


def _borders(on: bool) -> str:
    value = 'w:val="single" w:sz="4" w:space="0" w:color="000000"' if on else 'w:val="nil"'
    sides = ("top", "left", "bottom", "right", "insideH", "insideV")
    return "<w:tblBorders>" + "".join(f"<w:{s} {value}/>" for s in sides) + "</w:tblBorders>"


def table_start(widths: Sequence[int], look: TableLook) -> str:
    """The opening of a fixed-layout table: properties and the column grid (``tblGrid``)."""
    pad, pad_y = look.padding, look.padding_y
    margins = (
        f'<w:tblCellMar><w:top w:w="{pad_y}" w:type="dxa"/><w:left w:w="{pad}" w:type="dxa"/>'
        f'<w:bottom w:w="{pad_y}" w:type="dxa"/><w:right w:w="{pad}" w:type="dxa"/></w:tblCellMar>'
    )
    description = (
        f'<w:tblDescription w:val="{escape(look.description)}"/>' if look.description else ""
    )
    props = (
        f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
        + ('<w:jc w:val="center"/>' if look.center else "")
        + f"{_borders(look.borders)}"
        f'<w:tblLayout w:type="fixed"/>{margins}'
        '<w:tblLook w:val="0420" w:firstRow="1" w:lastRow="0" w:firstColumn="0" '
        'w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>'
        f'<w:tblCaption w:val="{escape(look.caption)}"/>{description}'
    )
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    return f"<w:tbl><w:tblPr>{props}</w:tblPr><w:tblGrid>{grid}</w:tblGrid>"


TABLE_END = "</w:tbl>"


def split_widths(total: int, shares: Sequence[float]) -> tuple[int, ...]:
    """Column widths in twips from relative shares; they add up to ``total`` exactly."""
    scale = sum(shares)
    widths = [int(total * share / scale) for share in shares]
    widths[0] += total - sum(widths)
    return tuple(widths)


def parse_fragment(xml: str) -> list[Any]:
    """Elements from a fragment written with the ``w:`` prefix, to append to a python-docx part."""
    from lxml import etree

    root = etree.fromstring(f'<w:root xmlns:w="{W_NS}">{xml}</w:root>')
    return list(root)


_DRAWING_NS = (
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)
EMU_PER_TWIP = 635


def picture_run_xml(rel_id: str, number: int, size: tuple[int, int], alt: str) -> str:
    """A run holding an inline picture ``size`` (width, height in twips) with its alt text.

    ``rel_id`` names the image part's relationship; ``number`` is unique among the drawings.
    """
    cx, cy = (side * EMU_PER_TWIP for side in size)
    alt = escape(alt)
    name = f"Obraz {number}"
    return (
        f'<w:r><w:drawing {_DRAWING_NS}><wp:inline distT="0" distB="0" distL="0" distR="0">'
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:docPr id="{number}" name="{name}" descr="{alt}"/>'
        '<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>'
        '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        f'<pic:pic><pic:nvPicPr><pic:cNvPr id="{number}" name="{name}" descr="{alt}"/>'
        f'<pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="{rel_id}"/>'
        "<a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr>"
        f'<a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>'
        "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"
    )
