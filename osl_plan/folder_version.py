"""Which osl-plan version last wrote into the plans folder: ``<folder>/.osl-plan/wersja``.

The installer makes the ``.osl-plan`` folder in the plans folder; from then on every file osl-plan
writes there (:func:`osl_plan.output.write_atomic`) records the writer's version, unless a newer one
is recorded already. ``osl-plan doktor`` compares it with the installed version, so that an older
copy of osl-plan on another computer says so instead of failing on a plan it does not know.
Folders without ``.osl-plan`` (every other output folder) are left as they are.
"""

from __future__ import annotations

import contextlib
import re
from pathlib import Path

from osl_plan import __version__

MARKER = ".osl-plan"
VERSION_FILE = "wersja"


def version_key(version: str) -> tuple[int, ...]:
    """``"0.10.2"`` as (0, 10, 2), for comparing; the numbers before anything else."""
    return tuple(
        int(part)
        for part in re.findall(r"\d+", version.split("+", maxsplit=1)[0].split("-", maxsplit=1)[0])
    )


def recorded_version(folder: Path) -> str | None:
    """The version recorded in ``folder``; None when there is none or it is unreadable."""
    try:
        text = (folder / MARKER / VERSION_FILE).read_text(encoding="utf-8").strip()
    except (OSError, ValueError):
        return None
    return text if version_key(text) else None


def record_writer(folder: Path) -> None:
    """Record this version in a plans folder (one with ``.osl-plan``); never fails."""
    marker = folder / MARKER
    if not marker.is_dir():
        return
    known = recorded_version(folder)
    if known is not None and version_key(known) >= version_key(__version__):
        return
    # The document was written; the record is only a hint for `osl-plan doktor`.
    with contextlib.suppress(OSError):
        (marker / VERSION_FILE).write_text(__version__ + "\n", encoding="utf-8")
