"""diff: properties that hold for any plans (hypothesis)."""

from __future__ import annotations

from helpers import examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from osl_plan.diff.compare import diff_plans
from osl_plan.diff.json_out import format_json
from osl_plan.diff.text_out import format_text
from osl_plan.model import Plan

WORDS = ["Partnerstwo", "przy", "organizacji", "Sobótki", "Dożynek", "II", "III", "2022",
         "2023", "Gminy", "Klucze", "„Wakacje", "żółć", "5.", "Rajdu", "i", "festynów"]  # fmt: skip
MONTHS = ["styczeń", "marzec", "maj", "czerwiec", "wrzesień", "grudzień"]


@st.composite
def plans(draw: st.DrawFn, year: int | None = None) -> Plan:
    rok = year if year is not None else draw(st.sampled_from([2022, 2023]))
    tasks = []
    for _ in range(draw(st.integers(1, 7))):
        words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=6))
        first, last = sorted(draw(st.lists(st.integers(0, 5), min_size=2, max_size=2)))
        tasks.append(
            {
                "zadanie": " ".join(words),
                "adresaci": draw(st.sampled_from([[], ["Mieszkańcy Gminy Klucze"], ["NGO"]])),
                "termin": f"{MONTHS[first]} – {MONTHS[last]} {rok}",
                "id": draw(st.sampled_from([None, None, "a", "b"])),
            }
        )
    ids = [t["id"] for t in tasks if t["id"]]
    if len(ids) != len(set(ids)):
        for task in tasks:
            task["id"] = None
    return Plan.model_validate({"rok": rok, "zadania": tasks}, context={"rok": rok})


FAST = settings(
    max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@FAST
@given(plans())
def test_a_plan_has_no_differences_with_itself(plan: Plan) -> None:
    result = diff_plans(plan, plan)
    assert not result.has_differences
    assert result.unchanged == len(plan.zadania)
    assert (result.added, result.removed, result.moved) == ((), (), ())


@FAST
@given(plans(), plans())
def test_swapping_sides_swaps_added_and_removed(old: Plan, new: Plan) -> None:
    forward, backward = diff_plans(old, new), diff_plans(new, old)
    assert forward.added == backward.removed
    assert forward.removed == backward.added
    assert {(p.old, p.new) for p in forward.pairs} == {(p.new, p.old) for p in backward.pairs}


@FAST
@given(plans(), plans())
def test_every_task_is_accounted_for_once(old: Plan, new: Plan) -> None:
    result = diff_plans(old, new)
    assert sorted([*(p.old for p in result.pairs), *result.removed]) == list(
        range(len(old.zadania))
    )
    assert sorted([*(p.new for p in result.pairs), *result.added]) == list(range(len(new.zadania)))


@FAST
@given(plans(), plans())
def test_inline_diffs_rebuild_both_texts(old: Plan, new: Plan) -> None:
    for pair in diff_plans(old, new).changed:
        for change in pair.fields:
            kept_old = "".join(s.text for s in change.segments if s.op != "insert")
            kept_new = "".join(s.text for s in change.segments if s.op != "delete")
            assert (kept_old, kept_new) == (change.old, change.new)


@FAST
@given(plans(), plans())
def test_output_is_byte_stable(old: Plan, new: Plan) -> None:
    first = diff_plans(old, new)
    again = diff_plans(old.model_copy(), new.model_copy())
    assert format_text(first) == format_text(again)
    assert format_json(first) == format_json(again)
