"""The one exception tree of osl-plan.

Every error a user can cause is an :class:`OslPlanError`. Each knows its exit code and renders
itself as plain lines; the CLI is the only place that prints them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum
from functools import cache
from pathlib import Path
from typing import Literal

from osl_plan.i18n import _, ngettext, with_hint


class ExitCode(IntEnum):
    """Exit codes of every command (documented in the README)."""

    OK = 0
    #: The plan is invalid, or (with ``diff --exit-code``) the plans differ.
    FAILURE = 1
    #: Usage error, unreadable or unwritable file, missing external program.
    USAGE = 2
    #: A bug in osl-plan itself, never anything in the user's files.
    INTERNAL_ERROR = 3
    #: Ctrl+C or SIGTERM (128 + SIGINT, as shells report it).
    INTERRUPTED = 130


@dataclass(frozen=True, slots=True)
class Problem:
    """One located problem in a plan file."""

    message: str
    #: Field path such as ``zadania[3].termin``; empty for the whole file.
    field: str = ""
    hint: str = ""
    file: str = ""
    line: int | None = None
    column: int | None = None
    #: Stable id for programs (``unknown-key``, ``yaml-syntax``); listed in osl_plan/codes.py.
    code: str = ""
    #: ``"error"`` makes the plan invalid; a ``"warning"`` is reported and the plan stays valid.
    severity: Literal["error", "warning"] = "error"

    def location(self) -> str:
        """``file:line:column`` as far as known."""
        parts = [self.file or "<plan>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def format(self) -> str:
        """One line: location, field, what is wrong and how to fix it."""
        text = f"{self.location()}: "
        if self.field:
            text += f"{self.field}: "
        text += with_hint(self.message, self.hint) if self.hint else self.message
        return escape_controls(text)


@cache
def _controls() -> re.Pattern[str]:
    """Characters that would break a message's line or change the terminal: C0 and C1 controls,
    the Unicode line and paragraph separators, and the direction controls that reorder the rest
    of a line (U+202E left unclosed reverses it). Compiled when text that is not printable shows
    up: a character class beyond Latin-1 is slow to compile."""
    return re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")


def escape_controls(text: str) -> str:
    """Control characters written as escapes (``\\n``, ``\\x1b``): one message, one line."""
    if text.isprintable():  # none of them (the usual case)
        return text
    controls = _controls()
    if controls.search(text) is None:  # only spaces such as a no-break space
        return text
    return controls.sub(lambda m: repr(m.group())[1:-1], text)


def shown_path(path: Path | str) -> str:
    """A file name as text that can always be printed and saved: bytes that are not UTF-8
    (a name from an old Windows disk) appear as ``\\xe9``, control characters escaped."""
    text = str(path)
    if not text.isascii():
        text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return escape_controls(text)


class OslPlanError(Exception):
    """Base of every error osl-plan reports to a user."""

    exit_code: ExitCode = ExitCode.USAGE

    def lines(self) -> list[str]:
        """The message, one line per problem; what the user typed (quoted in it) can neither
        break a line nor send the terminal a command."""
        return [escape_controls(str(self))]


class PlanError(OslPlanError):
    """The plan file is not a valid plan.

    ``problems`` holds every problem found, warnings included; the message lines are the errors.
    """

    exit_code = ExitCode.FAILURE

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(self.lines()))

    def lines(self) -> list[str]:
        return [p.format() for p in self.problems if p.severity == "error"]


class UnreadablePlan(PlanError):
    """The plan file is not text osl-plan can read (not UTF-8, too large): exit code 2."""

    exit_code = ExitCode.USAGE


class PlanNotCompared(PlanError):
    """``diff`` could not read one of its plans: exit code 2, as ``git diff`` for a file it
    cannot read."""

    exit_code = ExitCode.USAGE


class UnreadableFile(OslPlanError):
    """A file does not exist, cannot be read, or is not text in a known encoding."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = shown_path(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class OutputError(OslPlanError):
    """An output file cannot be written; nothing was changed."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = shown_path(path)
        super().__init__(f"{self.path}: {reason}")


class UsageError(OslPlanError):
    """The command was called with arguments that do not fit together."""


class UnknownFormat(UsageError):
    """A document kind is not written in the format asked for."""

    def __init__(self, fmt: str, formats: Sequence[str]) -> None:
        self.format = fmt
        self.formats = tuple(formats)
        super().__init__(
            _("unknown format „{format}” — use one of: {formats}").format(
                format=fmt, formats=", ".join(formats)
            )
        )


class MissingProgram(OslPlanError):
    """An external program needed for this output is not installed."""


class ConversionFailed(OslPlanError):
    """An external converter ran but did not produce the expected file."""


class TemplateFailed(OslPlanError):
    """A user template is broken or uses a variable that does not exist."""

    def lines(self) -> list[str]:
        """The message followed by the template's lines around the place (one error)."""
        return ["\n".join(escape_controls(line) for line in str(self).split("\n"))]


