"""Limits on user templates, so a template from another office cannot hang osl-plan or fill memory.

Jinja's sandbox keeps templates away from Python internals; it does not stop a template that
loops ten billion times, repeats a string ten billion times or calls a macro without end. Every
limit here is counted, never timed (a clock would make results depend on the machine, and alarms
do not exist on Windows), and is checked as the template runs, before the work is done:

* **steps**: loop iterations, items taken from ``range`` and calls (macros, methods, ``loop()``
  of a recursive loop) of one render, at most :data:`MAX_STEPS`;
* **values**: a text or list made by ``*``, ``+``, ``~``, ``%``, a method or a filter has at most
  :data:`MAX_VALUE` characters or items, and a number at most :data:`MAX_DIGITS` digits;
* **text**: the characters every ``{{ … }}`` prints, macros and captured blocks included, at
  most :data:`MAX_TEXT`;
* ``lipsum`` makes at most :data:`LIPSUM_PARAGRAPHS` paragraphs of at most :data:`LIPSUM_WORDS`
  words; a macro calling itself without end stops at Python's recursion limit.

A limit reached raises :class:`TemplateLimit`; :func:`osl_plan.render.templating.render_template`
reports it with the template's file and line. The limits are far above what a real plan needs
(the built-in templates render a 20,000-task plan within a tenth of each).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cache
from typing import TYPE_CHECKING, Any

from osl_plan.i18n import _, number

if TYPE_CHECKING:
    import jinja2

#: Loop iterations, range items and calls in one render.
MAX_STEPS = 5_000_000
#: Characters or items of one text or list a template makes.
MAX_VALUE = 20_000_000
#: Characters printed by ``{{ … }}`` in one render, macros and captured blocks included.
MAX_TEXT = 200_000_000
#: Decimal digits of a number a template computes.
MAX_DIGITS = 1000
#: ``lipsum(n, html, min, max)``: at most this many paragraphs, of at most this many words.
LIPSUM_PARAGRAPHS = 100
LIPSUM_WORDS = 1000
#: The filter every ``{% for %}`` loop's items go through (added when a template is compiled).
COUNTING_FILTER = "osl_counted"

_BITS = int(MAX_DIGITS * 3.33)  # a number of MAX_DIGITS decimal digits has about this many bits
#: Widths and precisions in a format string: ``%20s``, ``%.5f``, ``{:>20}``, ``{:.5}``.
_FORMAT_NUMBER = re.compile(r"(?:%[-#0 +]*|\{[^{}]*:[^{}]*?)(\d{8,})")
#: Methods and filters whose whole-number arguments are sizes of the text they make.
_SIZED_METHODS = frozenset({"ljust", "rjust", "center", "zfill", "expandtabs"})
_SIZED_FILTERS = frozenset({"center", "indent", "truncate", "wordwrap", "slice", "batch"})


class TemplateLimit(Exception):
    """A template reached one of the limits; the message says which and how to stay within it."""


def limit_message(error: BaseException) -> str:
    """What to tell the user about a template that stopped at a limit (or at Python's own)."""
    if isinstance(error, RecursionError):
        return _(
            "the template calls itself too deeply (a macro, include or recursive loop without "
            "an end) — add a condition that stops it"
        )
    if isinstance(error, MemoryError):
        return _("the template needs more memory than there is — check for very large values")
    return str(error)


def _steps_exceeded() -> TemplateLimit:
    return TemplateLimit(
        _(
            "the template takes more than {limit} steps (loop iterations and calls) — "
            "check for loops nested in loops and for a macro that calls itself without end"
        ).format(limit=number(MAX_STEPS))
    )


def _too_long(size: int) -> TemplateLimit:
    return TemplateLimit(
        _(
            "the template makes a text or list of {size} characters or items, more than the "
            "{limit} allowed — check the repetition (*), joining (~, +) or padding here"
        ).format(size=number(size), limit=number(MAX_VALUE))
    )


def _too_many_digits() -> TemplateLimit:
    return TemplateLimit(
        _(
            "the template computes a number with more than {limit} digits — check the "
            "powers (**) and products here"
        ).format(limit=number(MAX_DIGITS))
    )


class Budget:
    """What one render has used so far."""

    __slots__ = ("steps", "text")

    def __init__(self) -> None:
        self.steps = 0
        self.text = 0

    def step(self, count: int = 1) -> None:
        """Count ``count`` steps. Raises TemplateLimit past :data:`MAX_STEPS`."""
        self.steps += count
        if self.steps > MAX_STEPS:
            raise _steps_exceeded()

    def printed(self, size: int) -> None:
        """Count characters printed. Raises TemplateLimit past :data:`MAX_TEXT`."""
        self.text += size
        if self.text > MAX_TEXT:
            raise TemplateLimit(
                _(
                    "the template prints more than {limit} characters — check for loops that "
                    "print the same text many times"
                ).format(limit=number(MAX_TEXT))
            )


def check_size(value: object) -> None:
    """Refuse a text, list or number too large to be kept. Raises TemplateLimit."""
    if isinstance(value, (str, bytes, list, tuple, dict)):
        if len(value) > MAX_VALUE:
            raise _too_long(len(value))
    elif isinstance(value, int) and value.bit_length() > _BITS:
        raise _too_many_digits()


def _check_repeat(left: object, right: object) -> None:
    """``left * right`` before it is computed: a repeated text or list, or a product."""
    for sequence, times in ((left, right), (right, left)):
        if isinstance(sequence, (str, bytes, list, tuple)) and isinstance(times, int):
            check_size_of(len(sequence) * max(times, 0))
            return
    if not (isinstance(left, int) and isinstance(right, int)):
        return
    if left.bit_length() + right.bit_length() > _BITS:
        raise _too_many_digits()


def check_size_of(size: int) -> None:
    """Refuse a result that would have ``size`` characters or items. Raises TemplateLimit."""
    if size > MAX_VALUE:
        raise _too_long(size)


def _check_power(base: object, exponent: object) -> None:
    if not (isinstance(base, int) and isinstance(exponent, int)):
        return
    if exponent > 0 and abs(base) > 1 and base.bit_length() * exponent > _BITS:
        raise _too_many_digits()


def _check_format(text: object) -> None:
    """A width or precision in a format string (``%999999999s``) is a size too."""
    if isinstance(text, str):
        for found in _FORMAT_NUMBER.finditer(text):
            check_size_of(int(found.group(1)))


def _check_numbers(arguments: Iterable[object]) -> None:
    for value in arguments:
        if isinstance(value, int) and not isinstance(value, bool):
            check_size_of(value)


def _check_call(obj: object, args: Sequence[Any], kwargs: dict[str, Any]) -> None:
    """Sizes a method is asked to make, checked before it runs."""
    owner = getattr(obj, "__self__", None)
    name = getattr(obj, "__name__", "")
    if not isinstance(owner, str):
        return
    if name in _SIZED_METHODS:
        _check_numbers([*args, *kwargs.values()])
    elif name == "replace" and len(args) >= 2:
        _check_replace(owner, args[0], args[1])
    elif name == "join" and args and isinstance(args[0], Sequence):
        check_size_of(len(owner) * len(args[0]))


def _check_replace(text: object, old: object, new: object) -> None:
    """``text.replace(old, new)`` before it is computed."""
    if not (isinstance(text, str) and isinstance(old, str) and isinstance(new, str)):
        return
    if old and len(new) > len(old):
        check_size_of(len(text) + text.count(old) * (len(new) - len(old)))


class CountedRange(Sequence[int]):
    """``range`` for templates: the sandbox's size limit, and each item taken counts a step."""

    def __init__(self, budget: Callable[[], Budget], numbers: range) -> None:
        self._budget = budget
        self._numbers = numbers

    def __len__(self) -> int:
        return len(self._numbers)

    def __getitem__(self, index: Any) -> Any:
        return self._numbers[index]

    def __iter__(self) -> Iterator[int]:
        return _counted(self._budget(), self._numbers)

    def __reversed__(self) -> Iterator[int]:
        return _counted(self._budget(), reversed(self._numbers))

    def __contains__(self, value: object) -> bool:
        return value in self._numbers

    def __repr__(self) -> str:
        return repr(self._numbers)


def _counted(budget: Budget, items: Iterable[Any]) -> Iterator[Any]:
    for item in items:
        budget.step()
        yield item


def _bounded_lipsum(lipsum: Callable[..., Any]) -> Callable[..., Any]:
    def bounded(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> Any:
        if n > LIPSUM_PARAGRAPHS or min > LIPSUM_WORDS or max > LIPSUM_WORDS:
            raise TemplateLimit(
                _(
                    "lipsum() makes at most {paragraphs} paragraphs of at most {words} words — "
                    "use smaller numbers"
                ).format(paragraphs=LIPSUM_PARAGRAPHS, words=LIPSUM_WORDS)
            )
        return lipsum(n, html, min, max)

    return bounded


def _sized_filter(name: str, original: Callable[..., Any]) -> Callable[..., Any]:
    """A built-in filter whose size arguments and result are checked."""

    @functools.wraps(original)
    def checked(*args: Any, **kwargs: Any) -> Any:
        if name in _SIZED_FILTERS:
            _check_numbers([*args[1:], *kwargs.values()])
        if name == "format" and args:
            _check_format(args[0])
        if name == "replace" and len(args) >= 4:  # (eval_ctx, text, old, new)
            _check_replace(str(args[1]), args[2], args[3])
        result = original(*args, **kwargs)
        check_size(result)
        return result

    return checked


@cache
def _counting_code_generator() -> type[Any]:
    """Jinja's code generator compiling every ``{% for %}`` to count its items, every ``~`` to
    check its size, and every piece of the template's own text to count it."""
    from jinja2 import nodes
    from jinja2.compiler import CodeGenerator, Frame

    class CountingCodeGenerator(CodeGenerator):
        """Compiles every ``{% for %}`` to count its items, and every ``~`` to check its size."""

        def visit_Template(self, node: nodes.Template, frame: Frame | None = None) -> None:
            for loop in list(node.find_all(nodes.For)):
                loop.iter = nodes.Filter(
                    loop.iter, COUNTING_FILTER, [], [], None, None, lineno=loop.iter.lineno
                )
            super().visit_Template(node, frame)

        def visit_Output(self, node: nodes.Output, frame: Frame) -> None:
            # The template's own text is printed without finalize: count it here.
            size = sum(
                len(child.data) for child in node.nodes if isinstance(child, nodes.TemplateData)
            )
            if size:
                self.writeline(f"environment.budget.printed({size})")
            super().visit_Output(node, frame)

        def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
            self.write("environment.checked(")
            super().visit_Concat(node, frame)
            self.write(")")

    return CountingCodeGenerator


def _bound_filters_and_globals(env: Any) -> None:
    """Every filter's result size-checked, loops counted, ``range`` and ``lipsum`` bounded."""
    for name, original in list(env.filters.items()):
        env.filters[name] = _sized_filter(name, original)
    env.filters[COUNTING_FILTER] = lambda items: _counted(env.budget, items)
    env.globals["range"] = env.counted_range
    env.globals["lipsum"] = _bounded_lipsum(env.globals["lipsum"])


def _check_binop(operator: str, left: Any, right: Any) -> None:
    """``*``, ``**`` and ``%`` refused before they build something too large."""
    if operator == "*":
        _check_repeat(left, right)
    elif operator == "**":
        _check_power(left, right)
    elif operator == "%":
        _check_format(left)
        if isinstance(left, str) and "*" in left:  # "%*d" takes the width from the values
            _check_numbers(right if isinstance(right, tuple) else [right])


def bounded_sandbox() -> type[jinja2.Environment]:
    """Jinja's sandboxed environment with the limits above (jinja2 is imported only here)."""
    from jinja2.sandbox import SandboxedEnvironment, safe_range

    class BoundedSandbox(SandboxedEnvironment):
        """The sandbox, counting and checking as the module docstring says."""

        code_generator_class = _counting_code_generator()
        intercepted_binops = frozenset({"*", "**", "+", "%"})

        def __init__(self, **options: Any) -> None:
            super().__init__(**options)
            self.budget = Budget()
            _bound_filters_and_globals(self)
            shown = self.finalize
            self.finalize = lambda value: self.printing(value if shown is None else shown(value))

        def new_budget(self) -> None:
            """Start counting afresh: one render's budget."""
            self.budget = Budget()

        def counted_range(self, *args: int) -> CountedRange:
            return CountedRange(lambda: self.budget, safe_range(*args))

        def printing(self, value: Any) -> Any:
            self.budget.printed(len(value) if isinstance(value, str) else len(str(value)))
            return value

        def checked(self, value: Any) -> Any:
            check_size(value)
            return value

        def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
            owner = getattr(value, "__self__", None)
            if getattr(value, "__name__", "") in ("format", "format_map"):
                _check_format(owner)
            return super().wrap_str_format(value)

        def call_binop(
            self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any
        ) -> Any:
            _check_binop(operator, left, right)
            result = super().call_binop(context, operator, left, right)
            check_size(result)
            return result

        def call(
            self, context: jinja2.runtime.Context, obj: Any, /, *args: Any, **kwargs: Any
        ) -> Any:
            self.budget.step()
            _check_call(obj, args, kwargs)
            result = super().call(context, obj, *args, **kwargs)
            check_size(result)
            return result

    return BoundedSandbox
