"""Plan files in: bytes -> text -> YAML events -> plain data -> Plan, every error located.

YAML is turned into plain data safely by :mod:`osl_plan.yamlread`. Positions are collected only
when something is wrong: the file is read again to place the errors, which keeps the common,
valid case fast and small. The messages module is imported only then too.

Every problem of a file is reported in one run: only a YAML syntax error (after which the data
cannot be read) stops the reading. Text is Unicode NFC from here on: „ó” written as „o” and a
combining accent is the same letter as „ó”. A file that is not UTF-8 text cannot be read: a
PlanError with exit code 2 (:class:`~osl_plan.errors.UnreadablePlan`), located at the first byte
that is not UTF-8.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from osl_plan.errors import (
    PlanError,
    Problem,
    UnreadableFile,
    UnreadablePlan,
    os_reason,
    shown_path,
)
from osl_plan.i18n import _
from osl_plan.model import Plan, plan_year
from osl_plan.output import remember_input
from osl_plan.plan_checks import Issue, check_data, check_realisation
from osl_plan.yaml_syntax import canonical, describe
from osl_plan.yamlread import (
    MAX_ALIAS_EXPANSION,
    MAX_DEPTH,
    Builder,
    Located,
    Path_,
    Position,
    yaml_lines,
)
from osl_plan.yamlread import Loader as _Loader  # noqa: F401  (the tests check which parser)

__all__ = [
    "MAX_ALIAS_EXPANSION",
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "LoadedPlan",
    "Path_",
    "Position",
    "decode",
    "load",
    "load_plan",
    "loads",
    "read_file",
    "read_source",
]

MAX_FILE_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class LoadedPlan:
    """A valid plan with where it came from."""

    plan: Plan
    source: str
    #: 1-based line of each task's first line, in order.
    task_lines: tuple[int, ...]
    #: Warnings: the plan is valid, but something in it is probably not what was meant.
    warnings: tuple[Problem, ...] = ()


# --- reading -------------------------------------------------------------------------------


def read_source(path: str | Path) -> tuple[str, bytes]:
    """The display name and raw bytes of a plan file (``-`` reads stdin). Raises UnreadableFile."""
    if str(path) == "-":
        return "<stdin>", sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
    return shown_path(path), read_file(Path(path), limit=MAX_FILE_BYTES, kind=_("a plan file"))


def read_file(path: Path, *, limit: int, kind: str) -> bytes:
    """At most ``limit + 1`` bytes of a file, so callers can tell it is too large.

    ``kind`` names the file in the message about a folder given instead („a plan file”).
    Raises UnreadableFile with a plain reason (missing, a folder, no permission).
    """
    try:
        if path.is_dir():
            raise UnreadableFile(path, _("is a folder, not {kind}").format(kind=kind))
        with path.open("rb") as handle:
            remember_input(path)
            return handle.read(limit + 1)
    except FileNotFoundError:
        raise UnreadableFile(path, _("no such file — check the path")) from None
    except PermissionError:
        raise UnreadableFile(path, _("permission denied — check the file's permissions")) from None
    except OSError as error:
        raise UnreadableFile(
            path, _("cannot be read: {reason}").format(reason=os_reason(error))
        ) from None


def decode(data: bytes, name: str) -> str:
    """UTF-8 text (a BOM is fine). Raises PlanError naming the encoding that was found instead.

    A file too large or not UTF-8 raises :class:`UnreadablePlan` (exit code 2).
    """
    if len(data) > MAX_FILE_BYTES:
        raise UnreadablePlan(
            [
                Problem(
                    _("is larger than {size} MB").format(size=MAX_FILE_BYTES // (1024 * 1024)),
                    hint=_("a plan file is text of at most a few megabytes; check the file"),
                    file=name,
                    code="file-too-large",
                )
            ]
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnreadablePlan(
            [
                Problem(
                    _("is UTF-16 text, not UTF-8"),
                    hint=_("save the file as UTF-8 (in Notepad: Save as → Encoding: UTF-8)"),
                    file=name,
                    line=1,
                    column=1,
                    code="encoding",
                )
            ]
        )
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise UnreadablePlan([_encoding_problem(data, error, name)]) from None


def _encoding_problem(data: bytes, error: UnicodeDecodeError, name: str) -> Problem:
    line = data.count(b"\n", 0, error.start) + 1
    column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
    byte = f"0x{data[error.start]:02X}"
    message = _("is not UTF-8 text: byte {byte} cannot start a character").format(byte=byte)
    try:
        letter = bytes([data[error.start]]).decode("cp1250")
        data.decode("cp1250")
        if letter.isalpha():
            message = _(
                "is not UTF-8 text: byte {byte} cannot start a character — it looks like "
                "Windows-1250, where it is „{letter}”"
            ).format(byte=byte, letter=letter)
    except UnicodeDecodeError:
        pass
    return Problem(
        message,
        hint=_(
            "save the file as UTF-8 (in Notepad: Save as → Encoding: UTF-8; "
            "or run: iconv -f WINDOWS-1250 -t UTF-8 old.yaml > new.yaml)"
        ),
        file=name,
        line=line,
        column=column,
        code="encoding",
    )


# --- the public entry points ---------------------------------------------------------------


def load(path: str | Path) -> LoadedPlan:
    """Read and validate a plan file. Raises UnreadableFile or PlanError."""
    name, data = read_source(path)
    base = None if name == "<stdin>" else Path(path).parent
    return loads(data, name, base_dir=base)


def load_plan(path: str | Path) -> Plan:
    """The plan in a file. Raises UnreadableFile or PlanError."""
    return load(path).plan


def loads(data: str | bytes, name: str = "<plan>", *, base_dir: Path | None = None) -> LoadedPlan:
    """Validate plan text. Raises PlanError listing every problem found, each located.

    Warnings (problems with ``severity="warning"``) do not make the plan invalid: they are in
    :attr:`LoadedPlan.warnings`, or among the problems of the PlanError when there are errors.
    """
    text = decode(data, name) if isinstance(data, bytes) else data.removeprefix("\ufeff")
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        # Letters with separate accents (as some macOS editors save them) read as the letters.
        text = unicodedata.normalize("NFC", text)
    builder = Builder(track=False)
    try:
        raw = builder.build(text)
    except (Located, yaml.YAMLError) as error:
        raise PlanError([_yaml_problem(error, text, name)]) from None
    problems = [_located_problem(found, name) for found in builder.problems]
    shape = _shape_problems(raw, name)
    if shape:
        raise PlanError(_sorted(problems + shape))
    rok = plan_year(raw.get("rok"))  # "2024 r." is 2024 here too, for terms written without a year
    year = rok if isinstance(rok, int) and not isinstance(rok, bool) else None
    plan, issues = _validated(raw, year, refused=builder.refused)
    issues += check_data(raw, year, base_dir=base_dir)
    if plan is not None:  # what the recorded realisation says: warnings
        issues += check_realisation(plan)
    if issues:
        problems += _locate(issues, text, name)
    problems = _sorted(problems)
    if plan is None or any(p.severity == "error" for p in problems):
        raise PlanError(problems)
    return LoadedPlan(plan, name, tuple(builder.task_lines), tuple(problems))


def _validated(
    raw: dict[str, Any], year: int | None, *, refused: list[Path_]
) -> tuple[Plan | None, list[Issue]]:
    """The plan, or None and the model's problems (none about a value already refused)."""
    try:
        return Plan.model_validate(raw, context={"rok": year}), []
    except ValidationError as error:
        from osl_plan.explain import describe_pydantic_error

        errors = _relevant_errors(error.errors(include_url=False))
        issues = []
        for e in errors:
            if any(tuple(e["loc"][: len(path)]) == path for path in refused):
                continue
            said = describe_pydantic_error(e, year=year)
            issues.append(Issue(tuple(e["loc"]), said.message, said.hint, said.code, said.at_key))
        return None, issues


