"""A reference document rebuilt from what it may contribute, never a filtered copy of it.

Of a ``--reference-doc`` a plan takes its look: styles, numbering, theme, fonts, a short list of
settings, the page setup of its last section, and the text of its headers and footers with their
pictures. Each is read and written anew into a package of our own: headers and footers keep
only paragraphs, runs, text, tabs, breaks and tables; pictures only when the image check every
command uses accepts them (:func:`osl_plan.image.check_image`); fields only when they number
pages or print a date (PAGE, NUMPAGES, …), whatever runs their code is split over. Everything
else — macros, embedded objects, VML, linked or external relationships, fields that fetch
content or run commands, unknown parts — is never carried over, because nothing is copied
except what is listed here.
"""

from __future__ import annotations

import posixpath
from typing import Any

from osl_plan.errors import UnreadableFile
from osl_plan.i18n import _
from osl_plan.ooxml import (
    CONTENT_TYPE,
    CONTENT_TYPES_NS,
    PACKAGE_RELS,
    PACKAGE_RELS_NS,
    R_NS,
    REL_TYPE,
    W_NS,
    WP,
    A,
    R,
    W,
)

#: Fields that number pages or print a date: nothing they do reaches outside the document.
SAFE_FIELDS = frozenset(
    {"PAGE", "NUMPAGES", "SECTIONPAGES", "SECTION", "DATE", "TIME", "PRINTDATE", "SAVEDATE"}
)
#: The parts taken whole (cleaned): relationship type -> (new name, content type).
_LOOK = {
    "styles": ("word/styles.xml", f"{CONTENT_TYPE}wordprocessingml.styles+xml"),
    "numbering": ("word/numbering.xml", f"{CONTENT_TYPE}wordprocessingml.numbering+xml"),
    "theme": ("word/theme/theme1.xml", f"{CONTENT_TYPE}theme+xml"),
    "fontTable": ("word/fontTable.xml", f"{CONTENT_TYPE}wordprocessingml.fontTable+xml"),
}
_SETTINGS = frozenset(
    f"{W}{tag}"
    for tag in (
        "defaultTabStop", "autoHyphenation", "consecutiveHyphenLimit", "hyphenationZone",
        "doNotHyphenateCaps", "evenAndOddHeaders", "mirrorMargins", "gutterAtTop",
        "characterSpacingControl", "compat", "themeFontLang", "clrSchemeMapping",
        "decimalSymbol", "listSeparator",
    )
)  # fmt: skip
_SECTION = frozenset(
    f"{W}{tag}"
    for tag in ("pgSz", "pgMar", "cols", "docGrid", "titlePg", "pgNumType", "vAlign", "bidi")
)
#: Header and footer content kept with its properties; containers unwrapped; the rest dropped.
_KEPT = frozenset(
    f"{W}{tag}"
    for tag in ("p", "r", "t", "tab", "br", "cr", "noBreakHyphen", "softHyphen", "ptab", "tbl",
                "tblGrid", "gridCol", "tr", "tc", "fldChar", "instrText", "fldSimple", "drawing")
)  # fmt: skip
_PROPERTIES = frozenset(f"{W}{tag}" for tag in ("pPr", "rPr", "tblPr", "trPr", "tcPr"))
_UNWRAPPED = frozenset(
    f"{W}{tag}" for tag in ("hyperlink", "smartTag", "sdt", "sdtContent", "ins", "customXml")
)
#: The elements of a look part below its root that refer to another part or carry a link: found
#: by lxml, not by walking the thousands of elements of a style sheet in Python.
_POINTING = "/*//*[@r:* or self::w:numPicBullet or self::w:lvlPicBulletId]"
_EMU_LIMIT = 20_000_000  # a picture's side in EMU: larger than any page


def _parser() -> Any:
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)


def _xml(data: bytes, name: str) -> Any:
    from lxml import etree

    try:
        return etree.fromstring(data, _parser())
    except etree.XMLSyntaxError:
        raise UnreadableFile(
            name, _("is a damaged .docx — open it in Word or LibreOffice and save it again")
        ) from None


