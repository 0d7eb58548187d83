"""The checks of the computer: osl-plan and Python, LibreOffice, the fonts, the editor's port."""

from __future__ import annotations

import io
import os
import platform
import shutil
import socket
import subprocess
import sys
from pathlib import Path

from osl_plan import __version__
from osl_plan.doctor.checks import Check, Level
from osl_plan.errors import OslPlanError
from osl_plan.i18n import _, language

#: The font the documents are set in (:data:`osl_plan.render.docx_setup.FONT`) and the fonts with
#: the same widths that LibreOffice takes in its place, so that lines break as in Word.
DOCUMENT_FONT = "Arial"
SAME_WIDTHS = ("Liberation Sans", "Arimo")
_PYTHON_MIN = (3, 11)
_LIBREOFFICE_URL = "https://pl.libreoffice.org/pobierz/"


def version_check() -> Check:
    """osl-plan's version and the language it speaks."""
    lang = language()
    message = _("osl-plan {version}, language: {language}").format(
        version=__version__, language=lang
    )
    fix = _("Set OSL_PLAN_LANG=en for English, OSL_PLAN_LANG=pl for Polish.")
    return Check("version", Level.ok, message, fix, {"version": __version__, "language": lang})


def python_check() -> Check:
    """The Python running osl-plan."""
    version = platform.python_version()
    facts = {"version": version, "executable": sys.executable}
    message = _("Python {version} ({path})").format(version=version, path=sys.executable)
    if sys.version_info[:2] >= _PYTHON_MIN:
        return Check("python", Level.ok, message, facts=facts)
    fix = _("Install Python 3.11, 3.12 or 3.13 from python.org and install osl-plan again.")
    return Check("python", Level.error, message, fix, facts)


def libreoffice_checks(*, timeout: float) -> list[Check]:
    """LibreOffice found (where, which version) and converting a one-page document now."""
    from osl_plan.render.libreoffice import find_soffice
    from osl_plan.render.lo_runner import soffice_version

    try:
        program = find_soffice()
    except OslPlanError:
        message = _("LibreOffice was not found: PDF and ODT documents cannot be made.")
        fix = _(
            "Install LibreOffice from {url} (Linux: the libreoffice-writer package) and run "
            "„osl-plan doktor” again, or set OSL_PLAN_SOFFICE to the path of its soffice program."
        ).format(url=_LIBREOFFICE_URL)
        return [Check("libreoffice", Level.error, message, fix)]
    found = shutil.which(program) or program
    version = soffice_version(program) or _("version unknown")
    message = _("LibreOffice {version}: {path}").format(version=version, path=found)
    checks = [Check("libreoffice", Level.ok, message, facts={"path": found, "version": version})]
    return [*checks, _conversion_check(timeout), uno_check(program)]


def uno_check(program: str) -> Check:
    """Whether the editor can keep LibreOffice running (a Python with UNO for it)."""
    from osl_plan.render.lo_warm import uno_python

    python = uno_python(program)
    if python is not None:
        message = _("The editor keeps LibreOffice running for its PDF and ODT downloads ({path}).")
        return Check("uno", Level.ok, message.format(path=python), facts={"python": python})
    message = _(
        "The editor starts LibreOffice anew for every PDF and ODT download (a few seconds each): "
        "no Python with LibreOffice's UNO was found."
    )
    fix = _(
        "Debian/Ubuntu: sudo apt-get install python3-uno; elsewhere the Python that comes with "
        "LibreOffice has it — or set OSL_PLAN_UNO_PYTHON to such a Python."
    )
    return Check("uno", Level.warning, message, fix)


