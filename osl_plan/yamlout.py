"""Plans out as readable YAML: block style, the README's key order, comments where asked.

PyYAML's emitter cannot place comments and sorts or flows keys in ways people find hard to read,
so the document is written here line by line; each scalar is checked to load back as itself.
The result always loads with :func:`osl_plan.load.loads` to an equal plan.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from typing import Any

import yaml

from osl_plan.i18n import _
from osl_plan.model import Column, Funding, Goals, Logo, Plan, Section, Signature, Task

#: Where a comment goes: the path of the key or list item it stands above, e.g. ("zadania", 2).
NotePath = tuple[str | int, ...]
Notes = Mapping[NotePath, Sequence[str]]

_Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Characters a literal block cannot carry as themselves: YAML reads them as line breaks or a BOM.
_NOT_LITERAL = re.compile("[\r\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
_COMMENT_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
_INDENT = "  "


def dump_plan(
    plan: Plan,
    *,
    header: Sequence[str] = (),
    notes: Notes | None = None,
    schema: str | None = None,
) -> str:
    """The plan as YAML text; ``header`` lines become the comment at the top. Never raises.

    ``schema`` is the path of plan.schema.json for the editor modeline; without it the file says
    how to get one (editors check keys only when the schema is on disk).
    """
    out = _Writer(notes or {})
    if schema:
        out.comment([f"yaml-language-server: $schema={schema}"], 0)
    else:
        # One sentence over two comment lines: translated whole, split where the text breaks.
        advice = _(
            "Editor checking: save the schema with „{command}”\nand make the first line „{line}”."
        ).format(
            command="osl-plan schema -o plan.schema.json",
            line="# yaml-language-server: $schema=plan.schema.json",
        )
        out.comment(advice.split("\n"), 0)
    if header:
        out.comment(["", *header], 0)
    out.blank()
    out.field(("rok",), 0, str(plan.rok))
    out.text(("tytul",), 0, plan.tytul)
    for key in ("jednostka", "gmina", "zalacznik"):
        value = getattr(plan, key)
        if value:
            out.text((key,), 0, value)
    if plan.logo is not None:
        _logo(out, plan.logo)
    if plan.wstep:
        out.blank()
        out.text(("wstep",), 0, plan.wstep)
    _chapters_goals_columns(out, plan)
    out.blank()
    out.key(("zadania",), 0)
    for index, task in enumerate(plan.zadania):
        if index:
            out.blank()
        _task(out, index, task)
    if plan.finansowanie is not None:
        out.blank()
        _funding(out, plan.finansowanie)
    out.blank()
    out.key(("podpisy",), 0)
    for side in ("opracowal", "zatwierdzil"):
        _signature(out, ("podpisy", side), getattr(plan.podpisy, side))
    return out.result()


def _chapters_goals_columns(out: _Writer, plan: Plan) -> None:
    if plan.sekcje:
        out.blank()
        _sections(out, plan.sekcje)
    if plan.cele is not None:
        out.blank()
        _goals(out, plan.cele)
    if plan.kolumny is not None:
        out.blank()
        _columns(out, plan.kolumny)


def _sections(out: _Writer, sections: Sequence[Section]) -> None:
    out.key(("sekcje",), 0)
    for index, section in enumerate(sections):
        path = ("sekcje", index)
        out.item_start(path, 1)
        out.text((*path, "tytul"), 2, section.tytul)
        if section.tresc:
            out.text((*path, "tresc"), 2, section.tresc)


def _task(out: _Writer, index: int, task: Task) -> None:
    path = ("zadania", index)
    out.item_start(path, 1)
    if task.id is not None:
        out.text((*path, "id"), 2, task.id)
    out.text((*path, "zadanie"), 2, task.zadanie)
    if task.dzialania:
        out.text_list((*path, "dzialania"), 2, task.dzialania)
    if len(task.adresaci) == 1:
        out.text((*path, "adresaci"), 2, task.adresaci[0])
    elif task.adresaci:
        out.text_list((*path, "adresaci"), 2, task.adresaci)
    out.text((*path, "termin"), 2, task.termin.text)
    for key in OPTIONAL_TASK_FIELDS:
        value = getattr(task, key)
        if isinstance(value, tuple):
            if len(value) == 1:
                out.text((*path, key), 2, value[0])
            elif value:
                out.text_list((*path, key), 2, value)
        elif value is not None:
            out.text((*path, key), 2, value)


#: The optional task fields, in the order they are written after ``termin``.
OPTIONAL_TASK_FIELDS = (
    "lp", "cel", "partnerzy", "realizatorzy", "miejsce", "odpowiedzialny", "rezultaty", "koszt",
    "zrodlo_finansowania",
)  # fmt: skip


def _logo(out: _Writer, logo: Logo) -> None:
    if logo.opis is None:
        out.text(("logo",), 0, logo.obraz)
        return
    out.key(("logo",), 0)
    out.text(("logo", "obraz"), 1, logo.obraz)
    out.text(("logo", "opis"), 1, logo.opis)


def _goals(out: _Writer, goals: Goals) -> None:
    out.key(("cele",), 0)
    if goals.glowny:
        out.text(("cele", "glowny"), 1, goals.glowny)
    if not goals.szczegolowe:
        return
    out.key(("cele", "szczegolowe"), 1)
    for index, goal in enumerate(goals.szczegolowe):
        path = ("cele", "szczegolowe", index)
        out.item_start(path, 2)
        if goal.id is not None:
            out.text((*path, "id"), 3, goal.id)
        out.text((*path, "tresc"), 3, goal.tresc)


def _columns(out: _Writer, columns: Sequence[Column]) -> None:
    out.key(("kolumny",), 0)
    for index, column in enumerate(columns):
        path = ("kolumny", index)
        out.item_start(path, 1)
        out.field((*path, "pole"), 2, column.pole)
        if column.naglowek is not None:
            out.text((*path, "naglowek"), 2, column.naglowek)


def _funding(out: _Writer, funding: Funding) -> None:
    path = ("finansowanie",)
    if funding.wzor and not funding.znaki and not funding.obraz and funding.kolor:
        out.field(path, 0, funding.wzor)
        return
    out.key(path, 0)
    if funding.wzor:
        out.field((*path, "wzor"), 1, funding.wzor)
    if funding.znaki:
        out.text_list((*path, "znaki"), 1, funding.znaki)
    if funding.obraz:
        out.text((*path, "obraz"), 1, funding.obraz)
    if not funding.kolor:
        out.field((*path, "kolor"), 1, "false")


def _signature(out: _Writer, path: NotePath, signature: Signature) -> None:
    values: list[tuple[str, str | dt.date]] = [
        (key, value)
        for key in ("etykieta", "osoba", "stanowisko", "data")
        if (value := getattr(signature, key)) is not None
    ]
    if not values:
        out.field(path, 1, "{}")
        return
    out.key(path, 1)
    for key, value in values:
        if isinstance(value, dt.date):
            out.field((*path, key), 2, value.isoformat())
        else:
            out.text((*path, key), 2, value)


class _Writer:
    """Accumulates lines; every key or item may carry comment lines above it."""

    def __init__(self, notes: Notes) -> None:
        self.notes = notes
        self.lines: list[str] = []
        self.pending_item = ""  # "- " waiting for the item's first key

    def result(self) -> str:
        text = "\n".join(self.lines).rstrip("\n") + "\n"
        return re.sub(r"\n{3,}", "\n\n", text)

    def blank(self) -> None:
        if self.lines and self.lines[-1] != "":
            self.lines.append("")

    def comment(self, lines: Sequence[str], depth: int) -> None:
        pad = _INDENT * max(depth, 0)
        for line in lines:
            clean = _COMMENT_UNSAFE.sub(" ", line).rstrip()
            self.lines.append(f"{pad}# {clean}" if clean else f"{pad}#")

    def _prefix(self, path: NotePath, depth: int) -> str:
        """Comments for ``path``, then the line start: indentation or an item's "- "."""
        if self.pending_item:
            self.comment(self.notes.get(path, ()), depth - 1)
            prefix, self.pending_item = self.pending_item, ""
            return prefix
        self.comment(self.notes.get(path, ()), depth)
        return _INDENT * depth

    def item_start(self, path: NotePath, depth: int) -> None:
        self.comment(self.notes.get(path, ()), depth)
        self.pending_item = _INDENT * depth + "- "

    def key(self, path: NotePath, depth: int) -> None:
        prefix = self._prefix(path, depth)
        self.lines.append(f"{prefix}{path[-1]}:")

    def field(self, path: NotePath, depth: int, raw: str) -> None:
        prefix = self._prefix(path, depth)
        self.lines.append(f"{prefix}{path[-1]}: {raw}")

    def text(self, path: NotePath, depth: int, value: str) -> None:
        prefix = self._prefix(path, depth)
        head, body = _scalar(value, _INDENT * (depth + 1))
        self.lines.append(f"{prefix}{path[-1]}: {head}")
        self.lines.extend(body)

    def text_list(self, path: NotePath, depth: int, values: Sequence[str]) -> None:
        self.key(path, depth)
        pad = _INDENT * (depth + 1)
        for index, value in enumerate(values):
            self.comment(self.notes.get((*path, index), ()), depth + 1)
            head, body = _scalar(value, pad + _INDENT)
            self.lines.append(f"{pad}- {head}")
            self.lines.extend(body)


