"""The Polish catalog keeps the house style: one dash, one term for one thing, imperative hints.

The terms and their banned synonyms come from the glossary, docs/slownik.md, which reviewers use
too; the other checks are the classes of slips an editor found across the catalog.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest
from babel.messages.catalog import Message

from osl_plan.devtools.catalog import _read, po_path

GLOSSARY = Path(__file__).resolve().parent.parent / "docs" / "slownik.md"


@functools.cache  # read once per test process: the tests only look
def _messages() -> tuple[Message, ...]:
    return tuple(m for m in _read(po_path()) if m.id)


def _texts(message: Message) -> list[str]:
    return [message.string] if isinstance(message.string, str) else list(message.string)


def _polish() -> list[tuple[str, str]]:
    """(English msgid, Polish text) of every translation, each plural form on its own."""
    out = []
    for message in _messages():
        english = message.id if isinstance(message.id, str) else message.id[0]
        out += [(english, text) for text in _texts(message)]
    return out


def _banned() -> list[tuple[str, str]]:
    """(term, banned synonym) from the glossary's tables: the last column lists the synonyms."""
    pairs = []
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 3 or cells[0] in ("Termin", "---"):
            continue
        pairs += [(cells[0], word.strip()) for word in cells[2].split(",") if word.strip()]
    return pairs


def test_the_glossary_lists_banned_synonyms() -> None:
    banned = _banned()
    assert len(banned) > 15
    assert ("zbiór kluczy", "zestaw kluczy") in banned


@pytest.mark.parametrize(("term", "synonym"), _banned(), ids=str)
def test_no_banned_synonym_in_the_catalog(term: str, synonym: str) -> None:
    found = [text for _, text in _polish() if synonym.lower() in text.lower()]
    assert found == [], f"„{synonym}” instead of „{term}”"


def test_one_dash_between_a_message_and_its_fix() -> None:
    """The en dash with spaces, as Polish typography sets it; no em dash anywhere."""
    assert [text for _, text in _polish() if "—" in text] == []
    joined = [text for english, text in _polish() if english == "{message} — {hint}"]
    assert joined == ["{message} – {hint}"]


def test_no_three_dots_for_an_ellipsis() -> None:
    """„…” is one character; „...” stays only where it is YAML's own line „...”."""
    found = [t for _, t in _polish() if "..." in t.replace("„...”", "")]
    assert found == []


# The impersonal and first-person forms hints slipped into instead of the imperative.
NOT_IMPERATIVE = re.compile(
    r"\b(piszemy|wpisujemy|podajemy|patrzymy|używamy|robimy|zapisujemy"
    r"|(wpisuje|pisze|podaje|zapisuje|oddziela|grupuje|drukuje|używa) się"
    r")\b",
    re.IGNORECASE,
)


def test_hints_are_imperative() -> None:
    assert [t for _, t in _polish() if NOT_IMPERATIVE.search(t)] == []


def test_a_sentence_after_a_question_mark_starts_with_a_capital() -> None:
    after = re.compile(r"\? +([a-ząćęłńóśźż])")
    assert [t for _, t in _polish() if after.search(t)] == []


# A placeholder that counts, followed by a noun, must be a plural message (1 plik, 2 pliki,
# 5 plików). Listed: counts that are fixed limits (always many) and numbers that are not counts.
COUNTED = re.compile(r"\{(count|size|length|total|failed|gap|limit|depth)\} ([a-ząćęłńóśźż]+)")
NOT_PLURAL = {
    "MB",  # a unit's symbol does not inflect
    "z",  # „{count} z {total}”: the noun follows {total}
    "r",  # „{year} r.”
    "części",  # the same in every plural form (2 części, 5 części)
}
FIXED_LIMITS = {
    "is more than {limit} participants of one event",
    "range() in a template makes at most {limit} numbers",
    "has more than {count} parts — not a Word document",
    "the line is longer than {limit} characters — not a plan",
    "the data is nested more than {depth} levels deep",
    "aliases expand to more than {count} values",
    "lipsum() makes at most {paragraphs} paragraphs of at most {words} words — use smaller numbers",
    "the template computes a number with more than {limit} digits — check the powers (**) and "
    "products here",
    "the template prints more than {limit} characters — check for loops that print the same text "
    "many times",
    "the template takes more than {limit} steps (loop iterations and calls) — check for loops "
    "nested in loops and for a macro that calls itself without end",
    "{failed} of {total} plans failed (above); none was written",
    "a table row has more than {count} cells — is it really a table?",
    "osl-plan diff --git-driver: git passes {count} arguments ({names}), got {got}",
    # „1920×1080 pikseli”: a size, read as „of pixels” whatever the numbers
    "the image „{file}” is {width}×{height} pixels; an image has 1 to {limit} pixels a side",
}


def test_counted_nouns_have_plural_forms() -> None:
    wrong = []
    for message in _messages():
        if not isinstance(message.id, str) or message.id in FIXED_LIMITS:
            continue
        for match in COUNTED.finditer(message.string):
            if match.group(2) not in NOT_PLURAL:
                wrong.append(message.id)
    assert wrong == []
