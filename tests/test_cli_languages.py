"""The command line in both languages: help, usage errors and results, Polish by default.

Every case runs the real ``osl-plan`` in Polish and in English and is compared with a golden file
under tests/golden/cli/<lang>/ (regenerate with OSL_PLAN_UPDATE_GOLDEN=1 and review the diff).
Polish output must hold no English word except what the user typed: the English words are taken
from the catalog itself (words of an English message that its Polish translation does not use),
plus click's and pydantic's own words, which osl-plan must never let through.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from helpers import EXAMPLES, ROOT, run_cli, update_golden

from osl_plan.devtools import catalog, gendocs

GOLDEN = ROOT / "tests" / "golden" / "cli"
LANGS = ("pl", "en")

#: name -> the arguments typed after ``osl-plan`` (run in a folder holding plan_2022/2023.yaml).
CASES: dict[str, list[str]] = {
    "root-help": ["--help"],
    "root-no-arguments": [],
    "root-unknown-command": ["rendr", "plan_2023.yaml"],
    "root-unknown-option": ["--versio"],
    "render-happy": ["render", "plan_2023.yaml", "-f", "md", "-o", "plan_2023.md"],
    "render-missing-argument": ["render"],
    "render-bad-format": ["render", "plan_2023.yaml", "-f", "xml"],
    "render-unknown-option": ["render", "plan_2023.yaml", "--bogus"],
    "render-option-without-value": ["render", "plan_2023.yaml", "-o"],
    "render-jobs-not-a-number": ["render", "plan_2023.yaml", "-j", "abc"],
    "render-several-into-missing-folder": ["render", "plan_2022.yaml", "plan_2023.yaml", "-o", "x"],
    "render-over-the-input": ["render", "plan_2023.yaml", "-f", "md", "-o", "plan_2023.yaml"],
    "diff-text": ["diff", "2022", "2023"],
    "diff-md": ["diff", "2022", "2023", "-f", "md"],
    "diff-github": ["diff", "2022", "2023", "-f", "github"],
    "diff-json": ["diff", "2022", "2023", "-f", "json"],
    "diff-same-plan": ["diff", "plan_2023.yaml", "plan_2023.yaml"],
    "diff-one-plan": ["diff", "plan_2022.yaml"],
    "diff-no-plan-for-the-year": ["diff", "2019", "2020"],
    "diff-docx-without-output": ["diff", "2022", "2023", "-f", "docx"],
    "diff-bad-format": ["diff", "2022", "2023", "-f", "xml"],
    "diff-git-driver-wrong-arguments": ["diff", "--git-driver", "a", "b"],
    "schema-happy": ["schema", "-o", "plan.schema.json"],
    "schema-extra-argument": ["schema", "extra"],
    "import-missing-argument": ["import"],
    "new-happy": ["new", "2024", "--from", "plan_2023.yaml"],
    "new-missing-from": ["new", "2024"],
    "new-year-not-a-number": ["new", "dwa", "--from", "plan_2023.yaml"],
    "new-over-an-existing-file": ["new", "2023", "--from", "plan_2022.yaml"],
    "lista-rows-out-of-range": ["lista", "plan_2023.yaml", "--wiersze", "0"],
    "report-bad-period": ["report", "plan_2023.yaml", "--okres", "zima"],
    "status-missing-argument": ["status"],
}

#: Words of click, typer and pydantic that must never reach a Polish reader.
FOREIGN = {
    "usage", "options", "arguments", "commands", "error", "missing", "invalid", "value", "such",
    "option", "command", "try", "help", "show", "message", "exit", "got",
    "unexpected", "extra", "possible", "input", "should", "valid", "integer", "parse", "string",
    "aborted", "default", "required", "not", "one", "the", "and", "for", "with", "wrote",
}  # fmt: skip


#: Words both languages show: command names, format and place names the user types.
SHARED = {
    "osl", "plan", "diff", "import", "new", "render", "schema", "validate", "text", "json",
    "github", "docx", "html", "pdf", "yaml", "markdown", "footer", "header", "first", "page",
    "path", "old", "file", "hex", "mode",  # git's names of the 7 arguments it passes a driver
}  # fmt: skip

#: Machine output: JSON keys are English in both languages by contract (osl-plan-diff/1).
MACHINE = {"diff-json"}

_WORD = re.compile(r"[^\W\d_]{3,}")


def _english_words() -> set[str]:
    """Words of the catalog's English messages that no Polish translation uses; click's words."""
    with catalog.po_path("pl").open("rb") as handle:
        messages = [m for m in read_po(handle, locale="pl") if m.id and m.string]
    english: set[str] = set()
    polish: set[str] = set()
    for message in messages:
        for texts, words in ((message.id, english), (message.string, polish)):
            joined = " ".join(texts) if isinstance(texts, (list, tuple)) else texts
            words.update(w.lower() for w in _WORD.findall(joined))
    return (english - polish - SHARED) | FOREIGN


_CODE = re.compile(r"--?[A-Za-z][\w-]*|\{[^}]*\}|<[^>]*>|\S*[/._]\S*|`[^`]*`")


def _words(text: str) -> list[str]:
    """Lower-case words of three letters or more, leaving out options, paths and placeholders."""
    return [w.lower() for w in _WORD.findall(_CODE.sub(" ", text))]


ENGLISH = _english_words()


def _leaks(text: str, typed: list[str]) -> set[str]:
    allowed = set(_words(" ".join(typed)))
    return {word for word in _words(text) if word in ENGLISH and word not in allowed}


@pytest.fixture
def plans(tmp_path: Path) -> Path:
    for year in (2022, 2023):
        shutil.copy(EXAMPLES / f"plan_{year}.yaml", tmp_path / f"plan_{year}.yaml")
    return tmp_path


def _transcript(args: list[str], folder: Path) -> str:
    result = run_cli(*args, cwd=folder)
    return (
        f"$ osl-plan {' '.join(args)}\n"
        f"--- exit {result.exit_code}\n"
        f"--- stdout\n{result.stdout}"
        f"--- stderr\n{result.stderr}"
    ).replace(str(folder), "<folder>")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("case", sorted(CASES))
def test_cli_golden(case: str, lang: str, plans: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OSL_PLAN_LANG", lang)
    actual = _transcript(CASES[case], plans)
    golden = GOLDEN / lang / f"{case}.txt"
    if update_golden():
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
    assert golden.exists(), f"{golden} is missing; create it with OSL_PLAN_UPDATE_GOLDEN=1"
    assert actual == golden.read_text(encoding="utf-8"), (
        f"{golden} differs; if intended, rerun with OSL_PLAN_UPDATE_GOLDEN=1 and review the diff"
    )


@pytest.mark.parametrize("case", sorted(set(CASES) - MACHINE))
def test_polish_output_has_no_english_word(case: str) -> None:
    # The golden is what the test above produced from the real program.
    text = (GOLDEN / "pl" / f"{case}.txt").read_text(encoding="utf-8")
    # Without the "$ osl-plan …" line and the transcript's own "--- stdout" markers.
    shown = "\n".join(line for line in text.splitlines()[1:] if not line.startswith("--- "))
    if case.startswith("diff-"):
        shown = _without_plan_text(shown)
    assert _leaks(shown, CASES[case]) == set()


def _without_plan_text(text: str) -> str:
    """The diff quotes the plans' Polish text; only its own words are checked."""
    plan_words = set()
    for year in (2022, 2023):
        plan_words |= set(_words((EXAMPLES / f"plan_{year}.yaml").read_text(encoding="utf-8")))
    return " ".join(w for w in re.findall(r"\S+", text) if w.lower() not in plan_words)


