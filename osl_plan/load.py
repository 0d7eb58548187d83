"""Plan files in: bytes -> text -> YAML events -> plain data -> Plan, every error located.

The only module that imports yaml for reading. YAML is read event by event (libyaml's C parser
when it is installed) and built into plain data here, so that:

* no tag can construct an object (only the plain YAML scalar types exist);
* a key written twice is an error instead of silently keeping the last value;
* aliases cannot expand beyond a fixed budget ("billion laughs") and nesting is bounded;
* each problem can be pointed at with ``file:line:column``.

Positions are collected only when something is wrong: the file is read again to place the errors,
which keeps the common, valid case fast and small.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError
from yaml import events as ev

from osl_plan.errors import PlanError, Problem, UnreadableFile
from osl_plan.messages import (
    allowed_keys,
    describe_pydantic_error,
    format_path,
    meant_key,
    syntax_hint,
    syntax_message,
)
from osl_plan.model import Plan

MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 40
MAX_ALIAS_EXPANSION = 100_000

_Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_resolver = yaml.resolver.Resolver()
_constructor = yaml.constructor.SafeConstructor()
_STR = "tag:yaml.org,2002:str"
_SCALAR_TAGS = {
    _STR,
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_MAP_TAGS = {None, "!", "tag:yaml.org,2002:map"}
_SEQ_TAGS = {None, "!", "tag:yaml.org,2002:seq"}

Path_ = tuple[str | int, ...]
Position = tuple[int, int]  # 1-based line and column


@dataclass(frozen=True, slots=True)
class LoadedPlan:
    """A valid plan with where it came from."""

    plan: Plan
    source: str
    #: 1-based line of each task's first line, in order.
    task_lines: tuple[int, ...]


class _Located(Exception):
    """A YAML-level problem found while building data; carries its position."""

    def __init__(self, position: Position, message: str, hint: str, path: Path_ = ()) -> None:
        super().__init__(message)
        self.position, self.message, self.hint, self.path = position, message, hint, path


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
    )


# --- YAML events to data -------------------------------------------------------------------


@dataclass(slots=True)
class _Frame:
    container: dict[Any, Any] | list[Any]
    path: Path_
    anchor: str | None
    size: int = 1
    key: Any = None
    key_position: Position | None = None
    has_key: bool = False
    key_positions: dict[Any, Position] | None = None


def _pos(event: Any) -> Position:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1)


def _events(text: str) -> Iterator[Any]:
    loader = _Loader(text)
    try:
        while loader.check_event():
            yield loader.get_event()
    finally:
        loader.dispose()


def _scalar(event: ev.ScalarEvent) -> Any:
    tag = event.tag
    if tag is None or tag == "!":
        # No number, date or true/false is longer than 100 characters: long text stays text
        # without running the resolver's patterns over it.
        if event.tag == "!" or not event.implicit[0] or len(event.value) > 100:
            return event.value
        tag = _resolver.resolve(yaml.ScalarNode, event.value, (True, False))  # type: ignore[no-untyped-call]
    if tag == _STR:
        return event.value
    if tag == "tag:yaml.org,2002:merge":
        raise _Located(_pos(event), "merge keys (<<) are not supported", "write the keys out")
    if tag not in _SCALAR_TAGS:
        raise _Located(
            _pos(event),
            f"the tag {_short_tag(tag)} is not allowed",
            "plan files hold plain text, numbers and dates; remove the tag",
        )
    try:
        return _constructor.construct_object(yaml.ScalarNode(tag, event.value))
    except (yaml.YAMLError, ValueError):
        value = event.value if len(event.value) <= 60 else event.value[:59] + "…"
        raise _Located(_pos(event), f"„{value}” is not a valid value", "check it") from None


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml") else tag


class _Builder:
    """Builds plain data from YAML events, optionally recording every value's position."""

    def __init__(self, *, track: bool) -> None:
        self.track = track
        self.positions: dict[Path_, Position] = {}
        self.key_positions: dict[Path_, Position] = {}
        self.task_lines: list[int] = []
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.expanded = 0
        self.stack: list[_Frame] = []
        self.root: Any = None
        self.documents = 0

    def build(self, text: str) -> Any:
        for event in _events(text):
            self._event(event)
        return self.root

    def _event(self, event: Any) -> None:
        if isinstance(event, ev.ScalarEvent):
            self._add(event, _scalar(event), 1, event.anchor)
        elif isinstance(event, ev.AliasEvent):
            self._alias(event)
        elif isinstance(event, ev.MappingStartEvent | ev.SequenceStartEvent):
            self._open(event)
        elif isinstance(event, ev.MappingEndEvent | ev.SequenceEndEvent):
            frame = self.stack.pop()
            if frame.anchor:
                self.anchors[frame.anchor] = (frame.container, frame.size)
            self._place(frame.container, frame.size)
        elif isinstance(event, ev.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                raise _Located(
                    _pos(event),
                    "the file holds more than one YAML document",
                    "keep one plan per file; remove the second „---”",
                )

    def _open(self, event: Any) -> None:
        is_map = isinstance(event, ev.MappingStartEvent)
        if event.tag not in (_MAP_TAGS if is_map else _SEQ_TAGS):
            raise _Located(
                _pos(event),
                f"the tag {_short_tag(event.tag)} is not allowed",
                "plan files hold plain keys, lists and text; remove the tag",
            )
        if len(self.stack) >= MAX_DEPTH:
            raise _Located(
                _pos(event),
                f"the data is nested more than {MAX_DEPTH} levels deep",
                "a plan needs at most four levels; check the indentation",
            )
        path = self._child_path()
        if self.track:
            self.positions.setdefault(path, _pos(event))
        if len(path) == 2 and path[0] == "zadania":
            self.task_lines.append(_pos(event)[0])
        self.stack.append(
            _Frame({} if is_map else [], path, event.anchor, key_positions={} if is_map else None)
        )

    def _child_path(self) -> Path_:
        if not self.stack:
            return ()
        frame = self.stack[-1]
        if isinstance(frame.container, dict):
            return (*frame.path, str(frame.key))
        return (*frame.path, len(frame.container))

    def _alias(self, event: ev.AliasEvent) -> None:
        if event.anchor not in self.anchors:
            raise _Located(
                _pos(event), f"the alias *{event.anchor} has no anchor", "define &name first"
            )
        value, size = self.anchors[event.anchor]
        self.expanded += size
        if self.expanded > MAX_ALIAS_EXPANSION:
            raise _Located(
                _pos(event),
                f"aliases expand to more than {MAX_ALIAS_EXPANSION:,} values",
                "write the data out instead of nesting aliases",
            )
        self._add(event, value, size, None)

    def _add(self, event: Any, value: Any, size: int, anchor: str | None) -> None:
        if anchor:
            self.anchors[anchor] = (value, size)
        if not self.stack:
            self.root = value
            return
        frame = self.stack[-1]
        if isinstance(frame.container, dict) and not frame.has_key:
            self._key(frame, event, value)
            return
        if self.track:
            self.positions.setdefault(self._child_path(), _pos(event))
        self._place(value, size)

    def _key(self, frame: _Frame, event: Any, key: Any) -> None:
        position = _pos(event)
        if isinstance(key, dict | list) or isinstance(event, ev.AliasEvent):
            raise _Located(position, "a key must be a plain word", "write the key as text")
        key = str(key)
        if key == "<<":
            raise _Located(position, "merge keys (<<) are not supported", "write the keys out")
        assert frame.key_positions is not None
        if key in frame.key_positions:
            first = frame.key_positions[key][0]
            raise _Located(
                position,
                f"the key „{key}” appears twice in one place (first on line {first})",
                "keep one of them; the second would silently replace the first",
                (*frame.path, key),
            )
        frame.key_positions[key] = position
        frame.key, frame.has_key = key, True
        if self.track:
            self.key_positions[(*frame.path, key)] = position

    def _place(self, value: Any, size: int) -> None:
        if not self.stack:
            self.root = value
            return
        frame = self.stack[-1]
        frame.size += size
        if isinstance(frame.container, dict):
            frame.container[frame.key] = value
            frame.has_key = False
        else:
            frame.container.append(value)


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
    builder = _Builder(track=False)
    try:
        raw = builder.build(text)
    except (_Located, yaml.YAMLError) as error:
        raise PlanError([_yaml_problem(error, text, name)]) from None
    problems = _shape_problems(raw, name)
    if problems:
        raise PlanError(problems)
    rok = raw.get("rok")
    context = {"rok": rok if isinstance(rok, int) and not isinstance(rok, bool) else None}
    try:
        plan = Plan.model_validate(raw, context=context)
    except ValidationError as error:
        errors = _relevant_errors(error.errors(include_url=False))
        issues = [(tuple(e["loc"]), *describe_pydantic_error(e)) for e in errors]
        raise PlanError(_locate(issues, text, name)) from None
    semantic = check_plan(plan, base_dir=base_dir)
    if semantic:
        raise PlanError(_locate(semantic, text, name))
    return LoadedPlan(plan, name, tuple(builder.task_lines))


def _relevant_errors(errors: list[Any]) -> list[Any]:
    """Drop errors that only echo another one, so each mistake is reported once.

    * pydantic also says "needs at least one item" of a list whose only items are invalid;
    * a misspelt required key ("year") is also reported as "rok is missing".
    """
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
            )
        ]
    return []