def _sorted(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.line or 0, p.column or 0))


def _located_problem(found: Located, name: str) -> Problem:
    from osl_plan.explain import format_path

    line, column = found.position
    return Problem(
        found.message,
        format_path(found.path),
        found.hint,
        name,
        line,
        column,
        code=found.code,
        severity=found.severity,
    )


def _relevant_errors(errors: list[Any]) -> list[Any]:
    """Drop errors that only echo another one, so each mistake is reported once.

    * pydantic also says "needs at least one item" of a list whose only items are invalid;
    * a misspelt required key ("year") is also reported as "rok is missing".
    """
    from osl_plan.explain import allowed_keys, meant_key

    locs = [tuple(e["loc"]) for e in errors]
    misspelt: set[tuple[Any, ...]] = set()
    for e, loc in zip(errors, locs, strict=True):
        if e["type"] == "extra_forbidden" and loc:
            meant = meant_key(str(loc[-1]), allowed_keys(loc))
            if meant is not None:
                misspelt.add((*loc[:-1], meant))
    kept = []
    for e, loc in zip(errors, locs, strict=True):
        if e["type"] == "too_short" and any(o[: len(loc)] == loc and o != loc for o in locs):
            continue
        if e["type"] == "missing" and loc in misspelt:
            continue
        kept.append(e)
    return kept


