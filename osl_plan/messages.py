"""Plain-language messages for validation problems: what is wrong, and how to fix it."""

from __future__ import annotations

import difflib
import re
import unicodedata
from typing import Any

from pydantic import BaseModel

from osl_plan.model import AttendanceSettings, Funding, Plan, Section, Signature, Signatures, Task
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


def _fold(word: str) -> str:
    word = word.lower().replace("ł", "l")
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def meant_key(key: str, allowed: list[str]) -> str | None:
    """The allowed key that ``key`` was probably meant to be, if one is close enough."""
    if len(key) > 64:  # no key is that long; and difflib is quadratic
        return None
    folded = _fold(key.strip())
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
        return (
            f"it holds an invisible character copied from another program; delete the key"
            f" and type „{meant}” again"
        )
    if meant is None:
        return "allowed here: " + ", ".join(allowed)
    if meant == _fold(key.strip()) and meant != key.strip():
        if key.strip().lower() == meant:
            return f"did you mean „{meant}”? keys are written in lower case"
        if key.strip().lower() != key.strip():
            return f"did you mean „{meant}”? keys are written in lower case, without Polish letters"
        return f"did you mean „{meant}”? keys are written without Polish letters"
    return f"did you mean „{meant}”?"


def allowed_keys(loc: tuple[Any, ...]) -> list[str]:
    """The keys allowed next to the last key of ``loc`` (a pydantic error location)."""
    parents = [p for p in loc[:-1] if isinstance(p, str)]
    model = _MODELS.get(parents[-1] if parents else "", Plan)
    return list(model.model_fields)


_allowed_keys = allowed_keys


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, dict):
        return "a set of keys"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "empty"
    return "text"


def describe_pydantic_error(error: Any, *, year: int | None = None) -> tuple[str, str, bool]:
    """Message, hint, and whether to point at the key (not the value) for one pydantic error.

    ``year`` is the plan's year, shown in examples (2023 when it is not known).
    """
    kind, loc, ctx = error["type"], tuple(error["loc"]), error.get("ctx") or {}
    field = str(loc[-1]) if loc and isinstance(loc[-1], str) else ""
    value = error.get("input")
    if kind == "extra_forbidden":
        shown = _visible(_shorten(field))
        return f"unknown key „{shown}”", suggest_key(field, _allowed_keys(loc)), True
    if kind == "missing":
        example = _EXAMPLES.get(field, f"{field}: …").replace("{year}", str(example_year(year)))
        return "is missing", f"add „{example.splitlines()[0]}”", False
    if "hint" in ctx:
        return error["msg"], str(ctx["hint"]), False
    return _builtin_message(kind, ctx, value, field, example_year(year))


def _builtin_message(
    kind: str, ctx: dict[str, Any], value: Any, field: str, year: int
) -> tuple[str, str, bool]:
    messages: dict[str, tuple[str, str]] = {
        "string_type": (
            f"must be text, not {_kind(value)}",
            'write text; to keep digits or true/false as text, put them in quotes: "12"',
        ),
        "int_type": (f"must be a whole number, not {_kind(value)}", "write digits only, e.g. 2023"),
        "int_parsing": ("must be a whole number", "write digits only, e.g. 2023"),
        "int_from_float": ("must be a whole number", "write digits only, e.g. 2023"),
        "greater_than_equal": (
            f"must be at least {ctx.get('ge')}",
            "check the number; the year is written in full, e.g. rok: 2023",
        ),
        "less_than_equal": (
            f"must be at most {ctx.get('le')}",
            "check the number; the year is written in full, e.g. rok: 2023",
        ),
        "too_short": ("needs at least one item", "add an item starting with „- ”"),
        "tuple_type": (f"must be a list, not {_kind(value)}", "start each item with „- ”"),
        "list_type": (f"must be a list, not {_kind(value)}", "start each item with „- ”"),
        "model_type": (f"must be a set of keys, not {_kind(value)}", "indent the keys under it"),
        "model_attributes_type": (
            f"must be a set of keys, not {_kind(value)}",
            "indent the keys under it",
        ),
        "dict_type": (f"must be a set of keys, not {_kind(value)}", "indent the keys under it"),
        "bool_type": ("must be true or false", "write true or false"),
        "bool_parsing": ("must be true or false", "write true or false"),
        "string_pattern_mismatch": (
            "may hold only letters, digits, „_”, „.” and „-”",
            "e.g. id: ferie-na-sportowo",
        ),
        "date_type": ("is not a date", f"write e.g. 05.01.{year}"),
        "date_from_datetime_inexact": ("is not a date", "write the date without a time"),
    }
    if kind == "literal_error":
        expected = str(ctx.get("expected", ""))
        return (
            f"„{_shorten(value)}” is not one of: {_options(expected)}",
            _literal_hint(value, expected),
            False,
        )
    if kind in {"string_too_long", "too_long"} and isinstance(value, str):
        length = len(value) if isinstance(value, str) else 0
        return (
            f"is too long ({length:,} characters; at most {ctx.get('max_length'):,})",
            "shorten it, or split it into sub-items (dzialania)"
            if field == "zadanie"
            else "shorten it",
            False,
        )
    if kind == "string_type" and value is None:
        where = "the colon, or remove the key" if field else "„- ”, or remove the item"
        return "is empty", f"write the text after {where}", False
    if kind == "string_type" and isinstance(value, dict) and len(value) == 1:
        # "- Sobótka: nad zalewem": the colon made a key of the text.
        key, inner = next(iter(value.items()))
        if isinstance(inner, str):
            return (
                "must be text, not a set of keys",
                f'a colon and a space („: ”) make a key; put the whole text in quotes: "{key}: '
                f'{_shorten(inner, 40)}"',
                False,
            )
    if kind in messages:
        message, hint = messages[kind]
        return message, hint, False
    text = str(ctx.get("error", "")) or kind.replace("_", " ")
    return text, f"check the value of „{field}”" if field else "check the value", False


