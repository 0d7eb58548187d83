"""A user template renders in a child process bounded in memory and processor time
(osl_plan/render/template_process.py), and sees plain data, not the plan's model: whatever it
builds, osl-plan answers with a message naming the template and writes nothing."""

from __future__ import annotations

import ast
import resource
from pathlib import Path

import pytest
from builders import HANG_SECONDS, PLAN
from conftest import Result, run_cli

from osl_plan.render.template_process import TEMPLATE_CPU_SECONDS, render_bounded

# Each case runs a template until a bound of its child process stops it: seconds of CPU time.
pytestmark = pytest.mark.slow

#: The CPU time the command may use (a lower limit than the renderer's own, which it keeps: the
#: renderer takes the smaller of the two). One second is enough for the command itself (about
#: 0.1 s: it is forked with osl-plan loaded, tests/command_server.py), and lets each runaway
#: template stop at the CPU bound in one.
CPU_CAP = 1

MEMORY = "needs more memory than there is"
CHILD_MEMORY = "the template needs more than 512 MB of memory"
CPU = f"the template takes more than {TEMPLATE_CPU_SECONDS} s of processor time"
CRASH = "the template stopped the renderer"
#: A template that builds too much stops at the first bound it meets.
BOUNDED = (MEMORY, CHILD_MEMORY, CPU, CRASH)
#: (template line, what the message says: any of these).
CASES = {
    "join-of-a-repeated-list": (
        '{% set s = "x" * 19000000 %}{{ "".join([s] * 60)|length }}',
        BOUNDED,
    ),
    "replace-empty": (
        '{% set t = "y" * 19000000 %}{{ ("x" * 60).replace("", t)|length }}',
        BOUNDED,
    ),
    "format-width": ('{{ "{0:{1}}".format("x", 1100000000) }}', BOUNDED),
    "printing-a-nested-list": ("{{ [[0] * 20000] * 10000 }}", BOUNDED),
    "list-extending-itself": (
        "{% set a = [1, 2] %}{% for i in range(40) %}{% set _ = a.extend(a) %}{% endfor %}"
        "{{ a|length }}",
        BOUNDED,
    ),
    "batch-of-one": ('{{ ("x" * 15000000)|batch(1)|list|length }}', BOUNDED),
    "map-float": ('{{ ("1" * 19000000)|map("float")|list|length }}', BOUNDED),
    "emoji-output": ('{% for i in range(95) %}{{ "\U0001f600" * 2000000 }}{% endfor %}', BOUNDED),
    "wordwrap-of-a-long-word": ('{{ ("y" * 5000000)|wordwrap(1)|length }}', (CPU,)),
    "unique-of-a-deep-tuple": (
        "{% set ns = namespace(t=()) %}{% for i in range(500) %}{% for j in range(1000) %}"
        "{% set ns.t = (ns.t,) %}{% endfor %}{% endfor %}{{ [ns.t, ns.t]|unique|list|length }}",
        (*BOUNDED, "too deeply"),
    ),
    "model-dump-json": (
        "{{ plan.model_dump_json(indent=19999999) }}",
        ("has no attribute 'model_dump_json'",),
    ),
}


def _render(folder: Path, line: str) -> Result:
    plan = folder / "plan.yaml"
    plan.write_text(PLAN, encoding="utf-8")
    templates = folder / "t"
    templates.mkdir()
    (templates / "plan.md.j2").write_text(f"# {{{{ title }}}}\n{line}\n", encoding="utf-8")
    return run_cli(
        "render", plan, "-f", "md", "--template-dir", templates, "-o", folder / "plan.md",
        cwd=folder, timeout=HANG_SECONDS * 2, memory_limit=2 * 1024**3, cpu_limit=CPU_CAP,
    )  # fmt: skip


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_template_cannot_take_the_process_down(tmp_path: Path, case: str) -> None:
    line, expected = CASES[case]
    result = _render(tmp_path, line)
    assert result.exit_code == 2, result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    first = result.stderr.splitlines()[0]
    assert f"{tmp_path / 't' / 'plan.md.j2'}" in first
    assert any(text in first for text in expected), first
    assert not (tmp_path / "plan.md").exists()


def test_the_plan_is_plain_data(tmp_path: Path) -> None:
    result = _render(tmp_path, "{{ plan is mapping }} {{ plan.rok }} {{ plan.zadania[0].zadanie }}")
    assert result.exit_code == 0, result.stderr
    text = (tmp_path / "plan.md").read_text(encoding="utf-8")
    assert "True 2023 Spotkania z mieszkańcami" in text


def test_the_message_is_polish_by_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OSL_PLAN_LANG", "pl")
    result = _render(tmp_path, CASES["wordwrap-of-a-long-word"][0])
    assert result.exit_code == 2
    assert f"więcej niż {TEMPLATE_CPU_SECONDS} s czasu procesora" in result.stderr


def test_the_renderer_sets_its_own_bound_of_processor_time() -> None:
    """The cases above run under the command's lower limit (:data:`CPU_CAP`), which the renderer
    keeps; here, without one, the child a template renders in gets the renderer's own bound."""
    soft, hard = resource.getrlimit(resource.RLIMIT_CPU)
    seen = render_bounded(lambda: repr(resource.getrlimit(resource.RLIMIT_CPU)), "plan.md.j2")
    # A new child has used no whole second of processor time when it sets its limit.
    expected = TEMPLATE_CPU_SECONDS
    if soft != resource.RLIM_INFINITY:
        expected = min(soft, expected)
    assert ast.literal_eval(seen) == (expected, hard)
