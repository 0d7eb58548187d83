"""Plans written as YAML load back as the same plan, and read the way people write them."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from helpers import examples
from hypothesis import HealthCheck, given, settings
from strategies import plans

from osl_plan.load import load, loads
from osl_plan.model import Plan
from osl_plan.yamlout import dump_plan


@pytest.mark.slow
@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans())
def test_any_plan_loads_back_equal(plan: Plan) -> None:
    text = dump_plan(plan, header=["line one", "with\nnewline\x85and U+2028\u2028"])
    assert loads(text).plan == plan


def test_example_round_trips_with_key_order_and_modeline(example_2023: Path) -> None:
    plan = load(example_2023).plan
    text = dump_plan(plan, header=["Imported from plan.docx"], schema="plan.schema.json")
    assert text.startswith("# yaml-language-server: $schema=plan.schema.json\n#\n# Imported from")
    assert loads(text).plan == plan
    top = [line.split(":")[0] for line in text.splitlines() if line[:1].isalpha()]
    assert top == [
        "rok", "tytul", "jednostka", "gmina", "wstep", "zadania", "finansowanie", "podpisy",
    ]  # fmt: skip
    assert "wstep: |\n  Podstawą pracy" in text
    assert "finansowanie: power-2014-2020\n" in text
    assert "  opracowal: {}\n" in text
    # Block style only: no flow collections except the empty signature.
    assert "[" not in text.replace("„", "")


def test_task_keys_in_order_and_comments_placed(example_2023: Path) -> None:
    plan = load(example_2023).plan
    notes = {
        ("zadania", 2): ["adresaci copied from a merged cell"],
        ("zadania", 3, "termin"): ["term „wkrótce” could not be read"],
    }
    text = dump_plan(plan, notes=notes)
    assert loads(text).plan == plan
    lines = text.splitlines()
    item = lines.index("  # adresaci copied from a merged cell")
    assert lines[item + 1].startswith("  - zadanie: Spotkania organizacyjne Rady Społecznej")
    term_note = lines.index("    # term „wkrótce” could not be read")
    assert lines[term_note + 1].startswith("    termin: ")
    first = lines.index("zadania:") + 1
    keys = [line.strip().lstrip("- ").split(":")[0] for line in lines[first : first + 8]]
    assert keys[:2] == ["zadanie", "dzialania"]
    assert keys[-2:] == ["adresaci", "termin"]


def test_awkward_scalars_are_quoted_and_survive() -> None:
    awkward = ["yes", "null", "2023", "key: value", "a #comment", "- dash", "„cudzysłów”", "~"]
    plan = Plan.model_validate(
        {
            "rok": 2023,
            "zadania": [
                {"zadanie": text, "adresaci": [text, "x"], "termin": "2023"} for text in awkward
            ],
        },
        context={"rok": 2023},
    )
    text = dump_plan(plan)
    assert loads(text).plan == plan
    assert yaml.safe_load(text)["zadania"][0]["zadanie"] == "yes"


def test_without_a_schema_file_the_yaml_says_how_to_get_one(example_2023: Path) -> None:
    text = dump_plan(load(example_2023).plan)
    assert text.startswith("# Editor checking: save the schema with „osl-plan schema -o")
    assert "$schema=plan.schema.json" in text.splitlines()[1]
    assert loads(text).plan == load(example_2023).plan
