"""The grammar of Polish terms: the words and patterns people write (months in every case, roman
numerals, quarters, school holidays, vague words and seasons with the months to write instead), the
text normalised before reading, and one side of a range read into its months.

:mod:`osl_plan.term_parse` assembles the sides into ranges and the ranges into a :class:`Term`.
"""

from __future__ import annotations

import calendar
import difflib
import re
from dataclasses import dataclass

from osl_plan.i18n import N_, _
from osl_plan.polish import fold
from osl_plan.terms import (
    EN_DASH,
    MONTHS_GENITIVE,
    MONTHS_NOMINATIVE,
    NBSP,
    TermError,
    example_year,
)

_LOCATIVE = (
    "styczniu", "lutym", "marcu", "kwietniu", "maju", "czerwcu",
    "lipcu", "sierpniu", "wrześniu", "październiku", "listopadzie", "grudniu",
)  # fmt: skip
_ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii")
# Month names in other languages: only a word close to one of these is told that months are
# written in Polish (a misspelt Polish month is not).
_FOREIGN_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "januar": 1, "februar": 2, "marz": 3, "mai": 5, "juni": 6, "juli": 7, "oktober": 10,
    "dezember": 12, "jan": 1, "feb": 2, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip


def _month_words() -> dict[str, int]:
    words: dict[str, int] = {}
    for number, forms in enumerate(zip(MONTHS_NOMINATIVE, MONTHS_GENITIVE, _LOCATIVE, strict=True)):
        for form in forms:
            words[fold(form)] = number + 1
        words.setdefault(fold(forms[0])[:3], number + 1)  # "sty", "lut", "paź" …
    return words


