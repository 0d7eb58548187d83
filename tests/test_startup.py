"""Start-up guard: a command imports only what it uses (deterministic; no timing).

Each case runs the real CLI entry point in a fresh interpreter and lists ``sys.modules`` after the
command finished, so an import moved to module level anywhere on the path fails here.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import os
import subprocess
import sys
from collections.abc import Set as AbstractSet
from pathlib import Path

import pytest
from helpers import modules_after, run_cli

#: Libraries no command needs before it knows it has to render, diff or draw a progress bar.
HEAVY = (
    "docx", "lxml", "jinja2", "rich", "markdown_it", "pygments", "multiprocessing", "matplotlib",
    "starlette", "uvicorn", "ruamel", "multipart",
)  # fmt: skip
#: Our own modules that only some commands use.
OURS = (
    "osl_plan.render.docx", "osl_plan.render.html", "osl_plan.render.libreoffice", "osl_plan.diff",
    "osl_plan.report", "osl_plan.editor",
)  # fmt: skip


def _loaded(modules: AbstractSet[str], names: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if any(m == n or m.startswith(n + ".") for n in names))


#: ``osl-plan validate PLAN`` in a fresh interpreter; then the modules it loaded, and whether the
#: models of a task and of its realizacja were built.
_VALIDATE_PROBE = """
import json, sys
sys.argv = ["osl-plan", "validate", sys.argv[1]]
from osl_plan.cli import main
try:
    main()
except SystemExit:
    pass
sys.stdout.flush()
modules = sorted(sys.modules)
from osl_plan.model import Realisation, Task
built = [Task.__pydantic_complete__, Realisation.__pydantic_complete__]
print("\\n@@" + json.dumps([modules, *built]))
"""


@functools.cache
def _validated(plan: Path) -> tuple[frozenset[str], bool, bool]:
    """What ``osl-plan validate plan`` loaded: its modules, and whether the task's and the
    realizacja's models were built (several tests read the same run)."""
    proc = subprocess.run([sys.executable, "-c", _VALIDATE_PROBE, str(plan)], capture_output=True,
                          text=True, timeout=120, check=False)  # fmt: skip
    assert "@@" in proc.stdout, proc.stderr
    modules, task, realisation = json.loads(proc.stdout.rsplit("@@", 1)[1])
    return frozenset(modules), task, realisation


def test_validate_imports_nothing_heavy(example_2023: Path) -> None:
    modules = _validated(example_2023)[0]
    assert "osl_plan.validate" in modules  # the command did run
    assert _loaded(modules, HEAVY + OURS) == []
    assert _loaded(modules, ("osl_plan.render", "osl_plan.batch", "concurrent.futures")) == []


def test_validate_loads_no_other_command_and_no_realisation_model(example_2023: Path) -> None:
    """Commands are loaded when used, and a plan without realizacja builds none of its models."""
    modules = _validated(example_2023)[0]
    commands = sorted(m for m in modules if m.startswith("osl_plan.cli.") and "._" not in m)
    assert commands == ["osl_plan.cli.validate"]
    assert _validated(example_2023)[1:] == (True, False)
    assert _validated(example_2023.with_name("plan_2023_realizacja.yaml"))[1:] == (True, True)


def test_help_lists_every_command() -> None:
    from osl_plan.cli._commands import COMMANDS

    english = {**os.environ, "OSL_PLAN_LANG": "en"}
    proc = subprocess.run([sys.executable, "-m", "osl_plan", "--help"], capture_output=True,
                          text=True, timeout=120, check=False, env=english)  # fmt: skip
    section = proc.stdout.split("Commands:", 1)[1].split("\n\n", 1)[0].splitlines()
    listed = [line.split()[0] for line in section if line.startswith("  ") and line.split()]
    assert listed == list(COMMANDS)


def test_help_imports_no_loader() -> None:
    modules = modules_after("--help")
    assert _loaded(modules, HEAVY + OURS) == []
    assert "osl_plan.load" not in modules
    assert "yaml" not in modules


def test_a_commands_help_and_the_shells_completion_import_no_pydantic(
    example_2023: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """typer converts every option's value through pydantic; the help flag needs no conversion,
    and neither `osl-plan render --help` nor a Tab completing a command's name loads pydantic
    (60 ms of each)."""
    assert "pydantic" in _validated(example_2023)[0]  # as the check sees it
    assert "pydantic" not in modules_after("render", "--help")
    result = run_cli("render", "--help")
    assert result.exit_code == 0 and result.stdout.startswith("Usage: osl-plan render")
    monkeypatch.setenv("_OSL_PLAN_COMPLETE", "complete_bash")
    monkeypatch.setenv("COMP_WORDS", "osl-plan rend")
    monkeypatch.setenv("COMP_CWORD", "1")
    assert "pydantic" not in modules_after()


@pytest.mark.skipif(
    importlib.util.find_spec("osl_plan.render.docx") is None, reason="no DOCX renderer yet"
)
def test_render_one_docx_needs_no_pool_templates_or_progress_bar(
    example_2023: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))  # empty: nothing kept yet
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # the same dates in both documents
    target = tmp_path / "plan.docx"
    modules = modules_after("render", example_2023, "-f", "docx", "-o", target)
    assert target.is_file()
    # A text strip and no reference document: the skeleton shipped with osl-plan serves.
    assert _loaded(modules, ("docx", "lxml")) == []
    assert not (tmp_path / "cache").exists()
    assert _loaded(modules, ("jinja2", "rich", "multiprocessing", "concurrent.futures")) == []
    unused = ("osl_plan.diff", "osl_plan.render.html", "osl_plan.render.libreoffice")
    assert _loaded(modules, unused) == []
    built = target.read_bytes()
    target.unlink()
    again = modules_after("render", example_2023, "-f", "docx", "-o", target)
    assert "osl_plan.render.docx" in again  # the command did render …
    assert _loaded(again, ("docx", "lxml")) == []  # … from the shipped skeleton again
    assert target.read_bytes() == built


def test_status_imports_nothing_heavy_and_only_report_draws(tmp_path: Path) -> None:
    from helpers import EXAMPLES

    plan = EXAMPLES / "plan_2023_realizacja.yaml"
    modules = modules_after("status", plan, "--na", "2023-05")
    assert "osl_plan.plan_status" in modules  # the command did run
    assert _loaded(modules, HEAVY + OURS) == []
    drawn = modules_after("report", plan, "-f", "html", "-o", tmp_path / "r.html")
    assert (tmp_path / "r.html").is_file()
    assert "matplotlib" in drawn
    assert _loaded(drawn, ("osl_plan.render.docx", "docx", "matplotlib.pyplot")) == []
