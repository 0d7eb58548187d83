"""Every syntax error PyYAML can report, in words for the person editing the plan.

The parser's error texts are a closed set: libyaml's (the C parser osl-plan uses when it is
installed) and the pure-Python parser's, which words some of the same errors differently and
quotes the character it found. :func:`canonical` turns the Python wording into libyaml's, and
:func:`describe` gives the message and the fix for each libyaml text. What no entry covers (a new
PyYAML release) still gets a message in the reader's language; the caller adds line and column.

``{quoted}`` in a hint is the offending line's own text in quotes (see :func:`describe`).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from osl_plan.i18n import N_, _


class Said(NamedTuple):
    message: str
    hint: str


# The pure-Python parser's wording (a pattern over "context: problem") -> libyaml's wording.
_PYTHON_WORDING = (
    (
        r"found character .* that cannot start any token",
        "found character that cannot start any token",
    ),
    (r"block collection: expected <block end>", "did not find expected '-' indicator"),
    (r"expected <block end>", "did not find expected key"),
    (r"expected '<document start>'", "did not find expected <document start>"),
    (r"expected the node content", "did not find expected node content"),
    (r"expected ',' or '\]'", "did not find expected ',' or ']'"),
    (r"expected ',' or '}'", "did not find expected ',' or '}'"),
    (
        r"expected alphabetic or numeric character",
        "did not find expected alphabetic or numeric character",
    ),
    (r"mapping values are not allowed here", "mapping values are not allowed in this context"),
    (r"mapping keys are not allowed here", "mapping keys are not allowed in this context"),
    (
        r"sequence entries are not allowed here",
        "block sequence entries are not allowed in this context",
    ),
    (r"found duplicate YAML directive", "found duplicate %YAML directive"),
    (r"duplicate tag handle", "found duplicate %TAG directive"),
    (r"found incompatible YAML document", "found incompatible YAML document"),
    (r"found undefined tag handle", "found undefined tag handle"),
    (r"found unexpected document separator", "found unexpected document indicator"),
    (r"found unknown escape character", "found unknown escape character"),
    (r"expected escape sequence of \d+ hexadecimal", "did not find expected hexdecimal number"),
    (r"expected indentation indicator in the range", "found an indentation indicator equal to 0"),
    (r"expected chomping or indentation indicators", "did not find expected comment or line break"),
    (r"expected a comment or a line break", "did not find expected comment or line break"),
    (r"directive: expected (a digit|' ')", "did not find expected digit or '.' character"),
    (r"directive: expected alphabetic", "found unknown directive name"),
    (r"tag: expected '>'", "did not find the expected '>'"),
    (r"expected URI escape sequence", "did not find URI escaped octet"),
    (r"expected URI", "did not find expected tag URI"),
    (r"tag: expected '!'", "did not find expected '!'"),
    (r"tag: expected ' '", "did not find expected whitespace or line break"),
    (r"found non-specific tag", "did not find expected tag URI"),
)

_TAB = N_("a tab character where YAML needs spaces (the Tab key in Notepad types one)")
_DIRECTIVE = N_("a line that starts with „%” is a YAML directive, and this one is not valid")
_TAG = N_("„!” at the start of a value marks a YAML tag, and this one is not valid")
_BLOCK = N_("after „|” or „>” nothing but a digit 1–9, „+” or „-” may follow on the line")
_ESCAPE = N_("after „\\x”, „\\u” or „\\U” in double quotes a character code must follow")

_DIRECTIVE_FIX = N_("delete the line: a plan needs no directives")
_TAG_FIX = N_("put a text that starts with „!” in quotes: {quoted}")
_BLOCK_FIX = N_("write the text on the lines below „|”, indented; or put the whole text in quotes")
_ESCAPE_FIX = N_("in double quotes write \\\\ for a backslash, or use single quotes")

# libyaml's text (a part of "context: problem") -> the message and the fix. The first match wins.
_SAID = (
    # What load.py tells apart by the line itself (PyYAML reports these alike).
    (
        "text after the closing quote",
        N_("a text that starts with a quote ends at the closing quote"),
        N_(
            "use „…” inside the text, or quote the whole text with the other kind of quotes:"
            " {quoted}"
        ),
    ),
    (
        "key indented deeper",
        N_("this key is indented deeper than the keys above it"),
        N_("line it up with the keys above it (the same number of spaces)"),
    ),
    (
        "text after the closing bracket",
        N_("a value that starts with „[” or „{” is a list or a set of keys, not text"),
        N_("put the whole text in quotes: {quoted}"),
    ),
    (
        "quoted scalar: found unexpected end of stream",
        N_("a quote opened here is never closed"),
        N_("close the quote"),
    ),
    ("tab character", _TAB, N_("indent with spaces, not tabs")),
    (
        "found character that cannot start any token",
        N_("this character cannot start a value"),
        N_("put the whole text in quotes: {quoted}"),
    ),
    (
        "found duplicate %YAML directive",
        N_("the line „%YAML” is written twice"),
        N_("delete the second line „%YAML”; a plan needs none"),
    ),
    (
        "found duplicate %TAG directive",
        N_("the same line „%TAG” is written twice"),
        N_("delete the lines „%TAG”; a plan needs none"),
    ),
    (
        "found incompatible YAML document",
        N_("the line „%YAML” names a version of YAML other than 1"),
        N_("delete the line „%YAML” at the top of the file"),
    ),
    ("directive", _DIRECTIVE, _DIRECTIVE_FIX),
    ("tag", _TAG, _TAG_FIX),
    ("URI", _TAG, _TAG_FIX),
    ("expected '!'", _TAG, _TAG_FIX),
    ("UTF-8 octet", _TAG, _TAG_FIX),
    ("indentation indicator", _BLOCK, _BLOCK_FIX),
    ("block scalar", _BLOCK, _BLOCK_FIX),
    ("hexdecimal number", _ESCAPE, _ESCAPE_FIX),
    (
        "invalid Unicode character escape",
        N_("a backslash sequence in double quotes names no character (a lone surrogate)"),
        _ESCAPE_FIX,
    ),
    ("Unicode character escape", _ESCAPE, _ESCAPE_FIX),
    (
        "found unknown escape character",
        N_("an unknown backslash sequence in double quotes"),
        _ESCAPE_FIX,
    ),
    (
        "found unexpected document indicator",
        N_("a line „---” or „...” inside quoted text ends the document"),
        N_("indent that line, or close the quote before it"),
    ),
    (
        "found unexpected end of stream",
        N_("the file ends inside quotes or brackets opened here"),
        N_("close the quote or bracket that was opened"),
    ),
    (
        "mapping keys are not allowed",
        N_("„? ” at the start of a value marks a complex key in YAML"),
        N_("put the whole text in quotes: {quoted}"),
    ),
    (
        "mapping values are not allowed",
        N_("a colon and a space („: ”) inside text start a new key"),
        N_("put the whole text in quotes: {quoted}; or fix the indentation"),
    ),
    (
        "found unexpected ':'",
        N_("a colon and a space („: ”) inside text start a new key"),
        N_("put the whole text in quotes: {quoted}"),
    ),
    (
        "block sequence entries are not allowed",
        N_("„- ” starts a list, which cannot follow a key"),
        N_("start the list on the next line, or put the whole text in quotes: {quoted}"),
    ),
    (
        "could not find expected ':'",
        N_("a key without a colon"),
        N_("write a colon and a space after the key, e.g. „termin: maj 2024”"),
    ),
    (
        "did not find expected key",
        N_("this line does not line up with the keys above it"),
        N_("check the indentation: keys at one level line up"),
    ),
    (
        "did not find expected '-' indicator",
        N_("this line does not line up with the list items above it"),
        N_(
            "check the indentation: the keys of one task line up under the first key after its „- ”"
        ),
    ),
    (
        "did not find expected node content",
        N_("a value is missing here (a stray „]”, „}” or „,”?)"),
        N_("delete the stray character, or put the whole text in quotes: {quoted}"),
    ),
    (
        "did not find expected <document start>",
        N_("this line does not belong to the data above it"),
        N_("line it up with the keys above it, or delete a line „---” or „...” above it"),
    ),
    (
        "did not find expected ','",
        N_("a bracket „[” or „{” opened above is never closed"),
        N_("close the bracket, or put a text that starts with „[” or „{” in quotes"),
    ),
    (
        "alphabetic or numeric character",
        N_("„*” or „&” at the start of a value has a special meaning in YAML"),
        N_("put the whole text in quotes: {quoted}"),
    ),
    (
        "undefined alias",
        N_("„*” at the start of a value names an anchor „&” that is not defined"),
        N_("put the whole text in quotes: {quoted}"),
    ),
    (
        "duplicate anchor",
        N_("the same anchor „&” is defined twice"),
        N_("give the second anchor another name"),
    ),
    (
        "single document",
        N_("the file goes on with a second YAML document after a line „---”"),
        N_("a plan is one document: delete the line „---” and join the parts"),
    ),
    (
        "nesting depth",
        N_("the data is nested too deeply"),
        N_("a plan has at most four levels; check the brackets and indentation"),
    ),
)

_UNKNOWN = N_("this place cannot be read as YAML")
_UNKNOWN_FIX = N_("check the indentation and quotes on this line and the one before")


def canonical(problem: str, context: str | None = None) -> str:
    """The problem in libyaml's words, whichever parser reported it, prefixed by its context."""
    said = f"{context}: {problem}" if context else problem
    for pattern, libyaml in _PYTHON_WORDING:
        if re.search(pattern, said):
            return f"{context}: {libyaml}" if context else libyaml
    return said


def describe(problem: str, line: str = "") -> Said:
    """The message and the fix for a libyaml problem text (see :func:`canonical`).

    ``line`` is the text of the line where the parser stopped, quoted in the fix when it helps.
    """
    for needle, message, hint in _SAID:
        if needle in problem:
            return Said(_(message), _(hint).replace("{quoted}", _quoted(line)))
    return Said(_(_UNKNOWN), _(_UNKNOWN_FIX))


def is_known(problem: str) -> bool:
    """Whether :func:`describe` has a message of its own for the problem (not the fallback)."""
    return any(needle in problem for needle, _message, _hint in _SAID)


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
