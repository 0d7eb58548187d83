"""Plan files in: bytes -> text -> YAML events -> plain data -> Plan, every error located.

YAML is turned into plain data safely by :mod:`osl_plan.yamlread`. Positions are collected only
when something is wrong: the file is read again to place the errors, which keeps the common,
valid case fast and small. The messages module is imported only then too.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from osl_plan.errors import PlanError, Problem, UnreadableFile
from osl_plan.model import Plan, plan_year
from osl_plan.realisation import Issue as RealisationIssue
from osl_plan.realisation import check_realisation
from osl_plan.yamlread import MAX_ALIAS_EXPANSION, MAX_DEPTH, Builder, Located, Path_, Position
from osl_plan.yamlread import Loader as _Loader  # noqa: F401  (the tests check which parser)

__all__ = [
    "MAX_ALIAS_EXPANSION",
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "LoadedPlan",
    "Path_",
    "Position",
    "check_plan",
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
    #: Problems that leave the plan valid (severity "warning"), located like errors.
    warnings: tuple[Problem, ...] = ()


# --- reading -------------------------------------------------------------------------------


def read_source(path: str | Path) -> tuple[str, bytes]:
    """The display name and raw bytes of a plan file (``-`` reads stdin). Raises UnreadableFile."""
    if str(path) == "-":
        return "<stdin>", sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
    return str(path), read_file(Path(path), limit=MAX_FILE_BYTES, kind="a plan file")


def read_file(path: Path, *, limit: int, kind: str) -> bytes:
    """At most ``limit + 1`` bytes of a file, so callers can tell it is too large.

    Raises UnreadableFile with a plain reason (missing, a folder, no permission).
    """
    try:
        if path.is_dir():
            raise UnreadableFile(path, f"is a folder, not {kind}")
        with path.open("rb") as handle:
            return handle.read(limit + 1)
    except FileNotFoundError:
        raise UnreadableFile(path, "no such file — check the path") from None
    except PermissionError:
        raise UnreadableFile(path, "permission denied — check the file's permissions") from None
    except OSError as error:
        raise UnreadableFile(path, f"cannot be read: {error.strerror or error}") from None


def decode(data: bytes, name: str) -> str:
    """UTF-8 text (a BOM is fine). Raises PlanError naming the encoding that was found instead."""
    if len(data) > MAX_FILE_BYTES:
        raise PlanError(
            [
                Problem(
                    f"is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB",
                    hint="a plan file is text of at most a few megabytes; check the file",
                    file=name,
                    code="file-too-large",
                )
            ]
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise PlanError(
            [
                Problem(
                    "is UTF-16 text, not UTF-8",
                    hint="save the file as UTF-8 (in Notepad: Save as → Encoding: UTF-8)",
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
        raise PlanError([_encoding_problem(data, error, name)]) from None


def _encoding_problem(data: bytes, error: UnicodeDecodeError, name: str) -> Problem:
    line = data.count(b"\n", 0, error.start) + 1
    column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
    byte = data[error.start]
    guess = ""
    try:
        letter = bytes([byte]).decode("cp1250")
        data.decode("cp1250")
        if letter.isalpha():
            guess = f" — it looks like Windows-1250, where it is „{letter}”"
    except UnicodeDecodeError:
        pass
    return Problem(
        f"is not UTF-8 text: byte 0x{byte:02X} cannot start a character{guess}",
        hint="save the file as UTF-8 (in Notepad: Save as → Encoding: UTF-8; "
        "or run: iconv -f WINDOWS-1250 -t UTF-8 old.yaml > new.yaml)",
        file=name,
        line=line,
        column=column,
        code="encoding",
    )


# --- the public entry points ---------------------------------------------------------------


def load(path: str | Path) -> LoadedPlan:
    """Read and validate a plan file. Raises UnreadableFile or PlanError."""
    name, data = read_source(path)
    base = None if name == "<stdin>" else Path(name).parent
    return loads(data, name, base_dir=base)


def load_plan(path: str | Path) -> Plan:
    """The plan in a file. Raises UnreadableFile or PlanError."""
    return load(path).plan


def loads(data: str | bytes, name: str = "<plan>", *, base_dir: Path | None = None) -> LoadedPlan:
    """Validate plan text. Raises PlanError listing every problem found, each located."""
    text = decode(data, name) if isinstance(data, bytes) else data.removeprefix("\ufeff")
    builder = Builder(track=False)
    try:
        raw = builder.build(text)
    except (Located, yaml.YAMLError) as error:
        raise PlanError([_yaml_problem(error, text, name)]) from None
    problems = _shape_problems(raw, name)
    if problems:
        raise PlanError(problems)
    rok = plan_year(raw.get("rok"))  # "2024 r." is 2024 here too, for terms written without a year
    year = rok if isinstance(rok, int) and not isinstance(rok, bool) else None
    context = {"rok": year}
    try:
        plan = Plan.model_validate(raw, context=context)
    except ValidationError as error:
        from osl_plan.messages import describe_pydantic_error

        errors = _relevant_errors(error.errors(include_url=False))
        issues = [(tuple(e["loc"]), *describe_pydantic_error(e, year=year)) for e in errors]
        raise PlanError(_locate(issues, text, name)) from None
    semantic = check_plan(plan, base_dir=base_dir)
    if semantic:
        raise PlanError(_locate(semantic, text, name))
    warnings = _located_warnings(check_realisation(plan), text, name)
    return LoadedPlan(plan, name, tuple(builder.task_lines), warnings)


def _located_warnings(issues: list[RealisationIssue], text: str, name: str) -> tuple[Problem, ...]:
    """The recorded realisation's warnings as located problems (positions read only if any)."""
    if not issues:
        return ()
    located = _locate(
        [(path, msg, hint, False, code) for path, msg, hint, code, _ in issues], text, name
    )
    return tuple(replace(problem, severity="warning") for problem in located)


