"""The signature block of the DOCX: each side's paragraphs, and the row that holds them.

The block is the task table's last row, without borders: the left cell (drafted by), then the
right one (approved by), so the two stand side by side and a screen reader reads them in order.
Being a row of the table, it stays on the page of the last task row, which keeps with it:
LibreOffice keeps rows of one table together, not a table with a paragraph after it.
"""

from __future__ import annotations

from collections.abc import Sequence

from osl_plan.model import Plan
from osl_plan.polish import tie_short_words
from osl_plan.render.docx_xml import paragraph_xml, row_xml, run_xml
from osl_plan.render.signature_lines import SignatureLines, signatures


def _signature_side(lines: SignatureLines) -> str:
    """One side's paragraphs: label and person, position, date."""
    texts = [f"{lines.label}: {lines.person}"]
    if lines.position:
        texts.append(lines.position)
    texts.append(f"Data: {lines.date}")
    return "".join(
        paragraph_xml(
            run_xml(tie_short_words(text)),
            spacing_before=240 if text.startswith("Data:") else 0,
            spacing_after=0,
            keep_next=True,
        )
        for text in texts
    )


SIGNATURES_GAP = 720  # twips above the signatures
_NO_BORDERS = (
    '<w:tcBorders><w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/>'
    '<w:right w:val="nil"/></w:tcBorders>'
)


def signature_sides(plan: Plan) -> tuple[str, str]:
    """The paragraphs of each side: drafted by (left), approved by (right)."""
    drafted, approved = signatures(plan)
    left, right = (_signature_side(side) for side in (drafted, approved))
    return _first_gap(left), _first_gap(right)


def _first_gap(side: str) -> str:
    """The side with the gap above the signatures on its first paragraph."""
    return side.replace('w:before="0"', f'w:before="{SIGNATURES_GAP}"', 1)


def signature_row(sides: Sequence[str], widths: Sequence[int]) -> str:
    """The signature block as the task table's last row, without borders: side by side, read in
    order (the whole left cell, then the right one), and kept on the page of the last task row
    (LibreOffice keeps rows of one table together, not a table with what follows it)."""
    if len(widths) == 1:
        return row_xml([_borderless_cell("".join(sides), widths[0], 1)])
    half = sum(widths) / 2
    split = min(range(1, len(widths)), key=lambda k: abs(sum(widths[:k]) - half))
    return row_xml(
        [
            _borderless_cell(sides[0], sum(widths[:split]), split),
            _borderless_cell(sides[1], sum(widths[split:]), len(widths) - split),
        ]
    )


def _borderless_cell(content: str, width: int, span: int) -> str:
    grid = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    props = f'<w:tcW w:w="{width}" w:type="dxa"/>{grid}{_NO_BORDERS}'
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{content}</w:tc>"
