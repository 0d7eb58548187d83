"""Reading Polish terms as people write them: :func:`parse_term`.

Accepted forms (any letter case; hyphen, en dash or em dash, spaced or not; "r." / "roku" after a
year is ignored; the README's table lists them with their months):

* one month: ``Marzec 2023``, ``marca 2023``, ``w maju 2023``, ``03.2023``, ``2023-03``,
  ``11/2023``, ``III 2023``, ``XI.2023``, ``początek maja 2023``
* a range: ``Styczeń- grudzień 2023``, ``Maj - Czerwiec 2023``, ``od marca do czerwca 2023``,
  ``03–06.2023``, ``III–VI 2023``, ``przełom maja i czerwca 2023``, across New Year
  ``grudzień 2023 – styczeń 2024``
* a day or a range of days (kept as their months): ``15 maja 2023``, ``15.05.2023 – 30.06.2023``,
  ``15-16 maja 2023`` (days of one month), ``od 8 do 15 marca 2023``, ``2023-05-15``, and
  without the year (the plan's): ``15 czerwca``, ``15.06``, ``15-16.06``, ``15.06-16.06``
* separate days: ``8.03.2023, 15.03.2023``, ``8 i 15 marca 2023`` (a bare day takes the month
  of the day after it), ``8 marca 2023 i 11 listopada 2023``
* quarters and half-years: ``I kwartał 2023``, ``II–III kwartał 2023``, ``II półrocze 2023``,
  ``pierwsze półrocze 2023``, ``I połowa 2023``, ``ostatni kwartał 2023``, ``Q1 2023``
* the whole year: ``cały rok 2023``, ``cały 2023 rok``, ``2023``, ``rok 2023``, ``2023–2024``, and,
  for the plan's own year, ``cały rok``, ``przez cały rok``, ``w ciągu roku``, ``do końca roku``,
  ``na bieżąco``, ``w miarę potrzeb``, ``według potrzeb``
* open ends within a year: ``od września 2023`` (to December), ``do czerwca 2023`` (from January)
* school holidays: ``wakacje 2023`` (July–August), ``ferie zimowe 2023`` (January–February)

The words „na bieżąco”, „w miarę potrzeb”, „w ciągu roku”, „do końca roku”, open ends and school
holidays name no months: the months are assumed and the Term is marked ``assumed`` (documents
print its words; validation warns, naming the months).
* several of the above separated by commas, „i”, „oraz” or „/”:
  ``styczeń – czerwiec 2025, wrzesień – grudzień 2025``, ``II, IV kwartał 2025``,
  ``lipiec, sierpień 2023`` (months that follow each other are one range)

A side or list item without a year takes the year written after it (or before it), or the plan's
year when there is none. Words that do not say which months („początek roku”, „przełom roku”) and
seasons are errors naming the months to write instead.
"""

from __future__ import annotations

import functools
import itertools

from osl_plan.i18n import N_, _
from osl_plan.term_grammar import (
    ASSUMED_WORDS,
    BARE_DAYS,
    BARE_NUMBER,
    DASHES,
    DAY_MONTH_RANGE,
    DAY_NUMBER_RANGE,
    DAY_RANGE,
    DAYS_AND_MONTH,
    FROM_TO,
    LIST,
    MONTH_WORDS,
    NOT_A_TERM,
    NUMBER_RANGE,
    OPEN_END,
    OPEN_END_DATE,
    PERIOD_RANGE,
    PERIOD_TAIL,
    PERIOD_WORDS,
    TWO_YEARS,
    YEAR,
    YEAR_WORDS,
    Refusal,
    Side,
    check_day,
    normalise,
    parse_side,
    side_words,
)
from osl_plan.terms import (
    Month,
    Span,
    Term,
    TermError,
    example_year,
)


