"""From the blocks of a document to a Plan: title, year, introduction, chapters, tasks, signatures.

Everything guessed becomes a note (a comment in the YAML); everything that cannot be placed
becomes a warning, so no text is dropped silently.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from osl_plan.errors import DocxImportError
from osl_plan.funding import PRESETS
from osl_plan.importer.docx_reader import Block, Document, Para, Table
from osl_plan.importer.tables import (
    RawTask,
    TaskTable,
    clean,
    find_task_table,
    fold,
    is_bullet,
    unbullet,
)
from osl_plan.model import DEFAULT_TITLE, Plan, Signature
from osl_plan.terms import MONTHS_NOMINATIVE, TermError, parse_term
from osl_plan.yamlout import NotePath

_YEAR_LINE = re.compile(r"^(?:na\s+)?(?:rok\s+)?((?:19|20|21)\d\d)(?:\s*(?:rok|r\.?|roku))?$")
_YEAR_IN_TITLE = re.compile(r"\s*(?:na\s+)?(?:rok\s+)?((?:19|20|21)\d\d)(?:\s*(?:rok|r\.?))?\s*$")
_DOTS = re.compile(r"[.…_]{2,}|…")
_UNITS = ("centrum uslug", "osrodek pomocy", "gminny osrodek", "miejski osrodek", "miejsko-gminny")
#: Keywords osl-plan writes into the files it renders; such files' properties can be trusted.
OWN_KEYWORDS = "plan organizowania społeczności lokalnej"


@dataclass(slots=True)
class Imported:
    """A plan read from a document, with the notes for its YAML and the warnings for the user."""

    plan: Plan
    notes: dict[NotePath, list[str]] = field(default_factory=dict)
    header: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _State:
    data: dict[str, Any] = field(default_factory=dict)
    notes: dict[NotePath, list[str]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def note(self, path: NotePath, text: str) -> None:
        self.notes.setdefault(path, []).append(text)


def build_plan(document: Document, name: str) -> Imported:
    """The plan in a document. Raises DocxImportError when there is no task table or no year."""
    table = find_task_table(document.blocks)
    if table is None:
        raise DocxImportError(
            f"{name}: no task table found — the plan's table needs a header row with "
            "ZADANIE and TERMIN (ADRESACI is optional)"
        )
    state = _State()
    _front(document, document.blocks[: table.first], state, name)
    if not table.tasks:
        raise DocxImportError(f"{name}: the task table has a header but no tasks")
    rest = document.blocks[table.last + 1 :]
    _funding(document, [*table.between, *rest], state)
    rest = [b for b in rest if not (_is_strip_block(b, state) or _is_schedule(b))]
    leftovers = _signatures(rest, state)
    for text in leftovers:
        state.warnings.append(f"{name}: text after the table not imported: „{_short(text)}”")
    if leftovers:
        state.note(("podpisy",), "text after the table not imported: " + " / ".join(leftovers))
    for para in table.between:
        text = clean(para.text)
        if text and not _is_strip_block(para, state) and not text.isdigit():
            state.warnings.append(f"{name}: text between the table's pages not imported: „{text}”")
            state.note(("zadania",), f"between the table's pages, not imported: {text}")
    _tasks(table, state, name)
    plan = _validate(state, name)
    header = [f"Imported from {name} by osl-plan import."]
    if table.pieces > 1:
        header.append(f"The task table was split into {table.pieces} tables; they were joined.")
    if state.notes:
        header.append("Comments below mark what was inferred: check those places.")
    return Imported(plan, state.notes, header, state.warnings)


# --- before the table: title, year, unit, introduction, chapters ------------------------------


def _front(document: Document, blocks: list[Block], state: _State, name: str) -> None:
    paras = [b for b in blocks if isinstance(b, Para) and clean(b.text)]
    data = state.data
    title_index = _title_index(paras)
    rest = paras
    if title_index is not None:
        title = clean(paras[title_index].text)
        for before in paras[:title_index]:
            _unit_line(clean(before.text), state)
        rest = paras[title_index + 1 :]
        if (m := _YEAR_IN_TITLE.search(title)) and not _YEAR_LINE.match(fold(title)):
            data["rok"] = int(m.group(1))
            title = title[: m.start()].strip()
        data["tytul"] = _title_case(title, document, state)
    if rest and (m := _YEAR_LINE.match(fold(clean(rest[0].text)))):
        data["rok"] = int(m.group(1))
        rest = rest[1:]
    own = _own_properties(document)
    if own:
        data.update(own)
    _body(rest, state)


def _title_index(paras: list[Para]) -> int | None:
    for index, para in enumerate(paras[:6]):
        if para.heading in (0, 1) or "plan" in fold(para.text):
            return index
    return 0 if paras and len(paras[0].text) < 200 else None


def _title_case(title: str, document: Document, state: _State) -> str:
    """Titles are set in capitals; the document's own title property tells the real case."""
    if document.title:
        # osl-plan writes "<title> – <year> rok" into the property.
        for known in (document.title, re.sub(r"\s+–\s+\d{4} rok$", "", document.title)):
            if known.upper() == title.upper():
                return known
    if title.upper() == DEFAULT_TITLE.upper():
        return DEFAULT_TITLE
    if title.isupper():
        state.note(("tytul",), "the title was in capitals; check the letter case")
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


