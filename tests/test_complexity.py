"""Loose complexity guards: four times the tasks must not cost much more than four times as much.

Linear work gives a ratio near 4, quadratic work near 16. No guard reads a wall clock, so a
machine busy with other work cannot fail them. Each step is measured twice:

* **calls**: every call of a Python function or of a built-in made by the work, counted through
  ``sys.setprofile``. The same input gives the same count however busy the machine is. This
  catches a quadratic step written in Python exactly (a loop over the tasks inside a loop over
  the tasks makes a call per pair); bound :data:`CALL_BOUND`, which n log n and fixed costs stay
  under.
* **CPU time of this process** (``time.process_time``): work done inside C (libyaml,
  pydantic-core, zlib, a membership test on a list, a regular expression over a growing text)
  makes no call to count. Other processes do not add to it. The smaller size is calibrated on the
  machine running the test (so that one run takes about ``TARGET`` seconds of CPU; a third of
  that in a quick run, ``make test-fast``, still far above the timer's resolution), each size is
  the best of up to three runs, and the larger size is run again only while it looks too slow:
  a passing run costs one large run. Bound :data:`CPU_BOUND`.

diff's similarity stage is linear because of its caps (rare words looked up, postings followed,
candidates kept per task); with the real caps the work per task still grows towards them up to a
few thousand tasks, so the whole-diff guards lower the caps to reach them at the sizes measured.
The caps themselves, and the worst cases under the real caps, are checked by counting the pairs
examined (the last tests here).
"""

from __future__ import annotations

import gc
import importlib.util
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import generate
from helpers import QUICK

from osl_plan.load import loads

TARGET = 0.05 if QUICK else 0.15  # CPU seconds for the smaller size
CPU_BOUND = 8.0  # allowed CPU-time ratio for 4× the tasks
CALL_BOUND = 6.0  # allowed ratio of calls for 4× the tasks
CALLS_N = 500  # tasks of the smaller size counted (the larger one is four times this)
START = 250
MAX_N = 64_000

Make = Callable[[int], Callable[[], object]]
_COUNTED = frozenset({"call", "c_call"})  # profile events: a Python function, a built-in


def calls(work: Callable[[], object]) -> int:
    """How many Python functions and built-ins ``work()`` calls (a deterministic count)."""
    count = 0

    def hook(frame: FrameType, event: str, arg: object) -> None:
        nonlocal count
        if event in _COUNTED:
            count += 1

    previous = sys.getprofile()
    sys.setprofile(hook)
    try:
        work()
    finally:
        sys.setprofile(previous)
    return count


def _cpu(runs: int, work: Callable[[], object]) -> float:
    """The least CPU time of this process that ``work()`` took in ``runs`` runs."""
    best = float("inf")
    for _ in range(runs):
        gc.collect()
        start = time.process_time()
        work()
        best = min(best, time.process_time() - start)
    return best


def _calibrate(make: Make) -> int:
    """The size whose run takes about TARGET CPU seconds here (doubling, then scaling)."""
    n = START
    while True:
        took = _cpu(1, make(n))
        if took >= TARGET / 4 or n >= MAX_N:
            return min(MAX_N, max(n, round(n * TARGET / took)))
        n *= 2


def check_cpu(what: str, make: Make) -> None:
    """Four times the tasks take at most CPU_BOUND times the CPU time."""
    n = _calibrate(make)
    small = _cpu(3, make(n))
    work = make(4 * n)
    large = float("inf")
    for _ in range(3):  # repeated only while it looks too slow: noise only ever adds time
        large = min(large, _cpu(1, work))
        if large <= CPU_BOUND * small:
            break
    assert large <= CPU_BOUND * small, (
        f"{what}: {4 * n} tasks took {large:.2f} s of CPU, {large / small:.1f}× the {small:.2f} s "
        f"of {n} tasks (linear work would be about 4×; more than {CPU_BOUND:.0f}× means a "
        "quadratic step crept in)"
    )


def check_calls(what: str, make: Make, n: int = CALLS_N) -> None:
    """Four times the tasks make at most CALL_BOUND times the calls."""
    small, large = calls(make(n)), calls(make(4 * n))
    assert large <= CALL_BOUND * small, (
        f"{what}: {4 * n} tasks made {large} calls, {large / small:.1f}× the {small} of {n} "
        f"tasks (linear work would be about 4×; more than {CALL_BOUND:.0f}× means a quadratic "
        "step crept in)"
    )


def _load(n: int) -> Callable[[], object]:
    text = generate.plan_yaml(n)
    return lambda: loads(text, "plan.yaml")


def test_load_and_validate_scale_linearly() -> None:
    check_calls("loading", _load)
    check_cpu("loading", _load)


def _render(n: int) -> Callable[[], object]:
    from osl_plan.render import RenderOptions, render

    plan = loads(generate.plan_yaml(n), "plan.yaml").plan
    return lambda: render(plan, "docx", RenderOptions())


@pytest.mark.slow
@pytest.mark.skipif(
    importlib.util.find_spec("osl_plan.render.docx") is None, reason="no DOCX renderer yet"
)
def test_docx_render_scales_linearly() -> None:
    check_calls("DOCX rendering", _render)
    check_cpu("DOCX rendering", _render)


def _diff(n: int) -> Callable[[], object]:
    from osl_plan.diff.compare import diff_plans

    old = loads(generate.plan_yaml(n), "old.yaml").plan
    new = loads(generate.next_revision(n), "new.yaml").plan
    return lambda: diff_plans(old, new)


@pytest.fixture
def low_caps(monkeypatch: pytest.MonkeyPatch) -> None:
    """The similarity stage's caps, low enough to be reached at the sizes measured."""
    from osl_plan.diff import similar

    monkeypatch.setattr(similar, "MAX_POSTINGS", 8)
    monkeypatch.setattr(similar, "MAX_CANDIDATES", 4)


@pytest.mark.slow
@pytest.mark.skipif(importlib.util.find_spec("osl_plan.diff") is None, reason="no diff yet")
@pytest.mark.usefixtures("low_caps")
def test_diff_scales_linearly() -> None:
    check_calls("diff", _diff)
    check_cpu("diff", _diff)


def test_the_call_count_sees_a_quadratic_step() -> None:
    """The guard itself: a step over every pair of tasks is refused, a step per task is not."""

    def make(quadratic: bool) -> Make:
        def per_size(n: int) -> Callable[[], object]:
            items = list(range(n))
            if quadratic:
                return lambda: [min(i, j) for i in items for j in items]
            return lambda: [min(i, i) for i in items]

        return per_size

    check_calls("a step per task", make(quadratic=False), 100)
    with pytest.raises(AssertionError, match="quadratic step crept in"):
        check_calls("a step per pair", make(quadratic=True), 100)


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
    from osl_plan.diff import similar
    from osl_plan.diff.compare import diff_plans

    make = generate.unrelated_yaml if kind == "unrelated" else generate.alike_yaml
    examined: list[int] = []
    real = similar.candidate_pairs

    def counted(*args: Any) -> set[tuple[int, int]]:
        pairs = real(*args)
        examined.append(len(pairs))
        return pairs

    monkeypatch.setattr(similar, "candidate_pairs", counted)
    for n in (150, 600) if QUICK else (300, 1200):  # smaller plans in a quick run
        old, new = loads(make(n, 1), "old.yaml").plan, loads(make(n, 2), "new.yaml").plan
        result = diff_plans(old, new)
        assert examined.pop() <= similar.MAX_CANDIDATES * 2 * n
        if kind == "unrelated":  # nothing in common: nothing is paired
            assert result.pairs == () and len(result.added) == len(result.removed) == n
