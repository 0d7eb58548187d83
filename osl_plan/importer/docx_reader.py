"""Reading a DOCX safely: a bounded zip, XML without DTDs, and the body as plain blocks.

A DOCX is a zip of XML parts. Anyone can hand us one, so every step is bounded: the zip is
unpacked within the limits of :mod:`osl_plan.docx_zip` (file size, number of parts, each part's
and all parts' uncompressed size), and the XML parser refuses DTDs and entities.
Everything that makes the file unreadable raises :class:`UnreadableFile` (exit code 2).
"""

from __future__ import annotations

import re
from typing import Any

from osl_plan.docx_zip import MAX_FILE_BYTES, Package, open_package
from osl_plan.errors import UnreadableFile
from osl_plan.i18n import _
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
    if data.startswith(_OLE_MAGIC):
        raise UnreadableFile(
            name,
            _(
                "is password-protected or an old Word 97–2003 .doc file — open it in Word or "
                "LibreOffice, remove the password and save it as .docx"
            ),
        )
    package = open_package(data, name)
    with package.archive:
        members = package.members
        if "word/document.xml" not in members:
            raise UnreadableFile(name, _("has no word/document.xml — it is not a Word document"))
        body = _parse(package.read("word/document.xml"), name)
        styles = parts.formats(
            _optional(package, "word/styles.xml", name),
            _optional(package, "word/numbering.xml", name),
        )
        document = Document(blocks=parts.blocks(parts.body(body), styles))
        document.alt_texts.extend(parts.alt_texts(body))
        for member in sorted(members):
            if re.fullmatch(r"word/(header|footer)\d*\.xml", member):
                part = _parse(package.read(member), name)
                document.margins.extend(parts.blocks(part, styles))
                document.alt_texts.extend(parts.alt_texts(part))
                document.margin_alt_texts.extend(parts.alt_texts(part))
        if "docProps/core.xml" in members:
            core = _parse(package.read("docProps/core.xml"), name)
            title = core.findtext(_DC_TITLE)
            document.title = title.strip() if title and title.strip() else None
            for key, tag in _PROPERTIES.items():
                if value := (core.findtext(tag) or "").strip():
                    document.properties[key] = value
        if (custom := _optional(package, "docProps/custom.xml", name)) is not None:
            document.custom = parts.custom_properties(custom)
    return document


def _optional(package: Package, member: str, name: str) -> Any | None:
    """A part parsed safely, or None when the package has no such part."""
    if member not in package.members:
        return None
    return _parse(package.read(member), name)


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
        from osl_plan.i18n import language

        if language() != "en":  # lxml says what is wrong in English only
            raise UnreadableFile(name, _("has damaged XML — save it again")) from None
        raise UnreadableFile(
            name, _("has damaged XML ({error}) — save it again").format(error=error)
        ) from None
    if root.getroottree().docinfo.internalDTD is not None:
        raise UnreadableFile(name, _dtd_refused())
    return root


def _dtd_refused() -> str:
    return _("contains an XML document type declaration (DTD) — refused")
