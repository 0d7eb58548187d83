"""DOCX to PDF or ODT with LibreOffice: the one module that runs it.

Every PDF and ODT osl-plan writes (plans, and any other document first written as DOCX) goes
through :func:`convert_many` (or :func:`convert` for one document)::

    from osl_plan.render.libreoffice import convert, convert_many

    pdf = convert(docx_bytes, "pdf")                      # one document; raises on failure
    results = convert_many(                               # many: never raises for one document
        [docx_bytes, Path("lista.docx")], "odt",
        targets=[Path("out/a.odt"), Path("out/b.odt")],   # optional: written atomically
        on_done=lambda result: bar.advance(),             # optional: called as each one is done
    )
    failed = [r for r in results if r.error is not None]  # r.index says which document

How it works, and what it promises:

* **Few starts.** LibreOffice takes about a second to start and a few hundredths of a second per
  small document, so documents are converted many per start (``soffice --convert-to`` with many
  files), in one process per core (``workers``), balanced by size; ``MAX_PER_CALL`` bounds one
  call's command line.
* **Per-document results.** A document LibreOffice cannot open, or whose output is missing or cut
  short, fails alone (:class:`Converted` with ``error``); the others are kept. A document that
  hangs (see ``timeouts``) or crashes LibreOffice fails alone too: the process is stopped and the
  documents after it are converted by a new one.
* **Atomic writes.** With ``targets``, each output is written through
  :func:`osl_plan.output.write_atomic` as soon as it is converted: the target holds either its
  old content or the whole new file. Without ``targets`` the bytes come back in ``data``.
* **Private profiles.** Each LibreOffice process gets its own profile, reused from the cache and
  locked against parallel runs, or temporary when the cache is missing or read-only
  (:mod:`osl_plan.render.lo_profile`); the user's own LibreOffice is never touched.
* **No network.** The profile forbids loading linked files and points the proxy nowhere; a
  document's ``http://`` or ``file://`` image links are not followed.
* **Clean stops.** LibreOffice runs in its own process group; a timeout, Ctrl-C (SIGINT) or SIGTERM
  (turned into KeyboardInterrupt while a conversion runs in the main thread) kills the whole
  group, and the temporary folder is removed before the exception goes on.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from osl_plan.errors import MissingProgram, OslPlanError, UsageError, os_reason
from osl_plan.i18n import _
from osl_plan.interrupts import sigterm_interrupts
from osl_plan.render.lo_runner import (
    FILTERS,
    INSTALL_HINT,
    PDF_FILTER,
    Converted,
    Runner,
    Target,
)

__all__ = [
    "BASE_TIMEOUT",
    "FILTERS",
    "INSTALL_HINT",
    "PDF_FILTER",
    "TIMEOUT_PER_MB",
    "Converted",
    "Target",
    "convert",
    "convert_many",
    "find_soffice",
]
#: Seconds one document may take (the first in a process includes LibreOffice's start) …
BASE_TIMEOUT = 120.0
#: … plus this many per megabyte of DOCX (a 20,000-task plan is about 2 MB).
TIMEOUT_PER_MB = 500.0
_MAC_SOFFICE = "/Applications/LibreOffice.app/Contents/MacOS/soffice"


def find_soffice() -> str:
    """LibreOffice: $OSL_PLAN_SOFFICE, else the one the installer recorded (if still there), else
    soffice/libreoffice on PATH, else where Windows or macOS install it. Raises MissingProgram."""
    from osl_plan.settings import read_settings

    configured = os.environ.get("OSL_PLAN_SOFFICE")
    if configured:
        if shutil.which(configured):
            return configured
        message = _("OSL_PLAN_SOFFICE={value} is not a program. {hint}")
        raise MissingProgram(message.format(value=configured, hint=_(INSTALL_HINT)))
    recorded = read_settings().soffice
    if recorded and shutil.which(recorded):
        return recorded
    for name in ("soffice", "libreoffice"):
        if found := shutil.which(name):
            return found
    for place in _usual_places():
        if place.is_file():
            return str(place)
    raise MissingProgram(_(INSTALL_HINT))


def _usual_places() -> list[Path]:
    """Where LibreOffice's installer puts it on Windows and macOS (Linux puts it on PATH)."""
    if os.name != "nt":
        return [Path(_MAC_SOFFICE)]
    roots = {os.environ.get(v) for v in ("ProgramFiles", "ProgramFiles(x86)", "ProgramW6432")}
    return [
        Path(r) / "LibreOffice" / "program" / "soffice.exe" for r in sorted(r for r in roots if r)
    ]


