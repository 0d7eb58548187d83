"""A loose complexity guard: four times the tasks must not take much more than four times as long.

Linear work gives a ratio near 4, quadratic work near 16; the bound of 8 leaves room for a loaded
machine without letting an O(n²) slip through. No absolute timings: the size is calibrated on the
machine running the test (so that one run takes about ``TARGET`` seconds), and each size is timed
as the best of up to three runs, which filters out pauses caused by other processes: the larger
size is run again only while it looks too slow, so a passing run costs one large run.
"""

from __future__ import annotations

import gc
import importlib.util
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import generate

from osl_plan.load import loads

TARGET = 0.3  # seconds for the smaller size: far above timer and scheduler noise
BOUND = 8.0  # allowed time ratio for 4× the tasks
START = 250
MAX_N = 64_000


def _best_of(runs: int, work: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(runs):
        gc.collect()
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


def _calibrate(make: Callable[[int], Callable[[], object]]) -> int:
    """The size whose run takes about TARGET seconds here (doubling, then scaling linearly)."""
    n = START
    while True:
        took = _best_of(1, make(n))
        if took >= TARGET / 4 or n >= MAX_N:
            return min(MAX_N, max(n, round(n * TARGET / took)))
        n *= 2


def _check(what: str, make: Callable[[int], Callable[[], object]]) -> None:
    n = _calibrate(make)
    small = _best_of(3, make(n))
    work = make(4 * n)
    large = float("inf")
    for _ in range(3):  # repeated only while it looks too slow: noise only ever adds time
        large = min(large, _best_of(1, work))
        if large <= BOUND * small:
            break
    assert large <= BOUND * small, (
        f"{what}: {4 * n} tasks took {large:.2f} s, {large / small:.1f}× the {small:.2f} s "
        f"of {n} tasks (linear work would be about 4×; more than {BOUND:.0f}× means a "
        "quadratic step crept in)"
    )


def test_load_and_validate_scale_linearly() -> None:
    def make(n: int) -> Callable[[], object]:
        text = generate.plan_yaml(n)
        return lambda: loads(text, "plan.yaml")

    _check("loading", make)


@pytest.mark.skipif(
    importlib.util.find_spec("osl_plan.render.docx") is None, reason="no DOCX renderer yet"
)
def test_docx_render_scales_linearly() -> None:
    from osl_plan.render import RenderOptions, render

    def make(n: int) -> Callable[[], object]:
        plan = loads(generate.plan_yaml(n), "plan.yaml").plan
        return lambda: render(plan, "docx", RenderOptions())

    _check("DOCX rendering", make)


@pytest.mark.skipif(importlib.util.find_spec("osl_plan.diff") is None, reason="no diff yet")
def test_diff_scales_linearly() -> None:
    from osl_plan.diff import diff_plans

    def make(n: int) -> Callable[[], object]:
        old = loads(generate.plan_yaml(n), "old.yaml").plan
        new = loads(generate.next_revision(n), "new.yaml").plan
        return lambda: diff_plans(old, new)

    _check("diff", make)


# --- diff's similarity stage: operation counts, no clock ---------------------------------------


def _blocks(n: int, size: int = 60) -> dict[int, frozenset[str]]:
    """Tasks in blocks of ``size`` sharing the same rare words: every task of a block is a
    candidate of every task of the other plan's block, ``size²`` pairs per block uncapped."""
    return {
        i: frozenset({f"rzadkie{i // size}", f"słowo{i // size}", f"zadanie{i}"}) for i in range(n)
    }


def test_similarity_candidates_are_capped_per_task() -> None:
    from osl_plan.diff.similar import MAX_CANDIDATES, _weights, candidate_pairs

    for n in (600, 2400):
        old, new = _blocks(n), _blocks(n)
        pairs = candidate_pairs(old, new, _weights((*old.values(), *new.values())))
        assert len(pairs) <= MAX_CANDIDATES * (len(old) + len(new))  # 60 × n without the cap
        assert {i for i, _ in pairs} == set(old)  # every task still has its candidates
        assert all(i // 60 == j // 60 for i, j in pairs)  # and they are from its own block


@pytest.mark.parametrize("kind", ["unrelated", "alike"])
def test_diff_worst_cases_examine_a_bounded_number_of_pairs(
    kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from osl_plan.diff import diff_plans, similar

    make = generate.unrelated_yaml if kind == "unrelated" else generate.alike_yaml
    examined: list[int] = []
    real = similar.candidate_pairs

    def counted(*args: Any) -> set[tuple[int, int]]:
        pairs = real(*args)
        examined.append(len(pairs))
        return pairs

    monkeypatch.setattr(similar, "candidate_pairs", counted)
    for n in (300, 1200):
        old, new = loads(make(n, 1), "old.yaml").plan, loads(make(n, 2), "new.yaml").plan
        result = diff_plans(old, new)
        assert examined.pop() <= similar.MAX_CANDIDATES * 2 * n
        if kind == "unrelated":  # nothing in common: nothing is paired
            assert result.pairs == () and len(result.added) == len(result.removed) == n
