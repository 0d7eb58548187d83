"""Finding the task table by its header and stitching its pieces back into tasks.

Real files cut the table at page breaks (PDF conversions make one table per page), repeat or drop
the header on later pages, leave empty header rows, continue a task's text in the next row, and
merge one addressee cell over several tasks. Each of these is undone here, and every inference is
recorded as a note so that the YAML can say what was guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from osl_plan.columns import HEADINGS
from osl_plan.i18n import _
from osl_plan.importer.blocks import Block, Cell, Para, Row, Table
from osl_plan.polish import fold

_BULLET = re.compile(r"^\s*[-–—•·▪◦●○■□►▸➢➤✓✔*]\s*")
_ROLE_WORDS = (
    ("termin", ("termin", "kiedy", "data realizacji", "okres realizacji", "czas realizacji")),
    ("adresaci", ("adresa", "odbiorc", "uczestnic", "dla kogo", "grupa docelowa")),
    ("zadanie", ("zadani", "dzialani", "przedsiewzie", "nazwa")),
    ("lp", ("lp", "l.p", "nr")),
    ("partnerzy", ("partner",)),
    ("realizatorzy", ("realizator", "wykonawc")),
    ("miejsce", ("miejsce",)),
    ("odpowiedzialny", ("odpowiedzialn",)),
    ("rezultaty", ("rezultat", "wskaznik", "efekt")),
    ("koszt", ("koszt",)),
    ("zrodlo_finansowania", ("zrodlo", "finansowan")),
    ("cel", ("cel",)),
)
#: Columns read into task fields of their own (besides zadanie, adresaci, termin).
EXTRA_ROLES = (
    "lp", "cel", "partnerzy", "realizatorzy", "miejsce", "odpowiedzialny", "rezultaty", "koszt",
    "zrodlo_finansowania",
)  # fmt: skip
# Headings over the groups of a table grouped under the plan's goals: „Cel szczegółowy 2. …” as
# the renderer prints them, „Cel 2: …”, „Cel szczegółowy nr 2 – …”, „Cel szczegółowy II. …”,
# „Cel szczegółowy: …” (no number), and „Pozostałe zadania” over the tasks of no goal.
_GROUP_HEADING = re.compile(
    r"^\s*cel(?P<specific>\s+szczeg\w*)?(?:\s+nr\.?)?\s+(?P<number>\d{1,6}|[ivx]{1,6})"
    r"(?=$|[\s.:)–—-])[\s.:)–—-]*"
    r"|^\s*cel\s+szczeg\w*\s*[:–—-]\s*(?P<unnumbered>)"
    r"|^\s*(?P<rest>pozosta\w*\s+zadania)\s*$",
    re.IGNORECASE,
)
_ROMAN_NUMBERS = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii")


@dataclass(frozen=True, slots=True)
class GroupHeading:
    """A group's heading: the goal's printed number (None: not numbered; 0: the tasks of no
    goal) and the goal itself."""

    number: int | None
    goal: str


def group_heading(text: str) -> GroupHeading | None:
    """The group a heading starts („Cel szczegółowy 2. Integracja”), or None for other text."""
    text = clean(text)
    m = _GROUP_HEADING.match(text)
    if m is None:
        return None
    if m["rest"]:
        return GroupHeading(0, "")
    goal = " ".join(text[m.end() :].split())
    if m["unnumbered"] is not None:
        return GroupHeading(None, goal) if goal else None
    number = m["number"].lower()
    if number.isdigit():
        return GroupHeading(int(number), goal)
    if m["specific"] and number in _ROMAN_NUMBERS:  # not „Cel i zadania”
        return GroupHeading(_ROMAN_NUMBERS.index(number) + 1, goal)
    return None


_SIGNATURE = re.compile(r"^\s*(opracowa|zatwierdz|sporz[aą]dzi)", re.IGNORECASE)


def clean(text: str) -> str:
    """Document text as plan text: no-break spaces as spaces, soft hyphens gone, ends trimmed."""
    return text.replace("\u00a0", " ").replace("\u202f", " ").replace("\u00ad", "").strip()


def is_bullet(text: str) -> bool:
    """Whether a line is written as a sub-item: "- …", "• …"."""
    return bool(_BULLET.match(text)) and bool(_BULLET.sub("", text).strip())


def unbullet(text: str) -> str:
    """The line without its bullet mark."""
    return clean(_BULLET.sub("", text, count=1))


@dataclass(slots=True)
class RawTask:
    """One task as read from the rows, before its term is parsed."""

    where: str
    zadanie: list[str] = field(default_factory=list)
    dzialania: list[str] = field(default_factory=list)
    adresaci: list[str] = field(default_factory=list)
    termin: str = ""
    notes: list[str] = field(default_factory=list)
    adresaci_notes: list[str] = field(default_factory=list)
    #: Whether the last row read into this task had its own term (not a continuation row).
    complete_row: bool = True
    #: Lines of the other columns (lp, miejsce, partnerzy …), by field.
    extra: dict[str, list[str]] = field(default_factory=dict)
    #: The number of the specific goal whose group the task is in (0 or None: none).
    goal: int | None = None


@dataclass(slots=True)
class TaskTable:
    """The stitched task table and where it lies among the document's blocks."""

    tasks: list[RawTask]
    first: int  # index of the first block of the table
    last: int  # index of the last block of the table
    #: Paragraphs found between the pieces of the table (page furniture, the strip …).
    between: list[Para] = field(default_factory=list)
    #: Text that could not be placed in any task, with where it was.
    unplaced: list[str] = field(default_factory=list)
    pieces: int = 1
    #: How many of the pieces after the first start a goal's group (the rest are page breaks).
    groups: int = 0
    #: The signature block when it is the table's last row (as osl-plan renders it).
    signature_rows: list[Row] = field(default_factory=list)
    #: The block index of the first goal's heading just before the table, if any.
    group_heading: int | None = None
    #: The header's columns in order: (field, heading as printed).
    headings: list[tuple[str, str]] = field(default_factory=list)
    #: The goals of the group headings („Cel szczegółowy 2. …”), by their printed number.
    goals: dict[int, str] = field(default_factory=dict)