def test_english_words_are_found_where_they_leak() -> None:
    # The check itself can fail: English text in a Polish transcript is reported.
    assert _leaks("Błąd: Missing argument „PLAN”. Try again.", []) >= {"missing", "try"}
    assert _leaks("Error: No such option: --bogus", ["--bogus"]) >= {"error", "such"}
    assert _leaks("Nieznana opcja: --bogus", ["--bogus"]) == set()


@pytest.mark.parametrize("entry", list(gendocs.walk()), ids=lambda entry: entry.name)
def test_help_of_every_command_is_polish(entry: gendocs.Entry) -> None:
    with gendocs.language("pl"):
        text = entry.context.command.get_help(entry.context)
    assert text.startswith("Użycie: ")
    assert _leaks(text, []) == set(), text
    # Help reads like help: no Python types in the usage line or beside an option.
    assert not re.search(r"<(str|int|path|list\[str\])>|\{[A-Z ]+\}", text), text


@pytest.mark.parametrize("flag", ["-h", "--help"])
def test_help_is_polish_by_default(flag: str, monkeypatch: pytest.MonkeyPatch) -> None:
    for variable in ("OSL_PLAN_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(variable, raising=False)
    result = run_cli("render", flag)
    assert result.exit_code == 0
    assert result.stdout.startswith("Użycie: osl-plan render [OPCJE] PLAN...")
    assert "Pokaż tę pomoc i zakończ." in result.stdout
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert run_cli("render", flag).stdout.startswith("Usage: osl-plan render [OPTIONS] PLAN...")


def test_every_command_uses_the_translating_classes() -> None:
    from osl_plan.cli._help import OslCommand, OslGroup

    for entry in gendocs.walk():
        expected = OslGroup if entry.name == gendocs.PROG else OslCommand
        assert isinstance(entry.context.command, expected), entry.name


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("pl", "Przerwano; żaden plik wynikowy nie został zmieniony.\n"),
        ("en", "Interrupted; no output was changed.\n"),
    ],
)
def test_interrupt_message(
    lang: str, expected: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import typer

    from osl_plan import i18n
    from osl_plan.cli._app import reporting

    monkeypatch.setenv("OSL_PLAN_LANG", lang)
    i18n.reset()
    try:
        with pytest.raises(typer.Exit) as stopped, reporting():
            raise KeyboardInterrupt
    finally:
        i18n.reset()
    assert stopped.value.exit_code == 130
    assert capsys.readouterr().err == expected


def test_an_unknown_click_message_is_passed_on_whole() -> None:
    # A message this module does not know (a newer click) is shown as click wrote it, not lost.
    from typer._click.exceptions import UsageError

    from osl_plan.cli._help import usage_message

    assert usage_message(UsageError("Something new happened.")) == "Something new happened."