MONTH_WORDS = _month_words()
# "roku" is removed while normalising, so "w ciągu roku" arrives as "w ciagu".
YEAR_WORDS = {
    "caly rok", "przez caly rok", "w ciagu", "w ciagu roku", "na biezaco", "rok", "do konca",
    "w miare potrzeb", "wedlug potrzeb", "wg potrzeb", "zgodnie z potrzebami",
}  # fmt: skip
# Words that name no months: the months are assumed (the whole year; a deadline „do …” from
# January, an open start „od …” to December; school holidays), and documents print the words.
ASSUMED_WORDS = {
    "na biezaco", "w miare potrzeb", "wedlug potrzeb", "wg potrzeb", "zgodnie z potrzebami",
    "w ciagu", "do konca",
}  # fmt: skip
# School holidays: summer ones are the same everywhere; winter ones fall in January or February
# depending on the voivodeship.
PERIOD_WORDS = {
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
# Parts of a year that do not say which months: an error with the months people usually mean.
_VAGUE = {
    "poczatek": "styczeń – luty {year}",
    "na poczatku": "styczeń – luty {year}",
    "poczatkiem": "styczeń – luty {year}",
    "polowa": "czerwiec – lipiec {year}",
    "polowie": "czerwiec – lipiec {year}",
    "w polowie": "czerwiec – lipiec {year}",
    "srodek": "czerwiec – lipiec {year}",
    "koniec": "listopad – grudzień {year}",
    "na koniec": "listopad – grudzień {year}",
    "pod koniec": "listopad – grudzień {year}",
    "koncem": "listopad – grudzień {year}",
    "z koncem": "listopad – grudzień {year}",
    "przelom": "grudzień {year} – styczeń {next}",
    "na przelomie": "grudzień {year} – styczeń {next}",
}
# "początek maja", "pod koniec czerwca": the month is what the schedule needs.
_PART_OF_MONTH = re.compile(
    r"^(?:na |pod |z )?(?:poczat\w*|kon(?:iec|c)\w*|polow\w*|srod\w*) (?=[a-z])"
)
_DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
# "i" is also the roman one: "I kwartał", "I - II"; as a conjunction it stands between words.
LIST = re.compile(r"\s*[,;/]\s*|(?<![-‐‑‒–—―−])\s+(?:i|oraz)\s+(?![-‐‑‒–—―−]|kwarta|kw\.|polrocz)")

DASHES = re.compile(r"\s*[-‐‑‒–—―−]+\s*")
YEAR = re.compile(r"(?:19|20|21)\d\d")
_SPACES = re.compile(r"\s+")
_YEAR_SUFFIX = re.compile(r"(?<=\d)\s*r\.?(?=\s|$|[-–—,;])")  # "2023 r." / "2023r"
_ROKU = re.compile(r"\broku\b")
# Not "15.06.2025-16.06.2025": a year after a dot ends a date, its dash starts the other side.
_ISO_MONTH = re.compile(r"(?<![\d.])((?:19|20|21)\d\d)-(\d{1,2})\b")
_ISO_DAY = re.compile(r"(?<![\d.])((?:19|20|21)\d\d)-(\d{1,2})-(\d{1,2})\b")
_SLASH_MONTH = re.compile(r"(?<![\d.])(\d{1,2})/((?:19|20|21)\d\d)(?!\d)")  # "11/2025"
_SCHOOL_YEAR = re.compile(r"^rok szkoln\w* ((?:19|20|21)\d\d) ?[/-] ?((?:19|20|21)\d\d)$")
TWO_YEARS = re.compile(r"((?:19|20|21)\d\d) ?/ ?((?:19|20|21)\d\d)")  # "2024/2025"
_ROMAN_DATE = re.compile(r"(?<![a-z])(xii|xi|x|ix|viii|vii|vi|v|iv|iii|ii|i)\.(?=(?:19|20|21)\d\d)")
_WHOLE_YEAR_WORDS = re.compile(r"\b(caly|przez caly) ((?:19|20|21)\d\d) rok\b")  # "cały 2025 rok"
_YEAR_ROK = re.compile(r"^((?:19|20|21)\d\d) rok$")  # "2025 rok"
_QUARTER_Q = re.compile(r"\bq([1-4])\b")  # "Q1 2025"
_ORDINAL = re.compile(
    r"\b(pierwsz\w*|drug\w*|trzec\w*|czwart\w*|ostatn\w*|[1-4]\.?|i{1,2}) "
    r"(kwarta\w*|kw\.?|polrocz\w*|polow\w*)(?=$| (?:19|20|21)\d\d)"
)
_ORDINAL_WORDS = {"pierwsz": "i", "drug": "ii", "trzec": "iii", "czwart": "iv"}
_PRZELOM = re.compile(r"(?:na )?przelom(?:ie)? (?=\S)")
# Quotes a word processor put around the whole term: „maj 2024”.
_QUOTES = " „”“\"'«»"
_PERIOD = re.compile(r"(\w+)(?:\s*-\s*(\w+))? (kwartal|kw\.?|polrocze)")
PERIOD_TAIL = re.compile(r" (kwartal|kw\.?|polrocze)(?: (?:19|20|21)\d\d)?$")
BARE_NUMBER = re.compile(r"(?:[ivx]+|\d)(?:\s*-\s*(?:[ivx]+|\d))?")
# "15.06.2025", and "15.06": a day in the other side's year or the plan's.
_DAY_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})(?:\.((?:19|20|21)\d\d))?")
_MONTH_DATE = re.compile(r"(\d{1,2})\.((?:19|20|21)\d\d)")
_MONTH_WORD = re.compile(r"(?:(\d{1,2}) )?([a-z]+\.?)")
_MONTH_NUMBER = re.compile(r"\d{1,2}")
FROM_TO = re.compile(r"od (.+?) do (.+)")
OPEN_END = re.compile(r"(od|do) ((?:\d{1,2} )?\D+?)( \d{4})?")
OPEN_END_DATE = re.compile(r"(od|do) ((?:\d{1,2}\.)?\d{1,2}\.(?:19|20|21)\d\d|\d{1,2}\.\d{1,2})")
# "15-16 maja 2024", "1–2 czerwca": days of one month (not months 1 to 2).
DAY_RANGE = re.compile(r"(\d{1,2})\s*[-–—]\s*(\d{1,2}) ([a-z]+)(\.?(?: \d{4})?)")
# "15.05-16.05.2024": two days, the year written once at the end.
DAY_MONTH_RANGE = re.compile(
    r"(\d{1,2}\.\d{1,2})\.?\s*[-–—]\s*(\d{1,2}\.\d{1,2})\.((?:19|20|21)\d\d)"
)
# "15-16.06", "15-16.06.2024": days of one month (not months 15 to 16).
DAY_NUMBER_RANGE = re.compile(r"(\d{1,2})\s*[-–—]\s*(\d{1,2})\.(\d{1,2})(\.(?:19|20|21)\d\d)?")
# "8 i 15 marca": a day (or days) without its month, which the next day's month gives.
BARE_DAYS = re.compile(r"\d{1,2}(?:\s*[-–—]\s*\d{1,2})?")
DAYS_AND_MONTH = re.compile(r"\d{1,2}(?:\s*[-–—]\s*\d{1,2})? ([a-z]+)")
PERIOD_RANGE = re.compile(r"(\w+)\s*[-–—]\s*(\w+ (?:kwartal|kw\.?|polrocze)(?: \d{4})?)")
NUMBER_RANGE = re.compile(r"(\d{1,2})\s*[-–—]\s*(\d{1,2})\.((?:19|20|21)\d\d)")