def _unit_line(text: str, state: _State) -> None:
    folded = fold(text)
    if folded.startswith("gmina ") and len(text) < 80:
        state.data.setdefault("gmina", text)
    elif folded.startswith(_UNITS) and len(text) < 200:
        state.data.setdefault("jednostka", text)
    else:
        state.warnings.append(f"text above the title not imported: „{_short(text)}”")
        state.note(("tytul",), f"above the title, not imported: {text}")


def _body(paras: list[Para], state: _State) -> None:
    """Paragraphs up to the first heading are the introduction; each heading starts a chapter."""
    intro: list[str] = []
    sections: list[dict[str, Any]] = []
    for para in paras:
        text = clean(para.text)
        if para.heading is not None and para.heading >= 1 and len(text) < 300:
            sections.append({"tytul": text, "tresc": []})
            continue
        line = f"- {unbullet(text)}" if para.is_list or is_bullet(text) else text
        (sections[-1]["tresc"] if sections else intro).append(line)
    if intro:
        state.data["wstep"] = _join(intro)
    if sections:
        state.data["sekcje"] = [{"tytul": s["tytul"], "tresc": _join(s["tresc"])} for s in sections]


def _join(lines: list[str]) -> str:
    """Paragraphs with a blank line between; list items of one list on consecutive lines."""
    out = ""
    for index, line in enumerate(lines):
        if index:
            both_items = line.startswith("- ") and lines[index - 1].startswith("- ")
            out += "\n" if both_items else "\n\n"
        out += line
    return out


# --- the tasks -----------------------------------------------------------------------------


def _tasks(table: TaskTable, state: _State, name: str) -> None:
    rok = state.data.get("rok") or _year_from_terms(table.tasks, state, name)
    state.data["rok"] = rok
    tasks = []
    for index, raw in enumerate(table.tasks):
        path: NotePath = ("zadania", index)
        for note in raw.notes:
            state.note(path, note)
        for note in raw.adresaci_notes:
            state.note((*path, "adresaci"), note)
        zadanie = " ".join(raw.zadanie)
        dzialania = list(raw.dzialania)
        if not zadanie:
            zadanie = dzialania.pop(0) if dzialania else "(bez nazwy)"
            state.note(path, f"{raw.where}: the row has no task text; filled in — correct it")
        task: dict[str, Any] = {"zadanie": zadanie, "termin": _term(raw, rok, path, state, name)}
        if dzialania:
            task["dzialania"] = dzialania
        if raw.adresaci:
            task["adresaci"] = raw.adresaci
        tasks.append(task)
    state.data["zadania"] = tasks
    for text in table.unplaced:
        state.warnings.append(f"{name}: a table row not imported: {text}")
        state.note(("zadania",), f"not imported: {text}")


