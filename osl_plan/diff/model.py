"""The result of a comparison: one immutable value that every writer reads."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from osl_plan.diff.realisation_change import RealisationChange
from osl_plan.model import Plan, Task

Op = Literal["equal", "insert", "delete"]
#: How a pair of tasks was found: same id, same text, same text once years and editions moved,
#: or similar text, addressees and term.
Stage = Literal["id", "text", "drift", "similar"]
#: unchanged: equal (terms compared by the months they mean, moved by the plans' year gap);
#: carried_over: equal once years and edition numbers in the text moved with the plan's year;
#: changed: some field differs beyond that.
Status = Literal["unchanged", "carried_over", "changed"]


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of words that is equal in both texts, only in the new one, or only in the old one."""

    op: Op
    text: str


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field that differs, with a word-level diff and, for terms, a note in Polish."""

    field: str
    old: str
    new: str
    segments: tuple[Segment, ...]
    note: str = ""


@dataclass(frozen=True, slots=True)
class Pair:
    """A task of the old plan matched with a task of the new one (0-based positions)."""

    old: int
    new: int
    stage: Stage
    status: Status
    fields: tuple[FieldChange, ...] = ()
    #: True when the task changed place relative to the others (not part of the longest run
    #: of pairs that kept their order).
    moved: bool = False


@dataclass(frozen=True, slots=True)
class PlanDiff:
    """What changed from ``old`` to ``new``; pairs are in the new plan's order."""

    old: Plan
    new: Plan
    pairs: tuple[Pair, ...]
    #: Positions in the new plan of tasks that exist only there.
    added: tuple[int, ...]
    #: Positions in the old plan of tasks that exist only there.
    removed: tuple[int, ...]
    #: Changes outside the table: title, institution, municipality, introduction, chapters, the
    #: funding strip (``finansowanie…``) and the signature block (``podpisy.<side>.<key>``).
    plan_fields: tuple[FieldChange, ...] = ()
    ignore_order: bool = False
    old_file: str = ""
    new_file: str = ""
    #: 1-based line of each new task in ``new_file`` (for annotations); empty when unknown.
    new_task_lines: tuple[int, ...] = ()
    #: Changes to what was recorded as done (``realizacja``) of matched tasks; None when not
    #: compared (the default: plan versions are compared as plans).
    realisation: tuple[RealisationChange, ...] | None = None

    @property
    def year_shift(self) -> int:
        """How many years the new plan is later than the old one."""
        return self.new.rok - self.old.rok

    @property
    def changed(self) -> tuple[Pair, ...]:
        """Matched tasks with at least one changed field."""
        return tuple(p for p in self.pairs if p.status == "changed")

    @property
    def carried_over(self) -> tuple[Pair, ...]:
        """Matched tasks whose only difference is the year (and edition numbers) in the text."""
        return tuple(p for p in self.pairs if p.status == "carried_over")

    @property
    def unchanged(self) -> int:
        """How many matched tasks are equal."""
        return sum(1 for p in self.pairs if p.status == "unchanged")

    @property
    def moved(self) -> tuple[Pair, ...]:
        """Tasks that really moved; empty when order is ignored."""
        if self.ignore_order:
            return ()
        return tuple(p for p in self.pairs if p.moved)

    @property
    def has_differences(self) -> bool:
        """True when anything beyond the expected yearly drift differs."""
        return bool(
            self.added
            or self.removed
            or self.changed
            or self.moved
            or self.plan_fields
            or self.realisation
        )

    def old_task(self, pair: Pair) -> Task:
        """The old side of a pair."""
        return self.old.zadania[pair.old]

    def new_task(self, pair: Pair) -> Task:
        """The new side of a pair."""
        return self.new.zadania[pair.new]

    def line_of(self, new_index: int) -> int | None:
        """The 1-based line of a new task in ``new_file``, when known."""
        if 0 <= new_index < len(self.new_task_lines):
            return self.new_task_lines[new_index]
        return None
