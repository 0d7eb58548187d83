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
from dataclasses import dataclass, field
from io import BytesIO
from typing import Any

from osl_plan.errors import UnreadableFile

MAX_FILE_BYTES = 100 * 1024 * 1024
MAX_MEMBERS = 10_000
MAX_PART_BYTES = 32 * 1024 * 1024  # one XML part, uncompressed; a long plan is under 1 MB
MAX_RATIO = 200  # uncompressed : compressed; text XML compresses ~10:1, bombs 1000:1 and more
_CHUNK = 64 * 1024

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DOCPR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
_DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"
_PROPERTIES = {
    "creator": "{http://purl.org/dc/elements/1.1/}creator",
    "subject": "{http://purl.org/dc/elements/1.1/}subject",
    "keywords": "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}keywords",
}
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_DTD = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)


@dataclass(slots=True)
class Para:
    """A paragraph: its text, whether it is a list item, and its heading level if any."""

    text: str
    style: str = ""
    is_list: bool = False
    heading: int | None = None


@dataclass(slots=True)
class Cell:
    """A table cell; ``merge`` is "restart" or "continue" for vertically merged cells."""

    paragraphs: list[Para]
    span: int = 1
    merge: str | None = None

    @property
    def text(self) -> str:
        """All the cell's text, one line per paragraph."""
        return "\n".join(p.text for p in self.paragraphs).strip()


@dataclass(slots=True)
class Row:
    """A table row; ``header`` when marked to repeat on every page."""

    cells: list[Cell]
    header: bool = False


@dataclass(slots=True)
class Table:
    """A table: its rows in order."""

    rows: list[Row]


Block = Para | Table


@dataclass(slots=True)
class Document:
    """What the importer reads from a DOCX."""

    blocks: list[Block]
    #: The title from the document properties (dc:title), when set.
    title: str | None = None
    #: Blocks of the page headers and footers (where the funding strip lives).
    margins: list[Block] = field(default_factory=list)
    #: Alt texts of the images in the body, headers and footers.
    alt_texts: list[str] = field(default_factory=list)
    #: Other core properties: "creator", "subject", "keywords" when set.
    properties: dict[str, str] = field(default_factory=dict)


def read_docx(data: bytes, name: str) -> Document:
    """The body, margins and title of a DOCX. Raises UnreadableFile."""
    if len(data) > MAX_FILE_BYTES:
        raise UnreadableFile(name, f"is larger than {MAX_FILE_BYTES // 2**20} MB — not a plan")
    if data.startswith(_OLE_MAGIC):
        raise UnreadableFile(
            name,
            "is password-protected or an old Word 97–2003 .doc file — open it in Word or "
            "LibreOffice, remove the password and save it as .docx",
        )
    try:
        archive = zipfile.ZipFile(BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError):
        raise UnreadableFile(
            name, "is not a DOCX file (not a zip archive) — save it as .docx"
        ) from None
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_MEMBERS:
            raise UnreadableFile(name, f"has more than {MAX_MEMBERS} parts — not a Word document")
        members = {info.filename: info for info in infos}
        if "word/document.xml" not in members:
            raise UnreadableFile(name, "has no word/document.xml — it is not a Word document")
        body = _parse(_read_member(archive, members["word/document.xml"], name), name)
        styles = _styles(archive, members, name)
        document = Document(blocks=_blocks(_body(body), styles))
        document.alt_texts.extend(_alt_texts(body))
        for member in sorted(members):
            if re.fullmatch(r"word/(header|footer)\d*\.xml", member):
                part = _parse(_read_member(archive, members[member], name), name)
                document.margins.extend(_blocks(part, styles))
                document.alt_texts.extend(_alt_texts(part))
        if "docProps/core.xml" in members:
            core = _parse(_read_member(archive, members["docProps/core.xml"], name), name)
            title = core.findtext(_DC_TITLE)
            document.title = title.strip() if title and title.strip() else None
            for key, tag in _PROPERTIES.items():
                if value := (core.findtext(tag) or "").strip():
                    document.properties[key] = value
    return document


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> bytes:
    """A member's bytes, refusing encryption and anything that inflates beyond the caps."""
    if info.flag_bits & 0x1:
        raise UnreadableFile(name, "is encrypted — remove the password and save it again")
    too_big = f"{info.filename} unpacks to more than {MAX_PART_BYTES // 2**20} MB (a zip bomb?)"
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
            name, f"is damaged ({info.filename}: {error}) — save it again"
        ) from None
    except RuntimeError:  # zipfile's "password required"
        raise UnreadableFile(name, "is encrypted — remove the password and save it again") from None
    return b"".join(chunks)


