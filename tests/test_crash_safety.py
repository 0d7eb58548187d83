"""A killed render leaves the previous output intact; concurrent renders leave one whole file.

The render is killed at named steps of writing its output (Python's audit events), not after a
guessed delay, so every run tests the same thing."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from helpers import run_cli

EXAMPLE = Path(__file__).parent.parent / "examples" / "plan_2023.yaml"


def _plan(folder: Path, name: str, copies: int) -> Path:
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data["zadania"] = data["zadania"] * copies
    path = folder / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def _render(plan: Path, target: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "osl_plan", "render", str(plan), "-f", "docx", "-o", str(target)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


# The render stops itself (SIGSTOP) at a chosen step of writing its output and says so on stderr;
# the test then kills it there. Python's audit events name the steps: ``tempfile.mkstemp`` (the
# document is built, its temporary file about to be created) and ``os.rename`` (os.replace: the
# temporary file is complete and about to take the output's name).
_STOPPING_RENDER = """
import os, runpy, signal, sys
event, target = sys.argv.pop(1), sys.argv.pop(1)
def stop(name, args):
    if name == event and any(str(a).endswith(target) for a in args):
        sys.stderr.write("@@STOPPED@@\\n")
        sys.stderr.flush()
        os.kill(os.getpid(), signal.SIGSTOP)
sys.addaudithook(stop)
sys.argv[0] = "osl-plan"
runpy.run_module("osl_plan", run_name="__main__")
"""


def _render_until(event: str, name: str, plan: Path, target: Path) -> subprocess.Popen[bytes]:
    """A render of ``plan`` into ``target``, stopped at the audit ``event`` naming ``name``."""
    process = subprocess.Popen(
        [sys.executable, "-c", _STOPPING_RENDER, event, name, "render", str(plan), "-f", "docx",
         "-o", str(target)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )  # fmt: skip
    assert process.stderr is not None
    ready, _, _ = select.select([process.stderr], [], [], 300)  # generous: a busy machine
    assert ready, "the render did not reach the step"
    line = process.stderr.readline()
    assert line == b"@@STOPPED@@\n", line + process.stderr.read()
    return process


def _task_rows(path: Path) -> int:
    import docx

    document = docx.Document(str(path))
    # The table's last row is the signature block, not a task.
    return sum(len(table.rows) for table in document.tables) - 1


@pytest.fixture(scope="module")
def big_plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _plan(tmp_path_factory.mktemp("big"), "big.yaml", 100)  # 1,800 tasks


@pytest.fixture
def previous(tmp_path: Path) -> bytes:
    """A finished render of a small plan at tmp_path/plan.docx; its bytes."""
    target = tmp_path / "plan.docx"
    small = _plan(tmp_path, "small.yaml", 1)
    result = run_cli("render", small, "-o", target)  # in this process: only its output matters
    assert result.exit_code == 0, result.stderr
    return target.read_bytes()


@pytest.mark.parametrize(
    ("event", "name"),
    [("tempfile.mkstemp", ".tmp"), ("os.rename", "plan.docx")],
    ids=["before-the-temporary-file", "before-the-rename"],
)
def test_sigkill_while_writing_leaves_the_previous_output_intact(
    big_plan: Path, tmp_path: Path, previous: bytes, event: str, name: str
) -> None:
    target = tmp_path / "plan.docx"
    process = _render_until(event, name, big_plan, target)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    assert target.read_bytes() == previous  # byte for byte: never a mix, never truncated
    leftovers = [p for p in tmp_path.iterdir() if p.name.startswith(".plan.docx.")]
    if event == "tempfile.mkstemp":
        assert leftovers == []
    else:  # a kill cannot be cleaned up after: the whole new document stays, hidden
        assert [p.suffix for p in leftovers] == [".tmp"]
        assert _task_rows(leftovers[0]) == 18 * 100 + 1


def test_a_finished_render_replaces_the_previous_output_whole(
    big_plan: Path, tmp_path: Path, previous: bytes
) -> None:
    target = tmp_path / "plan.docx"
    process = _render(big_plan, target)
    _, err = process.communicate(timeout=300)
    assert process.returncode == 0, err
    assert _task_rows(target) == 18 * 100 + 1
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".plan.docx.")] == []


@pytest.mark.slow
def test_two_renders_into_one_output_leave_one_complete_file(tmp_path: Path) -> None:
    first = _plan(tmp_path, "first.yaml", 100)
    second = _plan(tmp_path, "second.yaml", 130)
    target = tmp_path / "plan.docx"
    for _ in range(3):
        processes = [_render(first, target), _render(second, target)]
        for process in processes:
            _, err = process.communicate(timeout=120)
            assert process.returncode == 0, err
        rows = _task_rows(target)
        assert rows - 1 in {18 * 100, 18 * 130} or rows in {18 * 100 + 1, 18 * 130 + 1}, rows
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "first.yaml",
        "plan.docx",
        "second.yaml",
    ]
    assert os.path.getsize(target) > 0
