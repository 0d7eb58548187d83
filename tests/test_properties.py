"""Properties: generated plans load from YAML; terms print and parse back to the same range."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from helpers import examples
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import plan_data

from osl_plan.load import loads
from osl_plan.term_parse import parse_term
from osl_plan.terms import MONTHS_GENITIVE, MONTHS_NOMINATIVE, Month, format_range

_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


@pytest.mark.slow
@settings(max_examples=examples(150), deadline=None)
@given(plan_data())
def test_generated_plans_load(data: dict[str, Any]) -> None:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    loaded = loads(text.encode("utf-8"), "generated.yaml")
    assert loaded.plan.rok == data["rok"]
    assert [t.zadanie for t in loaded.plan.zadania] == [
        t["zadanie"].strip() for t in data["zadania"]
    ]
    assert len(loaded.task_lines) == len(data["zadania"])


@st.composite
def ranges(draw: st.DrawFn) -> tuple[Month, Month]:
    start = Month(draw(st.integers(2000, 2099)), draw(st.integers(1, 12)))
    length = draw(st.integers(0, 23))
    return start, Month.from_index(start.index + length)


@given(ranges())
def test_printed_terms_parse_back_to_the_same_range(span: tuple[Month, Month]) -> None:
    start, end = span
    for nbsp in (True, False):
        term = parse_term(format_range(start, end, nbsp=nbsp))
        assert (term.start, term.end) == (start, end)
        again = parse_term(term.printed(nbsp=nbsp))
        assert (again.start, again.end) == (start, end)


@st.composite
def written_ranges(draw: st.DrawFn) -> tuple[str, Month, Month]:
    """A range within one year written in one of the many styles people use."""
    year = draw(st.integers(2000, 2099))
    first = draw(st.integers(1, 12))
    last = draw(st.integers(first, 12))
    dash = draw(st.sampled_from(["-", "–", "—", " - ", " – ", " — ", "- ", " -", "\u00a0– "]))
    style = draw(st.sampled_from(["nominative", "genitive", "od-do", "roman", "numeric", "short"]))
    name = MONTHS_NOMINATIVE if style != "genitive" else MONTHS_GENITIVE
    case = draw(st.sampled_from([str.lower, str.upper, str.capitalize, str.title]))
    a, b = name[first - 1], name[last - 1]
    if style == "od-do":
        text = f"od {MONTHS_GENITIVE[first - 1]} do {MONTHS_GENITIVE[last - 1]} {year}"
    elif style == "roman":
        text = f"{_ROMAN[first - 1]}{dash}{_ROMAN[last - 1]} {year}"
    elif style == "numeric":
        text = f"{first:02d}{dash.strip() or '-'}{last:02d}.{year}"
    elif style == "short":
        text = f"{a[:3]}{dash}{b[:3]} {year}"
    else:
        text = f"{case(a)}{dash}{case(b)} {year}"
    if first == last and style in {"nominative", "genitive"}:
        text = f"{case(a)} {year}"
    suffix = draw(st.sampled_from(["", " r.", "r.", " roku"]))
    return text + suffix, Month(year, first), Month(year, last)


@settings(max_examples=examples(400))
@given(written_ranges())
def test_ranges_written_in_many_styles(case: tuple[str, Month, Month]) -> None:
    text, start, end = case
    term = parse_term(text)
    assert (term.start, term.end) == (start, end), text
    assert term.text == text.strip()
