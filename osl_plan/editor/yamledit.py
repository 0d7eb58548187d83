"""The plan file as she wrote it: a round-trip YAML document edited in place.

ruamel.yaml keeps comments, key order, quoting and layout; only the values an edit sets are
written anew, so one edited term changes one line of the file. Paths are tuples of keys and
0-based indexes, as the loader's (``("zadania", 2, "termin")``).
"""

from __future__ import annotations

import io
from collections.abc import Mapping, MutableMapping
from functools import lru_cache
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.scalarstring import LiteralScalarString

Path_ = tuple[str | int, ...]

#: Keys whose short form is a text standing for the mapping with that key alone
#: (``finansowanie: fers-2021-2027``, ``logo: logo.png``, a column ``- termin``).
SHORTHAND = {"finansowanie": "wzor", "logo": "obraz", "kolumny": "pole"}


class YamlSyntax(Exception):
    """The text is not YAML ruamel can read: its 1-based line and the parser's words."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


def writer(indent: tuple[int, int] = (4, 2)) -> YAML:
    """ruamel's round-trip reader and writer, lists indented as ``indent`` (:func:`indent_of`)."""
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never fold a long line she wrote on one line
    yaml.indent(mapping=2, sequence=indent[0], offset=indent[1])
    return yaml


def indent_of(text: str) -> tuple[int, int]:
    """How the file indents a list under its key: (sequence, offset) as ruamel names them."""
    for line, after in zip(text.splitlines(), text.splitlines()[1:], strict=False):
        if line.rstrip().endswith(":") and after.lstrip().startswith("- "):
            offset = (len(after) - len(after.lstrip())) - (len(line) - len(line.lstrip()))
            return (max(offset, 0) + 2, max(offset, 0))
    return (4, 2)


def parse(text: str) -> CommentedMap:
    """The document of a plan's text. Raises YamlSyntax."""
    try:
        data = writer().load(text)
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise YamlSyntax(mark.line + 1 if mark else 1, str(error.problem or error)) from None
    except Exception as error:  # ruamel's reader and scanner raise several other kinds
        raise YamlSyntax(1, str(error)) from None
    if data is None:
        return CommentedMap()
    if not isinstance(data, CommentedMap):
        raise YamlSyntax(1, "the top level is not a set of keys")
    return data


def dump(doc: CommentedMap, indent: tuple[int, int] = (4, 2)) -> str:
    """The document as text, untouched parts as they were read (``indent``: :func:`indent_of`)."""
    out = io.StringIO()
    writer(indent).dump(doc, out)
    return out.getvalue()


def get(doc: Any, path: Path_) -> Any:
    """The value at ``path``, or None. A shorthand text answers for its key."""
    node = doc
    for index, part in enumerate(path):
        if isinstance(part, int):
            if not isinstance(node, list) or part >= len(node):
                return None
            node = node[part]
            continue
        if isinstance(node, str) and index > 0 and _shorthand_of(path[:index]) == part:
            return node
        if not isinstance(node, Mapping):
            return None
        node = node.get(part)
    return node


def _shorthand_of(path: Path_) -> str | None:
    if not path:
        return None
    key = path[-1] if isinstance(path[-1], str) else path[-2] if len(path) > 1 else None
    return SHORTHAND.get(str(key)) if key is not None else None


def _container(doc: CommentedMap, path: Path_) -> Any:
    """The mapping or list at ``path``, made when missing (a shorthand text becomes a mapping)."""
    node: Any = doc
    for index, part in enumerate(path):
        parent = node
        node = parent[part] if isinstance(part, int) else parent.get(part)
        if isinstance(node, str) and _shorthand_of(path[: index + 1]):
            node = CommentedMap([(_shorthand_of(path[: index + 1]), node)])
            parent[part] = node
        elif node is None:
            following = path[index + 1] if index + 1 < len(path) else None
            node = CommentedSeq() if isinstance(following, int) else CommentedMap()
            parent[part] = node
    return node


def set_value(doc: CommentedMap, path: Path_, value: Any) -> None:
    """Set, or with None remove, the value at ``path``; emptied mappings above it go too."""
    *above, key = path
    parent_path = tuple(above)
    parent = get(doc, parent_path) if parent_path else doc
    short = isinstance(parent, str) and _shorthand_of(parent_path) == key
    if short and value is not None and not isinstance(value, list):
        _replace(doc, parent_path, value)  # the short form stays short
        return
    if value is None:
        if isinstance(parent, MutableMapping) and key in parent:
            del parent[key]
            _prune(doc, parent_path)
        return
    container = _container(doc, parent_path) if parent_path else doc
    container[key] = scalar(value)


def _replace(doc: CommentedMap, path: Path_, value: Any) -> None:
    *above, key = path
    parent = get(doc, tuple(above)) if above else doc
    parent[key] = scalar(value)


def _prune(doc: CommentedMap, path: Path_) -> None:
    while path:
        node = get(doc, path)
        if not isinstance(node, Mapping) or node:
            return
        *above, key = path
        parent = get(doc, tuple(above)) if above else doc
        if isinstance(key, int):  # an item of a list stays, even when empty
            return
        del parent[key]
        path = tuple(above)


