"""Warnings: printed, located, exit code 0; ``--strict`` makes them errors.

Each case in ``tests/warnings/`` is a valid plan with something in it that is probably not what
was meant. Goldens (``*.expected``, Polish ``*.pl.expected``) are rewritten only with
OSL_PLAN_UPDATE_GOLDEN=1; review the diff before committing it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import run_cli, update_golden

CORPUS = Path(__file__).resolve().parent / "warnings"
CASES = sorted(CORPUS.glob("*.yaml"))
UPDATE = update_golden()
CODES = {
    "term_after_year": "term-after-year",
    "comment_in_value": "comment-in-value",
    "indented_list_item": "indented-list-item",
    "term_months_assumed": "term-months-assumed",
}


def _golden(path: Path, text: str) -> str:
    if UPDATE:
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no golden {path.name}; run with OSL_PLAN_UPDATE_GOLDEN=1"
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_a_warning_is_printed_and_the_plan_stays_valid(case: Path) -> None:
    result = run_cli("validate", case.name, cwd=CORPUS)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(f"{case.name}: valid (")
    assert result.stderr == _golden(case.with_suffix(".expected"), result.stderr)
    lines = result.stderr.splitlines()
    assert lines and all(line.startswith(f"Warning: {case.name}:") for line in lines)
    assert all(line.split(":")[2].isdigit() and " — " in line for line in lines)


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_polish_warnings(case: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OSL_PLAN_LANG")
    monkeypatch.setenv("LANG", "C")
    result = run_cli("validate", case.name, cwd=CORPUS)
    assert result.exit_code == 0
    assert result.stderr == _golden(case.with_suffix(".pl.expected"), result.stderr)
    assert all(line.startswith("Ostrzeżenie: ") for line in result.stderr.splitlines())


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_strict_makes_warnings_errors(case: Path) -> None:
    result = run_cli("validate", "--strict", case.name, cwd=CORPUS)
    assert result.exit_code == 1
    assert result.stdout == ""
    *lines, summary = result.stderr.splitlines()
    warnings = case.with_suffix(".expected").read_text(encoding="utf-8").splitlines()
    assert lines == [line.removeprefix("Warning: ") for line in warnings]
    assert summary.startswith(f"{case.name}: ")


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_json_and_github_formats_name_the_warning(case: Path) -> None:
    result = run_cli("validate", "-f", "json", case.name, cwd=CORPUS)
    assert result.exit_code == 0
    [report] = json.loads(result.stdout)["files"]
    assert report["valid"] is True
    assert {p["severity"] for p in report["problems"]} == {"warning"}
    assert {p["code"] for p in report["problems"]} == {CODES[case.stem]}
    github = run_cli("validate", "-f", "github", case.name, cwd=CORPUS)
    assert github.exit_code == 0
    lines = github.stdout.splitlines()
    assert lines and all(line.startswith(f"::warning file={case.name},line=") for line in lines)
    assert all(f"title=osl-plan {CODES[case.stem]}%3A zadania[" in line for line in lines)
    strict = run_cli("validate", "-f", "json", "--strict", case.name, cwd=CORPUS)
    assert strict.exit_code == 1
    assert {p["severity"] for p in json.loads(strict.stdout)["files"][0]["problems"]} == {"error"}


def test_what_yaml_dropped_is_named_and_the_plan_keeps_what_yaml_read() -> None:
    from osl_plan.load import load

    loaded = load(CORPUS / "comment_in_value.yaml")
    task = loaded.plan.zadania[0]
    assert task.zadanie == "Akcja"  # what YAML read; the warning says what was left out
    assert [w.line for w in loaded.warnings] == [3, 4]  # the „  # …” comment is taken as meant
    folded = load(CORPUS / "indented_list_item.yaml").plan.zadania[0]
    assert folded.dzialania == ("Nabór uczestników - Zajęcia sportowe w hali",)


def test_a_plan_with_warnings_still_renders(tmp_path: Path) -> None:
    out = tmp_path / "plan.md"
    result = run_cli("render", CORPUS / "term_after_year.yaml", "-f", "md", "-o", out)
    assert result.exit_code == 0, result.stderr
    assert "Styczeń 2026" in out.read_text(encoding="utf-8")