def _yaml_problem(error: Exception, text: str, name: str) -> Problem:
    if isinstance(error, _Located):
        line, column = error.position
        return Problem(error.message, format_path(error.path), error.hint, name, line, column)
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
    return Problem(
        f"YAML syntax: {syntax_message(problem)}",
        hint=syntax_hint(problem),
        file=name,
        line=mark.line + 1 if mark else None,
        column=mark.column + 1 if mark else None,
    )


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.split("\n", line + 1)
    return lines[line][column : column + 1] if line < len(lines) else ""


def _locate(issues: list[tuple[Path_, str, str, bool]], text: str, name: str) -> list[Problem]:
    """Place each (path, message, hint, at_key) by reading the file again with positions on."""
    builder = _Builder(track=True)
    builder.build(text)
    problems = []
    for path, message, hint, at_key in issues:
        line, column = _position_of(builder, path, at_key=at_key)
        problems.append(Problem(message, format_path(path), hint, name, line, column))
    problems.sort(key=lambda p: (p.line or 0, p.column or 0))
    return problems


def _position_of(builder: _Builder, path: Path_, *, at_key: bool) -> Position:
    if at_key and path in builder.key_positions:
        return builder.key_positions[path]
    for end in range(len(path), -1, -1):
        prefix = path[:end]
        if prefix in builder.positions:
            return builder.positions[prefix]
        if prefix in builder.key_positions:
            return builder.key_positions[prefix]
    return (1, 1)


