"""A task's status (realizacja: status): four statuses, and the many ways people write them.

People write a status the way they speak („zrealizowano”, „częściowo”, „nie wykonano”), so the
forms are folded to four statuses here (no I/O); the words documents and messages use for each are
in :mod:`osl_plan.realisation_words`.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic_core import PydanticCustomError

from osl_plan.i18n import _
from osl_plan.polish import fold


class Status(StrEnum):
    """A task's status, as written in a plan file (its canonical form); the words documents and
    messages use for it are in :mod:`osl_plan.realisation_words`."""

    DONE = "zrealizowane"
    PARTLY = "częściowo"
    NOT_DONE = "niezrealizowane"
    ONGOING = "w trakcie"

    @property
    def needs_reason(self) -> bool:
        """Whether the plan must say why (not or only partly carried out)."""
        return self in (Status.PARTLY, Status.NOT_DONE)


# The forms people write, folded (lower case, no Polish letters, single spaces).
_STATUS_WORDS: dict[str, Status] = {
    **dict.fromkeys(
        ("zrealizowane", "zrealizowano", "zrealizowany", "zrealizowana", "wykonane",
         "wykonano", "tak", "zakonczone", "zakonczono", "odbylo sie", "done"),
        Status.DONE,
    ),
    **dict.fromkeys(
        ("czesciowo", "czesciowo zrealizowane", "czesciowo zrealizowano", "czesciowo wykonane",
         "czesciowo wykonano", "w czesci", "partly"),
        Status.PARTLY,
    ),
    **dict.fromkeys(
        ("niezrealizowane", "nie zrealizowane", "nie zrealizowano", "niezrealizowano",
         "niewykonane", "nie wykonane", "nie wykonano", "nie", "odwolane", "odwolano",
         "nie odbylo sie"),
        Status.NOT_DONE,
    ),
    **dict.fromkeys(
        ("w trakcie", "w trakcie realizacji", "w toku", "trwa", "realizowane", "rozpoczete",
         "in progress"),
        Status.ONGOING,
    ),
}  # fmt: skip


def status_key(text: str) -> str:
    """Lower case, without Polish letters, single spaces, no final full stop: how status words are
    compared („Częściowo_zrealizowane.” → „czesciowo zrealizowane”)."""
    return " ".join(fold(text).replace("_", " ").replace("-", " ").split()).rstrip(".")


def parse_status(value: Any) -> Status:
    """A status as written („Zrealizowano”, „czesciowo”). Raises PydanticCustomError."""
    if isinstance(value, Status):
        return value
    if not isinstance(value, str) or isinstance(value, bool):
        raise _status_error(str(value), _("write one of: {choices}").format(choices=_choices()))
    found = _STATUS_WORDS.get(status_key(value))
    if found is not None:
        return found
    import difflib

    close = difflib.get_close_matches(status_key(value)[:64], list(_STATUS_WORDS), n=1, cutoff=0.6)
    if close:
        meant = _STATUS_WORDS[close[0]]
        hint = _("did you mean „{status}”? Allowed: {choices}").format(
            status=meant.value, choices=_choices()
        )
    else:
        hint = _("write one of: {choices}").format(choices=_choices())
    raise _status_error(value, hint)


def _choices() -> str:
    return ", ".join(status.value for status in Status)


def _status_error(value: str, hint: str) -> PydanticCustomError:
    shown = value if len(value) <= 40 else value[:39] + "…"
    return PydanticCustomError(
        "realisation_status",
        _("„{value}” is not a status"),
        {"value": shown, "hint": hint, "code": "realisation-status"},
    )


def reason_missing(status: Status) -> PydanticCustomError:
    """The error for a task not (fully) carried out whose reason is not written."""
    return PydanticCustomError(
        "realisation_reason",
        _("the status is „{status}” but the reason (powod) is missing"),
        {
            "status": status.value,
            "hint": _("add „powod: …” saying why the task was not fully carried out"),
            "code": "realisation-reason-missing",
        },
    )