Columns = dict[str, int]  # role -> grid column


def _grid(row: Row) -> list[tuple[int, Cell]]:
    """Each cell with the grid column it starts at (cells can span columns)."""
    placed, column = [], 0
    for cell in row.cells:
        placed.append((column, cell))
        column += cell.span
    return placed


def width(table: Table) -> int:
    """The number of grid columns the table uses."""
    return max((sum(c.span for c in row.cells) for row in table.rows), default=0)


def header_columns(row: Row) -> Columns | None:
    """The column of each role if ``row`` is a task-table header (ZADANIE … TERMIN).

    A heading osl-plan prints by default („ZADANIE”, „MIEJSCE”) names its field; any other names
    the field whose word comes first in it („Źródło finansowania zadania”: the source of funding,
    „Termin realizacji zadania”: the term).
    """
    columns: Columns = {}
    worded: list[tuple[int, str]] = []
    for column, cell in _grid(row):
        text = " ".join(fold(cell.text).split())
        if not text or len(text) > 80:
            continue
        role = _DEFAULT_HEADINGS.get(text)
        if role is not None and role not in columns:
            columns[role] = column
        else:
            worded.append((column, text))
    for column, text in worded:
        if (role := _role(text, columns)) is not None:
            columns[role] = column
    if "zadanie" in columns and "termin" in columns:
        return columns
    return None


_DEFAULT_HEADINGS = {" ".join(fold(text).split()): role for role, text in HEADINGS.items()}


def _role(text: str, taken: Columns) -> str | None:
    """The field a heading names: the one whose word comes first in it, not yet taken."""
    best: tuple[tuple[int, int], str] | None = None
    for order, (role, words) in enumerate(_ROLE_WORDS):
        if role in taken:
            continue
        if role in ("lp", "cel"):
            exact = text.strip(".:") in words or (role == "cel" and text.startswith("cel "))
            at = 0 if exact else None
        else:
            at = min((text.find(word) for word in words if word in text), default=None)
        if at is not None and (best is None or (at, order) < best[0]):
            best = ((at, order), role)
    return best[1] if best else None


def find_task_table(blocks: list[Block]) -> TaskTable | None:
    """The task table (all its pieces), or None when no table has the header."""
    for index, block in enumerate(blocks):
        if not isinstance(block, Table):
            continue
        for number, row in enumerate(block.rows[:3]):
            columns = header_columns(row)
            if columns is not None:
                return _stitch(blocks, index, number, columns)
    return None


