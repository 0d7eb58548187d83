"""`osl-plan new`: next year's draft from this year's plan."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from helpers import run_cli

from osl_plan.errors import UsageError
from osl_plan.load import load, loads
from osl_plan.model import Plan
from osl_plan.newyear import carry_forward
from osl_plan.yamlout import dump_plan


def _plan() -> Plan:
    return Plan.model_validate(
        {
            "rok": 2023,
            "zadania": [
                {"id": "wakacje", "zadanie": "„Wakacje 2023” – zajęcia", "termin": "lipiec 2023"},
                {
                    "zadanie": "Rocznica powstania klubu z 1998 roku",
                    "dzialania": ["Wystawa 1998–2023"],
                    "termin": "grudzień 2023 – styczeń 2024",
                },
                {"zadanie": "Spotkania", "termin": "cały rok"},
            ],
            "podpisy": {
                "opracowal": {"osoba": "Organizator", "data": "05.01.2023"},
                "zatwierdzil": {"stanowisko": "Dyrektor CUS", "data": "2023-01-09"},
            },
        },
        context={"rok": 2023},
    )


def test_years_terms_and_mentions_move_ids_stay_dates_clear() -> None:
    carried = carry_forward(_plan(), 2024, source="plan_2023.yaml")
    plan = carried.plan
    assert plan.rok == 2024
    assert [t.id for t in plan.zadania] == ["wakacje", None, None]
    assert plan.zadania[0].zadanie == "„Wakacje 2024” – zajęcia"
    assert plan.zadania[0].termin.text == "lipiec 2024"
    # A historical year stays; the plan's own years move.
    assert plan.zadania[1].zadanie == "Rocznica powstania klubu z 1998 roku"
    assert plan.zadania[1].dzialania == ("Wystawa 1998–2024",)
    assert plan.zadania[1].termin.text == "grudzień 2024 – styczeń 2025"
    assert (plan.zadania[2].termin.start.year, plan.zadania[2].termin.end.year) == (2024, 2024)
    assert plan.podpisy.opracowal.data is None
    assert plan.podpisy.opracowal.osoba == "Organizator"
    assert plan.podpisy.zatwierdzil.data is None
    assert plan.podpisy.zatwierdzil.stanowisko == "Dyrektor CUS"
    assert carried.summary[0].startswith("Draft for 2024, carried over from the 2023 plan")
    assert any("zadania[1].zadanie" in line for line in carried.summary)
    assert loads(dump_plan(plan, header=carried.summary)).plan == plan


def test_same_or_impossible_year_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="already for 2023"):
        carry_forward(_plan(), 2023)
    with pytest.raises(UsageError, match="out of range"):
        carry_forward(_plan(), 2200)


def test_cli_writes_a_valid_draft_that_diff_sees_as_a_carry_over(
    tmp_path: Path, example_2023: Path
) -> None:
    result = run_cli("new", "2024", "--from", example_2023, "-o", "plan_2024.yaml", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    text = (tmp_path / "plan_2024.yaml").read_text(encoding="utf-8")
    assert text.startswith("# Editor checking:")  # no schema file near tmp_path
    assert "# Draft for 2024, carried over from the 2023 plan (plan_2023.yaml)" in text
    new = load(tmp_path / "plan_2024.yaml").plan
    old = load(example_2023).plan
    assert new.rok == 2024
    assert len(new.zadania) == len(old.zadania)
    assert "„Wakacje 2024”" in new.zadania[14].zadanie
    assert all(t.termin.start.year >= 2024 for t in new.zadania)
    assert run_cli("validate", tmp_path / "plan_2024.yaml").exit_code == 0
    diff = run_cli("diff", example_2023, tmp_path / "plan_2024.yaml", "--format", "json")
    assert diff.exit_code == 0, diff.stderr
    report = json.loads(diff.stdout)
    assert report["year_shift"] == 1
    assert report["differences"] is False
    assert [len(report[k]) for k in ("added", "removed", "changed", "moved")] == [0, 0, 0, 0]
    assert len(report["carried_over"]) == 3  # the three tasks whose names say 2023
    exit_code = run_cli("diff", example_2023, tmp_path / "plan_2024.yaml", "--exit-code")
    assert exit_code.exit_code == 0, exit_code.stdout


def test_cli_stdout_default_name_and_errors(tmp_path: Path, example_2023: Path) -> None:
    result = run_cli("new", "2024", "--from", example_2023, "-o", "-")
    assert result.exit_code == 0
    assert "rok: 2024\n" in result.stdout
    assert run_cli("new", "2024", "--from", example_2023, cwd=tmp_path).exit_code == 0
    assert (tmp_path / "plan_2024.yaml").exists()
    result = run_cli("new", "2023", "--from", example_2023, cwd=tmp_path)
    assert result.exit_code == 2
    assert "Error: the plan is already for 2023" in result.stderr
    result = run_cli("new", "2024", "--from", tmp_path / "missing.yaml")
    assert result.exit_code == 2


def test_dates_are_cleared_even_when_the_plan_had_them() -> None:
    plan = _plan()
    assert plan.podpisy.opracowal.data == dt.date(2023, 1, 5)
    assert carry_forward(plan, 2025).plan.podpisy.opracowal.data is None


def test_modeline_points_at_the_schema_checked_in_above_the_output(
    tmp_path: Path, example_2023: Path
) -> None:
    (tmp_path / "schema").mkdir()
    (tmp_path / "schema" / "plan.schema.json").write_text("{}", "utf-8")
    (tmp_path / "plans").mkdir()
    result = run_cli(
        "new", "2024", "--from", example_2023, "-o", "plans/plan_2024.yaml", cwd=tmp_path
    )
    assert result.exit_code == 0, result.stderr
    first = (tmp_path / "plans" / "plan_2024.yaml").read_text("utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schema/plan.schema.json"
