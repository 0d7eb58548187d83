"""The Jinja environment shared by the Markdown and HTML renderers.

Templates are looked up in the user's ``--template-dir`` first, then in the templates installed with
the package (``osl_plan/templates`` in a wheel), then in the source checkout's ``templates/``.
Undefined variables are errors. Plan data only ever reaches a template as variables, never as
template source, so ``{{ }}`` or ``{% %}`` in a field is just text.

HTML templates are autoescaped. Markdown templates are escaped too, by a *finalize* hook: every
``{{ value }}`` is Markdown-escaped unless a filter already produced :class:`MdSafe` text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cache
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from osl_plan.columns import TableColumn, cell_items, table_columns, task_groups, term_text
from osl_plan.errors import TemplateFailed, UnreadableFile, UsageError, os_reason
from osl_plan.funding import resolve_strip
from osl_plan.i18n import _, with_hint
from osl_plan.model import Plan, Task
from osl_plan.polish import tie_short_words as tie
from osl_plan.render.column_widths import TEXT_SIZE, measure_columns
from osl_plan.render.front_page import document_title, front_lines, logo_alt, year_line
from osl_plan.render.schedule import schedule
from osl_plan.render.signature_lines import SignatureLines, signatures
from osl_plan.richtext import Block, Inline, parse_blocks
from osl_plan.terms import MONTHS_NOMINATIVE

if TYPE_CHECKING:
    import jinja2

    from osl_plan.render.options import RenderOptions

_PACKAGE_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
_SOURCE_TEMPLATES = Path(__file__).resolve().parent.parent.parent / "templates"
_CONTEXT_LINES = 2  # template lines shown on each side of the failing one


def search_path(template_dir: Path | None) -> list[Path]:
    """Folders searched for templates, the user's first; only those that exist."""
    folders = [template_dir] if template_dir is not None else []
    folders += [_PACKAGE_TEMPLATES, _SOURCE_TEMPLATES]
    return [folder for folder in folders if folder.is_dir()]


#: ``{% extends 'builtin/plan.md.j2' %}`` names osl-plan's own template from a user's one.
BUILTIN_PREFIX = "builtin/"


def make_environment(
    template_dir: Path | None,
    *,
    autoescape: bool,
    filters: Mapping[str, Callable[..., Any]] = {},
    finalize: Callable[[Any], Any] | None = None,
) -> jinja2.Environment:
    """A strict, sandboxed environment over the template search path. Raises TemplateFailed.

    Templates come from other offices: they run in Jinja's sandbox (no access to Python
    internals, so no commands), and every file they read counts as an input of the command.
    """
    import jinja2

    from osl_plan.output import remember_input
    from osl_plan.textgate import outside_text

    if template_dir is not None and not template_dir.is_dir():
        raise TemplateFailed(
            _("{folder}: the template folder does not exist").format(folder=template_dir)
        )
    roots = search_path(template_dir)
    builtin = [folder for folder in roots if folder != template_dir]

    class Loader(jinja2.FileSystemLoader):
        def get_source(
            self, environment: jinja2.Environment, template: str
        ) -> tuple[str, str, Callable[[], bool]]:
            source, filename, uptodate = super().get_source(environment, template)
            remember_input(filename)
            try:
                outside_text(source, filename, multiline=True)
            except UsageError as error:
                raise TemplateFailed(str(error)) from None
            return source, filename, uptodate

    loader = jinja2.ChoiceLoader(
        [
            Loader([str(p) for p in roots]),
            jinja2.PrefixLoader({BUILTIN_PREFIX.rstrip("/"): Loader([str(p) for p in builtin])}),
        ]
    )
    env = _sandboxed_class()(
        loader=loader,
        undefined=jinja2.StrictUndefined,
        autoescape=autoescape,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=finalize,
    )
    env.filters.update(filters)
    env.roots = tuple(roots)  # type: ignore[attr-defined]
    env.from_user = template_dir is not None  # type: ignore[attr-defined]
    return env


@cache
def _sandboxed_class() -> type[jinja2.Environment]:
    from osl_plan.render.template_limits import bounded_sandbox

    class Sandboxed(bounded_sandbox()):  # type: ignore[misc]
        """A template extending or including its own name means osl-plan's template of that
        name: a user's ``plan.md.j2`` may start with ``{% extends 'plan.md.j2' %}``."""

        #: The template folders, to find a failing template's line in a traceback.
        roots: tuple[Path, ...] = ()

        def join_path(self, template: str, parent: str) -> str:
            if template == parent:
                return BUILTIN_PREFIX + template
            return template

    return Sandboxed