def _shorten(value: Any, limit: int = 60) -> str:
    """A value short enough to quote in a one-line message."""
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _options(expected: str) -> str:
    """pydantic's "'a', 'b' or 'c'" without the programmer's quotes: "a, b or c"."""
    return expected.replace("'", "")


def _literal_hint(value: Any, expected: str) -> str:
    options = [o.strip(" '\"") for o in expected.replace(" or ", ", ").split(",")]
    close = difflib.get_close_matches(_shorten(value), options, n=1, cutoff=0.5)
    return f"did you mean „{close[0]}”?" if close else "use one of the names listed"


# "{quoted}" is the offending line's own text in quotes, when the line is "key: value".
_SYNTAX_HINTS = (
    (
        "text after the closing quote",
        "use „…” inside the text, or quote the whole text with the other kind of quotes: {quoted}",
    ),
    ("key indented deeper", "line it up with the keys above it (the same number of spaces)"),
    ("text after the closing bracket", "put the whole text in quotes: {quoted}"),
    (
        "did not find expected ',' or",
        "close the bracket, or put a text that starts with „[” or „{” in quotes",
    ),
    ("tab", "indent with spaces, not tabs"),
    ("nesting depth", "a plan needs at most four levels; check the brackets and indentation"),
    (
        "mapping values are not allowed",
        "put the whole text in quotes: {quoted}; or fix the indentation",
    ),
    ("cannot start any token", "put the whole text in quotes: {quoted}"),
    ("expected alphabetic or numeric character", "put the whole text in quotes: {quoted}"),
    (
        "block sequence entries are not allowed",
        "start the list on the next line, or put the whole text in quotes: {quoted}",
    ),
    (
        "could not find expected ':'",
        "write a colon and a space after the key, e.g. „termin: maj 2024”",
    ),
    (
        "did not find expected key",
        "check the indentation: keys at one level line up",
    ),
    (
        "did not find expected '-'",
        "check the indentation: the keys of one task line up under the first key after its „- ”",
    ),
    ("found undefined alias", "define the anchor (&name) before using it (*name)"),
    ("found unexpected end of stream", "close the quote or bracket that was opened"),
    ("while scanning a quoted scalar", "close the quote"),
    ("found unknown escape character", "in double quotes write \\\\ for a backslash"),
)


# PyYAML's wording, said the way a person editing the file would understand it.
_SYNTAX_MESSAGES = (
    ("text after the closing quote", "a text that starts with a quote ends at the closing quote"),
    ("key indented deeper", "this key is indented deeper than the keys above it"),
    (
        "text after the closing bracket",
        "a value that starts with „[” or „{” is a list or a set of keys, not text",
    ),
    ("did not find expected ',' or", "a bracket „[” or „{” opened above is never closed"),
    ("mapping values are not allowed", "a colon and a space („: ”) inside text start a new key"),
    ("could not find expected ':'", "a key without a colon"),
    ("did not find expected key", "this line does not line up with the keys above it"),
    ("did not find expected '-'", "this line does not line up with the list items above it"),
    ("while scanning a quoted scalar", "a quote opened here is never closed"),
    ("while parsing a flow", "a bracket opened here is never closed"),
    ("found unknown escape character", "an unknown backslash sequence in double quotes"),
    ("found character that cannot start any token", "this character cannot start a value"),
    (
        "expected alphabetic or numeric character",
        "„*” or „&” at the start of a value has a special meaning in YAML",
    ),
    ("block sequence entries are not allowed", "„- ” starts a list, which cannot follow a key"),
    ("exceeded maximum nesting depth", "the data is nested too deeply"),
)


def syntax_message(problem: str) -> str:
    """PyYAML's description of a syntax error in plain words (unchanged when not known)."""
    for needle, message in _SYNTAX_MESSAGES:
        if needle in problem:
            return message
    return problem


def syntax_hint(problem: str, line: str = "") -> str:
    """A fix for a YAML syntax error message; ``line`` is the text of the line it was found on."""
    for needle, hint in _SYNTAX_HINTS:
        if needle in problem:
            return hint.replace("{quoted}", _quoted(line))
    return "check the indentation and quotes on this line and the one before"


_KEY_VALUE = re.compile(r"\s*(- +)?(?:([^\s:#\"'-][^\s:#\"']*): +)?(.+?)\s*$")


def _quoted(line: str) -> str:
    """``zadanie: Spotkanie: rada`` as ``zadanie: "Spotkanie: rada"`` (else a general example)."""
    m = _KEY_VALUE.match(line)
    if m is None or not (m.group(1) or m.group(2)) or len(m.group(3)) > 60:
        return 'zadanie: "Spotkanie: rada sołecka"'
    _, key, value = m.groups()
    if '"' in value and "'" in value:
        return 'zadanie: "Spotkanie: rada sołecka"'
    quote = "'" if '"' in value else '"'
    return f"{key}: {quote}{value}{quote}" if key else f"- {quote}{value}{quote}"