def check_plan(plan: Plan, *, base_dir: Path | None = None) -> list[tuple[Path_, str, str, bool]]:
    """Rules across fields: terms within the year, unique ids, the strip image exists."""
    issues: list[tuple[Path_, str, str, bool]] = []
    seen: dict[str, int] = {}
    for index, task in enumerate(plan.zadania):
        if not task.termin.overlaps_year(plan.rok):
            issues.append(
                (
                    ("zadania", index, "termin"),
                    f"„{task.termin.text}” is outside the plan's year {plan.rok}",
                    f"correct the year in the term, or „rok: {plan.rok}” at the top",
                    False,
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
                    )
                )
            seen.setdefault(task.id, index)
    funding = plan.finansowanie
    if funding and funding.obraz and base_dir is not None:
        issues.extend(_image_issues(base_dir / funding.obraz, funding.obraz))
    return issues


def _image_issues(path: Path, written: str) -> list[tuple[Path_, str, str, bool]]:
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
            )
        ]
    except OSError as error:
        reason = error.strerror or "it cannot be read"
        return [(where, f"the strip image „{written}”: {reason}", "check the file", False)]
    if not (head.startswith(b"\x89PNG") or head.startswith(b"\xff\xd8")):
        return [
            (
                where,
                f"„{written}” is not a PNG or JPEG image",
                "export the strip as PNG (the official files are published as PNG and JPEG)",
                False,
            )
        ]
    return []
