"""Help and usage errors in the reader's language: osl-plan's own command classes for typer.

typer (its version range is pinned in pyproject.toml: these classes use its internals) formats
help with click's English words and Python type names, and prints usage errors in English. Here
every command is an :class:`OslCommand` and the application an :class:`OslGroup`, which

* write the help page themselves: the usage line, the command's text, the arguments, options and
  commands, each word a gettext message; help texts and metavars written in ``cli/*.py`` are
  English msgids marked with ``N_`` and translated when the help is shown (so the language is the
  reader's even when a test switches it in one process);
* catch click's usage errors at the one place the program reports them (:meth:`OslGroup.main`)
  and say them again in the reader's language (:func:`usage_message`).

Nothing here imports more than typer itself does: start-up stays as fast as before.
"""

from __future__ import annotations

import inspect
import re
import sys
from collections.abc import Sequence
from difflib import get_close_matches
from typing import Any, NoReturn

from typer import _click
from typer._click.exceptions import (
    BadOptionUsage,
    BadParameter,
    ClickException,
    MissingParameter,
    NoArgsIsHelpError,
    NoSuchOption,
    UsageError,
)
from typer._click.shell_completion import CompletionItem
from typer._click.utils import make_default_short_help
from typer._coercion import PassThroughRuntimeParam
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption
from typer.exceptions import Abort

from osl_plan.errors import ExitCode
from osl_plan.i18n import N_, _, ngettext

#: Help text of the option click adds by itself (its own English words).
BUILT_IN_HELP = (N_("Show this message and exit."),)

# click's English texts, matched only when reporting a usage error (``re`` compiles a pattern on
# its first use and keeps it: the program's start does not pay for these).
_EXTRA_ARGUMENTS = r"(?s)Got unexpected extra argument\(s\) \((?P<arguments>.*)\)"
_REQUIRES_VALUE = r"Option '.*' requires (an argument|\d+ arguments)\."
_TAKES_NO_VALUE = r"Option '.*' does not take a value\."


# ---- help ---------------------------------------------------------------------------------------


def translated_help(text: str | None) -> str:
    """A command's or parameter's help (an English msgid) in the reader's language."""
    if not text:
        return ""
    return _(inspect.cleandoc(text)).partition("\f")[0]


def metavar(param: _click.Parameter) -> str:
    """What the value of ``param`` is called on the help page: PLAN, FILE, FORMAT (translated)."""
    name = param.metavar or (param.name or "").upper()
    return _(name)


def _argument_shown(param: TyperArgument) -> str:
    shown = metavar(param)
    # A metavar naming several values ("OLD NEW") already says how many are wanted.
    if param.nargs != 1 and " " not in shown:
        shown += "..."
    return shown


def _option_names(param: TyperOption) -> str:
    names = sorted([*param.opts, *param.secondary_opts], key=lambda name: name.startswith("--"))
    shown = ", ".join(names)
    if not param.is_flag:
        shown += f" {metavar(param)}"
    elif param.metavar:  # a flag that may be followed by a value (--show-completion [SHELL])
        shown += f" [{metavar(param)}]"
    return shown


def _default_shown(param: _click.Parameter) -> str | None:
    if isinstance(param, TyperOption) and param.is_flag:
        return None
    if param.required or param.default is None or not getattr(param, "show_default", True):
        return None
    default = param.default
    if isinstance(default, (list, tuple)):
        return ", ".join(str(getattr(item, "value", item)) for item in default) or None
    return str(getattr(default, "value", default))


def help_record(param: _click.Parameter) -> tuple[str, str]:
    """One row of the Arguments or Options section: the names and the explanation."""
    name = _argument_shown(param) if isinstance(param, TyperArgument) else ""
    if isinstance(param, TyperOption):
        name = _option_names(param)
    text = translated_help(getattr(param, "help", None))
    extras = []
    default = _default_shown(param)
    if default is not None:
        extras.append(_("[default: {value}]").format(value=default))
    if param.required:
        extras.append(_("[required]"))
    return name, "  ".join([text, *extras]).strip()


#: Options for whoever sets osl-plan up or runs it in CI, listed apart from the organiser's.
TECHNICAL_OPTIONS = frozenset(
    {
        "--install-completion",
        "--show-completion",
        "--jobs",
        "--reference-doc",
        "--template-dir",
        "--git-driver",
    }
)


