"""``--install-completion`` and ``--show-completion``: osl-plan's own, in the reader's language.

typer would add both options itself, with English help and English messages; the application
turns that off (``add_completion=False``) and adds these instead. The scripts they print or
install, and the completion those scripts ask for (``_OSL_PLAN_COMPLETE``), are still typer's.

Either option may be followed by the shell's name (``--show-completion bash``); without one the
shell is detected from the running process, then from ``$SHELL``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import NoReturn

from typer import _click
from typer.exceptions import Exit

from osl_plan.errors import os_reason
from osl_plan.i18n import N_, _

#: The shells typer writes completion scripts for.
SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")
#: The options that may be followed by a shell's name.
OPTIONS = ("--install-completion", "--show-completion")
#: Help texts of the two options.
INSTALL_HELP = N_(
    "Install completion for the current shell (or for SHELL: bash, zsh, fish, powershell)."
)
SHOW_HELP = N_(
    "Show the completion script for the current shell (or for SHELL), to copy it or customize "
    "the installation."
)
_SHELL_KEY = "osl_plan.completion_shell"


def take_shell_name(ctx: _click.Context, args: list[str]) -> list[str]:
    """``args`` without a shell's name given right after a completion option (kept for it).

    None of the application's own options takes a value, so a word after ``--show-completion``
    that is not a command's name is meant as a shell's (an unknown one is refused later).
    """
    listed = getattr(ctx.command, "list_commands", None)  # the application's commands, unloaded
    commands = listed(ctx) if callable(listed) else []
    for position, word in enumerate(args):
        if not word.startswith("-"):
            break
        following = args[position + 1 : position + 2]
        if word in OPTIONS and following and not following[0].startswith("-"):
            if following[0] in commands:
                break
            ctx.meta[_SHELL_KEY] = following[0]
            return args[: position + 1] + args[position + 2 :]
    return args


def install_callback(ctx: _click.Context, param: _click.Parameter, value: object) -> None:
    """``--install-completion [SHELL]``: install the script for the shell, then exit."""
    if value and not ctx.resilient_parsing:
        _install(ctx, _shell(ctx))


def show_callback(ctx: _click.Context, param: _click.Parameter, value: object) -> None:
    """``--show-completion [SHELL]``: print the script for the shell, then exit."""
    if value and not ctx.resilient_parsing:
        _show(ctx, _shell(ctx))


def _shell(ctx: _click.Context) -> str:
    """The shell named after the option, else the one detected. Exits 2 when there is none."""
    named = ctx.meta.get(_SHELL_KEY)
    if isinstance(named, str):
        if named.lower() not in SHELLS:
            _refuse(
                _(
                    "shell „{shell}” is not supported — completion is available for bash, zsh, "
                    "fish and powershell"
                ).format(shell=named)
            )
        return named.lower()
    shell = detect_shell()
    if shell is None:
        _refuse(
            _(
                "cannot tell which shell is running — name it after the option, for example: "
                "osl-plan --show-completion bash (or zsh, fish, powershell)"
            )
        )
    return shell


def detect_shell() -> str | None:
    """The running shell (from the process tree), else the one ``$SHELL`` names; None: unknown."""
    from typer._completion_shared import _get_shell_name

    for found in (_get_shell_name(), Path(os.environ.get("SHELL", "")).stem):
        if found and found.lower() in SHELLS:
            return found.lower()
    return None


def _names(ctx: _click.Context) -> tuple[str, str]:
    """The program's name and the variable its completion script sets."""
    program = ctx.find_root().info_name or "osl-plan"
    return program, "_{}_COMPLETE".format(program.replace("-", "_").upper())


def _show(ctx: _click.Context, shell: str) -> None:
    from typer._completion_shared import get_completion_script

    program, variable = _names(ctx)
    _click.echo(get_completion_script(prog_name=program, complete_var=variable, shell=shell))
    raise Exit(0)


def _install(ctx: _click.Context, shell: str) -> None:
    from typer._completion_shared import install

    program, variable = _names(ctx)
    try:
        _shell_name, path = install(shell=shell, prog_name=program, complete_var=variable)
    except OSError as error:
        message = _("cannot install completion: {reason} — check {file}, or use --show-completion")
        _refuse(
            message.format(reason=os_reason(error), file=error.filename or _("your home folder"))
        )
    _click.echo(_("Completion for {shell} installed in {file}.").format(shell=shell, file=path))
    _click.echo(_("It takes effect in a new terminal window."))
    raise Exit(0)


def _refuse(message: str) -> NoReturn:
    _click.echo(_("Error: {message}").format(message=message), err=True)
    raise Exit(2)
