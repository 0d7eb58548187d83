"""The plan's reference document: the centre's Word template whose styles, fonts, page setup,
headers and footers the plan's DOCX, PDF and ODT downloads (the plan, its sprawozdanie, its
attendance lists) take, as ``--reference-doc`` gives them.

An upload is bounded (the request's limit) and checked by the very function the CLI's
``--reference-doc`` goes through (:func:`osl_plan.render.docx_setup.reference_base`: size, zip,
parts, what it may contribute), so it is refused with the CLI's messages. It is kept inside the
opened folder, in ``.osl-plan/wzory/<plan file>.docx``, with the name she uploaded it under, and
can be removed; the plan file itself does not change.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from osl_plan.editor import security, store
from osl_plan.errors import OslPlanError, UsageError
from osl_plan.i18n import _
from osl_plan.output import write_atomic

if TYPE_CHECKING:
    from osl_plan.editor.ui import Pages

FOLDER = "wzory"


@dataclass(frozen=True, slots=True)
class Reference:
    """A plan's reference document as the page shows it."""

    path: Path
    #: The name she uploaded it under.
    name: str
    uploaded: str


def _paths(folder: Path, plan: Path) -> tuple[Path, Path]:
    kept = folder / store.STATE / FOLDER
    return kept / f"{plan.name}.docx", kept / f"{plan.name}.json"


def stored(folder: Path, plan: Path) -> Path | None:
    """The plan's reference document, or None when it has none."""
    path, _about = _paths(folder, plan)
    return path if path.is_file() else None


def described(folder: Path, plan: Path) -> Reference | None:
    """The plan's reference document with its name and upload time, for the page."""
    path, about = _paths(folder, plan)
    if not path.is_file():
        return None
    try:
        name = str(json.loads(about.read_text(encoding="utf-8"))["name"])
    except (OSError, ValueError, KeyError, TypeError):
        name = path.name
    when = dt.datetime.fromtimestamp(path.stat().st_mtime).strftime("%d.%m.%Y %H:%M")
    return Reference(path, name, when)


def keep(folder: Path, plan: Path, filename: str, data: bytes) -> str:
    """Check ``data`` as ``--reference-doc`` is checked and keep it for ``plan``; the name it is
    shown under. Raises UsageError (not a .docx by name) or UnreadableFile (the CLI's checks)."""
    from osl_plan.render.docx_setup import reference_base

    name = Path(filename.replace("\\", "/")).name  # a name, never a path from the browser
    if not name.lower().endswith(".docx"):
        raise UsageError(_("choose the reference document as a Word file (.docx)"))
    reference_base(data, name)
    path, about = _paths(folder, plan)
    store.state_folder(folder, FOLDER)
    write_atomic(path, data)
    write_atomic(about, json.dumps({"name": name}, ensure_ascii=False).encode("utf-8"))
    return name


def remove(folder: Path, plan: Path) -> None:
    """Forget the plan's reference document: its documents take the built-in look again."""
    for path in _paths(folder, plan):
        path.unlink(missing_ok=True)


async def upload(request: Request, ui: Pages) -> Response:
    """The uploaded template kept for the plan, or the reason it was refused."""
    from starlette.exceptions import HTTPException

    from osl_plan.editor.ui import plan_or_404

    path = plan_or_404(request, ui)
    posted = await request.form(max_files=1, max_fields=10, max_part_size=security.MAX_BODY)
    if not security.check_csrf(posted.get("_csrf"), ui.settings.csrf):
        raise HTTPException(403, _("The page has expired; reload it and try again."))
    if posted.get("akcja") == "usun":
        remove(ui.settings.folder, path)
        return RedirectResponse(f"/plan/{path.name}?stan=wzor-usuniety", status_code=303)
    upload = posted.get("wzor")
    try:
        if not isinstance(upload, UploadFile) or not upload.filename:
            raise UsageError(_("choose the reference document as a Word file (.docx)"))
        keep(ui.settings.folder, path, upload.filename, await upload.read())
    except OslPlanError as error:
        back = f"/plan/{path.name}#wzor-tytul"
        return ui.page("message.html", 400, title=path.name, message=str(error), back=back)
    return RedirectResponse(f"/plan/{path.name}?stan=wzor#wzor-tytul", status_code=303)
