"""Messages in the reader's language: Polish by default, English on request.

Every text osl-plan says to a person is a gettext message. In the code it is written in English,
with *named* placeholders, and translated at the moment it is shown::

    from osl_plan.i18n import _, ngettext

    _("{file}: valid").format(file=name)
    ngettext("{count} task", "{count} tasks", count).format(count=count)

A text that must exist before the language is known (a module-level constant, a table of hints)
is marked with :func:`N_` and passed through :func:`_` where it is used. A sentence is never built
by joining translated fragments: translators need whole sentences.

The catalog is ``osl_plan/locale/pl/LC_MESSAGES/osl_plan.po`` (compiled to ``.mo`` beside it and
shipped in the wheel); ``make i18n`` extracts new messages, updates and compiles the catalog; after
filling in the new ``msgstr`` entries run it once more. English is the code's own text.

The language: ``OSL_PLAN_LANG`` (``pl`` or ``en``) when set; otherwise the first of ``LANGUAGE``,
``LC_ALL``, ``LC_MESSAGES``, ``LANG`` that is set decides: English when it names English
(``en``, ``en_GB.UTF-8``, ``en_US:pl``), Polish for anything else, including ``C``, ``POSIX`` and
nothing at all. The catalog is read once, on the first message shown.
"""

from __future__ import annotations

import gettext as _gettext
import os
from functools import cache
from pathlib import Path

DOMAIN = "osl_plan"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
#: The languages osl-plan speaks; the first is the default.
LANGUAGES = ("pl", "en")
_LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def language() -> str:
    """The language chosen by the environment: ``"pl"`` or ``"en"``."""
    chosen = os.environ.get("OSL_PLAN_LANG", "").strip()
    if chosen:
        return "en" if _names_english(chosen) else "pl"
    for variable in _LOCALE_VARIABLES:
        value = os.environ.get(variable, "").strip()
        if value:
            return "en" if _names_english(value.split(":", 1)[0]) else "pl"
    return "pl"


def _names_english(value: str) -> bool:
    code = value.replace("-", "_").split(".", 1)[0].split("_", 1)[0].lower()
    return code == "en"


@cache
def translations(lang: str) -> _gettext.NullTranslations:
    """The catalog of ``lang`` (English is the code's own text)."""
    if lang == "en":
        return _gettext.NullTranslations()
    return _gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang], fallback=True)


@cache
def _current() -> _gettext.NullTranslations:
    return translations(language())


def _(message: str) -> str:
    """``message`` in the reader's language."""
    return _current().gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of ``singular``/``plural`` that goes with ``count`` (Polish has three)."""
    return _current().ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Mark ``message`` for the catalog without translating it yet."""
    return message


def number(value: int) -> str:
    """``value`` with its thousands grouped as the reader expects: 20,001 or 20 001 (Polish).

    Polish leaves four-digit numbers ungrouped (2023, 5000).
    """
    if language() == "en":
        return f"{value:,}"
    return f"{value:,}".replace(",", "\u00a0") if abs(value) >= 10_000 else str(value)


def reset() -> None:
    """Forget the chosen language, so the next message reads the environment again (tests)."""
    _current.cache_clear()
