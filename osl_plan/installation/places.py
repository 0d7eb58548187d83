"""Where an installation from the bundle puts things, for this user, on Linux and on Windows.

Everything is under the user's profile and needs no administrator: the private Python environment
(``~/.local/share/osl-plan/venv``; Windows ``%LOCALAPPDATA%\\osl-plan\\venv``), the ``osl-plan``
command (``~/.local/bin``; Windows ``%LOCALAPPDATA%\\osl-plan\\bin`` put on the user's PATH), the
settings (:mod:`osl_plan.settings`), the shortcuts and the plans folder in the user's documents.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from osl_plan.settings import PLANS_FOLDER_NAME, config_dir

System = Literal["linux", "windows"]
#: The shortcut's name, as the organiser sees it.
SHORTCUT_NAME = "Plan OSL"


@dataclass
class Outcome:
    """What was done, as lines for the person installing; ``notes`` say what she must still do."""

    done: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Layout:
    """The places of one user's installation."""

    system: System
    #: The installation's own folder; it holds the environment, the launcher and the manifest.
    home: Path
    #: Where the ``osl-plan`` command (a small script calling the environment's) goes.
    bin_dir: Path
    config: Path
    plans: Path
    #: Folders that get the „Plan OSL” shortcut (applications menu / Start menu, desktop).
    shortcut_dirs: tuple[Path, ...]

    @property
    def venv(self) -> Path:
        return self.home / "venv"

    @property
    def manifest(self) -> Path:
        """The list of what the installation made, read by the uninstaller."""
        return self.home / "zainstalowane.txt"


def current_system() -> System:
    return "windows" if os.name == "nt" else "linux"


def current_layout() -> Layout:
    """The places for the user running this (the environment is ``sys.prefix``'s folder)."""
    home = Path(sys.prefix).parent
    system = current_system()
    if system == "windows":
        return Layout(
            system,
            home,
            home / "bin",
            config_dir(),
            _windows_folder("MyDocuments") / PLANS_FOLDER_NAME,
            (_windows_folder("Programs"), _windows_folder("Desktop")),
        )
    data = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    shortcuts = [data / "applications"]
    desktop = _xdg_folder("DESKTOP", "Desktop")
    if desktop is not None and desktop.is_dir():
        shortcuts.append(desktop)
    documents = _xdg_folder("DOCUMENTS", "Documents") or Path.home() / "Documents"
    return Layout(
        system,
        home,
        Path.home() / ".local" / "bin",
        config_dir(),
        documents / PLANS_FOLDER_NAME,
        tuple(shortcuts),
    )


def _xdg_folder(name: str, fallback: str) -> Path | None:
    """The user's DESKTOP or DOCUMENTS folder as ``xdg-user-dir`` names it (e.g. ~/Dokumenty)."""
    if shutil.which("xdg-user-dir"):
        try:
            done = subprocess.run(
                ["xdg-user-dir", name], check=False, capture_output=True, text=True, timeout=10
            )
        except (OSError, subprocess.SubprocessError):
            done = None
        found = done.stdout.strip() if done is not None else ""
        if found and Path(found) != Path.home():
            return Path(found)
    return Path.home() / fallback


def _windows_folder(name: str) -> Path:
    """A Windows special folder (MyDocuments, Desktop, Programs), following OneDrive's moves."""
    script = f"[Environment]::GetFolderPath('{name}')"
    try:
        done = subprocess.run(
            ["powershell", "-NoProfile", "-NonInteractive", "-Command", script],
            check=False,
            capture_output=True,
            text=True,
            timeout=60,
        )
        found = done.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        found = ""
    if found:
        return Path(found)
    profile = Path(os.environ.get("USERPROFILE") or Path.home())
    fallback = {"MyDocuments": "Documents", "Desktop": "Desktop"}
    if name in fallback:
        return profile / fallback[name]
    return Path(os.environ.get("APPDATA", profile)) / "Microsoft/Windows/Start Menu/Programs"


def find_libreoffice(system: System) -> Path | None:
    """LibreOffice's ``soffice`` where its installers put it, else on PATH; None if absent."""
    if system == "windows":
        roots = {os.environ.get(v) for v in ("ProgramFiles", "ProgramFiles(x86)", "ProgramW6432")}
        places = [
            Path(r) / "LibreOffice/program/soffice.exe" for r in sorted(x for x in roots if x)
        ]
    else:
        places = [Path("/usr/bin/soffice"), Path("/usr/lib/libreoffice/program/soffice")]
        places += sorted(Path("/opt").glob("libreoffice*/program/soffice"), reverse=True)
        places += [Path("/snap/bin/libreoffice")]
    for place in places:
        if place.is_file() and os.access(place, os.X_OK):
            return place
    found = shutil.which("soffice") or shutil.which("libreoffice")
    return Path(found) if found else None
