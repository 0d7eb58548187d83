"""docs/format.md: the Polish reference of the plan format, every field with an example.

The descriptions are the schema's Polish ones (schema/plan.schema.json, from the model); each
example is the field as the blank plan (``osl-plan new ROK --pusty``) writes it, with its
commented-out fields switched on. That plan is tested valid, so every example is valid too.
"""

from __future__ import annotations

import json
import re
from typing import Any

from osl_plan.blank import blank_plan
from osl_plan.yamlread import Builder

YEAR = 2027
#: Each part of the format, its heading, and where the blank plan shows one.
PARTS: tuple[tuple[str, str, tuple[str | int, ...]], ...] = (
    ("", "Plan – klucze najwyższego poziomu", ()),
    ("Task", "Zadanie – element listy `zadania`", ("zadania", 0)),
    ("Realisation", "Realizacja zadania – `realizacja`", ("zadania", 0, "realizacja")),
    (
        "Event",
        "Wydarzenie – element listy `wydarzenia`",
        ("zadania", 0, "realizacja", "wydarzenia", 0),
    ),
    ("Goals", "Cele – `cele`", ("cele",)),
    ("Goal", "Cel szczegółowy – element listy `cele.szczegolowe`", ("cele", "szczegolowe", 0)),
    ("Section", "Rozdział – element listy `sekcje`", ("sekcje", 0)),
    ("Column", "Kolumna – element listy `kolumny`", ("kolumny", 4)),
    ("Funding", "Pasek znaków funduszy UE – `finansowanie`", ("finansowanie",)),
    ("Signatures", "Podpisy – `podpisy`", ("podpisy",)),
    (
        "Signature",
        "Podpis – `podpisy.opracowal`, `podpisy.zatwierdzil`",
        ("podpisy", "zatwierdzil"),
    ),
    ("Logo", "Logo – `logo`", ("logo",)),
    ("AttendanceSettings", "Listy obecności – `lista`", ("lista",)),
)
#: Lines of an example at most (a list or a set of keys is shown by its beginning).
MAX_LINES = 8

HEADER = f"""\
# Format pliku planu

<!-- Generated from the schema's Polish descriptions and the blank plan by `make docs`
     (python -m osl_plan.devtools.gendocs). Do not edit by hand:
     tests/test_docs.py fails when this file is stale. -->

Każde pole pliku planu: co zawiera i jak je wpisać. Wymagane są tylko `rok` i `zadania`, a w każdym
zadaniu `zadanie` i `termin`; pozostałe pola są nieobowiązkowe. Przykłady pochodzą z pustego planu,
który zapisuje polecenie `osl-plan new {YEAR} --pusty`: tam każde pole jest wpisane albo opisane
w komentarzu. Przykład bloku (np. `finansowanie`) pokazuje wszystkie jego pola naraz; w planie
wpisz tylko te, których potrzebujesz (gotowy `wzor` albo własne `znaki`). Słowa, którymi osl-plan
mówi o planie, zebrano w [słowniku](slownik.md); jak prowadzić plan krok po kroku –
w [przewodniku](przewodnik.md).
"""


def format_reference(schema: dict[str, Any]) -> str:
    """The Markdown reference of the plan format described by ``schema`` (the Polish one)."""
    text = _blank_switched_on()
    builder = Builder(track=True)
    builder.build(text)
    lines = text.split("\n")
    out = [HEADER]
    for name, heading, where in PARTS:
        part = schema if not name else schema["$defs"][name]
        out.append(f"\n## {heading}\n")
        if name and part.get("description"):
            out.append(f"\n{part['description']}\n")
        required = set(part.get("required", ()))
        for key, field in part["properties"].items():
            out.append(_field(key, field, key in required, _example(builder, lines, (*where, key))))
    return "".join(out)


def _field(key: str, field: dict[str, Any], required: bool, example: str) -> str:
    mark = " (wymagane)" if required else ""
    title = f" – {field['title']}" if field.get("title") else ""
    said = f"\n### `{key}`{title}{mark}\n\n{field.get('description', '')}\n"
    return said + (f"\n```yaml\n{example}\n```\n" if example else "")


def _example(builder: Builder, lines: list[str], path: tuple[str | int, ...]) -> str:
    """The lines of the blank plan that write the field at ``path``."""
    position = builder.key_positions.get(path)
    if position is None:
        return ""
    first = position[0] - 1
    indent = len(lines[first]) - len(lines[first].lstrip(" -"))
    taken = [lines[first][indent:]]
    for line in lines[first + 1 :]:
        if line.strip() and len(line) - len(line.lstrip()) <= indent:
            break
        taken.append(line[indent:])
    while taken and not taken[-1].strip():
        taken.pop()
    if len(taken) > MAX_LINES:
        taken = [*taken[:MAX_LINES], "  …"]
    return "\n".join(taken)


# A commented field: „# key:” or „# - ” (with its indentation), or a line inside a commented
# block („#   text”); a comment in words starts with a capital right after „# ”.
_COMMENTED = re.compile(r"^(\s*)# ?((?:[a-z_]+:(?: |$)|- |  ).*)$")


def switched_on(text: str) -> str:
    """A plan's text with every commented-out field switched on and comments in words dropped."""
    lines = []
    for line in text.splitlines():
        if line.strip() == "#":
            lines.append("")
            continue
        m = _COMMENTED.match(line)
        if m:
            lines.append(m[1] + m[2])
        elif not line.lstrip().startswith("#"):
            lines.append(line.split("  # ", 1)[0].rstrip())
    return "\n".join(lines) + "\n"


def _blank_switched_on() -> str:
    return switched_on(blank_plan(YEAR, f"plan_{YEAR}.yaml"))


def reference_from_file(schema_text: str) -> str:
    """:func:`format_reference` of the schema's JSON text."""
    return format_reference(json.loads(schema_text))
