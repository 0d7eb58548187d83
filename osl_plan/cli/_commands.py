"""The commands, each loaded when it is asked for: ``osl-plan validate`` reads no other command.

Every command lives in its own module of this package and registers itself on the application
when that module is imported. The application's group (:class:`LazyGroup`) knows the commands by
name and imports a command's module only when the command is run, listed in the help, or
completed; start-up then does not grow with each command added.
"""

from __future__ import annotations

import importlib
from typing import ClassVar

import typer
from typer import _click
from typer.main import get_command_from_info, get_command_name

from osl_plan.cli._help import OslGroup

#: Every command and the module that defines it, in the order the help lists them: the
#: organiser's year first (check, print, start the next, follow it, report), tools after.
COMMANDS = {
    "edytor": "edytor",
    "validate": "validate",
    "render": "render",
    "new": "new",
    "status": "status",
    "report": "report",
    "lista": "lista",
    "diff": "diff",
    "doktor": "doktor",
    "import": "importer",
    "schema": "schema",
}


class LazyGroup(OslGroup):
    """The application's group: commands built from their modules on first use."""

    def list_commands(self, ctx: _click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: _click.Context, cmd_name: str) -> _click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            self._load(cmd_name)
        return self.commands.get(cmd_name)

    #: The application the command modules register on (set where it is made, cli/_app.py).
    application: ClassVar[typer.Typer]

    def _load(self, name: str) -> None:
        app = self.application
        importlib.import_module(f"{__package__}.{COMMANDS[name]}")
        for info in app.registered_commands:
            assert info.callback is not None  # typer's command decorator always sets it
            if (info.name or get_command_name(info.callback.__name__)) == name:
                command = get_command_from_info(
                    info,
                    pretty_exceptions_short=app.pretty_exceptions_short,
                    rich_markup_mode=app.rich_markup_mode,
                )
                self.add_command(command, name)