class _Formatting:
    """Help written with translated words; shared by commands and the application."""

    params: list[_click.Parameter]
    help: str | None

    def format_usage(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        pieces = self.collect_usage_pieces(ctx)
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=_("Usage:") + " ")

    def collect_usage_pieces(self, ctx: _click.Context) -> list[str]:
        pieces = [_("[OPTIONS]")]
        for param in self.params:
            if isinstance(param, TyperArgument):
                shown = _argument_shown(param)
                pieces.append(shown if param.required else f"[{shown}]")
        return pieces

    def format_help_text(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        text = translated_help(self.help)
        if text:
            formatter.write_paragraph()
            with formatter.indentation():
                formatter.write_text(text)

    def get_short_help_str(self, limit: int = 45) -> str:
        return make_default_short_help(translated_help(self.help), limit)

    def get_help_option(self, ctx: _click.Context) -> TyperOption | None:
        """The help option, whose value (a flag: True, or None when not given) needs no
        conversion. typer would build a pydantic adapter for it on first use, only to pass None
        through: importing pydantic, 60 ms of a `--help` or a shell's completion request."""
        option: TyperOption | None = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None and option._runtime_param is None:
            option._runtime_param = PassThroughRuntimeParam(
                annotation=bool, parameter_info=option.type_descriptor.parameter_info
            )
        return option

    def shell_complete(self, ctx: _click.Context, incomplete: str) -> list[CompletionItem]:
        """Completions; an option's description (zsh, fish, PowerShell show it) translated."""
        items: list[CompletionItem] = super().shell_complete(ctx, incomplete)  # type: ignore[misc]
        for item in items:
            if item.help:
                item.help = translated_help(item.help)
        return items

    def format_options(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        params = self.get_params(ctx)  # type: ignore[attr-defined]
        arguments = [
            help_record(p) for p in params if isinstance(p, TyperArgument) and not p.hidden
        ]
        options = [p for p in params if isinstance(p, TyperOption) and not p.hidden]
        technical = [help_record(p) for p in options if set(p.opts) & TECHNICAL_OPTIONS]
        ordinary = [help_record(p) for p in options if not set(p.opts) & TECHNICAL_OPTIONS]
        if arguments:
            with formatter.section(_("Arguments")):
                formatter.write_dl(arguments)
        if ordinary:
            with formatter.section(_("Options")):
                formatter.write_dl(ordinary)
        if technical:
            with formatter.section(_("Options for IT")):
                formatter.write_dl(technical)


class OslCommand(_Formatting, TyperCommand):
    """A command whose help is in the reader's language."""


class OslGroup(_Formatting, TyperGroup):
    """The application: help in the reader's language, usage errors reported here, in it."""

    def collect_usage_pieces(self, ctx: _click.Context) -> list[str]:
        return [*super().collect_usage_pieces(ctx), _("COMMAND [ARGS]...")]

    def format_options(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        """The commands first (what the reader came for), then the options."""
        commands = [(name, self.get_command(ctx, name)) for name in self.list_commands(ctx)]
        shown = [(name, command) for name, command in commands if command and not command.hidden]
        if shown:
            limit = formatter.width - 6 - max(len(name) for name, _command in shown)
            rows = [(name, command.get_short_help_str(limit)) for name, command in shown]
            with formatter.section(_("Commands")):
                formatter.write_dl(rows)
        super().format_options(ctx, formatter)

    def resolve_command(
        self, ctx: _click.Context, args: list[str]
    ) -> tuple[str | None, _click.Command | None, list[str]]:
        name = args[0] if args else ""
        if (
            name
            and not name.startswith("-")
            and self.get_command(ctx, name) is None
            and not ctx.resilient_parsing
        ):
            raise UsageError(_unknown_command(name, self.list_commands(ctx)), ctx)
        return super().resolve_command(ctx, args)

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        """Run the program; click's errors are reported here, in the reader's language."""
        try:
            result = super().main(
                args,
                prog_name,
                complete_var,
                standalone_mode=False,
                windows_expand_args=windows_expand_args,
                **extra,
            )
        except ClickException as error:
            if not standalone_mode:
                raise
            report(error)
        except Abort:
            if not standalone_mode:
                raise
            _click.echo(_("Aborted."), err=True)
            sys.exit(ExitCode.FAILURE)
        if not standalone_mode:
            return result
        # Without standalone mode typer returns the code of a typer.Exit instead of exiting.
        sys.exit(result if isinstance(result, int) else 0)


def _unknown_command(name: str, commands: list[str]) -> str:
    matches = get_close_matches(name, commands)
    if matches:
        return _("No such command '{name}'. Did you mean {suggestions}?").format(
            name=name, suggestions=", ".join(matches)
        )
    return _("No such command '{name}'.").format(name=name)


# ---- usage errors -------------------------------------------------------------------------------


def report(error: ClickException) -> NoReturn:
    """Print a click error as the program's other errors are printed, and exit with its code."""
    if isinstance(error, NoArgsIsHelpError):
        _click.echo(error.format_message(), err=True)
        sys.exit(error.exit_code)
    if isinstance(error, UsageError) and error.ctx is not None:
        ctx = error.ctx
        _click.echo(ctx.get_usage(), err=True)
        if ctx.command.get_help_option(ctx) is not None:
            command = f"{ctx.command_path} {ctx.help_option_names[0]}"
            _click.echo(_("Try '{command}' for help.").format(command=command), err=True)
        _click.echo("", err=True)
    _click.echo(_("Error: {message}").format(message=usage_message(error)), err=True)
    sys.exit(error.exit_code)


def usage_message(error: ClickException) -> str:
    """Click's message for ``error`` in the reader's language (its own text when unknown)."""
    if isinstance(error, MissingParameter):
        return _missing(error)
    if isinstance(error, BadParameter):
        return _bad_value(error)
    if isinstance(error, NoSuchOption):
        return _no_such_option(error)
    if isinstance(error, BadOptionUsage):
        return _option_usage(error)
    return _other_usage(error)


def _option_usage(error: BadOptionUsage) -> str:
    if re.fullmatch(_REQUIRES_VALUE, error.message):
        return _("Option '{option}' requires a value.").format(option=error.option_name)
    if re.fullmatch(_TAKES_NO_VALUE, error.message):
        return _("Option '{option}' does not take a value.").format(option=error.option_name)
    return error.message


def _other_usage(error: ClickException) -> str:
    """Messages click builds in place (``ctx.fail``), recognised by their English text."""
    extra = re.fullmatch(_EXTRA_ARGUMENTS, error.message)
    if extra:
        arguments = extra.group("arguments")
        count = len(arguments.split())
        return ngettext(
            "Got unexpected extra argument: {arguments}",
            "Got unexpected extra arguments: {arguments}",
            count,
        ).format(arguments=arguments)
    if error.message == "Missing command.":
        return _("Missing command.")
    return error.message


def _shown_name(param: _click.Parameter | None) -> str:
    if isinstance(param, TyperOption):
        return " / ".join(param.opts)
    return metavar(param) if param is not None else ""


def _missing(error: MissingParameter) -> str:
    name = _shown_name(error.param)
    if isinstance(error.param, TyperOption):
        return _("Missing option '{name}'.").format(name=name)
    return _("Missing argument '{name}'.").format(name=name)


def _bad_value(error: BadParameter) -> str:
    """A value that cannot be used: not one of the choices, not a number."""
    param = error.param
    name = _shown_name(param)
    option = isinstance(param, TyperOption)
    value, kind = _rejected(error)
    choices = _choices(param)
    if value is not None and choices:
        message = (
            _("Invalid value for option '{name}': '{value}'. Choose one of: {choices}.")
            if option
            else _("Invalid value for argument '{name}': '{value}'. Choose one of: {choices}.")
        )
        return message.format(name=name, value=value, choices=", ".join(choices))
    if value is not None and kind.startswith("int_"):
        message = (
            _("Invalid value for option '{name}': '{value}' is not a whole number.")
            if option
            else _("Invalid value for argument '{name}': '{value}' is not a whole number.")
        )
        return message.format(name=name, value=value)
    if value is not None and kind in _OUT_OF_RANGE:
        low, high = getattr(param, "min", None), getattr(param, "max", None)
        return _("Invalid value for '{name}': {value} is not between {min} and {max}.").format(
            name=name,
            value=value,
            min="−∞" if low is None else low,
            max="∞" if high is None else high,
        )
    return _("Invalid value for '{name}': {reason}").format(name=name, reason=error.message)


#: pydantic's kinds of error for a number outside an option's min/max.
_OUT_OF_RANGE = {"greater_than_equal", "less_than_equal", "greater_than", "less_than"}


def _rejected(error: BadParameter) -> tuple[str | None, str]:
    """The value the user gave and pydantic's kind of error, when typer's coercion refused it."""
    cause = error.__cause__
    errors = getattr(cause, "errors", None)
    if not callable(errors):
        return None, ""
    found = errors()
    if not found:
        return None, ""
    value = found[0].get("input")
    return (None if value is None else str(value)), str(found[0].get("type", ""))


def _choices(param: _click.Parameter | None) -> list[str]:
    descriptor = getattr(param, "type_descriptor", None)
    if descriptor is None or not descriptor.is_choice or not descriptor.choices:
        return []
    return [str(getattr(choice, "value", choice)) for choice in descriptor.choices]


def _no_such_option(error: NoSuchOption) -> str:
    option = error.option_name
    if error.possibilities:
        return _("No such option: {option} (Possible options: {options})").format(
            option=option, options=", ".join(sorted(error.possibilities))
        )
    return _("No such option: {option}").format(option=option)