def scalar(value: Any) -> Any:
    """``value`` as the document holds it: a text of several lines as a literal block."""
    if isinstance(value, str) and "\n" in value:
        return LiteralScalarString(value.rstrip("\n") + "\n")
    if isinstance(value, list):
        return CommentedSeq([scalar(item) for item in value])
    return value


def add_item(doc: CommentedMap, path: Path_, item: Mapping[str, Any]) -> int:
    """Append ``item`` to the list at ``path`` (made when missing); its index."""
    *above, key = path
    parent = _container(doc, tuple(above)) if above else doc
    items = parent.get(key)
    if not isinstance(items, list):
        items = parent[key] = CommentedSeq()
    items.append(CommentedMap(item))
    return len(items) - 1


def remove_item(doc: CommentedMap, path: Path_) -> None:
    """Remove the list item at ``path``; an emptied optional list goes with it."""
    *above, index = path
    items = get(doc, tuple(above))
    if isinstance(items, list) and isinstance(index, int) and index < len(items):
        del items[index]
        if not items and above and above[-1] != "zadania":
            set_value(doc, tuple(above), None)


def move_item(doc: CommentedMap, path: Path_, step: int) -> int | None:
    """Move the list item at ``path`` by ``step`` places; its new index, or None at an end."""
    *above, index = path
    items = get(doc, tuple(above))
    if not isinstance(items, list) or not isinstance(index, int):
        return None
    target = index + step
    if not 0 <= target < len(items) or index >= len(items):
        return None
    items[index], items[target] = items[target], items[index]
    return target


def patch_line(text: str, doc: CommentedMap, path: Path_, value: Any) -> str | None:
    """``text`` with the one-line value at ``path`` replaced by ``value`` in place, and the
    document set to match; None when that cannot be done by changing one line (the value is not
    a one-line scalar, or the new one is not), and then nothing is changed.

    This is how a keystroke's edit usually reaches the file: no whole-file dump, and the line
    keeps its indentation, its comment and its quoting style.
    """
    *above, key = path
    parent = get(doc, tuple(above)) if above else doc
    place = _place(parent, key) if _one_line(value) else None
    lines = text.split("\n")
    if place is None or place[0] >= len(lines):
        return None
    line, column = place
    before = parent[key]
    written, comment = _split_comment(lines[line][column:])
    if written.startswith("&") or _read_scalar(written) != before:
        return None  # an anchor others name (kept by a dump), or not all of the value here
    new = one_line(value, quoted=written.startswith('"'))
    if new is None:
        return None
    lines[line] = lines[line][:column] + new + comment
    parent[key] = _styled(before, value)
    return "\n".join(lines)


def _place(parent: Any, key: str | int) -> tuple[int, int] | None:
    """The 0-based line and column of a one-line value of a mapping, when known."""
    if not isinstance(parent, CommentedMap) or key not in parent or not _one_line(parent[key]):
        return None
    try:
        line, column = parent.lc.value(key)
    except (KeyError, TypeError):  # a value set since the text was read has no position
        return None
    return int(line), int(column)


def _one_line(value: Any) -> bool:
    if isinstance(value, bool) or value is None:
        return False
    return isinstance(value, int) or (isinstance(value, str) and "\n" not in value and value != "")


def _split_comment(rest: str) -> tuple[str, str]:
    """A line's value and its trailing comment (``  # …``), as far as a plain reading can tell."""
    index = rest.find(" #")
    if index < 0:
        return rest.rstrip(), rest[len(rest.rstrip()) :]
    return rest[:index].rstrip(), rest[len(rest[:index].rstrip()) :]


@lru_cache(maxsize=512)
def _read_scalar(written: str) -> Any:
    """How ruamel reads ``written`` as a value; an unequal sentinel when it is not one scalar.

    Remembered: a keystroke reads the value it wrote (the last keystroke's) and the one it
    writes; reading one takes ruamel a fraction of a millisecond. The values are immutable."""
    try:
        data = YAML(typ="rt").load(f"k: {written}\n")
    except Exception:  # not a scalar on its own: the caller dumps the whole document instead
        return object()
    return data.get("k") if isinstance(data, CommentedMap) and len(data) == 1 else object()


def one_line(value: Any, *, quoted: bool = False) -> str | None:
    """``value`` as one line of YAML that reads back as itself: plain when it can be, else
    double-quoted (as it was, when it was)."""
    import json

    if isinstance(value, int):
        return str(value)
    candidates = [json.dumps(value, ensure_ascii=False)]
    if not quoted:
        candidates.insert(0, value)
    for candidate in candidates:
        if _read_scalar(candidate) == value and _read_by_the_loader(candidate) == value:
            return candidate
    return None


@lru_cache(maxsize=512)
def _read_by_the_loader(written: str) -> Any:
    """How the plan's own loader (YAML 1.1: „tak”, „on” are not always text) reads a value."""
    import yaml

    from osl_plan.yamlread import Loader

    try:
        data = yaml.load(f"k: {written}\n", Loader=Loader)  # the safe loader, in C
    except yaml.YAMLError:
        return object()
    return data.get("k") if isinstance(data, dict) else object()


def _styled(before: Any, value: Any) -> Any:
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    if isinstance(before, DoubleQuotedScalarString) and isinstance(value, str):
        return DoubleQuotedScalarString(value)
    return value
