"""The plan's pages: the folder's rows, the form, the live check, saving, preview and downloads."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from osl_plan.editor import checks, documents, form, reference, store, view, yamledit
from osl_plan.editor.yamlblock import patch_block
from osl_plan.errors import OslPlanError, Problem, UsageError
from osl_plan.i18n import _
from osl_plan.output import write_atomic

if TYPE_CHECKING:
    from osl_plan.editor.ui import Pages

#: What a new item of each list starts with.
NEW_ITEMS: dict[tuple[str, ...], dict[str, Any]] = {
    ("zadania",): {"zadanie": "", "termin": ""},
    ("sekcje",): {"tytul": "", "tresc": ""},
    ("cele", "szczegolowe"): {"tresc": ""},
    ("kolumny",): {"pole": "zadanie"},
    ("zadania", "realizacja", "wydarzenia"): {"data": ""},
}


@dataclass(frozen=True, slots=True)
class Row:
    """One plan of the folder page."""

    name: str
    year: int | str
    tasks: int | None
    errors: int
    warnings: int
    changed: str
    draft: bool


def summary(folder: Path, path: Path) -> Row:
    """A plan's year, tasks, problems and last change, for the folder page."""
    changed = dt.datetime.fromtimestamp(path.stat().st_mtime).strftime("%d.%m.%Y %H:%M")
    draft = store.has_draft(folder, path)
    try:
        text, _base = store.read_disk(path)
    except OslPlanError:
        return Row(path.name, "–", None, 1, 0, changed, draft)
    checked = checks.check(text, path.name, folder)
    if checked.loaded is not None:
        plan = checked.loaded.plan
        return Row(path.name, plan.rok, len(plan.zadania), 0, checked.warnings, changed, draft)
    try:
        doc: dict[str, Any] = yamledit.parse(text)
    except yamledit.YamlSyntax:
        doc = {}
    year = doc.get("rok", "–")
    tasks = doc.get("zadania")
    count = len(tasks) if isinstance(tasks, list) else None
    return Row(path.name, year, count, checked.errors, checked.warnings, changed, draft)


def create_plan(folder: Path, rok: str, source: str) -> str:
    """A new plan file for ``rok``: blank, or carried forward from ``source`` as `new` does."""
    from osl_plan.editor.security import plan_path

    year = int(rok) if rok.strip().isdigit() else None
    if year is None or not 2000 <= year <= 2100:
        raise UsageError(_("give the year of the new plan in digits, e.g. 2026"))
    target = folder / f"plan_{year}.yaml"
    if source:
        from osl_plan.load import loads
        from osl_plan.newyear import carry_forward
        from osl_plan.yamlout import dump_plan

        found = plan_path(folder, source)
        if found is None:
            raise UsageError(_("no such plan in this folder: {name}").format(name=source))
        # Not load(): it marks the file as an input no output may replace, and the editor saves
        # that very file later.
        text, _digest = store.read_disk(found)
        carried = carry_forward(
            loads(text, found.name, base_dir=folder).plan, year, source=found.name
        )
        text = dump_plan(carried.plan, header=carried.summary)
    else:
        text = _("# The plan for {year}.\n").format(year=year) + (
            f'rok: {year}\njednostka: ""\nzadania:\n  - zadanie: ""\n    termin: ""\n'
        )
    write_atomic(target, text.encode("utf-8"), overwrite=False)
    return target.name


def address(path: Path, part: str, notice: str = "") -> str:
    """The page of a plan (``part``: "plan" or "rok"), with a notice."""
    base = f"/plan/{path.name}" + ("/rok" if part == "rok" else "")
    return base + (f"?stan={notice}" if notice else "")


def form_page(
    ui: Pages, path: Path, opened: store.Opened, part: str, *, notice: str = "", status: int = 200
) -> Response:
    """The plan's form, or the plain text view when the text is not YAML."""
    folder = ui.settings.folder
    try:
        doc = ui.document(path, opened.text)
    except yamledit.YamlSyntax as error:
        checked = checks.check(opened.text, path.name, folder)
        problem = checked.problems[0] if checked.problems else None
        line = problem.line if problem and problem.line else error.line
        return ui.page(
            "raw.html",
            status,
            name=path.name,
            opened=opened,
            problem=problem,
            line=line,
            message=str(error),
        )
    checked = checks.check(opened.text, path.name, folder)
    page = view.build(view.parts(doc, part), list(checked.problems))
    ui.keep_layout(path, doc, part, view.layout_of(page))
    return ui.page(
        "plan.html",
        status,
        name=path.name,
        part=part,
        page=page,
        checked=checked,
        opened=opened,
        notice=notice,
        terms=_terms(page.kinds, page.kinds, doc),
        others=[p.name for p in store.plan_files(folder) if p != path],
        reference=reference.described(folder, path),
    )


