"""The EU funding strip in the footer or header: the user's image with alt text, or its text."""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING, Any

from osl_plan.errors import UnreadableFile
from osl_plan.funding import Strip
from osl_plan.i18n import _, with_hint
from osl_plan.render.docx_setup import StyleIds, W
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

IMAGE_TYPES = {"image/png", "image/jpeg"}
STRIP_CAPTION = "Znaki funduszy europejskich"


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
        # Word expects a header or footer to end with a paragraph, as a table cell does.
        closing = paragraph_xml('<w:r><w:rPr><w:sz w:val="2"/></w:rPr></w:r>', style=ids.strip)
        for element in parse_fragment(strip_table_xml(strip.marks, ids, width) + closing):
            container.append(element)


def strip_table_xml(marks: tuple[str, ...], ids: StyleIds, width: int) -> str:
    """The marks side by side, one borderless cell each, in the official order."""
    widths = split_widths(width, [1.0] * len(marks))
    cells = (
        cell_xml(paragraph_xml(plain_run(mark), style=ids.strip), w, center=True)
        for mark, w in zip(marks, widths, strict=True)
    )
    look = TableLook(
        caption=STRIP_CAPTION, description=", ".join(marks), borders=False, center=True
    )
    return table_start(widths, look) + row_xml(cells) + TABLE_END


def _image_type(path: Path, *, key: str = "finansowanie.obraz") -> Any:
    from docx.image.image import Image

    from osl_plan.image import ImageProblem, read_image

    try:
        checked = read_image(path)
    except FileNotFoundError:
        raise UnreadableFile(
            path, _("the image does not exist — fix „{key}” or remove it").format(key=key)
        ) from None
    except ImageProblem as problem:
        raise UnreadableFile(path, with_hint(problem.message, problem.hint)) from None
    try:
        image = Image.from_blob(checked.data)
        image.width  # noqa: B018 - python-docx divides by the resolution written in the file
    except Exception as error:  # python-docx's parsers raise assorted errors on odd files
        raise UnreadableFile(
            path, _("is not a PNG or JPEG image ({reason})").format(reason=error)
        ) from None
    if image.content_type not in IMAGE_TYPES:
        raise UnreadableFile(path, _("the image in „{key}” must be PNG or JPEG").format(key=key))
    return image


def _strip_image(part: Any, strip: Strip, ids: StyleIds, width: int) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Twips

    assert strip.image is not None
    image = _image_type(strip.image)
    shown = min(int(Twips(width)), int(image.width))
    paragraph = part.add_paragraph()
    paragraph._p.get_or_add_pPr().style = ids.strip
    run = paragraph.add_run()
    run.add_picture(io.BytesIO(image.blob), width=shown)
    alt = strip.alt_text or STRIP_CAPTION
    for doc_pr in run._r.iter(qn("wp:docPr")):
        doc_pr.set("descr", alt)
        doc_pr.set("title", alt)


LOGO_HEIGHT = 1134  # twips: 2 cm


def logo_paragraph(document: Any, path: Path, alt: str, width: int) -> Any:
    """A centred paragraph holding the unit's logo with its alt text (added to ``document``'s
    body, then detached). Raises UnreadableFile."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Twips

    image = _image_type(path, key="logo")
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run()
    height = int(Twips(LOGO_HEIGHT))
    shown = min(int(Twips(width // 3)), int(image.width * height / max(image.height, 1)))
    run.add_picture(str(path), width=shown)
    for doc_pr in run._r.iter(qn("wp:docPr")):
        doc_pr.set("descr", alt)
        doc_pr.set("title", alt)
    element = paragraph._p
    element.getparent().remove(element)
    return element
