"""What a ``--reference-doc`` may bring into a rendered DOCX: its look, nothing else.

A reference document comes from anywhere (another office, a web page). Of it a rendered plan keeps
styles, numbering, theme, fonts, settings, page setup, headers and footers with their own images.
Everything else is dropped: macros (``vbaProject.bin``), embedded objects, custom XML, comments,
and every external or linked relationship (an attached template on a web server, a footer image
linked from ``http://`` or ``file:///``, hyperlinks), as are field codes that fetch content
(INCLUDEPICTURE, INCLUDETEXT, LINK, DDE). So neither Word nor LibreOffice converting the result to
PDF reads a macro, a remote file or a local file the plan does not show.
"""

from __future__ import annotations

import posixpath
import re
from collections import deque
from typing import Any

from osl_plan.ooxml import CONTENT_TYPES, MAIN_DOCUMENT_TYPE, R, W

#: Relationship types kept (the last part of the type URI); anything else is dropped.
KEPT_RELATIONSHIPS = frozenset(
    {
        "officeDocument",
        *(f"{kind}-properties" for kind in ("core", "extended", "custom")),
        "styles",
        "stylesWithEffects",
        "numbering",
        "theme",
        "fontTable",
        "font",
        "settings",
        "webSettings",
        "header",
        "footer",
        "image",
        "footnotes",
        "endnotes",
    }
)
#: Elements of settings.xml that point outside the document.
_SETTINGS_DROPPED = (f"{W}attachedTemplate", f"{W}mailMerge")
#: Field instructions that fetch content from elsewhere when a document is opened or updated.
_FETCHING_FIELD = re.compile(r"^\s*(INCLUDEPICTURE|INCLUDETEXT|LINK|DDE|DDEAUTO|IMPORT)\b", re.I)
#: An attribute value that is an address outside the document (VML's o:href, src).
_ADDRESS = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:|\\\\)", re.I)


def _parser() -> Any:
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def sanitize_parts(parts: dict[str, bytes]) -> None:
    """Keep only the parts reachable through kept, internal relationships; clean what stays."""
    from lxml import etree

    reachable = {"[Content_Types].xml"}
    queue: deque[str] = deque([""])  # "" is the package itself
    while queue:
        source = queue.popleft()
        rels_name = _rels_name(source)
        if rels_name not in parts:
            continue
        reachable.add(rels_name)
        rels = etree.fromstring(parts[rels_name], _parser())
        dropped: set[str] = set()
        for rel in list(rels):
            kind = rel.get("Type", "").rsplit("/", 1)[-1]
            external = rel.get("TargetMode", "").lower() == "external"
            if external or kind not in KEPT_RELATIONSHIPS:
                dropped.add(rel.get("Id", ""))
                rels.remove(rel)
                continue
            target = _resolve(source, rel.get("Target", ""))
            if target in parts and target not in reachable:
                reachable.add(target)
                queue.append(target)
        if dropped:
            parts[rels_name] = etree.tostring(rels, xml_declaration=True, encoding="UTF-8")
        if source and source.endswith(".xml"):
            parts[source] = _clean_xml(parts[source], dropped)
    for name in list(parts):
        if name not in reachable:
            del parts[name]
    _main_type(parts)


def _rels_name(source: str) -> str:
    folder, name = posixpath.split(source)
    return posixpath.join(folder, "_rels", f"{name}.rels")


def _resolve(source: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target)).lstrip("/")


def _clean_xml(data: bytes, dropped: set[str]) -> bytes:
    """Remove references to dropped relationships, links to elsewhere and fetching fields."""
    from lxml import etree

    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError:
        return data  # not XML after all (python-docx wrote it back as it read it)
    changed = False
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue
        if element.tag in _SETTINGS_DROPPED and element.getparent() is not None:
            element.getparent().remove(element)
            changed = True
            continue
        for attribute, value in list(element.attrib.items()):
            linked = attribute.startswith(R) and value in dropped
            if linked or (not attribute.startswith(R) and _is_address(attribute, value)):
                del element.attrib[attribute]
                changed = True
        if element.tag == f"{W}instrText" and _FETCHING_FIELD.match(element.text or ""):
            element.text = ""
            changed = True
        instruction = element.get(f"{W}instr")
        if instruction is not None and _FETCHING_FIELD.match(instruction):
            element.set(f"{W}instr", "")
            changed = True
    if not changed:
        return data
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def _is_address(attribute: str, value: str) -> bool:
    """``o:href="http://…"``, ``src="file:///…"``: an address; ``w:val="x:y"`` is not."""
    local = attribute.rsplit("}", 1)[-1]
    return local in ("href", "src", "link") and bool(_ADDRESS.match(value))


def _main_type(parts: dict[str, bytes]) -> None:
    """A macro-enabled or template main part becomes a plain document's."""
    from lxml import etree

    types = etree.fromstring(parts["[Content_Types].xml"], _parser())
    for override in types.iter(f"{CONTENT_TYPES}Override"):
        if override.get("PartName") == "/word/document.xml":
            override.set("ContentType", MAIN_DOCUMENT_TYPE)
    parts["[Content_Types].xml"] = etree.tostring(
        types, xml_declaration=True, encoding="UTF-8", standalone=True
    )