def _shape_problems(raw: Any, name: str) -> list[Problem]:
    if raw is None:
        return [
            Problem(
                _("the file is empty"),
                hint=_(
                    "start from a blank plan with every field described: osl-plan new {year} "
                    "--pusty (it writes plan_{year}.yaml)"
                ).format(year=_year_in_name(name)),
                file=name,
                code="empty-file",
            )
        ]
    if not isinstance(raw, dict):
        message = (
            _("the top level is a list, not a set of keys")
            if isinstance(raw, list)
            else _("the top level is a single value, not a set of keys")
        )
        return [
            Problem(
                message,
                hint=_("a plan starts with keys such as „rok: 2023” and „zadania:”"),
                file=name,
                line=1,
                column=1,
                code="not-a-plan",
            )
        ]
    return []


def _year_in_name(name: str) -> str:
    """The year a file's name gives (plan_2027.yaml), else a placeholder for it."""
    found = re.search(r"(?<!\d)(20\d\d)(?!\d)", Path(name).name)
    return found[1] if found else _("YEAR")


def _yaml_problem(error: Exception, text: str, name: str) -> Problem:
    if isinstance(error, Located):
        return _located_problem(error, name)
    if isinstance(error, yaml.reader.ReaderError):
        line = text.count("\n", 0, error.position) + 1
        column = error.position - (text.rfind("\n", 0, error.position) + 1) + 1
        char = error.character if isinstance(error.character, str) else chr(error.character)
        return Problem(
            _("contains an invisible control character (U+{code})").format(code=f"{ord(char):04X}"),
            hint=_("delete it; it is usually pasted in by accident and cannot be printed"),
            file=name,
            line=line,
            column=column,
            code="control-character",
        )
    assert isinstance(error, yaml.MarkedYAMLError)
    mark = error.problem_mark or error.context_mark
    problem = canonical(error.problem or "", error.context)
    if mark is not None and _char_at(text, mark.line, mark.column) == "\t":
        problem = "found a tab character"
    if ("end of stream" in problem or "expected ':'" in problem) and error.context_mark:
        # An unclosed quote or bracket: point where it was opened, not at the end of the file;
        # PyYAML notices a missing colon on the next line, the key without it is where it began.
        mark = error.context_mark
    source_line = _line_at(text, mark.line) if mark else ""
    column = mark.column if mark else 0
    if mark is not None:
        problem = _refine(problem, source_line, column)
    if problem.startswith("key indented"):
        column = len(source_line) - len(source_line.lstrip(" "))  # the key, not its colon
    said = describe(problem, source_line)
    return Problem(
        _("YAML syntax: {problem}").format(problem=said.message),
        hint=said.hint,
        file=name,
        line=mark.line + 1 if mark else None,
        column=column + 1 if mark else None,
        code="yaml-syntax",
    )


def _refine(problem: str, line: str, column: int) -> str:
    """Tell apart mistakes PyYAML reports alike, by what the line holds where it stopped."""
    if "mapping values are not allowed" in problem and line.find(": ") == column:
        # The line's own key: it is indented under the value above, not a colon inside text.
        return "key indented deeper than the keys above it"
    before = line[:column].rstrip()
    value = before.split(": ", 1)[-1].lstrip("- ")
    if "did not find expected" in problem and len(value) > 1:
        if before.endswith(('"', "'")) and value[0] in "\"'":
            return "text after the closing quote"
        if before.endswith(("]", "}")) and value[0] in "[{":
            return "text after the closing bracket"
    return problem


def _line_at(text: str, line: int) -> str:
    lines = yaml_lines(text)
    return lines[line] if line < len(lines) else ""


def _char_at(text: str, line: int, column: int) -> str:
    return _line_at(text, line)[column : column + 1]


def _locate(issues: list[Issue], text: str, name: str) -> list[Problem]:
    """Place each issue by reading the file again with positions on."""
    from osl_plan.explain import format_path

    builder = Builder(track=True)
    builder.build(text)
    problems = []
    for issue in issues:
        line, column = _position_of(builder, issue.path, at_key=issue.at_key)
        problems.append(
            Problem(
                issue.message,
                format_path(issue.path),
                issue.hint,
                name,
                line,
                column,
                code=issue.code,
                severity=issue.severity,
            )
        )
    return problems


def _position_of(builder: Builder, path: Path_, *, at_key: bool) -> Position:
    if at_key and path in builder.key_positions:
        return builder.key_positions[path]
    for end in range(len(path), -1, -1):
        prefix = path[:end]
        if prefix in builder.positions:
            return builder.positions[prefix]
        if prefix in builder.key_positions:
            return builder.key_positions[prefix]
    return (1, 1)
