"""The validator's messages in Polish: whole sentences, the right plural forms, Polish numbers."""

from __future__ import annotations

import pytest

from osl_plan import i18n
from osl_plan.errors import BatchFailed, ExitCode, PlanError, Problem
from osl_plan.load import loads
from osl_plan.newyear import carry_forward
from osl_plan.validate import FileReport
from osl_plan.validate_out import format_text


def _form(n: int, forms: tuple[str, str, str]) -> str:
    """The Polish plural rule as a grammar states it: 1; 2–4 except 12–14; the rest."""
    if n == 1:
        return forms[0]
    if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14):
        return forms[1]
    return forms[2]


@pytest.mark.usefixtures("polish")
def test_problem_count_in_polish_0_to_125() -> None:
    for n in range(1, 126):
        problems = tuple(Problem("x", file="plan.yaml") for _ in range(n))
        report = FileReport("plan.yaml", problems, exit_code=ExitCode.FAILURE)
        summary = format_text([report])[1][-1]
        assert summary == f"plan.yaml: {n} {_form(n, ('problem', 'problemy', 'problemów'))}"
    assert [_form(n, ("1", "2", "5")) for n in (2, 5, 12, 22, 25, 112, 122)] == list("2552552")


@pytest.mark.usefixtures("polish")
def test_unreadable_file_is_a_polish_error() -> None:
    report = FileReport("x.yaml", unreadable="x.yaml: …", exit_code=ExitCode.USAGE)
    assert format_text([report])[1] == ["Błąd: x.yaml: …"]


@pytest.mark.usefixtures("polish")
@pytest.mark.parametrize(
    ("written", "rest"),
    [
        (0, "nie zapisano żadnego"),
        (1, "pozostały 1 plan zapisano"),
        (3, "pozostałe 3 plany zapisano"),
        (5, "pozostałe 5 planów zapisano"),
        (12, "pozostałe 12 planów zapisano"),
        (22, "pozostałe 22 plany zapisano"),
    ],
)
def test_batch_summary_in_polish(written: int, rest: str) -> None:
    failures = [("a.yaml", ["a.yaml: błąd"], ExitCode.FAILURE)]
    lines = BatchFailed(failures, written=written).lines()
    if written == 0:  # one plan alone: its error says everything
        assert lines == ["a.yaml: błąd"]
        lines = BatchFailed(failures * 2, written=0).lines()
        assert lines[-1] == "Nie powiodło się: 2 z 2 planów (błędy powyżej); nie zapisano żadnego"
        return
    assert lines[-1] == f"Nie powiodło się: 1 z {written + 1} planów (błędy powyżej); {rest}"


def test_batch_summary_in_english() -> None:
    failures = [("a.yaml", ["a.yaml: bad"], ExitCode.FAILURE)]
    assert BatchFailed(failures, written=1).lines()[-1] == (
        "1 of 2 plans failed (above); the other 1 was written"
    )
    assert BatchFailed(failures * 2, written=0).lines()[-1] == (
        "2 of 2 plans failed (above); none was written"
    )


def _problems(text: str) -> list[Problem]:
    with pytest.raises(PlanError) as caught:
        loads(text, "plan.yaml")
    return caught.value.problems


@pytest.mark.usefixtures("polish")
@pytest.mark.parametrize(
    ("length", "word"), [(65, "znaków"), (72, "znaki"), (101, "znaków"), (124, "znaki")]
)
def test_too_long_counts_characters_in_polish(length: int, word: str) -> None:
    [problem] = _problems(
        f"rok: 2023\nzadania:\n  - zadanie: A\n    termin: maj\n    id: {'a' * length}\n"
    )
    assert problem.message == f"za długi tekst ({length} {word}; najwyżej 64)"
    assert problem.code == "text-too-long"


def test_numbers_are_grouped_as_the_reader_expects(monkeypatch: pytest.MonkeyPatch) -> None:
    assert i18n.number(20_001) == "20,001"
    monkeypatch.setenv("OSL_PLAN_LANG", "pl")
    assert i18n.number(20_001) == "20\u00a0001"
    assert i18n.number(5000) == "5000"


@pytest.mark.usefixtures("polish")
def test_wrong_kinds_are_whole_polish_sentences() -> None:
    problems = _problems(
        "rok: true\ntytul: [a]\nzadania:\n  - zadanie: {a: 1, b: 2}\n    termin: maj 2023\n"
        "    dzialania: 5\npodpisy: tekst\n"
    )
    said = {p.field: (p.message, p.code) for p in problems}
    assert said == {
        "rok": ("wartość musi być rokiem, np. 2023", "invalid-year"),
        "tytul": ("wartość musi być tekstem, a nie listą", "expected-text"),
        "zadania[1].zadanie": ("wartość musi być tekstem, a nie zbiorem kluczy", "expected-text"),
        "zadania[1].dzialania": ("wartość musi być listą, a nie liczbą", "expected-list"),
        "podpisy": ("wartość musi być zbiorem kluczy, a nie tekstem", "expected-mapping"),
    }


@pytest.mark.usefixtures("polish")
@pytest.mark.parametrize(
    ("year", "line"),
    [
        (2024, "Przesunięto o 1 rok do przodu: klucz „rok” i termin każdego zadania (1)."),
        (2025, "Przesunięto o 2 lata do przodu: klucz „rok” i termin każdego zadania (1)."),
        (2028, "Przesunięto o 5 lat do przodu: klucz „rok” i termin każdego zadania (1)."),
        (2045, "Przesunięto o 22 lata do przodu: klucz „rok” i termin każdego zadania (1)."),
    ],
)
def test_new_year_summary_in_polish(year: int, line: str) -> None:
    plan = loads("rok: 2023\nzadania:\n  - zadanie: A\n    termin: maj 2023\n").plan
    summary = carry_forward(plan, year, source="plan.yaml").summary
    assert summary[0] == (
        f"Projekt na {year} r. przeniesiony z planu na 2023 r. (plan.yaml) poleceniem osl-plan new."
    )
    assert summary[1] == line
