"""LibreOffice kept running for a long-lived program (the editor): a DOCX becomes a PDF or an ODT
in a fraction of the second a cold ``soffice --convert-to`` takes to start.

::

    office = WarmOffice()
    pdf = office.convert(docx_bytes, "pdf")   # the first call starts LibreOffice
    office.close()                            # LibreOffice stops; its folder is removed

LibreOffice is started on the first conversion, headless, with a private profile in a temporary
folder, listening only on a named pipe (never a network port). A small program,
:mod:`osl_plan.render.lo_bridge`, runs under a Python that can ``import uno`` and hands it each
document over UNO (``loadComponentFromURL`` hidden, ``storeToURL`` with the same filters as
:mod:`osl_plan.render.lo_runner`); it talks to us one JSON line per document on its standard
input and output. Bounds:

* one conversion at a time (a lock); each has a deadline (as the cold path's, by size), past
  which LibreOffice and the bridge are killed (LibreOffice's whole process group);
* a LibreOffice that crashed or was killed is started again for the next document, and the
  document it failed is tried once more on the new one;
* :meth:`WarmOffice.close` (and the end of the program) stops both and removes the folder; if
  the program dies without closing, the bridge sees its input end and kills LibreOffice, so none
  is left behind.

Without a Python that has UNO, :meth:`WarmOffice.convert` converts cold, as the CLI does
(:func:`osl_plan.render.libreoffice.convert`); :func:`uno_python` says which case this is.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import queue
import secrets
import shutil
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import IO

from osl_plan.errors import ConversionFailed, MissingProgram
from osl_plan.i18n import _
from osl_plan.render.lo_profile import Profile
from osl_plan.render.lo_runner import FILTERS, Target, _complete, _kill, start_office

#: Seconds LibreOffice may take to start and accept the bridge.
START_TIMEOUT = 90.0
#: Seconds the bridge and LibreOffice get to stop before they are killed.
STOP_TIMEOUT = 5.0
BRIDGE = Path(__file__).resolve().with_name("lo_bridge.py")


def uno_python(soffice: str) -> str | None:
    """A Python that can ``import uno`` for this LibreOffice: $OSL_PLAN_UNO_PYTHON, else
    LibreOffice's own (Windows, macOS, TDF's Linux builds), else the system's python3 (Debian's
    python3-uno); None when there is none (the editor then converts cold)."""
    return _uno_python(soffice, os.environ.get("OSL_PLAN_UNO_PYTHON"))


@cache
def _uno_python(soffice: str, configured: str | None) -> str | None:
    program = Path(soffice).resolve().parent
    candidates = (
        [configured]
        if configured
        else [
            str(program / "python.exe"),
            str(program / "python"),
            str(program.parent / "Resources" / "python"),
            "/usr/bin/python3",
        ]
    )
    for candidate in candidates:
        if not Path(candidate).is_file():
            continue
        try:
            done = subprocess.run(
                [candidate, "-c", "import uno"],
                capture_output=True,
                timeout=30,
                stdin=subprocess.DEVNULL,
                env=_bridge_environment(),
                check=False,
            )
        except (OSError, subprocess.SubprocessError):
            continue
        if done.returncode == 0:
            return candidate
    return None


def _bridge_environment() -> dict[str, str]:
    """Our environment without what would point another Python at our packages."""
    return {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "PYTHONHOME"}}


@dataclass(eq=False)
class _Running:
    """LibreOffice, its bridge, and the folder both work in."""

    office: subprocess.Popen[bytes]
    bridge: subprocess.Popen[bytes]
    folder: Path
    answers: queue.Queue[str | None]
    profile: Profile
    pipe: str

    def alive(self) -> bool:
        return self.office.poll() is None and self.bridge.poll() is None


class WarmOffice:
    """One LibreOffice for the life of a program, started on the first conversion."""

    def __init__(self, soffice: str | None = None) -> None:
        self._soffice = soffice
        self._lock = threading.Lock()
        self._running: _Running | None = None
        self._count = 0
        atexit.register(self.close)

    @property
    def pid(self) -> int | None:
        """The process id of the running LibreOffice (its launcher), or None."""
        running = self._running
        return running.office.pid if running is not None and running.alive() else None

    @property
    def pipe_prefix(self) -> str:
        """The start of the pipe names this program's LibreOffice listens on."""
        return f"osl-plan-{os.getpid()}-"

    def convert(self, docx: bytes, fmt: Target, *, timeout: float | None = None) -> bytes:
        """One DOCX as PDF or ODT bytes. Raises MissingProgram, ConversionFailed."""
        from osl_plan.render.libreoffice import BASE_TIMEOUT, TIMEOUT_PER_MB, convert, find_soffice

        soffice = self._soffice or find_soffice()
        if uno_python(soffice) is None:
            return convert(docx, fmt, timeout=timeout)
        allowed = (
            timeout if timeout is not None else BASE_TIMEOUT + TIMEOUT_PER_MB * len(docx) / 1e6
        )
        with self._lock:
            try:
                return self._convert(soffice, docx, fmt, allowed)
            except (ConversionFailed, MissingProgram):
                raise  # the document's problem (LibreOffice, if it is not well, is stopped)
            except BaseException:
                self._stop()  # interrupted in the middle: a new LibreOffice next time
                raise

    def _convert(self, soffice: str, docx: bytes, fmt: Target, allowed: float) -> bytes:
        problem = ""
        for _attempt in range(2):  # a LibreOffice that died is replaced, and tried once more
            running = self._running
            if running is None or not running.alive():
                self._stop()
                running = self._running = _start(soffice, self.pipe_prefix, fmt)
            answer = self._ask(running, docx, fmt, allowed)
            if answer is None:  # the deadline passed: it hangs, and is killed
                self._stop()
                message = _("LibreOffice did not finish within {seconds} s and was stopped")
                raise ConversionFailed(message.format(seconds=f"{allowed:.0f}"))
            data, problem, dead = answer
            if data is not None:
                return data
            if not dead and running.alive():  # LibreOffice is well: the document is the problem
                break
            self._stop()
        raise ConversionFailed(problem)

    def _ask(
        self, running: _Running, docx: bytes, fmt: Target, allowed: float
    ) -> tuple[bytes | None, str, bool] | None:
        """Send one document: its bytes or None, the problem, whether LibreOffice (or the
        bridge) is gone; None when the deadline passed."""
        self._count += 1
        source = running.folder / f"in-{self._count}.docx"
        target = running.folder / f"out-{self._count}.{fmt}"
        source.write_bytes(docx)
        name, data = _filter(fmt)
        request = {"source": source.as_uri(), "target": target.as_uri(), "filter": name}
        try:
            _send(running.bridge.stdin, {**request, "data": data})
            line = _next_line(running, time.monotonic() + allowed)
            if line is None:
                return None
            answer = _message(line) if line else {"ok": False, "dead": True}
            if answer.get("ok") and _complete(target, fmt):
                return target.read_bytes(), "", False
            detail = str(answer.get("error") or _("LibreOffice stopped"))
            message = _("LibreOffice failed to convert the document to {format}: {detail}")
            return None, message.format(format=fmt.upper(), detail=detail), bool(answer.get("dead"))
        finally:
            source.unlink(missing_ok=True)
            target.unlink(missing_ok=True)

    def close(self) -> None:
        """Stop LibreOffice and the bridge, and remove their folder (again: nothing happens)."""
        got = self._lock.acquire(timeout=STOP_TIMEOUT)
        try:
            self._stop()
        finally:
            if got:
                self._lock.release()

    def _stop(self) -> None:
        running, self._running = self._running, None
        if running is not None:
            _stop(running)


