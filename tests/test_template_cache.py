"""osl-plan's own templates are compiled once (osl_plan/render/template_cache.py): in a process,
and kept between runs. Each render still reads them. A run finding them kept compiles nothing and
writes the same document; a kept file that does not fit (damaged, another key) is compiled anew;
a cache that cannot be trusted is not used; a user's templates are never kept."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import jinja2
import pytest
from helpers import EXAMPLES, run_cli

from osl_plan import output
from osl_plan.errors import OutputError
from osl_plan.load import load
from osl_plan.render import RenderOptions, render, template_cache, templating
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


# --- kept between runs ---------------------------------------------------------------------------


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty cache of our own, nothing compiled in this process."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    templating._compiled.cache_clear()
    yield tmp_path / "cache" / "osl-plan" / "templates"
    templating._compiled.cache_clear()  # the next test's process starts without these


@pytest.fixture
def compiled(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the templates compiled from now on, in any environment."""
    return _compiles(monkeypatch)


def _fresh_process() -> None:
    templating._compiled.cache_clear()  # as a new run starts: only the cache on disk is left


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_a_new_run_compiles_nothing_and_writes_the_same_document(
    cache: Path, compiled: list[str], fmt: str
) -> None:
    first = render(PLAN, fmt, RenderOptions())
    assert compiled, "the first run compiles the templates"
    kept = sorted(cache.glob("*.code"))
    assert len(kept) == len(set(compiled))
    assert all(path.stat().st_mode & 0o077 == 0 for path in kept)
    compiled.clear()
    _fresh_process()
    assert render(PLAN, fmt, RenderOptions()) == first
    assert compiled == []
    assert sorted(cache.glob("*.code")) == kept


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda data: b"", id="empty"),
        pytest.param(lambda data: data[: len(data) // 2], id="cut-short"),
        pytest.param(lambda data: data.partition(b"\n")[0], id="no-code"),
        pytest.param(lambda data: b"(1, 2)\n" + data.partition(b"\n")[2], id="another-key"),
        pytest.param(lambda data: data.partition(b"\n")[0] + b"\nnot code", id="not-code"),
    ],
)
def test_a_damaged_file_is_compiled_anew_and_kept_again(
    cache: Path, compiled: list[str], damage: Callable[[bytes], bytes]
) -> None:
    first = render(PLAN, "md", RenderOptions())
    kept = sorted(cache.glob("*.code"))
    good = {path: path.read_bytes() for path in kept}
    for path, data in good.items():
        path.write_bytes(damage(data))
    compiled.clear()
    _fresh_process()
    assert render(PLAN, "md", RenderOptions()) == first
    assert len(compiled) == len(kept)
    assert {path: path.read_bytes() for path in kept} == good


def test_a_changed_template_is_compiled_anew(
    cache: Path, compiled: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    render(PLAN, "md", RenderOptions())
    copied = tmp_path / "szablony"
    copied.mkdir()
    for source in templating.search_path(None)[0].glob("*.j2"):
        (copied / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    plan_md = copied / "plan.md.j2"
    plan_md.write_text(plan_md.read_text(encoding="utf-8") + "\nKoniec.\n", encoding="utf-8")
    monkeypatch.setattr(templating, "_PACKAGE_TEMPLATES", copied)
    monkeypatch.setattr(templating, "_SOURCE_TEMPLATES", tmp_path / "none")
    compiled.clear()
    _fresh_process()
    assert render(PLAN, "md", RenderOptions()).rstrip().endswith(b"Koniec.")
    assert "plan.md.j2" in compiled


def test_html_and_markdown_keep_their_own_code(cache: Path, compiled: list[str]) -> None:
    """The same template name compiled with other settings (escaping) is another file."""
    key_md = template_cache.TemplateCache((False, ["a"]))
    key_html = template_cache.TemplateCache((True, ["a"]))
    env = jinja2.Environment()
    bucket = jinja2.bccache.Bucket(env, "key", "checksum")
    assert key_md._full_key(bucket) != key_html._full_key(bucket)


def test_a_users_templates_are_never_kept(cache: Path, compiled: list[str], tmp_path: Path) -> None:
    own = tmp_path / "moje"
    own.mkdir()
    (own / "plan.md.j2").write_text(
        "{% extends 'plan.md.j2' %}{% block title %}Plan{% endblock %}", encoding="utf-8"
    )
    render(PLAN, "md", RenderOptions(template_dir=own))
    assert not cache.exists() or list(cache.iterdir()) == []


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_a_folder_others_may_change_is_not_used(cache: Path, compiled: list[str]) -> None:
    first = render(PLAN, "md", RenderOptions())
    for path in cache.iterdir():
        path.chmod(0o666)
    cache.chmod(0o777)
    compiled.clear()
    _fresh_process()
    assert render(PLAN, "md", RenderOptions()) == first
    assert compiled, "code from a folder others may change is not run"


def test_an_unwritable_cache_is_only_a_miss(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, compiled: list[str]
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    templating._compiled.cache_clear()
    try:
        assert b"# PLAN ORGANIZOWANIA" in render(PLAN, "md", RenderOptions())
    finally:
        templating._compiled.cache_clear()
    assert compiled


def test_a_command_keeps_the_code_for_the_next_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two commands, each in a process of its own (forked from the tests' command server, which
    has compiled nothing): the second finds the first's code, compiles nothing (it writes no
    file) and writes the same document."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    kept = tmp_path / "cache" / "osl-plan" / "templates"
    outputs, files = [], []
    for run in ("first", "second"):
        out = tmp_path / f"{run}.html"
        args = ("render", EXAMPLES / "plan_2023.yaml", "-f", "html", "-o", out)
        result = run_cli(*args, memory_limit=1024**3)
        assert result.exit_code == 0, result.stderr
        outputs.append(out.read_bytes())
        files.append({path: path.stat().st_ino for path in kept.glob("*.code")})
    assert outputs[0] == outputs[1]
    assert files[0] and files[1] == files[0]  # the same files, none written again


def test_the_editors_pages_are_compiled_once_and_kept_for_the_next_session(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new editor session finds its pages' code kept and shows the same page."""
    from editor_support import client, plan_folder

    from osl_plan.editor import ui

    compiled: list[str] = []
    original = jinja2.Environment.compile

    def counting(self: Any, source: str, name: str | None = None, *args: Any, **kw: Any) -> Any:
        compiled.append(str(name))
        return original(self, source, name, *args, **kw)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    folder = plan_folder(tmp_path)
    ui._compiled.cache_clear()
    try:
        first = client(folder).get("/plan/plan_2023.yaml")
        assert first.status_code == 200 and compiled, "the first session compiles its pages"
        assert len(list(cache.glob("*.code"))) == len(set(compiled))
        compiled.clear()
        ui._compiled.cache_clear()  # a new session: only the cache on disk is left
        second = client(folder).get("/plan/plan_2023.yaml")
    finally:
        ui._compiled.cache_clear()
    assert compiled == []
    assert _without_token(second.text) == _without_token(first.text)


def _without_token(page: str) -> str:
    """A page without its anti-forgery token (each session has its own)."""
    import re

    return re.sub(r'name="_csrf" value="[^"]*"', "", page)
