"""``osl-plan diff`` as a user runs it: years, formats, exit codes, and git's diff driver."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from helpers import EXAMPLES, run_cli


def test_years_resolve_in_examples_and_output_names_the_files(tmp_path: Path) -> None:
    result = run_cli("diff", "2022", "2023", cwd=EXAMPLES.parent)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "--- examples/plan_2022.yaml (rok 2022, 20 tasks)"
    assert lines[1] == "+++ examples/plan_2023.yaml (rok 2023, 18 tasks)"
    assert "\x1b[" not in result.stdout


def test_plans_dir_and_missing_year(tmp_path: Path) -> None:
    shutil.copy(EXAMPLES / "plan_2023.yaml", tmp_path / "plan_2023.yaml")
    shutil.copy(EXAMPLES / "plan_2022.yaml", tmp_path / "plan_2024.yaml")
    ok = run_cli("diff", "2023", "2024", "--plans-dir", tmp_path, "-f", "json")
    assert ok.exit_code == 0, ok.stderr
    assert json.loads(ok.stdout)["new"]["file"] == str(tmp_path / "plan_2024.yaml")
    missing = run_cli("diff", "2021", "2023", "--plans-dir", tmp_path)
    assert missing.exit_code == 2
    assert missing.stderr.startswith("Error: no plan for the year 2021: looked for ")
    assert missing.stdout == ""


def test_exit_codes(tmp_path: Path) -> None:
    old, new = EXAMPLES / "plan_2022.yaml", EXAMPLES / "plan_2023.yaml"
    assert run_cli("diff", old, new).exit_code == 0
    assert run_cli("diff", old, new, "--exit-code").exit_code == 1
    assert run_cli("diff", new, new, "--exit-code").exit_code == 0
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        "rok: 2023\nzadania:\n  - zadanie: X\n    termin: 2023-13\n", encoding="utf-8"
    )
    bad = run_cli("diff", old, broken)
    assert bad.exit_code == 2 and bad.stdout == ""
    assert f"{broken}:4" in bad.stderr
    assert run_cli("diff", old).exit_code == 2


def test_ignore_order_hides_moves(tmp_path: Path) -> None:
    case = Path(__file__).parent / "diff_cases" / "moves"
    assert run_cli("diff", case / "old.yaml", case / "new.yaml", "--exit-code").exit_code == 1
    quiet = run_cli("diff", case / "old.yaml", case / "new.yaml", "--exit-code", "--ignore-order")
    assert quiet.exit_code == 0 and "Moved" not in quiet.stdout


def test_formats_to_files(tmp_path: Path) -> None:
    old, new = EXAMPLES / "plan_2022.yaml", EXAMPLES / "plan_2023.yaml"
    for fmt, name in (("md", "d.md"), ("github", "d.txt"), ("json", "d.json")):
        result = run_cli("diff", old, new, "-f", fmt, "-o", tmp_path / name)
        assert result.exit_code == 0, result.stderr
        assert result.stdout == ""
    assert (tmp_path / "d.md").read_text(encoding="utf-8").startswith("### Plan changes")
    assert json.loads((tmp_path / "d.json").read_text(encoding="utf-8"))["schema"]
    docx = run_cli("diff", old, new, "-f", "docx")
    assert docx.exit_code == 2 and "needs a file" in docx.stderr


def _git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, check=True
    )
    return done.stdout


def test_git_diff_driver_in_a_real_repository(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q")
    _git(repo, "config", "user.email", "ci@example.invalid")
    _git(repo, "config", "user.name", "CI")
    driver = f"{sys.executable} -m osl_plan diff --git-driver"
    _git(repo, "config", "diff.osl-plan.command", driver)
    (repo / ".gitattributes").write_text("plan_*.yaml diff=osl-plan\n", encoding="utf-8")
    plan = repo / "plan_2023.yaml"
    shutil.copy(EXAMPLES / "plan_2022.yaml", plan)
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "2022")
    shutil.copy(EXAMPLES / "plan_2023.yaml", plan)
    changed = _git(repo, "diff", "--ext-diff")
    assert "osl-plan diff a/plan_2023.yaml b/plan_2023.yaml" in changed
    summary = "2 added, 4 removed, 9 changed, 2 with only the year changed, 1 moved, 5 unchanged"
    assert summary in changed
    assert "--- a/plan_2023.yaml (rok 2022, 20 tasks)" in changed
    _git(repo, "add", ".")
    shutil.copy(EXAMPLES / "plan_2023.yaml", repo / "plan_2024.yaml")
    _git(repo, "add", "plan_2024.yaml")
    added = _git(repo, "diff", "--cached", "--ext-diff", "--", "plan_2024.yaml")
    assert "new plan: plan_2024.yaml (rok 2023, 18 tasks)" in added
    plan.write_text("rok: [\n", encoding="utf-8")
    broken = _git(repo, "diff", "--ext-diff", "--", "plan_2023.yaml")  # check=True: exit 0
    assert "cannot compare:\n  plan_2023.yaml:2:1: YAML syntax" in broken
    (repo / "plan_2025.yaml").write_text("rok: 2025\nzadania: []\n", encoding="utf-8")
    _git(repo, "add", "-N", "plan_2025.yaml")
    unreadable = _git(repo, "diff", "--ext-diff", "--", "plan_2025.yaml")
    header = "osl-plan diff a/plan_2025.yaml b/plan_2025.yaml\ncannot read the plan:\n  "
    assert header + "plan_2025.yaml:2:10: zadania: needs at least one item" in unreadable


def test_git_driver_wrong_arguments_still_exit_zero() -> None:
    result = run_cli("diff", "--git-driver", "only-one")
    assert result.exit_code == 0
    assert "git passes 7 arguments" in result.stdout
