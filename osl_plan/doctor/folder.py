"""The checks of the plans folder: writable, its plans' strip images, its last writer's version."""

from __future__ import annotations

import tempfile
from pathlib import Path

from osl_plan import __version__
from osl_plan.doctor.checks import Check, Level
from osl_plan.errors import OslPlanError, shown_path
from osl_plan.folder_version import recorded_version, version_key
from osl_plan.i18n import _

#: At most this many plans are read for their strip images (a folder of old plans stays quick).
MAX_PLANS = 200
_IMAGE_CODES = {"image-missing", "image-unreadable", "image-format"}


def folder_checks(folder: Path) -> list[Check]:
    """The folder writable; then, when it is, its strip images and its recorded version."""
    writable = _writable_check(folder)
    if writable.level is not Level.ok:
        return [writable]
    return [writable, _strip_check(folder), _version_check(folder)]


def _writable_check(folder: Path) -> Check:
    shown = shown_path(folder)
    facts = {"path": str(folder)}
    if not folder.is_dir():
        message = _("The plans folder {folder} does not exist.").format(folder=shown)
        fix = _("Create it, or name your plans folder with --folder.")
        return Check("folder", Level.warning, message, fix, facts)
    try:
        with tempfile.TemporaryFile(dir=folder, prefix=".osl-plan-doktor-"):
            pass
    except OSError as error:
        message = _("Files cannot be saved in the plans folder {folder}: {reason}.")
        fix = _("Choose a folder of your own (in Documents), or ask for the right to write here.")
        reason = error.strerror or str(error)
        return Check("folder", Level.error, message.format(folder=shown, reason=reason), fix, facts)
    message = _("The plans folder {folder} can be written to.").format(folder=shown)
    return Check("folder", Level.ok, message, facts=facts)


def _strip_check(folder: Path) -> Check:
    """Every strip image the folder's plans name exists and is a PNG or JPEG."""
    from osl_plan.errors import PlanError
    from osl_plan.load import load

    missing: list[str] = []
    plans = sorted(p for p in folder.iterdir() if p.suffix.lower() in {".yaml", ".yml"})
    for path in plans[:MAX_PLANS]:
        try:
            load(path)
        except PlanError as error:
            missing += [p.format() for p in error.problems if p.code in _IMAGE_CODES]
        except OslPlanError:
            continue  # an unreadable plan: `osl-plan validate` says what is wrong with it
    if missing:
        message = _("Strip images are missing or unusable: {images}").format(
            images="; ".join(missing)
        )
        fix = _(
            "Copy the strip image (the funding marks as PNG or JPEG) next to the plan, or "
            "correct finansowanie.obraz in the plan."
        )
        return Check("strip", Level.error, message, fix, {"problems": "; ".join(missing)})
    message = _("The strip images of the plans in the folder are present.")
    return Check("strip", Level.ok, message, facts={"plans": str(len(plans))})


def _version_check(folder: Path) -> Check:
    """The installed version is not older than the folder's last writer."""
    recorded = recorded_version(folder)
    facts = {"installed": __version__, "recorded": recorded or ""}
    if recorded is not None and version_key(recorded) > version_key(__version__):
        message = _(
            "The plans in this folder were last written by osl-plan {recorded}, and this "
            "computer has the older {installed}."
        ).format(recorded=recorded, installed=__version__)
        fix = _("Install osl-plan {recorded} or newer (the same bundle as on the other computer).")
        return Check("plans-version", Level.error, message, fix.format(recorded=recorded), facts)
    message = _("osl-plan {installed} is not older than the plans in the folder.")
    return Check("plans-version", Level.ok, message.format(installed=__version__), facts=facts)


__all__ = ["MAX_PLANS", "folder_checks"]
