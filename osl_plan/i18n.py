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
nothing at all. The catalog is opened once, on the first message shown, and read where it lies
(:class:`Catalog`): a command pays for the few messages it shows, not for the whole catalog.
"""

from __future__ import annotations

import gettext as _gettext
import os
import struct
from collections.abc import Callable
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
    """The catalog of ``lang`` (English is the code's own text; a missing catalog means English)."""
    if lang == "en":
        return _gettext.NullTranslations()
    try:
        data = (LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.mo").read_bytes()
    except OSError:
        return _gettext.NullTranslations()
    return Catalog(data)


class Catalog(_gettext.NullTranslations):
    """A compiled gettext catalog (``.mo``), looked up where it lies.

    gettext's own reader decodes every message when the catalog is opened. A ``.mo`` file keeps
    its original texts sorted (``make i18n`` writes it with Babel, which sorts them as msgfmt
    does), so one message is found by a binary search over the table of originals and only the
    texts compared and returned are decoded. The catalog's header is read only for the plural
    rule, the first time a plural is asked for. ``tests/test_i18n.py`` checks every message
    against gettext's reader.
    """

    _MAGIC = 0x950412DE

    def __init__(self, data: bytes) -> None:
        super().__init__()
        magic, _revision, count, originals, texts = struct.unpack_from("<5I", data)
        if magic != self._MAGIC:
            raise ValueError("not a little-endian gettext catalog")
        self._data = data
        self._count = count
        self._originals = originals
        self._texts = texts
        self._plural: Callable[[int], int] | None = None

    def _entry(self, table: int, index: int) -> bytes:
        length, offset = struct.unpack_from("<2I", self._data, table + 8 * index)
        return self._data[offset : offset + length]

    def _find(self, singular: str) -> list[str] | None:
        """The translation forms of the message whose (singular) original is ``singular``."""
        key = singular.encode("utf-8")
        low, high = 0, self._count
        while low < high:
            middle = (low + high) // 2
            original = self._entry(self._originals, middle).split(b"\0", 1)[0]
            if original < key:
                low = middle + 1
            elif original > key:
                high = middle
            else:
                forms = self._entry(self._texts, middle).decode("utf-8").split("\0")
                return forms if any(forms) else None
        return None

    def gettext(self, message: str) -> str:
        forms = self._find(message)
        return forms[0] if forms else message

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        forms = self._find(msgid1)
        if forms is not None:
            index = self._plural_form(n)
            if index < len(forms) and forms[index]:
                return forms[index]
        return msgid1 if n == 1 else msgid2

    def _plural_form(self, n: int) -> int:
        if self._plural is None:
            self._plural = _plural_rule(self._find("") or [""])
        return self._plural(n)


def _plural_rule(header: list[str]) -> Callable[[int], int]:
    """The ``Plural-Forms`` rule of a catalog's header (English's rule when there is none)."""
    for line in header[0].splitlines():
        name, _colon, value = line.partition(":")
        if name.strip().lower() == "plural-forms":
            expression = value.split("plural=", 1)[-1].strip().rstrip(";")
            return _gettext.c2py(expression)
    return lambda n: int(n != 1)


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


def with_hint(message: str, hint: str) -> str:
    """A message and its fix (or its detail) on one line, joined by the dash of the language."""
    return _("{message} — {hint}").format(message=message, hint=hint)


def reset() -> None:
    """Forget the chosen language, so the next message reads the environment again (tests)."""
    _current.cache_clear()
