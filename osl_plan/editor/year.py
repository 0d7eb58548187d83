"""The year's pages: where the plan stands this month, the sprawozdanie, attendance lists, and the
kept versions of the file."""

from __future__ import annotations

from typing import TYPE_CHECKING

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from osl_plan.editor import documents, pages, reference, store
from osl_plan.errors import OslPlanError
from osl_plan.i18n import _

if TYPE_CHECKING:
    from osl_plan.editor.ui import Pages


async def month(request: Request, ui: Pages) -> Response:
    """What `osl-plan status` says, for the month asked (this month by default)."""
    from osl_plan.editor.ui import plan_or_404
    from osl_plan.plan_status import parse_month, plan_status, this_month

    path = plan_or_404(request, ui)
    checked = pages.current(ui, path)
    asked = request.query_params.get("na", "").strip()
    if checked.loaded is None:
        return _invalid(ui, path)
    try:
        when = parse_month(asked, checked.loaded.plan.rok) if asked else this_month()
    except OslPlanError as error:
        return ui.page(
            "month.html", 400, name=path.name, report=None, asked=asked, error=str(error)
        )
    report = plan_status(checked.loaded, when)
    return ui.page("month.html", name=path.name, report=report, asked=asked, error="")


async def report(request: Request, ui: Pages) -> Response:
    """The sprawozdanie for a period, as a download."""
    from osl_plan.editor.ui import plan_or_404

    path = plan_or_404(request, ui)
    fmt = request.query_params.get("format", "docx")
    period = request.query_params.get("okres", "rok")
    if fmt not in {"docx", "pdf", "odt", "md"}:
        return Response(_("Unknown format."), status_code=404)
    checked = pages.current(ui, path)
    if checked.loaded is None:
        return _invalid(ui, path)
    try:
        made = await run_in_threadpool(
            documents.report_document,
            checked.loaded.plan,
            fmt,
            period,
            stem=path.stem,
            base_dir=ui.settings.folder,
            reference_doc=reference.stored(ui.settings.folder, path),
            converter=ui.office.convert,
        )
    except OslPlanError as error:
        return ui.page("message.html", 400, title=path.name, message=str(error))
    return pages.attachment(made)


async def attendance(request: Request, ui: Pages) -> Response:
    """Attendance lists for a task or a month, as a download."""
    from osl_plan.editor.ui import plan_or_404

    path = plan_or_404(request, ui)
    query = request.query_params
    fmt = query.get("format", "docx")
    if fmt not in {"docx", "pdf", "odt"}:
        return Response(_("Unknown format."), status_code=404)
    checked = pages.current(ui, path)
    if checked.loaded is None:
        return _invalid(ui, path)
    try:
        made = await run_in_threadpool(
            documents.attendance_document,
            checked.loaded.plan,
            fmt,
            stem=path.stem,
            base_dir=ui.settings.folder,
            zadanie=query.get("zadanie") or None,
            miesiac=query.get("miesiac") or None,
            data=query.get("data") or None,
            reference_doc=reference.stored(ui.settings.folder, path),
            converter=ui.office.convert,
        )
    except OslPlanError as error:
        return ui.page("message.html", 400, title=path.name, message=str(error))
    return pages.attachment(made)


async def redline(request: Request, ui: Pages) -> Response:
    """The plan against another plan of the folder, as a DOCX with tracked changes."""
    from osl_plan.editor.security import plan_path
    from osl_plan.editor.ui import plan_or_404

    path = plan_or_404(request, ui)
    other = plan_path(ui.settings.folder, request.query_params.get("z", ""))
    if other is None or other == path or not other.is_file():
        return Response(_("Choose another plan of this folder."), status_code=404)
    new, old = pages.current(ui, path), pages.current(ui, other)
    if new.loaded is None or old.loaded is None:
        return _invalid(ui, path if new.loaded is None else other)
    made = documents.redline_document(old.loaded, new.loaded, stem=path.stem)
    return pages.attachment(made)


async def history(request: Request, ui: Pages) -> Response:
    """The versions kept before each save."""
    from osl_plan.editor.ui import plan_or_404

    path = plan_or_404(request, ui)
    return ui.page(
        "history.html", name=path.name, versions=store.versions(ui.settings.folder, path)
    )


async def restore(request: Request, ui: Pages) -> Response:
    """A kept version becomes her draft; she looks at it and saves it, or goes back."""
    from osl_plan.editor.ui import checked_form, plan_or_404

    path = plan_or_404(request, ui)
    form = await checked_form(request, ui)
    folder = ui.settings.folder
    try:
        text = store.read_version(folder, path, str(form.get("wersja", "")))
        _text, base = store.read_disk(path)
    except OslPlanError as error:
        return ui.page("message.html", 400, title=path.name, message=str(error))
    store.keep_draft(folder, path, text, base)
    return RedirectResponse(pages.address(path, "plan", "przywrocono"), status_code=303)


def _invalid(ui: Pages, path: object) -> Response:
    return ui.page(
        "message.html",
        409,
        title=str(getattr(path, "name", path)),
        message=_("Correct the errors in the plan first; then the document can be made."),
    )
