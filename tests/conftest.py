"""Shared fixtures: the example plans, a CLI runner, and the real LibreOffice when present."""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings

# CI runs the same examples every time (a red build must be reproducible); locally hypothesis
# explores new examples on each run and remembers failures in .hypothesis/.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
DATA = Path(__file__).resolve().parent / "data"

# Deterministic output: no colour, a fixed terminal width.
os.environ["NO_COLOR"] = "1"
os.environ["COLUMNS"] = "100"
os.environ.pop("FORCE_COLOR", None)
# The suite's golden messages are English unless a test chooses Polish (the users' default) itself.
os.environ["OSL_PLAN_LANG"] = "en"


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """LibreOffice profiles are cached under $XDG_CACHE_HOME, and the installer's settings (where
    LibreOffice is) live under $XDG_CONFIG_HOME: the tests' own, never the user's."""
    previous = {name: os.environ.get(name) for name in ("XDG_CACHE_HOME", "XDG_CONFIG_HOME")}
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))
    os.environ["XDG_CONFIG_HOME"] = str(tmp_path_factory.mktemp("config"))
    yield
    for name, value in previous.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


@pytest.fixture
def example_2023() -> Path:
    return EXAMPLES / "plan_2023.yaml"


@pytest.fixture
def example_2022() -> Path:
    return EXAMPLES / "plan_2022.yaml"


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str


def limits(memory: int | None = None, cpu: int | None = None) -> Callable[[], None] | None:
    """A ``preexec_fn`` capping a child's memory (address space, bytes) and CPU time (seconds).

    CPU time is what a bound on work should count: other processes on a busy machine do not add
    to it, as they add to the wall-clock time. A child over it is stopped by the kernel
    (SIGXCPU, then SIGKILL a second later), without a core file; :func:`over_cpu` tells.
    """
    if memory is None and cpu is None:
        return None

    def limit() -> None:
        if memory is not None:
            resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        if cpu is not None:
            resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
            resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))

    return limit


def over_cpu(returncode: int) -> bool:
    """Whether a child started with :func:`limits` was stopped for its CPU time."""
    return returncode in (-signal.SIGXCPU, -signal.SIGKILL)


def run_cli(
    *args: str | Path,
    cwd: Path | None = None,
    stdin: bytes | None = None,
    timeout: float = 120,
    memory_limit: int | None = None,
    cpu_limit: int | None = None,
) -> Result:
    """Run the real ``osl-plan`` in a subprocess, as a user would; optionally with capped memory
    and CPU time (seconds; the test fails when the command uses more). ``timeout`` bounds the
    wall-clock time: it is for a command that hangs, and generous, as a loaded machine stretches
    it."""
    proc = subprocess.run(
        [sys.executable, "-m", "osl_plan", *map(str, args)],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        check=False,
        timeout=timeout,
        preexec_fn=limits(memory_limit, cpu_limit),
        env={**os.environ, "NO_COLOR": "1", "COLUMNS": "100"},
    )
    if cpu_limit is not None and over_cpu(proc.returncode):
        command = " ".join(map(str, args))
        pytest.fail(f"osl-plan {command} used more than {cpu_limit} s of CPU time")
    return Result(
        proc.returncode,
        proc.stdout.decode("utf-8", "replace"),
        proc.stderr.decode("utf-8", "replace"),
    )


@pytest.fixture
def cli() -> Iterator[object]:
    yield run_cli


def soffice_or_skip() -> str:
    """The LibreOffice binary; skips where it is absent, fails in CI where it must be present."""
    binary = shutil.which("soffice") or shutil.which("libreoffice")
    if binary:
        return binary
    if os.environ.get("OSL_PLAN_REQUIRE_LIBREOFFICE"):
        pytest.fail("LibreOffice is required here (OSL_PLAN_REQUIRE_LIBREOFFICE is set)")
    pytest.skip("LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui")


@pytest.fixture
def soffice() -> str:
    return soffice_or_skip()


#: A stand-in for LibreOffice (logs its starts, converts without LibreOffice; see the file).
FAKE_SOFFICE = Path(__file__).resolve().parent / "fake_soffice.py"


def fake_soffice_program(folder: Path) -> Path:
    """The stand-in as an executable ``soffice`` in ``folder`` (for ``OSL_PLAN_SOFFICE``)."""
    program = folder / "soffice"
    program.write_text(f"#!{sys.executable}\nimport runpy\nrunpy.run_path({str(FAKE_SOFFICE)!r}, "
                       "run_name='__main__')\n")  # fmt: skip
    program.chmod(0o755)
    return program


def assert_in_order(text: str, pieces: list[str]) -> None:
    """Each of ``pieces`` occurs in ``text``, each after the one before it."""
    at = 0
    for piece in pieces:
        found = text.find(piece, at)
        assert found >= at, f"{piece!r} not after position {at}"
        at = found + len(piece)


@pytest.fixture
def polish(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Messages in Polish, as users get them by default."""
    from osl_plan import i18n

    monkeypatch.setenv("OSL_PLAN_LANG", "pl")
    i18n.reset()
    yield
    monkeypatch.undo()
    i18n.reset()
