"""Templates that would hang osl-plan or fill its memory stop at a counted limit, with one message.

Each runs the real CLI with its memory capped; the limits are counted, not timed, so the message
is the same on every machine.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import Result, run_cli

from osl_plan.render import template_limits

EXAMPLES = Path(__file__).parent.parent.parent / "examples"
LIMIT_BYTES = 1024**3
TIMEOUT = 60.0
PLAN = "rok: 2023\nzadania:\n  - zadanie: Spotkania z mieszkańcami\n    termin: marzec 2023\n"

STEPS = "takes more than 5,000,000 steps (loop iterations and calls)"
TOO_LONG = "more than the 20,000,000 allowed — check the repetition (*), joining (~, +) or padding"
DIGITS = "computes a number with more than 1,000 digits"
PRINTS = "prints more than 200,000,000 characters"
DEEP = "calls itself too deeply (a macro, include or recursive loop without an end)"
LIPSUM = "lipsum() makes at most 100 paragraphs of at most 1000 words"

HOSTILE = {
    "nested-loops": (
        "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}",
        STEPS,
    ),
    "loops-over-the-plan": (
        "{% for a in tasks %}{% for b in range(100000) %}{% for c in range(100) %}"
        "{% endfor %}{% endfor %}{% endfor %}",
        STEPS,
    ),
    # A binary tree 60 levels deep (2**60 calls of loop()); each call also scans 1,000 items
    # for its two children, so the bound is reached in a second instead of half a minute.
    "recursive-loop": (
        "{% for t in range(1000) if t < 2 recursive %}{% if loop.depth < 60 %}"
        "{{ loop(range(1000)) }}{% endif %}{% endfor %}",
        STEPS,
    ),
    "string-repetition": ('{{ "x" * 10**10 }}', TOO_LONG),
    "list-repetition": ("{{ [1] * 10**9 }}", TOO_LONG),
    "doubling": (
        '{% set ns = namespace(s="x") %}{% for i in range(60) %}{% set ns.s = ns.s ~ ns.s %}'
        "{% endfor %}{{ ns.s|length }}",
        TOO_LONG,
    ),
    "padding-method": ('{{ "x".ljust(10**10) }}', TOO_LONG),
    "padding-filter": ('{{ "x"|center(10**10) }}', TOO_LONG),
    "format-width": ('{{ "%999999999d" % 1 }}', TOO_LONG),
    "str-format-width": ('{{ "{:>999999999}".format(1) }}', TOO_LONG),
    "replace": ('{{ ("a" * 1000000)|replace("a", "x" * 1000) }}', TOO_LONG),
    "power": ("{{ 10 ** 100000 }}", DIGITS),
    "printing": (
        '{% for i in range(100000) %}{% for j in range(100) %}{{ "y" * 100000 }}'
        "{% endfor %}{% endfor %}",
        PRINTS,
    ),
    "printing-in-a-macro": (
        '{% macro m() %}{% for i in range(100000) %}{{ "y" * 10000 }}{% endfor %}'
        "{% endmacro %}{{ m() }}",
        PRINTS,
    ),
    "lipsum": ("{{ lipsum(10**9) }}", LIPSUM),
    "macro-recursion": ("{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}", DEEP),
    "macro-tree": ("{% macro m(n) %}{{ m(n) }}{{ m(n) }}{% endmacro %}{{ m(1) }}", DEEP),
}


def _render(folder: Path, template: str, *args: str) -> Result:
    plan = folder / "plan.yaml"
    plan.write_text(PLAN, encoding="utf-8")
    templates = folder / "t"
    templates.mkdir()
    (templates / "plan.md.j2").write_text(f"# {{{{ title }}}}\n{template}\n", encoding="utf-8")
    return run_cli(
        "render", plan, "-f", "md", "--template-dir", templates, *args,
        cwd=folder, timeout=TIMEOUT, memory_limit=LIMIT_BYTES,
    )  # fmt: skip


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_hostile_template_stops_at_a_limit_with_one_located_message(
    tmp_path: Path, case: str
) -> None:
    template, expected = HOSTILE[case]
    result = _render(tmp_path, template, "-o", "plan.md")
    assert result.exit_code == 2, result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    first, *context = result.stderr.splitlines()
    assert first.startswith(f"Error: {tmp_path / 't' / 'plan.md.j2'}:2: "), first
    assert expected in first
    assert context[0].startswith("  1 | # {{ title }}")
    assert context[1].startswith("> 2 | ")
    assert not (tmp_path / "plan.md").exists()  # no output, not even a part of it
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_the_message_is_polish_by_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OSL_PLAN_LANG", "pl")
    result = _render(tmp_path, HOSTILE["nested-loops"][0], "-o", "-")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"Błąd: {tmp_path / 't' / 'plan.md.j2'}:2: ")
    assert (
        "szablon wykonuje więcej niż 5\u00a0000\u00a0000 kroków (powtórzeń pętli i wywołań) – "
        "sprawdź, czy pętle nie są zagnieżdżone w pętlach"
    ) in result.stderr


def test_sizes_within_the_limits_are_rendered(tmp_path: Path) -> None:
    template = (
        '{{ "x" * 1000 }}|{{ "{:,}".format(1234567890) }}|{{ "%5.2f"|format(3.14159) }}|'
        '{{ "ab"|replace("a", "c") }}|{{ "x".ljust(5) }}|{{ 2 ** 64 }}|{{ range(5)|list }}|'
        "{{ range(3)|length }}|{% for i in range(3) %}{{ loop.length }}{% endfor %}|"
        "{{ lipsum(1, false)|wordcount >= 20 }}"
    )
    result = _render(tmp_path, template, "-o", "-")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[1] == (
        f"{'x' * 1000}|1,234,567,890| 3.14|cb|x    |18446744073709551616|\\[0, 1, 2, 3, 4\\]|"
        "3|333|True"
    )


def test_the_built_in_templates_use_a_small_part_of_the_limits() -> None:
    # A loose guard, counted: 2,000 tasks use under a hundredth of the steps and under a fiftieth
    # of the text (the HTML's task rows are made by a macro: the text is counted where the macro
    # makes it and again where the page prints it), so a 20,000-task plan stays under a fifth.
    from osl_plan.load import load
    from osl_plan.render import RenderOptions, html, markdown, render, templating

    plan = load(EXAMPLES / "plan_2023.yaml").plan
    plan = plan.model_copy(update={"zadania": plan.zadania * (2000 // len(plan.zadania))})
    used: list[template_limits.Budget] = []
    original = templating.render_template

    def spying(env: object, name: str, context: object) -> str:
        text = original(env, name, context)  # type: ignore[arg-type]
        used.append(env.budget)  # type: ignore[attr-defined]
        return text

    with pytest.MonkeyPatch.context() as patch:
        for module in (markdown, html):
            patch.setattr(module, "render_template", spying)
        for fmt in ("md", "html"):
            render(plan, fmt, RenderOptions(harmonogram=True))
    assert len(used) == 2
    for budget in used:
        assert 0 < budget.steps * 100 < template_limits.MAX_STEPS
        assert 0 < budget.text * 50 < template_limits.MAX_TEXT
