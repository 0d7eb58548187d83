"""Reading a plan written in Markdown: what ``osl-plan render -f md`` writes, or hand-written GFM.

The Markdown becomes the same blocks a DOCX gives (paragraphs with runs and list marks, tables of
cells), so the plan is then built exactly as for a Word file. Recognised: ``#`` headings (the
first is the title), paragraphs, ``-``/``*``/``+`` and ``1.`` lists, ``**bold**`` and ``*italic*``,
pipe tables with ``<br>`` line breaks in cells, hard line breaks (a trailing backslash or two
spaces), and the funding strip (marks separated by „·”, or an image) before the title or after a
closing ``---``. Everything else is text.
"""

from __future__ import annotations

import re
import string

from osl_plan.errors import UnreadableFile
from osl_plan.i18n import _, ngettext, number
from osl_plan.importer.blocks import Block, Cell, Document, Para, Row, Table
from osl_plan.richtext import parse_inline

MAX_LINES = 500_000
#: Cells in one table row: a plan's table has a handful of columns.
MAX_CELLS = 100
#: Characters in one line (a paragraph or a table row); far above any field of a plan.
MAX_LINE = 1_000_000
MAX_BYTES = 100 * 1024 * 1024
_HEADING = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
_BULLET = re.compile(r"^ {0,3}[-*+]\s+(?=\S)")
_NUMBER = re.compile(r"^ {0,3}(\d{1,9})[.)]\s+(?=\S)")
_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{1,}:?\s*(\|\s*:?-{1,}:?\s*)*\|?\s*$")
_RULE = re.compile(r"^ {0,3}([-*_])(\s*\1){2,}\s*$")
_IMAGE = re.compile(r"^!\[(.*)\]\((.*)\)$")
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
_PUNCTUATION = frozenset(string.punctuation)
#: A line that starts a signature line of its own even without a hard break.
_OWN_LINE = re.compile(r"^(\*\*)?(data|opracował|zatwierdził|sporządził)", re.IGNORECASE)