def _relevant_errors(errors: list[Any]) -> list[Any]:
    """Drop errors that only echo another one, so each mistake is reported once.

    * pydantic also says "needs at least one item" of a list whose only items are invalid;
    * a misspelt required key ("year") is also reported as "rok is missing".
    """
    from osl_plan.messages import allowed_keys, meant_key

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
                "the file is empty",
                hint="start with „rok: 2023” and a list „zadania:” (see examples/plan_2023.yaml)",
                file=name,
                code="empty-file",
            )
        ]
    if not isinstance(raw, dict):
        kind = "a list" if isinstance(raw, list) else "a single value"
        return [
            Problem(
                f"the top level is {kind}, not a set of keys",
                hint="a plan starts with keys such as „rok: 2023” and „zadania:”",
                file=name,
                line=1,
                column=1,
                code="not-a-plan",
            )
        ]
    return []


def _yaml_problem(error: Exception, text: str, name: str) -> Problem:
    from osl_plan.messages import format_path, syntax_hint, syntax_message

    if isinstance(error, Located):
        line, column = error.position
        path = format_path(error.path)
        return Problem(error.message, path, error.hint, name, line, column, code=error.code)
    if isinstance(error, yaml.reader.ReaderError):
        line = text.count("\n", 0, error.position) + 1
        column = error.position - (text.rfind("\n", 0, error.position) + 1) + 1
        char = error.character if isinstance(error.character, str) else chr(error.character)
        return Problem(
            f"contains an invisible control character (U+{ord(char):04X})",
            hint="delete it; it is usually pasted in by accident and cannot be printed",
            file=name,
            line=line,
            column=column,
            code="control-character",
        )
    assert isinstance(error, yaml.MarkedYAMLError)
    mark = error.problem_mark or error.context_mark
    problem = error.problem or error.context or "the YAML cannot be read"
    if mark is not None and _char_at(text, mark.line, mark.column) == "\t":
        problem = "found a tab character"
    if "end of stream" in problem and error.context_mark is not None:
        # An unclosed quote or bracket: point where it was opened, not at the end of the file.
        mark = error.context_mark
        problem = f"{error.context}: found unexpected end of stream"
    if "expected ':'" in problem and error.context_mark is not None:
        # PyYAML notices the missing colon on the next line; the key without it is where it began.
        mark = error.context_mark
    source_line = _line_at(text, mark.line) if mark else ""
    column = mark.column if mark else 0
    if mark is not None:
        problem = _refine(problem, source_line, column)
    if problem.startswith("key indented"):
        column = len(source_line) - len(source_line.lstrip(" "))  # the key, not its colon
    return Problem(
        f"YAML syntax: {syntax_message(problem)}",
        hint=syntax_hint(problem, source_line),
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
    lines = text.split("\n", line + 1)
    return lines[line].rstrip("\r") if line < len(lines) else ""


def _char_at(text: str, line: int, column: int) -> str:
    return _line_at(text, line)[column : column + 1]


#: A problem found in the data, before it is located: (path, message, hint, at_key, code).
Issue = tuple[Path_, str, str, bool, str]


def _locate(issues: list[Issue], text: str, name: str) -> list[Problem]:
    """Place each (path, message, hint, at_key, code) by reading the file again with positions."""
    from osl_plan.messages import format_path

    builder = Builder(track=True)
    builder.build(text)
    problems = []
    for path, message, hint, at_key, code in issues:
        line, column = _position_of(builder, path, at_key=at_key)
        problems.append(Problem(message, format_path(path), hint, name, line, column, code=code))
    problems.sort(key=lambda p: (p.line or 0, p.column or 0))
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


def check_plan(plan: Plan, *, base_dir: Path | None = None) -> list[Issue]:
    """Rules across fields: terms within the year, unique ids, the strip image exists."""
    issues: list[Issue] = []
    seen: dict[str, int] = {}
    for index, task in enumerate(plan.zadania):
        if not task.termin.overlaps_year(plan.rok):
            issues.append(
                (
                    ("zadania", index, "termin"),
                    f"„{task.termin.text}” is outside the plan's year {plan.rok}",
                    f"correct the year in the term, or „rok: {plan.rok}” at the top",
                    False,
                    "term-outside-year",
                )
            )
        if task.id is not None:
            if task.id in seen:
                issues.append(
                    (
                        ("zadania", index, "id"),
                        f"the id „{task.id}” is already used by zadania[{seen[task.id] + 1}]",
                        "give every task its own id, or remove this one",
                        False,
                        "duplicate-id",
                    )
                )
            seen.setdefault(task.id, index)
    funding = plan.finansowanie
    if funding and funding.obraz and base_dir is not None:
        issues.extend(_image_issues(base_dir / funding.obraz, funding.obraz))
    return issues


def _image_issues(path: Path, written: str) -> list[Issue]:
    where: Path_ = ("finansowanie", "obraz")
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except FileNotFoundError:
        return [
            (
                where,
                f"the strip image „{written}” does not exist",
                "put the image file next to the plan file, or correct the name "
                "(the path is relative to the plan file)",
                False,
                "image-missing",
            )
        ]
    except OSError as error:
        reason = error.strerror or "it cannot be read"
        message = f"the strip image „{written}”: {reason}"
        return [(where, message, "check the file", False, "image-unreadable")]
    if not (head.startswith(b"\x89PNG") or head.startswith(b"\xff\xd8")):
        return [
            (
                where,
                f"„{written}” is not a PNG or JPEG image",
                "export the strip as PNG (the official files are published as PNG and JPEG)",
                False,
                "image-format",
            )
        ]
    return []
