"""An interrupted batch (Ctrl+C, SIGTERM) names the outputs it finished; nothing else changed."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from helpers import fake_soffice_program

from osl_plan.errors import BatchInterrupted

EXAMPLE = Path(__file__).parent.parent / "examples" / "plan_2023.yaml"


def _plan(folder: Path, name: str, copies: int = 1, task: str | None = None) -> str:
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data["zadania"] = data["zadania"] * copies
    if task is not None:
        data["zadania"][0]["zadanie"] = task
    (folder / name).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return name


def _start(folder: Path, *args: str, lang: str = "pl", **env: str) -> subprocess.Popen[str]:
    """``osl-plan render`` in ``folder``, in a session of its own (as a terminal's job is)."""
    return subprocess.Popen(
        [sys.executable, "-m", "osl_plan", "render", *args],
        cwd=folder,
        env={**os.environ, "OSL_PLAN_LANG": lang, "NO_COLOR": "1", **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def _stop_when(path: Path, run: subprocess.Popen[str], signum: int, *, group: bool) -> str:
    """Send ``signum`` once ``path`` exists; the run's stderr."""
    deadline = time.monotonic() + 120
    while not path.exists():
        assert run.poll() is None, run.communicate()[1]
        if time.monotonic() > deadline:
            run.terminate()  # the run stops LibreOffice (or its stand-in) as it goes
            pytest.fail(f"{path} was never written: {run.communicate(timeout=60)[1]}")
        time.sleep(0.01)
    if group:  # Ctrl+C in a terminal reaches every process of the job, workers included
        os.killpg(run.pid, signum)
    else:
        run.send_signal(signum)
    _, err = run.communicate(timeout=120)
    assert run.returncode == 130, err
    return err


# A render whose processes (the main one, or a worker forked from it) wait when they are about
# to write the output named by the first argument (Python's audit event ``tempfile.mkstemp``: the
# document is built, its temporary file about to be created), and say so on stderr. They wait on
# a pipe the test holds: the test signals the waiting run, then closes the pipe to let it go on.
# Every run tests the same moment, however busy the machine (no race with the test's polling).
_WAITING = b"@@WAITING@@\n"
_WAITING_RENDER = """
import os, runpy, sys
go = int(sys.argv.pop(1))
names = tuple(f".{name}." for name in sys.argv.pop(1).split(","))
def wait(event, args):
    if event == "tempfile.mkstemp" and os.path.basename(args[0]).startswith(names):
        os.write(2, b"@@WAITING@@\\n")
        os.read(go, 1)  # until the test closes its end (a signal interrupts the main process)
sys.addaudithook(wait)
sys.argv[0] = "osl-plan"
runpy.run_module("osl_plan", run_name="__main__")
"""


@dataclass
class _Waiting:
    run: subprocess.Popen[bytes]
    go: int  # the test's end of the pipe the run's processes wait on


def _start_waiting(folder: Path, outputs: str, *args: str, lang: str) -> _Waiting:
    """``osl-plan render *args`` in a session of its own, waiting before it writes ``outputs``
    (comma-separated file names)."""
    wait_end, go = os.pipe()
    run = subprocess.Popen(
        [sys.executable, "-c", _WAITING_RENDER, str(wait_end), outputs, "render", *args],
        cwd=folder,
        env={**os.environ, "OSL_PLAN_LANG": lang, "NO_COLOR": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
        pass_fds=(wait_end,),
    )
    os.close(wait_end)
    return _Waiting(run, go)


def _interrupt_waiting(waiting: _Waiting, count: int, signum: int, *, group: bool) -> str:
    """Once ``count`` processes of the run wait, send ``signum`` (to the whole job with
    ``group``, as Ctrl+C in a terminal does) and let them go on; the run's stderr."""
    run = waiting.run
    assert run.stderr is not None
    said = b""
    try:
        while said.count(_WAITING) < count:
            ready, _, _ = select.select([run.stderr], [], [], 300)  # generous: a busy machine
            chunk = os.read(run.stderr.fileno(), 65536) if ready else b""
            if not chunk:
                run.kill()
                pytest.fail(f"the render did not wait where expected: {said!r}")
            said += chunk
        if group:
            os.killpg(run.pid, signum)
        else:
            run.send_signal(signum)
    finally:
        os.close(waiting.go)
    _, rest = run.communicate(timeout=120)
    err = (said + rest).replace(_WAITING, b"").decode("utf-8")
    assert run.returncode == 130, err
    return err


@pytest.mark.slow
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_an_interrupted_batch_names_the_outputs_it_finished(tmp_path: Path, signum: int) -> None:
    plans = [_plan(tmp_path, "a.yaml"), _plan(tmp_path, "b.yaml")]
    plans += [_plan(tmp_path, "duzy.yaml", 20), _plan(tmp_path, "d.yaml")]  # 360 tasks
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "d.docx").write_bytes(b"last week's document")
    waiting = _start_waiting(tmp_path, "duzy.docx", *plans, "-o", "out", "--jobs", "1", lang="pl")
    # Stopped while the large plan is written: two outputs are done, the third is in progress.
    err = _interrupt_waiting(waiting, 1, signum, group=False)
    assert err == (
        "Przerwano. Ukończono i zapisano 2 z 4 plików wynikowych:\n"
        "  out/a.docx\n"
        "  out/b.docx\n"
        "Pozostałe 2 pliki nie zostały zapisane (nie ma też niepełnych plików).\n"
    )
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.docx", "b.docx", "d.docx"]
    assert (tmp_path / "out" / "d.docx").read_bytes() == b"last week's document"


@pytest.mark.slow
def test_a_parallel_batch_stopped_by_ctrl_c_lists_exactly_what_is_on_disk(tmp_path: Path) -> None:
    small = [_plan(tmp_path, f"m{n}.yaml") for n in range(1, 4)]
    large = [_plan(tmp_path, f"duzy{n}.yaml", 20) for n in range(1, 3)]
    rest = [_plan(tmp_path, f"r{n}.yaml") for n in range(1, 6)]
    (tmp_path / "out").mkdir()
    args = [*small, *large, *rest, "-o", "out", "--jobs", "2"]
    waiting = _start_waiting(tmp_path, "duzy1.docx,duzy2.docx", *args, lang="en")
    # Ctrl+C once each worker is about to write a large plan: the workers take the plans in
    # order, so the three small ones before them are done, and the last ones are not taken.
    err = _interrupt_waiting(waiting, 2, signal.SIGINT, group=True)
    # Whether a worker finishes the plan in hand is up to it; the message must match the disk.
    on_disk = sorted(p.name for p in (tmp_path / "out").iterdir())
    lines = err.splitlines()
    count = len(on_disk)
    assert lines[0] == f"Interrupted. Finished and written: {count} of 10 outputs:", err
    assert sorted(line.removeprefix("  out/") for line in lines[1:-1]) == on_disk
    assert lines[-1] == (
        f"The other {10 - count} outputs were not written (no partial files are left)."
        if count < 9
        else "The other 1 output was not written (no partial file is left)."
    )
    assert 3 <= count < 10
    assert all(name.endswith(".docx") and not name.startswith(".") for name in on_disk)


@pytest.mark.slow
def test_an_interrupted_pdf_batch_names_the_pdfs_converted_before(tmp_path: Path) -> None:
    program = fake_soffice_program(tmp_path)
    env = {
        "OSL_PLAN_SOFFICE": str(program),
        "FAKE_SOFFICE_LOG": str(tmp_path / "starts.jsonl"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }
    # The stand-in converter never finishes a document that says HANG; a document is known to
    # be converted once the converter opens the next one, so c.pdf is the one in progress.
    plans = [_plan(tmp_path, "a.yaml"), _plan(tmp_path, "b.yaml"), _plan(tmp_path, "c.yaml")]
    plans += [_plan(tmp_path, "d.yaml", task="HANG"), _plan(tmp_path, "e.yaml")]
    (tmp_path / "out").mkdir()
    run = _start(tmp_path, *plans, "-f", "pdf", "-o", "out", "--jobs", "1", **env)
    err = _stop_when(tmp_path / "out" / "b.pdf", run, signal.SIGTERM, group=False)
    assert err == (
        "Przerwano. Ukończono i zapisano 2 z 5 plików wynikowych:\n"
        "  out/a.pdf\n"
        "  out/b.pdf\n"
        "Pozostałe 3 pliki nie zostały zapisane (nie ma też niepełnych plików).\n"
    )
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.pdf", "b.pdf"]


@pytest.mark.usefixtures("polish")
def test_nothing_finished_keeps_the_message_of_a_single_file() -> None:
    assert BatchInterrupted([], 5).lines() == [
        "Przerwano; żaden plik wynikowy nie został zmieniony."
    ]


@pytest.mark.usefixtures("polish")
def test_many_finished_outputs_are_named_up_to_ten_and_counted() -> None:
    written = [f"out/p{n}.docx" for n in range(1, 13)]
    lines = BatchInterrupted(written, 15).lines()
    assert lines[0] == "Przerwano. Ukończono i zapisano 12 z 15 plików wynikowych:"
    assert lines[1:11] == [f"  out/p{n}.docx" for n in range(1, 11)]
    assert lines[11:] == [
        "  … i jeszcze 2",
        "Pozostałe 3 pliki nie zostały zapisane (nie ma też niepełnych plików).",
    ]


@pytest.mark.usefixtures("polish")
@pytest.mark.parametrize(
    ("total", "head", "tail"),
    [
        (2, "1 z 2 plików wynikowych:", "Pozostały 1 plik nie został zapisany"),
        (6, "1 z 6 plików wynikowych:", "Pozostałych 5 plików nie zapisano"),
        (23, "1 z 23 plików wynikowych:", "Pozostałe 22 pliki nie zostały zapisane"),
        (1, "1 z 1 pliku wynikowego:", None),
    ],
)
def test_polish_forms_follow_the_numbers(total: int, head: str, tail: str | None) -> None:
    lines = BatchInterrupted(["out/a.docx"], total).lines()
    assert lines[0].endswith(head)
    if tail is None:
        assert len(lines) == 2  # everything was finished: nothing to say about the rest
    else:
        assert lines[-1].startswith(tail)