def read_markdown(data: bytes, name: str) -> Document:
    """The blocks of a Markdown plan. Raises UnreadableFile (not UTF-8 text, too large)."""
    if len(data) > MAX_BYTES:
        raise UnreadableFile(
            name, _("is larger than {size} MB — not a plan").format(size=MAX_BYTES // 2**20)
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UnreadableFile(
            name,
            _("is not UTF-8 text (byte {position}) — save it as UTF-8").format(
                position=error.start + 1
            ),
        ) from None
    if "\x00" in text:
        raise UnreadableFile(name, _("is not a text file — save the plan as Markdown (.md)"))
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if len(lines) > MAX_LINES:
        raise UnreadableFile(
            name,
            ngettext(
                "has more than {count} line — not a plan",
                "has more than {count} lines — not a plan",
                MAX_LINES,
            ).format(count=number(MAX_LINES)),
        )
    for at, line in enumerate(lines, 1):
        if len(line) > MAX_LINE:
            raise UnreadableFile(
                f"{name}:{at}",
                _("the line is longer than {limit} characters — not a plan").format(
                    limit=number(MAX_LINE)
                ),
            )
    reader = _Reader(lines)
    try:
        return reader.document()
    except _TooLarge as error:
        raise UnreadableFile(f"{name}:{reader.at + 1}", str(error)) from None


class _TooLarge(Exception):
    """A table too wide to be a plan's."""


class _Reader:
    """Walks the lines once, emitting blocks; the strip goes to the margins."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.at = 0
        self.blocks: list[Block] = []
        self.doc = Document(blocks=self.blocks)
        self.titled = False
        self.after_rule = False
        self.list_id = 0

    def document(self) -> Document:
        while self.at < len(self.lines):
            self._step()
        return self.doc

    def _step(self) -> None:
        line = self.lines[self.at]
        if not line.strip():
            self.at += 1
            return
        if _RULE.match(line):
            self.after_rule = True
            self.at += 1
            return
        if heading := _HEADING.match(line):
            self._heading(len(heading.group(1)), heading.group(2))
            self.at += 1
        elif self._is_table():
            self.blocks.append(self._table())
        elif (item := _BULLET.match(line) or _NUMBER.match(line)) is not None:
            self._list_item(line, item)
        else:
            self._paragraph()

    def _heading(self, level: int, text: str) -> None:
        # The first heading is the title; later ones are chapters, however many "#" they have.
        para = _para(text)
        para.heading = 0 if not self.titled else max(1, level - 1)
        self.titled = True
        self.after_rule = False
        self.blocks.append(para)

    def _is_table(self) -> bool:
        nxt = self.lines[self.at + 1] if self.at + 1 < len(self.lines) else ""
        return "|" in self.lines[self.at] and "-" in nxt and bool(_SEPARATOR.match(nxt))

    def _table(self) -> Table:
        rows = [Row(_cells(self.lines[self.at]))]
        self.at += 2  # the header and the separator line
        while self.at < len(self.lines) and "|" in self.lines[self.at]:
            if self.lines[self.at].strip():
                rows.append(Row(_cells(self.lines[self.at])))
            self.at += 1
        return Table(rows)

    def _list_item(self, line: str, marker: re.Match[str]) -> None:
        numbered = marker.re is _NUMBER
        previous = self.blocks[-1] if self.blocks else None
        same_list = (
            isinstance(previous, Para)
            and previous.is_list
            and previous.numbered == numbered
            and self.lines[self.at - 1].strip() != ""
        )
        if not same_list:
            self.list_id += 1
        para = _para(self._continued(line[marker.end() :]))
        para.is_list, para.numbered, para.list_id = True, numbered, f"md-{self.list_id}"
        para.start = int(marker.group(1)) if numbered else 1
        self.blocks.append(para)

    def _paragraph(self) -> None:
        text = self._continued(self.lines[self.at], own_lines=True)
        if (image := _IMAGE.match(text.strip())) and (not self.titled or self.after_rule):
            self.doc.margin_alt_texts.append(_unescape(image.group(1)))
            self.doc.alt_texts.append(_unescape(image.group(1)))
        elif " · " in text and (not self.titled or self.after_rule):
            marks = [Cell([_para(mark)]) for mark in text.split(" · ")]
            self.doc.margins.append(Table([Row(marks)]))
        else:
            self.blocks.append(_para(text))

    def _continued(self, first: str, *, own_lines: bool = False) -> str:
        """A paragraph's (or list item's) lines up to a blank line or another block."""
        text = first.strip()
        hard = _hard_break(first)
        self.at += 1
        while self.at < len(self.lines):
            line = self.lines[self.at]
            if not line.strip() or _HEADING.match(line) or _BULLET.match(line):
                break
            if _NUMBER.match(line) or self._is_table() or _RULE.match(line):
                break
            own = own_lines and bool(_OWN_LINE.match(line.strip()))
            text = text.rstrip("\\").rstrip() + ("\n" if hard or own else " ") + line.strip()
            hard = _hard_break(line)
            self.at += 1
        return text.rstrip("\\").rstrip()


def _hard_break(line: str) -> bool:
    trailing = len(line) - len(line.rstrip("\\"))
    return line.endswith("  ") or trailing % 2 == 1


def _cells(line: str) -> list[Cell]:
    """A table row's cells; each ``<br>`` starts a new paragraph in the cell."""
    cells = []
    for raw in _split_pipes(line.strip()):
        cells.append(Cell([_para(part) for part in _BR.split(raw)]))
    return cells


_PIPE_OR_ESCAPE = re.compile(r"\\.|\|")


def _split_pipes(line: str) -> list[str]:
    """Cells between unescaped pipes; the row's outer pipes are optional. One pass over the line."""
    parts, begin = [], 0
    for found in _PIPE_OR_ESCAPE.finditer(line):
        if found.group() == "|":
            parts.append(line[begin : found.start()])
            begin = found.end()
            if len(parts) > MAX_CELLS:
                raise _TooLarge(
                    _("a table row has more than {count} cells — is it really a table?").format(
                        count=MAX_CELLS
                    )
                )
    parts.append(line[begin:])
    if line.startswith("|"):
        parts = parts[1:]
    if line.endswith("|") and not line.endswith("\\|"):
        parts = parts[:-1]
    return [part.strip() for part in parts]


def _para(markdown: str) -> Para:
    """A paragraph from inline Markdown: escapes resolved, ``**``/``*`` as bold and italic runs."""
    lines = [
        [(r.text, r.bold, r.italic) for r in parse_inline(_unescape(line, keep="*\\"))]
        for line in markdown.split("\n")
    ]
    runs = [
        run for n, line in enumerate(lines) for run in ([("\n", False, False)] if n else []) + line
    ]
    return Para(text="".join(text for text, _, _ in runs).strip(), runs=runs)


def _unescape(text: str, keep: str = "") -> str:
    """Markdown backslash escapes resolved, except those of the characters in ``keep``."""
    out, index = [], 0
    while index < len(text):
        char = text[index]
        following = text[index + 1] if index + 1 < len(text) else ""
        if char == "\\" and following in _PUNCTUATION:
            out.append(text[index : index + 2] if following in keep else following)
            index += 2
            continue
        out.append(char)
        index += 1
    return "".join(out)
