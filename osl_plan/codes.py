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
}
