"""Bringing a plan in from Word or Markdown, as ``osl-plan import`` does: the upload is bounded,
read by the library's importer, written as a new plan file of the folder (never over one), and
what the importer guessed is shown to her, each note linked to its field."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import Response

from osl_plan.editor import form, security
from osl_plan.errors import OslPlanError, UsageError
from osl_plan.i18n import _

if TYPE_CHECKING:
    from osl_plan.editor.app import Pages

SUFFIXES = (".docx", ".md", ".markdown")


async def import_plan(request: Request, ui: Pages) -> Response:
    """The uploaded document as a new plan file, and the importer's notes."""
    from starlette.exceptions import HTTPException

    posted = await request.form(max_files=1, max_fields=10, max_part_size=security.MAX_BODY)
    if not security.check_csrf(posted.get("_csrf"), ui.settings.csrf):
        raise HTTPException(403, _("The page has expired; reload it and try again."))
    upload = posted.get("dokument")
    try:
        if not isinstance(upload, UploadFile) or not upload.filename:
            raise UsageError(_("choose the plan's Word (.docx) or Markdown (.md) file"))
        name, notes, warnings = _imported(ui.settings.folder, upload.filename, await upload.read())
    except OslPlanError as error:
        return ui.page("message.html", 400, title=_("Import"), message=str(error))
    return ui.page("imported.html", name=name, notes=notes, warnings=warnings)


def _imported(
    folder: Path, filename: str, data: bytes
) -> tuple[str, list[tuple[str, str, str]], list[str]]:
    from osl_plan.importer import import_docx, import_markdown
    from osl_plan.messages import format_path
    from osl_plan.output import write_atomic
    from osl_plan.yamlout import dump_plan

    original = Path(filename.replace("\\", "/")).name  # a name, never a path from the browser
    suffix = Path(original).suffix.lower()
    if suffix not in SUFFIXES:
        raise UsageError(_("only Word (.docx) and Markdown (.md) files can be imported"))
    target = security.plan_path(folder, f"{Path(original).stem}.yaml")
    if target is None:
        raise UsageError(_("the file's name cannot name a plan; rename it and try again"))
    reader = import_docx if suffix == ".docx" else import_markdown
    imported = reader(data, original)
    text = dump_plan(imported.plan, header=imported.header, notes=imported.notes)
    write_atomic(target, text.encode("utf-8"), overwrite=False)
    notes = [
        (format_path(path), form.field_id(path), note)
        for path, lines in imported.notes.items()
        for note in lines
    ]
    return target.name, notes, list(imported.warnings)
