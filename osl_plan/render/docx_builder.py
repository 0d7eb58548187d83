"""A DOCX under construction: the package set up for a plan, the body added piece by piece.

:class:`DocxBuilder` holds the package around the body (styles, numbering, page setup, the EU
strip: a skeleton, see :mod:`osl_plan.render.docx_package`) and a body made of XML strings (or
iterables of them, consumed lazily). :meth:`DocxBuilder.to_bytes` streams the body straight into
``word/document.xml``, so 100,000 rows never exist as an lxml tree. The plan, the report, the
attendance lists and the redline all write their documents through it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from osl_plan.columns import table_columns
from osl_plan.funding import resolve_strip
from osl_plan.model import Plan
from osl_plan.render.column_widths import TEXT_SIZE, ColumnMeasure, measure_columns
from osl_plan.render.docx_package import assemble, num_xml, skeleton_for
from osl_plan.render.docx_props import core_xml, custom_xml
from osl_plan.render.docx_setup import StyleIds
from osl_plan.render.docx_strip import strip_table_xml
from osl_plan.render.docx_xml import TABLE_END, picture_run_xml, sized
from osl_plan.render.front_page import logo_alt
from osl_plan.render.options import RenderOptions

#: The paragraph after a closing table: one point high, so it never opens a page of its own.
CLOSING_PARAGRAPH = (
    '<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>'
    '<w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr></w:pPr></w:p>'
)


class DocxBuilder:
    """A DOCX under construction: the package set up for ``plan``, the body added piece by piece.

    ``ids`` are the style ids to use (a reference document may name styles its own way) and
    ``width`` the text width in twips. The styled package around the body is prepared once per
    process for each base document and strip (:func:`~osl_plan.render.docx_package.skeleton_for`).
    Raises UnreadableFile (reference document, strip image).
    """

    def __init__(self, plan: Plan, options: RenderOptions, *, title: str | None = None) -> None:
        strip = resolve_strip(plan, options.base_dir)
        self.plan = plan
        #: The document's title in its properties (default: the plan's title and year).
        self.title = title or f"{plan.tytul} – {plan.rok} rok"
        self._media: list[tuple[str, str, bytes]] = []
        logo = None
        if plan.logo is not None:
            logo = ((options.base_dir or Path(".")) / plan.logo.obraz, logo_alt(plan))
        self.skeleton = skeleton_for(options.reference_doc, strip, options.strip_position, logo)
        self.ids: StyleIds = self.skeleton.ids
        self.width = self.skeleton.width
        self._body: list[str | Iterable[str]] = []
        self._nums: list[str] = []
        self._landscape = False
        self.logo_xml = self.skeleton.logo
        #: The text strip's table in its footer or header (a redline tracks changes in it).
        self.strip_xml = ""
        if strip is not None and self.skeleton.strip_part:
            self.strip_xml = strip_table_xml(strip.marks, self.ids, self.width)
        self._measures: dict[bool, ColumnMeasure] = {}
        #: The task table's text size in points: smaller when its words need it (see
        #: :meth:`table_width`).
        self.table_size = TEXT_SIZE

    def add(self, xml: str | Iterable[str]) -> None:
        """Append body XML: a string, or an iterable of strings consumed only when saving."""
        self._body.append(xml)

    def numbered_list(self, start: int) -> int:
        """A new numbered list (its own numbering restarting at ``start``); returns its numId."""
        num_id = self.skeleton.first_num + len(self._nums)
        self._nums.append(num_xml(num_id, self.skeleton.numbers_abstract, start))
        return num_id

    def landscape_section(self) -> int:
        """End the page-setup section here; what follows is landscape. Returns its text width."""
        if self.skeleton.section_break and not self._landscape:
            self._landscape = True
            self.add(self.skeleton.section_break)
        return self.skeleton.landscape_width if self._landscape else self.width

    def table_width(self, *, keep_terms: bool = False) -> int:
        """The width for the task table: landscape pages from here on when its words (and
        headings) do not fit across a portrait page (many columns), and its text smaller
        (:attr:`table_size`) when they do not fit across a landscape one either."""
        measure = self.measure(keep_terms=keep_terms, at_size=False)
        width = self.skeleton.landscape_width if self._landscape else self.width
        if not self._landscape and not measure.fits(width):
            width = self.landscape_section()
        self.table_size = measure.size_to_fit(width)
        return width

    def measure(self, *, keep_terms: bool, at_size: bool = True) -> ColumnMeasure:
        """The task table's columns measured (once per render), at :attr:`table_size` or (not
        ``at_size``) at the usual size."""
        found = self._measures.get(keep_terms)
        if found is None:
            columns = table_columns(self.plan)
            found = measure_columns(self.plan, columns, keep_terms=keep_terms)
            self._measures[keep_terms] = found
        return found.at_size(self.table_size) if at_size else found

    @property
    def sized_to(self) -> float | None:
        """:attr:`table_size` when it is not the usual size, else None."""
        return None if self.table_size == TEXT_SIZE else self.table_size

    def table_rows(self, rows: Iterable[str]) -> Iterator[str]:
        """Rows of the task table with their text at :attr:`table_size`."""
        if self.table_size == TEXT_SIZE:
            return iter(rows)
        return (sized(row, self.table_size) for row in rows)

    def to_bytes(self) -> bytes:
        """The finished DOCX. The body is streamed into ``word/document.xml`` in order."""
        return assemble(
            self.skeleton,
            self._chunks(),
            nums=self._nums,
            core=core_xml(self.plan, self.title),
            custom=custom_xml(self.plan),
            landscape=self._landscape,
            media=self._media,
            strip=self.strip_xml,
        )

    def picture(self, png: bytes, size: tuple[int, int], alt: str) -> str:
        """A run showing ``png`` at ``size`` (twips) with ``alt`` text; the image is packaged."""
        number = len(self._media) + 1
        rel_id = f"rIdOslPicture{number}"
        self._media.append((rel_id, f"word/media/osl-picture{number}.png", png))
        # Drawing ids are unique in the document; the strip's picture (if any) takes a low one.
        return picture_run_xml(rel_id, 1000 + number, size, alt)

    def _chunks(self) -> Iterator[str]:
        last = ""
        for part in self._body:
            for chunk in (part,) if isinstance(part, str) else part:
                if chunk:
                    last = chunk
                    yield chunk
        if last.endswith(TABLE_END):
            # Word always closes the body with a paragraph, and LibreOffice needs one to apply the
            # last section's page setup: without it a landscape table stays on the portrait page.
            yield CLOSING_PARAGRAPH
