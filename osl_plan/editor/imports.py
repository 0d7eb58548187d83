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
from osl_plan.i18n import _, with_hint

if TYPE_CHECKING:
    from osl_plan.editor.ui import Pages

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
    from osl_plan.explain import format_path
    from osl_plan.importer import import_docx, import_markdown
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


#: The fields an uploaded image may fill, and what the image is called there.
IMAGE_FIELDS = {"finansowanie.obraz": ("finansowanie", "obraz"), "logo.obraz": ("logo", "obraz")}


async def upload_image(request: Request, ui: Pages) -> Response:
    """An image for the EU strip or the logo: checked as the CLI checks it, put in the folder
    beside the plan (never over another file), and named in the plan's draft."""
    from starlette.exceptions import HTTPException
    from starlette.responses import RedirectResponse

    from osl_plan.editor import pages
    from osl_plan.editor.ui import plan_or_404

    path = plan_or_404(request, ui)
    posted = await request.form(max_files=1, max_fields=10, max_part_size=security.MAX_BODY)
    if not security.check_csrf(posted.get("_csrf"), ui.settings.csrf):
        raise HTTPException(403, _("The page has expired; reload it and try again."))
    upload, target = posted.get("obraz"), IMAGE_FIELDS.get(str(posted.get("pole", "")))
    try:
        if not isinstance(upload, UploadFile) or not upload.filename or target is None:
            raise UsageError(_("choose a PNG or JPEG image"))
        name = _place_image(ui.settings.folder, upload.filename, await upload.read())
        pages.set_in_draft(ui, path, target, name)
    except OslPlanError as error:
        return ui.page("message.html", 400, title=path.name, message=str(error))
    anchor = "#" + form.field_id(target)
    return RedirectResponse(pages.address(path, "plan", "obraz") + anchor, status_code=303)


def _place_image(folder: Path, filename: str, data: bytes) -> str:
    import os
    import tempfile

    from osl_plan.image import ImageProblem, read_image

    name = Path(filename.replace("\\", "/")).name
    if Path(name).suffix.lower() not in {".png", ".jpg", ".jpeg"} or name.startswith("."):
        raise UsageError(_("choose a PNG or JPEG image"))
    target = folder / name
    if target.exists() and target.read_bytes() != data:
        raise UsageError(
            _("{file} already exists in the folder; rename the image and try again").format(
                file=name
            )
        )
    handle, temporary = tempfile.mkstemp(suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        try:
            read_image(Path(temporary), name)
        except ImageProblem as problem:
            raise UsageError(with_hint(problem.message, problem.hint)) from None
        os.replace(temporary, target)
    finally:
        Path(temporary).unlink(missing_ok=True)
    return name
