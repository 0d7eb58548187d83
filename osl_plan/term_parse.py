"""Reading Polish month ranges as people write them (import ``parse_term`` from ``osl_plan.terms``).

Accepted forms (any letter case; hyphen, en dash or em dash, spaced or not; "r." / "roku" after a
year is ignored):

* one month: ``Marzec 2023``, ``marca 2023``, ``03.2023``, ``2023-03``, ``III 2023``
* a range: ``Styczeń- grudzień 2023``, ``Maj - Czerwiec 2023``, ``od marca do czerwca 2023``,
  ``03–06.2023``, ``III–VI 2023``, across New Year ``grudzień 2023 – styczeń 2024``
* a day or a range of days (kept as their months): ``15 maja 2023``, ``15.05.2023 – 30.06.2023``,
  ``15-16 maja 2023`` (days of one month), ``2023-05-15``, ``od 15.03.2023``
* quarters and half-years: ``I kwartał 2023``, ``II–III kwartał 2023``, ``II półrocze 2023``
* the whole year: ``cały rok 2023``, ``2023``, ``rok 2023``, ``2023–2024``, and, for the plan's own
  year, ``cały rok``, ``przez cały rok``, ``w ciągu roku``, ``do końca roku``, ``na bieżąco``,
  ``w miarę potrzeb``, ``według potrzeb``
* open ends within a year: ``od września 2023`` (to December), ``do czerwca 2023`` (from January)
* consecutive months listed: ``lipiec, sierpień 2023``, ``lipiec i sierpień 2023``,
  ``lipiec/sierpień``
  (months that do not follow each other are an error: a term is one range)
* school holidays: ``wakacje 2023`` (July–August), ``ferie zimowe 2023`` (January–February)

A side without a year takes the other side's year, or the plan's year when neither has one.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from dataclasses import dataclass

from osl_plan.terms import (
    MONTHS_GENITIVE,
    MONTHS_NOMINATIVE,
    NBSP,
    Month,
    Term,
    TermError,
    example_year,
)

_LOCATIVE = (
    "styczniu", "lutym", "marcu", "kwietniu", "maju", "czerwcu",
    "lipcu", "sierpniu", "wrześniu", "październiku", "listopadzie", "grudniu",
)  # fmt: skip
_ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii")

# Polish letters folded by a table: most terms need no Unicode decomposition at all.
_POLISH = str.maketrans("ąćęłńóśźż", "acelnoszz")


def _fold(text: str) -> str:
    """Lower-case and strip Polish diacritics, so "pazdziernik" matches "październik"."""
    text = text.lower()
    if text.isascii():
        return text
    text = text.translate(_POLISH)
    if text.isascii():
        return text
    # Other accented letters ("é"): decompose and drop the accents.
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def _month_words() -> dict[str, int]:
    words: dict[str, int] = {}
    for number, forms in enumerate(zip(MONTHS_NOMINATIVE, MONTHS_GENITIVE, _LOCATIVE, strict=True)):
        for form in forms:
            words[_fold(form)] = number + 1
        words.setdefault(_fold(forms[0])[:3], number + 1)  # "sty", "lut", "paź" …
    return words


_MONTH_WORDS = _month_words()
# "roku" is removed while normalising, so "w ciągu roku" arrives as "w ciagu".
_YEAR_WORDS = {
    "caly rok", "przez caly rok", "w ciagu", "w ciagu roku", "na biezaco", "rok", "do konca",
    "w miare potrzeb", "wedlug potrzeb", "wg potrzeb", "zgodnie z potrzebami",
}  # fmt: skip
# School holidays: summer ones are the same everywhere; winter ones fall in January or February
# depending on the voivodeship.
_PERIOD_WORDS = {
    "wakacje": (7, 8),
    "wakacje letnie": (7, 8),
    "ferie": (1, 2),
    "ferie zimowe": (1, 2),
}
# Seasons are not months: the schedule needs to know which ones, so they are an error with the
# months to write instead (folded: "wiosną" arrives as "wiosna").
_SEASONS = {
    "wiosna": (3, 5),
    "lato": (6, 8),
    "latem": (6, 8),
    "jesien": (9, 11),
    "jesienia": (9, 11),
    "zima": (12, 2),
}
# How often, not when: the schedule needs the months, so these are an error that says what to
# write instead (a task repeated all year, or every quarter).
_RECURRING = {
    "cyklicznie": "styczeń – grudzień {year}",
    "regularnie": "styczeń – grudzień {year}",
    "systematycznie": "styczeń – grudzień {year}",
    "co miesiac": "styczeń – grudzień {year}",
    "raz w miesiacu": "styczeń – grudzień {year}",
    "raz w kwartale": "I–IV kwartał {year}",
    "raz na kwartal": "I–IV kwartał {year}",
    "co kwartal": "I–IV kwartał {year}",
    "kwartalnie": "I–IV kwartał {year}",
}
_DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_LIST = re.compile(r"\s*[,/]\s*|\s+(?:i|oraz)\s+")


_DASHES = re.compile(r"\s*[-‐‑‒–—―−]+\s*")
_YEAR = re.compile(r"(?:19|20|21)\d\d")
_SPACES = re.compile(r"\s+")
_YEAR_SUFFIX = re.compile(r"(?<=\d)\s*r\.?(?=\s|$|[-–—])")  # "2023 r." / "2023r"
_ROKU = re.compile(r"\broku\b")
_ISO_MONTH = re.compile(r"\b((?:19|20|21)\d\d)-(\d{1,2})\b")
_ISO_DAY = re.compile(r"\b((?:19|20|21)\d\d)-(\d{1,2})-(\d{1,2})\b")
# Quotes a word processor put around the whole term: „maj 2024”.
_QUOTES = " „”“\"'«»"
_PERIOD = re.compile(r"(\w+)(?:\s*-\s*(\w+))? (kwartal|kw\.?|polrocze)")
_DAY_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.((?:19|20|21)\d\d)")
_MONTH_DATE = re.compile(r"(\d{1,2})\.((?:19|20|21)\d\d)")
_MONTH_WORD = re.compile(r"(?:(\d{1,2}) )?([a-z]+\.?)")
_MONTH_NUMBER = re.compile(r"\d{1,2}")
_FROM_TO = re.compile(r"od (.+?) do (.+)")
_OPEN_END = re.compile(r"(od|do) ((?:\d{1,2} )?\D+?)( \d{4})?")
_OPEN_END_DATE = re.compile(r"(od|do) ((?:\d{1,2}\.)?\d{1,2}\.(?:19|20|21)\d\d)")
# "15-16 maja 2024", "1–2 czerwca": days of one month (not months 1 to 2).
_DAY_RANGE = re.compile(r"(\d{1,2})\s*[-–—]\s*(\d{1,2}) ([a-z]+)(\.?(?: \d{4})?)")
# "15.05-16.05.2024": two days, the year written once at the end.
_DAY_MONTH_RANGE = re.compile(
    r"(\d{1,2}\.\d{1,2})\.?\s*[-–—]\s*(\d{1,2}\.\d{1,2})\.((?:19|20|21)\d\d)"
)
_PERIOD_RANGE = re.compile(r"(\w+)\s*[-–—]\s*(\w+ (?:kwartal|kw\.?|polrocze)(?: \d{4})?)")
_NUMBER_RANGE = re.compile(r"(\d{1,2})\s*[-–—]\s*(\d{1,2})\.((?:19|20|21)\d\d)")
_LIST_YEAR = re.compile(r" ((?:19|20|21)\d\d)$")


@dataclass(slots=True)
class _Side:
    first: int  # month number 1–12
    last: int
    year: int | None


def _normalise(text: str) -> str:
    text = _fold(text.replace(NBSP, " ")).strip(_QUOTES).rstrip(".").strip()
    text = _SPACES.sub(" ", text)
    text = _YEAR_SUFFIX.sub("", text)
    if "roku" in text:  # "w ciągu roku 2024": no double space where it was
        text = _SPACES.sub(" ", _ROKU.sub("", text))
    text = text.strip()
    # ISO "2023-03-15" and "2023-03" before dashes become range separators.
    text = _ISO_DAY.sub(r"\3.\2.\1", text)
    text = _ISO_MONTH.sub(r"\2.\1", text)
    return text


def _number(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    if word in _ROMAN:
        return _ROMAN.index(word) + 1
    return None


def _parse_side(words: str, plan_year: int | None) -> _Side:
    """One side of a range: a month, a day, a quarter, a half-year, or a year."""
    year: int | None = None
    tokens = words.split()
    if tokens and _YEAR.fullmatch(tokens[-1]):
        year = int(tokens.pop())
    rest = " ".join(tokens)
    if not rest or rest in _YEAR_WORDS or rest in _PERIOD_WORDS:
        first, last = _PERIOD_WORDS.get(rest, (1, 12))
        return _Side(first, last, year)
    if rest in _RECURRING:
        example = _RECURRING[rest].format(year=year or example_year(plan_year))
        raise TermError(
            "says how often, not in which months",
            f"write the months it covers, e.g. „{example}”",
        )
    if m := _PERIOD.fullmatch(rest):
        return _period_side(m, year)
    if m := _DAY_DATE.fullmatch(rest):
        side = _month_side(int(m.group(2)), int(m.group(3)), words)
        _check_day(int(m.group(1)), side.first, side.year)
        return side
    if m := _MONTH_DATE.fullmatch(rest):
        return _month_side(int(m.group(1)), int(m.group(2)), words)
    if m := _MONTH_WORD.fullmatch(rest):
        word = m.group(2).rstrip(".")
        number = _MONTH_WORDS.get(word)
        if number is None and word in _ROMAN and not rest[0].isdigit():
            number = _ROMAN.index(word) + 1
        if number is not None:
            if m.group(1):
                _check_day(int(m.group(1)), number, year)
            return _Side(number, number, year)
    if _MONTH_NUMBER.fullmatch(rest) and 1 <= int(rest) <= 12:
        return _Side(int(rest), int(rest), year)
    if rest in _SEASONS:
        raise TermError("is a season; the schedule needs months", _season_hint(rest, year))
    raise TermError(
        "is not a month, a range of months, a quarter or a year",
        _month_hint(rest),
        year=plan_year,
    )


def _month_hint(words: str) -> str:
    """Name the month a misspelt word was probably meant to be ("smarzec" -> "marzec")."""
    import difflib

    names = [_fold(name) for name in MONTHS_NOMINATIVE + MONTHS_GENITIVE]
    for word in re.findall(r"[a-z]{3,}", words):
        if word in _MONTH_WORDS:
            continue
        close = difflib.get_close_matches(word, names, n=1, cutoff=0.8)
        if close:
            number = names.index(close[0]) % 12
            return f"did you mean „{MONTHS_NOMINATIVE[number]}”? months are written in Polish"
    return ""


def _season_hint(season: str, year: int | None) -> str:
    first, last = _SEASONS[season]
    start, end = MONTHS_NOMINATIVE[first - 1], MONTHS_NOMINATIVE[last - 1]
    if first > last:  # winter: December of the year before
        if year is None:
            return (
                "write the months instead, e.g. „styczeń – luty”; across New Year write both years"
            )
        return f"write the months instead, e.g. „{start} {year - 1} – {end} {year}”"
    if year is None:
        return f"write the months instead, e.g. „{start} – {end}”"
    return f"write the months instead, e.g. „{start} – {end} {year}”"


def _check_day(day: int, month: int, year: int | None) -> None:
    """A day written in a term must exist in its month (31.06 is a typo for 30.06 or 31.07).

    29 February is accepted in any year: ``osl-plan new`` moves „29.02.2024” to 2025, and the
    schedule needs only the month.
    """
    days = _DAYS_IN_MONTH[month - 1]
    if not 1 <= day <= days:
        name = MONTHS_NOMINATIVE[month - 1]
        raise TermError(
            f"names day {day} of {name}, which has {days} days",
            f"check the day; the term needs only the month, e.g. „{name}"
            + (f" {year}”" if year is not None else "”"),
        )


def _month_side(month: int, year: int, words: str) -> _Side:
    if not 1 <= month <= 12:
        raise TermError(f"names month {month}, which does not exist", "months are numbered 1–12")
    return _Side(month, month, year)


def _period_side(m: re.Match[str], year: int | None) -> _Side:
    length = 3 if m.group(3).startswith("kw") else 6
    count = 12 // length
    first = _number(m.group(1))
    last = _number(m.group(2)) if m.group(2) else first
    kind = "kwartał" if length == 3 else "półrocze"
    if first is None or last is None or not (1 <= first <= last <= count):
        raise TermError(
            f"names a {kind} that does not exist",
            f"a year has {count} of them: " + ", ".join(_ROMAN[:count]).upper(),
        )
    return _Side((first - 1) * length + 1, last * length, year)


def _split(text: str, plan_year: int | None) -> list[str]:
    if m := _FROM_TO.fullmatch(text):
        return [m.group(1), m.group(2)]
    if (sides := _open_end(text)) is not None:
        return sides
    if _LIST.search(text) and not _DASHES.search(text):
        return _consecutive_list(text, plan_year)
    # "II–III kwartał 2023" is one side: a range of quarters.
    if m := _PERIOD_RANGE.fullmatch(text):
        return [f"{m.group(1)}-{m.group(2)}"]
    if (sides := _numbers_range(text)) is not None:
        return sides
    parts = _DASHES.split(text)
    return [p for p in parts if p]


def _open_end(text: str) -> list[str] | None:
    """ "od września 2023": to the end of that year; "do czerwca 2023": from its start."""
    if (m := _OPEN_END.fullmatch(text)) and f"{m[1]} {m[2]}" not in _YEAR_WORDS:  # "do końca"
        year = m.group(3) or ""
        return (
            [m.group(2) + year, f"grudzien{year}"]
            if m[1] == "od"
            else [f"styczen{year}", m[2] + year]
        )
    if m := _OPEN_END_DATE.fullmatch(text):  # "od 15.03.2024", "do 06.2024"
        return [m[2], "grudzien"] if m[1] == "od" else ["styczen", m[2]]
    return None


def _numbers_range(text: str) -> list[str] | None:
    """Ranges whose year or month is written once, after the second side."""
    # "03-06.2023": the year after the second side belongs to both.
    if m := _NUMBER_RANGE.fullmatch(text):
        return [f"{m.group(1)}.{m.group(3)}", f"{m.group(2)}.{m.group(3)}"]
    # "15-16 maja 2024": the month belongs to both days.
    if (m := _DAY_RANGE.fullmatch(text)) and m[3] in _MONTH_WORDS:
        return [f"{m[1]} {m[3]}{m[4]}", f"{m[2]} {m[3]}{m[4]}"]
    if m := _DAY_MONTH_RANGE.fullmatch(text):
        return [f"{m[1]}.{m[3]}", f"{m[2]}.{m[3]}"]
    return None


def _consecutive_list(text: str, plan_year: int | None) -> list[str]:
    """ "lipiec, sierpień 2023", "lipiec i sierpień 2023": consecutive months read as a range."""
    year = ""
    if m := _LIST_YEAR.search(text):
        year, text = m.group(0), text[: m.start()]
    words = [w for w in _LIST.split(text) if w]
    numbers = [_MONTH_WORDS.get(w.rstrip(".")) for w in words]
    if len(words) < 2 or any(n is None for n in numbers):
        raise TermError(
            "is not a month, a range of months, a quarter or a year",
            f"write one month or one range, e.g. „lipiec – sierpień {example_year(plan_year)}”",
        )
    if any(b != a + 1 for a, b in itertools.pairwise(numbers)):  # type: ignore[operator]
        raise TermError(
            "lists months that do not follow each other",
            "a term is one range of months; write the range "
            f"(„marzec – czerwiec {example_year(plan_year)}”) "
            "or split the task in two",
        )
    return [words[0] + year, words[-1] + year]


# Plans repeat a few hundred distinct terms over thousands of tasks; a Term is immutable, so one
# parse serves them all. Errors are not cached (lru_cache does not keep exceptions).
@functools.lru_cache(maxsize=4096, typed=True)
def parse(text: str, default_year: int | None) -> Term:
    """``osl_plan.terms.parse_term``, cached. Raises TermError."""
    original = text.strip()
    if not original:
        raise TermError("the term is empty")
    normal = _normalise(original)
    try:
        parts = _split(normal, default_year)
    except TermError as error:
        raise TermError(f"„{original}” {error.message}", error.hint) from None
    if not parts:  # only punctuation, e.g. "." or "–"
        raise TermError(
            f"„{original}” is not a month, a range, a quarter or a year I can read",
            year=default_year,
        )
    if len(parts) > 2:
        raise TermError(
            f"„{original}” has more than one dash",
            f"write one range, e.g. „marzec – czerwiec {example_year(default_year)}”",
        )
    try:
        sides = [_parse_side(part, default_year) for part in parts]
    except TermError as error:
        raise TermError(f"„{original}” {error.message}", error.hint) from None
    first, last = sides[0], sides[-1]
    if len(sides) == 2 and first.year is not None and last.year is None:
        last.year = first.year
    if first.year is None:
        first.year = last.year if last.year is not None else default_year
    if last.year is None:
        last.year = first.year
    if first.year is None or last.year is None:
        raise TermError(
            f"„{original}” has no year",
            f"add the year („{original} 2023”); a term without one takes the year from „rok:”,"
            " which is missing or not a year",
        )
    start, end = Month(first.year, first.first), Month(last.year, last.last)
    if end < start:
        raise TermError(
            f"„{original}” ends before it starts",
            "for a range across New Year write both years: "
            f"„grudzień {start.year} – styczeń {start.year + 1}”",
        )
    return Term(original, start, end)
