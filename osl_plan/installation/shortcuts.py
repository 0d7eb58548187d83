"""The ``osl-plan`` command on the user's PATH, and the „Plan OSL” shortcut with its launcher.

The launcher decides when it is started, not when it is installed: when the installed osl-plan
has the editor (``osl-plan edytor --help`` succeeds) it starts the editor on the plans folder;
otherwise it opens the plans folder and the guide. An update that brings the editor needs nothing
else.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from osl_plan.i18n import _
from osl_plan.installation.places import SHORTCUT_NAME, Layout

if TYPE_CHECKING:
    from osl_plan.installation.places import Outcome

#: The guide's name in the plans folder.
GUIDE_NAME = "Przewodnik osl-plan.pdf"
#: A manifest line naming a folder added to the user's PATH (Windows).
PATH_ENTRY = "PATH\t"


def put_on_path(layout: Layout, outcome: Outcome) -> list[str]:
    """A small ``osl-plan`` script in the user's command folder; the folder put on PATH."""
    layout.bin_dir.mkdir(parents=True, exist_ok=True)
    if layout.system == "windows":
        shim = layout.bin_dir / "osl-plan.cmd"
        program = _cmd_path(layout.venv / "Scripts" / "osl-plan.exe")
        shim.write_text(f'@"{program}" %*\r\n', encoding="utf-8", newline="")
        added = _add_to_user_path(layout.bin_dir)
        outcome.done.append(_("The osl-plan command works in a new PowerShell or cmd window."))
        return [str(shim), *([PATH_ENTRY + str(layout.bin_dir)] if added else [])]
    shim = layout.bin_dir / "osl-plan"
    shim.write_text(f'#!/bin/sh\nexec "{layout.venv}/bin/osl-plan" "$@"\n', encoding="utf-8")
    shim.chmod(0o755)
    on_path = os.environ.get("PATH", "").split(os.pathsep)
    if str(layout.bin_dir) in on_path:
        outcome.done.append(_("The osl-plan command: {path}").format(path=shim))
    else:
        outcome.notes.append(
            _(
                "The folder {folder} is not on your PATH. Add this line at the end of the file "
                '~/.profile and log in again: export PATH="$HOME/.local/bin:$PATH" — until then, '
                "start the program as {path}"
            ).format(folder=layout.bin_dir, path=shim)
        )
    return [str(shim)]


def make_shortcuts(layout: Layout, outcome: Outcome) -> list[str]:
    """The launcher and a „Plan OSL” shortcut in each shortcut folder."""
    made = [str(_launcher(layout))]
    for folder in layout.shortcut_dirs:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            made.append(str(_shortcut(layout, folder)))
        except (OSError, subprocess.SubprocessError):
            continue  # a desktop that cannot be written: the menu's shortcut is enough
    outcome.done.append(
        _("The „{name}” shortcut opens your plans folder.").format(name=SHORTCUT_NAME)
    )
    return made


def _launcher(layout: Layout) -> Path:
    """The shortcut's script: the editor on the plans folder when there is one, else the folder
    and the guide."""
    if layout.system == "windows":
        program = _cmd_path(layout.venv / "Scripts/osl-plan.exe")
        plans = _cmd_path(layout.plans)
        path = layout.home / "plan-osl.cmd"
        path.write_text(
            "@echo off\r\n"
            f'"{program}" edytor --help >nul 2>&1\r\n'
            f'if not errorlevel 1 (\r\n  "{program}" edytor "{plans}"\r\n  exit /b\r\n)\r\n'
            f'start "" "{plans}"\r\nstart "" "{plans}\\{GUIDE_NAME}"\r\n',
            encoding="utf-8",
            newline="",  # the lines end in CRLF already
        )
        return path
    program_sh = layout.venv / "bin/osl-plan"
    path = layout.home / "plan-osl.sh"
    path.write_text(
        "#!/bin/sh\n"
        f'if "{program_sh}" edytor --help >/dev/null 2>&1; then\n'
        f'  exec "{program_sh}" edytor "{layout.plans}"\nfi\n'
        f'xdg-open "{layout.plans}"\nexec xdg-open "{layout.plans / GUIDE_NAME}"\n',
        encoding="utf-8",
    )
    path.chmod(0o755)
    return path


