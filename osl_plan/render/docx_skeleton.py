"""A DOCX skeleton: the package around a plan's body, set up once with python-docx.

:func:`build_skeleton` opens the base document (python-docx's template or a ``--reference-doc``),
sets up page, language, lists, styles, the strip and the logo, saves it and takes it apart: every
fixed part deflated once, ``word/document.xml`` and ``word/numbering.xml`` split where a plan's
own content goes. :mod:`osl_plan.render.docx_package` keeps skeletons and assembles documents
from them; python-docx is imported only here, and only when a skeleton is built.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from osl_plan.funding import Strip
from osl_plan.ooxml import (
    CONTENT_TYPES,
    CUSTOM_PROPS_REL,
    CUSTOM_PROPS_TYPE,
    PACKAGE_RELS,
    THUMBNAIL_REL,
    W,
)
from osl_plan.render.docx_archive import Part, deflate
from osl_plan.render.docx_props import APP_PART, app_xml
from osl_plan.render.docx_setup import StyleIds

if TYPE_CHECKING:
    from docx.document import Document as DocumentObject

CUSTOM_PART = "docProps/custom.xml"
#: zlib's default level. Fixed parts are compressed once per skeleton, but a single render that
#: builds one pays for them: level 9 would take 9 ms more for 2.3 KB (7 %) less.
FIXED_LEVEL = 6


@dataclass(frozen=True, slots=True)
class Skeleton:
    """Everything of a DOCX that does not depend on the plan, ready to be copied."""

    fixed: tuple[Part, ...]
    #: ``word/document.xml`` before and after the body (the tail holds the last w:sectPr).
    document: tuple[bytes, bytes]
    #: The same tail with the last section turned landscape (headers and footers inherited).
    landscape_tail: bytes
    #: A paragraph ending a section set up like the base document's (before a landscape one).
    section_break: str
    numbering_name: str
    numbering: tuple[bytes, bytes]
    core_name: str
    ids: StyleIds
    width: int
    landscape_width: int
    #: The list definition numbered lists use, and the first free w:numId.
    numbers_abstract: int
    first_num: int
    #: The unit's logo as a centred paragraph (its image is in the package), or "".
    logo: str = ""
    #: The footer or header holding a text strip ("" without one), before and after the place
    #: of the marks' table (:func:`osl_plan.render.docx_strip.strip_table_xml`).
    strip_part: str = ""
    strip_slot: tuple[bytes, bytes] = (b"", b"")


def build_skeleton(
    reference: Path | None,
    strip: Strip | None,
    position: str,
    logo: tuple[Path, str] | None = None,
) -> Skeleton:
    """Set up the base document with python-docx and take it apart. Raises UnreadableFile."""
    import io

    from osl_plan.docx_zip import read_all

    document, ids, width, numbers_abstract = _set_up(reference, strip, position)
    core_name = str(document.part.package._core_properties_part.partname).lstrip("/")
    numbering = document.part.numbering_part
    nums = [int(n.get(f"{W}numId")) for n in numbering.element.iter(f"{W}num")]
    sect_pr = document.element.body.find(f"{W}sectPr")
    section_break, landscape, landscape_width = _sections(sect_pr, width)
    _placeholder(document, logo, width)
    saved = io.BytesIO()
    document.save(saved)
    parts = read_all(saved.getvalue(), "default.docx")
    _look_only(parts, reference)
    _own_custom_properties(parts)
    head, tail, logo_xml = _document_around_body(parts.pop("word/document.xml"), logo=logo)
    strip_part, strip_slot = _strip_slot(parts)
    numbering_name = str(numbering.partname).lstrip("/")
    numbering_xml = parts.pop(numbering_name)
    cut = numbering_xml.find(b"<w:numIdMacAtCleanup")
    cut = numbering_xml.rindex(b"</") if cut < 0 else cut
    parts.pop(core_name, None)
    # [Content_Types].xml first, as readers that stream the archive expect.
    names = sorted(parts, key=lambda name: name != "[Content_Types].xml")
    return Skeleton(
        fixed=tuple(deflate(name, parts[name], FIXED_LEVEL) for name in names),
        document=(head, tail),
        landscape_tail=_swap_section(tail, landscape),
        section_break=section_break,
        numbering_name=numbering_name,
        numbering=(numbering_xml[:cut], numbering_xml[cut:]),
        core_name=core_name,
        ids=ids,
        width=width,
        landscape_width=landscape_width,
        numbers_abstract=numbers_abstract,
        first_num=max(nums, default=0) + 1,
        logo=logo_xml,
        strip_part=strip_part,
        strip_slot=strip_slot,
    )


def _set_up(
    reference: Path | None, strip: Strip | None, position: str
) -> tuple[DocumentObject, StyleIds, int, int]:
    """The base document with page, language, lists, styles and strip set up: the document,
    its style ids, its text width and the numbered lists' definition."""
    from osl_plan.render import docx_setup as setup
    from osl_plan.render.docx_strip import place_strip

    own = reference is None
    document = setup.open_base(reference)
    # A reference document without a page size (pandoc's has none) still gets A4.
    setup.set_page(document, only_missing=not own)
    setup.set_language(document)
    bullet_num = setup.add_bullets(document)
    numbers_abstract = setup.add_number_definition(document)
    ids = setup.set_styles(document, bullet_num=bullet_num, own=own)
    width = setup.text_width(document)
    document.core_properties  # noqa: B018 - creates the core properties part when missing
    place_strip(document, strip, position, ids, width)
    return document, ids, width, numbers_abstract


_TOKEN = "osl-plan-body-placeholder"