def _stitch(blocks: list[Block], start: int, header_row: int, columns: Columns) -> TaskTable:
    first = blocks[start]
    assert isinstance(first, Table)
    result = TaskTable([], start, start)
    result.headings = _headings(first.rows[header_row], columns)
    reader = _RowReader(columns, result)
    previous = blocks[start - 1] if start else None
    first_goal = group_heading(previous.text) if isinstance(previous, Para) else None
    if isinstance(previous, Para) and previous.heading is not None and first_goal is not None:
        reader.goal, result.group_heading = _goal(result, first_goal), start - 1
    reader.read(first.rows[header_row + 1 :], piece=1)
    pending: list[Para] = []
    new_group = False
    for index in range(start + 1, len(blocks)):
        block = blocks[index]
        if isinstance(block, Para):
            if block.heading is not None and (goal := group_heading(block.text)) is not None:
                reader.goal = _goal(result, goal)  # the next goal's tasks: the table goes on
                new_group = True
                continue
            if block.heading is not None and block.text.strip():
                break  # a new chapter: the table is over
            pending.append(block)
            continue
        if not _continues(block, first):
            break
        result.pieces += 1
        result.groups += new_group  # a group's own table, not a page of the one before
        new_group = False
        result.between.extend(pending)
        pending = []
        result.last = index
        reader.read(block.rows, piece=result.pieces)
    return result


def _headings(row: Row, columns: Columns) -> list[tuple[str, str]]:
    """The header's columns left to right: (field, the heading's text on one line)."""
    cells = dict(_grid(row))
    return [
        (role, " ".join(clean(cells[column].text).split()))
        for role, column in sorted(columns.items(), key=lambda item: item[1])
        if column in cells
    ]


def _goal(result: TaskTable, heading: GroupHeading) -> int:
    """The goal's number (a heading without one: the next number), its text kept."""
    number = heading.number
    if number is None:
        number = max(result.goals, default=0) + 1
    if number and heading.goal:
        result.goals.setdefault(number, heading.goal)
    return number


def _continues(table: Table, first: Table) -> bool:
    """Whether a later table is another page of the task table."""
    if any(header_columns(row) for row in table.rows[:3]):
        return True
    texts = [cell.text for row in table.rows for cell in row.cells]
    if any(_SIGNATURE.match(text) for text in texts):
        return False
    return width(table) == width(first) and width(first) > 1


class _RowReader:
    """Turns rows into tasks, joining continuation rows and copying merged addressees."""

    def __init__(self, columns: Columns, result: TaskTable) -> None:
        self.columns = columns
        self.result = result
        self.merged: list[str] = []  # addressees of the vertically merged cell in effect
        self.merged_from = ""
        self.goal: int | None = None  # the specific goal of the group being read

    def _cell(self, row: Row, role: str) -> Cell | None:
        column = self.columns.get(role)
        if column is None:
            return None
        for start, cell in _grid(row):
            if start <= column < start + cell.span:
                return cell
        return None

    def read(self, rows: list[Row], *, piece: int) -> None:
        for number, row in enumerate(rows, start=1):
            where = (
                _("table {table}, row {row}").format(table=piece, row=number)
                if self.result.pieces > 1
                else _("row {row}").format(row=number)
            )
            self._row(row, where)

    def _row(self, row: Row, where: str) -> None:
        if header_columns(row) is not None:
            return  # the header repeated on a later page
        if row.cells and _SIGNATURE.match(clean(row.cells[0].text)):
            self.result.signature_rows.append(row)  # the signature block, read after the table
            return
        zadanie_cell = self._cell(row, "zadanie")
        term_cell = self._cell(row, "termin")
        who_cell = self._cell(row, "adresaci")
        term = " ".join(clean(term_cell.text).split()) if term_cell else ""
        texts, actions = _task_cell(zadanie_cell)
        addressees = self._addressees(who_cell, where)
        if not (term or texts or actions or addressees):
            self._orphan(row, where)  # empty header rows left by page breaks pass silently
            return
        tasks = self.result.tasks
        if term or not tasks or (texts and not _continues_text(tasks[-1], texts[0])):
            task = RawTask(where, texts, actions, addressees, term, complete_row=bool(term))
            task.extra = self._extra(row)
            task.goal = self.goal
            if not term:
                task.notes.append(_("{where}: this row has no term").format(where=where))
            tasks.append(task)
            self._note_merge(task)
            return
        previous = tasks[-1]
        previous.complete_row = False
        _append(previous, texts, actions)
        if addressees and who_cell is not None and who_cell.merge != "continue":
            previous.adresaci.extend(a for a in addressees if a not in previous.adresaci)
        for role, lines in self._extra(row).items():
            previous.extra.setdefault(role, []).extend(lines)
        if texts or actions:
            previous.notes.append(
                _("text continues in the next row ({where}); joined").format(where=where)
            )

    def _extra(self, row: Row) -> dict[str, list[str]]:
        """The lines of the row's other columns, by field (bullets taken off)."""
        found = {}
        for role in EXTRA_ROLES:
            cell = self._cell(row, role)
            if cell is not None and (lines := [unbullet(line) for line in _lines(cell)]):
                found[role] = lines
        return found

    def _addressees(self, cell: Cell | None, where: str) -> list[str]:
        if cell is None:
            return []
        own = _lines(cell)
        if cell.merge == "restart":
            self.merged, self.merged_from = own, where
        elif cell.merge == "continue":
            return list(self.merged)
        else:
            self.merged, self.merged_from = [], ""
        return own

    def _note_merge(self, task: RawTask) -> None:
        if self.merged and self.merged_from != task.where:
            task.adresaci_notes.append(
                _("adresaci copied from a merged cell that starts at {where}").format(
                    where=self.merged_from
                )
            )

    def _orphan(self, row: Row, where: str) -> None:
        text = " | ".join(clean(c.text) for c in row.cells if clean(c.text))
        if text:
            self.result.unplaced.append(f"{where}: „{text}”")


