"""Reading a DOCX safely: a bounded zip, XML without DTDs, and the body as plain blocks.

A DOCX is a zip of XML parts. Anyone can hand us one, so every step is bounded: the file size, the
number of members, each member's declared *and* actual uncompressed size (read in chunks, so a
lying header cannot make us inflate gigabytes), and the XML parser refuses DTDs and entities.
Everything that makes the file unreadable raises :class:`UnreadableFile` (exit code 2).
"""

from __future__ import annotations

import re
import zipfile
import zlib
from io import BytesIO
from typing import Any

from osl_plan.errors import UnreadableFile
from osl_plan.i18n import _, number
from osl_plan.importer import docx_body as parts
from osl_plan.importer.blocks import Block, Cell, Document, Para, Row, Run, Table

__all__ = [
    "MAX_FILE_BYTES",
    "Block",
    "Cell",
    "Document",
    "Para",
    "Row",
    "Run",
    "Table",
    "read_docx",
]

MAX_FILE_BYTES = 100 * 1024 * 1024
MAX_MEMBERS = 10_000
MAX_PART_BYTES = 32 * 1024 * 1024  # one XML part, uncompressed; a long plan is under 1 MB
MAX_RATIO = 200  # uncompressed : compressed; text XML compresses ~10:1, bombs 1000:1 and more
_CHUNK = 64 * 1024

_DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"
_PROPERTIES = {
    "creator": "{http://purl.org/dc/elements/1.1/}creator",
    "subject": "{http://purl.org/dc/elements/1.1/}subject",
    "keywords": "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}keywords",
}
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_DTD = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)


def read_docx(data: bytes, name: str) -> Document:
    """The body, margins and title of a DOCX. Raises UnreadableFile."""
    if len(data) > MAX_FILE_BYTES:
        raise UnreadableFile(
            name,
            _("is larger than {size} MB — not a plan").format(size=MAX_FILE_BYTES // 2**20),
        )
    if data.startswith(_OLE_MAGIC):
        raise UnreadableFile(
            name,
            _(
                "is password-protected or an old Word 97–2003 .doc file — open it in Word or "
                "LibreOffice, remove the password and save it as .docx"
            ),
        )
    try:
        archive = zipfile.ZipFile(BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError):
        raise UnreadableFile(
            name, _("is not a DOCX file (not a zip archive) — save it as .docx")
        ) from None
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_MEMBERS:
            raise UnreadableFile(
                name,
                _("has more than {count} parts — not a Word document").format(
                    count=number(MAX_MEMBERS)
                ),
            )
        members = {info.filename: info for info in infos}
        if "word/document.xml" not in members:
            raise UnreadableFile(name, _("has no word/document.xml — it is not a Word document"))
        body = _parse(_read_member(archive, members["word/document.xml"], name), name)
        styles = parts.formats(
            _optional(archive, members, "word/styles.xml", name),
            _optional(archive, members, "word/numbering.xml", name),
        )
        document = Document(blocks=parts.blocks(parts.body(body), styles))
        document.alt_texts.extend(parts.alt_texts(body))
        for member in sorted(members):
            if re.fullmatch(r"word/(header|footer)\d*\.xml", member):
                part = _parse(_read_member(archive, members[member], name), name)
                document.margins.extend(parts.blocks(part, styles))
                document.alt_texts.extend(parts.alt_texts(part))
                document.margin_alt_texts.extend(parts.alt_texts(part))
        if "docProps/core.xml" in members:
            core = _parse(_read_member(archive, members["docProps/core.xml"], name), name)
            title = core.findtext(_DC_TITLE)
            document.title = title.strip() if title and title.strip() else None
            for key, tag in _PROPERTIES.items():
                if value := (core.findtext(tag) or "").strip():
                    document.properties[key] = value
        if (custom := _optional(archive, members, "docProps/custom.xml", name)) is not None:
            document.custom = parts.custom_properties(custom)
    return document


def _optional(
    archive: zipfile.ZipFile, members: dict[str, zipfile.ZipInfo], member: str, name: str
) -> Any | None:
    """A part parsed safely, or None when the package has no such part."""
    if member not in members:
        return None
    return _parse(_read_member(archive, members[member], name), name)


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> bytes:
    """A member's bytes, refusing encryption and anything that inflates beyond the caps."""
    if info.flag_bits & 0x1:
        raise UnreadableFile(name, _("is encrypted — remove the password and save it again"))
    too_big = _("{part} unpacks to more than {size} MB (a zip bomb?)").format(
        part=info.filename, size=MAX_PART_BYTES // 2**20
    )
    declared = info.file_size
    if declared > 1024 * 1024 and (
        declared > MAX_PART_BYTES or declared > max(info.compress_size, 1) * MAX_RATIO
    ):
        raise UnreadableFile(name, too_big)
    chunks: list[bytes] = []
    total = 0
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(_CHUNK):
                total += len(chunk)
                if total > MAX_PART_BYTES or total > info.file_size:
                    raise UnreadableFile(name, too_big)
                chunks.append(chunk)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as error:
        raise UnreadableFile(
            name,
            _("is damaged ({part}: {error}) — save it again").format(
                part=info.filename, error=error
            ),
        ) from None
    except RuntimeError:  # zipfile's "password required"
        raise UnreadableFile(
            name, _("is encrypted — remove the password and save it again")
        ) from None
    return b"".join(chunks)


def _parse(data: bytes, name: str) -> Any:
    """An XML part parsed without DTDs, entities, network or huge-tree allowances."""
    from lxml import etree

    head = data[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", "ignore").encode("utf-8")
    if _DTD.search(head):
        raise UnreadableFile(name, _dtd_refused())
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise UnreadableFile(
            name, _("has damaged XML ({error}) — save it again").format(error=error)
        ) from None
    if root.getroottree().docinfo.internalDTD is not None:
        raise UnreadableFile(name, _dtd_refused())
    return root


def _dtd_refused() -> str:
    return _("contains an XML document type declaration (DTD) — refused")