def _term(raw: RawTask, rok: int, path: NotePath, state: _State, name: str) -> str:
    whole = f"cały rok {rok}"
    if not raw.termin:
        state.warnings.append(f"{name}: {raw.where}: no term; set to „{whole}” — correct it")
        state.note((*path, "termin"), "no term in the document; set to the whole year")
        return whole
    try:
        term = parse_term(raw.termin, default_year=rok)
    except TermError as error:
        reason = error.message
    else:
        if term.overlaps_year(rok):
            return raw.termin
        reason = f"„{raw.termin}” lies outside the plan's year {rok}"
    state.warnings.append(
        f"{name}: {raw.where}: term not understood ({reason}); set to „{whole}” — correct it"
    )
    state.note((*path, "termin"), f"term in the document: „{raw.termin}” — {reason}; correct it")
    return whole


def _year_from_terms(tasks: list[RawTask], state: _State, name: str) -> int:
    years: Counter[int] = Counter()
    for raw in tasks:
        try:
            years[parse_term(raw.termin).start.year] += 1
        except TermError:
            continue
    if not years:
        raise DocxImportError(
            f"{name}: the plan's year is not written in the document or its terms — "
            "add a line such as „2023 ROK” under the title"
        )
    year = years.most_common(1)[0][0]
    state.note(("rok",), "the year is not written in the document; taken from the terms")
    return year


# --- after the table: the funding strip and the signatures ---------------------------------


def _strip_texts(document: Document, blocks: list[Block]) -> str:
    texts = [*document.alt_texts]
    for block in [*document.margins, *blocks]:
        if isinstance(block, Para):
            texts.append(block.text)
        else:
            texts.extend(c.text for row in block.rows for c in row.cells)
    return " ".join(" ".join(texts).split())


def _funding(document: Document, blocks: list[Block], state: _State) -> None:
    text = _strip_texts(document, blocks)
    best: tuple[int, str, bool] | None = None
    for preset, marks in PRESETS.items():
        flat = [" ".join(mark.split()) for mark in marks]
        colour = [m for m in flat if m in text]
        if not flat or len(colour) < len(flat) - 1 or flat[0] not in colour:
            continue
        kolor = len(colour) == len(flat)
        if not kolor and "Rzeczpospolita Polska" in colour:
            continue
        if best is None or len(colour) > best[0]:
            best = (len(colour), preset, kolor)
    if best is None:
        return
    _, preset, kolor = best
    state.data["finansowanie"] = preset if kolor else {"wzor": preset, "kolor": False}
    state.data["_strip_words"] = set(_words(" ".join(PRESETS[preset])))
    state.note(("finansowanie",), "recognised from the strip's text")
    if any(text for text in document.alt_texts):
        state.note(("finansowanie",), "the strip is an image in the document: add it as „obraz”")


def _words(text: str) -> list[str]:
    return fold(text).split()


def _is_strip_block(block: Block, state: _State) -> bool:
    words: set[str] = state.data.get("_strip_words", set())
    if isinstance(block, Table):
        texts = [c.text for row in block.rows for c in row.cells]
    else:
        texts = [block.text]
    found = [w for text in texts for w in _words(text)]
    return bool(words) and bool(found) and all(w in words for w in found)


_MONTH_ABBREVIATIONS = {fold(m)[:3] for m in MONTHS_NOMINATIVE}


def _is_schedule(block: Block) -> bool:
    """The schedule grid (``render --harmonogram``): it is drawn from the tasks, not data."""
    if isinstance(block, Para):
        text = fold(clean(block.text))
        return (block.heading is not None and text == "harmonogram") or text.startswith(
            "znak x i zacieniowanie"
        )
    head = [fold(cell.text)[:3] for cell in block.rows[0].cells] if block.rows else []
    return len(head) > 2 and head[0] == "zad" and all(h in _MONTH_ABBREVIATIONS for h in head[1:])