def _bytes(root: Any) -> bytes:
    from lxml import etree

    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


class _Source:
    """The reference document's parts, and its relationships read from them."""

    def __init__(self, parts: dict[str, bytes], name: str) -> None:
        self.parts, self.name = parts, name

    def relations(self, source: str) -> list[tuple[str, str, str]]:
        """(id, type's last word, part name) of ``source``'s internal relationships."""
        folder, base = posixpath.split(source)
        rels = self.parts.get(posixpath.join(folder, "_rels", f"{base}.rels"))
        if rels is None:
            return []
        found = []
        for rel in _xml(rels, self.name).iter(f"{PACKAGE_RELS}Relationship"):
            if rel.get("TargetMode", "").lower() == "external":
                continue
            target = rel.get("Target", "")
            path = (
                target.lstrip("/")
                if target.startswith("/")
                else posixpath.normpath(posixpath.join(folder, target)).lstrip("/")
            )
            if path in self.parts:
                found.append((rel.get("Id", ""), rel.get("Type", "").rsplit("/", 1)[-1], path))
        return found


class _Package:
    """The package being built: parts, content types and the main part's relationships."""

    def __init__(self) -> None:
        self.parts: dict[str, bytes] = {}
        self.types: dict[str, str] = {}
        self.rels: list[tuple[str, str, str]] = []  # id, type, target (relative to word/)
        self.images = 0

    def add(self, name: str, data: bytes, content_type: str, kind: str | None = None) -> str:
        self.parts[name] = data
        self.types[name] = content_type
        if kind is None:
            return ""
        rel_id = f"rIdRef{len(self.rels) + 1}"
        self.rels.append((rel_id, kind, posixpath.relpath(name, "word")))
        return rel_id


def rebuild_reference(parts: dict[str, bytes], name: str) -> bytes:
    """A new DOCX holding only what the reference document may contribute. Raises
    UnreadableFile."""
    source = _Source(parts, name)
    main = next((p for _, kind, p in source.relations("") if kind == "officeDocument"), None)
    main = main or "word/document.xml"
    if main not in parts:
        raise UnreadableFile(
            name, _("is not a Word document (.docx) — save it from Word or LibreOffice as .docx")
        )
    package = _Package()
    margins: dict[str, str] = {}
    for rel_id, kind, path in source.relations(main):
        if kind in _LOOK:
            new_name, content_type = _LOOK[kind]
            if new_name not in package.parts:
                package.add(new_name, _clean_look(parts[path], name), content_type, kind)
        elif kind == "settings" and "word/settings.xml" not in package.parts:
            content_type = f"{CONTENT_TYPE}wordprocessingml.settings+xml"
            package.add("word/settings.xml", _settings(parts[path], name), content_type, kind)
        elif kind in ("header", "footer"):
            margins[rel_id] = _margin(source, package, path, kind)
    document = _document(_xml(parts[main], name), margins)
    package.add("word/document.xml", document, f"{CONTENT_TYPE}wordprocessingml.document.main+xml")
    return _zip(package)


def _clean_look(data: bytes, name: str) -> bytes:
    """Styles, numbering, theme or fonts without anything pointing elsewhere: elements that
    refer to another part (embedded fonts, picture bullets) go, links lose their target."""
    root = _xml(data, name)
    for element in root.xpath(_POINTING, namespaces={"r": R_NS, "w": W_NS}):
        if element.get(f"{R}id") is not None or element.tag in (
            f"{W}numPicBullet",
            f"{W}lvlPicBulletId",
        ):
            element.getparent().remove(element)
            continue
        for attribute in [a for a in element.attrib if a.startswith(R)]:
            del element.attrib[attribute]
    return _bytes(root)


def _settings(data: bytes, name: str) -> bytes:
    from lxml import etree

    old = _xml(data, name)
    root = etree.Element(f"{W}settings", nsmap={"w": W_NS})
    for child in list(old):
        if child.tag in _SETTINGS:
            root.append(child)
    return _bytes(root)


