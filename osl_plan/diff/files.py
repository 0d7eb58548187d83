"""Which files a diff compares: paths as given, or years looked up in the plans folders."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from osl_plan.errors import PlanError, PlanNotCompared, UsageError
from osl_plan.i18n import _

if TYPE_CHECKING:
    from osl_plan.load import LoadedPlan

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


def load_pair(old: str, new: str, plans_dir: Path | None = None) -> tuple[LoadedPlan, LoadedPlan]:
    """The two plans to compare, each a path or a year. Raises UsageError, UnreadableFile, and
    PlanNotCompared for a plan that is not valid (for diff a usage error, as for git diff)."""
    from osl_plan.load import load

    try:
        return load(resolve_plan(old, plans_dir)), load(resolve_plan(new, plans_dir))
    except PlanError as error:
        raise PlanNotCompared(error.problems) from None