def _terms(names: Iterable[str], kinds: Mapping[str, form.Kind], doc: Any) -> dict[str, str]:
    """The months each term field of ``names`` is read as, by the field's id."""
    rok = doc.get("rok")
    return {
        form.field_id(form.parse_name(name)): checks.term_meaning(
            str(yamledit.get(doc, form.parse_name(name)) or ""), rok
        )
        for name in names
        if kinds.get(name) == "term"
    }


def edited(
    doc: Any,
    text: str,
    posted: FormData,
    action: str,
    kinds: Mapping[str, form.Kind],
    *,
    patch: bool = True,
) -> tuple[str, str, bool]:
    """The text after the posted fields and the action; the anchor to go back to; whether the
    document still knows the lines of its values (True unless the whole text was written anew).
    ``patch``: whether the document knows its lines now (then an edited value's lines are
    patched in place: one line, or a list's or a text's block; otherwise the text is written
    anew from the document)."""
    values = {k: str(v) for k, v in posted.items() if isinstance(v, str)}
    changed = form.changes(doc, values, kinds)
    if patch and action in {"sprawdz", "zapisz"}:  # a keystroke: its lines patched, if they can
        patched: str | None = text
        for path, value in changed:
            if patched is not None:
                line = yamledit.patch_line(patched, doc, path, value)
                patched = line if line is not None else patch_block(patched, doc, path, value)
        if patched is not None:
            return patched, "", True
    for path, value in changed:
        if yamledit.get(doc, path) != value:  # not patched in place above
            yamledit.set_value(doc, path, value)
    anchor = _action(doc, action)
    if not changed and anchor is None:
        return text, "", True
    return yamledit.dump(doc, yamledit.indent_of(text)), anchor or "", False


def _action(doc: Any, action: str) -> str | None:
    """Add, remove or move a list's item (``dodaj:zadania``, ``gora:zadania.3``); the anchor of
    what should have the focus next (a focusable element, which the browser focuses itself)."""
    verb, _sep, name = action.partition(":")
    if verb not in {"dodaj", "usun", "gora", "dol"} or not name:
        return None
    path = form.parse_name(name)
    if verb == "dodaj":
        shape = tuple(p for p in path if isinstance(p, str))
        if shape not in NEW_ITEMS:
            return None
        index = yamledit.add_item(doc, path, NEW_ITEMS[shape])
        return "#" + form.field_id((*path, index, next(iter(NEW_ITEMS[shape]))))
    if verb == "usun":
        yamledit.remove_item(doc, path)
        return "#" + form.field_id(path[:-1]) + "-dodaj"
    moved = yamledit.move_item(doc, path, -1 if verb == "gora" else 1)
    index = moved if moved is not None else int(path[-1])
    last = len(yamledit.get(doc, path[:-1]) or ()) - 1
    if verb == "gora" and index == 0:
        verb = "dol"  # the button pressed is now disabled: its neighbour takes the focus
    elif verb == "dol" and index == last:
        verb = "gora"
    return "#" + form.field_id((*path[:-1], index)) + f"-{verb}"


def set_in_draft(ui: Pages, path: Path, field: form.Path_, value: str) -> None:
    """Set one value of the plan in her draft (an uploaded image's name)."""
    opened = store.open_plan(ui.settings.folder, path)
    try:
        doc = yamledit.parse(opened.text)
    except yamledit.YamlSyntax as error:
        raise UsageError(_("the plan is not YAML the form can show; mend it first")) from error
    yamledit.set_value(doc, field, value)
    text = yamledit.dump(doc, yamledit.indent_of(opened.text))
    store.keep_draft(ui.settings.folder, path, text, opened.base)


