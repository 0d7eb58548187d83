"""diff of two 20,000-task plans takes at most twice the time of validating both."""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest
import yaml

from osl_plan.diff import diff_loaded
from osl_plan.load import load

SOLECTWA = ("Bydlin", "Chechło", "Cieślin", "Golczowice", "Jaroszowiec", "Kolbark", "Rodaki")


def _plan(year: int, count: int, rng: random.Random | None) -> dict[str, object]:
    tasks = [
        {
            "zadanie": f"Partnerstwo przy organizacji „Wakacje {year}” w sołectwie "
            f"{SOLECTWA[k % 7]}, edycja {k // 7 + 1} ({k})",
            "adresaci": "Mieszkańcy Gminy Klucze",
            "termin": f"{('Maj', 'Czerwiec', 'Lipiec')[k % 3]} {year}",
        }
        for k in range(count)
    ]
    if rng is not None:  # 10 % edited, 2 % replaced, a few swapped
        for k in rng.sample(range(count), count // 10):
            tasks[k]["zadanie"] += " oraz mieszkańców"
        for k in rng.sample(range(count), count // 50):
            tasks[k] = {"zadanie": f"Warsztaty rękodzieła, grupa R{k}", "termin": f"Marzec {year}"}
        for _ in range(20):
            i, j = rng.randrange(count), rng.randrange(count)
            tasks[i], tasks[j] = tasks[j], tasks[i]
    return {"rok": year, "zadania": tasks}


@pytest.mark.slow
def test_diff_of_20000_tasks_within_twice_validation(tmp_path: Path) -> None:
    old, new = tmp_path / "plan_2022.yaml", tmp_path / "plan_2023.yaml"
    old.write_text(yaml.safe_dump(_plan(2022, 20_000, None), allow_unicode=True), "utf-8")
    new.write_text(
        yaml.safe_dump(_plan(2023, 20_000, random.Random(7)), allow_unicode=True), "utf-8"
    )
    start = time.perf_counter()
    loaded = load(old), load(new)
    validated = time.perf_counter() - start
    start = time.perf_counter()
    result = diff_loaded(*loaded)
    compared = time.perf_counter() - start
    assert len(result.added) == len(result.removed) == 400
    assert len(result.changed) >= 2000
    assert compared <= 2 * validated, f"diff {compared:.2f}s, validation {validated:.2f}s"
