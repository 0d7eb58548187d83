"""Terms as people write them parse into month ranges; wrong ones say why and how to fix them."""

from __future__ import annotations

import pytest

from osl_plan.term_parse import parse_term
from osl_plan.terms import Month, Term, TermError, format_range, shift_years_in_text

Y = 2023


def months(text: str, default_year: int | None = Y) -> tuple[tuple[int, int], tuple[int, int]]:
    term = parse_term(text, default_year=default_year)
    return (term.start.year, term.start.month), (term.end.year, term.end.month)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        # as written in the 2023 plan
        ("Styczeń- grudzień 2023", (Y, 1), (Y, 12)),
        ("Styczeń – luty 2023", (Y, 1), (Y, 2)),
        ("Marzec 2023", (Y, 3), (Y, 3)),
        ("Maj - Czerwiec 2023", (Y, 5), (Y, 6)),
        ("Czerwiec – Październik 2023", (Y, 6), (Y, 10)),
        ("Listopad – grudzień 2023", (Y, 11), (Y, 12)),
        # case, dashes, spacing, diacritics left out
        ("MARZEC-MAJ 2023", (Y, 3), (Y, 5)),
        ("marzec—maj 2023", (Y, 3), (Y, 5)),
        ("marzec\u00a0– maj 2023", (Y, 3), (Y, 5)),
        ("marzec  -  maj   2023", (Y, 3), (Y, 5)),
        ("pazdziernik 2023", (Y, 10), (Y, 10)),
        ("sty – mar 2023", (Y, 1), (Y, 3)),
        # across New Year
        ("grudzień 2023 – styczeń 2024", (Y, 12), (2024, 1)),
        ("wrzesień 2023 - czerwiec 2024", (Y, 9), (2024, 6)),
        # quarters and half-years
        ("I kwartał 2023", (Y, 1), (Y, 3)),
        ("IV kw. 2023", (Y, 10), (Y, 12)),
        ("II–III kwartał 2023", (Y, 4), (Y, 9)),
        ("I-II kwartał 2023", (Y, 1), (Y, 6)),
        ("II półrocze 2023", (Y, 7), (Y, 12)),
        ("I półrocze", (Y, 1), (Y, 6)),
        # the whole year
        ("cały rok 2023", (Y, 1), (Y, 12)),
        ("2023", (Y, 1), (Y, 12)),
        ("rok 2023", (Y, 1), (Y, 12)),
        ("2023 r.", (Y, 1), (Y, 12)),
        ("cały rok", (Y, 1), (Y, 12)),
        ("przez cały rok", (Y, 1), (Y, 12)),
        ("w ciągu roku", (Y, 1), (Y, 12)),
        ("na bieżąco", (Y, 1), (Y, 12)),
        ("w miarę potrzeb", (Y, 1), (Y, 12)),
        ("według potrzeb", (Y, 1), (Y, 12)),
        ("do końca roku", (Y, 1), (Y, 12)),  # the same as the open-ended „do grudnia”
        ("do grudnia", (Y, 1), (Y, 12)),
        ("Do końca roku 2023", (Y, 1), (Y, 12)),
        ("do końca 2023 r.", (Y, 1), (Y, 12)),
        ("w ciągu roku 2023", (Y, 1), (Y, 12)),
        ("2023–2024", (Y, 1), (2024, 12)),
        # genitive, numeric and Roman months; days are kept as their months
        ("od marca do czerwca 2023", (Y, 3), (Y, 6)),
        ("03.2023", (Y, 3), (Y, 3)),
        ("2023-03", (Y, 3), (Y, 3)),
        ("03-06.2023", (Y, 3), (Y, 6)),
        ("III 2023", (Y, 3), (Y, 3)),
        ("III–VI 2023", (Y, 3), (Y, 6)),
        ("15 maja 2023", (Y, 5), (Y, 5)),
        ("29.02.2024", (2024, 2), (2024, 2)),
        ("28.02.2025", (2025, 2), (2025, 2)),  # a leap day moved by osl-plan new
        # days of one month, not months: "3-5 lipca" was read as March to July
        ("3-5 lipca", (Y, 7), (Y, 7)),
        ("15–16 maja 2023", (Y, 5), (Y, 5)),
        ("1 - 2 czerwca 2023 r.", (Y, 6), (Y, 6)),
        ("15.05-16.05.2023", (Y, 5), (Y, 5)),
        ("30.05.-2.06.2023", (Y, 5), (Y, 6)),
        ("od 15.03.2023", (Y, 3), (Y, 12)),
        ("do 30.06.2023", (Y, 1), (Y, 6)),
        ("2023-05-15", (Y, 5), (Y, 5)),
        ("2023-05-15 – 2023-06-30", (Y, 5), (Y, 6)),
        ("„maj 2023”", (Y, 5), (Y, 5)),  # quotes put around it by a word processor
        ("29 lutego", (Y, 2), (Y, 2)),
        ("15.05.2023 – 30.06.2023", (Y, 5), (Y, 6)),
        ("marzec 2023 r.", (Y, 3), (Y, 3)),
        ("maj 2023r.", (Y, 5), (Y, 5)),
        ("październik – grudzień 2023 roku", (Y, 10), (Y, 12)),
        # forms real plans use (decided and documented in terms.py and the README)
        ("od września 2023", (Y, 9), (Y, 12)),
        ("od 1 września 2023", (Y, 9), (Y, 12)),
        ("do czerwca 2023", (Y, 1), (Y, 6)),
        ("do 30 czerwca 2023", (Y, 1), (Y, 6)),
        ("do końca czerwca 2023", (Y, 1), (Y, 6)),
        ("do końca grudnia", (Y, 1), (Y, 12)),
        # common ways of naming a part of the year (issue: refused before)
        ("pierwsze półrocze 2023", (Y, 1), (Y, 6)),
        ("drugie półrocze", (Y, 7), (Y, 12)),
        ("w drugim półroczu 2023 r.", (Y, 7), (Y, 12)),
        ("I połowa 2023", (Y, 1), (Y, 6)),
        ("druga połowa roku", (Y, 7), (Y, 12)),
        ("w pierwszej połowie 2023 roku", (Y, 1), (Y, 6)),
        ("ostatni kwartał 2023", (Y, 10), (Y, 12)),
        ("w ostatnim kwartale roku", (Y, 10), (Y, 12)),
        ("trzeci kwartał 2023", (Y, 7), (Y, 9)),
        ("w I kwartale 2023", (Y, 1), (Y, 3)),
        ("1. kwartał 2023", (Y, 1), (Y, 3)),
        ("Q4 2023", (Y, 10), (Y, 12)),
        ("cały 2023 rok", (Y, 1), (Y, 12)),
        ("przez cały 2023 rok", (Y, 1), (Y, 12)),
        ("2023 rok", (Y, 1), (Y, 12)),
        ("XI.2023", (Y, 11), (Y, 11)),
        ("15.XI.2023", (Y, 11), (Y, 11)),
        ("11/2023", (Y, 11), (Y, 11)),
        ("09/2023 – 12/2023", (Y, 9), (Y, 12)),
        ("przełom maja i czerwca 2023", (Y, 5), (Y, 6)),
        ("na przełomie maja i czerwca", (Y, 5), (Y, 6)),
        ("przełom grudnia 2023 i stycznia 2024", (Y, 12), (2024, 1)),
        ("początek maja 2023", (Y, 5), (Y, 5)),
        ("pod koniec czerwca 2023", (Y, 6), (Y, 6)),
        ("w połowie września", (Y, 9), (Y, 9)),
        ("w maju 2023", (Y, 5), (Y, 5)),
        ("we wrześniu", (Y, 9), (Y, 9)),
        ("rok szkolny 2023/2024", (Y, 9), (2024, 6)),
        ("lipiec, sierpień 2023", (Y, 7), (Y, 8)),
        ("lipiec i sierpień 2023", (Y, 7), (Y, 8)),
        ("lipiec/sierpień 2023", (Y, 7), (Y, 8)),
        ("październik, listopad i grudzień 2023", (Y, 10), (Y, 12)),
        ("wakacje 2023", (Y, 7), (Y, 8)),
        ("ferie zimowe 2023", (Y, 1), (Y, 2)),
        # a side without a year takes the other side's, or the plan's
        ("marzec", (Y, 3), (Y, 3)),
        ("czerwiec-wrzesień", (Y, 6), (Y, 9)),
        ("maj – lipiec", (Y, 5), (Y, 7)),
    ],
)
def test_accepted_forms(text: str, start: tuple[int, int], end: tuple[int, int]) -> None:
    assert months(text) == (start, end)


