"""YAML text to plain data, event by event (libyaml's C parser when it is installed), so that:

* no tag can construct an object (only the plain YAML scalar types exist);
* a key written twice is an error instead of silently keeping the last value;
* aliases cannot expand beyond a fixed budget ("billion laughs") and nesting is bounded;
* each value can be pointed at with ``line:column`` (recorded only when asked for: the loader
  reads a file a second time with positions on when it has something to report).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import yaml
from yaml import events as ev

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
    """A YAML-level problem found while building data; carries its position."""

    def __init__(
        self,
        position: Position,
        message: str,
        hint: str,
        path: Path_ = (),
        *,
        code: str = "yaml-unsupported",
    ) -> None:
        super().__init__(message)
        self.position, self.message, self.hint, self.path = position, message, hint, path
        #: The problem's stable code (osl_plan/codes.py).
        self.code = code


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
    elif tag == "!":
        return value
    if tag in (_STR, _FLOAT):
        # No plan field is a fraction; "termin: 03.2023" is a month, kept as written (as a float
        # it would be 3.2023, and "10.2020" would lose its zero).
        return value
    if tag == "tag:yaml.org,2002:merge":
        raise Located(_pos(event), "merge keys (<<) are not supported", "write the keys out")
    if tag not in _SCALAR_TAGS:
        raise Located(
            _pos(event),
            f"the tag {_short_tag(tag)} is not allowed",
            "plan files hold plain text, numbers and dates; remove the tag",
        )
    try:
        return _constructor.construct_object(yaml.ScalarNode(tag, value))
    except (yaml.YAMLError, ValueError):
        shown = value if len(value) <= 60 else value[:59] + "…"
        raise Located(
            _pos(event), f"„{shown}” is not a valid value", "check it", code="invalid-value"
        ) from None


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
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.expanded = 0
        self.stack: list[_Frame] = []
        self.root: Any = None
        self.documents = 0

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
        loader = Loader(text)
        try:
            # One dictionary look-up per event: a plan of 20,000 tasks has about 200,000 events.
            while (event := loader.get_event()) is not None:
                handler = handler_for(type(event))
                if handler is not None:
                    handler(event)
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
        if event.anchor:
            self.anchors[event.anchor] = (value, 1)
        if not self.stack:
            self.root = value
            return
        frame = self.stack[-1]
        if frame.is_map and not frame.has_key:
            self._key(frame, event, value)
            return
        if self.track:
            self.positions.setdefault(self._child_path(), _pos(event))
        frame.size += 1
        if frame.is_map:
            frame.container[frame.key] = value
            frame.has_key = False
        else:
            frame.container.append(value)  # type: ignore[union-attr]

    def _document(self, event: ev.DocumentStartEvent) -> None:
        self.documents += 1
        if self.documents > 1:
            raise Located(
                _pos(event),
                "the file holds more than one YAML document",
                "keep one plan per file; remove the second „---”",
            )

    def _open(self, event: ev.CollectionStartEvent) -> None:
        is_map = type(event) is ev.MappingStartEvent
        if event.tag not in (_MAP_TAGS if is_map else _SEQ_TAGS):
            raise Located(
                _pos(event),
                f"the tag {_short_tag(event.tag)} is not allowed",  # type: ignore[arg-type]
                "plan files hold plain keys, lists and text; remove the tag",
            )
        if len(self.stack) >= MAX_DEPTH:
            raise Located(
                _pos(event),
                f"the data is nested more than {MAX_DEPTH} levels deep",
                "a plan needs at most four levels; check the indentation",
                code="too-deep",
            )
        if self.stack and self.stack[-1].is_map and not self.stack[-1].has_key:
            # "? [a, b]": a list or mapping written where a key belongs.
            raise Located(_pos(event), "a key must be a plain word", "write the key as text")
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
                f"the alias *{event.anchor} has no anchor",
                "define &name first",
                code="yaml-syntax",
            )
        value, size = self.anchors[event.anchor]
        self.expanded += size
        if self.expanded > MAX_ALIAS_EXPANSION:
            raise Located(
                _pos(event),
                f"aliases expand to more than {MAX_ALIAS_EXPANSION:,} values",
                "write the data out instead of nesting aliases",
                code="too-many-aliases",
            )
        if not self.stack:
            self.root = value
            return
        frame = self.stack[-1]
        if frame.is_map and not frame.has_key:
            raise Located(_pos(event), "a key must be a plain word", "write the key as text")
        if self.track:
            self.positions.setdefault(self._child_path(), _pos(event))
        self._place(value, size)

    def _key(self, frame: _Frame, event: ev.ScalarEvent, key: Any) -> None:
        key = str(key)
        if key == "<<":
            raise Located(_pos(event), "merge keys (<<) are not supported", "write the keys out")
        marks = frame.key_marks
        assert marks is not None
        if key in marks:
            raise Located(
                _pos(event),
                f"the key „{key}” appears twice in one place (first on line {marks[key].line + 1})",
                "keep one of them; the second would silently replace the first",
                (*frame.path, key),
                code="duplicate-key",
            )
        marks[key] = event.start_mark
        frame.key, frame.has_key = key, True
        if self.track:
            self.key_positions[(*frame.path, key)] = _pos(event)

    def _place(self, value: Any, size: int) -> None:
        if not self.stack:
            self.root = value
            return
        frame = self.stack[-1]
        frame.size += size
        if frame.is_map:
            frame.container[frame.key] = value
            frame.has_key = False
        else:
            frame.container.append(value)  # type: ignore[union-attr]