def _document(old: Any, margins: dict[str, str]) -> bytes:
    """An empty body ending with the reference's last section setup, its headers and footers
    pointing at our rebuilt ones."""
    from lxml import etree

    root = etree.Element(f"{W}document", nsmap={"w": W_NS, "r": R_NS})
    body = etree.SubElement(root, f"{W}body")
    old_body = old.find(f"{W}body")
    old_section = old_body.find(f"{W}sectPr") if old_body is not None else None
    section = etree.SubElement(body, f"{W}sectPr")
    for child in old_section if old_section is not None else ():
        reference = child.tag in (f"{W}headerReference", f"{W}footerReference")
        if reference and margins.get(child.get(f"{R}id", "")):
            ref = etree.SubElement(section, child.tag)
            ref.set(f"{W}type", child.get(f"{W}type", "default"))
            ref.set(f"{R}id", margins[child.get(f"{R}id", "")])
    for child in list(old_section) if old_section is not None else ():
        if child.tag in _SECTION:
            section.append(child)
    return _bytes(root)


def _margin(source: _Source, package: _Package, path: str, kind: str) -> str:
    """A header or footer rebuilt: its text, tables, safe fields and checked pictures."""
    from lxml import etree

    old = _xml(source.parts[path], source.name)
    images = {rel_id: p for rel_id, k, p in source.relations(path) if k == "image"}
    tag = "hdr" if kind == "header" else "ftr"
    root = etree.Element(f"{W}{tag}", nsmap={"w": W_NS, "r": R_NS})
    own_rels: list[tuple[str, str]] = []
    for child in list(old):
        for kept in _content(child, source, package, images, own_rels):
            root.append(kept)
    _drop_unsafe_fields(root)
    count = sum(1 for name in package.parts if name.startswith(f"word/{kind}"))
    new_name = f"word/{kind}{count + 1}.xml"
    if own_rels:
        package.parts[f"word/_rels/{kind}{count + 1}.xml.rels"] = _rels(own_rels)
    return package.add(new_name, _bytes(root), f"{CONTENT_TYPE}wordprocessingml.{kind}+xml", kind)


def _content(
    element: Any,
    source: _Source,
    package: _Package,
    images: dict[str, str],
    own_rels: list[tuple[str, str]],
) -> list[Any]:
    """``element`` as the allow-list keeps it: itself (with kept children), its children
    (a container), or nothing."""
    if not isinstance(element.tag, str):
        return []
    if element.tag in _PROPERTIES:
        _strip_links(element)
        return [element]
    if element.tag in _UNWRAPPED:
        return [k for c in list(element) for k in _content(c, source, package, images, own_rels)]
    if element.tag == f"{W}drawing":
        picture = _picture(element, source, package, images, own_rels)
        return [] if picture is None else [picture]
    if element.tag not in _KEPT:
        return []
    children = list(element)
    for child in children:
        element.remove(child)
    for attribute in [a for a in element.attrib if not a.startswith(W)]:
        del element.attrib[attribute]
    for child in children:
        for kept in _content(child, source, package, images, own_rels):
            element.append(kept)
    return [element]


_NOT_PROPERTIES = frozenset(f"{W}{tag}" for tag in ("sectPr", "pPrChange", "rPrChange"))


def _strip_links(element: Any) -> None:
    """Properties without links, section breaks or tracked changes inside them."""
    for node in list(element.iter()):
        if not isinstance(node.tag, str):
            continue
        if node.tag in _NOT_PROPERTIES and node.getparent() is not None:
            node.getparent().remove(node)
            continue
        for attribute in [a for a in node.attrib if a.startswith(R)]:
            del node.attrib[attribute]


