"""schema/plan.schema.json is what `osl-plan schema` prints, and the examples satisfy it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from helpers import EXAMPLES, ROOT, run_cli

SCHEMA_FILE = ROOT / "schema" / "plan.schema.json"
MODELINE = "# yaml-language-server: $schema=../schema/plan.schema.json"
PLANS = sorted(EXAMPLES.glob("plan_*.yaml"))
TIMESTAMP = "tag:yaml.org,2002:timestamp"


class EditorLoader(yaml.SafeLoader):
    """Reads YAML as yaml-language-server sees it: dates stay strings, numbers are numbers."""


EditorLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != TIMESTAMP]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _schema() -> dict[str, Any]:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert isinstance(schema, dict)
    return schema


def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(
        _schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def _editor_view(text: str) -> Any:
    return yaml.load(text, Loader=EditorLoader)  # a SafeLoader subclass: no object tags


def test_checked_in_schema_is_what_the_command_prints(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OSL_PLAN_LANG")  # Polish, the users' default: the checked-in schema
    monkeypatch.setenv("LANG", "C")
    result = run_cli("schema")
    assert result.exit_code == 0, result.stderr
    assert SCHEMA_FILE.read_text(encoding="utf-8") == result.stdout, (
        "schema/plan.schema.json is stale: run `make docs` and commit it"
    )


def _texts(node: Any, path: str = "") -> dict[str, str]:
    """Every title and description in a schema, by where it is."""
    found: dict[str, str] = {}
    if isinstance(node, dict):
        for key, value in node.items():
            if key in {"title", "description"} and isinstance(value, str):
                found[f"{path}/{key}"] = value
            else:
                found |= _texts(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, item in enumerate(node):
            found |= _texts(item, f"{path}/{index}")
    return found


def test_english_schema_differs_only_in_its_titles_and_descriptions() -> None:
    english = json.loads(run_cli("schema").stdout)  # the suite runs with OSL_PLAN_LANG=en
    polish = _schema()
    english_texts, polish_texts = _texts(english), _texts(polish)
    assert english_texts.keys() == polish_texts.keys()
    assert english["$defs"]["Task"]["properties"]["dzialania"]["title"] == "Sub-items"
    assert polish["$defs"]["Task"]["properties"]["dzialania"]["title"] == "Działania"
    # Every text is translated: only the plan's own Polish name is the same in both.
    same = [where for where, text in english_texts.items() if polish_texts[where] == text]
    assert same == ["/title"], same
    assert _strip_texts(english) == _strip_texts(polish)


def _strip_texts(node: Any) -> Any:
    if isinstance(node, dict):
        return {
            key: _strip_texts(value)
            for key, value in node.items()
            if not (key in {"title", "description"} and isinstance(value, str))
        }
    if isinstance(node, list):
        return [_strip_texts(item) for item in node]
    return node


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(_schema())


def test_examples_exist() -> None:
    assert {p.name for p in PLANS} >= {"plan_2022.yaml", "plan_2023.yaml"}


@pytest.mark.parametrize("plan", PLANS, ids=[p.name for p in PLANS])
def test_example_modeline_points_at_the_schema(plan: Path) -> None:
    first_line = plan.read_text(encoding="utf-8").splitlines()[0]
    assert first_line == MODELINE
    target = first_line.split("$schema=", 1)[1]
    assert (plan.parent / target).resolve() == SCHEMA_FILE.resolve()


@pytest.mark.parametrize("plan", PLANS, ids=[p.name for p in PLANS])
def test_schema_accepts_the_example(plan: Path) -> None:
    errors = sorted(
        _validator().iter_errors(_editor_view(plan.read_text(encoding="utf-8"))), key=str
    )
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("rok: 2023", "rok: dwa tysiące", "rok"),
        ("zadania:", "zadanka:", "zadania"),
        ("\n    termin: ", "\n    terminy: ", "terminy"),
    ],
)
def test_schema_rejects_what_the_loader_rejects(
    example_2023: Path, old: str, new: str, field: str
) -> None:
    text = example_2023.read_text(encoding="utf-8")
    assert old in text
    broken = text.replace(old, new, 1)
    assert run_cli("validate", "-", stdin=broken.encode("utf-8")).exit_code == 1
    errors = list(_validator().iter_errors(_editor_view(broken)))
    assert errors
    assert any(field in f"{list(e.absolute_path)} {e.message}" for e in errors)
