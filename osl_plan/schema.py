"""The JSON Schema of the plan format, for editors (yaml-language-server) and other tools.

Its titles and descriptions (what editors show on hover) are in the reader's language, like every
message: ``osl-plan schema`` prints Polish by default and English with ``OSL_PLAN_LANG=en``. The
checked-in schema/plan.schema.json is the Polish one (``make docs``).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from osl_plan.funding import PRESETS
from osl_plan.i18n import N_, _, translations
from osl_plan.model import Plan

SCHEMA_ID = "https://osl-plan.github.io/schema/plan.schema.json"


#: The title of each part of the plan ($defs), and its description (what the model's docstring
#: says, for the reader of the schema).
_DEFS: dict[str, tuple[str, str]] = {
    "Task": (
        N_("Task"),
        N_("One row of the plan's table: ZADANIE | ADRESACI | TERMINY PLANOWANYCH DZIAŁAŃ."),
    ),
    "Section": (
        N_("Chapter"),
        N_("An extra chapter (goals, methods, partners, expected results …)."),
    ),
    "Signature": (N_("Signature"), N_("One side of the signature block.")),
    "Signatures": (
        N_("Signatures"),
        N_("The signature block: who drafted the plan and who approved it."),
    ),
    "Realisation": (
        N_("Realisation"),
        N_("What was done of a task (realizacja): status, events, partners, results."),
    ),
    "Event": (
        N_("Event"),
        N_("One event of a task: a meeting, a trip, a workshop (wydarzenia)."),
    ),
    "AttendanceSettings": (
        N_("Attendance lists"),
        N_("Settings of the attendance lists (osl-plan lista)."),
    ),
    "Funding": (
        N_("EU funding strip"),
        N_("The EU funding strip: a preset, or the marks of a custom strip, and the user's image."),
    ),
    "Column": (
        N_("Column"),
        N_("One column of the task table: which task field it shows, and its heading."),
    ),
    "Goal": (
        N_("Specific goal"),
        N_("One specific goal; tasks name it in cel by its id or number."),
    ),
    "Goals": (
        N_("Goals"),
        N_("The plan's goals: a main goal and specific goals the table is grouped under."),
    ),
    "Logo": (N_("Logo"), N_("The unit's logo on page one, above its name.")),
}
#: The title of each key, wherever it appears.
_TITLES: dict[str, str] = {
    "rok": N_("Year"),
    "tytul": N_("Title"),
    "jednostka": N_("Institution"),
    "gmina": N_("Municipality"),
    "wstep": N_("Introduction"),
    "sekcje": N_("Chapters"),
    "zadania": N_("Tasks"),
    "finansowanie": N_("Funding"),
    "podpisy": N_("Signatures"),
    "id": N_("Identifier"),
    "zadanie": N_("Task"),
    "dzialania": N_("Sub-items"),
    "adresaci": N_("Addressees"),
    "termin": N_("Term"),
    "tresc": N_("Text"),
    "realizacja": N_("Realisation"),
    "status": N_("Status"),
    "powod": N_("Reason"),
    "wydarzenia": N_("Events"),
    "uczestnicy": N_("Participants"),
    "opis": N_("Description"),
    "rezultaty": N_("Results"),
    "uwagi": N_("Remarks"),
    "lista": N_("Attendance lists"),
    "klauzula": N_("Clause"),
    "osoba": N_("Person"),
    "stanowisko": N_("Position"),
    "data": N_("Date"),
    "opracowal": N_("Drafted by"),
    "zatwierdzil": N_("Approved by"),
    "wzor": N_("Preset"),
    "znaki": N_("Marks"),
    "obraz": N_("Image"),
    "kolor": N_("Colour"),
    "zalacznik": N_("Framing line"),
    "logo": N_("Logo"),
    "cele": N_("Goals"),
    "kolumny": N_("Columns"),
    "glowny": N_("Main goal"),
    "szczegolowe": N_("Specific goals"),
    "pole": N_("Field"),
    "naglowek": N_("Heading"),
    "etykieta": N_("Label"),
    "lp": N_("Number (Lp.)"),
    "cel": N_("Goal"),
    "partnerzy": N_("Partners"),
    "realizatorzy": N_("Carried out by"),
    "miejsce": N_("Place"),
    "odpowiedzialny": N_("Responsible"),
    "koszt": N_("Cost"),
    "zrodlo_finansowania": N_("Source of funding"),
}
_PLAN_DESCRIPTION = N_(
    "A whole community organising plan (plan organizowania społeczności lokalnej)."
)
_PRESET_DESCRIPTION = N_("A preset strip.")


def plan_schema(lang: str | None = None) -> dict[str, Any]:
    """The schema as a dict; accepts the short forms the loader accepts.

    Titles and descriptions are in ``lang`` (``"pl"``, ``"en"``), else in the reader's language.
    """
    schema = Plan.model_json_schema(mode="validation")
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID, **schema}
    props = schema["properties"]
    props["finansowanie"]["anyOf"].insert(
        0, {"type": "string", "enum": list(PRESETS), "description": _PRESET_DESCRIPTION}
    )
    task = schema["$defs"]["Task"]["properties"]
    for key in ("adresaci", "partnerzy", "realizatorzy", "rezultaty"):  # a text or a list
        task[key] = {
            "description": task[key].get("description", ""),
            "anyOf": [
                {"type": "string"},
                {"type": "array", "items": {"type": "string"}},
                {"type": "null"},
            ],
        }
    for key in ("lp", "cel", "koszt"):  # also written as numbers: lp: 1, koszt: 2000
        task[key]["anyOf"] = [{"type": "string"}, {"type": "number"}, {"type": "null"}]
    _short_forms(schema)
    task["dzialania"]["anyOf"] = [{"type": "array", "items": {"type": "string"}}, {"type": "null"}]
    task["dzialania"].pop("type", None)
    task["dzialania"].pop("items", None)
    signature = schema["$defs"]["Signature"]["properties"]["data"]
    signature["anyOf"] = [
        {"type": "string", "format": "date"},
        {"type": "string"},
        {"type": "null"},
    ]
    _translate(schema, translations(lang).gettext if lang else _)
    return schema


def _short_forms(schema: dict[str, Any]) -> None:
    """What the loader also accepts: a logo as its file, columns as field names, goals as text."""
    props, defs = schema["properties"], schema["$defs"]
    props["logo"]["anyOf"].insert(0, {"type": "string"})
    columns = next(a for a in props["kolumny"]["anyOf"] if a.get("type") == "array")
    columns["items"] = {"anyOf": [defs["Column"]["properties"]["pole"], columns["items"]]}
    goals = defs["Goals"]["properties"]["szczegolowe"]
    goals["items"] = {"anyOf": [{"type": "string"}, goals["items"]]}


def _translate(schema: dict[str, Any], gettext: Callable[[str], str]) -> None:
    """Titles and descriptions in the reader's language (the schema holds them in English)."""
    schema["description"] = gettext(_PLAN_DESCRIPTION)
    for name, (title, description) in _DEFS.items():
        if name in schema["$defs"]:
            schema["$defs"][name]["title"] = gettext(title)
            schema["$defs"][name]["description"] = gettext(description)
    models = [schema, *schema["$defs"].values()]
    for model in models:
        for key, prop in model.get("properties", {}).items():
            if key in _TITLES:
                prop["title"] = gettext(_TITLES[key])
            _translate_descriptions(prop, gettext)


def _translate_descriptions(node: Any, gettext: Callable[[str], str]) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "description" and isinstance(value, str):
                node[key] = gettext(value)
            else:
                _translate_descriptions(value, gettext)
    elif isinstance(node, list):
        for item in node:
            _translate_descriptions(item, gettext)


def schema_text(lang: str | None = None) -> str:
    """The schema as stable, pretty JSON with a final newline (in ``lang``, else the reader's)."""
    return json.dumps(plan_schema(lang), ensure_ascii=False, indent=2) + "\n"


#: Where a plan's editor modeline looks for the schema: a checked-in copy beside or above the plan.
SCHEMA_FILES = (Path("schema") / "plan.schema.json", Path("plan.schema.json"))


def schema_ref_for(folder: Path, *, levels: int = 4) -> str | None:
    """The relative path from ``folder`` to the nearest plan.schema.json above it, if any."""
    start = folder.resolve()
    for base in [start, *start.parents][: levels + 1]:
        for name in SCHEMA_FILES:
            if (base / name).is_file():
                return Path(os.path.relpath(base / name, start)).as_posix()
    return None
