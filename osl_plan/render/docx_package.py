"""The DOCX package: a styled skeleton prepared once per process, and the zip written per plan.

Setting up styles, numbering, page and strip with python-docx costs tens of milliseconds, the same
for every plan. :func:`skeleton_for` does it once for each base document (python-docx's template
or ``--reference-doc``) and strip, and keeps the result: every fixed part already compressed, and
``word/document.xml`` and ``word/numbering.xml`` split where a plan's own content goes. Per plan,
:func:`assemble` writes the zip itself from those pieces, the body, the numbered lists, the core
properties and ``docProps/custom.xml`` (see :mod:`osl_plan.render.docx_props`).
"""

from __future__ import annotations

import datetime as dt
import re
import struct
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from osl_plan.errors import OutputError
from osl_plan.funding import Strip
from osl_plan.i18n import _
from osl_plan.output import remember_input
from osl_plan.render.docx_props import APP_PART, app_xml, creation_time
from osl_plan.render.docx_setup import StyleIds, W

CUSTOM_PART = "docProps/custom.xml"
_CUSTOM_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
_CUSTOM_REL = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
)
_THUMBNAIL_REL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"
_RELS_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_TYPES_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
#: zlib's default level everywhere. Fixed parts are compressed once per process, but a single
#: render pays for them at start-up: level 9 would take 9 ms more for 2.3 KB (7 %) less. For a
#: 20,000-task body (16 MB of XML) level 6 takes ~55 ms against ~27 ms at level 3, and gives
#: 414 KB instead of 648 KB; a small plan's body compresses in a tenth of a millisecond.
FIXED_LEVEL = 6
BODY_LEVEL = 6
_FLUSH = 1 << 20  # characters of body XML compressed at a time
_CACHE_SIZE = 8
_ZIP_LIMIT = 0xFFFFFFFF


@dataclass(frozen=True, slots=True)
class Part:
    """One zip entry, deflated: name, CRC-32, size and compressed bytes."""

    name: str
    crc: int
    size: int
    data: bytes


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


_cache: dict[tuple[Any, ...], Skeleton] = {}


def _stat(path: Path | None) -> tuple[str, int, int] | None:
    if path is None:
        return None
    try:
        info = path.stat()
    except OSError:
        return (str(path), -1, -1)  # not cached in effect: building raises UnreadableFile
    return (str(path.resolve()), info.st_mtime_ns, info.st_size)


def skeleton_for(
    reference: Path | None,
    strip: Strip | None,
    position: str,
    logo: tuple[Path, str] | None = None,
) -> Skeleton:
    """The skeleton for this base document, strip and logo (image, alt text), built on first use.
    Raises UnreadableFile."""
    key = (
        _stat(reference),
        position,
        None if strip is None else (strip.marks, _stat(strip.image)),
        None if logo is None else (_stat(logo[0]), logo[1]),
    )
    for source in (reference, strip and strip.image, logo and logo[0]):
        if source:  # read by the skeleton: no output may replace it, built now or before
            remember_input(source)
    found = _cache.get(key)
    if found is None:
        found = _kept(key) or _built_and_kept(key, reference, strip, position, logo)
        if len(_cache) >= _CACHE_SIZE:
            _cache.pop(next(iter(_cache)))
        _cache[key] = found
    return found


def _kept(key: tuple[Any, ...]) -> Skeleton | None:
    """The skeleton an earlier run kept (:mod:`osl_plan.render.docx_cache`), if any."""
    from osl_plan.render import docx_cache

    values = docx_cache.load(key)
    if values is None:
        return None
    try:
        return Skeleton(**{
            **values,
            "fixed": tuple(Part(**part) for part in values["fixed"]),
            "document": tuple(values["document"]),
            "numbering": tuple(values["numbering"]),
            "ids": StyleIds(**values["ids"]),
        })  # fmt: skip
    except (KeyError, TypeError):
        return None


def _built_and_kept(
    key: tuple[Any, ...],
    reference: Path | None,
    strip: Strip | None,
    position: str,
    logo: tuple[Path, str] | None,
) -> Skeleton:
    from dataclasses import asdict

    from osl_plan.render import docx_cache

    built = build_skeleton(reference, strip, position, logo)
    docx_cache.store(key, asdict(built))
    return built


