"""What the importer collects while it reads: the plan's data, comments for the YAML, warnings."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from osl_plan.model import Plan
from osl_plan.yamlout import NotePath


@dataclass(slots=True)
class Imported:
    """A plan read from a document, with the notes for its YAML and the warnings for the user."""

    plan: Plan
    notes: dict[NotePath, list[str]] = field(default_factory=dict)
    header: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass(slots=True)
class State:
    """The plan's data so far (keys starting with "_" are the importer's own), notes, warnings."""

    data: dict[str, Any] = field(default_factory=dict)
    notes: dict[NotePath, list[str]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def note(self, path: NotePath, text: str) -> None:
        """A comment above ``path`` in the YAML."""
        self.notes.setdefault(path, []).append(text)


def warning_excerpt(text: str) -> str:
    """Text cut to fit one import warning line: over 80 characters, the first 77 and „…”
    (longer than :func:`osl_plan.polish.short`'s quotes, which a message sets in a sentence)."""
    return text if len(text) <= 80 else text[:77] + "…"
