"""What changed in the recorded realisation of matched tasks (``diff --realizacja``).

A plan's realisation changes all year as events are recorded; comparing plan versions ignores it
unless asked, and then reports it apart from the changes to the plan itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from osl_plan.model import Realisation
from osl_plan.model.event_date import EventDate
from osl_plan.model.task_status import Status
from osl_plan.terms import NBSP


@dataclass(frozen=True, slots=True)
class Recorded:
    """A task's realisation in figures: status (its canonical value, None: nothing recorded),
    events, participants."""

    status: str | None
    events: int
    participants: int

    @classmethod
    def of(cls, realisation: Realisation | None) -> Recorded:
        """The figures of ``realisation``."""
        if realisation is None:
            return cls(None, 0, 0)
        return cls(realisation.status.value, len(realisation.wydarzenia), realisation.participants)


@dataclass(frozen=True, slots=True)
class RealisationChange:
    """A matched task whose realisation differs (0-based positions, as in :class:`Pair`)."""

    old: int
    new: int
    before: Recorded
    after: Recorded
    #: Event dates (as printed) recorded only in the new plan, and only in the old one.
    events_added: tuple[str, ...]
    events_removed: tuple[str, ...]
    #: Keys of the realizacja block whose values differ (status, powod, wydarzenia, …).
    keys: tuple[str, ...]


def realisation_change(
    old: int, new: int, before: Realisation | None, after: Realisation | None
) -> RealisationChange | None:
    """The change between two realisations, or None when they are equal."""
    if before == after:
        return None
    # As documents print them („15–16 czerwca 2023 r.”), so that „marzec” and „marzec 2023” in
    # a plan of 2023 are one date, and a range has its en dash whatever was typed.
    old_dates = [_printed(e.data) for e in before.wydarzenia] if before else []
    new_dates = [_printed(e.data) for e in after.wydarzenia] if after else []
    keys = tuple(
        key
        for key in Realisation.model_fields
        if getattr(before, key, None) != getattr(after, key, None)
    )
    return RealisationChange(
        old,
        new,
        Recorded.of(before),
        Recorded.of(after),
        tuple(d for d in new_dates if d not in old_dates),
        tuple(d for d in old_dates if d not in new_dates),
        keys,
    )


def _printed(date: EventDate) -> str:
    return date.printed().replace(NBSP, " ")


def describe(change: RealisationChange) -> str:
    """One line: „status: w trakcie → zrealizowane; events: 3 → 5 (+2); participants: 40 → 85”."""
    from osl_plan.i18n import _

    before, after = change.before, change.after
    parts = []
    if before.status != after.status:
        parts.append(
            _("status: {old} → {new}").format(
                old=_status_words(before.status), new=_status_words(after.status)
            )
        )
    if before.events != after.events:
        parts.append(_("events: {old} → {new}").format(old=before.events, new=after.events))
    if before.participants != after.participants:
        parts.append(
            _("participants: {old} → {new}").format(old=before.participants, new=after.participants)
        )
    if change.events_added:
        parts.append(_("events added: {dates}").format(dates=", ".join(change.events_added)))
    if change.events_removed:
        parts.append(_("events removed: {dates}").format(dates=", ".join(change.events_removed)))
    if not parts:
        parts.append(_("changed: {keys}").format(keys=", ".join(change.keys)))
    return "; ".join(parts)


def _status_words(value: str | None) -> str:
    """A recorded status (its canonical value) in the words ``status`` and the report use."""
    from osl_plan.realisation_words import message_label

    return message_label(None if value is None else Status(value))


def as_data(change: RealisationChange) -> dict[str, object]:
    """The change as plain data for JSON."""
    return {
        "old_index": change.old + 1,
        "new_index": change.new + 1,
        "before": _figures(change.before),
        "after": _figures(change.after),
        "events_added": list(change.events_added),
        "events_removed": list(change.events_removed),
        "keys": list(change.keys),
    }


def _figures(recorded: Recorded) -> dict[str, object]:
    return {
        "status": recorded.status,
        "events": recorded.events,
        "participants": recorded.participants,
    }