def test_text_as_written_is_kept() -> None:
    term = parse_term("  Maj - Czerwiec 2023 ", default_year=Y)
    assert term.text == "Maj - Czerwiec 2023"


@pytest.mark.parametrize(
    ("text", "message", "hint"),
    [
        ("Smarzec 2023", "„Smarzec 2023” is not a month", "did you mean „marzec”?"),
        ("march 2023", "is not a month", "did you mean „marzec”?"),
        ("wiosna 2023", "is a season", "„marzec – maj 2023”"),
        ("jesienią", "is a season", "„wrzesień – listopad”"),
        ("zima 2024", "is a season", "„grudzień 2023 – luty 2024”"),
        ("zima", "is a season", "„styczeń – luty”"),
        ("31.06.2023", "names day 31 of czerwiec, which has 30 days", "„czerwiec 2023”"),
        ("30.02.2023", "names day 30 of luty, which has 28 days", "„luty 2023”"),
        ("30.02.2024", "names day 30 of luty, which has 29 days", "„luty 2024”"),
        ("29.02.2023", "names 29 February, but 2023 is not a leap year", "„28.02.2023”"),
        ("15.05.2023 – 31.06.2023", "names day 31 of czerwiec", "check the day"),
        ("32 maja 2023", "names day 32 of maj", "„maj 2023”"),
        ("0.05.2023", "names day 0 of maj", "check the day"),
        ("30-31 czerwca 2023", "names day 31 of czerwiec", "„czerwiec 2023”"),
        ("Czerwiec – marzec 2023", "ends before it starts", "„grudzień 2023 – styczeń 2024”"),
        ("V kwartał 2023", "names a kwartał that does not exist", "I, II, III, IV"),
        ("III półrocze 2023", "names a półrocze that does not exist", "I, II"),
        ("13.2023", "names month 13", "1–12"),
        ("marzec – maj – czerwiec 2023", "has more than one dash", "one range"),
        ("", "the term is empty", ""),
        ("cyklicznie", "says how often, not in which months", "„styczeń – grudzień 2023”"),
        ("raz w kwartale", "says how often, not in which months", "„I–IV kwartał 2023”"),
        ("co kwartał", "says how often", "„I–IV kwartał 2023”"),
        ("po remoncie", "is not a month", "„cały rok 2023”"),
        ("kwieceń 2023", "„kwieceń 2023” is not a month", "did you mean „kwiecień”?"),
        ("początek roku", "„początek roku” does not say which months", "„styczeń – luty 2023”"),
        ("na początku 2023 r.", "does not say which months", "„styczeń – luty 2023”"),
        ("w połowie roku", "„w połowie roku” does not say which months", "„czerwiec – lipiec"),
        ("pod koniec roku", "does not say which months", "„listopad – grudzień 2023”"),
        ("przełom roku", "does not say which months", "„grudzień 2023 – styczeń 2024”"),
        ("przełom 2023 i 2024 roku", "does not say which", "„grudzień 2023 – styczeń 2024”"),
        ("2023/2024", "„2023/2024” does not say which months", "„wrzesień 2023 – czerwiec 2024”"),
        ("grudzień, styczeń", "lists months out of order", "„grudzień 2023, styczeń 2024”"),
    ],
)
def test_rejected_forms_say_why_and_how(text: str, message: str, hint: str) -> None:
    with pytest.raises(TermError) as caught:
        parse_term(text, default_year=Y)
    assert message in caught.value.message
    assert hint in caught.value.hint
    assert '"' not in caught.value.message + caught.value.hint, "Polish quotes „…” in messages"


