"""Options as people type them: --okres „I półrocze”, --na marzec (the plan's year), suggestions."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_cli

from osl_plan.errors import UsageError
from osl_plan.terms import Month
from osl_plan.typed_terms import typed_month, typed_period, typed_period_and_year


@pytest.mark.parametrize(
    ("typed", "period"),
    [
        ("rok", "rok"),
        ("cały rok", "rok"),
        ("I-polrocze", "I-polrocze"),
        ("I półrocze", "I-polrocze"),
        ("pierwsze półrocze", "I-polrocze"),
        ("1 półrocze", "I-polrocze"),
        ("II polrocze", "II-polrocze"),
        ("drugie półrocze", "II-polrocze"),
        ("I kwartał", "I-kwartal"),
        ("2 kwartał", "II-kwartal"),
        ("trzeci kwartał", "III-kwartal"),
        ("Q3", "III-kwartal"),
        ("IV kw.", "IV-kwartal"),
        ("iv-kwartal", "IV-kwartal"),
    ],
)
def test_periods_as_typed(typed: str, period: str) -> None:
    assert typed_period(typed) == period


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("I półrocze", ("I-polrocze", None)),
        ("I półrocze 2026", ("I-polrocze", 2026)),
        ("I półrocze 2026 r.", ("I-polrocze", 2026)),
        ("III kwartał 2025 roku", ("III-kwartal", 2025)),
        ("Q3 2025", ("III-kwartal", 2025)),
        ("2026", ("rok", 2026)),
        ("rok 2026", ("rok", 2026)),
    ],
)
def test_a_period_may_carry_its_year(typed: str, found: tuple[str, int | None]) -> None:
    assert typed_period_and_year(typed) == found


@pytest.mark.parametrize("typed", ["marzec 2026", "zima 2026", "V kwartał 2026"])
def test_a_year_does_not_make_a_period_of_what_is_not_one(typed: str, polish: None) -> None:
    with pytest.raises(UsageError, match=f"--okres „{typed}” nie jest okresem sprawozdania"):
        typed_period_and_year(typed)


@pytest.mark.parametrize("typed", ["marzec", "zima", "styczeń – maj", "V kwartał", ""])
def test_what_is_not_a_period_of_the_report_is_refused(typed: str, polish: None) -> None:
    with pytest.raises(UsageError, match="nie jest okresem sprawozdania – wpisz rok"):
        typed_period(typed)


@pytest.mark.parametrize(
    ("typed", "month"),
    [
        ("marzec", Month(2026, 3)),
        ("Marzec", Month(2026, 3)),
        ("marca", Month(2026, 3)),
        ("marzec 2027", Month(2027, 3)),
        ("2027-03", Month(2027, 3)),
        ("03.2026", Month(2026, 3)),
        ("3/2026", Month(2026, 3)),
    ],
)
def test_a_month_without_a_year_takes_the_plans(typed: str, month: Month) -> None:
    assert typed_month(typed, option="--na", year=2026) == month


def test_a_misspelt_month_gets_a_suggestion_in_the_written_year(polish: None) -> None:
    with pytest.raises(UsageError) as caught:
        typed_month("marc 2026", option="--na", year=2031)
    assert str(caught.value) == (
        "--na „marc 2026” nie jest miesiącem – czy chodziło o --na „marzec 2026”?"
    )


def test_examples_use_the_plans_year(polish: None) -> None:
    with pytest.raises(UsageError) as caught:
        typed_month("marzec – maj", option="--miesiac", year=2031)
    assert str(caught.value) == (
        "--miesiac „marzec – maj” nie jest miesiącem – wpisz jeden miesiąc, np. "
        "--miesiac „marzec 2031” albo --miesiac 2031-03"
    )


PLAN = """\
rok: 2026
zadania:
  - zadanie: Spotkania z mieszkańcami
    termin: marzec – maj 2026
  - zadanie: Festyn rodzinny
    termin: czerwiec 2026
"""


def test_status_na_a_month_without_a_year(tmp_path: Path) -> None:
    plan = tmp_path / "plan_2026.yaml"
    plan.write_text(PLAN, encoding="utf-8")
    typed = run_cli("status", plan, "--na", "marzec")
    named = run_cli("status", plan, "--na", "2026-03")
    assert typed.exit_code == 0, typed.stderr
    assert typed.stdout == named.stdout
    assert "marzec 2026" in typed.stdout


def test_lista_miesiac_accepts_what_na_accepts(tmp_path: Path, polish: None) -> None:
    plan = tmp_path / "plan_2026.yaml"
    plan.write_text(PLAN, encoding="utf-8")
    result = run_cli("lista", plan, "--miesiac", "czerwiec", "-o", tmp_path / "listy.docx")
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "listy.docx").stat().st_size > 0
    wrong = run_cli("lista", plan, "--miesiac", "czerwic", "-o", tmp_path / "x.docx")
    assert wrong.exit_code == 2
    assert "czy chodziło o --miesiac „czerwiec 2026”?" in wrong.stderr
    assert not (tmp_path / "x.docx").exists()


def test_report_okres_as_typed(tmp_path: Path) -> None:
    plan = tmp_path / "plan_2026.yaml"
    plan.write_text(PLAN, encoding="utf-8")
    typed = run_cli("report", plan, "--okres", "pierwsze półrocze", "-f", "md", "-o", "-")
    named = run_cli("report", plan, "--okres", "I-polrocze", "-f", "md", "-o", "-")
    assert typed.exit_code == 0, typed.stderr
    assert "I PÓŁROCZE 2026" in typed.stdout
    assert typed.stdout == named.stdout


def test_import_says_a_row_without_task_text_once(tmp_path: Path, polish: None) -> None:
    """Imported with a placeholder, so never also reported as „not imported”."""
    source = tmp_path / "plan.md"
    source.write_text(
        "# Plan organizowania społeczności lokalnej\n\n2024 ROK\n\n"
        "| ZADANIE | ADRESACI | TERMIN |\n|---|---|---|\n"
        "| Spotkania z mieszkańcami | Mieszkańcy | marzec 2024 |\n"
        "|  | Seniorzy | maj 2024 |\n",
        encoding="utf-8",
    )
    result = run_cli("import", source, "-o", tmp_path / "plan.yaml")
    assert result.exit_code == 0, result.stderr
    written = (tmp_path / "plan.yaml").read_text(encoding="utf-8")
    assert "nie zaimportowano" not in result.stderr + written
    assert "wiersz 2: w wierszu brak treści zadania; wpisano „(bez nazwy)” – popraw ją" in (
        result.stderr
    )
    assert "adresaci: Seniorzy" in written