def _split(text: str) -> list[str]:
    if m := FROM_TO.fullmatch(text):
        return [_with_month(m.group(1), m.group(2)), m.group(2)]
    if (sides := _open_end(text)) is not None:
        return sides
    # "II–III kwartał 2023" is one side: a range of quarters.
    if m := PERIOD_RANGE.fullmatch(text):
        return [f"{m.group(1)}-{m.group(2)}"]
    if (sides := _numbers_range(text)) is not None:
        return sides
    parts = DASHES.split(text)
    return [p for p in parts if p]


def _with_month(days: str, following: str) -> str:
    """ "8" before "15 marca" is the 8th of March (not August): a bare day takes the month of
    the day written after it."""
    m = DAYS_AND_MONTH.match(following) if BARE_DAYS.fullmatch(days) else None
    return f"{days} {m[1]}" if m and m[1] in MONTH_WORDS else days


def _open_end(text: str) -> list[str] | None:
    """ "od września 2023": to the end of that year; "do czerwca 2023": from its start."""
    if (m := OPEN_END.fullmatch(text)) and f"{m[1]} {m[2]}" not in YEAR_WORDS:  # "do końca"
        year = m.group(3) or ""
        return (
            [m.group(2) + year, f"grudzien{year}"]
            if m[1] == "od"
            else [f"styczen{year}", m[2] + year]
        )
    if m := OPEN_END_DATE.fullmatch(text):  # "od 15.03.2024", "do 06.2024"
        return [m[2], "grudzien"] if m[1] == "od" else ["styczen", m[2]]
    return None


def _numbers_range(text: str) -> list[str] | None:
    """Ranges whose year or month is written once, after the second side."""
    # "03-06.2023": the year after the second side belongs to both.
    if m := NUMBER_RANGE.fullmatch(text):
        return [f"{m.group(1)}.{m.group(3)}", f"{m.group(2)}.{m.group(3)}"]
    # "15-16 maja 2024": the month belongs to both days.
    if (m := DAY_RANGE.fullmatch(text)) and m[3] in MONTH_WORDS:
        return [f"{m[1]} {m[3]}{m[4]}", f"{m[2]} {m[3]}{m[4]}"]
    if m := DAY_MONTH_RANGE.fullmatch(text):
        return [f"{m[1]}.{m[3]}", f"{m[2]}.{m[3]}"]
    # "15-16.06(.2024)": the month (and the year) belongs to both days.
    if m := DAY_NUMBER_RANGE.fullmatch(text):
        return [f"{m[1]}.{m[3]}{m[4] or ''}", f"{m[2]}.{m[3]}{m[4] or ''}"]
    return None


def _items(text: str) -> list[str]:
    """The ranges of a list („II, IV kwartał 2025”), each with its year and kind written out.

    Raises Refusal for „2024/2025”: a school year or two whole years, which one is not said.
    """
    if (m := TWO_YEARS.fullmatch(text)) and int(m[2]) == int(m[1]) + 1:
        raise Refusal(
            N_("„{term}” does not say which months"),
            N_(
                "for the school year write „wrzesień {year} – czerwiec {next}” (or „rok szkolny "
                "{year}/{next}”); for both whole years „{year}–{next}”"
            ),
            year=m[1],
            next=m[2],
        )
    items = [item for item in LIST.split(text) if item]
    if len(items) < 2:
        return items or [text]
    if tail := PERIOD_TAIL.search(items[-1]):  # "ii, iv kwartal 2025": "ii" is a quarter too
        items = [f"{i} {tail[1]}" if BARE_NUMBER.fullmatch(i) else i for i in items]
    for index in range(len(items) - 2, -1, -1):  # "8, 15 i 22 marca": from the last day back
        items[index] = _with_month(items[index], items[index + 1])
    years = [_last_year(item) for item in items]
    for index, item in enumerate(items):
        if years[index] is None:
            later = [y for y in years[index:] if y is not None]
            earlier = [y for y in years[:index] if y is not None]
            year = later[0] if later else earlier[-1] if earlier else None
            if year is not None:
                items[index] = f"{item} {year}"
    return items


