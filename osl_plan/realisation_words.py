"""The words of what was done, defined once for every place that says them: a task's status,
„nothing recorded”, and an event in one line.

Documents (the sprawozdanie, the redline) are Polish and print :func:`document_label`; messages to
a person (``status``, ``diff``) print :func:`message_label` in the reader's language, whose Polish
catalog gives the very same words (a test holds the two together). Machine output (JSON) keeps the
status's canonical value (:class:`~osl_plan.model.task_status.Status`), never these words.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from osl_plan.i18n import N_, _
from osl_plan.model.task_status import Status

if TYPE_CHECKING:
    from osl_plan.model import Event

#: A task's status as documents print it.
DOCUMENT_LABELS: dict[Status, str] = {
    Status.DONE: "zrealizowane",
    Status.PARTLY: "częściowo zrealizowane",
    Status.NOT_DONE: "niezrealizowane",
    Status.ONGOING: "w trakcie realizacji",
}
#: A task with no ``realizacja`` block, as documents print it.
NOTHING_RECORDED = "brak informacji o realizacji"

#: The same words as messages (English msgids; the Polish catalog holds the words above).
MESSAGE_LABELS: dict[Status, str] = {
    Status.DONE: N_("carried out"),
    Status.PARTLY: N_("partly carried out"),
    Status.NOT_DONE: N_("not carried out"),
    Status.ONGOING: N_("in progress"),
}
MESSAGE_NOTHING_RECORDED = N_("nothing recorded")


def document_label(status: Status | None) -> str:
    """The status as documents print it: „częściowo zrealizowane”, „brak informacji o
    realizacji”."""
    return NOTHING_RECORDED if status is None else DOCUMENT_LABELS[status]


def message_label(status: Status | None) -> str:
    """The status in a message, in the reader's language (Polish: the document's words)."""
    return _(MESSAGE_NOTHING_RECORDED if status is None else MESSAGE_LABELS[status])


def event_text(event: Event) -> str:
    """„14 lutego 2023 r., Świetlica wiejska w Bydlinie – uczestnicy: 18; partnerzy: …; opis”
    (document text: Polish)."""
    text = ", ".join([event.data.printed(), *([event.miejsce] if event.miejsce else [])])
    details = []
    if event.uczestnicy is not None:
        details.append(f"uczestnicy: {event.uczestnicy}")
    if event.partnerzy:
        details.append(f"partnerzy: {'; '.join(event.partnerzy)}")
    if event.opis:
        details.append(event.opis)
    return f"{text} – {'; '.join(details)}" if details else text
