"""The plan as a tagged PDF: the DOCX converted by LibreOffice headless.

Each conversion runs with its own temporary LibreOffice profile (``-env:UserInstallation``): two
conversions sharing the user's profile would collide, and a broken profile cannot break ours.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from osl_plan.errors import ConversionFailed, MissingProgram
from osl_plan.model import Plan
from osl_plan.render import RenderOptions

#: Tagged PDF (structure for screen readers), as the accessibility rules for public bodies require.
PDF_FILTER = 'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"}}'
#: Seconds LibreOffice gets to start, plus a little per task for long plans.
BASE_TIMEOUT = 120.0
TIMEOUT_PER_TASK = 0.05
_MAC_SOFFICE = "/Applications/LibreOffice.app/Contents/MacOS/soffice"

INSTALL_HINT = (
    "PDF output needs LibreOffice, and „soffice” was not found. Install it — "
    "Debian/Ubuntu: sudo apt-get install libreoffice-writer-nogui; "
    "Fedora: sudo dnf install libreoffice-writer; macOS: brew install --cask libreoffice; "
    "Windows: https://www.libreoffice.org/download/ — or set OSL_PLAN_SOFFICE to the program's "
    "path. DOCX, HTML and Markdown need no LibreOffice."
)


def find_soffice() -> str:
    """LibreOffice: $OSL_PLAN_SOFFICE, or soffice/libreoffice on PATH. Raises MissingProgram."""
    configured = os.environ.get("OSL_PLAN_SOFFICE")
    if configured:
        if shutil.which(configured):
            return configured
        raise MissingProgram(f"OSL_PLAN_SOFFICE={configured} is not a program. {INSTALL_HINT}")
    for name in ("soffice", "libreoffice"):
        if found := shutil.which(name):
            return found
    if Path(_MAC_SOFFICE).is_file():
        return _MAC_SOFFICE
    raise MissingProgram(INSTALL_HINT)


def docx_to_pdf(docx: bytes, *, timeout: float = BASE_TIMEOUT) -> bytes:
    """Convert DOCX bytes to tagged PDF bytes. Raises MissingProgram, ConversionFailed."""
    soffice = find_soffice()
    with tempfile.TemporaryDirectory(prefix="osl-plan-pdf-") as folder:
        work = Path(folder)
        source, out = work / "plan.docx", work / "out"
        source.write_bytes(docx)
        command = [
            soffice,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--invisible",
            "--nologo",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            PDF_FILTER,
            "--outdir",
            str(out),
            str(source),
        ]
        _run(command, timeout)
        result = out / "plan.pdf"
        if not result.is_file() or result.stat().st_size == 0:
            raise ConversionFailed(
                "LibreOffice ran but wrote no PDF — open the DOCX output in LibreOffice to see why"
            )
        return result.read_bytes()


def _run(command: list[str], timeout: float) -> None:
    """Run LibreOffice in its own process group, so a timeout ends every process it started."""
    try:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
    except OSError as error:
        raise MissingProgram(f"{command[0]} cannot be started ({error}). {INSTALL_HINT}") from None
    try:
        _, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill(process)
        raise ConversionFailed(
            f"LibreOffice did not finish the PDF within {timeout:.0f} s and was stopped"
        ) from None
    if process.returncode != 0:
        detail = stderr.decode("utf-8", "replace").strip().splitlines()
        raise ConversionFailed(
            f"LibreOffice failed to convert the document to PDF (exit {process.returncode})"
            + (f": {detail[-1]}" if detail else "")
        )


def _kill(process: subprocess.Popen[bytes]) -> None:
    if hasattr(os, "killpg"):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
    else:  # pragma: no cover - Windows has no process groups here
        process.kill()
    process.communicate()


def render_pdf(plan: Plan, options: RenderOptions) -> bytes:
    """The plan as tagged PDF. Raises MissingProgram, ConversionFailed, UnreadableFile."""
    from osl_plan.render.docx import render_docx

    find_soffice()  # fail before rendering when LibreOffice is missing
    timeout = BASE_TIMEOUT + TIMEOUT_PER_TASK * len(plan.zadania)
    return docx_to_pdf(render_docx(plan, options), timeout=timeout)
