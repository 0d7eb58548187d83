"""Installing osl-plan from the offline bundle into the user's profile, and removing it again.

The bundle's ``zainstaluj.sh`` / ``zainstaluj.ps1`` find Python, make the private environment and
install the wheels into it with ``pip --no-index``; then they run ``python -m osl_plan.installation
zainstaluj`` from that environment, which does the rest (:func:`install`): the ``osl-plan`` command
on the user's PATH, the plans folder with a blank plan and the guide, the settings (where
LibreOffice is), the „Plan OSL” shortcut and its launcher. Everything it makes is listed in a
manifest; :func:`uninstall` removes exactly that, and never a plan. An update runs the same steps:
what exists is kept (plans, settings), what belongs to the installation is replaced.
"""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

from osl_plan import __version__
from osl_plan.folder_version import MARKER
from osl_plan.i18n import _
from osl_plan.installation import shortcuts
from osl_plan.installation.places import Layout, Outcome, find_libreoffice
from osl_plan.settings import SETTINGS_FILE

__all__ = ["BLANK_PLAN", "GUIDE", "Outcome", "install", "uninstall"]

#: The bundle's files that the installation copies.
GUIDE = "przewodnik.pdf"
BLANK_PLAN = "pusty_plan.yaml"
UNINSTALLERS = ("odinstaluj.sh", "odinstaluj.ps1", "odinstaluj.bat")


def install(layout: Layout, bundle: Path) -> Outcome:
    """Everything after the environment: command, plans folder, settings, shortcut, manifest."""
    made: list[str] = list(_read_manifest(layout))
    outcome = Outcome()
    made += shortcuts.put_on_path(layout, outcome)
    made += _plans_folder(layout, bundle, outcome)
    made += _settings(layout, outcome)
    made += shortcuts.make_shortcuts(layout, outcome)
    for name in UNINSTALLERS:
        if (bundle / name).is_file():
            shutil.copyfile(bundle / name, layout.home / name)
            made.append(str(layout.home / name))
    _write_manifest(layout, made)
    outcome.done.insert(
        0,
        _("osl-plan {version} is installed in {folder}.").format(
            version=__version__, folder=layout.home
        ),
    )
    return outcome


def _plans_folder(layout: Layout, bundle: Path, outcome: Outcome) -> list[str]:
    """The plans folder (kept on uninstall), a blank plan unless one is there, the guide."""
    layout.plans.mkdir(parents=True, exist_ok=True)
    (layout.plans / MARKER).mkdir(exist_ok=True)
    made = [str(layout.plans / MARKER)]
    blank = layout.plans / BLANK_PLAN
    if (bundle / BLANK_PLAN).is_file() and not blank.exists():
        text = (bundle / BLANK_PLAN).read_text(encoding="utf-8")
        blank.write_text(text.replace("@ROK@", str(date.today().year)), encoding="utf-8")
    if (bundle / GUIDE).is_file():
        shutil.copyfile(bundle / GUIDE, layout.plans / shortcuts.GUIDE_NAME)
        made.append(str(layout.plans / shortcuts.GUIDE_NAME))
    outcome.done.append(_("Your plans folder: {folder}").format(folder=layout.plans))
    return made


def _settings(layout: Layout, outcome: Outcome) -> list[str]:
    """Record LibreOffice and the plans folder; settings already there are kept."""
    path = layout.config / SETTINGS_FILE
    try:
        settings = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        settings = {}
    if not isinstance(settings, dict):
        settings = {}
    recorded = settings.get("soffice")
    if not (isinstance(recorded, str) and Path(recorded).is_file()):
        found = find_libreoffice(layout.system)
        settings["soffice"] = str(found) if found is not None else ""
    settings.setdefault("plany", str(layout.plans))
    layout.config.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(settings, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    if settings["soffice"]:
        outcome.done.append(_("LibreOffice: {path}").format(path=settings["soffice"]))
    else:
        outcome.notes.append(
            _(
                "LibreOffice was not found; it is needed only for PDF and ODT documents. Get it "
                "free from https://pl.libreoffice.org/pobierz/ (Linux: install the "
                "libreoffice-writer package), then run this installer again."
            )
        )
    return [str(path)]


def uninstall(layout: Layout) -> Outcome:
    """Remove what the manifest lists (never the plans); the environment is the script's part."""
    outcome = Outcome()
    for entry in sorted(_read_manifest(layout), reverse=True):
        if entry.startswith(shortcuts.PATH_ENTRY):
            shortcuts.remove_from_path(entry.removeprefix(shortcuts.PATH_ENTRY))
            continue
        path = Path(entry)
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        elif path.exists() or path.is_symlink():
            path.unlink()
    layout.manifest.unlink(missing_ok=True)
    for folder in (layout.config, layout.bin_dir):
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
    outcome.done.append(
        _("osl-plan is removed. Your plans stay in {folder}.").format(folder=layout.plans)
    )
    return outcome


def _read_manifest(layout: Layout) -> list[str]:
    try:
        text = layout.manifest.read_text(encoding="utf-8")
    except OSError:
        return []
    return [line for line in text.splitlines() if line.strip()]


def _write_manifest(layout: Layout, made: list[str]) -> None:
    lines = sorted(set(made))
    layout.manifest.write_text("\n".join(lines) + "\n", encoding="utf-8")
