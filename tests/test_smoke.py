"""The example plan loads, and the CLI answers."""

from pathlib import Path

from helpers import run_cli

from osl_plan.load import load


def test_example_2023_has_all_18_tasks(example_2023: Path) -> None:
    plan = load(example_2023).plan
    assert plan.rok == 2023
    assert len(plan.zadania) == 18
    assert plan.zadania[4].zadanie.startswith("Partnerstwo przy organizacji „Ferii na sportowo”")
    assert plan.zadania[16].zadanie.endswith("grupy inicjatywne wśród mieszkańców")


def test_version() -> None:
    result = run_cli("--version")
    assert result.exit_code == 0
    assert result.stdout.startswith("osl-plan ")
