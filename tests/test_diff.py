"""diff: golden cases (tests/diff_cases/<case>/old.yaml, new.yaml, expected.*) and the examples.

Regenerate the expected files with OSL_PLAN_UPDATE_GOLDEN=1 and review the change in git.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import update_golden

from osl_plan import i18n
from osl_plan.diff.compare import diff_loaded, diff_plans
from osl_plan.diff.github_out import format_github
from osl_plan.diff.json_out import format_json
from osl_plan.diff.markdown_out import format_markdown
from osl_plan.diff.model import PlanDiff
from osl_plan.diff.text_out import format_text
from osl_plan.load import load, loads

CASES = Path(__file__).resolve().parent / "diff_cases"
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
WRITERS = {
    "expected.txt": format_text,
    "expected.md": format_markdown,
    "expected.json": format_json,
    "expected.github": format_github,
}


def _case(name: str) -> PlanDiff:
    folder = CASES / name
    # Names relative to the case folder, so the golden files do not depend on where tests run.
    old = loads((folder / "old.yaml").read_bytes(), "old.yaml")
    new = loads((folder / "new.yaml").read_bytes(), "new.yaml")
    return diff_loaded(old, new)


@pytest.mark.parametrize("case", sorted(p.name for p in CASES.iterdir() if p.is_dir()))
@pytest.mark.parametrize("expected", sorted(WRITERS))
def test_golden(case: str, expected: str) -> None:
    actual = WRITERS[expected](_case(case))
    golden = CASES / case / expected
    if update_golden():
        golden.write_text(actual, encoding="utf-8")
    assert golden.exists(), f"{golden} is missing; create it with OSL_PLAN_UPDATE_GOLDEN=1"
    assert actual == golden.read_text(encoding="utf-8"), (
        f"{golden} differs; if intended, rerun with OSL_PLAN_UPDATE_GOLDEN=1 and review the diff"
    )


@pytest.mark.usefixtures("polish")
@pytest.mark.parametrize("case", sorted(p.name for p in CASES.iterdir() if p.is_dir()))
@pytest.mark.parametrize("expected", sorted(WRITERS))
def test_golden_polish(case: str, expected: str) -> None:
    # What users get by default: headings, summaries and notes in Polish; JSON keys unchanged.
    actual = WRITERS[expected](_case(case))
    golden = CASES / case / expected.replace("expected.", "expected.pl.")
    if update_golden():
        golden.write_text(actual, encoding="utf-8")
    assert golden.exists(), f"{golden} is missing; create it with OSL_PLAN_UPDATE_GOLDEN=1"
    assert actual == golden.read_text(encoding="utf-8"), (
        f"{golden} differs; if intended, rerun with OSL_PLAN_UPDATE_GOLDEN=1 and review the diff"
    )


def test_json_keys_do_not_depend_on_the_language(monkeypatch: pytest.MonkeyPatch) -> None:
    def keys(value: object) -> set[str]:
        if isinstance(value, dict):
            return set(value) | {k for v in value.values() for k in keys(v)}
        if isinstance(value, list):
            return {k for v in value for k in keys(v)}
        return set()

    found = {}
    for lang in ("en", "pl"):
        monkeypatch.setenv("OSL_PLAN_LANG", lang)
        i18n.reset()
        data = json.loads(format_json(_case("term_shifts")))
        found[lang] = (keys(data), data.get("format"))
    i18n.reset()
    assert found["en"] == found["pl"]


def test_carry_over_years_and_editions_are_not_changes() -> None:
    result = _case("carry_over")
    assert [p.status for p in result.pairs] == ["carried_over"] * 4 + ["unchanged"]
    assert [p.stage for p in result.pairs][:3] == ["drift"] * 3
    assert not result.has_differences


def test_term_notes_in_english() -> None:
    notes = [p.fields[0].note for p in _case("term_shifts").pairs]
    assert notes == [
        "moved: czerwiec → maj",
        "lengthened: lipiec – wrzesień → czerwiec – październik",
        "lengthened to listopad",
        "lengthened: from listopad",
        "shortened: kwiecień – październik → maj – wrzesień",
        "moved: maj – czerwiec → kwiecień – maj",
    ]


@pytest.mark.usefixtures("polish")
def test_term_notes_in_plain_polish() -> None:
    notes = [p.fields[0].note for p in _case("term_shifts").pairs]
    assert notes == [
        "przesunięte: czerwiec → maj",
        "wydłużone: lipiec – wrzesień → czerwiec – październik",
        "wydłużone do listopada",
        "wydłużone: od listopada",
        "skrócone: kwiecień – październik → maj – wrzesień",
        "przesunięte: maj – czerwiec → kwiecień – maj",
    ]


def test_only_the_task_that_moved_is_reported() -> None:
    result = _case("moves")
    assert [(p.old, p.new) for p in result.moved] == [(3, 2)]
    assert diff_plans(result.old, result.new, ignore_order=True).moved == ()
    assert not diff_plans(result.old, result.new, ignore_order=True).has_differences


def test_duplicates_pair_by_content_then_nearest_term() -> None:
    result = _case("duplicates")
    assert [(p.old, p.new, p.status) for p in result.pairs] == [
        (0, 0, "unchanged"),
        (2, 1, "changed"),
    ]
    assert result.removed == (1,)


def test_ids_win_over_text() -> None:
    result = _case("ids")
    assert {(p.old, p.new, p.stage) for p in result.pairs} == {(0, 1, "id"), (1, 0, "id")}
    fields = {f.field for p in result.pairs for f in p.fields}
    assert fields == {"zadanie", "dzialania", "termin"}


def test_rename_found_by_similarity_unrelated_tasks_are_not_paired() -> None:
    result = _case("rename")
    assert [(p.old, p.new, p.stage) for p in result.pairs] == [(0, 0, "similar"), (1, 1, "similar")]
    assert (result.added, result.removed) == ((2,), (2,))
    assert _case("one_task").pairs == ()


def test_inline_diff_keeps_polish_words_whole() -> None:
    change = _case("rename").pairs[1].fields[0]
    assert [(s.op, s.text) for s in change.segments][:3] == [
        ("delete", "Partnerstwo przy organizacji"),
        ("insert", "Współorganizacja"),
        ("equal", " imprezy plenerowej"),
    ]


def test_examples_2022_to_2023() -> None:
    result = diff_loaded(load(EXAMPLES / "plan_2022.yaml"), load(EXAMPLES / "plan_2023.yaml"))
    new = result.new.zadania
    assert [new[i].zadanie.split()[3] for i in result.added] == ["III", "wymiany"]
    assert len(result.removed) == 4
    carried = [result.new_task(p).zadanie for p in result.carried_over]
    assert any("Wakacje 2023" in t for t in carried) and any("JUROMANIA 2023" in t for t in carried)
    kiermasz = next(p for p in result.changed if "Kiermaszu" in result.new_task(p).zadanie)
    assert [(f.field, f.note) for f in kiermasz.fields] == [("termin", "lengthened: from listopad")]
    assert [result.new_task(p).zadanie[-9:-1] for p in result.moved] == ["„Sobótka"]
    data = json.loads(format_json(result))
    assert data["old"]["file"].endswith("plan_2022.yaml") and data["unchanged"] == 5
    assert {"added", "removed", "changed", "unchanged", "moved", "carried_over"} <= set(data)
    assert data["added"][0]["line"] == result.new_task_lines[11]


def test_github_annotations_point_at_new_lines() -> None:
    result = diff_loaded(load(EXAMPLES / "plan_2022.yaml"), load(EXAMPLES / "plan_2023.yaml"))
    lines = format_github(result).splitlines()
    text = (EXAMPLES / "plan_2023.yaml").read_text(encoding="utf-8").splitlines()
    added = [line for line in lines if "task added" in line]
    assert len(added) == 2
    line = int(added[0].split(",line=")[1].split(",")[0])
    assert "III Igrzysk" in text[line - 1]
    assert all(line.startswith("::notice file=") for line in lines)


def test_colour_only_when_asked() -> None:
    result = _case("rename")
    assert "\x1b[" not in format_text(result)
    coloured = format_text(result, color=True)
    assert "\x1b[" in coloured and "Współorganizacja" in coloured


def _plan(rok: int, *tasks: tuple[str, str]) -> str:
    lines = [f"rok: {rok}", "zadania:"]
    for text, term in tasks:
        lines += [f"  - zadanie: {text}", f"    termin: {term} {rok}"]
    return "\n".join(lines) + "\n"


def test_lengthened_task_is_changed_not_removed_and_added() -> None:
    result = _case("task_text_lengthened")
    assert (result.added, result.removed) == ((), ())
    [pair] = result.changed
    assert (pair.old, pair.new, pair.stage) == (2, 2, "similar")
    assert [f.field for f in pair.fields] == ["zadanie", "adresaci"]
    # The bare case: the lengthened pair is all that is left for the similarity stage.
    others = [("Partnerstwo przy organizacji Dożynek Gminnych", "Wrzesień")]
    old = _plan(2023, *others, ("Wigilia sołecka dla mieszkańców Gminy Klucze", "Grudzień"))
    longer = "Wigilia sołecka dla mieszkańców Gminy Klucze z udziałem Koła Gospodyń Wiejskich"
    new = _plan(2024, *others, (longer, "Grudzień"))
    for a, b in ((old, new), (new, old)):
        bare = diff_plans(loads(a, "a.yaml").plan, loads(b, "b.yaml").plan)
        assert [(p.old, p.new, p.status) for p in bare.pairs] == [
            (0, 0, "unchanged"),
            (1, 1, "changed"),
        ]


def test_shared_stock_phrase_or_half_a_short_text_does_not_pair_tasks() -> None:
    result = _case("unrelated_tasks_stay_apart")
    assert [(p.old, p.new) for p in result.pairs] == [(0, 0)]
    assert (result.added, result.removed) == ((1, 2, 3), (1, 2, 3))


def test_github_removed_task_is_on_the_file_not_on_a_line() -> None:
    lines = format_github(_case("rename")).splitlines()
    [removed] = [line for line in lines if "task removed" in line]
    assert removed.startswith("::notice file=new.yaml,title=") and ",line=" not in removed
    assert removed.endswith("task 3 of old.yaml removed: Zbiórka darów dla uchodźców z Ukrainy")


def test_json_lists_every_month_of_a_term_with_gaps() -> None:
    # „months” keeps the first and the last month (published in osl-plan-diff/1); „month_list”
    # names every month, so a term of several ranges shows its gaps.
    data = json.loads(format_json(_case("multi_range_terms")))
    holidays, seniors = (pair["new"] for pair in data["changed"])
    assert holidays["months"] == ["2025-01", "2025-12"]
    assert holidays["month_list"] == [f"2025-{m:02d}" for m in (1, 2, 3, 4, 5, 6, 9, 10, 11, 12)]
    assert seniors["termin"] == "II, IV kwartał 2025"
    assert seniors["months"] == ["2025-04", "2025-12"]
    assert seniors["month_list"] == [f"2025-{m:02d}" for m in (4, 5, 6, 10, 11, 12)]
    (trip,) = data["added"]
    assert trip["month_list"] == ["2025-05", "2025-09"]
    # A term of one range lists all of its months; the old side has no gap.
    assert len(data["changed"][0]["old"]["month_list"]) == 12
    for task in [*data["added"], *(p[side] for p in data["changed"] for side in ("old", "new"))]:
        assert [task["month_list"][0], task["month_list"][-1]] == task["months"]
