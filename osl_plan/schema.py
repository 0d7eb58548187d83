"""The JSON Schema of the plan format, for editors (yaml-language-server) and other tools."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from osl_plan.funding import PRESETS
from osl_plan.model import Plan

SCHEMA_ID = "https://osl-plan.github.io/schema/plan.schema.json"


def plan_schema() -> dict[str, Any]:
    """The schema as a dict; accepts the short forms the loader accepts."""
    schema = Plan.model_json_schema(mode="validation")
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID, **schema}
    props = schema["properties"]
    props["finansowanie"]["anyOf"].insert(
        0, {"type": "string", "enum": list(PRESETS), "description": "A preset strip."}
    )
    task = schema["$defs"]["Task"]["properties"]
    task["adresaci"] = {
        "description": task["adresaci"].get("description", ""),
        "anyOf": [
            {"type": "string"},
            {"type": "array", "items": {"type": "string"}},
            {"type": "null"},
        ],
    }
    task["dzialania"]["anyOf"] = [{"type": "array", "items": {"type": "string"}}, {"type": "null"}]
    task["dzialania"].pop("type", None)
    task["dzialania"].pop("items", None)
    signature = schema["$defs"]["Signature"]["properties"]["data"]
    signature["anyOf"] = [
        {"type": "string", "format": "date"},
        {"type": "string"},
        {"type": "null"},
    ]
    return schema


def schema_text() -> str:
    """The schema as stable, pretty JSON with a final newline."""
    return json.dumps(plan_schema(), ensure_ascii=False, indent=2) + "\n"


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
