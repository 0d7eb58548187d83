"""A failing user template in the reader's language.

Jinja and Python describe a template's mistake in English („'x' is undefined”, „Range too big”,
„division by zero”). In English those texts are kept as they are; in Polish each kind of mistake
has its own sentence, with the names the template used quoted from the original.
"""

from __future__ import annotations

import re

from osl_plan.i18n import N_, _, language, number

#: Jinja's sandbox refuses range() longer than this.
MAX_RANGE = 100_000


def _quoted(text: str) -> list[str]:
    return re.findall(r"'([^']*)'", text)


def undefined(text: str) -> str:
    """An UndefinedError's message."""
    if language() == "en":
        return text
    names = _quoted(text)
    if m := re.search(r"has no element (\S+)", text):
        return _("the list has no element {index}").format(index=m[1])
    if "has no attribute" in text and names:
        return _("there is no „{name}” here").format(name=names[-1])
    if names:
        return _("„{name}” is not defined").format(name=names[0])
    return _("a name is not defined")


def syntax(text: str) -> str:
    """A TemplateSyntaxError's message."""
    if language() == "en":
        return text
    names = _quoted(text)
    if text.startswith("Encountered unknown tag") and names:
        return _("unknown tag „{name}” — check its spelling, or close the tag above").format(
            name=names[0]
        )
    if text.lower().startswith("unexpected end of template"):
        return _("the template ends inside a block — close it ({% endfor %}, {% endif %} …)")
    if text.startswith("unexpected") and names:
        return _("„{text}” is unexpected here — check the brackets").format(text=names[0])
    return _("the template's syntax is wrong here — check the brackets and tags")


def unsafe(text: str) -> str:
    """A SecurityError's message (the sandbox refused something)."""
    if language() == "en":
        return text
    names = _quoted(text)
    if names:
        return _("„{name}” is not available in templates — remove it").format(name=names[0])
    return _("templates may not do this — remove it")


def failed(error: BaseException) -> str:
    """A Python error raised by the template's own expressions ({{ 1/0 }})."""
    if language() == "en":
        return _("the template failed: {error}").format(error=f"{type(error).__name__}: {error}")
    if isinstance(error, OverflowError) and "Range too big" in str(error):
        return _("range() in a template makes at most {limit} numbers").format(
            limit=number(MAX_RANGE)
        )
    for kind, message in _FAILURES:
        if isinstance(error, kind):
            return _(message)
    return _("the template failed ({kind})").format(kind=type(error).__name__)


_FAILURES: tuple[tuple[type[BaseException], str], ...] = (
    (ZeroDivisionError, N_("the template divides by zero")),
    (
        TypeError,
        N_("the template combines values that do not go together (e.g. text and a number)"),
    ),
    (LookupError, N_("the template asks for an element or a key that does not exist")),
    (
        ValueError,
        N_("the template converts a value that cannot be converted (e.g. text to a number)"),
    ),
)
