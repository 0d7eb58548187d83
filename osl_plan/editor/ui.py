"""What the editor's routes share: the settings, the page templates, the plan an address names
and the checked form."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import HTMLResponse

from osl_plan.editor import security, view, yamledit
from osl_plan.i18n import _, language, ngettext, with_hint
from osl_plan.realisation_words import message_label
from osl_plan.render.html_reuse import HtmlReuse
from osl_plan.render.lo_warm import WarmOffice

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True, slots=True)
class Settings:
    """What every route needs: the folder, and the page's anti-forgery token."""

    folder: Path
    csrf: str


#: How the pages' templates are compiled (the compiled code depends on these).
_SETTINGS: dict[str, Any] = {"autoescape": True, "trim_blocks": True, "lstrip_blocks": True}


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        undefined=jinja2.StrictUndefined,
        bytecode_cache=_compiled(),
        # The templates are osl-plan's own and do not change while it runs: a page does not ask
        # the disk whether each template it includes is still the one loaded (300 times a form).
        auto_reload=False,
        **_SETTINGS,
    )
    env.globals.update(
        _=_, ngettext=ngettext, status_label=message_label, with_hint=with_hint, where=view.where
    )
    return env


@cache
def _compiled() -> jinja2.BytecodeCache:
    """The pages' compiled templates: kept for every editor of this process and between runs, as
    the documents' templates are (:mod:`osl_plan.render.template_cache`). The first page of a
    session then compiles nothing."""
    from osl_plan.render.template_cache import TemplateCache

    return TemplateCache(("editor", sorted(_SETTINGS.items())))


class Pages:
    """The templates and the settings, shared by the routes."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.env = _environment()
        #: Names the folder in the browser's copy of her drafts (static/drafts.js).
        self.env.globals["folder_key"] = str(settings.folder)
        #: LibreOffice for the PDF and ODT downloads: started on the first, kept until the end.
        self.office = WarmOffice()
        #: Each plan's last text, its parsed document, and whether the document still knows the
        #: line of each value (False once the text was written anew from it): a keystroke's
        #: check does not parse the whole file again (requests are handled one at a time).
        self.docs: dict[Path, tuple[str, Any, bool]] = {}
        #: The preview's last rendering: the rows of the tasks a keystroke did not change.
        self.html = HtmlReuse()
        #: The layout of each page of a kept document (kept with the document it was read from).
        self.layouts: dict[tuple[Path, str], tuple[Any, view.Layout]] = {}

    def document(self, path: Path, text: str, *, placed: bool = True) -> Any:
        """The round-trip document of ``text``; with ``placed``, one that knows its lines.
        Raises YamlSyntax."""
        kept = self.docs.get(path)
        if kept is not None and kept[0] == text and (kept[2] or not placed):
            return kept[1]
        doc = yamledit.parse(text)
        self.docs[path] = (text, doc, True)
        return doc

    def placed(self, path: Path) -> bool:
        """Whether the kept document of ``path`` knows the lines of its values."""
        kept = self.docs.get(path)
        return kept is not None and kept[2]

    def layout(self, path: Path, doc: Any, part: str) -> view.Layout:
        """The layout of ``doc``'s page ``part``: walked once per document read, not once per
        keystroke (a keystroke changes values, never the lists' items)."""
        kept = self.layouts.get((path, part))
        if kept is not None and kept[0] is doc:
            return kept[1]
        made = view.layout(doc, part)
        self.keep_layout(path, doc, part, made)
        return made

    def keep_layout(self, path: Path, doc: Any, part: str, layout: view.Layout) -> None:
        """Keep the layout of a page just built (its first keystroke then walks nothing)."""
        self.layouts[(path, part)] = (doc, layout)

    def page(self, template: str, status: int = 200, **context: Any) -> HTMLResponse:
        html = self.env.get_template(template).render(
            lang=language(), csrf=self.settings.csrf, **context
        )
        return HTMLResponse(html, status_code=status)

    def fragment(self, template: str, **context: Any) -> str:
        return self.env.get_template(template).render(lang=language(), **context)


def plan_or_404(request: Request, ui: Pages) -> Path:
    """The plan file the address names; an address reaching outside the folder is refused."""
    from starlette.exceptions import HTTPException

    path = security.plan_path(ui.settings.folder, request.path_params["name"])
    if path is None or not path.is_file():
        raise HTTPException(404)
    return path


async def checked_form(request: Request, ui: Pages) -> FormData:
    """The posted form, refused (403) without the page's anti-forgery token."""
    from starlette.exceptions import HTTPException

    form = await request.form(max_files=0, max_fields=500_000, max_part_size=2 * 1024 * 1024)
    if not security.check_csrf(form.get("_csrf"), ui.settings.csrf):
        raise HTTPException(403, _("The page has expired; reload it and try again."))
    return form