def _shortcut(layout: Layout, folder: Path) -> Path:
    launcher = _launcher_path(layout)
    if layout.system == "windows":
        path = folder / f"{SHORTCUT_NAME}.lnk"
        script = (
            "$s = (New-Object -ComObject WScript.Shell).CreateShortcut($env:OSL_LNK); "
            "$s.TargetPath = $env:OSL_TARGET; $s.WorkingDirectory = $env:OSL_DIR; "
            "$s.WindowStyle = 7; $s.Description = 'Plan OSL'; $s.Save()"
        )
        environment = {
            **os.environ,
            "OSL_LNK": str(path),
            "OSL_TARGET": str(launcher),
            "OSL_DIR": str(layout.plans),
        }
        subprocess.run(
            ["powershell", "-NoProfile", "-NonInteractive", "-Command", script],
            check=True,
            env=environment,
            timeout=120,
        )
        return path
    path = folder / "plan-osl.desktop"
    path.write_text(
        "[Desktop Entry]\nType=Application\n"
        f"Name={SHORTCUT_NAME}\nComment=Plan organizowania społeczności lokalnej\n"
        f'Exec="{launcher}"\nPath={layout.plans}\nIcon=x-office-document\nTerminal=false\n'
        "Categories=Office;\n",
        encoding="utf-8",
    )
    path.chmod(0o755)
    return path


def _cmd_path(path: Path) -> str:
    """A path for a .cmd file, which cmd reads in the console's code page, not UTF-8: the user's
    folders as %LOCALAPPDATA% or %USERPROFILE% (a name such as „Łukasz” stays out of the file)."""
    text = str(path)
    for variable in ("LOCALAPPDATA", "USERPROFILE"):
        base = os.environ.get(variable)
        if base and text.lower().startswith(base.lower().rstrip("\\") + "\\"):
            return f"%{variable}%" + text[len(base.rstrip("\\")) :]
    return text


def _launcher_path(layout: Layout) -> Path:
    return layout.home / ("plan-osl.cmd" if layout.system == "windows" else "plan-osl.sh")


def _add_to_user_path(folder: Path) -> bool:
    """Put ``folder`` on the user's PATH (Windows registry); False when it was there already."""
    if sys.platform != "win32":
        return False
    import winreg

    with winreg.OpenKey(winreg.HKEY_CURRENT_USER, "Environment", 0, winreg.KEY_ALL_ACCESS) as key:
        try:
            value, kind = winreg.QueryValueEx(key, "Path")
        except FileNotFoundError:
            value, kind = "", winreg.REG_EXPAND_SZ
        entries = [e for e in str(value).split(";") if e]
        if str(folder) in entries:
            return False
        winreg.SetValueEx(key, "Path", 0, kind, ";".join([*entries, str(folder)]))
    _announce_environment()
    return True


def remove_from_path(folder: str) -> None:
    """Take ``folder`` off the user's PATH again (Windows registry)."""
    if sys.platform != "win32":
        return
    import winreg

    with winreg.OpenKey(winreg.HKEY_CURRENT_USER, "Environment", 0, winreg.KEY_ALL_ACCESS) as key:
        try:
            value, kind = winreg.QueryValueEx(key, "Path")
        except FileNotFoundError:
            return
        entries = [e for e in str(value).split(";") if e and e != folder]
        winreg.SetValueEx(key, "Path", 0, kind, ";".join(entries))
    _announce_environment()


def _announce_environment() -> None:
    """Tell Windows (Explorer, new windows) that the user's environment changed."""
    if sys.platform != "win32":
        return
    import ctypes

    result = ctypes.c_ulong()
    ctypes.windll.user32.SendMessageTimeoutW(
        0xFFFF, 0x1A, 0, "Environment", 2, 5000, ctypes.byref(result)
    )
