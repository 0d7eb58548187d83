"""The JSON Schema of the plan format, for editors (yaml-language-server) and other tools."""

from __future__ import annotations

import json
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
