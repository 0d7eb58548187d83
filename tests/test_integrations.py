"""The pre-commit hook and the GitHub Actions example are well-formed and do what they say."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml
from conftest import EXAMPLES, ROOT

HOOKS = ROOT / ".pre-commit-hooks.yaml"
WORKFLOW = ROOT / "examples" / "ci" / "osl-plan.yml"


def _hook() -> dict[str, Any]:
    hooks = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    assert isinstance(hooks, list)
    (hook,) = (h for h in hooks if h["id"] == "osl-plan-validate")
    return dict(hook)


def _run_entry(entry: str, files: list[Path]) -> subprocess.CompletedProcess[str]:
    """Run the hook's entry as pre-commit would: the command, then the matching file names."""
    words = shlex.split(entry)
    assert words[0] == "osl-plan"
    script = Path(sys.executable).with_name("osl-plan")
    return subprocess.run(
        [str(script), *words[1:], *map(str, files)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_hook_definition() -> None:
    hook = _hook()
    assert hook["language"] == "python"
    assert hook["entry"] == "osl-plan validate"
    assert hook.get("pass_filenames", True) is True


def test_hook_selects_plan_files_only() -> None:
    pattern = re.compile(_hook()["files"])
    for name in ("plan_2023.yaml", "examples/plan_2022.yaml", "plany/gmina/plan_2024.yml"):
        assert pattern.search(name), name
    for name in (".pre-commit-config.yaml", "examples/ci/osl-plan.yml", "schema/plan.schema.json"):
        assert not pattern.search(name), name
    selected = sorted(
        p.name for p in ROOT.rglob("*.y*ml") if pattern.search(str(p.relative_to(ROOT)))
    )
    assert "plan_2023.yaml" in selected


def test_hook_entry_passes_the_examples() -> None:
    result = _run_entry(_hook()["entry"], sorted(EXAMPLES.glob("plan_*.yaml")))
    assert result.returncode == 0, result.stdout + result.stderr


def test_hook_entry_fails_a_broken_plan(tmp_path: Path, example_2023: Path) -> None:
    broken = tmp_path / "plan_2023.yaml"
    broken.write_text(
        example_2023.read_text(encoding="utf-8").replace("rok: 2023", "rok: dwa"), encoding="utf-8"
    )
    result = _run_entry(_hook()["entry"], [example_2023, broken])
    assert result.returncode == 1
    assert f"{broken}:7:" in result.stdout + result.stderr


def _workflow() -> dict[Any, Any]:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert isinstance(workflow, dict)
    return workflow


def test_workflow_is_a_pull_request_workflow() -> None:
    workflow = _workflow()
    trigger = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert "**/plan_*.yaml" in trigger["pull_request"]["paths"]
    assert workflow["permissions"]["pull-requests"] == "write"
    steps = workflow["jobs"]["plans"]["steps"]
    assert all("uses" in step or "run" in step for step in steps)


def test_workflow_runs_the_documented_commands() -> None:
    runs = "\n".join(step.get("run", "") for step in _workflow()["jobs"]["plans"]["steps"])
    assert "osl-plan validate --format github" in runs
    assert re.search(r"osl-plan diff .* --format md >> \"\$report\"", runs)
    assert '>> "$GITHUB_STEP_SUMMARY"' in runs
    assert "gh pr comment" in runs
    assert re.search(r"osl-plan diff .* --exit-code", runs)


def test_workflow_shell_steps_parse() -> None:
    for step in _workflow()["jobs"]["plans"]["steps"]:
        if "run" in step:
            check = subprocess.run(
                ["bash", "-n"], input=step["run"], capture_output=True, text=True, check=False
            )
            assert check.returncode == 0, f"{step.get('name')}: {check.stderr}"