def render_template(env: jinja2.Environment, name: str, context: Mapping[str, Any]) -> str:
    """``name`` rendered with ``context``; with a user's template folder in a bounded child
    process (:mod:`osl_plan.render.template_process`). Raises TemplateFailed with the template's
    location."""
    if getattr(env, "from_user", False):
        from osl_plan.render.template_process import render_bounded

        folder = next(iter(getattr(env, "roots", ())), None)
        shown = str(folder / name) if folder is not None and (folder / name).is_file() else name
        return render_bounded(lambda: _render(env, name, context), shown)
    return _render(env, name, context)


def _render(env: jinja2.Environment, name: str, context: Mapping[str, Any]) -> str:
    import jinja2

    from osl_plan.render import template_messages as say
    from osl_plan.render.template_limits import TemplateLimit, limit_message

    new_budget = getattr(env, "new_budget", None)
    if new_budget is not None:
        new_budget()
    try:
        text = env.get_template(name).render(context)
    except (TemplateLimit, RecursionError, MemoryError) as error:
        filename, line = _template_frame(error.__traceback__, env)
        raise TemplateFailed(_located(filename or name, line, limit_message(error))) from None
    except jinja2.TemplateSyntaxError as error:
        raise TemplateFailed(
            _located(error.filename or name, error.lineno, say.syntax(error.message or str(error)))
        ) from None
    except jinja2.TemplateNotFound as error:
        folders = ", ".join(str(p) for p in search_path(None)) or _("none")
        raise TemplateFailed(
            _("template „{name}” not found (looked in the template folder and {folders})").format(
                name=error.name, folders=folders
            )
        ) from None
    except jinja2.TemplateError as error:
        filename, line = _template_frame(error.__traceback__, env)
        message = say.unsafe(str(error))
        if isinstance(error, jinja2.UndefinedError):
            message = _(
                "{message} — check the name; the README lists the template variables"
            ).format(message=say.undefined(str(error)))
        raise TemplateFailed(_located(filename or name, line, message)) from None
    except (
        ArithmeticError,
        LookupError,
        TypeError,
        ValueError,
    ) as error:
        # A mistake in the template's own expressions ({{ 1/0 }}, a loop including itself).
        filename, line = _template_frame(error.__traceback__, env)
        raise TemplateFailed(_located(filename or name, line, say.failed(error))) from None
    return _printable(text, name)


def _printable(text: str, name: str) -> str:
    """A template's output passes the gate every document text passes. Raises TemplateFailed."""
    from osl_plan.textgate import first_forbidden

    found = first_forbidden(text)
    if found is None:
        return text
    index, code = found
    line = text.count("\n", 0, index) + 1
    raise TemplateFailed(
        _(
            "{template}: line {line} of the output holds an invisible control character "
            "(U+{code}) — check what the template prints there"
        ).format(template=name, line=line, code=code)
    )


def _template_frame(tb: TracebackType | None, env: jinja2.Environment) -> tuple[str | None, int]:
    """The innermost traceback frame that belongs to a template file (Jinja maps its lines)."""
    found: tuple[str | None, int] = (None, 0)
    roots: tuple[Path, ...] = getattr(env, "roots", ())
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        path = Path(filename)
        if any(path.is_relative_to(root) for root in roots):
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


def _located(filename: str, line: int | None, message: str) -> str:
    """``file:line: message`` followed by the template lines around ``line``."""
    head = f"{filename}:{line}: {message}" if line else f"{filename}: {message}"
    try:
        source = Path(filename).read_text(encoding="utf-8").splitlines()
    except OSError:
        return head
    if not line or line > len(source):
        return head
    first = max(1, line - _CONTEXT_LINES)
    last = min(len(source), line + _CONTEXT_LINES)
    width = len(str(last))
    shown = [
        f"{'>' if n == line else ' '} {n:>{width}} | {source[n - 1]}"
        for n in range(first, last + 1)
    ]
    return "\n".join([head, *shown])


# --- Markdown escaping --------------------------------------------------------------------------


class MdSafe(str):
    """Text already escaped for Markdown: the finalize hook passes it through unchanged."""

    __slots__ = ()


# Characters that are Markdown (or GFM) syntax anywhere in a line.
_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~&])")
# Syntax that counts only at the start of a line: headings, lists, quotes, setext underlines.
_MD_LINE_START = re.compile(
    r"^(\s*)(#{1,6}(?=\s|$)|>|[+=\-](?=[\s+=\-]|$)|\d{1,9}(?=[.)](?:\s|$)))"
)


