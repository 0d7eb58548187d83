"""The stable codes of validation problems: what programs match on instead of the messages.

Every :class:`~osl_plan.errors.Problem` carries one of these codes; JSON output lists it as
``code`` and GitHub annotations put it in the title. A code, once published, is never renamed or
reused: messages change with the language and with better wording, codes do not. Each code's
description is shown in the documentation (in the reader's language).
"""

from __future__ import annotations

from osl_plan.i18n import N_

#: code -> what it means (translated where shown).
CODES: dict[str, str] = {
    "unreadable-file": N_("The file cannot be read: missing, not a file, or not UTF-8 text."),
    "realisation-status": N_("A task's realisation status is not one of the four statuses."),
    "realisation-reason-missing": N_(
        "A task not carried out, or carried out only in part, does not say why (powod)."
    ),
    "event-date": N_("An event's date cannot be read as a day, days or months."),
    "event-outside-year": N_(
        "An event is dated outside the plan's year and the January after it (a warning)."
    ),
    "participants-count": N_("A number of participants is not a whole number, 0 or more."),
}