def test_a_term_without_any_year_needs_one() -> None:
    with pytest.raises(TermError, match="has no year") as caught:
        parse_term("marzec – maj")
    assert caught.value.hint.startswith("add the year („marzec – maj 2023”); a term without one")


def test_no_misleading_suggestion_for_words_that_are_not_months() -> None:
    with pytest.raises(TermError) as caught:
        parse_term("po zakończeniu remontu", default_year=Y)
    assert "did you mean" not in caught.value.hint


@pytest.mark.parametrize(
    ("start", "end", "printed"),
    [
        (Month(Y, 6), Month(Y, 10), "Czerwiec\u00a0– październik 2023"),
        (Month(Y, 3), Month(Y, 3), "Marzec 2023"),
        (Month(Y, 12), Month(2024, 1), "Grudzień 2023\u00a0– styczeń 2024"),
    ],
)
def test_printed_form(start: Month, end: Month, printed: str) -> None:
    assert Term("x", start, end).printed() == printed
    assert format_range(start, end, nbsp=False) == printed.replace("\u00a0", " ")


def test_months_of_a_range() -> None:
    term = parse_term("listopad 2023 – luty 2024")
    assert [(m.year, m.month) for m in term.months()] == [(Y, 11), (Y, 12), (2024, 1), (2024, 2)]
    assert term.overlaps_year(2023) and term.overlaps_year(2024)
    assert not term.overlaps_year(2022)