def _signatures(blocks: list[Block], state: _State) -> list[str]:
    """Fill the signature block from the lines after the table; returns the lines left over.

    Each side reads: label (with the person), position, "Data: …"; the date closes the side.
    """
    sides: dict[str, list[str]] = {}
    current: str | None = None
    leftovers: list[str] = []
    for written in _lines_after(blocks):
        line, folded = written, fold(written)
        label = re.match(r"^(opracowal[a]?|sporzadzil[a]?|zatwierdzil[a]?)\s*:?\s*", folded)
        if label:
            current = "zatwierdzil" if folded.startswith("zatw") else "opracowal"
            sides[current] = []
            line = line[label.end() :]
            if not line.strip():
                continue
        is_date = folded.startswith("data")
        if current is None and is_date:
            # Side-by-side blocks come out as "Opracował, Zatwierdził, Data, Data".
            current = next((s for s, lines in sides.items() if not _dated(lines)), None)
        if current is None or _prose(line):
            if clean(line) and not _DOTS.fullmatch(clean(line)):
                leftovers.append(clean(line))
            continue
        sides[current].append(line)
        if is_date:
            current = None
    signatures = {side: _signature(lines, side, state) for side, lines in sides.items()}
    if signatures:
        state.data["podpisy"] = signatures
    return leftovers


def _dated(lines: list[str]) -> bool:
    return any(fold(line).startswith("data") for line in lines)


def _prose(line: str) -> bool:
    """A sentence, not a name or a position."""
    text = clean(line)
    return len(text) > 120 or (len(text.split()) > 4 and text[-1:] in ".!?")


def _lines_after(blocks: list[Block]) -> list[str]:
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, Para):
            texts = [block.text]
        else:  # read a signature table column by column: left side, then right side
            columns = max((len(row.cells) for row in block.rows), default=0)
            texts = [
                row.cells[col].text for col in range(columns) for row in block.rows
                if col < len(row.cells)
            ]  # fmt: skip
        for text in texts:
            for line in re.split(r"\n|\t+", text):
                if clean(line):
                    lines.append(clean(line))
    return lines


def _signature(lines: list[str], side: str, state: _State) -> dict[str, Any]:
    values: dict[str, Any] = {}
    slots = ["osoba", "stanowisko"]
    for line in lines:
        text = clean(_DOTS.sub(" ", line))
        if m := re.match(r"^data\s*:?\s*", fold(line)):
            date = clean(_DOTS.sub(" ", line[m.end() :]))
            if date:
                _date(date, side, values, state)
            continue
        if not text:
            if slots:
                slots.pop(0)  # a dotted line stands for the person, left to be filled in
            continue
        if _date(text, side, values, state, quiet=True):
            continue
        if slots:
            values[slots.pop(0)] = text
        else:
            state.note(("podpisy", side), f"not imported: {text}")
            state.warnings.append(f"signature line not imported: „{text}”")
    return values


def _date(
    text: str, side: str, values: dict[str, Any], state: _State, *, quiet: bool = False
) -> bool:
    try:
        values["data"] = Signature.model_validate({"data": text}).data
    except ValidationError:
        if not quiet:
            state.note(("podpisy", side), f"date not understood: {text}")
            state.warnings.append(f"signature date not understood: „{text}”")
        return False
    return True


def _short(text: str) -> str:
    return text if len(text) <= 80 else text[:77] + "…"


def _validate(state: _State, name: str) -> Plan:
    data = {k: v for k, v in state.data.items() if not k.startswith("_")}
    try:
        return Plan.model_validate(data, context={"rok": data["rok"]})
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        where = ".".join(str(part) for part in first["loc"])
        raise DocxImportError(
            f"{name}: the imported plan is not valid: {where}: {first['msg']}"
        ) from None
