"""The DOCX package: a styled skeleton found once per process, and the zip written per plan.

Setting up styles, numbering, page and strip with python-docx costs tens of milliseconds, the same
for every plan. :func:`skeleton_for` finds the skeleton for a base document (python-docx's
template or ``--reference-doc``), strip and logo: in this process, shipped with osl-plan
(:mod:`osl_plan.render.docx_shipped`), kept by an earlier run (:mod:`osl_plan.render.docx_cache`)
or built now (:mod:`osl_plan.render.docx_skeleton`): every fixed part already compressed, and
``word/document.xml``, ``word/numbering.xml`` and a text strip's part split where a plan's own
content goes. Per plan, :func:`assemble` puts those pieces together with the body, the numbered
lists, the strip's marks, the core properties and ``docProps/custom.xml`` (see
:mod:`osl_plan.render.docx_props`) and zips them (:mod:`osl_plan.render.docx_archive`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from osl_plan.funding import Strip
from osl_plan.ooxml import IMAGE_REL, W_NS
from osl_plan.output import remember_input
from osl_plan.render.docx_archive import Part, deflate, deflate_stream, zip_bytes
from osl_plan.render.docx_props import creation_time
from osl_plan.render.docx_setup import StyleIds
from osl_plan.render.docx_skeleton import CUSTOM_PART, FIXED_LEVEL, Skeleton, build_skeleton

#: zlib's default level, as for the fixed parts (:mod:`osl_plan.render.docx_skeleton`). For a
#: 20,000-task body (16 MB of XML) level 6 takes ~55 ms against ~27 ms at level 3, and gives
#: 414 KB instead of 648 KB; a small plan's body compresses in a tenth of a millisecond.
BODY_LEVEL = 6
_FLUSH = 1 << 20  # characters of body XML compressed at a time
_CACHE_SIZE = 8


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
        _strip_key(strip),
        None if logo is None else (_stat(logo[0]), logo[1]),
    )
    for source in (reference, strip and strip.image, logo and logo[0]):
        if source:  # read by the skeleton: no output may replace it, built now or before
            remember_input(source)
    found = _cache.get(key)
    if found is None:
        found = (
            _shipped(reference, strip, position, logo)
            or _kept(key)
            or _built_and_kept(key, reference, strip, position, logo)
        )
        if len(_cache) >= _CACHE_SIZE:
            _cache.pop(next(iter(_cache)))
        _cache[key] = found
    return found


def _strip_key(strip: Strip | None) -> tuple[Any, ...] | None:
    """What of the strip a skeleton holds: a text strip only its place (the marks' table is
    written per document), an image strip its image and alt text."""
    if strip is None:
        return None
    if strip.image is None:
        return ("text",)
    return (strip.marks, _stat(strip.image))


def _shipped(
    reference: Path | None,
    strip: Strip | None,
    position: str,
    logo: tuple[Path, str] | None,
) -> Skeleton | None:
    """The skeleton that came with osl-plan for these (:mod:`osl_plan.render.docx_shipped`)."""
    from osl_plan.render import docx_shipped

    name = docx_shipped.shipped_name(reference, strip, position, logo)
    return None if name is None else from_values(docx_shipped.load(name))


def _kept(key: tuple[Any, ...]) -> Skeleton | None:
    """The skeleton an earlier run kept (:mod:`osl_plan.render.docx_cache`), if any."""
    from osl_plan.render import docx_cache

    return from_values(docx_cache.load(key))


def from_values(values: dict[str, Any] | None) -> Skeleton | None:
    """A skeleton from its values as JSON keeps them (tuples as lists); None when they do not
    make one."""
    if values is None:
        return None
    try:
        return Skeleton(**{
            **values,
            "fixed": tuple(Part(**part) for part in values["fixed"]),
            "document": tuple(values["document"]),
            "numbering": tuple(values["numbering"]),
            "strip_slot": tuple(values["strip_slot"]),
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
        f'<w:num xmlns:w="{W_NS}" w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>'
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
    strip: str = "",
) -> bytes:
    """The finished DOCX: the skeleton's fixed parts and this plan's. Raises OutputError.

    ``media`` are PNG images the body shows: (relationship id, part name, bytes). ``strip`` is
    the text strip's table, put in the skeleton's slot for it.
    """
    head, tail = skeleton.document
    document = deflate_stream(
        "word/document.xml",
        _encoded(head, body, skeleton.landscape_tail if landscape else tail),
        BODY_LEVEL,
    )
    before, after = skeleton.numbering
    numbering = before + "".join(nums).encode("utf-8") + after
    own: tuple[Part, ...] = (
        document,
        deflate(skeleton.numbering_name, numbering, BODY_LEVEL),
        deflate(skeleton.core_name, core.encode("utf-8"), BODY_LEVEL),
        deflate(CUSTOM_PART, custom.encode("utf-8"), BODY_LEVEL),
    )
    if skeleton.strip_part:
        before, after = skeleton.strip_slot
        footer = before + strip.encode("utf-8") + after
        own += (deflate(skeleton.strip_part, footer, FIXED_LEVEL),)
    fixed = _with_media(skeleton.fixed, media)
    return zip_bytes((fixed[0], *own, *fixed[1:]), creation_time())


_DOCUMENT_RELS = "word/_rels/document.xml.rels"


def _with_media(
    fixed: tuple[Part, ...], media: Sequence[tuple[str, str, bytes]]
) -> tuple[Part, ...]:
    """The fixed parts with the images added and registered (relationships, PNG content type)."""
    if not media:
        return fixed
    parts = [_registered(part, media) for part in fixed]
    # PNG is compressed already: deflating it again gains nothing.
    parts.extend(deflate(name, data, 1) for _, name, data in media)
    return tuple(parts)


_PNG_DEFAULT = '<Default Extension="png" ContentType="image/png"/>'


def _registered(part: Part, media: Sequence[tuple[str, str, bytes]]) -> Part:
    """``part`` with the images' relationships or the PNG content type added, where it is one."""
    if part.name not in (_DOCUMENT_RELS, "[Content_Types].xml"):
        return part
    xml = part.inflated().decode("utf-8")
    if part.name == _DOCUMENT_RELS:
        added = "".join(
            f'<Relationship Id="{rel_id}" Type="{IMAGE_REL}" '
            f'Target="{name.removeprefix("word/")}"/>'
            for rel_id, name, _ in media
        )
        xml = xml.replace("</Relationships>", added + "</Relationships>")
    elif 'Extension="png"' not in xml:
        xml = re.sub(r"(<Types[^>]*>)", lambda m: m.group(1) + _PNG_DEFAULT, xml, count=1)
    return deflate(part.name, xml.encode("utf-8"), FIXED_LEVEL)