def md_escape(value: Any) -> MdSafe:
    """Any value as literal Markdown text on one line (newlines become spaces)."""
    if isinstance(value, MdSafe):
        return value
    text = " ".join(str(value).splitlines()) if value is not None else ""
    text = _MD_INLINE.sub(r"\\\1", text)
    text = _MD_LINE_START.sub(_escape_line_start, text)
    return MdSafe(text)


def _escape_line_start(m: re.Match[str]) -> str:
    lead, mark = m.group(1), m.group(2)
    if mark.isdigit():
        # "2023." would start a numbered list: escape the dot or bracket after the digits.
        return lead + mark + "\\"
    return f"{lead}\\{mark}"


def md_cell(value: Any) -> MdSafe:
    """Text for a GFM table cell: escaped, with its line breaks as ``<br>``."""
    if isinstance(value, MdSafe):
        return value
    lines = str(value).splitlines() if value is not None else []
    return MdSafe("<br>".join(md_escape(line) for line in lines))


def md_finalize(value: Any) -> Any:
    """Every ``{{ }}`` in a Markdown template: escaped unless a filter marked it safe."""
    return md_escape(value)


def md_runs(runs: Iterable[Inline]) -> MdSafe:
    """Rich-text runs as Markdown: escaped text; ``**`` and ``*`` open and close as runs change."""
    out: list[str] = []
    open_marks: list[str] = []  # innermost last, so marks close in reverse order
    for run in runs:
        wanted = {"**"} if run.bold else set()
        if run.italic:
            wanted.add("*")
        while open_marks and not wanted.issuperset(open_marks):
            out.append(open_marks.pop())
        for mark in ("**", "*"):
            if mark in wanted and mark not in open_marks:
                out.append(mark)
                open_marks.append(mark)
        out.append(md_escape(run.text))
    out.extend(reversed(open_marks))
    return MdSafe("".join(out))


# --- What templates see -------------------------------------------------------------------------


def plan_context(plan: Plan, options: RenderOptions, *, embed_image: bool) -> dict[str, Any]:
    """The template variables (listed in the README). Raises UnreadableFile (strip image)."""
    columns = table_columns(plan)
    widths, text_size, table_em = _html_widths(plan, columns, keep_terms=options.keep_terms)
    return {
        "plan": plan.model_dump(mode="json"),  # plain data: templates come from anywhere
        "title": tie(document_title(plan)),
        "year_line": year_line(plan),
        "institution": tie(plan.jednostka or ""),
        "page_title": " – ".join(filter(None, [f"{plan.tytul} {plan.rok}", plan.jednostka])),
        "intro": [tie(p) for p in plan.wstep_paragraphs],
        "sections": [
            {"title": tie(s.tytul), "blocks": _tied_blocks(parse_blocks(s.tresc))}
            for s in plan.sekcje
        ],
        "front": {"zalacznik": "", "jednostka": "", **front_lines(plan)},
        "logo": _logo(plan, options, embed_image=embed_image),
        "goals": _goals(plan),
        "caption": f"Zadania na {plan.rok} rok",
        "headers": [c.heading for c in columns],
        "table_size": text_size,
        "table_em": table_em,
        "columns": [
            {"key": c.key, "heading": c.heading, "width": round(w / 100, 1)}
            for c, w in zip(columns, widths, strict=True)
        ],
        "tasks": [_task(plan, n, task, options, columns) for n, task in enumerate(plan.zadania, 1)],
        "groups": [
            {
                "heading": tie(g.heading) if g.heading else None,
                "tasks": [_task(plan, n, t, options, columns) for n, t in g.tasks],
            }
            for g in task_groups(plan)
        ],
        "strip": strip_context(plan, options, embed_image=embed_image),
        "signatures": [signature_context(side) for side in signatures(plan)],
        "schedule": _schedule(plan) if options.harmonogram else None,
    }


#: The page's text width for the table (A4 portrait, 18 mm margins) in twips, and its text size.
_HTML_WIDTH = 9864
_HTML_SIZE = 10.5
_HTML_SMALLEST = 7.5


def _html_widths(
    plan: Plan, columns: Sequence[TableColumn], *, keep_terms: bool
) -> tuple[tuple[int, ...], float | None, float | None]:
    """Column widths in hundredths of a per cent; for a table whose words do not fit across the
    page at the usual size (many columns), the smaller text size (points) that fits them on
    paper and how many ems its words need side by side (the screen sizes its text by the
    window's width from it), else None and None."""
    measure = measure_columns(plan, columns, keep_terms=keep_terms)
    if measure.fits(_HTML_WIDTH):
        return measure.widths(10_000), None, None
    needed = sum(max(w, h) for w, h in zip(measure.words, measure.heads, strict=True)) * 20
    size = max(_HTML_SMALLEST, round(_HTML_SIZE * _HTML_WIDTH / needed, 1))
    total = int(needed) + 1
    widths = tuple(round(w * 10_000 / total) for w in measure.widths(total))
    # In ems of the measured size, with the browser's padding (1 em a column) a little wider.
    ems = round(needed / 20 / TEXT_SIZE * 1.04 + 0.25 * len(columns), 1)
    return widths, size, ems


