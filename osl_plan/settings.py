"""The settings the installer records: where LibreOffice is and where the plans folder is.

One small JSON file, ``ustawienia.json``, in the user's configuration folder (Windows:
``%APPDATA%\\osl-plan``; elsewhere ``$XDG_CONFIG_HOME/osl-plan``, else ``~/.config/osl-plan``).
The installer writes it; an update keeps it. Nothing here fails: an unreadable file is no settings.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

#: The plans folder's name inside the user's documents.
PLANS_FOLDER_NAME = "Plany OSL"
SETTINGS_FILE = "ustawienia.json"


@dataclass(frozen=True, slots=True)
class Settings:
    """What the installer recorded; None where it recorded nothing."""

    soffice: str | None = None
    plans: Path | None = None


def config_dir() -> Path:
    """The folder of osl-plan's settings for this user."""
    if os.name == "nt" and os.environ.get("APPDATA"):
        return Path(os.environ["APPDATA"]) / "osl-plan"
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "osl-plan"


def read_settings() -> Settings:
    """The recorded settings; empty when the file is missing or not a JSON object."""
    try:
        data = json.loads((config_dir() / SETTINGS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Settings()
    if not isinstance(data, dict):
        return Settings()
    soffice = data.get("soffice")
    plans = data.get("plany")
    return Settings(
        soffice=soffice if isinstance(soffice, str) and soffice else None,
        plans=Path(plans) if isinstance(plans, str) and plans else None,
    )


def default_plans_folder() -> Path:
    """The plans folder: as recorded by the installer, else „Plany OSL” in the user's documents."""
    recorded = read_settings().plans
    if recorded is not None:
        return recorded
    documents = Path.home() / "Documents"
    if os.name == "nt" and os.environ.get("USERPROFILE"):
        documents = Path(os.environ["USERPROFILE"]) / "Documents"
    return documents / PLANS_FOLDER_NAME
