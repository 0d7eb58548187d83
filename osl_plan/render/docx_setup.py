"""The document around the body: base file, page setup, styles, language, list definitions.

The base is python-docx's own template, or the user's ``--reference-doc`` with its body cleared (as
pandoc does): then its styles, fonts, page setup, headers and footers are kept, and only the styles
the plan needs but the file lacks are added.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from osl_plan.errors import UnreadableFile, shown_path
from osl_plan.i18n import _
from osl_plan.ooxml import W_NS, W
from osl_plan.output import remember_input

if TYPE_CHECKING:
    from docx.document import Document as DocumentObject

LANGUAGE = "pl-PL"
FONT = "Arial"  # sans serif reads best on screen; LibreOffice substitutes Liberation Sans

# A4 portrait in twips; margins 2.5 cm left (binding), 2 cm elsewhere.
A4 = (11906, 16838)
MARGINS = {"top": 1134, "bottom": 1134, "left": 1418, "right": 1134, "header": 567, "footer": 454}

#: Styles the plan adds when the base lacks them: name -> (style id, based on).
CUSTOM_STYLES = {
    "Tekst tabeli": ("TekstTabeli", "Normal"),
    "Nagłówek tabeli": ("NaglowekTabeli", "Tekst tabeli"),
    "Pasek znaków": ("PasekZnakow", "Normal"),
}


@dataclass(frozen=True, slots=True)
class StyleIds:
    """The style ids the body refers to (a reference document may name them differently)."""

    title: str
    year: str
    heading: str
    #: A heading under :attr:`heading` (the report's tasks in its list of events).
    subheading: str
    table_text: str
    table_heading: str
    bullet: str
    numbered: str
    strip: str
    #: The numbering instance of the bullet list.
    bullet_num: int


def open_base(reference: Path | None) -> DocumentObject:
    """The default template, or the reference document with an empty body. Raises UnreadableFile."""
    import docx

    if reference is None:
        return docx.Document()
    if not reference.is_file():
        raise UnreadableFile(
            reference, _("no such file — give an existing .docx as --reference-doc")
        )
    remember_input(reference)
    from osl_plan.docx_zip import MAX_FILE_BYTES
    from osl_plan.load import read_file

    data = read_file(reference, limit=MAX_FILE_BYTES, kind=_("a Word file"))
    return reference_base(data, reference)


def reference_base(data: bytes, reference: Path | str) -> DocumentObject:
    """The reference document in ``data`` with an empty body, checked as ``--reference-doc`` is
    (size, zip, parts, look); ``reference`` names it in messages. Raises UnreadableFile."""
    import docx

    from osl_plan.docx_zip import read_all
    from osl_plan.render.docx_reference import rebuild_reference

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise UnreadableFile(
            reference,
            _("is not a Word document (.docx) — save it from Word or LibreOffice as .docx"),
        )
    # Unpacked within the limits, then rebuilt from what a reference may give: python-docx
    # never sees the file itself.
    rebuilt = rebuild_reference(read_all(data, shown_path(reference)), shown_path(reference))
    try:
        document = docx.Document(io.BytesIO(rebuilt))
    except (zipfile.BadZipFile, KeyError, ValueError):
        raise UnreadableFile(
            reference,
            _("is not a Word document (.docx) — save it from Word or LibreOffice as .docx"),
        ) from None
    except Exception:  # python-docx raises assorted errors (in English) on damaged packages
        raise UnreadableFile(
            reference, _("is a damaged .docx — open it in Word or LibreOffice and save it again")
        ) from None
    body = document.element.body
    if document.element.nsmap.get("w") != W_NS:
        raise UnreadableFile(reference, _("uses an unusual XML prefix; re-save it from Word"))
    for child in list(body):
        if child.tag != f"{W}sectPr":
            body.remove(child)
    _ensure_numbering(document)
    _drop_misnamed_core_properties(document)
    return document


def _drop_misnamed_core_properties(document: DocumentObject) -> None:
    """LibreOffice relates its core properties with an old type (``…/officedocument/…``) that
    python-docx does not know: it would add a second ``docProps/core.xml``. Ours replace them."""
    from docx.opc.constants import RELATIONSHIP_TYPE

    rels = document.part.package.rels
    for rel_id, rel in list(rels.items()):
        core = rel.reltype.endswith("/metadata/core-properties")
        if core and rel.reltype != RELATIONSHIP_TYPE.CORE_PROPERTIES:
            del rels[rel_id]


def _ensure_numbering(document: DocumentObject) -> None:
    """A numbering part for a document without one (LibreOffice saves none for a document
    without lists; python-docx cannot make one)."""
    from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
    from docx.parts.numbering import NumberingPart

    try:
        document.part.numbering_part  # noqa: B018 - raises when the part is missing
    except NotImplementedError:
        package = document.part.package
        name = package.next_partname("/word/numbering%d.xml")
        blob = f'<w:numbering xmlns:w="{W_NS}"/>'.encode()
        part = NumberingPart.load(name, CONTENT_TYPE.WML_NUMBERING, blob, package)
        document.part.relate_to(part, RELATIONSHIP_TYPE.NUMBERING)


def set_page(document: DocumentObject, *, only_missing: bool = False) -> None:
    """A4 portrait with the margins of an official letter; ``only_missing`` keeps what is set."""
    from docx.shared import Twips

    section = document.sections[-1]
    values = {
        "page_width": A4[0],
        "page_height": A4[1],
        "top_margin": MARGINS["top"],
        "bottom_margin": MARGINS["bottom"],
        "left_margin": MARGINS["left"],
        "right_margin": MARGINS["right"],
        "header_distance": MARGINS["header"],
        "footer_distance": MARGINS["footer"],
    }
    for name, twips in values.items():
        if not only_missing or getattr(section, name) is None:
            setattr(section, name, Twips(twips))


def text_width(document: DocumentObject) -> int:
    """The width between the margins in twips (of the last section, which the body ends in)."""
    section = document.sections[-1]
    width = (section.page_width or 0) - (section.left_margin or 0) - (section.right_margin or 0)
    twips = int(width / 635)  # EMU per twip
    return twips if twips > 1440 else A4[0] - MARGINS["left"] - MARGINS["right"]


def _child(parent: Any, tag: str, *, first: bool = False) -> Any:
    from lxml import etree

    found = parent.find(f"{W}{tag}")
    if found is None:
        found = etree.Element(f"{W}{tag}")
        if first:
            parent.insert(0, found)
        else:
            parent.append(found)
    return found


def set_language(document: DocumentObject) -> None:
    """Polish as the proofing language in the document defaults and every style that sets one."""
    styles = document.styles.element
    defaults = _child(styles, "docDefaults", first=True)
    rpr_default = _child(defaults, "rPrDefault", first=True)
    rpr = _child(rpr_default, "rPr")
    _child(rpr, "lang").set(f"{W}val", LANGUAGE)
    for lang in styles.iter(f"{W}lang"):
        lang.set(f"{W}val", LANGUAGE)
    theme = document.settings.element.find(f"{W}themeFontLang")
    if theme is not None:
        theme.set(f"{W}val", LANGUAGE)


_BULLETS = "osl-plan bullets"
_NUMBERS = "osl-plan numbers"


def _abstract(numbering: Any, name: str, fmt: str, text: str) -> int:
    """The id of our list definition ``name``, added on first use."""
    from lxml import etree

    for abstract in numbering.iter(f"{W}abstractNum"):
        label = abstract.find(f"{W}name")
        if label is not None and label.get(f"{W}val") == name:
            return int(abstract.get(f"{W}abstractNumId"))
    ids = [int(a.get(f"{W}abstractNumId")) for a in numbering.iter(f"{W}abstractNum")]
    abstract_id = max(ids, default=-1) + 1
    abstract = etree.fromstring(
        f'<w:abstractNum xmlns:w="{W_NS}" w:abstractNumId="{abstract_id}">'
        f'<w:multiLevelType w:val="singleLevel"/><w:name w:val="{name}"/>'
        f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
        '<w:pPr><w:ind w:left="284" w:hanging="284"/></w:pPr></w:lvl></w:abstractNum>'
    )
    # Schema order: every abstractNum before the first num.
    first_num = numbering.find(f"{W}num")
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    return abstract_id


def _num(numbering: Any, abstract_id: int, override: str = "") -> int:
    from lxml import etree

    ids = [int(n.get(f"{W}numId")) for n in numbering.iter(f"{W}num")]
    num_id = max(ids, default=0) + 1
    numbering.append(
        etree.fromstring(
            f'<w:num xmlns:w="{W_NS}" w:numId="{num_id}">'
            f'<w:abstractNumId w:val="{abstract_id}"/>{override}</w:num>'
        )
    )
    return num_id


def add_bullets(document: DocumentObject) -> int:
    """A bullet list definition of its own; returns its ``numId``."""
    numbering = document.part.numbering_part.element
    return _num(numbering, _abstract(numbering, _BULLETS, "bullet", "•"))


def add_number_definition(document: DocumentObject) -> int:
    """The numbered list definition (each list gets its own ``w:num``); returns its id."""
    return _abstract(document.part.numbering_part.element, _NUMBERS, "decimal", "%1.")


def _style(document: DocumentObject, name: str, base: str | None, *, restyle: bool) -> Any:
    """The paragraph style ``name``, added when missing; ``restyle``: it is ours to format."""
    from docx.enum.style import WD_STYLE_TYPE

    styles = document.styles
    try:
        return styles[name], restyle
    except KeyError:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style_id = CUSTOM_STYLES.get(name, (None,))[0]
        if style_id:
            style.element.set(f"{W}styleId", style_id)
        if base:
            style.base_style = styles[base]
        style.quick_style = True
        return style, True


def _format(
    style: Any,
    *,
    own: bool,
    size: float | None = None,
    bold: bool | None = None,
    after: int | None = None,
    before: int | None = None,
    center: bool = False,
    single: bool = False,
) -> None:
    """Format a style; a style added to a reference document keeps the fonts it inherits."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt, RGBColor, Twips

    font = style.font
    if own:
        font.name = FONT
        # A theme font on the same element would win over the explicit one.
        rfonts = style.element.rPr.find(f"{W}rFonts")
        for key in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
            rfonts.attrib.pop(f"{W}{key}", None)
        rfonts.set(f"{W}cs", FONT)
        font.color.rgb = RGBColor(0, 0, 0)
        font.italic = False
    if size is not None:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    paragraph = style.paragraph_format
    if after is not None:
        paragraph.space_after = Twips(after)
    if before is not None:
        paragraph.space_before = Twips(before)
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if single:
        paragraph.line_spacing = 1.0