def _filter(fmt: Target) -> tuple[str, dict[str, object]]:
    """lo_runner's filter (``pdf:writer_pdf_Export:{…}``) as its name and its filter data."""
    _ext, _sep, rest = FILTERS[fmt].partition(":")
    name, _sep, options = rest.partition(":")
    data: dict[str, object] = {}
    for key, spec in (json.loads(options) if options else {}).items():
        value = spec["value"]
        data[key] = value == "true" if spec["type"] == "boolean" else value
    return name, data


def _message(line: str) -> dict[str, object]:
    """One line of the bridge as a message (anything else it might print: a failure)."""
    try:
        message = json.loads(line)
    except ValueError:
        return {"ok": False, "error": line}
    return message if isinstance(message, dict) else {"ok": False, "error": line}


def _send(stream: IO[bytes] | None, message: dict[str, object]) -> None:
    if stream is None:
        raise BrokenPipeError
    try:
        stream.write(json.dumps(message).encode("utf-8") + b"\n")
        stream.flush()
    except OSError:
        pass  # the bridge is gone: its answer (none) says so


def _next_line(running: _Running, deadline: float) -> str | None:
    """The bridge's next line ("" when it ended), or None when ``deadline`` passed first."""
    try:
        line = running.answers.get(timeout=max(0.0, deadline - time.monotonic()))
    except queue.Empty:
        return None
    return "" if line is None else line


