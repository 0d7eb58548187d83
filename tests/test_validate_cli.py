"""``osl-plan validate``: exit codes, and the text, JSON and GitHub reports."""

from __future__ import annotations

import json
from pathlib import Path

from helpers import run_cli

from osl_plan.errors import ExitCode, Problem
from osl_plan.validate import FileReport
from osl_plan.validate_out import format_github, format_text

INVALID = Path(__file__).parent / "invalid"


def test_valid_plan_exit_0(example_2023: Path) -> None:
    result = run_cli("validate", example_2023)
    assert result.exit_code == 0
    assert result.stdout.strip().endswith("valid (18 tasks)")
    assert result.stderr == ""


def test_one_task_is_singular() -> None:
    report = FileReport(file="plan.yaml", tasks=1)
    assert format_text([report])[0] == ["plan.yaml: valid (1 task)"]


def test_exit_codes_1_for_invalid_and_2_for_unreadable(example_2023: Path, tmp_path: Path) -> None:
    assert run_cli("validate", example_2023, INVALID / "missing_rok.yaml").exit_code == 1
    missing = run_cli(
        "validate", example_2023, tmp_path / "nope.yaml", INVALID / "missing_rok.yaml"
    )
    assert missing.exit_code == 2
    assert "nope.yaml: no such file" in missing.stderr
    assert "missing_rok.yaml:1:1: rok: is missing" in missing.stderr
    assert "Traceback" not in missing.stderr


def test_usage_error_is_exit_2() -> None:
    result = run_cli("validate", "--format", "xml", "x.yaml")
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr


def test_stdin(example_2023: Path) -> None:
    result = run_cli("validate", "-", stdin=example_2023.read_bytes())
    assert result.exit_code == 0
    assert "<stdin>: valid" in result.stdout


def test_json_report(example_2023: Path) -> None:
    result = run_cli("validate", "--format", "json", example_2023, INVALID / "many_errors.yaml")
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert document["valid"] is False
    good, bad = document["files"]
    assert good == {"file": str(example_2023), "valid": True, "tasks": 18, "problems": []}
    assert bad["valid"] is False
    assert len(bad["problems"]) == 7
    first = bad["problems"][0]
    assert first == {
        "code": "unknown-key",
        "severity": "error",
        "line": 2,
        "column": 1,
        "field": "tytuł",
        "message": "unknown key „tytuł”",
        "hint": "did you mean „tytul”? keys are written without Polish letters",
    }


def test_json_report_of_an_unreadable_file(tmp_path: Path) -> None:
    result = run_cli("validate", "-f", "json", tmp_path / "nope.yaml")
    assert result.exit_code == 2
    [file] = json.loads(result.stdout)["files"]
    assert "no such file" in file["problems"][0]["message"]


def test_github_annotations(tmp_path: Path) -> None:
    plan = tmp_path / "plan, 100%: x.yaml"
    plan.write_text("rok: 2023\nzadania:\n  - zadanie: A\n    termin: Smarzec 2023\n")
    result = run_cli("validate", "--format", "github", plan)
    assert result.exit_code == 1
    [line] = result.stdout.splitlines()
    name = str(plan).replace("%", "%25").replace(":", "%3A").replace(",", "%2C")
    assert line.startswith(
        f"::error file={name},line=4,col=13,title=osl-plan invalid-term%3A zadania[1].termin::"
    )
    assert line.endswith(
        "„Smarzec 2023” is not a month, a range of months, a quarter or a year"
        " — did you mean „marzec”?"
    )


def test_github_escaping_of_data_and_properties() -> None:
    report = FileReport(
        "a,b:c%.yaml",
        (Problem("50% done\nnext, line: x", "zadania[1].id", "fix: it\r", "a,b:c%.yaml", 3, 7),),
        exit_code=ExitCode.FAILURE,
    )
    [line] = format_github([report])
    assert line == (
        "::error file=a%2Cb%3Ac%25.yaml,line=3,col=7,title=osl-plan%3A zadania[1].id"
        "::50%25 done%0Anext, line: x — fix: it%0D"
    )
    assert "\n" not in line