def _outline(style: Any, level: int) -> None:
    # An outline level makes the style a heading for navigation panes and PDF tags.
    # python-docx's get_or_add_* keep the schema's element order, which Word insists on.
    style.paragraph_format.keep_with_next = True
    style.element.get_or_add_pPr().get_or_add_outlineLvl().set(f"{W}val", str(level))


#: The styles a plan uses: name, the style it is based on, its outline level (a heading's) and
#: its look when osl-plan formats it (python-docx's template, or a style a reference lacks).
_STYLES: tuple[tuple[str, str, int | None, dict[str, Any]], ...] = (
    (
        "Heading 1",
        "Normal",
        0,
        {"size": 14, "bold": True, "before": 0, "after": 120, "center": True},
    ),
    (
        "Subtitle",
        "Normal",
        None,
        {"size": 12, "bold": True, "before": 0, "after": 360, "center": True},
    ),
    ("Heading 2", "Normal", 1, {"size": 12, "bold": True, "before": 240, "after": 120}),
    ("Heading 3", "Normal", 2, {"size": 11, "bold": True, "before": 160, "after": 60}),
    ("List Bullet", "Normal", None, {"after": 0, "single": True}),
    ("List Number", "Normal", None, {"after": 0, "single": True}),
    ("Tekst tabeli", "Normal", None, {"after": 0, "before": 0, "single": True}),
    ("Nagłówek tabeli", "Tekst tabeli", None, {"bold": True, "center": True}),
    (
        "Pasek znaków",
        "Normal",
        None,
        {"size": 8, "after": 0, "before": 0, "center": True, "single": True},
    ),
)


