"""A value of several lines (a list, a multi-line text) replaced in the plan's text in place.

As :func:`osl_plan.editor.yamledit.patch_line` does for a one-line value: only the lines of the
edited value change (the key's line and the lines below it that belong to it); the rest of the
file stays as she wrote it, and no whole-file dump is needed. The new lines are what ruamel
writes for the value alone, with the file's own indentation. When the value's lines are not
certainly its own (a comment among them, a value the text does not read as) nothing is done and
the caller writes the text anew from the document.

The document keeps knowing the lines of its values: when the value takes more or fewer lines
than before, the positions of everything below it are moved by as many.
"""

from __future__ import annotations

import io
from functools import lru_cache
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from osl_plan.editor import yamledit


def patch_block(text: str, doc: CommentedMap, path: yamledit.Path_, value: Any) -> str | None:
    """``text`` with the value at ``path`` written anew in place of its lines, and the document
    set to match; None (and nothing changed) when that cannot be done safely."""
    lines = text.split("\n")
    found = _lines_of(lines, doc, path, value)
    new = _written(str(path[-1]), value, yamledit.indent_of(text)) if found else None
    if found is None or new is None:
        return None
    parent, line, column, end = found
    indent = " " * column
    lines[line:end] = [lines[line][:column] + new[0]] + [indent + r if r else "" for r in new[1:]]
    moved = len(new) - (end - line)
    if moved:
        _shift(doc, line, moved)
    parent[path[-1]] = yamledit.scalar(value)
    return "\n".join(lines)


def _lines_of(
    lines: list[str], doc: CommentedMap, path: yamledit.Path_, value: Any
) -> tuple[CommentedMap, int, int, int] | None:
    """The mapping holding the value at ``path``, its key's line and column and the line after
    the value, when the lines hold all of it as written (no comment among them); else None."""
    *above, key = path
    parent = yamledit.get(doc, tuple(above)) if above else doc
    if not isinstance(key, str) or not isinstance(parent, CommentedMap) or key not in parent:
        return None
    if parent.fa.flow_style() or not isinstance(value, (list, str)):
        return None
    try:
        line, column = (int(n) for n in parent.lc.key(key))
    except (KeyError, TypeError):  # a key set since the text was read has no position
        return None
    end = _end(lines, line, column)
    if end is None or not lines[line][column:].startswith(f"{key}:"):
        return None
    old = [lines[line][column:]] + [row[column:] for row in lines[line + 1 : end]]
    marked = any("#" in row or "&" in row for row in old)  # a comment, an anchor others name
    if marked or _read("\n".join(old) + "\n") != [parent[key]]:
        return None
    return parent, line, column, end


def _end(lines: list[str], line: int, column: int) -> int | None:
    """The line after the last one of the value whose key is at ``line``, ``column``: the lines
    below indented deeper (or a list's items at the key's own indentation), blank lines inside
    them, not after them. None when the key's line is not all in the text."""
    if line >= len(lines) or len(lines[line]) < column or lines[line][:column].strip("- "):
        return None
    end = line + 1
    for index in range(line + 1, len(lines)):
        row = lines[index]
        if not row.strip():
            continue
        indent = len(row) - len(row.lstrip(" "))
        if indent > column or (indent == column and row[column:].startswith(("- ", "-\t"))):
            end = index + 1
            continue
        if indent == column and row[column:] == "-":
            end = index + 1
            continue
        break
    return end


@lru_cache(maxsize=256)
def _read(fragment: str) -> list[Any]:
    """The value ``fragment`` (``key: …`` and its lines) holds as ruamel reads it, in a list;
    an empty list when it is not one key's value. Remembered: a keystroke reads the lines the
    last one wrote."""
    try:
        data = yamledit.parse(fragment)
    except yamledit.YamlSyntax:
        return []
    return list(data.values()) if len(data) == 1 else []


@lru_cache(maxsize=256)
def _loaded(fragment: str) -> list[Any]:
    """The value ``fragment`` holds as the plan's own loader (YAML 1.1) reads it, in a list."""
    import yaml

    from osl_plan.yamlread import Loader

    try:
        data = yaml.load(fragment, Loader=Loader)  # the safe loader, in C
    except yaml.YAMLError:
        return []
    return list(data.values()) if isinstance(data, dict) and len(data) == 1 else []


def _written(key: str, value: Any, indent: tuple[int, int]) -> list[str] | None:
    """The lines of ``key`` and ``value``, when both readers read them back as ``value``: a
    list's items one a line, each plain or quoted as the plan's loader needs it (YAML 1.1 reads
    a bare „on” as true); a text as ruamel writes it, with the file's indentation."""
    if isinstance(value, list):
        items = [yamledit.one_line(item) if isinstance(item, str) else None for item in value]
        if any(item is None for item in items):
            return None
        fragment = "\n".join([f"{key}:"] + [f"{' ' * indent[1]}- {item}" for item in items])
        fragment += "\n"
    else:
        out = io.StringIO()
        yamledit.writer(indent).dump(CommentedMap([(key, yamledit.scalar(value))]), out)
        fragment = out.getvalue()
    expected = [yamledit.scalar(value)]
    if _read(fragment) != expected or _loaded(fragment) != expected:
        return None
    return fragment.rstrip("\n").split("\n")


def _shift(doc: CommentedMap, after: int, by: int) -> None:
    """Move the known lines of every value below line ``after`` by ``by`` lines."""
    stack: list[Any] = [doc]
    while stack:
        node = stack.pop()
        lc = node.lc
        if lc.line is not None and lc.line > after:
            lc.line += by
        for place in (lc.data or {}).values():  # None: made since the text was read
            if place[0] > after:
                place[0] += by
            if len(place) == 4 and place[2] > after:
                place[2] += by
        children = node.values() if isinstance(node, CommentedMap) else node
        stack.extend(c for c in children if isinstance(c, (CommentedMap, CommentedSeq)))
