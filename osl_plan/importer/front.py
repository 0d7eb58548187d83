"""Before the task table: title, year, unit and municipality, introduction, chapters."""

from __future__ import annotations

import re

from osl_plan.i18n import _
from osl_plan.importer.blocks import Block, Document, Para
from osl_plan.importer.chapters import LIST_ITEM, chapter_lines
from osl_plan.importer.state import State, warning_excerpt
from osl_plan.importer.tables import clean, is_bullet, unbullet
from osl_plan.model import DEFAULT_TITLE
from osl_plan.polish import fold

_YEAR_LINE = re.compile(r"^(?:na\s+)?(?:rok\s+)?((?:19|20|21)\d\d)(?:\s*(?:rok|r\.?|roku))?$")
_YEAR_IN_TITLE = re.compile(r"\s*(?:na\s+)?(?:rok\s+)?((?:19|20|21)\d\d)(?:\s*(?:rok|r\.?))?\s*$")
_UNITS = ("centrum uslug", "osrodek pomocy", "gminny osrodek", "miejski osrodek", "miejsko-gminny")
#: Keywords osl-plan writes into the files it renders; such files' properties can be trusted.
OWN_KEYWORDS = "plan organizowania społeczności lokalnej"


def read_front(document: Document, blocks: list[Block], state: State, name: str) -> None:
    """Title, year, unit lines, introduction and chapters from the blocks before the table."""
    paras = [b for b in blocks if isinstance(b, Para) and clean(b.text)]
    data = state.data
    title_index = _title_index(paras)
    rest = paras
    title = None
    if title_index is not None:
        title = clean(paras[title_index].text)
        for before in paras[:title_index]:
            _unit_line(clean(before.text), state)
        rest = paras[title_index + 1 :]
    if rest and (m := _YEAR_LINE.match(fold(clean(rest[0].text)))):
        data["rok"] = int(m.group(1))
        rest = rest[1:]
    elif title and (m := _YEAR_IN_TITLE.search(title)) and not _YEAR_LINE.match(fold(title)):
        # No year line of its own: "Plan … na rok 2024" carries it in the title.
        data["rok"] = int(m.group(1))
        title = title[: m.start()].strip()
    if title is not None:
        data["tytul"] = _title_case(title, document, state)
    if own := _own_properties(document):
        data.update(own)
    _body(rest, state)


def _title_index(paras: list[Para]) -> int | None:
    for index, para in enumerate(paras[:6]):
        if para.heading in (0, 1) or "plan" in fold(para.text):
            return index
    return 0 if paras and len(paras[0].text) < 200 else None


def _title_case(title: str, document: Document, state: State) -> str:
    """Titles are set in capitals; the document's own title property tells the real case."""
    if document.title:
        # osl-plan writes "<title> – <year> rok" into the property.
        for known in (document.title, re.sub(r"\s+–\s+\d{4} rok$", "", document.title)):
            if known.upper() == title.upper():
                return known
    if title.upper() == DEFAULT_TITLE.upper():
        return DEFAULT_TITLE
    if title.isupper():
        state.note(("tytul",), _("the title was in capitals; check the letter case"))
        return title[0] + title[1:].lower()
    return title


def _own_properties(document: Document) -> dict[str, str]:
    """Unit and municipality from the properties of a file osl-plan rendered (not printed)."""
    props = document.properties
    if props.get("keywords") != OWN_KEYWORDS:
        return {}  # elsewhere "creator" is whoever last saved the file, not the unit
    found = {}
    if subject := props.get("subject"):
        found["gmina"] = subject
    if (creator := props.get("creator")) and creator != subject:
        found["jednostka"] = creator
    return found


def _unit_line(text: str, state: State) -> None:
    folded = fold(text)
    if folded.startswith("zalacznik") and len(text) < 400:
        state.data.setdefault("zalacznik", text)
    elif folded.startswith("gmina ") and len(text) < 80:
        state.data.setdefault("gmina", text)
    elif folded.startswith(_UNITS) and len(text) < 200:
        state.data.setdefault("jednostka", text)
    else:
        state.warnings.append(
            _("text above the title not imported: „{text}”").format(text=warning_excerpt(text))
        )
        state.note(("tytul",), _("above the title, not imported: {text}").format(text=text))


def _body(paras: list[Para], state: State) -> None:
    """Paragraphs up to the first heading are the introduction; each heading starts a chapter."""
    intro: list[str] = []
    sections: list[tuple[str, list[Para]]] = []
    for para in paras:
        text = clean(para.text)
        if para.heading is not None and para.heading >= 1 and len(text) < 300:
            sections.append((text, []))
        elif sections:
            sections[-1][1].append(para)
        else:  # the introduction is plain text
            intro.append(f"- {unbullet(text)}" if para.is_list or is_bullet(text) else text)
    if intro:
        state.data["wstep"] = _join(intro)
    if sections:
        state.data["sekcje"] = [
            {"tytul": title, "tresc": _join(chapter_lines(body))} for title, body in sections
        ]


def _join(lines: list[str]) -> str:
    """Paragraphs with a blank line between; list items of one list on consecutive lines."""
    out = ""
    for index, line in enumerate(lines):
        if index:
            out += "\n" if _same_list(lines[index - 1], line) else "\n\n"
        out += line
    return out


def _same_list(previous: str, line: str) -> bool:
    """Whether ``line`` is the next item of the list ``previous`` belongs to."""
    before, now = LIST_ITEM.match(previous), LIST_ITEM.match(line)
    if not (before and now):
        return False
    if before.group(1) == "- " or now.group(1) == "- ":
        return before.group(1) == now.group(1)
    # A numbered list that starts again at its own number is a new list.
    return int(now.group(1)[:-2]) == int(before.group(1)[:-2]) + 1
