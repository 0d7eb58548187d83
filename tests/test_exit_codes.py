"""The README's exit-code table is the code's: every documented code exists and vice versa."""

from __future__ import annotations

import re
from pathlib import Path

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