def build_skeleton(
    reference: Path | None,
    strip: Strip | None,
    position: str,
    logo: tuple[Path, str] | None = None,
) -> Skeleton:
    """Set up the base document with python-docx and take it apart. Raises UnreadableFile."""
    import io
    import zipfile

    from osl_plan.render import docx_setup as setup
    from osl_plan.render.docx_strip import logo_paragraph, place_strip
    from osl_plan.render.docx_xml import parse_fragment

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
    core_name = str(document.part.package._core_properties_part.partname).lstrip("/")
    place_strip(document, strip, position, ids, width)
    numbering = document.part.numbering_part
    nums = [int(n.get(f"{W}numId")) for n in numbering.element.iter(f"{W}num")]
    body = document.element.body
    sect_pr = body.find(f"{W}sectPr")
    section_break, landscape, landscape_width = _sections(sect_pr, width)
    token = "osl-plan-body-placeholder"
    (placeholder,) = parse_fragment(f"<w:p><w:r><w:t>{token}</w:t></w:r></w:p>")
    if sect_pr is not None:
        sect_pr.addprevious(placeholder)
    else:
        body.append(placeholder)
    if logo is not None:
        placeholder.addprevious(logo_paragraph(document, logo[0], logo[1], width))
    saved = io.BytesIO()
    document.save(saved)
    with zipfile.ZipFile(saved) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    _look_only(parts, reference)
    _own_custom_properties(parts)
    main = parts.pop("word/document.xml")
    at = main.index(token.encode())
    head = main[: main.rindex(b"<w:p>", 0, at)]
    tail = main[main.index(b"</w:p>", at) + 6 :]
    logo_xml = ""
    if logo is not None:  # the paragraph just before the placeholder: cut out, kept as text
        start = head.rindex(b"<w:p>")
        head, logo_xml = head[:start], head[start:].decode("utf-8")
    numbering_name = str(numbering.partname).lstrip("/")
    numbering_xml = parts.pop(numbering_name)
    cut = numbering_xml.find(b"<w:numIdMacAtCleanup")
    cut = numbering_xml.rindex(b"</") if cut < 0 else cut
    parts.pop(core_name, None)
    # [Content_Types].xml first, as readers that stream the archive expect.
    names = sorted(parts, key=lambda name: name != "[Content_Types].xml")
    return Skeleton(
        fixed=tuple(_deflate(name, parts[name], FIXED_LEVEL) for name in names),
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
    )


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
        if rel.get("Type") in (_CUSTOM_REL, _THUMBNAIL_REL):
            parts.pop(rel.get("Target", "").lstrip("/"), None)
            rels.remove(rel)
    used = {rel.get("Id") for rel in rels}
    rel_id = next(f"rId{n}" for n in range(1, len(used) + 2) if f"rId{n}" not in used)
    etree.SubElement(
        rels, f"{_RELS_NS}Relationship", Id=rel_id, Type=_CUSTOM_REL, Target=CUSTOM_PART
    )
    types = etree.fromstring(parts["[Content_Types].xml"])
    for override in list(types.iter(f"{_TYPES_NS}Override")):
        if override.get("PartName", "").lstrip("/") not in parts:
            types.remove(override)
    etree.SubElement(
        types, f"{_TYPES_NS}Override", PartName=f"/{CUSTOM_PART}", ContentType=_CUSTOM_TYPE
    )
    for name, root in (("_rels/.rels", rels), ("[Content_Types].xml", types)):
        parts[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _deflate(name: str, data: bytes, level: int) -> Part:
    compressor = zlib.compressobj(level, zlib.DEFLATED, -15)
    return Part(name, zlib.crc32(data), len(data), compressor.compress(data) + compressor.flush())


def _deflate_stream(name: str, chunks: Iterable[bytes], level: int) -> Part:
    compressor = zlib.compressobj(level, zlib.DEFLATED, -15)
    crc, size, out = 0, 0, []
    for chunk in chunks:
        crc = zlib.crc32(chunk, crc)
        size += len(chunk)
        out.append(compressor.compress(chunk))
    out.append(compressor.flush())
    return Part(name, crc, size, b"".join(out))


def _encoded(head: bytes, chunks: Iterable[str], tail: bytes) -> Iterator[bytes]:
    """The body's strings as UTF-8, joined into large pieces (fewer, faster zlib calls)."""
    yield head
    buffer: list[str] = []
    size = 0
    for chunk in chunks:
        buffer.append(chunk)
        size += len(chunk)
        if size >= _FLUSH:
            yield "".join(buffer).encode("utf-8")
            buffer, size = [], 0
    yield "".join(buffer).encode("utf-8")
    yield tail


def num_xml(num_id: int, abstract_id: int, start: int) -> str:
    """A numbering instance restarting at ``start`` (declares ``w:`` itself: any root prefix)."""
    return (
        f'<w:num xmlns:w="{W[1:-1]}" w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>'
        f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{start}"/></w:lvlOverride></w:num>'
    )


def assemble(
    skeleton: Skeleton,
    body: Iterable[str],
    *,
    nums: Iterable[str],
    core: str,
    custom: str,
    landscape: bool,
    media: Sequence[tuple[str, str, bytes]] = (),
) -> bytes:
    """The finished DOCX: the skeleton's fixed parts and this plan's. Raises OutputError.

    ``media`` are PNG images the body shows: (relationship id, part name, bytes).
    """
    head, tail = skeleton.document
    document = _deflate_stream(
        "word/document.xml",
        _encoded(head, body, skeleton.landscape_tail if landscape else tail),
        BODY_LEVEL,
    )
    before, after = skeleton.numbering
    numbering = before + "".join(nums).encode("utf-8") + after
    own = (
        document,
        _deflate(skeleton.numbering_name, numbering, BODY_LEVEL),
        _deflate(skeleton.core_name, core.encode("utf-8"), BODY_LEVEL),
        _deflate(CUSTOM_PART, custom.encode("utf-8"), BODY_LEVEL),
    )
    fixed = _with_media(skeleton.fixed, media)
    return zip_bytes((fixed[0], *own, *fixed[1:]), creation_time())


_IMAGE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
_DOCUMENT_RELS = "word/_rels/document.xml.rels"


def _with_media(
    fixed: tuple[Part, ...], media: Sequence[tuple[str, str, bytes]]
) -> tuple[Part, ...]:
    """The fixed parts with the images added and registered (relationships, PNG content type)."""
    if not media:
        return fixed
    parts = [_registered(part, media) for part in fixed]
    # PNG is compressed already: deflating it again gains nothing.
    parts.extend(_deflate(name, data, 1) for _, name, data in media)
    return tuple(parts)


_PNG_DEFAULT = '<Default Extension="png" ContentType="image/png"/>'


def _registered(part: Part, media: Sequence[tuple[str, str, bytes]]) -> Part:
    """``part`` with the images' relationships or the PNG content type added, where it is one."""
    if part.name not in (_DOCUMENT_RELS, "[Content_Types].xml"):
        return part
    xml = zlib.decompress(part.data, -15).decode("utf-8")
    if part.name == _DOCUMENT_RELS:
        added = "".join(
            f'<Relationship Id="{rel_id}" Type="{_IMAGE_REL}" '
            f'Target="{name.removeprefix("word/")}"/>'
            for rel_id, name, _ in media
        )
        xml = xml.replace("</Relationships>", added + "</Relationships>")
    elif 'Extension="png"' not in xml:
        xml = re.sub(r"(<Types[^>]*>)", lambda m: m.group(1) + _PNG_DEFAULT, xml, count=1)
    return _deflate(part.name, xml.encode("utf-8"), FIXED_LEVEL)


def _dos_time(when: dt.datetime) -> tuple[int, int]:
    when = max(when, dt.datetime(1980, 1, 1))
    time = (when.hour << 11) | (when.minute << 5) | (when.second // 2)
    date = ((when.year - 1980) << 9) | (when.month << 5) | when.day
    return time, date


def zip_bytes(parts: Iterable[Part], when: dt.datetime) -> bytes:
    """A zip archive of deflated parts (no zip64: a DOCX part stays far below 4 GB)."""
    time, date = _dos_time(when)
    out: list[bytes] = []
    directory: list[bytes] = []
    offset = 0
    count = 0
    for part in parts:
        name = part.name.encode("utf-8")
        if max(part.size, len(part.data), offset) >= _ZIP_LIMIT:
            raise OutputError(part.name, _("the document is too large for a DOCX file"))
        fields = (20, 0x800, 8, time, date, part.crc, len(part.data), part.size, len(name), 0)
        local = struct.pack("<IHHHHHIIIHH", 0x04034B50, *fields) + name
        directory.append(
            struct.pack("<IH", 0x02014B50, 20)
            + struct.pack("<HHHHHIIIHH", *fields)
            + struct.pack("<HHHII", 0, 0, 0, 0, offset)
            + name
        )
        out += (local, part.data)
        offset += len(local) + len(part.data)
        count += 1
    central = b"".join(directory)
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, len(central), offset, 0)
    return b"".join(out) + central + end
