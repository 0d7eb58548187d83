"""The preview's memory of its last rendering (:mod:`osl_plan.render.html_reuse`): the rows of
unchanged tasks are taken as they were, and the page is the page a full rendering gives, byte for
byte, whatever changed (a task, the columns, the front, the language, the tasks' order)."""

from __future__ import annotations

import sys
from functools import partial
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import generate

from osl_plan import i18n
from osl_plan.load import loads
from osl_plan.render import RenderOptions
from osl_plan.render.html import render_html
from osl_plan.render.html_reuse import HtmlReuse

TASKS = 12
GOLDEN = Path(__file__).resolve().parent / "golden"


def _page(text: str, reuse: HtmlReuse, **options: object) -> str:
    """The page of ``text`` rendered with ``reuse``, checked against a full rendering."""
    plan = loads(text, "plan.yaml", base_dir=GOLDEN).plan
    full = render_html(plan, RenderOptions(base_dir=GOLDEN, **options))  # type: ignore[arg-type]
    kept = render_html(plan, RenderOptions(base_dir=GOLDEN, reuse=reuse, **options))  # type: ignore[arg-type]
    assert kept == full
    return kept


def _counted(reuse: HtmlReuse, text: str) -> tuple[int, int]:
    """The rows made anew and the rows reused by rendering ``text``."""
    made, reused = reuse.rows.made, reuse.rows.reused
    _page(text, reuse)
    return reuse.rows.made - made, reuse.rows.reused - reused


@pytest.fixture
def plan_text() -> str:
    return generate.plan_yaml(TASKS)


def _a_term(text: str) -> tuple[str, str]:
    """The first task's term line as written, and the text with that term changed."""
    line = next(line for line in text.split("\n") if line.strip().startswith("termin:"))
    return line, text.replace(line, line.split(":")[0] + ": wrzesień – październik", 1)


def test_one_changed_task_is_the_one_row_made_again(plan_text: str) -> None:
    reuse = HtmlReuse()
    assert _counted(reuse, plan_text) == (TASKS, 0)  # the first rendering makes every row
    assert _counted(reuse, plan_text) == (0, TASKS)
    line, edited = _a_term(plan_text)
    assert line in plan_text and edited != plan_text
    assert _counted(reuse, edited) == (1, TASKS - 1)
    page = _page(edited, reuse)
    assert "Wrzesień\xa0– październik" in page


def test_changed_columns_make_every_row_again(plan_text: str) -> None:
    reuse = HtmlReuse()
    _page(plan_text, reuse)
    columns = "kolumny: [lp, zadanie, adresaci, termin]\n"
    assert _counted(reuse, columns + plan_text) == (TASKS, 0)
    assert '<th scope="col">Lp.</th>' in _page(columns + plan_text, reuse)


def test_a_changed_front_is_on_the_page_and_the_rows_are_kept(plan_text: str) -> None:
    reuse = HtmlReuse()
    _page(plan_text, reuse)
    front = plan_text.replace("jednostka: ", "jednostka: Nowe ", 1)
    assert front != plan_text
    assert _counted(reuse, front) == (0, TASKS)
    assert "Nowe " in _page(front, reuse)


def test_a_removed_task_renumbers_the_rows_after_it(plan_text: str) -> None:
    reuse = HtmlReuse()
    columns = "kolumny: [lp, zadanie, termin]\n"
    _page(columns + plan_text, reuse)
    lines = plan_text.split("\n")
    starts = [i for i, line in enumerate(lines) if line.startswith("  - zadanie:")]
    removed = "\n".join(lines[: starts[2]] + lines[starts[3] :])  # the third task gone
    made, reused = _counted(reuse, columns + removed)
    assert (made, reused) == (TASKS - 3, 2)  # the first two keep their numbers