def _parse(data: bytes, name: str) -> Any:
    """An XML part parsed without DTDs, entities, network or huge-tree allowances."""
    from lxml import etree

    head = data[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", "ignore").encode("utf-8")
    if _DTD.search(head):
        raise UnreadableFile(name, "contains an XML document type declaration (DTD) — refused")
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise UnreadableFile(name, f"has damaged XML ({error}) — save it again") from None
    if root.getroottree().docinfo.internalDTD is not None:
        raise UnreadableFile(name, "contains an XML document type declaration (DTD) — refused")
    return root


def _body(root: Any) -> Any:
    body = root.find(f"{W}body")
    return body if body is not None else root


def _styles(archive: zipfile.ZipFile, members: dict[str, zipfile.ZipInfo], name: str) -> Styles:
    """Style ids -> (heading level, is a list style), from word/styles.xml."""
    styles: Styles = {}
    if "word/styles.xml" not in members:
        return styles
    root = _parse(_read_member(archive, members["word/styles.xml"], name), name)
    for style in root.iter(f"{W}style"):
        style_id = style.get(f"{W}styleId") or ""
        style_name = (style.findtext(f"{W}name") or "").lower()
        name_el = style.find(f"{W}name")
        if name_el is not None:
            style_name = (name_el.get(f"{W}val") or "").lower()
        level = None
        if m := re.fullmatch(r"(heading|nagłówek) (\d)", style_name):
            level = int(m.group(2))
        elif (outline := style.find(f"{W}pPr/{W}outlineLvl")) is not None:
            level = int(outline.get(f"{W}val") or 9) + 1
        if style_name in ("title", "tytuł"):
            level = 0
        is_list = style_name.startswith(("list", "lista")) or (
            style.find(f"{W}pPr/{W}numPr") is not None
        )
        styles[style_id] = (level if level is not None and level < 10 else None, is_list)
    return styles


Styles = dict[str, tuple[int | None, bool]]


def _blocks(container: Any, styles: Styles) -> list[Block]:
    """Paragraphs and tables in document order; content controls are looked into."""
    blocks: list[Block] = []
    for child in container:
        tag = child.tag
        if tag == f"{W}p":
            blocks.append(_para(child, styles))
        elif tag == f"{W}tbl":
            blocks.append(_table(child, styles))
        elif tag in (f"{W}sdt", f"{W}customXml", f"{W}sdtContent"):
            inner = child.find(f"{W}sdtContent") if tag == f"{W}sdt" else child
            if inner is not None:
                blocks.extend(_blocks(inner, styles))
    return blocks


_CONTAINERS = {f"{W}{t}" for t in ("hyperlink", "ins", "smartTag", "fldSimple", "customXml")}
_CONTAINERS |= {f"{W}sdt", f"{W}sdtContent", f"{W}moveTo", f"{W}dir", f"{W}bdo"}


def _para(element: Any, styles: Styles) -> Para:
    ppr = element.find(f"{W}pPr")
    style = ""
    is_list = heading = None
    if ppr is not None:
        style_el = ppr.find(f"{W}pStyle")
        style = style_el.get(f"{W}val", "") if style_el is not None else ""
        num = ppr.find(f"{W}numPr/{W}numId")
        if num is not None:
            is_list = num.get(f"{W}val") != "0"
        outline = ppr.find(f"{W}outlineLvl")
        if outline is not None and (outline.get(f"{W}val") or "").isdigit():
            level = int(outline.get(f"{W}val")) + 1
            heading = level if level < 10 else None
    style_level, style_list = styles.get(style, (None, False))
    return Para(
        text="".join(_texts(element)),
        style=style,
        is_list=bool(is_list) if is_list is not None else style_list,
        heading=heading if heading is not None else style_level,
    )


def _texts(element: Any) -> list[str]:
    """The visible text of a paragraph: runs, also inside links, insertions and fields."""
    out: list[str] = []
    for child in element:
        tag = child.tag
        if tag == f"{W}r":
            out.extend(_run_text(child))
        elif tag in _CONTAINERS:
            out.extend(_texts(child))
    return out


def _run_text(run: Any) -> list[str]:
    out: list[str] = []
    for piece in run:
        tag = piece.tag
        if tag == f"{W}t":
            out.append(piece.text or "")
        elif tag == f"{W}tab":
            out.append("\t")
        elif tag in (f"{W}br", f"{W}cr"):
            # A page or column break is layout, not a line of text.
            if piece.get(f"{W}type") in (None, "textWrapping"):
                out.append("\n")
        elif tag == f"{W}noBreakHyphen":
            out.append("-")
    return out


def _table(element: Any, styles: Styles) -> Table:
    rows: list[Row] = []
    for tr in _children(element, "tr"):
        header = tr.find(f"{W}trPr/{W}tblHeader") is not None
        cells = [_cell(tc, styles) for tc in _children(tr, "tc")]
        rows.append(Row(cells, header))
    return Table(rows)


def _children(element: Any, name: str) -> list[Any]:
    """Direct ``w:name`` children, also those wrapped in content controls."""
    found: list[Any] = []
    for child in element:
        if child.tag == f"{W}{name}":
            found.append(child)
        elif child.tag in (f"{W}sdt", f"{W}customXml"):
            inner = child.find(f"{W}sdtContent") if child.tag == f"{W}sdt" else child
            if inner is not None:
                found.extend(_children(inner, name))
    return found


def _cell(tc: Any, styles: Styles) -> Cell:
    span, merge = 1, None
    tcpr = tc.find(f"{W}tcPr")
    if tcpr is not None:
        grid_span = tcpr.find(f"{W}gridSpan")
        if grid_span is not None and (grid_span.get(f"{W}val") or "").isdigit():
            span = max(1, min(int(grid_span.get(f"{W}val")), 64))
        vmerge = tcpr.find(f"{W}vMerge")
        if vmerge is not None:
            merge = "restart" if vmerge.get(f"{W}val") == "restart" else "continue"
    paragraphs: list[Para] = []
    for block in _blocks(tc, styles):
        if isinstance(block, Para):
            paragraphs.append(block)
        else:  # a table inside a cell: its text, row by row
            paragraphs.extend(p for row in block.rows for c in row.cells for p in c.paragraphs)
    return Cell(paragraphs, span, merge)


def _alt_texts(root: Any) -> list[str]:
    texts = []
    for doc_pr in root.iter(_DOCPR):
        text = (doc_pr.get("descr") or doc_pr.get("title") or "").strip()
        if text:
            texts.append(text)
    return texts