def _picture(
    drawing: Any,
    source: _Source,
    package: _Package,
    images: dict[str, str],
    own_rels: list[tuple[str, str]],
) -> Any | None:
    """A fresh inline picture for an embedded image that passes the image check, or None."""
    from lxml import etree

    from osl_plan.image import ImageProblem, check_image

    blip = next(drawing.iter(f"{A}blip"), None)
    extent = next(drawing.iter(f"{WP}extent"), None)
    path = images.get(blip.get(f"{R}embed", "")) if blip is not None else None
    if path is None or extent is None:
        return None
    try:
        image = check_image(source.parts[path], path)
        cx, cy = int(extent.get("cx", "0")), int(extent.get("cy", "0"))
    except (ImageProblem, ValueError):
        return None
    if not (0 < cx <= _EMU_LIMIT and 0 < cy <= _EMU_LIMIT):
        return None
    package.images += 1
    extension = "png" if image.mime == "image/png" else "jpeg"
    media = f"word/media/reference{package.images}.{extension}"
    package.add(media, image.data, image.mime)
    rel_id = f"rIdImg{len(own_rels) + 1}"
    own_rels.append((rel_id, posixpath.relpath(media, "word")))
    from docx.oxml.shape import CT_Inline
    from docx.shared import Emu

    name = f"logo.{extension}"
    inline = CT_Inline.new_pic_inline(package.images, rel_id, name, Emu(cx), Emu(cy))
    new = etree.Element(f"{W}drawing")
    new.append(etree.fromstring(etree.tostring(inline)))
    return new


def _drop_unsafe_fields(root: Any) -> None:
    """Keep a field's code only when its instruction — joined over every run it is split
    into — names a safe field; otherwise its code goes and its last result stays as text."""
    stack: list[tuple[list[Any], list[str]]] = []
    for node in list(root.iter(f"{W}fldChar", f"{W}instrText", f"{W}fldSimple")):
        if node.tag == f"{W}fldSimple":
            _simple_field(node)
            continue
        kind = node.get(f"{W}fldCharType")
        if kind == "begin":
            stack.append(([node], []))
        elif stack and node.tag == f"{W}instrText":
            stack[-1][0].append(node)
            stack[-1][1].append(node.text or "")
        elif stack and kind == "separate":
            stack[-1][0].append(node)
        elif stack and kind == "end":
            codes, instruction = stack.pop()
            codes.append(node)
            if not _safe("".join(instruction)):
                for code in codes:
                    code.getparent().remove(code)
        else:  # a field end or code without its beginning
            node.getparent().remove(node)
    for codes, _instruction in stack:  # fields never ended
        for code in codes:
            code.getparent().remove(code)


def _simple_field(node: Any) -> None:
    """A w:fldSimple that is not safe gives way to its result."""
    if _safe(node.get(f"{W}instr", "")):
        return
    parent = node.getparent()
    at = parent.index(node)
    for child in reversed(list(node)):
        parent.insert(at, child)
    parent.remove(node)


def _safe(instruction: str) -> bool:
    words = instruction.split()
    return bool(words) and words[0].upper() in SAFE_FIELDS


def _rels(relations: list[tuple[str, str]]) -> bytes:
    items = "".join(
        f'<Relationship Id="{rel_id}" Type="{REL_TYPE}image" Target="{target}"/>'
        for rel_id, target in relations
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<Relationships xmlns="{PACKAGE_RELS_NS}">'
        f"{items}</Relationships>"
    ).encode()


def _zip(package: _Package) -> bytes:
    from osl_plan.render.docx_archive import package_bytes

    overrides = "".join(
        f'<Override PartName="/{name}" ContentType="{kind}"/>'
        for name, kind in package.types.items()
        if not name.startswith("word/media/")
    )
    types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<Types xmlns="{CONTENT_TYPES_NS}">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        '<Default Extension="png" ContentType="image/png"/>'
        f'<Default Extension="jpeg" ContentType="image/jpeg"/>{overrides}</Types>'
    )
    main_rels = "".join(
        f'<Relationship Id="{rel_id}" Type="{REL_TYPE}{kind}" Target="{target}"/>'
        for rel_id, kind, target in package.rels
    )
    head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    head += f'<Relationships xmlns="{PACKAGE_RELS_NS}">'
    rels = (
        f'{head}<Relationship Id="rId1" Type="{REL_TYPE}officeDocument" '
        'Target="word/document.xml"/></Relationships>'
    )
    return package_bytes({
        "[Content_Types].xml": types.encode(),
        "_rels/.rels": rels.encode(),
        "word/_rels/document.xml.rels": f"{head}{main_rels}</Relationships>".encode(),
        **package.parts,
    })  # fmt: skip