def set_styles(document: DocumentObject, *, bullet_num: int, own: bool) -> StyleIds:
    """Find or add every style the plan uses; format them only when ``own`` (no reference)."""
    if own:
        normal = document.styles["Normal"]
        _format(normal, own=True, size=11, after=120)
        normal.paragraph_format.line_spacing = 1.15
    found = {}
    for name, base, level, _look in _STYLES:
        style, ours = _style(document, name, base, restyle=own)
        if level is not None:
            _outline(style, level)
        found[name] = (style, ours)
    for name, _base, _level, look in _STYLES:
        style, ours = found[name]
        if ours:
            _format(style, own=own, **look)
    bullet, ours = found["List Bullet"]
    if ours:
        ppr = bullet.element.get_or_add_pPr()
        num_pr = ppr.get_or_add_numPr()
        num_pr.clear()
        num_pr.get_or_add_numId().val = bullet_num
    return _style_ids({name: style.style_id for name, (style, _) in found.items()}, bullet_num)


def _style_ids(ids: dict[str, str], bullet_num: int) -> StyleIds:
    """The styles' ids by what they are for, escaped once here: the body writes them into
    attributes many thousand times."""
    from osl_plan.render.docx_xml import escape

    return StyleIds(
        title=escape(ids["Heading 1"]),
        year=escape(ids["Subtitle"]),
        heading=escape(ids["Heading 2"]),
        subheading=escape(ids["Heading 3"]),
        table_text=escape(ids["Tekst tabeli"]),
        table_heading=escape(ids["Nagłówek tabeli"]),
        bullet=escape(ids["List Bullet"]),
        numbered=escape(ids["List Number"]),
        strip=escape(ids["Pasek znaków"]),
        bullet_num=bullet_num,
    )
