"""Plain-language messages for validation problems: what is wrong, and how to fix it."""

from __future__ import annotations

import difflib
import unicodedata
from typing import Any, NamedTuple

from pydantic import BaseModel

from osl_plan.i18n import N_, _, ngettext, number
from osl_plan.model import (
    AttendanceSettings,
    Event,
    Funding,
    Plan,
    Realisation,
    Section,
    Signature,
    Signatures,
    Task,
)
from osl_plan.polish import fold, short
from osl_plan.terms import example_year

# The model that holds the keys found under a parent key.
_MODELS: dict[str, type[BaseModel]] = {
    "": Plan,
    "zadania": Task,
    "sekcje": Section,
    "podpisy": Signatures,
    "opracowal": Signature,
    "zatwierdzil": Signature,
    "finansowanie": Funding,
    "realizacja": Realisation,
    "wydarzenia": Event,
    "lista": AttendanceSettings,
}
# Words people write for our keys, in English or in full Polish.
_SYNONYMS = {
    "year": "rok",
    "title": "tytul",
    "tasks": "zadania",
    "task": "zadanie",
    "term": "termin",
    "terminy": "termin",
    "date": "data",
    "audience": "adresaci",
    "actions": "dzialania",
    "institution": "jednostka",
    "intro": "wstep",
    "introduction": "wstep",
    "wprowadzenie": "wstep",
    "rozdzialy": "sekcje",
    "signatures": "podpisy",
    "funding": "finansowanie",
    "imie": "osoba",
    "nazwisko": "osoba",
    "realisation": "realizacja",
    "events": "wydarzenia",
    "participants": "uczestnicy",
    "uczestnikow": "uczestnicy",
    "liczba_uczestnikow": "uczestnicy",
    "place": "miejsce",
    "partners": "partnerzy",
    "reason": "powod",
    "przyczyna": "powod",
    "results": "rezultaty",
    "remarks": "uwagi",
    "description": "opis",
    "columns": "kolumny",
    "goals": "cele",
    "label": "etykieta",
}
_EXAMPLES = {
    "rok": "rok: 2023",
    "zadania": "zadania:\n  - zadanie: …",
    "zadanie": "zadanie: Spotkania organizacyjne …",
    "termin": "termin: marzec {year}",
    "tytul": "tytul: …",
}


