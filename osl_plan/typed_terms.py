"""A month or a report period as people type them on the command line, read by the term parser.

``--na marzec`` and ``--miesiac marzec`` take the plan's year; ``--na 2026-03``, ``--na "marzec
2026"`` and ``--na 03.2026`` name it. ``--okres`` takes „I półrocze”, „pierwsze półrocze”, „2
kwartał”, „Q3”, „cały rok” as well as the names the report uses (``I-polrocze``). A misspelt
month gets the parser's suggestion; examples in the messages use the plan's year.
"""

from __future__ import annotations

import re

from osl_plan.errors import UsageError
from osl_plan.i18n import _, with_hint
from osl_plan.term_parse import parse_term
from osl_plan.terms import Month, TermError, example_year

_YEAR = re.compile(r"\b(?:19|20|21)\d\d\b")
# What may follow a year typed with a period: „I półrocze 2026 r.”, „2026 roku”.
_YEAR_WORD = re.compile(r"^(?:r\.|r\b|rok\b|roku\b)", re.IGNORECASE)
# The month the term parser suggests for a misspelt one: its hint quotes it before a „?”.
_SUGGESTED = re.compile(r"„([^”\d]+)”\?")
# A year no plan has: a period typed with it is read as typed without one.
_NO_YEAR = 1999
_PERIOD_MONTHS = {
    (1, 12): "rok",
    (1, 6): "I-polrocze",
    (7, 12): "II-polrocze",
    (1, 3): "I-kwartal",
    (4, 6): "II-kwartal",
    (7, 9): "III-kwartal",
    (10, 12): "IV-kwartal",
}


def typed_month(text: str, *, option: str, year: int | None) -> Month:
    """The month named by an option's value; ``year`` is the plan's. Raises UsageError."""
    try:
        term = parse_term(text, default_year=year)
    except TermError as error:
        raise UsageError(_said(text, option, year, error.hint)) from None
    if term.start != term.end:
        raise UsageError(_said(text, option, year, ""))
    return term.start


def _said(text: str, option: str, year: int | None, hint: str) -> str:
    message = _("{option} „{text}” is not a month").format(option=option, text=text)
    written = _YEAR.search(text)
    shown = int(written[0]) if written else example_year(year)
    suggested = _SUGGESTED.search(hint)
    if suggested:
        return with_hint(
            message,
            _("did you mean {option} „{month} {year}”?").format(
                option=option, month=suggested[1], year=shown
            ),
        )
    return with_hint(
        message,
        _("write one month, e.g. {option} „marzec {year}” or {option} {year}-03").format(
            option=option, year=shown
        ),
    )


def typed_period_and_year(text: str) -> tuple[str, int | None]:
    """The report period named by ``--okres`` and the year typed with it, if any („I półrocze
    2026”, „2026”). Raises UsageError."""
    written = _YEAR.search(text)
    if written is None:
        return typed_period(text), None
    after = _YEAR_WORD.sub("", text[written.end() :].strip())
    rest = f"{text[: written.start()]} {after}".strip(" ,-–")
    try:
        return typed_period(rest or "rok"), int(written[0])
    except UsageError:
        raise UsageError(_period_refused(text)) from None


def typed_period(text: str) -> str:
    """The report period named by ``--okres``, as the report names it. Raises UsageError."""
    from osl_plan.report.periods import PERIODS  # the report's modules only when it is made

    for period in PERIODS:
        if text.strip().casefold() == period.casefold():
            return period
    try:
        term = parse_term(text.replace("-", " "), default_year=_NO_YEAR)
    except TermError:
        term = None
    if term is not None and term.start.year == term.end.year == _NO_YEAR and not term.spans:
        found = _PERIOD_MONTHS.get((term.start.month, term.end.month))
        if found is not None:
            return found
    raise UsageError(_period_refused(text))


def _period_refused(text: str) -> str:
    return with_hint(
        _("--okres „{text}” is not a period of the report").format(text=text),
        _("write rok, „I półrocze”, „II półrocze” or a quarter, e.g. „I kwartał”"),
    )