def _is_assumed(item: str) -> bool:
    """Whether the words of a list item name no months, so that they are assumed."""
    if FROM_TO.fullmatch(item):  # "od marca do czerwca": both ends written
        return False
    if OPEN_END.fullmatch(item) or OPEN_END_DATE.fullmatch(item):  # "do 30 czerwca 2026"
        return True
    rest, _year = side_words(item)
    return rest in ASSUMED_WORDS or rest in PERIOD_WORDS


def _last_year(item: str) -> str | None:
    found = YEAR.findall(item)
    return found[-1] if found else None


def _one_range(text: str, plan_year: int | None) -> Span:
    """One range of months. Raises Refusal."""
    parts = _split(text)
    if not parts:  # only punctuation, e.g. "." or "–"
        raise Refusal(NOT_A_TERM)
    if len(parts) > 2:
        raise Refusal(
            N_("„{term}” has more than one dash"),
            N_(
                "write one range, e.g. „marzec – czerwiec {year}”; separate several ranges with "
                "commas: „styczeń – marzec {year}, wrzesień – grudzień {year}”"
            ),
            year=example_year(plan_year),
        )
    sides = [parse_side(part, plan_year) for part in parts]
    first, last = _with_years(sides, plan_year)
    if first.year is None or last.year is None:
        raise Refusal(
            N_("„{term}” has no year"),
            N_(
                "add the year („{term} {year}”); a term without one takes the year from „rok:”, "
                "which is missing or not a year"
            ),
            year=example_year(None),
        )
    start, end = Month(first.year, first.first), Month(last.year, last.last)
    if end < start:
        raise Refusal(
            N_("„{term}” ends before it starts"),
            N_("for a range across New Year write both years: „grudzień {year} – styczeń {next}”"),
            year=start.year,
            next=start.year + 1,
        )
    return start, end


def _with_years(sides: list[Side], plan_year: int | None) -> tuple[Side, Side]:
    """The first and the last side, each with the year written on either side, else the plan's;
    a day written is checked in its year. Raises Refusal for a day its month does not have."""
    first, last = sides[0], sides[-1]
    if len(sides) == 2 and first.year is not None and last.year is None:
        last.year = first.year
    for side in sides:  # in the year written: a day without one (29 lutego) fits some year
        if side.day is not None:
            check_day(side.day, side.first, side.year if side.year is not None else last.year)
    if first.year is None:
        first.year = last.year if last.year is not None else plan_year
    if last.year is None:
        last.year = first.year
    return first, last


def _merged(spans: list[Span]) -> tuple[Span, ...]:
    """Ranges sorted, overlapping or touching ones joined: equal months give equal ranges.

    Raises Refusal for ranges listed out of order („grudzień, styczeń”: across New Year?).
    """
    for (before, _end), (after, _last) in itertools.pairwise(spans):
        if after < before:
            raise Refusal(
                N_("„{term}” lists months out of order"),
                N_(
                    "write them in the order of the calendar; across New Year write both years: "
                    "„grudzień {year}, styczeń {next}”"
                ),
                year=after.year,
                next=after.year + 1,
            )
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start.index <= merged[-1][1].index + 1:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)


def parse_term(text: str, *, default_year: int | None = None) -> Term:
    """Parse a term as written; ``default_year`` fills in a missing year. Raises TermError."""
    return _parse(str(text), default_year)


# Plans repeat a few hundred distinct terms over thousands of tasks; a Term is immutable, so one
# parse serves them all. Errors are not cached (lru_cache does not keep exceptions).
@functools.lru_cache(maxsize=4096, typed=True)
def _parse(text: str, default_year: int | None) -> Term:
    original = text.strip()
    if not original:
        raise TermError(_("the term is empty"), year=default_year)
    try:
        items = _items(normalise(original))
        spans = _merged([_one_range(item, default_year) for item in items])
    except Refusal as refusal:
        params = {"term": original, **refusal.params}
        hint = _(refusal.hint).format(**params) if refusal.hint else ""
        raise TermError(_(refusal.message).format(**params), hint, year=default_year) from None
    assumed = any(_is_assumed(item) for item in items)
    return Term(original, spans[0][0], spans[-1][1], spans if len(spans) > 1 else (), assumed)
