"""``osl-plan diff`` as git's external diff driver (``diff.<name>.command``)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from osl_plan.diff.compare import diff_loaded
from osl_plan.diff.text_out import describe_side, format_text
from osl_plan.errors import OslPlanError, PlanError, shown_path
from osl_plan.i18n import _

if TYPE_CHECKING:
    from osl_plan.load import LoadedPlan

NULL = "/dev/null"
#: The arguments git passes to an external diff driver, in order.
GIT_ARGS = ("path", "old-file", "old-hex", "old-mode", "new-file", "new-hex", "new-mode")


def git_driver_answer(args: Sequence[str], *, color: bool = False) -> str:
    """What the driver shows for git's arguments (7, or 9 for a renamed file: the new path and
    the similarity). Raises nothing: git must always get an answer, so a wrong call or a plan
    that cannot be read is said in the text."""
    if len(args) not in (len(GIT_ARGS), len(GIT_ARGS) + 2):  # + new path, rename info
        message = _("osl-plan diff --git-driver: git passes {count} arguments ({names}), got {got}")
        return message.format(count=len(GIT_ARGS), names=" ".join(GIT_ARGS), got=len(args)) + "\n"
    try:
        renamed = args[7] if len(args) > len(GIT_ARGS) else None
        return git_diff_text(args[0], args[1], args[4], color=color, new_path=renamed)
    except OslPlanError as error:  # a broken side is shown, never a failed git diff
        shown = shown_path(args[0])
        return f"osl-plan diff a/{shown} b/{shown}\n{_('cannot read the plan:')}\n" + "".join(
            f"  {line}\n" for line in error.lines()
        )


def git_diff_text(
    path: str, old_file: str, new_file: str, *, color: bool = False, new_path: str | None = None
) -> str:
    """The text git shows for ``path`` (renamed to ``new_path``); an added or removed plan is one
    line.

    git hands over temporary copies: each side is read from its file but named, and has its
    relative strip image resolved, as the plan in the work tree (git runs the driver there).
    Raises UnreadableFile or PlanError for an added or removed plan that cannot be read.
    """
    from dataclasses import replace

    new_path = new_path or path
    header = f"osl-plan diff a/{shown_path(path)} b/{shown_path(new_path)}\n"
    if NULL in (old_file, new_file):
        side, shown, line = (
            (new_file, new_path, _("new plan: {plan}"))
            if old_file == NULL
            else (old_file, path, _("deleted plan: {plan}"))
        )
        plan = _load(side, shown).plan
        described = describe_side(shown_path(shown), plan.rok, len(plan.zadania))
        return header + line.format(plan=described) + "\n"
    try:
        result = diff_loaded(_load(old_file, path), _load(new_file, new_path))
    except PlanError as error:
        lines = "".join(f"  {line}\n" for line in error.lines())
        return header + _("cannot compare:") + "\n" + lines
    # git's temporary file names mean nothing to a reader: show the path in the repository.
    result = replace(result, old_file=f"a/{shown_path(path)}", new_file=f"b/{shown_path(new_path)}")
    return header + format_text(result, color=color)


def _load(file: str, path: str) -> LoadedPlan:
    """The plan in ``file``, as if it were ``path`` in the work tree."""
    from osl_plan.load import MAX_FILE_BYTES, loads, read_file

    data = read_file(Path(file), limit=MAX_FILE_BYTES, kind="a plan file")
    return loads(data, shown_path(path), base_dir=Path(path).parent)
