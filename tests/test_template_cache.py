"""The built-in templates are compiled once in a process; each render still reads them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from helpers import EXAMPLES

from osl_plan import output
from osl_plan.errors import OutputError
from osl_plan.load import load
from osl_plan.render import RenderOptions
from osl_plan.render.html import render_html
from osl_plan.render.markdown import render_markdown
from osl_plan.render.templating import make_environment, search_path

PLAN = load(EXAMPLES / "plan_2023.yaml").plan


def _compiles(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the templates compiled from now on, in any environment."""
    environment = type(make_environment(None, autoescape=False))
    compiled: list[str] = []
    original = environment.compile

    def counting(self: Any, source: str, name: str | None = None, *args: Any, **kw: Any) -> Any:
        compiled.append(str(name))
        return original(self, source, name, *args, **kw)

    monkeypatch.setattr(environment, "compile", counting)
    return compiled


def test_a_second_render_compiles_no_built_in_template(monkeypatch: pytest.MonkeyPatch) -> None:
    compiled = _compiles(monkeypatch)
    first = render_html(PLAN, RenderOptions()), render_markdown(PLAN, RenderOptions())
    compiled.clear()
    second = render_html(PLAN, RenderOptions()), render_markdown(PLAN, RenderOptions())
    assert compiled == []
    assert second == first


def test_a_users_template_changed_between_renders_renders_as_changed(tmp_path: Path) -> None:
    (tmp_path / "plan.md.j2").write_text("# Plan {{ plan.rok }}\n", encoding="utf-8")
    options = RenderOptions(template_dir=tmp_path)
    assert render_markdown(PLAN, options) == "# Plan 2023\n"
    (tmp_path / "plan.md.j2").write_text("# Rok {{ plan.rok }}\n", encoding="utf-8")
    assert render_markdown(PLAN, options) == "# Rok 2023\n"


def test_a_template_compiled_before_is_still_an_input_of_the_command() -> None:
    """An output may not replace a template the command read, compiled or taken from the cache."""
    render_markdown(PLAN, RenderOptions())  # compiled (or already cached)
    output.forget_inputs()  # a new command
    render_markdown(PLAN, RenderOptions())  # from the cache
    template = next(folder / "plan.md.j2" for folder in search_path(None))
    try:
        with pytest.raises(OutputError, match="reads"):
            output.check_target(template, inputs=[])
    finally:
        output.forget_inputs()