NOT_A_TERM = N_("„{term}” is not a month, a range of months, a quarter or a year")


class Refusal(Exception):
    """A term that cannot be read: a message and a hint (msgids) and their placeholders.

    The whole term (``{term}``) is filled in by :func:`parse_term`, which knows it as written.
    """

    def __init__(self, message: str, hint: str = "", **params: object) -> None:
        super().__init__(message)
        self.message, self.hint, self.params = message, hint, params


@dataclass(slots=True)
class Side:
    """One side of a range as read: its months, its year (when written) and its day."""

    first: int  # month number 1–12
    last: int
    year: int | None
    #: The day written („15.06”, „15 czerwca”), checked once the side's year is known.
    day: int | None = None


def normalise(text: str) -> str:
    """The term folded and tidied for reading: no diacritics, single spaces, no „r.”/„roku”,
    dates, roman numerals, ordinals and „przełom” written one way."""
    text = fold(text.replace(NBSP, " ")).strip(_QUOTES).rstrip(".").strip()
    text = _SPACES.sub(" ", text)
    text = _YEAR_SUFFIX.sub("", text)
    if "roku" in text:  # "w ciągu roku 2024": no double space where it was
        text = _SPACES.sub(" ", _ROKU.sub("", text))
    text = text.strip()
    # ISO "2023-03-15" and "2023-03" before dashes become range separators.
    text = _ISO_DAY.sub(r"\3.\2.\1", text)
    text = _ISO_MONTH.sub(r"\2.\1", text)
    text = _SLASH_MONTH.sub(r"\1.\2", text)  # before "/" separates list items
    text = _SCHOOL_YEAR.sub(r"wrzesien \1 - czerwiec \2", text)
    text = _ROMAN_DATE.sub(lambda m: f"{_ROMAN.index(m[1]) + 1}.", text)
    text = _WHOLE_YEAR_WORDS.sub(r"\1 rok \2", text)
    text = _YEAR_ROK.sub(r"\1", text)
    text = _QUARTER_Q.sub(lambda m: f"{_ROMAN[int(m[1]) - 1]} kwartal", text)
    text = _ORDINAL.sub(_ordinal, text)
    if (m := _PRZELOM.match(text)) and not _bare_years(text[m.end() :]):
        # "przełom maja i czerwca 2025": the two months.
        text = LIST.sub(" - ", text[m.end() :], count=1)
    return text


def _bare_years(text: str) -> bool:
    """ "2025 i 2026": two years, which „przełom” does not make a range of whole years."""
    return all(YEAR.fullmatch(part) for part in LIST.split(text))


