"""The Jinja environment shared by the Markdown and HTML renderers.

Templates are looked up in the user's ``--template-dir`` first, then in the templates installed with
the package (``osl_plan/templates`` in a wheel), then in the source checkout's ``templates/``.
Undefined variables are errors. Plan data only ever reaches a template as variables, never as
template source, so ``{{ }}`` or ``{% %}`` in a field is just text.

HTML templates are autoescaped. Markdown templates are escaped too, by a *finalize* hook: every
``{{ value }}`` is Markdown-escaped unless a filter already produced :class:`MdSafe` text.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import cache
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from osl_plan.errors import TemplateFailed, UsageError
from osl_plan.i18n import _

if TYPE_CHECKING:
    import jinja2


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

    if template_dir is not None and not template_dir.is_dir():
        raise TemplateFailed(
            _("{folder}: the template folder does not exist").format(folder=template_dir)
        )
    roots = search_path(template_dir)
    builtin = [folder for folder in roots if folder != template_dir]
    loader = jinja2.ChoiceLoader(
        [
            _checked_loader(roots),
            jinja2.PrefixLoader({BUILTIN_PREFIX.rstrip("/"): _checked_loader(builtin)}),
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
        # A user's templates are compiled anew each time (they are rendered in a child process).
        bytecode_cache=None if template_dir else _compiled(autoescape, frozenset(filters)),
    )
    env.filters.update(filters)
    env.roots = tuple(roots)  # type: ignore[attr-defined]
    env.from_user = template_dir is not None  # type: ignore[attr-defined]
    return env


def _checked_loader(folders: Sequence[Path]) -> jinja2.BaseLoader:
    """A loader over ``folders`` whose every template counts as an input of the command and
    passes the check a plan's text passes (no forbidden characters)."""
    import jinja2

    from osl_plan.output import remember_input
    from osl_plan.textgate import outside_text

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

    return Loader([str(p) for p in folders])


@cache
def _compiled(autoescape: bool, filters: frozenset[str]) -> jinja2.BytecodeCache:
    """The built-in templates' compiled code, kept for every environment of these settings (how
    a template compiles depends on them; the other settings are fixed above) and between runs
    (:mod:`osl_plan.render.template_cache`)."""
    from osl_plan.render.template_cache import TemplateCache

    return TemplateCache((autoescape, sorted(filters)))


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
