"""The editor's routes: each parses the request, calls the library, and answers with a page.

``create_app(folder, token=…, port=…)`` builds the Starlette application for one folder; the
:class:`~osl_plan.editor.security.Guard` around it refuses whatever does not come from her.
"""

from __future__ import annotations

import datetime as dt
import secrets
from functools import partial
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from osl_plan.editor import checks, imports, pages, reference, security, store, yamledit, year
from osl_plan.editor.ui import HERE, Pages, Settings, checked_form, plan_or_404
from osl_plan.errors import OslPlanError
from osl_plan.i18n import _


def create_app(folder: Path, *, token: str, port: int, hosts: frozenset[str] = frozenset()) -> Any:
    """The editor for ``folder``, answering only requests with ``token`` to ``port``."""
    settings = Settings(folder.resolve(), secrets.token_urlsafe(32))
    ui = Pages(settings)
    allowed = hosts or frozenset({f"127.0.0.1:{port}", f"localhost:{port}"})
    routes = [
        Route("/", partial(folder_page, ui=ui)),
        Route("/nowy", partial(new_plan, ui=ui), methods=["POST"]),
        Route("/import", partial(imports.import_plan, ui=ui), methods=["POST"]),
        Route("/plan/{name}", partial(plan_page, ui=ui, part="plan")),
        Route("/plan/{name}", partial(plan_post, ui=ui), methods=["POST"]),
        Route("/plan/{name}/rok", partial(plan_page, ui=ui, part="rok")),
        Route("/plan/{name}/tekst", partial(text_post, ui=ui), methods=["POST"]),
        Route("/plan/{name}/obraz", partial(imports.upload_image, ui=ui), methods=["POST"]),
        Route("/plan/{name}/wzor", partial(reference.upload, ui=ui), methods=["POST"]),
        Route("/plan/{name}/podglad", partial(pages.preview, ui=ui)),
        Route("/plan/{name}/pobierz/{fmt}", partial(pages.download, ui=ui)),
        Route("/plan/{name}/sprawozdanie", partial(year.report, ui=ui)),
        Route("/plan/{name}/lista", partial(year.attendance, ui=ui)),
        Route("/plan/{name}/miesiac", partial(year.month, ui=ui)),
        Route("/plan/{name}/porownanie", partial(year.redline, ui=ui)),
        Route("/plan/{name}/historia", partial(year.history, ui=ui)),
        Route("/plan/{name}/historia", partial(year.restore, ui=ui), methods=["POST"]),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    guard = Middleware(security.Guard, token=token, hosts=allowed, cookie=f"osl_plan_{port}")
    app = Starlette(routes=routes, middleware=[guard], exception_handlers={404: _not_found})
    app.state.office = ui.office  # stopped with the editor (server.Editor.serve)
    return app


async def _not_found(request: Request, exc: Exception) -> Response:
    return HTMLResponse(_("Not found."), status_code=404)


# --- the folder --------------------------------------------------------------------------------


async def folder_page(request: Request, ui: Pages) -> Response:
    folder = ui.settings.folder
    rows = [pages.summary(folder, path) for path in store.plan_files(folder)]
    years = [r.year for r in rows if isinstance(r.year, int)]
    return ui.page(
        "folder.html",
        folder=str(folder),
        rows=rows,
        next_year=(max(years) + 1) if years else dt.date.today().year,
        notice=request.query_params.get("stan", ""),
    )


async def new_plan(request: Request, ui: Pages) -> Response:
    form = await checked_form(request, ui)
    folder = ui.settings.folder
    try:
        name = pages.create_plan(folder, str(form.get("rok", "")), str(form.get("zrodlo", "")))
    except OslPlanError as error:
        rows = [pages.summary(folder, path) for path in store.plan_files(folder)]
        return ui.page(
            "folder.html",
            400,
            folder=str(folder),
            rows=rows,
            next_year=form.get("rok", ""),
            notice="",
            error=str(error),
        )
    return RedirectResponse(f"/plan/{name}", status_code=303)


# --- one plan ----------------------------------------------------------------------------------


async def plan_page(request: Request, ui: Pages, part: str) -> Response:
    path = plan_or_404(request, ui)
    try:
        opened = store.open_plan(ui.settings.folder, path)
    except OslPlanError as error:
        return ui.page("message.html", 400, title=path.name, message=str(error))
    return pages.form_page(ui, path, opened, part, notice=request.query_params.get("stan", ""))


async def plan_post(request: Request, ui: Pages) -> Response:
    path = plan_or_404(request, ui)
    form = await checked_form(request, ui)
    folder = ui.settings.folder
    part = "rok" if form.get("czesc") == "rok" else "plan"
    opened = store.open_plan(folder, path)
    action = str(form.get("akcja", "sprawdz"))
    if action == "odrzuc":  # back to the file on disk
        store.drop_draft(folder, path)
        return RedirectResponse(pages.address(path, part, "wczytano"), status_code=303)
    try:
        doc = ui.document(path, opened.text, placed=False)
    except yamledit.YamlSyntax:
        return RedirectResponse(pages.address(path, part), status_code=303)
    base = str(form.get("baza", opened.base))
    layout = ui.layout(path, doc, part)
    patch = ui.placed(path)
    ui.docs.pop(path, None)  # the document changes now: kept again below with its new text
    text, anchor, placed = pages.edited(doc, opened.text, form, action, layout.kinds, patch=patch)
    if not anchor:  # values changed, never the lists' items: the document and its layout hold
        # (a text written anew from the document leaves its lines unknown: nothing is patched
        # by line until the text is read again, as the next page does)
        ui.docs[path] = (text, doc, placed)
    else:  # an item was added, removed or moved: its layout is walked again
        ui.layouts.pop((path, part), None)
    wants_json = request.headers.get("accept", "").startswith("application/json")
    if action == "zapisz":
        return pages.save(ui, path, text, base, part)
    if text != opened.text:  # a keystroke's draft is not forced to the disk: see keep_draft
        store.keep_draft(folder, path, text, base, typed=wants_json and action == "sprawdz")
    if wants_json:  # the page's script: the check and the preview in one answer
        layout = ui.layout(path, doc, part)
        answer = pages.live(ui, path, text, doc, layout=layout, posted=list(form.keys()))
        return JSONResponse(answer)
    return RedirectResponse(pages.address(path, part) + anchor, status_code=303)


async def text_post(request: Request, ui: Pages) -> Response:
    """The plain text view: what she mended is kept as her draft, or saved."""
    path = plan_or_404(request, ui)
    form = await checked_form(request, ui)
    folder = ui.settings.folder
    text = str(form.get("tekst", "")).replace("\r\n", "\n")
    opened = store.open_plan(folder, path)
    base = str(form.get("baza", opened.base))
    if form.get("akcja") == "zapisz":
        return pages.save(ui, path, text, base, "plan")
    store.keep_draft(folder, path, text, base)
    return RedirectResponse(pages.address(path, "plan"), status_code=303)


def _checked(text: str, path: Path, folder: Path) -> checks.Checked:
    return checks.check(text, path.name, folder)
