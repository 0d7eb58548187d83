"""The README's exit-code table is the code's: every documented code exists and vice versa."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import ROOT, run_cli

from osl_plan.errors import ExitCode


def _documented_codes() -> set[int]:
    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme.split("<!-- section: exit-codes -->")[1].split("<!-- end: exit-codes -->")[0]
    return {int(code) for code in re.findall(r"^\| (\d+) \|", section, flags=re.MULTILINE)}


def test_readme_lists_exactly_the_codes_the_code_uses() -> None:
    assert _documented_codes() == set(map(int, ExitCode))


def test_usage_error_exits_2() -> None:
    result = run_cli("render", "--format", "rtf", "examples/plan_2023.yaml", cwd=ROOT)
    assert result.exit_code == ExitCode.USAGE
    assert "Traceback" not in result.stderr


def test_missing_file_exits_2_with_one_message(tmp_path: Path) -> None:
    result = run_cli("validate", tmp_path / "nie_ma.yaml")
    assert result.exit_code == ExitCode.USAGE
    assert result.stderr.strip().splitlines() == [
        f"Error: {tmp_path / 'nie_ma.yaml'}: no such file — check the path"
    ]


def test_a_bug_exits_3_with_one_message_and_no_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    """An exception the library does not expect is a bug: one line saying so, exit code 3."""
    from osl_plan import validate

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("broken on purpose")

    monkeypatch.delenv("OSL_PLAN_DEBUG", raising=False)
    monkeypatch.setattr(validate, "validate_file", broken)
    result = run_cli("validate", "examples/plan_2023.yaml", cwd=ROOT)
    assert result.exit_code == ExitCode.INTERNAL_ERROR
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("osl-plan: internal error (RuntimeError: broken on purpose).")
    assert len(result.stderr.strip().splitlines()) == 1


def test_the_git_driver_says_a_wrong_call_and_exits_0() -> None:
    """git must always get an answer: the driver's message goes to stdout, the exit code is 0."""
    result = run_cli("diff", "--git-driver", "a", "b", cwd=ROOT)
    assert result.exit_code == ExitCode.OK
    assert result.stdout.startswith("osl-plan diff --git-driver: git passes 7 arguments")
    assert result.stderr == ""