def _task(
    plan: Plan, number: int, task: Task, options: RenderOptions, columns: Sequence[TableColumn]
) -> dict[str, Any]:
    keep = options.keep_terms
    return {
        "number": number,
        "id": task.id,
        "zadanie": tie(task.zadanie),
        "dzialania": [tie(d) for d in task.dzialania],
        "adresaci": [tie(a) for a in task.adresaci],
        "termin": term_text(task, keep_terms=keep),
        "cells": {
            c.key: cell_items(plan, task, number, c.key, keep_terms=keep)
            for c in columns
            if c.key != "zadanie"
        },
    }


def _goals(plan: Plan) -> dict[str, Any] | None:
    if plan.cele is None:
        return None
    return {
        "main": tie(plan.cele.glowny or ""),
        "specific": [tie(g.tresc) for g in plan.cele.szczegolowe],
    }


def _logo(plan: Plan, options: RenderOptions, *, embed_image: bool) -> dict[str, str] | None:
    if plan.logo is None:
        return None
    written = plan.logo.obraz
    path = (options.base_dir or Path(".")) / written
    return {"image": _data_uri(path) if embed_image else written, "alt": logo_alt(plan)}


def _tied_blocks(blocks: list[Block]) -> list[Block]:
    """Blocks with one-letter words bound to the next word, also across a change of formatting."""
    # A sentinel after each run lets a trailing "i " tie to the next run's first word.
    return [
        Block(
            b.kind,
            tuple(
                tuple(Inline(tie(r.text + "\x00")[:-1], r.bold, r.italic) for r in it)
                for it in b.items
            ),
            b.start,
        )
        for b in blocks
    ]


def signature_context(side: SignatureLines) -> dict[str, str]:
    """One signature block as the templates read it (the report's templates too)."""
    return {
        "label": side.label,
        "person": tie(side.person),
        "position": tie(side.position),
        "date": side.date,
    }


def strip_context(
    plan: Plan, options: RenderOptions, *, embed_image: bool
) -> dict[str, Any] | None:
    """The funding strip as the templates read it; None without one. Raises UnreadableFile."""
    strip = resolve_strip(plan, options.base_dir)
    if strip is None:
        return None
    written = plan.finansowanie.obraz if plan.finansowanie else None
    return {
        "marks": list(strip.marks),
        "alt": strip.alt_text,
        "image": _data_uri(strip.image) if embed_image and strip.image else written,
        "top": options.strip_position in ("header", "first-page"),
    }


def _data_uri(path: Path) -> str:
    """The image as a ``data:`` URI, so the page needs no other file. Raises UnreadableFile."""
    import base64

    from osl_plan.image import ImageProblem, read_image

    try:
        image = read_image(path)
    except FileNotFoundError as error:
        raise UnreadableFile(
            path,
            _("cannot read the image ({reason}) — check finansowanie.obraz or logo").format(
                reason=os_reason(error)
            ),
        ) from None
    except ImageProblem as problem:
        raise UnreadableFile(path, with_hint(problem.message, problem.hint)) from None
    return f"data:{image.mime};base64,{base64.b64encode(image.data).decode('ascii')}"


def _schedule(plan: Plan) -> dict[str, Any]:

    grid = schedule(plan)
    return {
        "caption": f"Harmonogram realizacji zadań w {plan.rok} roku",
        "headers": list(grid.headers),
        "months": [f"{MONTHS_NOMINATIVE[m.month - 1]} {m.year}" for m in grid.months],
        "rows": [
            {
                "number": n,
                "label": tie(_short(task.zadanie)),
                "cells": list(zip(cells, days, strict=True)),
            }
            for n, (task, cells, days) in enumerate(
                zip(plan.zadania, grid.rows, grid.days, strict=True), 1
            )
        ],
        "days": any(map(any, grid.days)),
    }


def _short(text: str, limit: int = 60) -> str:
    """A task's text cut at a word boundary, for the schedule's row labels."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(" ,;:–-")
    # A one-letter word (a, i, o, u, w, z) must not be the last before the ellipsis.
    words = cut.split(" ")
    if len(words) > 1 and len(words[-1]) == 1:
        cut = " ".join(words[:-1]).rstrip(" ,;:–-")
    return cut + "…"