def _conversion_check(timeout: float) -> Check:
    from osl_plan.render.libreoffice import convert

    try:
        pdf = convert(_one_page(), "pdf", timeout=timeout)
    except OslPlanError as error:
        message = _("LibreOffice cannot convert a document: {error}").format(error=error)
        fix = _(
            "Close every LibreOffice window and try again; if that does not help, reinstall "
            "LibreOffice from {url}."
        ).format(url=_LIBREOFFICE_URL)
        return Check("conversion", Level.error, message, fix)
    if not pdf.startswith(b"%PDF"):
        message = _("LibreOffice wrote something that is not a PDF.")
        fix = _("Reinstall LibreOffice from {url}.").format(url=_LIBREOFFICE_URL)
        return Check("conversion", Level.error, message, fix)
    message = _("LibreOffice converted a one-page test document to PDF.")
    return Check("conversion", Level.ok, message, facts={"bytes": str(len(pdf))})


def _one_page() -> bytes:
    """A one-page DOCX in the documents' font."""
    import docx

    document = docx.Document()
    document.styles["Normal"].font.name = DOCUMENT_FONT
    document.add_paragraph("Plan organizowania społeczności lokalnej – próba (zażółć gęślą jaźń).")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def fonts_check() -> Check:
    """The documents' font, or which font LibreOffice takes in its place."""
    facts = {"font": DOCUMENT_FONT}
    if os.name == "nt":
        return _fonts_windows(facts)
    if shutil.which("fc-match") is None:
        message = _("The fonts cannot be checked: the fc-match program is missing.")
        fix = _("Install fontconfig (Debian/Ubuntu: sudo apt-get install fontconfig).")
        return Check("fonts", Level.warning, message, fix, facts)
    try:
        done = subprocess.run(
            ["fc-match", "-f", "%{family}", DOCUMENT_FONT],
            check=False,
            capture_output=True,
            timeout=20,
        )
    except (OSError, subprocess.SubprocessError):
        done = None
    family = done.stdout.decode("utf-8", "replace").split(",")[0].strip() if done else ""
    facts["used"] = family
    if family == DOCUMENT_FONT:
        message = _("The documents' font {font} is installed.").format(font=DOCUMENT_FONT)
        return Check("fonts", Level.ok, message, facts=facts)
    if family in SAME_WIDTHS:
        message = _("{font} is not installed; {substitute} is used, with the same widths.")
        return Check(
            "fonts", Level.ok, message.format(font=DOCUMENT_FONT, substitute=family), facts=facts
        )
    message = _(
        "{font} is not installed and LibreOffice will use {substitute}: lines in PDF documents "
        "may break differently than in Word."
    ).format(font=DOCUMENT_FONT, substitute=family or "?")
    fix = _(
        "Install the Liberation fonts (Debian/Ubuntu: sudo apt-get install fonts-liberation2; "
        "Fedora: sudo dnf install liberation-sans-fonts)."
    )
    return Check("fonts", Level.warning, message, fix, facts)


def _fonts_windows(facts: dict[str, str]) -> Check:
    fonts = Path(os.environ.get("WINDIR", "C:\\Windows")) / "Fonts"
    if (fonts / "arial.ttf").is_file():
        message = _("The documents' font {font} is installed.").format(font=DOCUMENT_FONT)
        return Check("fonts", Level.ok, message, facts=facts)
    message = _("The documents' font {font} was not found; PDF documents will use another font.")
    fix = _("Install the Arial font (it comes with Windows) or the Liberation Sans font.")
    return Check("fonts", Level.warning, message.format(font=DOCUMENT_FONT), fix, facts)


def port_check(port: int) -> Check:
    """The editor's port on 127.0.0.1 is free (bound for a moment, never listened on)."""
    facts = {"port": str(port)}
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            message = _(
                "Port {port}, the editor's own for this folder, is taken: the editor will take "
                "another one, and the changes the browser kept at its usual address will not be "
                "offered back."
            )
            fix = _(
                "Close the program using it – or, if it is this folder's editor already open, "
                "use that one."
            )
            return Check("port", Level.warning, message.format(port=port), fix, facts)
    message = _("Port {port} for the editor is free.").format(port=port)
    return Check("port", Level.ok, message, facts=facts)
