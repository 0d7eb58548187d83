"""``osl-plan status``: what runs this month, what starts next month, what is overdue."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import EXAMPLES, run_cli

from osl_plan.errors import UsageError
from osl_plan.load import loads
from osl_plan.plan_status import parse_month, plan_status
from osl_plan.terms import Month

PLAN = """\
rok: 2025
zadania:
  - zadanie: Spotkania co miesiąc
    termin: cały rok 2025
  - zadanie: Ferie
    termin: styczeń – luty 2025
  - zadanie: Festyn
    termin: kwiecień 2025
    realizacja:
      status: zrealizowane
  - zadanie: Kiermasz
    termin: luty 2025
    realizacja:
      status: w trakcie
  - zadanie: Rajd
    termin: marzec 2025
"""


@pytest.fixture
def plan_file(tmp_path: Path) -> Path:
    path = tmp_path / "plan.yaml"
    path.write_text(PLAN, encoding="utf-8")
    return path


def test_running_starting_and_overdue_in_march() -> None:
    report = plan_status(loads(PLAN, "plan.yaml"), Month(2025, 3))
    assert [s.number for s in report.running] == [1, 5]
    assert [s.number for s in report.starting] == [3]
    # Ferie: term ended, nothing recorded; Kiermasz: term ended, only „w trakcie” recorded.
    assert [s.number for s in report.overdue] == [2, 4]
    assert report.overdue[0].line == 5


def test_nothing_overdue_at_the_start_of_the_year() -> None:
    report = plan_status(loads(PLAN, "plan.yaml"), Month(2025, 1))
    assert report.overdue == ()
    assert [s.number for s in report.starting] == [4]


@pytest.mark.parametrize("text", ["2025-03", "03.2025", "3/2025", "marzec 2025", "Marzec 2025"])
def test_month_forms(text: str) -> None:
    assert parse_month(text) == Month(2025, 3)


@pytest.mark.parametrize("text", ["2025-13", "marzec – maj 2025", "wczoraj"])
def test_bad_month_is_a_usage_error(text: str) -> None:
    with pytest.raises(UsageError, match="--na"):
        parse_month(text)


def test_plain_text_when_piped_and_exit_code(plan_file: Path) -> None:
    result = run_cli("status", plan_file, "--na", "2025-03")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"{plan_file} – marzec 2025"
    assert "Running this month (marzec 2025): 2" in lines
    assert "Starting next month (kwiecień 2025): 1" in lines
    assert "Overdue (the term has ended; nothing recorded, or only „w trakcie”): 2" in lines
    assert "  2. Ferie | Styczeń – luty 2025 | nothing recorded" in lines
    assert "\x1b[" not in result.stdout  # no colour in a pipe
    failing = run_cli("status", plan_file, "--na", "2025-03", "--exit-code")
    assert failing.exit_code == 1
    fine = run_cli("status", plan_file, "--na", "2025-01", "--exit-code")
    assert fine.exit_code == 0


def test_json_and_github(plan_file: Path) -> None:
    data = json.loads(run_cli("status", plan_file, "--na", "2025-03", "-f", "json").stdout)
    assert data["month"] == "2025-03"
    assert data["counts"] == {"running": 2, "starting": 1, "overdue": 2}
    assert [t["zadanie"] for t in data["overdue"]] == ["Ferie", "Kiermasz"]
    assert data["overdue"][1]["status"] == "w trakcie"
    github = run_cli("status", plan_file, "--na", "2025-03", "-f", "github").stdout.splitlines()
    assert [line.split(" ", 1)[0] for line in github] == ["::warning", "::warning", "::notice"]
    assert ",line=5," in github[0]


def test_polish_output(plan_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OSL_PLAN_LANG", "pl")
    result = run_cli("status", plan_file, "--na", "2025-03")
    heading = (
        "Zaległe (termin minął; brak informacji o realizacji albo tylko status „w trakcie”): 2"
    )
    assert heading in result.stdout
    assert "  2. Ferie | Styczeń – luty 2025 | brak informacji o realizacji" in result.stdout
    assert "  4. Kiermasz | Luty 2025 | w trakcie realizacji" in result.stdout
    assert result.stdout.rstrip().endswith("2 zadania zaległe")


def test_default_month_is_today_and_bad_input_is_located(tmp_path: Path) -> None:
    result = run_cli("status", EXAMPLES / "plan_2023_realizacja.yaml")
    assert result.exit_code == 0, result.stderr
    bad = tmp_path / "bad.yaml"
    bad.write_text(PLAN.replace("status: w trakcie", "status: chyba"), encoding="utf-8")
    failed = run_cli("status", bad)
    assert failed.exit_code == 1
    assert "bad.yaml:14:15: zadania[4].realizacja.status" in failed.stderr
    # --na marzec takes the plan's year, so the plan is read first
    usage = run_cli("status", EXAMPLES / "plan_2023_realizacja.yaml", "--na", "13.2025")
    assert usage.exit_code == 2


def test_polish_problem_in_the_realisation(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OSL_PLAN_LANG", "pl")
    bad = tmp_path / "bad.yaml"
    bad.write_text(PLAN.replace("status: w trakcie", "status: zrealizowno"), encoding="utf-8")
    failed = run_cli("report", bad, "-f", "md", "-o", "-")
    assert failed.exit_code == 1
    assert (
        "bad.yaml:14:15: zadania[4].realizacja.status: „zrealizowno” nie jest statusem – "
        "czy chodziło o „zrealizowane”? Dozwolone: zrealizowane, częściowo, niezrealizowane, "
        "w trakcie"
    ) in failed.stderr
    ok = run_cli("report", EXAMPLES / "plan_2023_realizacja.yaml", "-f", "md", "-o",
                 tmp_path / "s.md")  # fmt: skip
    assert ok.exit_code == 0
    assert ok.stderr.strip() == f"Zapisano {tmp_path / 's.md'}"