def test_shifted_moves_the_years_written_in_the_text() -> None:
    term = parse_term("grudzień 2023 – styczeń 2024").shifted(1)
    assert term.text == "grudzień 2024 – styczeń 2025"
    assert (term.start, term.end) == (Month(2024, 12), Month(2025, 1))
    assert shift_years_in_text("Wakacje 2023, ul. 1999", 1, {2023}) == "Wakacje 2024, ul. 1999"


@pytest.mark.parametrize("text", [".", "–", " - ", "..", "r."])
def test_punctuation_alone_is_a_term_error_not_a_crash(text: str) -> None:
    with pytest.raises(TermError, match="is not a month"):
        parse_term(text, default_year=2023)


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("cyklicznie", "„styczeń – grudzień 2024”"),
        ("raz w kwartale", "„I–IV kwartał 2024”"),
        ("raz w kwartale 2025", "„I–IV kwartał 2025”"),  # the year written wins
        ("marzec – maj – czerwiec", "„marzec – czerwiec 2024”"),
        ("marzec – maj – czerwiec", "„styczeń – marzec 2024, wrzesień – grudzień 2024”"),
        ("lipiec, coś", "„styczeń – czerwiec 2024”"),
        ("początek roku", "„styczeń – luty 2024”"),
        ("czerwiec – marzec", "„grudzień 2024 – styczeń 2025”"),
        ("po remoncie", "„marzec 2024”, „styczeń – czerwiec 2024”"),
        ("–", "„I kwartał 2024”, „cały rok 2024”"),
    ],
)
def test_hints_show_the_plans_year(text: str, hint: str) -> None:
    with pytest.raises(TermError) as caught:
        parse_term(text, default_year=2024)
    assert hint in caught.value.hint
    assert "2023" not in caught.value.hint


@pytest.mark.parametrize(
    ("text", "ranges", "printed"),
    [
        (
            "styczeń – czerwiec 2025, wrzesień – grudzień 2025",
            [((2025, 1), (2025, 6)), ((2025, 9), (2025, 12))],
            "Styczeń – czerwiec 2025, wrzesień – grudzień 2025",
        ),
        (
            "Styczeń-czerwiec, wrzesień-grudzień 2025",  # the year written once, at the end
            [((2025, 1), (2025, 6)), ((2025, 9), (2025, 12))],
            "Styczeń – czerwiec 2025, wrzesień – grudzień 2025",
        ),
        (
            "II, IV kwartał 2025",
            [((2025, 4), (2025, 6)), ((2025, 10), (2025, 12))],
            "Kwiecień – czerwiec 2025, październik – grudzień 2025",
        ),
        (
            "I i III kwartał",
            [((2025, 1), (2025, 3)), ((2025, 7), (2025, 9))],
            "Styczeń – marzec 2025, lipiec – wrzesień 2025",
        ),
        ("marzec, czerwiec 2025", [((2025, 3), (2025, 3)), ((2025, 6), (2025, 6))], None),
        ("ferie zimowe i wakacje", [((2025, 1), (2025, 2)), ((2025, 7), (2025, 8))], None),
        (
            "od marca do czerwca; od września do listopada 2025",
            [((2025, 3), (2025, 6)), ((2025, 9), (2025, 11))],
            None,
        ),
        # ranges that touch or overlap are one: the same months give the same term
        ("styczeń – marzec, kwiecień – czerwiec 2025", [((2025, 1), (2025, 6))], None),
        ("marzec – październik, wrzesień – grudzień", [((2025, 3), (2025, 12))], None),
        ("lipiec, sierpień 2025", [((2025, 7), (2025, 8))], "Lipiec – sierpień 2025"),
    ],
)
def test_a_term_may_be_several_ranges(
    text: str, ranges: list[tuple[tuple[int, int], tuple[int, int]]], printed: str | None
) -> None:
    term = parse_term(text, default_year=2025)
    got = [((s.year, s.month), (e.year, e.month)) for s, e in term.ranges]
    assert got == ranges
    assert (term.start, term.end) == (Month(*ranges[0][0]), Month(*ranges[-1][1]))
    if printed is not None:
        assert term.printed(nbsp=False) == printed
        # the printed form reads back as the same months (import keeps it)
        assert parse_term(term.printed(), default_year=None).ranges == term.ranges