def _ordinal(m: re.Match[str]) -> str:
    """ "pierwsze półrocze", "I połowa", "ostatni kwartał" as "i polrocze", "iv kwartal"."""
    word, kind = m[1].rstrip("."), "kwartal" if m[2].startswith("kw") else "polrocze"
    if word.isdigit():
        number = _ROMAN[int(word) - 1]
    elif word in _ROMAN:
        number = word
    elif word.startswith("ostatn"):
        number = "iv" if kind == "kwartal" else "ii"
    else:
        number = next(r for stem, r in _ORDINAL_WORDS.items() if word.startswith(stem))
    return f"{number} {kind}"


def _number(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    if word in _ROMAN:
        return _ROMAN.index(word) + 1
    return None


def side_words(words: str) -> tuple[str, int | None]:
    """The words of a side without its year („w maju 2025” -> "maju", 2025)."""
    year: int | None = None
    tokens = words.split()
    if tokens and YEAR.fullmatch(tokens[-1]):
        year = int(tokens.pop())
    rest = " ".join(tokens)
    if rest.startswith(("w ", "we ")) and rest not in YEAR_WORDS:  # "w maju", "we wrześniu"
        rest = rest.split(" ", 1)[1]
    if rest not in _VAGUE:
        rest = _PART_OF_MONTH.sub("", rest, count=1)
    return rest, year


def _refuse_words(rest: str, year: int | None, plan_year: int | None) -> None:
    """Words that say how often, or a part of the year without its months. Raises Refusal."""
    shown = year or example_year(plan_year)
    if rest in _RECURRING:
        raise Refusal(
            N_("„{term}” says how often, not in which months"),
            N_("write the months it covers, e.g. „{example}”"),
            example=_RECURRING[rest].format(year=shown),
        )
    if rest in _VAGUE:
        raise Refusal(
            N_("„{term}” does not say which months"),
            N_("write the months you mean, e.g. „{example}”"),
            example=_VAGUE[rest].format(year=shown, next=shown + 1),
        )
    if rest in _SEASONS:
        hint, example = _season_hint(rest, year)
        raise Refusal(N_("„{term}” is a season; the schedule needs months"), hint, example=example)


def parse_side(words: str, plan_year: int | None) -> Side:
    """One side of a range: a month, a day, a quarter, a half-year, or a year."""
    rest, year = side_words(words)
    if not rest or rest in YEAR_WORDS or rest in PERIOD_WORDS:
        first, last = PERIOD_WORDS.get(rest, (1, 12))
        return Side(first, last, year)
    _refuse_words(rest, year, plan_year)
    if m := _PERIOD.fullmatch(rest):
        return _period_side(m, year)
    if m := _MONTH_DATE.fullmatch(rest):
        return _month_side(int(m.group(1)), int(m.group(2)))
    if m := _DAY_DATE.fullmatch(rest):
        return _day_side(m, year)
    if m := _MONTH_WORD.fullmatch(rest):
        word = m.group(2).rstrip(".")
        number = MONTH_WORDS.get(word)
        if number is None and word in _ROMAN and not rest[0].isdigit():
            number = _ROMAN.index(word) + 1
        if number is not None:
            return Side(number, number, year, int(m.group(1)) if m.group(1) else None)
    if _MONTH_NUMBER.fullmatch(rest) and 1 <= int(rest) <= 12:
        return Side(int(rest), int(rest), year)
    hint, month = _month_hint(rest)
    raise Refusal(NOT_A_TERM, hint, month=month)


def _day_side(m: re.Match[str], year: int | None) -> Side:
    """A day written with numbers; without a year its day is checked once the year is known."""
    day, month = int(m.group(1)), int(m.group(2))
    if m.group(3):
        side = _month_side(month, int(m.group(3)))
        check_day(day, side.first, side.year)
        return side
    if month > 12 and 1 <= day <= 12:  # "06.25": June 2025?
        raise Refusal(
            N_("„{term}” names month {month}, which does not exist"),
            N_("months are numbered 1–12; write the year with four digits, e.g. „{example}”"),
            month=month,
            example=f"{m.group(1)}.20{m.group(2)}",
        )
    side = _month_side(month, year)
    side.day = day
    return side


def _month_hint(words: str) -> tuple[str, str]:
    """A hint naming the month a misspelt word was probably meant to be ("smarzec" -> "marzec").

    Only a word close to a month name of another language („march”) is told that months are
    written in Polish.
    """
    names = [fold(name) for name in MONTHS_NOMINATIVE + MONTHS_GENITIVE]
    for word in re.findall(r"[a-z]{3,}", words):
        if word in MONTH_WORDS:
            continue
        foreign = difflib.get_close_matches(word, list(_FOREIGN_MONTHS), n=1, cutoff=0.85)
        if foreign:
            month = MONTHS_NOMINATIVE[_FOREIGN_MONTHS[foreign[0]] - 1]
            return N_("did you mean „{month}”? months are written in Polish"), month
        close = difflib.get_close_matches(word, names, n=1, cutoff=0.8)
        if close:
            return N_("did you mean „{month}”?"), MONTHS_NOMINATIVE[names.index(close[0]) % 12]
    return "", ""


def _season_hint(season: str, year: int | None) -> tuple[str, str]:
    """The hint (a msgid) and the months to write instead of a season."""
    first, last = _SEASONS[season]
    start, end = MONTHS_NOMINATIVE[first - 1], MONTHS_NOMINATIVE[last - 1]
    if first > last:  # winter: December of the year before
        if year is None:
            return (
                N_(
                    "write the months instead, e.g. „styczeń – luty”; across New Year write "
                    "both years"
                ),
                "",
            )
        example = f"{start} {year - 1} {EN_DASH} {end} {year}"
    elif year is None:
        example = f"{start} {EN_DASH} {end}"
    else:
        example = f"{start} {EN_DASH} {end} {year}"
    return N_("write the months instead, e.g. „{example}”"), example


def check_day(day: int, month: int, year: int | None) -> None:
    """A day written in a term must exist in its month (31.06 is a typo for 30.06 or 31.07).

    29 February only in a leap year (``osl-plan new`` moves „29.02.2024” to „28.02.2025” itself).
    """
    days = _DAYS_IN_MONTH[month - 1]
    if month == 2 and year is not None and not calendar.isleap(year):
        days = 28
    if month == 2 and day == 29 and days == 28 and year is not None:
        raise TermError(
            _("names 29 February, but {year} is not a leap year").format(year=year),
            _("February {year} has 28 days; check the day, e.g. „28.02.{year}”").format(year=year),
        )
    if not 1 <= day <= days:
        name = MONTHS_NOMINATIVE[month - 1]
        raise Refusal(
            N_("„{term}” names day {day} of {month}, which has {days} days"),
            N_("check the day; the term needs only the month, e.g. „{example}”"),
            day=day,
            month=name,
            days=days,
            example=name if year is None else f"{name} {year}",
        )


def _month_side(month: int, year: int | None) -> Side:
    if not 1 <= month <= 12:
        raise Refusal(
            N_("„{term}” names month {month}, which does not exist"),
            N_("months are numbered 1–12"),
            month=month,
        )
    return Side(month, month, year)


def _period_side(m: re.Match[str], year: int | None) -> Side:
    length = 3 if m.group(3).startswith("kw") else 6
    count = 12 // length
    first = _number(m.group(1))
    last = _number(m.group(2)) if m.group(2) else first
    if first is None or last is None or not (1 <= first <= last <= count):
        if length == 3:
            raise Refusal(
                N_("„{term}” names a kwartał that does not exist"),
                N_("a year has 4 of them: I, II, III, IV"),
            )
        raise Refusal(
            N_("„{term}” names a półrocze that does not exist"), N_("a year has 2 of them: I, II")
        )
    return Side((first - 1) * length + 1, last * length, year)
