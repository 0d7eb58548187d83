"""The plan as one self-contained, accessible HTML page (for a centre's website), from Jinja."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from osl_plan.model import Plan
from osl_plan.render.options import RenderOptions
from osl_plan.render.template_context import plan_context
from osl_plan.render.templating import make_environment, render_template
from osl_plan.richtext import Inline
from osl_plan.terms import NBSP

if TYPE_CHECKING:
    from markupsafe import Markup

TEMPLATE = "plan.html.j2"
# A year after a word ("styczeń 2025"): the browser must not break the line between them.
_BEFORE_YEAR = re.compile(r"(?<=[^\W\d]) (?=\d{4}\b)")


def html_runs(runs: Iterable[Inline]) -> Markup:
    """Rich-text runs as escaped HTML with ``<strong>`` and ``<em>``."""
    from markupsafe import Markup, escape

    parts: list[Markup] = []
    for run in runs:
        text = escape(run.text)
        if run.italic:
            text = Markup("<em>{}</em>").format(text)
        if run.bold:
            text = Markup("<strong>{}</strong>").format(text)
        parts.append(text)
    return Markup("").join(parts)


def nl2br(value: object) -> Markup:
    """Escaped text with its line breaks kept as ``<br>``."""
    from markupsafe import Markup, escape

    return Markup("<br>").join(escape(line) for line in str(value).splitlines())


def term_html(value: object) -> Markup:
    """A term as escaped HTML: a month stays on the line of its year, line breaks as ``<br>``."""
    return nl2br(_BEFORE_YEAR.sub(NBSP, str(value)))


def task_row(task: Mapping[str, Any], row: Callable[[Any], Markup], columns: object) -> Markup:
    """The template's ``row`` filter: a task's table row, made by the template's macro."""
    return row(task)


#: The filters of the HTML template (an editor's preview replaces ``row`` by its memory).
FILTERS: dict[str, Callable[..., Any]] = {
    "runs": html_runs,
    "nl2br": nl2br,
    "term": term_html,
    "row": task_row,
}


def render_html(plan: Plan, options: RenderOptions) -> str:
    """The plan as an HTML page. Raises TemplateFailed, UnreadableFile.

    With ``options.reuse`` (and osl-plan's own templates), the rows of the tasks that did not
    change since the last rendering are taken from it (:mod:`osl_plan.render.html_reuse`)."""
    reuse = options.reuse if options.template_dir is None else None
    if reuse is not None:
        env = reuse.environment(FILTERS)
    else:
        env = make_environment(options.template_dir, autoescape=True, filters=FILTERS)
    context = plan_context(plan, options, embed_image=True, reuse=reuse)
    return render_template(env, TEMPLATE, context)
