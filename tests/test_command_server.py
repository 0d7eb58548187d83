"""The server that forks the capped commands (tests/command_server.py) keeps each child's id the
child's until the test process holds it, and gives each child the standard streams a new
interpreter would have."""

from __future__ import annotations

import os
import time
from pathlib import Path

import command_server
import pytest
from helpers import run_cli


def _ended(pid: int) -> bool:
    """Whether process ``pid`` has ended: a zombie its parent has not reaped yet, or gone."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except OSError:
        return True
    return state in {"Z", "X"}


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc (Linux)")
def test_a_child_that_ends_before_the_test_process_watches_it_is_still_its_own(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The test process opens the child's pidfd only after the child has ended: the server must
    not have reaped it (its id would then be free for another process, or no process at all)."""
    opened = os.pidfd_open

    def late(pid: int, *args: int) -> int:
        deadline = time.monotonic() + 30
        while not _ended(pid) and time.monotonic() < deadline:
            time.sleep(0.005)
        assert _ended(pid), "the command did not end"
        return opened(pid, *args)

    monkeypatch.setattr(command_server.os, "pidfd_open", late)
    for _ in range(3):
        result = run_cli("--version", cpu_limit=30)
        assert result.exit_code == 0, result.stderr
        assert result.stdout.startswith("osl-plan ")


def test_after_an_exchange_stopped_half_way_the_next_command_gets_a_new_server(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A test process interrupted between the server's answers (an error, Ctrl+C) leaves the
    server's answers unread: the next command must not read them as its own."""
    run_cli("--version", cpu_limit=30)  # this process's server runs
    opened = os.pidfd_open
    calls = []

    def failing_once(pid: int, *args: int) -> int:
        calls.append(pid)
        if len(calls) == 1:
            raise KeyboardInterrupt
        return opened(pid, *args)

    monkeypatch.setattr(command_server.os, "pidfd_open", failing_once)
    with pytest.raises(KeyboardInterrupt):
        run_cli("--version", cpu_limit=30)
    for _ in range(2):
        result = run_cli("validate", "/nonexistent/plan.yaml", cpu_limit=30)
        assert result.exit_code == 2, result.stderr
        assert "plan.yaml" in result.stderr


EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.mark.parametrize(
    ("encoding", "args"),
    [
        ("cp1250", ("diff", EXAMPLES / "plan_2022.yaml", EXAMPLES / "plan_2023.yaml")),
        ("iso-8859-2", ("validate", Path(__file__).parent / "invalid" / "term_unknown_month.yaml")),
        ("ascii:replace", ("status", EXAMPLES / "plan_2023.yaml", "--na", "2023-05")),
    ],
    ids=["stdout-cp1250", "stderr-iso-8859-2", "errors-given"],
)
def test_a_forked_command_writes_what_a_new_interpreter_writes(
    encoding: str, args: tuple[str | Path, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    """In the encoding $PYTHONIOENCODING names, a forked command's output is byte for byte a real
    ``python -m osl_plan``'s (the terminal tests of tests/hostile rely on it)."""
    monkeypatch.setenv("PYTHONIOENCODING", encoding)
    monkeypatch.setenv("OSL_PLAN_LANG", "pl")
    forked = run_cli(*args, memory_limit=1024**3)
    real = run_cli(*args, subprocess=True)
    assert forked.exit_code == real.exit_code
    assert (forked.stdout_bytes, forked.stderr_bytes) == (real.stdout_bytes, real.stderr_bytes)
    assert any(byte > 0x7F for byte in real.stdout_bytes + real.stderr_bytes) or "ascii" in encoding