def test_the_language_does_not_leave_a_row_of_the_other(
    plan_text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    reuse = HtmlReuse()
    _page(plan_text, reuse)
    monkeypatch.setenv("OSL_PLAN_LANG", "en")
    i18n.reset()
    try:
        _page(plan_text, reuse)  # the same page as a full rendering in that language
    finally:
        monkeypatch.setenv("OSL_PLAN_LANG", "pl")
        i18n.reset()
    _page(plan_text, reuse)


def test_the_golden_plan_with_its_annex_and_strip_is_the_same_page() -> None:
    text = (GOLDEN / "plan_full.yaml").read_text(encoding="utf-8")
    reuse = HtmlReuse()
    _page(text, reuse, harmonogram=True)
    assert _page(text, reuse, harmonogram=True) == (GOLDEN / "plan_full.html").read_text(
        encoding="utf-8"
    )
    assert reuse.rows.reused > 0


def test_the_rows_kept_are_bounded_by_two_renderings(plan_text: str) -> None:
    reuse = HtmlReuse()
    line, _edited = _a_term(plan_text)
    for day in range(1, 29):  # a new term each time: a new row each time
        edited = plan_text.replace(line, line.split(":")[0] + f": {day} maja", 1)
        _page(edited, reuse)
        assert len(reuse) <= 2 * TASKS
    other = generate.plan_yaml(TASKS, seed=5)  # another plan: the first one's rows go
    _page(other, reuse)
    _page(other, reuse)
    assert len(reuse) == TASKS


def test_a_template_folder_of_her_own_is_rendered_whole(tmp_path: Path, plan_text: str) -> None:
    (tmp_path / "plan.html.j2").write_text(
        "{% for task in tasks %}<p>{{ task.termin }}</p>{% endfor %}\n", encoding="utf-8"
    )
    reuse = HtmlReuse()
    plan = loads(plan_text, "plan.yaml").plan
    page = render_html(plan, RenderOptions(template_dir=tmp_path, reuse=reuse))
    assert page.count("<p>") == TASKS and reuse.rows.made == 0


def test_a_changed_goal_is_on_the_page_of_the_tasks_that_name_it() -> None:
    """A task's ``cel`` column prints its goal's text, which lives outside the task: a goal
    changed changes those tasks' values, rows and cell measures."""
    text = (
        generate.plan_yaml(TASKS)
        .replace(
            "zadania:\n",
            "kolumny: [lp, zadanie, cel, termin]\ncele:\n  szczegolowe:\n"
            "    - Integracja mieszkańców\n    - Aktywność seniorów\nzadania:\n",
            1,
        )
        .replace("  - zadanie:", "  - cel: 2\n    zadanie:", 3)
    )
    reuse = HtmlReuse()
    assert "2. Aktywność seniorów" in _page(text, reuse)
    changed = text.replace("Aktywność seniorów", "Aktywność osób starszych")
    made = reuse.tasks.made, reuse.cells.made
    assert "2. Aktywność osób starszych" in _page(changed, reuse)
    assert reuse.tasks.made - made[0] == TASKS  # every task's values, the goal in their key
    assert reuse.cells.made - made[1] == TASKS  # the ``cel`` column's cells, measured again


def test_one_changed_task_is_measured_and_valued_again_alone(plan_text: str) -> None:
    reuse = HtmlReuse()
    _page(plan_text, reuse)
    columns = len(reuse.cells.now) // TASKS
    _line, edited = _a_term(plan_text)
    made = reuse.tasks.made, reuse.cells.made
    _page(edited, reuse)
    assert (reuse.tasks.made - made[0], reuse.cells.made - made[1]) == (1, columns)
    assert len(reuse.tasks) <= 2 * TASKS and len(reuse.cells) <= 2 * TASKS * columns


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_cell_measures_kept_give_the_widths_measured_whole(seed: int) -> None:
    """The column widths from the tasks' kept cell measures are the widths measured over the
    whole column (sub-items, several addressees, every column, terms kept as written or not)."""
    from osl_plan.columns import COLUMN_KEYS, table_columns
    from osl_plan.render.column_widths import measure_columns

    every = f"kolumny: [{', '.join(COLUMN_KEYS)}]\n"
    for text in (generate.plan_yaml(30, seed=seed), every + generate.plan_yaml(30, seed=seed)):
        plan = loads(text, "plan.yaml").plan
        columns = table_columns(plan)
        kept: dict[object, object] = {}
        cells = partial(_remembered, kept)
        for keep_terms in (False, True):
            whole = measure_columns(plan, columns, keep_terms=keep_terms)
            assert measure_columns(plan, columns, keep_terms=keep_terms, cells=cells) == whole
            assert measure_columns(plan, columns, keep_terms=keep_terms, cells=cells) == whole
        assert len(kept) == 2 * len(columns) * len(plan.zadania)


def _remembered(kept: dict[object, object], key: object, make: Any) -> Any:
    if key not in kept:
        kept[key] = make()
    return kept[key]
