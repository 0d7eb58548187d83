"""The CLI reference is current, every command and option explains itself, conventions hold."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import typer
from helpers import ROOT, run_cli, update_golden

from osl_plan import __version__
from osl_plan.devtools import gendocs

ENTRIES = list(gendocs.walk())
COMMANDS = [entry for entry in ENTRIES if entry.name != gendocs.PROG]


def _ids(entries: list[gendocs.Entry]) -> list[str]:
    return [entry.name for entry in entries]


def _options(context: typer.Context) -> dict[str, list[str]]:
    """Every option of a command by its long name, with all its spellings."""
    found: dict[str, list[str]] = {}
    for param in context.command.get_params(context):
        if param.param_type_name == "option":
            names = [*param.opts, *param.secondary_opts]
            long_names = [name for name in names if name.startswith("--")]
            found[long_names[0] if long_names else names[0]] = names
    return found


@pytest.mark.parametrize("lang", sorted(gendocs.CLI_DOCS))
def test_cli_reference_is_current(lang: str) -> None:
    expected = gendocs.cli_reference(lang)
    path = gendocs.CLI_DOCS[lang]
    actual = path.read_text(encoding="utf-8")
    assert actual == expected, f"docs/{path.name} is stale: run `make docs` and commit it"


@pytest.mark.parametrize("lang", sorted(gendocs.CLI_DOCS))
def test_cli_reference_lists_every_command(lang: str) -> None:
    text = gendocs.CLI_DOCS[lang].read_text(encoding="utf-8")
    for entry in ENTRIES:
        assert f"## `{entry.name}`" in text


def test_cli_references_link_to_each_other_and_differ_in_language() -> None:
    polish = gendocs.CLI_DOCS["pl"].read_text(encoding="utf-8")
    english = gendocs.CLI_DOCS["en"].read_text(encoding="utf-8")
    assert "(cli.en.md)" in polish
    assert "(cli.md)" in english
    assert "Użycie: osl-plan render [OPCJE] PLAN..." in polish
    assert "Usage: osl-plan render [OPTIONS] PLAN..." in english
    assert "Usage:" not in polish


def test_gendocs_check_mode_fails_on_a_stale_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stale = tmp_path / "cli.md"
    stale.write_text("# an old reference\n", encoding="utf-8")
    monkeypatch.setattr(gendocs, "CLI_DOCS", {"pl": stale, "en": tmp_path / "cli.en.md"})
    monkeypatch.setattr(gendocs, "SCHEMA_FILE", tmp_path / "plan.schema.json")
    assert gendocs.main(["--check"]) == 1
    assert "cli.md is stale: run `make docs`" in capsys.readouterr().err
    assert gendocs.main([]) == 0
    assert gendocs.main(["--check"]) == 0
    assert stale.read_text(encoding="utf-8") == gendocs.cli_reference("pl")


@pytest.mark.parametrize("entry", ENTRIES, ids=_ids(ENTRIES))
def test_every_command_and_parameter_has_help(entry: gendocs.Entry) -> None:
    command = entry.context.command
    assert (command.help or "").strip(), f"{entry.name} has no help text (add a docstring)"
    for param in command.get_params(entry.context):
        help_text = getattr(param, "help", None) or ""
        assert help_text.strip(), f"{entry.name}: {param.name} has no help text"


@pytest.mark.parametrize("entry", ENTRIES, ids=_ids(ENTRIES))
def test_help_is_h_and_help(entry: gendocs.Entry) -> None:
    option = entry.context.command.get_help_option(entry.context)
    assert option is not None
    assert sorted(option.opts) == ["--help", "-h"]


@pytest.mark.parametrize("entry", ENTRIES, ids=_ids(ENTRIES))
def test_short_options_mean_the_same_everywhere(entry: gendocs.Entry) -> None:
    # -o is always --output and -f always --format, so muscle memory carries across commands.
    conventions = {"--output": "-o", "--format": "-f"}
    options = _options(entry.context)
    for long_name, short in conventions.items():
        if long_name in options:
            assert short in options[long_name], f"{entry.name}: {long_name} needs {short}"
    for long_name, names in options.items():
        for short, owner in ((s, o) for o, s in conventions.items()):
            if short in names:
                assert long_name == owner, f"{entry.name}: {short} must mean {owner}"


@pytest.mark.parametrize("entry", ENTRIES, ids=_ids(ENTRIES))
@pytest.mark.parametrize("flag", ["-h", "--help"])
def test_h_and_help_print_usage(entry: gendocs.Entry, flag: str) -> None:
    words = entry.name.split()[1:]
    result = run_cli(*words, flag)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Usage: "), result.stdout[:200]


def test_version_matches_the_package_metadata() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert __version__ == project["version"]
    for flag in ("--version", "-V"):
        result = run_cli(flag)
        assert result.exit_code == 0
        assert result.stdout == f"osl-plan {__version__}\n"


# Completion keys on the program name, so these run the installed script, not `python -m`.
SCRIPT = Path(sys.executable).with_name("osl-plan")


def _complete(words: str, cword: int) -> list[str]:
    """Ask the CLI for completions the way the bash script installed by typer does."""
    env = {**os.environ, "_OSL_PLAN_COMPLETE": "complete_bash"}
    env |= {"COMP_WORDS": words, "COMP_CWORD": str(cword)}
    proc = subprocess.run(
        [SCRIPT],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.split()


def test_bash_completion_offers_every_command() -> None:
    offered = _complete("osl-plan ", 1)
    assert sorted(offered) == sorted(entry.name.split()[1] for entry in COMMANDS)


def test_bash_completion_offers_options() -> None:
    assert "--format" in _complete("osl-plan render --fo", 2)


def test_show_completion_prints_a_bash_script() -> None:
    # The shell is detected from the parent process, as when a person types the command in bash;
    # the second command keeps bash from replacing itself with osl-plan.
    proc = subprocess.run(
        ["bash", "-c", f"{shlex.quote(str(SCRIPT))} --show-completion; exit $?"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "_OSL_PLAN_COMPLETE=complete_bash" in proc.stdout
    assert "complete -o default -F _osl_plan_completion osl-plan" in proc.stdout


def test_validate_reads_a_plan_from_stdin(example_2023: Path) -> None:
    result = run_cli("validate", "-", stdin=example_2023.read_bytes())
    assert result.exit_code == 0, result.stderr
    broken = example_2023.read_bytes().replace(b"rok: 2023", b"rok: dwa tysiace")
    result = run_cli("validate", "-", stdin=broken)
    assert result.exit_code == 1
    assert "rok" in result.stdout + result.stderr


def test_render_reads_a_plan_from_stdin(example_2023: Path) -> None:
    result = run_cli("render", "-", "-f", "md", "-o", "-", stdin=example_2023.read_bytes())
    assert result.exit_code == 0, result.stderr
    assert "Kampania medialna promująca działania CUS" in result.stdout


def test_cli_start_up_does_not_load_the_generator() -> None:
    code = "import sys, osl_plan.cli; print(sorted(m for m in sys.modules if 'devtools' in m))"
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


# ---- Commands written in the documentation exist and take the options shown -------------------

DOCUMENTS = [ROOT / "README.md", ROOT / "docs" / "ci.md", ROOT / "docs" / "przewodnik.md"]
_SHELL_BLOCK = re.compile(r"```(?:sh|bash|shell|console|powershell|bat)\n(.*?)```", re.DOTALL)


def documented_commands(text: str) -> list[list[str]]:
    """The ``osl-plan …`` command lines inside the shell code blocks of a Markdown text."""
    found = []
    for block in _SHELL_BLOCK.findall(text):
        for raw in block.replace("\\\n", " ").splitlines():
            line = raw.split(" #", 1)[0].strip().removeprefix("$ ")
            for part in re.split(r"\s*(?:\||&&|;|>)\s*", line):
                words = shlex.split(part)
                if words[:1] == ["osl-plan"]:
                    found.append(words)
    return found


def test_documents_show_commands() -> None:
    assert len(documented_commands((ROOT / "README.md").read_text(encoding="utf-8"))) >= 4


@pytest.mark.parametrize("document", DOCUMENTS, ids=[p.name for p in DOCUMENTS])
def test_documented_commands_exist_with_their_options(document: Path) -> None:
    by_name = {entry.name: entry for entry in ENTRIES}
    for words in documented_commands(document.read_text(encoding="utf-8")):
        name = " ".join(words[:2]) if not words[1].startswith("-") else gendocs.PROG
        assert name in by_name, f"{document.name}: `{shlex.join(words)}` — no such command"
        known = {n for names in _options(by_name[name].context).values() for n in names}
        for word in words[2:]:
            if word.startswith("-") and word != "-":
                option = word.split("=", 1)[0]
                assert option in known, f"{document.name}: `{shlex.join(words)}` — {option}?"


def test_changelog_has_a_section_for_this_version() -> None:
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "## [Unreleased]" in text
    heading = re.search(
        rf"^## \[{re.escape(__version__)}\] - (\d{{4}}-\d\d-\d\d|Unreleased)$", text, re.M
    )
    assert heading, f"CHANGELOG.md has no section for {__version__}"
    assert "### Added" in text[heading.end() :]


def test_codes_reference_is_current_and_lists_every_code() -> None:
    from osl_plan.codes import CODES

    text = gendocs.CODES_DOC.read_text(encoding="utf-8")
    assert text == gendocs.codes_reference(), "docs/codes.md is stale: run `make docs`"
    for code in CODES:
        assert f"| `{code}` |" in text
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    validate = readme.split("<!-- section: validate -->")[1].split("<!-- end: validate -->")[0]
    assert "(docs/codes.md)" in validate


# ---- The first minute: after `make run`, the README's quick start works as written -------------


def _quick_start() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1]
    block = _SHELL_BLOCK.search(section)
    assert block, "README: the quick start has no shell block"
    return block.group(1)


def _path_without_the_venv() -> str:
    own = {Path(sys.prefix, "bin").resolve(), Path(sys.executable).parent.resolve()}
    entries = os.environ.get("PATH", "").split(os.pathsep)
    return os.pathsep.join(e for e in entries if e and Path(e).resolve() not in own)


@pytest.mark.libreoffice
def test_readme_quick_start_runs_as_written(tmp_path: Path, soffice: str) -> None:
    """The block runs in a fresh shell that knows only what `make run` left: .venv and examples/."""
    venv = Path(sys.prefix)
    if not (venv / "bin" / "activate").is_file():
        pytest.skip("the tests are not running in a virtual environment like make's .venv")
    path = _path_without_the_venv()
    if shutil.which("osl-plan", path=path):
        pytest.skip("another osl-plan is on PATH; the check needs a PATH without one")
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    (tmp_path / ".venv").symlink_to(venv, target_is_directory=True)
    env = {k: v for k, v in os.environ.items() if k not in {"VIRTUAL_ENV", "PYTHONPATH"}}
    env |= {"PATH": path, "OSL_PLAN_SOFFICE": soffice}

    def shell(script: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["bash", "-e", "-c", script],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )

    block = _quick_start()
    first = block.splitlines()[0]
    assert first == ". .venv/bin/activate", "the quick start must first put osl-plan on PATH"
    without = shell(block.split("\n", 1)[1])
    assert without.returncode == 127, "without the first line osl-plan is not found (the reason)"
    proc = shell(block)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (tmp_path / "plan_2023.docx").stat().st_size > 0
    assert (tmp_path / "plan_2023.pdf").read_bytes().startswith(b"%PDF")


def test_make_run_says_how_to_reach_the_command() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\nrun:", 1)[1].split("\n\n", 1)[0]
    first = _quick_start().splitlines()[0]
    assert first.replace(".venv/bin", "$(BIN)") in recipe
    assert "$(BIN)/osl-plan validate examples/plan_2023.yaml" in recipe


# ---- The Polish guide: its examples are what osl-plan prints ------------------------------------

GUIDE = ROOT / "docs" / "przewodnik.md"
_EXAMPLE = re.compile(
    r"<!-- przykład(?:: (?P<file>\S+))? -->\n(?P<indent> *)"
    r"(?:```yaml\n(?P<plan>.*?)```\n\n(?P=indent))?"
    r"```powershell\n(?P<command>[^\n]+)\n(?P=indent)```\n\n(?P=indent)"
    r"```text\n(?P<output>.*?)(?P=indent)```",
    re.DOTALL,
)
_QUOTED = re.compile(r"<!-- z pliku: (?P<source>\S+) -->\n```yaml\n(?P<lines>.*?)```", re.DOTALL)


def _guide_example_output(match: re.Match[str], folder: Path) -> str:
    """What the example's command prints, run in ``folder`` as the guide's reader runs it: in
    Polish, the language osl-plan speaks without a setting."""
    indent = match["indent"]
    for example in (ROOT / "examples").glob("plan_*.yaml"):
        shutil.copy(example, folder / example.name)
    if match["file"]:
        plan = "".join(line.removeprefix(indent) + "\n" for line in match["plan"].splitlines())
        (folder / match["file"]).write_text(plan, encoding="utf-8")
    words = shlex.split(match["command"])
    assert words[0] == "osl-plan"
    result = run_cli(*words[1:], cwd=folder)
    return "".join(indent + line + "\n" for line in (result.stdout + result.stderr).splitlines())


def test_guide_examples_are_what_osl_plan_prints_in_polish(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Regenerate with OSL_PLAN_UPDATE_GOLDEN=1 (the same flag as the golden files)."""
    for name in ("OSL_PLAN_LANG", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    for name, value in {"LANG": "C", "LC_ALL": "", "LC_MESSAGES": ""}.items():
        monkeypatch.setenv(name, value)
    text = GUIDE.read_text(encoding="utf-8")
    matches = list(_EXAMPLE.finditer(text))
    assert len(matches) == text.count("<!-- przykład"), "an example the pattern does not read"
    assert len(matches) >= 3
    updated, last = [], 0
    for number, match in enumerate(matches):
        folder = tmp_path / str(number)
        folder.mkdir()
        printed = _guide_example_output(match, folder)
        updated += [text[last : match.start("output")], printed]
        last = match.end("output")
        if not update_golden():
            assert printed == match["output"], f"przewodnik.md: `{match['command']}` prints"
    if update_golden():
        GUIDE.write_text("".join(updated) + text[last:], encoding="utf-8", newline="\n")


def test_guide_quotes_comments_osl_plan_writes() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    quotes = list(_QUOTED.finditer(text))
    assert len(quotes) == text.count("<!-- z pliku:") >= 2
    for quote in quotes:
        source = (ROOT / quote["source"]).read_text(encoding="utf-8").splitlines()
        for line in quote["lines"].splitlines():
            assert any(line == s.strip() for s in source), f"{quote['source']}: {line}"


def test_guide_is_polish_and_complete() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    for word in ("do uzupełnienia", "TODO", "TBD"):
        assert word not in text
    for command in ("validate", "render", "diff", "new", "import", "status", "lista", "report"):
        assert f"osl-plan {command} " in text
    assert "OSL_PLAN_LANG" in text and "OSL_PLAN_SOFFICE" in text
    assert "py -m pip install" in text and "pipx install" in text
    for bundle_word in ("zainstaluj.bat", "odinstaluj.bat", "osl-plan doktor", "Plany OSL"):
        assert bundle_word in text
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "[docs/przewodnik.md](docs/przewodnik.md)" in readme.split("\n## ", 1)[0]


def _github_anchor(heading: str) -> str:
    """The id GitHub gives a heading: lower case, punctuation dropped, spaces to hyphens."""
    kept = "".join(c for c in heading.strip().lower() if c.isalnum() or c in " -_")
    return kept.replace(" ", "-")


def test_guide_links_to_its_own_sections() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    anchors = {_github_anchor(h) for h in re.findall(r"^#{1,6} (.+)$", text, re.M)}
    links = re.findall(r"\]\(#([^)]+)\)", text)
    assert len(links) >= 10
    assert [link for link in links if link not in anchors] == []
