"""The pre-commit hook and the GitHub Actions example are well-formed and do what they say."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml
from helpers import EXAMPLES, ROOT

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


# ---- git diff driver, configured exactly as docs/ci.md says ------------------------------------
# The driver's own behaviour (new files, broken plans, wrong arguments) is tested in
# tests/test_diff_cli.py; these check the setup the documents give, word for word.

GITATTRIBUTES_LINE = "plan_*.yaml diff=osl-plan"
DRIVER_COMMAND = "osl-plan diff --git-driver"


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    script_dir = str(Path(sys.executable).parent)  # where the `osl-plan` script is installed
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env |= {"PATH": script_dir + os.pathsep + env.get("PATH", ""), "NO_COLOR": "1"}
    env |= {"HOME": str(repo.parent), "GIT_CONFIG_NOSYSTEM": "1", "GIT_PAGER": "cat"}
    return subprocess.run(
        ["git", *args], cwd=repo, env=env, capture_output=True, text=True, timeout=120, check=False
    )


def test_documents_give_the_same_driver_setup() -> None:
    for document in (ROOT / "docs" / "ci.md", ROOT / "README.md"):
        text = document.read_text(encoding="utf-8")
        assert GITATTRIBUTES_LINE in text, document.name
        assert f'git config diff.osl-plan.command "{DRIVER_COMMAND}"' in text, document.name


def test_git_diff_shows_the_task_level_diff(tmp_path: Path, example_2023: Path) -> None:
    repo = tmp_path / "plany"
    repo.mkdir()
    for args in (
        ("init", "-q", "-b", "main"),
        ("config", "user.name", "Centrum Usług Społecznych"),
        ("config", "user.email", "cus@example.org"),
        ("config", "commit.gpgsign", "false"),
        ("config", "diff.osl-plan.command", DRIVER_COMMAND),
    ):
        assert _git(repo, *args).returncode == 0
    (repo / ".gitattributes").write_text(GITATTRIBUTES_LINE + "\n", encoding="utf-8")
    plan = repo / "plan_2023.yaml"
    original = example_2023.read_text(encoding="utf-8")
    plan.write_text(original, encoding="utf-8")
    assert _git(repo, "add", ".").returncode == 0
    assert _git(repo, "commit", "-q", "-m", "Plan na 2023 rok").returncode == 0

    changed = original.replace("Akcja kreowania nowej nazwy CUS", "Akcja wyboru nowej nazwy CUS")
    assert changed != original
    plan.write_text(changed, encoding="utf-8")
    result = _git(repo, "diff")
    assert result.returncode == 0, result.stderr
    # Task-level: the task is named and the words that changed are marked, no YAML hunk headers.
    assert "Kampania medialna promująca działania CUS" in result.stdout
    assert "[-kreowania-]{+wyboru+}" in result.stdout
    assert "@@" not in result.stdout
    # --no-ext-diff still gives git's own line diff, as documented.
    raw = _git(repo, "diff", "--no-ext-diff")
    assert "@@" in raw.stdout
    assert "-      - Akcja kreowania nowej nazwy CUS" in raw.stdout


def test_workflow_installs_osl_plan_from_a_source_that_exists() -> None:
    """Not a package index name (there is none yet): the project's repository, as ci.md says."""
    import tomllib

    homepage = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "urls"
    ]["Homepage"]
    (install,) = [
        s for s in _workflow()["jobs"]["plans"]["steps"] if s.get("name") == "Install osl-plan"
    ]
    assert install["run"] == 'python -m pip install "$OSL_PLAN_SOURCE"'
    source = install["env"]["OSL_PLAN_SOURCE"]
    assert source.startswith(f"git+{homepage}@")
    guide = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    assert source in guide
    assert "python -m pip wheel --no-deps . -w dist" in guide
