"""The plan form: which fields each part of the plan has, and how a posted form edits the file.

The parts and their keys are the plan format's (osl_plan/model); a field's help is the model's
own description of it. A field's HTML name is its path (``zadania.2.termin``); a posted value is
written only when it differs from the file's, so an edit changes only its own lines.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel

from osl_plan.editor import yamledit
from osl_plan.i18n import N_, _, language
from osl_plan.model import Plan
from osl_plan.model.parts import (
    AttendanceSettings,
    Column,
    Funding,
    Goal,
    Goals,
    Logo,
    Section,
    Signature,
)
from osl_plan.model.realisation import Event, Realisation
from osl_plan.model.task import Task

Kind = Literal["text", "area", "lines", "term", "number", "choice"]
Path_ = yamledit.Path_

#: The label of each key, wherever it appears (the model's description is the help below it).
LABELS = {
    "rok": N_("Year"),
    "tytul": N_("Title"),
    "jednostka": N_("Unit"),
    "gmina": N_("Municipality"),
    "zalacznik": N_("Annex line"),
    "wstep": N_("Introduction"),
    "tresc": N_("Text"),
    "zadanie": N_("Task"),
    "dzialania": N_("Sub-items (one per line)"),
    "adresaci": N_("Addressees (one per line)"),
    "termin": N_("Term"),
    "id": N_("Identifier"),
    "lp": N_("Number (Lp.)"),
    "cel": N_("Goal"),
    "partnerzy": N_("Partners (one per line)"),
    "realizatorzy": N_("Carried out by (one per line)"),
    "miejsce": N_("Place"),
    "odpowiedzialny": N_("Responsible"),
    "rezultaty": N_("Results (one per line)"),
    "koszt": N_("Cost"),
    "zrodlo_finansowania": N_("Source of funding"),
    "status": N_("Status"),
    "powod": N_("Reason"),
    "uwagi": N_("Remarks"),
    "data": N_("Date"),
    "uczestnicy": N_("Participants"),
    "opis": N_("Description"),
    "wzor": N_("Preset strip"),
    "znaki": N_("Marks (one per line)"),
    "obraz": N_("Image file"),
    "kolor": N_("In colour"),
    "etykieta": N_("Label"),
    "osoba": N_("Person"),
    "stanowisko": N_("Position"),
    "pole": N_("Field"),
    "naglowek": N_("Heading"),
    "glowny": N_("Main goal"),
    "klauzula": N_("Personal-data clause"),
}

#: The fields of each part, in the form's order, with their kind.
TASK: tuple[tuple[str, Kind], ...] = (
    ("zadanie", "area"),
    ("termin", "term"),
    ("adresaci", "lines"),
    ("dzialania", "lines"),
    ("cel", "text"),
    ("lp", "text"),
    ("id", "text"),
    ("partnerzy", "lines"),
    ("realizatorzy", "lines"),
    ("miejsce", "text"),
    ("odpowiedzialny", "text"),
    ("rezultaty", "lines"),
    ("koszt", "text"),
    ("zrodlo_finansowania", "text"),
)
FRONT: tuple[tuple[str, Kind], ...] = (
    ("jednostka", "text"),
    ("gmina", "text"),
    ("rok", "number"),
    ("tytul", "text"),
    ("zalacznik", "area"),
    ("wstep", "area"),
)
SECTION: tuple[tuple[str, Kind], ...] = (("tytul", "text"), ("tresc", "area"))
GOAL: tuple[tuple[str, Kind], ...] = (("id", "text"), ("tresc", "area"))
COLUMN: tuple[tuple[str, Kind], ...] = (("pole", "choice"), ("naglowek", "text"))
FUNDING: tuple[tuple[str, Kind], ...] = (
    ("wzor", "choice"),
    ("znaki", "lines"),
    ("obraz", "text"),
    ("kolor", "choice"),
)
LOGO: tuple[tuple[str, Kind], ...] = (("obraz", "text"), ("opis", "text"))
SIGNATURE: tuple[tuple[str, Kind], ...] = (
    ("etykieta", "text"),
    ("osoba", "text"),
    ("stanowisko", "text"),
    ("data", "text"),
)
REALISATION: tuple[tuple[str, Kind], ...] = (
    ("status", "choice"),
    ("powod", "area"),
    ("partnerzy", "lines"),
    ("rezultaty", "lines"),
    ("uwagi", "area"),
)
EVENT: tuple[tuple[str, Kind], ...] = (
    ("data", "text"),
    ("uczestnicy", "number"),
    ("miejsce", "text"),
    ("partnerzy", "lines"),
    ("opis", "area"),
)
#: Keys whose empty value is kept (so the check says it is missing) rather than removed.
REQUIRED = frozenset({"rok", "zadanie", "termin", "tresc", "pole"})
NUMBERS = frozenset({"rok", "uczestnicy"})
CHOICES: dict[str, tuple[str, ...]] = {
    "wzor": ("", "power-2014-2020", "fers-2021-2027", "fem-2021-2027", "none"),
    "kolor": ("", "tak", "nie"),
    "status": ("", "zrealizowane", "częściowo", "niezrealizowane", "w trakcie"),
    "pole": (
        "zadanie",
        "adresaci",
        "termin",
        "lp",
        "cel",
        "dzialania",
        "partnerzy",
        "realizatorzy",
        "miejsce",
        "odpowiedzialny",
        "rezultaty",
        "koszt",
        "zrodlo_finansowania",
    ),
}
_MODELS: dict[tuple[str, ...], type[BaseModel]] = {
    (): Plan,
    ("zadania",): Task,
    ("sekcje",): Section,
    ("cele",): Goals,
    ("cele", "szczegolowe"): Goal,
    ("kolumny",): Column,
    ("finansowanie",): Funding,
    ("podpisy", "opracowal"): Signature,
    ("podpisy", "zatwierdzil"): Signature,
    ("zadania", "realizacja"): Realisation,
    ("zadania", "realizacja", "wydarzenia"): Event,
    ("lista",): AttendanceSettings,
    ("logo",): Logo,
}


def field_id(path: Path_) -> str:
    """The HTML id of the field or group at ``path``."""
    return "f-" + "-".join(str(p) for p in path) if path else "f-plan"


def field_name(path: Path_) -> str:
    """The HTML name of the field at ``path``."""
    return ".".join(str(p) for p in path)


def parse_name(name: str) -> Path_:
    """The path a field's HTML name stands for."""
    return tuple(int(p) if p.isdigit() else p for p in name.split("."))