def format_path(path: tuple[str | int, ...]) -> str:
    """``("zadania", 2, "termin")`` -> ``zadania[3].termin`` (items are counted from 1)."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part + 1}]"
        else:
            text += f".{part}" if text else part
    return text if text.isascii() else _visible(text)


def meant_key(key: str, allowed: list[str]) -> str | None:
    """The allowed key that ``key`` was probably meant to be, if one is close enough."""
    if len(key) > 64:  # no key is that long; and difflib is quadratic
        return None
    folded = fold(key.strip())
    if folded in allowed:
        return folded
    if _SYNONYMS.get(folded) in allowed:
        return _SYNONYMS[folded]
    close = difflib.get_close_matches(folded, allowed, n=1, cutoff=0.6)
    return close[0] if close else None


def _invisible(text: str) -> list[str]:
    """Invisible format characters (soft hyphen, zero-width space …) in ``text``."""
    return [c for c in text if unicodedata.category(c) == "Cf"]


def _visible(text: str) -> str:
    """``text`` with its invisible characters shown as <U+200B>, so a message can point at them."""
    return "".join(f"<U+{ord(c):04X}>" if unicodedata.category(c) == "Cf" else c for c in text)


def suggest_key(key: str, allowed: list[str]) -> str:
    """A hint naming the key that was probably meant, or listing the allowed ones."""
    meant = meant_key(key, allowed)
    if meant is not None and _invisible(key):
        return _(
            "it holds an invisible character copied from another program; delete the key"
            " and type „{key}” again"
        ).format(key=meant)
    if meant is None:
        return _("allowed here: {keys}").format(keys=", ".join(allowed))
    if meant == fold(key.strip()) and meant != key.strip():
        if key.strip().lower() == meant:
            return _("did you mean „{key}”? keys are written in lower case").format(key=meant)
        if key.strip().lower() != key.strip():
            return _(
                "did you mean „{key}”? keys are written in lower case, without Polish letters"
            ).format(key=meant)
        return _("did you mean „{key}”? keys are written without Polish letters").format(key=meant)
    return _("did you mean „{key}”?").format(key=meant)


def allowed_keys(loc: tuple[Any, ...]) -> list[str]:
    """The keys allowed next to the last key of ``loc`` (a pydantic error location)."""
    parents = [p for p in loc[:-1] if isinstance(p, str)]
    model = _MODELS.get(parents[-1] if parents else "", Plan)
    return list(model.model_fields)


_allowed_keys = allowed_keys


def _kind(value: Any) -> str:
    """What a wrong value is: one of the columns of :data:`_NOT_KIND`."""
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, dict):
        return "keys"
    if isinstance(value, list):
        return "list"
    if value is None:
        return "empty"
    return "text"


# (what the field must be, what the value is) -> the whole message; Polish needs each spelled out.
_NOT_KIND: dict[tuple[str, str], str] = {
    ("text", "bool"): N_("must be text, not true/false"),
    ("text", "number"): N_("must be text, not a number"),
    ("text", "keys"): N_("must be text, not a set of keys"),
    ("text", "list"): N_("must be text, not a list"),
    ("text", "empty"): N_("must be text, not empty"),
    ("number", "bool"): N_("must be a whole number, not true/false"),
    ("number", "keys"): N_("must be a whole number, not a set of keys"),
    ("number", "list"): N_("must be a whole number, not a list"),
    ("number", "empty"): N_("must be a whole number, not empty"),
    ("number", "text"): N_("must be a whole number, not text"),
    ("number", "number"): N_("must be a whole number"),
    ("list", "bool"): N_("must be a list, not true/false"),
    ("list", "number"): N_("must be a list, not a number"),
    ("list", "keys"): N_("must be a list, not a set of keys"),
    ("list", "empty"): N_("must be a list, not empty"),
    ("list", "text"): N_("must be a list, not text"),
    ("keys", "bool"): N_("must be a set of keys, not true/false"),
    ("keys", "number"): N_("must be a set of keys, not a number"),
    ("keys", "list"): N_("must be a set of keys, not a list"),
    ("keys", "empty"): N_("must be a set of keys, not empty"),
    ("keys", "text"): N_("must be a set of keys, not text"),
}
_EXPECTED = {"text": N_("must be text"), "number": N_("must be a whole number")}
_EXPECTED |= {"list": N_("must be a list"), "keys": N_("must be a set of keys")}


def _not_kind(expected: str, value: Any) -> str:
    message = _NOT_KIND.get((expected, _kind(value)), _EXPECTED[expected])
    return _(message)


# pydantic's error types, and those raised in osl_plan/model/ -> the stable problem codes
# (osl_plan/codes.py).
_CODES = {
    "control_character": "control-character",
    "empty": "empty-value",
    "year": "invalid-year",
    "term": "invalid-term",
    "term_type": "invalid-term",
    "term_length": "term-too-long",
    "term_year": "term-outside-year",
    "date": "invalid-date",
    "funding": "funding-incomplete",
    "goal": "unknown-goal",
    "goal_ids": "duplicate-goal-id",
    "signature_label": "invalid-signature-label",
    "columns": "invalid-columns",
    "extra_forbidden": "unknown-key",
    "missing": "missing-key",
    "string_type": "expected-text",
    "int_type": "expected-number",
    "int_parsing": "expected-number",
    "int_from_float": "expected-number",
    "greater_than_equal": "number-out-of-range",
    "less_than_equal": "number-out-of-range",
    "too_short": "empty-list",
    "tuple_type": "expected-list",
    "list_type": "expected-list",
    "model_type": "expected-mapping",
    "model_attributes_type": "expected-mapping",
    "dict_type": "expected-mapping",
    "bool_type": "expected-boolean",
    "bool_parsing": "expected-boolean",
    "string_pattern_mismatch": "invalid-id",
    "date_type": "invalid-date",
    "date_from_datetime_inexact": "invalid-date",
    "literal_error": "unknown-choice",
    "string_too_long": "text-too-long",
    "too_long": "text-too-long",
    "realisation_status": "realisation-status",
    "realisation_reason": "realisation-reason-missing",
    "event_date": "event-date",
    "participants_count": "participants-count",
}


def problem_code(kind: str, value: Any = "") -> str:
    """The stable code of a pydantic error type (``invalid-value`` when there is none)."""
    if kind == "string_type" and value is None:
        return "empty-value"
    if kind == "string_type" and _is_text_with_colon(value):
        return "colon-in-text"
    return _CODES.get(kind, "invalid-value")


class Description(NamedTuple):
    """One pydantic error said for a person, with its stable code."""

    message: str
    hint: str
    #: Point at the key rather than at its value (an unknown key).
    at_key: bool
    code: str


def describe_pydantic_error(error: Any, *, year: int | None = None) -> Description:
    """Message, hint, whether to point at the key (not the value), and code of a pydantic error.

    ``year`` is the plan's year, shown in examples (2023 when it is not known).
    """
    kind, loc, ctx = error["type"], tuple(error["loc"]), error.get("ctx") or {}
    field = str(loc[-1]) if loc and isinstance(loc[-1], str) else ""
    value = error.get("input")
    code = problem_code(kind, value)
    if kind == "extra_forbidden":
        shown = _visible(short(field))
        message = _("unknown key „{key}”").format(key=shown)
        return Description(message, suggest_key(field, _allowed_keys(loc)), True, code)
    if kind == "missing":
        example = _EXAMPLES.get(field, f"{field}: …").replace("{year}", str(example_year(year)))
        hint = _("add „{example}”").format(example=example.splitlines()[0])
        return Description(_("is missing"), hint, False, code)
    if "hint" in ctx:
        return Description(error["msg"], str(ctx["hint"]), False, code)
    message, hint = _builtin_message(kind, ctx, value, field, example_year(year))
    return Description(message, hint, False, code)


_WRITE_NUMBER = N_("write digits only, e.g. 2023")
_CHECK_YEAR = N_("check the number; the year is written in full, e.g. rok: 2023")
_ITEM_DASH = N_("start each item with „- ”")
_INDENT_KEYS = N_("indent the keys under it")
_TRUE_FALSE = N_("write true or false")
# pydantic's error type -> (what the field must be, or a whole message; the hint).
_BUILTIN: dict[str, tuple[str, str]] = {
    "string_type": (
        "text",
        N_('write text; to keep digits or true/false as text, put them in quotes: "12"'),
    ),
    "int_type": ("number", _WRITE_NUMBER),
    "int_parsing": (N_("must be a whole number"), _WRITE_NUMBER),
    "int_from_float": (N_("must be a whole number"), _WRITE_NUMBER),
    "too_short": (N_("needs at least one item"), N_("add an item starting with „- ”")),
    "tuple_type": ("list", _ITEM_DASH),
    "list_type": ("list", _ITEM_DASH),
    "model_type": ("keys", _INDENT_KEYS),
    "model_attributes_type": ("keys", _INDENT_KEYS),
    "dict_type": ("keys", _INDENT_KEYS),
    "bool_type": (N_("must be true or false"), _TRUE_FALSE),
    "bool_parsing": (N_("must be true or false"), _TRUE_FALSE),
    "string_pattern_mismatch": (
        N_("may hold only letters, digits, „_”, „.” and „-”"),
        N_("e.g. id: ferie-na-sportowo"),
    ),
    "date_from_datetime_inexact": (N_("is not a date"), N_("write the date without a time")),
}


def _builtin_message(
    kind: str, ctx: dict[str, Any], value: Any, field: str, year: int
) -> tuple[str, str]:
    special = _special_message(kind, ctx, value, field, year)
    if special is not None:
        return special
    if kind in _BUILTIN:
        message, hint = _BUILTIN[kind]
        return (_not_kind(message, value) if message in _EXPECTED else _(message)), _(hint)
    text = str(ctx.get("error", "")) or kind.replace("_", " ")
    if field:
        return text, _("check the value of „{field}”").format(field=field)
    return text, _("check the value")


_LIMITS = {
    "greater_than_equal": ("ge", N_("must be at least {limit}")),
    "less_than_equal": ("le", N_("must be at most {limit}")),
}


def _special_message(
    kind: str, ctx: dict[str, Any], value: Any, field: str, year: int
) -> tuple[str, str] | None:
    """The messages that depend on the value or the limits, not only on the kind of error."""
    if kind in _LIMITS:
        bound, message = _LIMITS[kind]
        return _(message).format(limit=ctx.get(bound)), _(_CHECK_YEAR)
    if kind == "date_type":
        return _("is not a date"), _("write e.g. {date}").format(date=f"05.01.{year}")
    if kind == "literal_error":
        expected = str(ctx.get("expected", ""))
        message = _("„{value}” is not one of: {options}").format(
            value=short(value), options=_options(expected)
        )
        return message, _literal_hint(value, expected)
    if kind in {"string_too_long", "too_long"} and isinstance(value, str):
        return _too_long(value, ctx.get("max_length", 0), field)
    if kind == "string_type":
        return _text_message(value, field)
    return None


def _too_long(value: str, limit: int, field: str) -> tuple[str, str]:
    message = ngettext(
        "is too long ({length} character; at most {limit})",
        "is too long ({length} characters; at most {limit})",
        len(value),
    ).format(length=number(len(value)), limit=number(limit))
    if field == "zadanie":
        return message, _("shorten it, or split it into sub-items (dzialania)")
    return message, _("shorten it")


def _is_text_with_colon(value: Any) -> bool:
    """``- Sobótka: nad zalewem``: the colon made a key of the text."""
    return (
        isinstance(value, dict) and len(value) == 1 and isinstance(next(iter(value.values())), str)
    )


def _text_message(value: Any, field: str) -> tuple[str, str] | None:
    if value is None:
        if field:
            return _("is empty"), _("write the text after the colon, or remove the key")
        return _("is empty"), _("write the text after „- ”, or remove the item")
    if _is_text_with_colon(value):
        key, inner = next(iter(value.items()))
        return _("must be text, not a set of keys"), _(
            "a colon and a space („: ”) make a key; put the whole text in quotes: {quoted}"
        ).format(quoted=f'"{key}: {short(inner, 40)}"')
    return None


def _options(expected: str) -> str:
    """pydantic's "'a', 'b' or 'c'" as a plain list in any language: "a, b, c"."""
    return ", ".join(o.strip(" '\"") for o in expected.replace(" or ", ", ").split(","))


def _literal_hint(value: Any, expected: str) -> str:
    options = _options(expected).split(", ")
    close = difflib.get_close_matches(short(value), options, n=1, cutoff=0.5)
    if close:
        return _("did you mean „{value}”?").format(value=close[0])
    return _("use one of the names listed")
