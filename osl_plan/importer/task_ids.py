"""Task ids across a DOCX round trip, from the custom property osl-plan writes into its files.

Ids are not printed in the document. The renderer stores them in the custom document property
``osl-plan-task-ids``: compact JSON mapping the first 16 hex digits of sha1(zadanie as UTF-8) to
the id. A hash matches a task only when the task's text is unchanged, so an edited task simply
comes back without its id. Anything doubtful (not JSON, an invalid id, a hash two tasks share, an
id two hashes claim) is ignored with a comment, never guessed.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from typing import Any

from osl_plan.i18n import _, ngettext
from osl_plan.importer.state import State

PROPERTY = "osl-plan-task-ids"
# Matched whole (fullmatch): "$" would also accept a trailing newline, which the model refuses.
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]*")
_HASH = re.compile(r"[0-9a-f]{16}")


def task_hash(zadanie: str) -> str:
    """The key a task's id is stored under: 16 hex digits of sha1 of its text."""
    return hashlib.sha1(zadanie.encode("utf-8")).hexdigest()[:16]


def assign_ids(tasks: list[dict[str, Any]], custom: dict[str, str], state: State) -> None:
    """Give each task whose text matches a stored hash its id (in place)."""
    stored = _stored(custom, state)
    if not stored:
        return
    hashes = [task_hash(task["zadanie"]) for task in tasks]
    shared = {h for h, count in Counter(hashes).items() if count > 1}
    claimed = Counter(stored.values())
    for index, (task, key) in enumerate(zip(tasks, hashes, strict=True)):
        task_id = stored.get(key)
        if task_id is None:
            continue
        if key in shared:
            state.note(
                ("zadania", index),
                _("id „{id}” not restored: another task has the same text").format(id=task_id),
            )
        elif claimed[task_id] > 1:
            state.note(
                ("zadania", index),
                _("id „{id}” not restored: the file gives it to several tasks").format(id=task_id),
            )
        else:
            task["id"] = task_id


def _stored(custom: dict[str, str], state: State) -> dict[str, str]:
    """The property's valid entries; the invalid ones become a comment."""
    raw = custom.get(PROPERTY)
    if raw is None:
        return {}
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):
        data = None
    if not isinstance(data, dict):
        state.note(
            ("zadania",),
            _("the document property {property} is not a JSON object; ids not restored").format(
                property=PROPERTY
            ),
        )
        return {}
    valid = {
        key: value
        for key, value in data.items()
        if _HASH.fullmatch(key)
        and isinstance(value, str)
        and len(value) <= 64
        and _ID.fullmatch(value)
    }
    if len(valid) < len(data):
        ignored = len(data) - len(valid)
        state.note(
            ("zadania",),
            ngettext(
                "{count} invalid task id in the document ignored",
                "{count} invalid task ids in the document ignored",
                ignored,
            ).format(count=ignored),
        )
    return valid
