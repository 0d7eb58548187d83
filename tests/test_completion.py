"""Shell completion: osl-plan's own --install-completion and --show-completion, in two languages.

Completion keys on the program name, which osl-plan sets itself (``osl-plan``, whatever started
it), so the commands run in this process; two tests run the installed script, as a shell does.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import Result, run_cli

SCRIPT = Path(sys.executable).with_name("osl-plan")
BASH_LINE = "complete -o default -F _osl_plan_completion osl-plan"


def _run(*args: str, lang: str = "pl", script: bool = False, **env: str) -> Result:
    """``osl-plan *args`` with the language and whatever ``env`` sets; ``script``: the installed
    script in a process of its own."""
    if script:
        environment = {**os.environ, "OSL_PLAN_LANG": lang, "COLUMNS": "100", **env}
        done = subprocess.run(
            [SCRIPT, *args], env=environment, capture_output=True, timeout=60, check=False
        )
        return Result(done.returncode, done.stdout, done.stderr)
    with pytest.MonkeyPatch.context() as environment:
        for name, value in {"OSL_PLAN_LANG": lang, **env}.items():
            environment.setenv(name, value)
        return run_cli(*args)


def test_the_help_lists_the_completion_options_in_polish() -> None:
    result = _run("--help")
    assert result.exit_code == 0, result.stderr
    assert "--install-completion [POWŁOKA]  Zainstaluj podpowiadanie poleceń" in result.stdout
    assert "--show-completion [POWŁOKA]     Pokaż skrypt podpowiadania poleceń" in result.stdout
    assert "completion for" not in result.stdout.lower()
    assert "SHELL" not in result.stdout


def test_the_help_lists_the_completion_options_in_english() -> None:
    result = _run("--help", lang="en")
    assert "--install-completion [SHELL]  Install completion for the current shell" in result.stdout
    assert "--show-completion [SHELL]     Show the completion script" in result.stdout


@pytest.mark.parametrize(
    ("shell", "expected"),
    [
        ("bash", BASH_LINE),
        ("zsh", "compdef _osl_plan_completion osl-plan"),
        ("fish", "complete --command osl-plan"),
        ("powershell", "Register-ArgumentCompleter -Native -CommandName osl-plan"),
    ],
)
def test_show_completion_prints_the_script_of_the_named_shell(shell: str, expected: str) -> None:
    # $SHELL names another shell: the name given on the command line wins. (bash: as installed.)
    result = _run("--show-completion", shell, script=shell == "bash", SHELL="/usr/bin/tcsh")
    assert result.exit_code == 0, result.stderr
    assert expected in result.stdout
    assert result.stderr == ""


def test_an_unsupported_shell_is_one_polish_message() -> None:
    result = _run("--show-completion", "tcsh")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "Błąd: powłoka „tcsh” nie jest obsługiwana – podpowiadanie działa w powłokach bash, zsh, "
        "fish i powershell\n"
    )


def test_a_command_after_the_option_is_not_taken_for_a_shell() -> None:
    # The shell is then detected; whichever it is, the word "validate" is not refused as one.
    result = _run("--show-completion", "validate", SHELL="/bin/bash")
    assert "validate" not in result.stderr


def test_install_completion_writes_into_the_home_folder_it_is_given(tmp_path: Path) -> None:
    (tmp_path / ".bashrc").write_text("alias ll='ls -l'\n", encoding="utf-8")
    result = _run("--install-completion", "bash", HOME=str(tmp_path), SHELL="/bin/bash")
    assert result.exit_code == 0, result.stderr
    script = tmp_path / ".bash_completions" / "osl-plan.sh"
    assert result.stdout == (
        f"Zainstalowano podpowiadanie poleceń dla powłoki bash w pliku {script}.\n"
        "Zacznie działać w nowym oknie terminala.\n"
    )
    assert BASH_LINE in script.read_text(encoding="utf-8")
    rc = (tmp_path / ".bashrc").read_text(encoding="utf-8")
    assert rc.startswith("alias ll='ls -l'\n")
    assert f"source '{script}'" in rc


def test_install_completion_speaks_english_on_request(tmp_path: Path) -> None:
    result = _run("--install-completion", "fish", lang="en", HOME=str(tmp_path))
    assert result.exit_code == 0, result.stderr
    script = tmp_path / ".config" / "fish" / "completions" / "osl-plan.fish"
    assert result.stdout == (
        f"Completion for fish installed in {script}.\nIt takes effect in a new terminal window.\n"
    )
    assert script.is_file()


def test_a_home_folder_that_cannot_be_written_is_one_message(tmp_path: Path) -> None:
    home = tmp_path / "not-a-folder"
    home.write_text("", encoding="utf-8")
    result = _run("--install-completion", "zsh", HOME=str(home))
    assert result.exit_code == 2
    assert result.stderr.startswith("Błąd: nie można zainstalować podpowiadania: ")
    assert "Traceback" not in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_the_shell_is_taken_from_shell_when_the_process_tree_does_not_tell(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from typer import _completion_shared

    from osl_plan.cli._completion import detect_shell

    monkeypatch.setattr(_completion_shared, "_get_shell_name", lambda: None)
    monkeypatch.setenv("SHELL", "/usr/local/bin/fish")
    assert detect_shell() == "fish"
    monkeypatch.setenv("SHELL", "/bin/sh")
    assert detect_shell() is None
    monkeypatch.setattr(_completion_shared, "_get_shell_name", lambda: "zsh")
    assert detect_shell() == "zsh"


def test_completion_descriptions_are_polish() -> None:
    # zsh, fish and PowerShell show each option's help beside it.
    env = {"_OSL_PLAN_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "osl-plan render --f"}
    result = _run(**env)
    assert result.exit_code == 0, result.stderr
    assert "Format wyniku" in result.stdout
    env["_TYPER_COMPLETE_ARGS"] = "osl-plan --"
    assert "Pokaż wersję i zakończ." in _run(**env).stdout


def test_okres_completes_with_the_reports_periods() -> None:
    words = "osl-plan report plan.yaml --okres I"
    env = {"_OSL_PLAN_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": "4"}
    result = _run(script=True, **env)  # as bash asks the installed script
    assert result.exit_code == 0, result.stderr
    assert result.stdout.split() == ["I-polrocze", "II-polrocze", "I-kwartal", "II-kwartal",
                                     "III-kwartal", "IV-kwartal"]  # fmt: skip