def _scalar(value: str, indent: str) -> tuple[str, list[str]]:
    """The text after "key: " and any further lines (a literal block) for a string."""
    if "\n" in value and _literal_ok(value):
        lines = value.split("\n")
        indicator = str(len(indent)) if lines[0][:1] in (" ", "\t") else ""
        # "|" keeps one final newline, which every text field of the plan trims again.
        return f"|{indicator}", [f"{indent}{line}" if line else "" for line in lines]
    if _plain_ok(value):
        return value, []
    return _double_quoted(value), []


def _literal_ok(value: str) -> bool:
    return bool(value.strip()) and not _NOT_LITERAL.search(value) and value == value.rstrip()


def _plain_ok(value: str) -> bool:
    if not value or "\n" in value or _NOT_LITERAL.search(value) or value != value.strip():
        return False
    try:
        loaded: Any = yaml.load(f"k: {value}\n", Loader=_Loader)  # a safe loader
    except (yaml.YAMLError, ValueError, OverflowError):
        # Text that looks like a date or a timestamp but is not one ("1999-99-99"): PyYAML's
        # date constructor raises ValueError; quoted, it is plain text again.
        return False
    return isinstance(loaded, dict) and loaded.get("k") == value and len(loaded) == 1


def _double_quoted(value: str) -> str:
    """A double-quoted scalar on one line; JSON's escapes are a subset of YAML's."""
    import json

    text = json.dumps(value, ensure_ascii=False)
    # Characters YAML reads as line breaks or refuses as unprintable must be escaped.
    return _NOT_LITERAL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