def _lines(cell: Cell) -> list[str]:
    lines = []
    for paragraph in cell.paragraphs:
        for line in paragraph.text.split("\n"):
            text = unbullet(line) if is_bullet(line) else clean(line)
            if text:
                lines.append(text)
    return lines


def _task_cell(cell: Cell | None) -> tuple[list[str], list[str]]:
    """The task's own text (paragraphs) and its sub-items (list paragraphs or "- " lines)."""
    texts: list[str] = []
    actions: list[str] = []
    if cell is None:
        return texts, actions
    for paragraph in cell.paragraphs:
        if paragraph.is_list:
            if item := clean(paragraph.text):
                actions.append(unbullet(item) if is_bullet(item) else item)
            continue
        kept: list[str] = []
        for line in paragraph.text.split("\n"):
            if is_bullet(line):
                actions.append(unbullet(line))
            elif actions and clean(line):
                actions[-1] = f"{actions[-1]} {clean(line)}"  # a wrapped sub-item
            elif not actions:
                kept.append(line)
        text = clean("\n".join(kept))
        if text:
            texts.append(text)
    return texts, actions


def _continues_text(task: RawTask, text: str) -> bool:
    """A term-less row continues the task above when it reads as the rest of its sentence.

    Lower case (or a quote, a dash) continues. A capital letter starts a new task when the text
    above ended with a full stop, or when the row above had its own term and its text ends where
    a phrase can end; otherwise a page break cut the sentence (often before a proper name).
    """
    first = text.lstrip()[:1]
    if first and (first.islower() or not first.isalnum()):
        return True
    last = (task.dzialania or task.zadanie or [""])[-1].rstrip()
    if not last or _ends_sentence(last) or last[-1] in ':;)”"':
        return False
    return not (task.complete_row and _ends_phrase(last))


#: Words a phrase does not end with: prepositions, conjunctions, abbreviations (folded).
_DANGLING = frozenset((
    "a", "i", "o", "u", "w", "z", "we", "ze", "na", "do", "od", "po", "za", "przy", "dla",
    "oraz", "lub", "albo", "czy", "ani", "ktory", "ktora", "ktore", "majace", "majacych",
    "majacy", "celu", "pn", "np", "pt", "tj", "tzw", "im", "ul", "m.in", "dot", "ok", "godz",
))  # fmt: skip


def _ends_sentence(text: str) -> bool:
    """A full stop (or ! ?) that is not the dot of an abbreviation such as „pn.”."""
    return text[-1] in ".!?…" and (text[-1] != "." or _ends_phrase(text))


def _ends_phrase(text: str) -> bool:
    """Whether ``text`` can end here: not on a comma, a dash or a connecting word."""
    if text[-1] in ",-–—(„/&":
        return False
    words = fold(text).rstrip(".").split()
    return bool(words) and words[-1] not in _DANGLING


def _append(task: RawTask, texts: list[str], actions: list[str]) -> None:
    if texts and task.dzialania and not actions:
        task.dzialania[-1] = f"{task.dzialania[-1]} {' '.join(texts)}"
        return
    if texts and task.zadanie:
        task.zadanie[-1] = f"{task.zadanie[-1]} {texts[0]}"
        texts = texts[1:]
    task.zadanie.extend(texts)
    task.dzialania.extend(actions)