def help_text(path: Path_, lang: str) -> str:
    """The model's description of the field at ``path``, translated."""
    if not isinstance(path[-1], str):
        return ""
    return _help(tuple(p for p in path[:-1] if isinstance(p, str)), path[-1], lang)


@functools.cache
def _help(shape: tuple[str, ...], key: str, lang: str) -> str:
    """One description per part and key (a plan repeats them for every task)."""
    model = _MODELS.get(shape)
    info = model.model_fields.get(key) if model is not None else None
    return _(info.description) if info is not None and info.description else ""


@functools.cache
def _label(key: str, lang: str) -> str:
    return _(LABELS[key])


@dataclass
class Field:
    """One input of the form."""

    path: Path_
    kind: Kind
    value: str
    label: str
    help: str
    choices: tuple[str, ...] = ()
    problems: list[Any] = field(default_factory=list)

    @functools.cached_property  # a page reads it several times per field; the path is fixed
    def id(self) -> str:
        return field_id(self.path)

    @functools.cached_property
    def name(self) -> str:
        return field_name(self.path)


def shown(value: Any, kind: Kind) -> str:
    """A value of the file as the form shows it."""
    if value is None:
        return ""
    if kind == "lines" and isinstance(value, list):
        return "\n".join(str(v) for v in value)
    if kind == "choice" and isinstance(value, bool):
        return "tak" if value else "nie"
    return str(value)


def fields(doc: Any, base: Path_, spec: tuple[tuple[str, Kind], ...]) -> list[Field]:
    """The inputs of one part of the plan, filled from the file."""
    out = []
    lang = language()  # read once: it looks at the environment
    for key, kind in spec:
        path = (*base, key)
        value = shown(yamledit.get(doc, path), kind)
        choices = CHOICES.get(key, ()) if kind == "choice" else ()
        if choices and value not in choices:
            choices = (*choices, value)  # what she wrote stays selectable, and is checked
        out.append(Field(path, kind, value, _label(key, lang), help_text(path, lang), choices))
    return out


def parsed(text: str, key: str, kind: Kind, before: Any) -> Any:
    """A posted text as the value to write: None removes the key."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if kind == "lines":
        items = [line.strip() for line in text.split("\n") if line.strip()]
        if not items:
            return None
        return items[0] if len(items) == 1 and not isinstance(before, list) else items
    text = text.strip() if kind != "area" else text.strip("\n")
    if not text.strip():
        return "" if key in REQUIRED else None
    if key in NUMBERS and text.isdigit():
        return int(text)
    if key == "kolor" and text in {"tak", "nie"}:
        return text == "tak"
    return text


def changes(
    doc: Any, posted: Mapping[str, str], kinds: Mapping[str, Kind]
) -> list[tuple[Path_, Any]]:
    """Each posted field that differs from the file, with the value to write (None: remove)."""
    changed: list[tuple[Path_, Any]] = []
    for name, text in posted.items():  # the browser's script posts only what she changed
        kind = kinds.get(name)
        if kind is None:
            continue
        path = parse_name(name)
        before = yamledit.get(doc, path)
        if shown(before, kind).strip() == text.replace("\r\n", "\n").strip():
            continue
        key = str(next(p for p in reversed(path) if isinstance(p, str)))
        value = parsed(text, key, kind, before)
        if value == before or (value is None and before is None):
            continue
        changed.append((path, value))
    return changed
