"""Start-up guard for the loader: a valid plan is validated without the error-only modules.

Deterministic (lists ``sys.modules`` after a real run; no timing). The messages module (and
the model lookup tables it builds) is imported only when there is something to report.
"""

from __future__ import annotations

from pathlib import Path

from helpers import modules_after


def test_a_valid_plan_needs_no_messages(example_2023: Path) -> None:
    modules = modules_after("validate", example_2023)
    assert "osl_plan.yamlread" in modules  # the plan was read
    assert "osl_plan.explain" not in modules


def test_an_invalid_plan_still_gets_its_messages(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text("rok: 2023\nyear: 2023\nzadania: []\n", encoding="utf-8")
    modules = modules_after("validate", plan)
    assert "osl_plan.explain" in modules