def _start(soffice: str, prefix: str, fmt: Target) -> _Running:
    """LibreOffice listening on a new pipe, and the bridge connected to it. Raises
    MissingProgram, ConversionFailed."""
    folder = Path(tempfile.mkdtemp(prefix="osl-plan-office-"))
    profile = Profile(folder / "profile", cached=False)
    profile.prepare()
    pipe = prefix + secrets.token_hex(8)
    python = uno_python(soffice)
    assert python is not None
    listening = f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext"
    try:
        office = start_office(soffice, profile, [listening], folder / "tmp", listen=False)
    except MissingProgram:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    message = _("LibreOffice failed to convert the document to {format}: {detail}")
    try:
        bridge = subprocess.Popen(
            [python, str(BRIDGE), pipe, str(office.pid), str(START_TIMEOUT), profile.url],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # Ctrl+C reaches the editor, which stops the bridge itself
            env=_bridge_environment(),
        )
    except OSError as error:
        _kill(office)
        profile.remove_pipes(pipe)
        shutil.rmtree(folder, ignore_errors=True)
        raise ConversionFailed(message.format(format=fmt.upper(), detail=error)) from None
    running = _Running(office, bridge, folder, queue.Queue(), profile, pipe)
    threading.Thread(target=_read_answers, args=(running,), daemon=True).start()
    line = _next_line(running, time.monotonic() + START_TIMEOUT + STOP_TIMEOUT)
    ready = _message(line) if line else {"error": _("LibreOffice stopped")}
    if not ready.get("ready"):
        _stop(running)
        detail = ready.get("error") or _("LibreOffice stopped")
        raise ConversionFailed(message.format(format=fmt.upper(), detail=detail))
    return running


def _stop(running: _Running) -> None:
    """Stop the bridge and LibreOffice (killed when they do not stop), remove their folder."""
    with contextlib.suppress(OSError):
        if running.bridge.stdin is not None:
            running.bridge.stdin.close()  # the bridge stops, and kills LibreOffice's group
    try:
        running.bridge.wait(STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        _kill(running.bridge)
    _kill(running.office)  # whatever is left of it
    running.profile.remove_pipes(running.pipe)  # the bridge kills it: it leaves its pipes
    if running.bridge.stdout is not None:
        running.bridge.stdout.close()
    shutil.rmtree(running.folder, ignore_errors=True)


def _read_answers(running: _Running) -> None:
    """The bridge's lines into its queue, then None when it ends (a thread of its own: the same
    on Windows, where a pipe cannot be waited on with a deadline)."""
    stream = running.bridge.stdout
    assert stream is not None
    with contextlib.suppress(OSError, ValueError):
        for raw in stream:
            running.answers.put(raw.decode("utf-8", "replace").strip())
    running.answers.put(None)
