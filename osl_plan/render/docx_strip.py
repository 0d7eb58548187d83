"""The EU funding strip in the footer or header: the user's image with alt text, or its text."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from osl_plan.errors import UnreadableFile
from osl_plan.funding import Strip
from osl_plan.i18n import _, with_hint
from osl_plan.ooxml import W
from osl_plan.render.docx_setup import StyleIds
from osl_plan.render.docx_xml import (
    TABLE_END,
    TableLook,
    cell_xml,
    paragraph_xml,
    parse_fragment,
    plain_run,
    row_xml,
    split_widths,
    table_start,
)

if TYPE_CHECKING:
    from docx.document import Document as DocumentObject

    from osl_plan.image import StripImage

STRIP_CAPTION = "Znaki funduszy europejskich"
#: Where a text strip's table goes in its footer or header (:func:`strip_table_xml`).
STRIP_SLOT = "osl-plan-strip-placeholder"
STRIP_SLOT_XML = f"<w:p><w:r><w:t>{STRIP_SLOT}</w:t></w:r></w:p>"


def place_strip(
    document: DocumentObject, strip: Strip | None, position: str, ids: StyleIds, width: int
) -> None:
    """Put the strip in every footer or header, or the first page only. Raises UnreadableFile."""
    if strip is None:
        return
    section = document.sections[-1]
    part: Any
    if position == "first-page":
        section.different_first_page_header_footer = True
        part = section.first_page_footer
    elif position == "header":
        part = section.header
    else:
        part = section.footer
    fresh = part.is_linked_to_previous
    part.is_linked_to_previous = False
    container = part._element
    if fresh:
        # A new header/footer comes with one empty paragraph; the strip replaces it.
        for paragraph in container.findall(f"{W}p"):
            if not "".join(paragraph.itertext()):
                container.remove(paragraph)
    if strip.image is not None:
        _strip_image(part, strip, ids, width)
    else:
        # The marks' table goes where the slot is, per document (strip_table_xml): the
        # skeleton is the same for every text strip. Word expects a header or footer to end
        # with a paragraph, as a table cell does.
        closing = paragraph_xml('<w:r><w:rPr><w:sz w:val="2"/></w:rPr></w:r>', style=ids.strip)
        for element in parse_fragment(STRIP_SLOT_XML + closing):
            container.append(element)


def strip_table_xml(
    marks: Sequence[str], ids: StyleIds, width: int, *, paragraphs: Sequence[str] = ()
) -> str:
    """The marks side by side, one borderless cell each, in the official order. ``paragraphs``
    (one per mark) are the cells' content instead of the marks' text (a redline's)."""
    widths = split_widths(width, [1.0] * len(marks))
    contents = paragraphs or [paragraph_xml(plain_run(mark), style=ids.strip) for mark in marks]
    cells = (cell_xml(content, w, center=True) for content, w in zip(contents, widths, strict=True))
    look = TableLook(
        caption=STRIP_CAPTION, description=", ".join(marks), borders=False, center=True
    )
    # A mark's line break stays one in the alt text (as lxml writes it; a bare newline in an
    # attribute would be read as a space). Only the description can hold one here: text in
    # cells breaks lines with w:br.
    return table_start(widths, look).replace("\n", "&#10;") + row_xml(cells) + TABLE_END


#: Pixels per inch at which an image is placed. DPI fields are not read: cameras and editors
#: write 0, 1 pixel per metre or loops there, and the picture is scaled to fit anyway.
PLACED_DPI = 96
_EMU_PER_INCH = 914400


def _checked(path: Path, *, key: str = "finansowanie.obraz") -> StripImage:
    """The image through the check every command uses (validate too). Raises UnreadableFile."""
    from osl_plan.image import ImageProblem, read_image

    try:
        return read_image(path)
    except FileNotFoundError:
        raise UnreadableFile(
            path, _("the image does not exist — fix „{key}” or remove it").format(key=key)
        ) from None
    except ImageProblem as problem:
        raise UnreadableFile(path, with_hint(problem.message, problem.hint)) from None


def _natural_width(image: StripImage) -> int:
    """The image's width in EMU at PLACED_DPI."""
    return image.width * _EMU_PER_INCH // PLACED_DPI


def add_picture(run: Any, image: StripImage, width: int, alt: str) -> None:
    """``image`` into ``run``, ``width`` EMU wide, with its alt text. python-docx's own image
    readers are not used: they divide by DPI fields and know only JFIF or Exif JPEGs, while the
    check of :mod:`osl_plan.image` accepts what Word accepts (CMYK JPEG included)."""
    from docx.image.image import Image
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml.ns import qn
    from docx.oxml.shape import CT_Inline
    from docx.shared import Emu

    extension = "png" if image.mime == "image/png" else "jpg"
    picture = Image(image.data, f"image.{extension}", _header(image))
    package = run.part.package
    part = package.image_parts._get_by_sha1(picture.sha1)
    if part is None:
        part = package.image_parts._add_image_part(picture)
    rel_id = run.part.relate_to(part, RELATIONSHIP_TYPE.IMAGE)
    height = max(1, width * image.height // max(image.width, 1))
    size = (Emu(width), Emu(height))
    inline = CT_Inline.new_pic_inline(run.part.next_id, rel_id, picture.filename, *size)
    run._r.add_drawing(inline)
    for doc_pr in run._r.iter(qn("wp:docPr")):
        doc_pr.set("descr", alt)
        doc_pr.set("title", alt)


def _header(image: StripImage) -> Any:
    """What python-docx asks of an image, from the checked image (DPI fixed)."""
    from docx.image.image import BaseImageHeader

    class Header(BaseImageHeader):
        @property
        def content_type(self) -> str:
            return image.mime

        @property
        def default_ext(self) -> str:
            return "png" if image.mime == "image/png" else "jpg"

    return Header(image.width, image.height, PLACED_DPI, PLACED_DPI)


def _strip_image(part: Any, strip: Strip, ids: StyleIds, width: int) -> None:
    from docx.shared import Twips

    assert strip.image is not None
    image = _checked(strip.image)
    shown = min(int(Twips(width)), _natural_width(image))
    paragraph = part.add_paragraph()
    paragraph._p.get_or_add_pPr().style = ids.strip
    add_picture(paragraph.add_run(), image, shown, strip.alt_text or STRIP_CAPTION)


LOGO_HEIGHT = 1134  # twips: 2 cm


def logo_paragraph(document: Any, path: Path, alt: str, width: int) -> Any:
    """A centred paragraph holding the unit's logo with its alt text (added to ``document``'s
    body, then detached). Raises UnreadableFile."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Twips

    image = _checked(path, key="logo")
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    height = int(Twips(LOGO_HEIGHT))
    shown = min(int(Twips(width // 3)), image.width * height // max(image.height, 1))
    add_picture(paragraph.add_run(), image, shown, alt)
    element = paragraph._p
    element.getparent().remove(element)
    return element