def _placeholder(document: DocumentObject, logo: tuple[Path, str] | None, width: int) -> None:
    """A paragraph marking where the body goes (before the last w:sectPr), the logo before it."""
    from osl_plan.render.docx_strip import logo_paragraph
    from osl_plan.render.docx_xml import parse_fragment

    body = document.element.body
    sect_pr = body.find(f"{W}sectPr")
    (placeholder,) = parse_fragment(f"<w:p><w:r><w:t>{_TOKEN}</w:t></w:r></w:p>")
    if sect_pr is not None:
        sect_pr.addprevious(placeholder)
    else:
        body.append(placeholder)
    if logo is not None:
        placeholder.addprevious(logo_paragraph(document, logo[0], logo[1], width))


def _document_around_body(
    main: bytes, *, logo: tuple[Path, str] | None
) -> tuple[bytes, bytes, str]:
    """``word/document.xml`` before and after the placeholder, and the logo's paragraph."""
    at = main.index(_TOKEN.encode())
    head = main[: main.rindex(b"<w:p>", 0, at)]
    tail = main[main.index(b"</w:p>", at) + 6 :]
    logo_xml = ""
    if logo is not None:  # the paragraph just before the placeholder: cut out, kept as text
        start = head.rindex(b"<w:p>")
        head, logo_xml = head[:start], head[start:].decode("utf-8")
    return head, tail, logo_xml


def _strip_slot(parts: dict[str, bytes]) -> tuple[str, tuple[bytes, bytes]]:
    """The part holding a text strip's slot, taken out of ``parts`` and cut at the slot."""
    from osl_plan.render.docx_strip import STRIP_SLOT

    token = STRIP_SLOT.encode()
    for name, data in parts.items():
        at = data.find(token)
        if at >= 0:
            del parts[name]
            start, end = data.rindex(b"<w:p>", 0, at), data.index(b"</w:p>", at) + 6
            return name, (data[:start], data[end:])
    return "", (b"", b"")


def _look_only(parts: dict[str, bytes], reference: Path | None) -> None:
    """Of a reference document only its look: no macros, links or embedded files. The
    reference was already rebuilt from an allow-list (:mod:`osl_plan.render.docx_reference`);
    this second pass checks the package python-docx wrote around it."""
    if reference is not None:
        from osl_plan.render.docx_sanitize import sanitize_parts

        sanitize_parts(parts)


def _sections(sect_pr: Any, width: int) -> tuple[str, str, int]:
    """The section break paragraph, the landscape last section and its text width."""
    import copy

    from lxml import etree

    if sect_pr is None:
        return "", "", width
    portrait = _plain(etree.tostring(sect_pr, encoding="unicode", with_tail=False))
    landscape = copy.deepcopy(sect_pr)
    for child in list(landscape):
        if child.tag in (f"{W}headerReference", f"{W}footerReference", f"{W}titlePg"):
            landscape.remove(child)  # the footer (the strip) is inherited from the section before
    size = landscape.find(f"{W}pgSz")
    margins = landscape.find(f"{W}pgMar")
    page_width = width
    if size is not None:
        short, long = sorted(int(size.get(f"{W}{side}", "0")) for side in ("w", "h"))
        size.set(f"{W}w", str(long))
        size.set(f"{W}h", str(short))
        size.set(f"{W}orient", "landscape")
        if margins is not None and long:
            sides = sum(int(margins.get(f"{W}{s}", "0")) for s in ("left", "right"))
            page_width = long - sides
    xml = _plain(etree.tostring(landscape, encoding="unicode", with_tail=False))
    return f"<w:p><w:pPr>{portrait}</w:pPr></w:p>", xml, max(page_width, width)


def _plain(xml: str) -> str:
    """An element's XML without namespace declarations (the document root declares them)."""
    return re.sub(r' xmlns:\w+="[^"]*"', "", xml, count=0)


def _swap_section(tail: bytes, landscape: str) -> bytes:
    start, end = tail.find(b"<w:sectPr"), tail.rfind(b"</w:sectPr>")
    if not landscape or start < 0 or end < 0:
        return tail
    return tail[:start] + landscape.encode() + tail[end + len(b"</w:sectPr>") :]


def _own_custom_properties(parts: dict[str, bytes]) -> None:
    """Drop the base file's thumbnail and custom properties; register ours. The extended
    properties name osl-plan and its version, not the base file's program."""
    from lxml import etree

    if APP_PART in parts:
        parts[APP_PART] = app_xml().encode("utf-8")
    rels = etree.fromstring(parts["_rels/.rels"])
    for rel in list(rels):
        if rel.get("Type") in (CUSTOM_PROPS_REL, THUMBNAIL_REL):
            parts.pop(rel.get("Target", "").lstrip("/"), None)
            rels.remove(rel)
    used = {rel.get("Id") for rel in rels}
    rel_id = next(f"rId{n}" for n in range(1, len(used) + 2) if f"rId{n}" not in used)
    etree.SubElement(
        rels, f"{PACKAGE_RELS}Relationship", Id=rel_id, Type=CUSTOM_PROPS_REL, Target=CUSTOM_PART
    )
    types = etree.fromstring(parts["[Content_Types].xml"])
    for override in list(types.iter(f"{CONTENT_TYPES}Override")):
        if override.get("PartName", "").lstrip("/") not in parts:
            types.remove(override)
    etree.SubElement(
        types, f"{CONTENT_TYPES}Override", PartName=f"/{CUSTOM_PART}", ContentType=CUSTOM_PROPS_TYPE
    )
    for name, root in (("_rels/.rels", rels), ("[Content_Types].xml", types)):
        parts[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