def convert(document: bytes | Path, fmt: Target, *, timeout: float | None = None) -> bytes:
    """One DOCX (bytes or file) as PDF or ODT bytes.

    ``timeout``: seconds LibreOffice gets, start included (default: by size). Raises
    MissingProgram, ConversionFailed, UnreadableFile.
    """
    [result] = convert_many([document], fmt, timeouts=None if timeout is None else [timeout])
    if result.error is not None:
        raise result.error
    assert result.data is not None
    return result.data


def convert_many(
    documents: Sequence[bytes | Path],
    fmt: Target,
    *,
    targets: Sequence[Path] | None = None,
    workers: int = 0,
    timeouts: Sequence[float] | None = None,
    on_done: Callable[[Converted], None] | None = None,
) -> list[Converted]:
    """Convert DOCX documents (bytes or files) to ``fmt``, one :class:`Converted` each, in order.

    ``targets``: where to write each result (atomically; ``data`` is then None); an unwritable
    target is that document's OutputError. ``workers``: LibreOffice processes at most (0: one per
    core). ``timeouts``: seconds each document may take (default :data:`BASE_TIMEOUT` plus
    :data:`TIMEOUT_PER_MB` per MB). ``on_done`` is called in this thread as each document is
    finished, in completion order. Raises MissingProgram (before anything is converted) and
    UsageError for an unknown format; KeyboardInterrupt after stopping LibreOffice.
    """
    if fmt not in FILTERS:
        raise UsageError(_("LibreOffice converts to PDF or ODT, not {format}").format(format=fmt))
    if targets is not None and len(targets) != len(documents):
        raise ValueError("one target per document")
    if not documents:
        return []
    soffice = find_soffice()
    results: dict[int, Converted] = {}

    def finish(result: Converted) -> None:
        if targets is not None and result.data is not None:
            result = _write(result, targets[result.index])
        results[result.index] = result
        if on_done is not None:
            on_done(result)

    with tempfile.TemporaryDirectory(prefix="osl-plan-lo-") as folder, sigterm_interrupts():
        work = Path(folder)
        inputs = _stage(documents, work / "in", finish)
        sizes = {i: path.stat().st_size for i, path in inputs.items()}
        allowance = {
            i: timeouts[i] if timeouts is not None else BASE_TIMEOUT + TIMEOUT_PER_MB * s / 1e6
            for i, s in sizes.items()
        }
        count = min(workers or os.cpu_count() or 1, len(inputs))
        runner = Runner(soffice, fmt, work=work, inputs=inputs, allowance=allowance, finish=finish)
        runner.run(_groups(sizes, count))
    return [results[i] for i in range(len(documents))]


def _write(result: Converted, target: Path) -> Converted:
    from osl_plan.output import write_atomic

    assert result.data is not None
    try:
        write_atomic(target, result.data)
    except OslPlanError as error:
        return Converted(result.index, error=error)
    return Converted(result.index)


def _stage(
    documents: Sequence[bytes | Path], folder: Path, finish: Callable[[Converted], None]
) -> dict[int, Path]:
    """Every document as a uniquely named file (LibreOffice names its output after the input)."""
    from osl_plan.errors import UnreadableFile

    folder.mkdir()
    staged: dict[int, Path] = {}
    for index, document in enumerate(documents):
        path = folder / f"{index:05d}.docx"
        try:
            if isinstance(document, bytes):
                path.write_bytes(document)
            else:
                _link_or_copy(document, path)
        except OSError as error:
            reason = os_reason(error)
            finish(Converted(index, error=UnreadableFile(str(document), reason)))
            continue
        staged[index] = path
    return staged


def _link_or_copy(source: Path, path: Path) -> None:
    if not source.is_file():
        raise FileNotFoundError(2, _("not a readable file"))
    try:
        os.link(source, path)
    except OSError:
        shutil.copyfile(source, path)


def _groups(sizes: dict[int, int], count: int) -> list[list[int]]:
    """Documents split among ``count`` processes, largest first to the least loaded; in order."""
    groups: list[list[int]] = [[] for _ in range(count)]
    loads = [0] * count
    for index in sorted(sizes, key=lambda i: (-sizes[i], i)):
        k = loads.index(min(loads))
        groups[k].append(index)
        loads[k] += sizes[index] + 20_000  # a small document still costs a little
    return [sorted(group) for group in groups if group]