def test_months_and_cover_of_several_ranges() -> None:
    term = parse_term("II, IV kwartał 2025")
    assert [m.month for m in term.months()] == [4, 5, 6, 10, 11, 12]
    assert term.covers(Month(2025, 5)) and not term.covers(Month(2025, 8))
    assert term.overlaps_year(2025) and not term.overlaps_year(2024)


def test_several_ranges_move_together() -> None:
    term = parse_term("styczeń – czerwiec 2025, wrzesień – grudzień 2025").shifted(1)
    assert term.text == "styczeń – czerwiec 2026, wrzesień – grudzień 2026"
    assert term.ranges == parse_term(term.text).ranges
    assert term.printed(nbsp=False) == "Styczeń – czerwiec 2026, wrzesień – grudzień 2026"


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("kwieceń 2025", "did you mean „kwiecień”?"),
        ("Smarzec 2025", "did you mean „marzec”?"),
        ("grudzein 2025", "did you mean „grudzień”?"),
        ("march 2025", "did you mean „marzec”? months are written in Polish"),
        ("October 2025", "did you mean „październik”? months are written in Polish"),
        ("Juli 2025", "did you mean „lipiec”? months are written in Polish"),
    ],
)
def test_months_are_written_in_polish_is_said_only_to_other_languages(text: str, hint: str) -> None:
    with pytest.raises(TermError) as caught:
        parse_term(text, default_year=2025)
    assert caught.value.hint == hint


def test_just_after_the_year() -> None:
    assert parse_term("styczeń 2026").just_after_year(2025)
    assert parse_term("styczeń – marzec 2026").just_after_year(2025)
    assert not parse_term("styczeń – kwiecień 2026").just_after_year(2025)
    assert not parse_term("grudzień 2025 – styczeń 2026").just_after_year(2025)
    assert not parse_term("styczeń 2025").just_after_year(2025)


def test_decomposed_letters_read_as_composed() -> None:
    import unicodedata

    text = unicodedata.normalize("NFD", "październik – grudzień 2025")
    assert parse_term(text).ranges == parse_term("październik – grudzień 2025").ranges


def test_every_form_in_the_readmes_term_table_is_accepted() -> None:
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("### Terms") : readme.index("### Warnings")]
    rows = [line for line in table.splitlines() if line.startswith("| ") and "`" in line]
    examples = [e for row in rows for e in row.split(" | ")[1].split("`")[1::2]]
    assert len(rows) >= 12 and len(examples) >= 60
    for example in examples:
        parse_term(example, default_year=2023)  # raises TermError for a form that is not accepted


@pytest.mark.parametrize(
    ("written", "printed"),
    [
        ("08.03.2025", "8 marca 2025"),
        ("6 grudnia 2025", "6 grudnia 2025"),
        ("2025-05-15", "15 maja 2025"),
        ("15-16 maja 2025", "15–16 maja 2025"),
        ("15.05-16.05.2025", "15–16 maja 2025"),
        ("15.05.2025 – 30.06.2025", "15.05 – 30.06.2025"),
        ("15.05 – 30.06.2025", "15.05 – 30.06.2025"),
        ("15.12.2025 - 10.01.2026", "15.12.2025 – 10.01.2026"),
        # Months and quarters normalise as before; a day on one side only prints the months.
        ("Marzec 2025", "Marzec 2025"),
        ("03-06.2025", "Marzec – czerwiec 2025"),
        ("I kwartał 2025", "Styczeń – marzec 2025"),
        ("15 maja – czerwiec 2025", "Maj – czerwiec 2025"),
        # An open start keeps its words: „Marzec – grudzień” dropped the day and added an end.
        ("od 15.03.2025", "Od 15.03.2025"),
    ],
)
def test_days_are_kept_when_printed(written: str, printed: str) -> None:
    term = parse_term(written, default_year=2025)
    assert term.printed(nbsp=False) == printed
    assert term.printed(nbsp=True).replace("\u00a0", " ") == printed