def save(ui: Pages, path: Path, text: str, base: str, part: str) -> Response:
    """Save her text to the file, unless the file changed on disk since she opened it."""
    folder = ui.settings.folder
    try:
        store.save(folder, path, text, base)
    except store.ChangedOnDisk:
        store.keep_draft(folder, path, text, base)  # nothing she typed is lost
        opened = store.Opened(text, base, draft=True)
        return form_page(ui, path, opened, part, notice="konflikt", status=409)
    except OslPlanError as error:
        return ui.page("message.html", 500, title=path.name, message=str(error))
    checked = checks.check(text, path.name, folder)
    notice = "zapisano" if not checked.errors else "zapisano-z-bledami"
    return RedirectResponse(address(path, part, notice), status_code=303)


def live(
    ui: Pages, path: Path, text: str, doc: Any, *, layout: view.Layout, posted: Iterable[str]
) -> dict[str, Any]:
    """What the page updates as she types, in one answer: the problems by field and in the list,
    the months of the terms she changed, and the preview of the document.

    Nothing here walks the whole form: the problems are placed by the layout kept for the
    document, so a keystroke costs the check and the preview (each linear in the plan) and one
    fragment per problem, not one per field of the plan."""
    checked = checks.check(text, path.name, ui.settings.folder)
    placed = view.place(list(checked.problems), layout.targets)
    by_target: dict[str, list[Problem]] = {}
    for one in placed:
        if one.target:
            by_target.setdefault(one.target, []).append(one.problem)
    page = view.PlanView([], layout.kinds, placed)
    # A new year changes what every term means; otherwise only the terms she changed.
    names = layout.kinds if "rok" in posted else posted
    return {
        "fields": {
            target: ui.fragment("_problems.html", problems=problems)
            for target, problems in by_target.items()
        },
        "list": ui.fragment("_summary.html", page=page, checked=checked, name=path.name),
        "terms": _terms(names, layout.kinds, doc),
        "valid": checked.loaded is not None,
        "preview": preview_html(ui, checked),
    }


# --- the document --------------------------------------------------------------------------------


def current(ui: Pages, path: Path) -> checks.Checked:
    opened = store.open_plan(ui.settings.folder, path)
    return checks.check(opened.text, path.name, ui.settings.folder)


def preview_html(ui: Pages, checked: checks.Checked) -> str:
    """The preview of a checked plan: the document's HTML, or what stops it from being made."""
    if checked.loaded is None:
        return ui.fragment("preview_invalid.html", checked=checked)
    try:
        return documents.preview(checked.loaded.plan, base_dir=ui.settings.folder, reuse=ui.html)
    except OslPlanError as error:
        return ui.fragment("preview_invalid.html", checked=checked, error=str(error))


async def preview(request: Request, ui: Pages) -> Response:
    """The preview as a page of its own (the frame's first content, and without the script)."""
    from osl_plan.editor.security import PREVIEW_POLICY
    from osl_plan.editor.ui import plan_or_404

    path = plan_or_404(request, ui)
    html = preview_html(ui, current(ui, path))
    headers = {"content-security-policy": PREVIEW_POLICY}
    return Response(html, media_type="text/html; charset=utf-8", headers=headers)


async def download(request: Request, ui: Pages) -> Response:
    from osl_plan.editor.ui import plan_or_404

    path = plan_or_404(request, ui)
    fmt = request.path_params["fmt"]
    if fmt not in {"docx", "pdf", "odt", "md"}:
        return Response(_("Unknown format."), status_code=404)
    checked = current(ui, path)
    if checked.loaded is None:
        return ui.page(
            "message.html",
            409,
            title=path.name,
            message=_("Correct the errors in the plan first; then the document can be made."),
        )
    try:  # a conversion waits in a thread: the editor answers her other requests meanwhile
        made = await run_in_threadpool(
            documents.plan_document,
            checked.loaded.plan,
            fmt,
            stem=path.stem,
            base_dir=ui.settings.folder,
            reference_doc=reference.stored(ui.settings.folder, path),
            converter=ui.office.convert,
        )
    except OslPlanError as error:
        return ui.page("message.html", 500, title=path.name, message=str(error))
    return attachment(made)


def attachment(made: documents.Document) -> Response:
    """A made document as a download."""
    from urllib.parse import quote

    disposition = f"attachment; filename*=UTF-8''{quote(made.filename)}"
    return Response(
        made.data, media_type=made.media_type, headers={"content-disposition": disposition}
    )
