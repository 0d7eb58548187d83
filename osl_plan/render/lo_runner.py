"""Running LibreOffice over a queue of documents: the processes, their output, their failures.

The engine behind :mod:`osl_plan.render.libreoffice` (use that module's API). One :class:`Runner`
keeps one ``soffice --convert-to`` process per slot going, each converting many documents. It reads
what LibreOffice prints as it opens each document (``convert …`` or ``Error: source file could not
be loaded``) to know which document is in progress, to give each its own deadline and to settle a
document as soon as the next one is opened. A process that crashes or overruns is killed with its
whole process group; the document it was on fails, and the rest are handed to a new process.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from osl_plan.errors import ConversionFailed, MissingProgram, OslPlanError
from osl_plan.i18n import N_, _
from osl_plan.render.lo_profile import Profile, acquire

Target = Literal["pdf", "odt"]
#: Tagged PDF (structure for screen readers), as the accessibility rules for public bodies require.
PDF_FILTER = 'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"}}'
FILTERS: dict[str, str] = {"pdf": PDF_FILTER, "odt": "odt:writer8"}
#: At most this many documents on one LibreOffice command line; more take further starts.
MAX_PER_CALL = 200
_LOAD_ERROR = "Error: source file could not be loaded"
_NOWHERE = "http://127.0.0.1:9"

#: Shown translated: ``_(INSTALL_HINT)``.
INSTALL_HINT = N_(
    "PDF and ODT output need LibreOffice, and „soffice” was not found. Install it — "
    "Debian/Ubuntu: sudo apt-get install libreoffice-writer-nogui; "
    "Fedora: sudo dnf install libreoffice-writer; macOS: brew install --cask libreoffice; "
    "Windows: https://www.libreoffice.org/download/ — or set OSL_PLAN_SOFFICE to the program's "
    "path. DOCX, HTML and Markdown need no LibreOffice. „osl-plan doktor” checks the setup."
)


@dataclass(frozen=True, slots=True)
class Converted:
    """What became of one document: ``data`` (None when written to its target) or ``error``."""

    index: int
    data: bytes | None = None
    error: OslPlanError | None = None


@dataclass(eq=False)
class _Slot:
    """One process at a time, with its own profile, working through its queue of documents."""

    profile: Profile
    queue: deque[int]
    false_starts: int = 0


@dataclass(eq=False)
class _Run:
    """One LibreOffice process converting ``docs``; ``seen`` of them were opened so far."""

    process: subprocess.Popen[bytes]
    slot: _Slot
    docs: list[int]
    outdir: Path
    deadline: float
    seen: int = 0
    pending: bytes = b""
    notes: dict[int, str] = field(default_factory=dict)
    last: str = ""
    timed_out: bool = False


class Runner:
    """Converts the documents of each group, one process per group at a time."""

    def __init__(
        self,
        soffice: str,
        fmt: str,
        *,
        work: Path,
        inputs: dict[int, Path],
        allowance: dict[int, float],
        finish: Callable[[Converted], None],
    ) -> None:
        self.soffice, self.fmt, self.work = soffice, fmt, work
        self.inputs, self.allowance, self.finish = inputs, allowance, finish
        self.starts = 0

    def run(self, groups: list[list[int]]) -> None:
        with contextlib.ExitStack() as stack:
            slots = []
            for k, group in enumerate(groups):
                profile = acquire(self.work / f"profile-{k}")
                stack.callback(profile.release)
                slots.append(_Slot(profile, deque(group)))
            runs: list[_Run] = []
            try:
                while True:
                    busy = {run.slot for run in runs}
                    runs += [self._start(s) for s in slots if s.queue and s not in busy]
                    if not runs:
                        return
                    runs = self._wait(runs)
            finally:
                for run in runs:
                    _kill(run.process)
                    run.slot.profile.remove_pipes()

    def _start(self, slot: _Slot) -> _Run:
        docs = [slot.queue.popleft() for _ in range(min(MAX_PER_CALL, len(slot.queue)))]
        self.starts += 1
        outdir = self.work / f"out-{self.starts}"
        try:
            slot.profile.prepare()
        except OSError:  # the cached profile cannot be written after all: a temporary one
            slot.profile.release()
            slot.profile = Profile(self.work / f"profile-t{self.starts}", cached=False)
            slot.profile.prepare()
        conversion = ("--convert-to", FILTERS[self.fmt], "--outdir", str(outdir))
        documents = (str(self.inputs[i]) for i in docs)
        process = start_office(
            self.soffice, slot.profile, [*conversion, *documents], self.work / "tmp", listen=True
        )
        return _Run(process, slot, docs, outdir, time.monotonic() + self.allowance[docs[0]])

    def _wait(self, runs: list[_Run]) -> list[_Run]:
        """Read what the processes say until one deadline passes; the runs still going."""
        import select

        timeout = max(0.0, min(run.deadline for run in runs) - time.monotonic())
        streams = {_fd(run): run for run in runs}
        readable, _, _ = select.select(list(streams), [], [], timeout)
        ended: list[_Run] = []
        for fd in readable:
            run = streams[fd]
            chunk = os.read(fd, 65536)
            if chunk:
                self._feed(run, chunk)
            else:
                ended.append(run)
        now = time.monotonic()
        for run in runs:
            if run not in ended and now > run.deadline:
                run.timed_out = True
                _kill(run.process)
                ended.append(run)
        for run in ended:
            self._end(run)
        return [run for run in runs if run not in ended]

    def _feed(self, run: _Run, chunk: bytes) -> None:
        *lines, run.pending = (run.pending + chunk).split(b"\n")
        for raw in lines:
            line = raw.decode("utf-8", "replace").strip()
            if line.startswith(("convert ", _LOAD_ERROR)):
                if run.seen:  # the previous document is stored once the next one is open
                    self._settle(run, run.docs[run.seen - 1])
                if line.startswith(_LOAD_ERROR) and run.seen < len(run.docs):
                    run.notes[run.docs[run.seen]] = _("LibreOffice could not open the DOCX")
                run.seen += 1
                following = run.docs[min(run.seen, len(run.docs) - 1)]
                run.deadline = time.monotonic() + self.allowance[following]
            elif line.startswith("Error:") and run.seen:
                run.notes.setdefault(run.docs[run.seen - 1], line)
            elif line and not line.startswith("Warning: failed to launch javaldx"):
                run.last = line

    def _settle(self, run: _Run, index: int, problem: str = "") -> None:
        out = self._output(run, index)
        if _complete(out, self.fmt):
            self.finish(Converted(index, data=out.read_bytes()))
            return
        reason = (
            problem
            or run.notes.get(index)
            or (
                f"LibreOffice ran but wrote no {self.fmt.upper()} — open the DOCX in LibreOffice "
                "to see why"
            )
        )
        self.finish(Converted(index, error=ConversionFailed(reason)))

    def _end(self, run: _Run) -> None:
        """The process ended (or was stopped): settle its documents, requeue what it left."""
        if run.pending:
            self._feed(run, b"\n")
        code = run.process.wait()
        if run.process.stdout is not None:
            run.process.stdout.close()
        slot = run.slot
        slot.profile.remove_pipes()  # when it was stopped or crashed
        rest = run.docs[max(run.seen - 1, 0) :]
        if code == 0 and not run.timed_out:
            slot.profile.mark_ready()
            slot.false_starts = 0
            for index in rest:
                self._settle(run, index)
            return
        problem = self._problem(run, code)
        slot.profile.discard()  # stopped or crashed: the next start gets a clean profile
        if run.seen == 0:
            slot.false_starts += 1
            if slot.false_starts == 1 and not run.timed_out:  # perhaps the profile: once more
                slot.queue.extendleft(reversed(rest))
                return
            if slot.false_starts > 1:  # LibreOffice itself does not work here
                for index in [*rest, *slot.queue]:
                    self._settle(run, index, problem)
                slot.queue.clear()
                return
        first, left = rest[0], rest[1:]
        if run.seen and _complete(self._output(run, first), self.fmt):
            slot.false_starts = 0
            self._settle(run, first)  # it was stored; the next one broke LibreOffice
            if left:
                self._settle(run, left[0], problem)
                left = left[1:]
        else:
            self._settle(run, first, problem)
        slot.queue.extendleft(reversed(left))

    def _output(self, run: _Run, index: int) -> Path:
        return run.outdir / f"{self.inputs[index].stem}.{self.fmt}"

    def _problem(self, run: _Run, code: int) -> str:
        if run.timed_out:
            seconds = self.allowance[run.docs[min(run.seen, len(run.docs) - 1)]]
            message = _("LibreOffice did not finish within {seconds} s and was stopped")
            return message.format(seconds=f"{seconds:.0f}")
        if run.last:
            message = _(
                "LibreOffice failed to convert the document to {format} (exit {code}): {detail}"
            )
            return message.format(format=self.fmt.upper(), code=code, detail=run.last)
        message = _("LibreOffice failed to convert the document to {format} (exit {code})")
        return message.format(format=self.fmt.upper(), code=code)


def _fd(run: _Run) -> int:
    assert run.process.stdout is not None
    return run.process.stdout.fileno()


def _complete(path: Path, fmt: str) -> bool:
    """The output exists and was written to its end (a PDF's %%EOF, an ODT's zip directory)."""
    try:
        size = path.stat().st_size
        if size == 0:
            return False
        with path.open("rb") as stream:
            stream.seek(max(0, size - 1024))
            tail = stream.read()
    except OSError:
        return False
    return b"%%EOF" in tail if fmt == "pdf" else b"PK\x05\x06" in tail


def start_office(
    soffice: str, profile: Profile, arguments: list[str], temporary: Path, *, listen: bool
) -> subprocess.Popen[bytes]:
    """LibreOffice without a window, a logo or any dialog, with ``profile`` and ``arguments``,
    in a process group of its own (:func:`_kill` stops it whole); its output read by us when we
    ``listen``, else dropped. Raises MissingProgram."""
    command = [
        soffice,
        f"-env:UserInstallation={profile.url}",
        *("--headless", "--invisible", "--nologo", "--norestore", "--nolockcheck"),
        *arguments,
    ]
    try:
        return subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE if listen else subprocess.DEVNULL,
            stderr=subprocess.STDOUT if listen else subprocess.DEVNULL,
            start_new_session=True,
            env=_environment(temporary),
        )
    except OSError as error:
        message = _("{program} cannot be started ({error}). {hint}")
        raise MissingProgram(
            message.format(program=soffice, error=error, hint=_(INSTALL_HINT))
        ) from None


def _environment(temporary: Path) -> dict[str, str]:
    """LibreOffice's environment: any proxy it might consult points nowhere, and its own
    temporary files (``lu*.tmp``) go into ``temporary``, inside our work folder, which is removed
    however the conversion ends (an interrupted LibreOffice cannot clean up after itself)."""
    temporary.mkdir(exist_ok=True)
    env = dict(os.environ)
    env["TMPDIR"] = env["TMP"] = env["TEMP"] = str(temporary)
    for name in ("http_proxy", "https_proxy", "ftp_proxy", "all_proxy"):
        env[name] = env[name.upper()] = _NOWHERE
    for name in ("no_proxy", "NO_PROXY"):
        env.pop(name, None)
    return env


def _kill(process: subprocess.Popen[bytes]) -> None:
    """Stop LibreOffice and every process it started (its own process group)."""
    if hasattr(os, "killpg"):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
    else:  # pragma: no cover - Windows has no process groups here
        process.kill()
    process.wait()
    if process.stdout is not None:
        process.stdout.close()


def soffice_version(program: str) -> str | None:
    """„7.4.7.2” from ``soffice --version``; None when it says nothing (as on Windows)."""
    try:
        done = subprocess.run(
            [program, "--version"],
            check=False,
            capture_output=True,
            timeout=20,
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    words = done.stdout.decode("utf-8", "replace").split()
    if done.returncode != 0 or len(words) < 2 or not words[0].startswith("LibreOffice"):
        return None
    return words[1]
