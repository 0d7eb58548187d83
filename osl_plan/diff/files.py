"""Which files a diff compares: paths as given, or years looked up in the plans folders."""

from __future__ import annotations

import re
from pathlib import Path

from osl_plan.errors import UsageError
from osl_plan.i18n import _

#: Where a bare year is looked for when no --plans-dir is given, in this order.
DEFAULT_DIRS = (Path("."), Path("plans"), Path("examples"))


def resolve_plan(spec: str, plans_dir: Path | None = None) -> Path:
    """A path as given, or ``plan_<year>.yaml`` for a year. Raises UsageError when not found."""
    if not re.fullmatch(r"\d{4}", spec) or Path(spec).is_file():
        return Path(spec)
    folders = (plans_dir,) if plans_dir is not None else DEFAULT_DIRS
    names = (f"plan_{spec}.yaml", f"plan_{spec}.yml")
    for folder in folders:
        for name in names:
            candidate = folder / name
            if candidate.is_file():
                return candidate
    searched = ", ".join(str(folder / names[0]) for folder in folders)
    raise UsageError(
        _(
            "no plan for the year {year}: looked for {searched} — "
            "give the file's path, or the folder with --plans-dir"
        ).format(year=spec, searched=searched)
    )
