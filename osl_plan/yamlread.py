"""YAML text to plain data, event by event (libyaml's C parser when it is installed), so that:

* no tag can construct an object (only the plain YAML scalar types exist);
* a key written twice is an error instead of silently keeping the last value;
* aliases cannot expand beyond a fixed budget ("billion laughs") and nesting is bounded;
* each value can be pointed at with ``line:column`` (recorded only when asked for: the loader
  reads a file a second time with positions on when it has something to report);
* what YAML reads differently from what a person meant is a warning: text after „ #” (a comment
  to YAML) and a „- ” item indented one space too far (the end of the text above to YAML).

Problems that leave the data readable (a key written twice, a tag, a second document) are
collected in :attr:`Builder.problems` and the reading goes on, so that every other problem of
the file is reported in the same run; only syntax errors and the limits stop it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

import yaml
from yaml import events as ev

from osl_plan.i18n import _, number
from osl_plan.polish import short

MAX_DEPTH = 40
MAX_ALIAS_EXPANSION = 100_000

Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_resolver = yaml.resolver.Resolver()
_constructor = yaml.constructor.SafeConstructor()
_STR = "tag:yaml.org,2002:str"
_FLOAT = "tag:yaml.org,2002:float"
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
# The first characters with which a plain scalar can be something other than text (a number, a
# date, true/false, null …); anything else is text without running the resolver's patterns.
_IMPLICIT = _resolver.yaml_implicit_resolvers
_RESOLVABLE: frozenset[str] | None = (
    None if None in _IMPLICIT else frozenset(k for k in _IMPLICIT if k)
)

Path_ = tuple[str | int, ...]
Position = tuple[int, int]  # 1-based line and column


class Located(Exception):
    """A YAML-level problem found while building data; carries its position and code."""

    def __init__(
        self,
        position: Position,
        message: str,
        hint: str,
        path: Path_ = (),
        *,
        code: str,
        severity: Literal["error", "warning"] = "error",
    ) -> None:
        super().__init__(message)
        self.position, self.message, self.hint, self.path = position, message, hint, path
        self.code, self.severity = code, severity


class _SecondDocument(Exception):
    """The file goes on with a second YAML document, which is not read."""


#: Keys and values a plan does not keep (a key written twice, a merge key): read, then dropped.
_SKIP = object()
_COMMENT_AT = r"(\s+)#(.*)"  # compiled by ``re`` when a line has a comment


#: What YAML counts as a line break (its marks count lines so): CRLF, CR, LF, NEL, LS, PS.
_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_UNUSUAL_BREAKS = ("\r", "\x85", "\u2028", "\u2029")


def yaml_lines(text: str) -> list[str]:
    """``text`` split where YAML ends a line: the n-th item is the line a mark's ``line`` n names
    (a lone CR or a Unicode line separator is a line break to YAML, though not to ``str.split``)."""
    if any(mark in text for mark in _UNUSUAL_BREAKS):
        return _BREAK.split(text)
    return text.split("\n")


def _comment_lines(text: str) -> frozenset[int]:
    """The 0-based lines where text may be followed by a comment people meant as text.

    That is "#" after text and one space ("Akcja #razem"), or "#" right before a letter or digit
    ("nr #2"): YAML reads a comment, people meant text. A comment set off by two spaces and "# "
    is taken as meant. One pass with str.find (a regular expression over a 30 MB value takes
    seconds); most files have no "#" after text at all.
    """
    lines: set[int] = set()
    line, counted = 0, 0
    unusual = any(mark in text for mark in _UNUSUAL_BREAKS)
    index = text.find("#")
    while index != -1:
        if index >= 2 and text[index - 1] in " \t":
            one_space = text[index - 2] not in " \t\n"
            if one_space or text[index + 1 : index + 2].isalnum():
                if unusual:
                    line += len(_BREAK.findall(text, counted, index))
                else:
                    line += text.count("\n", counted, index)
                counted = index
                lines.add(line)
        index = text.find("#", index + 1)
    return frozenset(lines)


@dataclass(slots=True)
class _Frame:
    container: dict[Any, Any] | list[Any]
    is_map: bool
    path: Path_
    anchor: str | None
    size: int = 1
    key: Any = None
    has_key: bool = False
    #: Where each key of a mapping was written, for the message about a key written twice.
    key_marks: dict[str, Any] | None = None


def _pos(event: Any) -> Position:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1)


def _scalar(event: ev.ScalarEvent) -> Any:
    tag, value = event.tag, event.value
    if tag is None:
        # No number, date or true/false is longer than 100 characters: long text stays text
        # without running the resolver's patterns over it; so does text starting with a letter
        # no implicit type can start with.
        if not event.implicit[0] or len(value) > 100:
            return value
        if value and _RESOLVABLE is not None and value[0] not in _RESOLVABLE:
            return value
        tag = _resolver.resolve(yaml.ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
    # Kept as text: "!"; text and fractions (no plan field is a fraction; "termin: 03.2023" is a
    # month, kept as written: as a float it would be 3.2023, and "10.2020" would lose its zero);
    # the merge key "<<" and refused tags, which the builder reports.
    if tag == "!" or tag in (_STR, _FLOAT) or tag not in _SCALAR_TAGS:
        return value
    try:
        return _constructor.construct_object(yaml.ScalarNode(tag, value))
    except (yaml.YAMLError, ValueError):
        # "2023-02-30" looks like a date but is none: kept as text for the field to explain.
        return value


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml") else tag


class Builder:
    """Builds plain data from YAML events, optionally recording every value's position."""

    def __init__(self, *, track: bool) -> None:
        self.track = track
        self.positions: dict[Path_, Position] = {}
        self.key_positions: dict[Path_, Position] = {}
        #: 1-based line of each task's first line, in order.
        self.task_lines: list[int] = []
        #: Problems found on the way that did not stop the reading, warnings among them.
        self.problems: list[Located] = []
        #: Where a value had a refused tag.
        self.refused: list[Path_] = []
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.expanded = 0
        self.stack: list[_Frame] = []
        self.root: Any = None
        self.documents = 0
        self._text = ""
        self._lines: list[str] = []  # split only when a value is checked
        self._comment_lines: frozenset[int] = frozenset()

    def build(self, text: str) -> Any:
        """The data in ``text``. Raises Located or yaml.YAMLError."""
        handlers: dict[type, Callable[[Any], None]] = {
            ev.ScalarEvent: self._scalar,
            ev.AliasEvent: self._alias,
            ev.MappingStartEvent: self._open,
            ev.SequenceStartEvent: self._open,
            ev.MappingEndEvent: self._close,
            ev.SequenceEndEvent: self._close,
            ev.DocumentStartEvent: self._document,
        }
        handler_for = handlers.get
        self._text = text
        self._comment_lines = _comment_lines(text)
        loader = Loader(text)
        try:
            # One dictionary look-up per event: a plan of 20,000 tasks has about 200,000 events.
            while (event := loader.get_event()) is not None:
                handler = handler_for(type(event))
                if handler is not None:
                    handler(event)
        except _SecondDocument:
            pass  # reported; the first document is the plan
        finally:
            loader.dispose()
        return self.root

    def _scalar(self, event: ev.ScalarEvent) -> None:
        value = event.value
        # The common case inline (quoted text, or plain text no implicit type can start with);
        # everything else goes through the resolver in _scalar().
        if event.tag is not None or (
            event.implicit[0]
            and len(value) <= 100
            and (not value or _RESOLVABLE is None or value[0] in _RESOLVABLE)
        ):
            value = _scalar(event)
            if event.tag is not None and event.tag != "!" and event.tag not in _SCALAR_TAGS:
                self._tag_problem(event, event.tag)
        if event.anchor:
            self.anchors[event.anchor] = (value, 1)
        if not self.stack:
            self.root = value
            return
        frame = self.stack[-1]
        if frame.is_map and not frame.has_key:
            self._key(frame, event, value)
            return
        if not event.style:
            # Plain text over several lines, or ending on a line with „ #”: YAML may have read it
            # differently from what was meant.
            start: Any = event.start_mark
            end: Any = event.end_mark
            if start.line != end.line or end.line in self._comment_lines:
                self._check_plain(event, start, end)
        if self.track:
            self.positions.setdefault(self._child_path(), _pos(event))
        frame.size += 1
        if frame.is_map:
            if frame.key is not _SKIP:
                frame.container[frame.key] = value
            frame.has_key = False
        else:
            frame.container.append(value)  # type: ignore[union-attr]

    def _document(self, event: ev.DocumentStartEvent) -> None:
        """A plan file holds one document. Raises _SecondDocument at the second."""
        self.documents += 1
        if self.documents > 1:
            self.problems.append(
                Located(
                    _pos(event),
                    _("the file holds more than one YAML document"),
                    _("keep one plan per file; remove the second „---”"),
                    code="yaml-unsupported",
                )
            )
            raise _SecondDocument

    def _tag_problem(self, event: ev.NodeEvent, tag: str) -> None:
        # The value is kept as plain data; what the model says of it would repeat this problem.
        self.refused.append(self._child_path())
        self.problems.append(
            Located(
                _pos(event),
                _("the tag {tag} is not allowed").format(tag=_short_tag(tag)),
                _("plan files hold plain keys, lists, text, numbers and dates; remove the tag"),
                self._child_path(),
                code="yaml-unsupported",
            )
        )

    def _open(self, event: ev.CollectionStartEvent) -> None:
        is_map = type(event) is ev.MappingStartEvent
        if event.tag not in (_MAP_TAGS if is_map else _SEQ_TAGS):
            self._tag_problem(event, event.tag)  # type: ignore[arg-type]
        if len(self.stack) >= MAX_DEPTH:
            raise Located(
                _pos(event),
                _("the data is nested more than {depth} levels deep").format(depth=MAX_DEPTH),
                _("a plan needs at most four levels; check the indentation"),
                code="too-deep",
            )
        if self.stack and self.stack[-1].is_map and not self.stack[-1].has_key:
            # "? [a, b]": a list or mapping written where a key belongs.
            raise Located(
                _pos(event), _("a key must be a plain word"), _("write the key as text"),
                code="yaml-unsupported",
            )  # fmt: skip
        path = self._child_path()
        if self.track:
            self.positions.setdefault(path, _pos(event))
        if len(path) == 2 and path[0] == "zadania":
            self.task_lines.append(_pos(event)[0])
        if is_map:
            self.stack.append(_Frame({}, True, path, event.anchor, key_marks={}))
        else:
            self.stack.append(_Frame([], False, path, event.anchor))

    def _close(self, event: ev.CollectionEndEvent) -> None:
        frame = self.stack.pop()
        if frame.anchor:
            self.anchors[frame.anchor] = (frame.container, frame.size)
        self._place(frame.container, frame.size)

    def _child_path(self) -> Path_:
        if not self.stack:
            return ()
        frame = self.stack[-1]
        if frame.is_map:
            return (*frame.path, str(frame.key))
        return (*frame.path, len(frame.container))

    def _alias(self, event: ev.AliasEvent) -> None:
        if event.anchor not in self.anchors:
            raise Located(
                _pos(event),
                _("the alias *{name} has no anchor").format(name=event.anchor),
                _("define &{name} first").format(name=event.anchor),
                code="yaml-syntax",
            )
        value, size = self.anchors[event.anchor]
        self.expanded += size
        if self.expanded > MAX_ALIAS_EXPANSION:
            raise Located(
                _pos(event),
                _("aliases expand to more than {count} values").format(
                    count=number(MAX_ALIAS_EXPANSION)
                ),
                _("write the data out instead of nesting aliases"),
                code="too-many-aliases",
            )
        if not self.stack:
            self.root = value
            return
        frame = self.stack[-1]
        if frame.is_map and not frame.has_key:
            raise Located(
                _pos(event), _("a key must be a plain word"), _("write the key as text"),
                code="yaml-unsupported",
            )  # fmt: skip
        if self.track:
            self.positions.setdefault(self._child_path(), _pos(event))
        self._place(value, size)

    def _key(self, frame: _Frame, event: ev.ScalarEvent, key: Any) -> None:
        key = str(key)
        frame.has_key = True
        if key == "<<":
            self.problems.append(
                Located(
                    _pos(event),
                    _("merge keys (<<) are not supported"),
                    _("write the keys out"),
                    frame.path,
                    code="yaml-unsupported",
                )
            )
            frame.key = _SKIP
            return
        marks = frame.key_marks
        assert marks is not None
        if key in marks:
            self.problems.append(
                Located(
                    _pos(event),
                    _("the key „{key}” appears twice in one place (first on line {line})").format(
                        key=key, line=marks[key].line + 1
                    ),
                    _("keep one of them; the second would silently replace the first"),
                    (*frame.path, key),
                    code="duplicate-key",
                )
            )
            frame.key = _SKIP  # the first value stays; every other problem is still found
            return
        marks[key] = event.start_mark
        frame.key = key
        if self.track:
            self.key_positions[(*frame.path, key)] = _pos(event)

    def _place(self, value: Any, size: int) -> None:
        if not self.stack:
            self.root = value
            return
        frame = self.stack[-1]
        frame.size += size
        if frame.is_map:
            if frame.key is not _SKIP:
                frame.container[frame.key] = value
            frame.has_key = False
        else:
            frame.container.append(value)  # type: ignore[union-attr]

    # --- text YAML reads differently from what was meant (warnings) ----------------------------

    def _check_plain(self, event: ev.ScalarEvent, start: Any, end: Any) -> None:
        """Warn of a comment right after a plain value, and of a „- ” line folded into it."""
        if not self._lines:
            self._lines = yaml_lines(self._text)
        for index in range(start.line + 1, end.line + 1):
            line = self._lines[index]
            if line.lstrip().startswith("- "):
                self._warn_folded_item(event, index, line)
                break
        if end.line in self._comment_lines:
            after = self._lines[end.line][end.column :]
            m = re.match(_COMMENT_AT, after)
            if m and (len(m[1]) == 1 or m[2][:1].isalnum()):
                where = (end.line + 1, end.column + len(m[1]) + 1)
                self._warn_comment(event, where, m[2].rstrip())

    def _warn_comment(self, event: ev.ScalarEvent, where: Position, comment: str) -> None:
        path = self._child_path()
        written = f"{event.value} #{comment}"
        quote = "'" if '"' in written else '"'
        quoted = f"{quote}{written}{quote}"
        example = f"{path[-1]}: {quoted}" if path and isinstance(path[-1], str) else f"- {quoted}"
        self.problems.append(
            Located(
                where,
                _("the text after „ #” is a comment in YAML and is left out: „#{comment}”").format(
                    comment=short(comment)
                ),
                _(
                    "to keep it, put the whole value in quotes: {example}; a comment is set off "
                    "by two spaces: „  # …”"
                ).format(example=short(example, 100)),
                path,
                code="comment-in-value",
                severity="warning",
            )
        )

    def _warn_folded_item(self, event: ev.ScalarEvent, number: int, line: str) -> None:
        column = len(line) - len(line.lstrip())
        self.problems.append(
            Located(
                (number + 1, column + 1),
                _(
                    "this „- ” line is read as the end of the text above, not as a list item: "
                    "„{text}”"
                ).format(text=short(" ".join(event.value.split()))),
                _(
                    "to make it a list item, put its „- ” exactly under the „- ” above it; "
                    "if it is text, join the lines"
                ),
                self._child_path(),
                code="indented-list-item",
                severity="warning",
            )
        )