class DocxImportError(OslPlanError):
    """A Word file cannot be read as a plan."""

    exit_code = ExitCode.FAILURE


class BatchFailed(OslPlanError):
    """Some plans of a batch failed; the others were written."""

    def __init__(self, failures: list[tuple[str, list[str], ExitCode]], written: int = 0) -> None:
        self.failures = failures
        self.written = written
        self.exit_code = max(code for _, _, code in failures)
        super().__init__("\n".join(line for _, lines, _ in failures for line in lines))

    def lines(self) -> list[str]:
        lines = [line for _, lines, _ in self.failures for line in lines]
        failed, total = len(self.failures), len(self.failures) + self.written
        if total > 1:  # with many plans, the errors alone do not say the rest were written
            if self.written:
                summary = ngettext(
                    "{failed} of {total} plans failed (above); the other {count} was written",
                    "{failed} of {total} plans failed (above); the other {count} were written",
                    self.written,
                )
            else:
                summary = _("{failed} of {total} plans failed (above); none was written")
            lines.append(summary.format(failed=failed, total=total, count=self.written))
        return lines


class BatchInterrupted(KeyboardInterrupt):
    """A batch was stopped (Ctrl+C, SIGTERM); ``written`` lists the outputs finished before.

    Every output is written atomically, so an output not listed is untouched: the one in
    progress left no partial file.
    """

    #: At most this many finished outputs are named; the rest are counted.
    LISTED = 10

    def __init__(self, written: list[str], total: int) -> None:
        self.written = written
        self.total = total
        super().__init__(f"{len(written)} of {total} outputs written")

    def lines(self) -> list[str]:
        """What was finished and what was not, in the reader's language."""
        count = len(self.written)
        if not count:
            return [_("Interrupted; no output was changed.")]
        lines = [
            ngettext(
                "Interrupted. Finished and written: {count} of {total} output:",
                "Interrupted. Finished and written: {count} of {total} outputs:",
                self.total,
            ).format(count=count, total=self.total)
        ]
        lines += [f"  {path}" for path in self.written[: self.LISTED]]
        more = count - self.LISTED
        if more > 0:
            lines.append(
                "  " + ngettext("… and {count} more", "… and {count} more", more).format(count=more)
            )
        rest = self.total - count
        if rest:
            lines.append(
                ngettext(
                    "The other {count} output was not written (no partial file is left).",
                    "The other {count} outputs were not written (no partial files are left).",
                    rest,
                ).format(count=rest)
            )
        return lines


def os_reason(error: OSError) -> str:
    """Why a file operation failed, in the reader's language (the OS says it in English)."""
    import errno

    from osl_plan.i18n import language

    if language() == "en" and error.strerror:
        return error.strerror

    reasons = {
        errno.EACCES: _("permission denied"),
        errno.EPERM: _("the operation is not permitted"),
        errno.ENOENT: _("no such file or folder"),
        errno.ENOTDIR: _("a part of the path is not a folder"),
        errno.EISDIR: _("it is a folder"),
        errno.ENOSPC: _("no space left on the disk"),
        errno.EDQUOT: _("the disk quota is used up"),
        errno.EROFS: _("the disk is read-only"),
        errno.ENAMETOOLONG: _("the name is too long"),
        errno.ELOOP: _("too many symbolic links (a loop?)"),
        errno.EEXIST: _("it already exists"),
        errno.EBUSY: _("it is in use"),
        errno.ETXTBSY: _("it is in use"),
        errno.EMFILE: _("too many files are open"),
        errno.EIO: _("the disk reported a read or write error"),
        errno.EFBIG: _("the file is too large for the disk"),
        errno.EPIPE: _("the program reading the output has stopped"),
        errno.EBADF: _("the file is closed"),
        errno.EXDEV: _("it is on another disk"),
    }
    if error.errno in reasons:
        return reasons[error.errno]
    return error.strerror or type(error).__name__
