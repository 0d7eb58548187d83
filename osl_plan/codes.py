"""The stable codes of validation problems: what programs match on instead of the messages.

Every :class:`~osl_plan.errors.Problem` carries one of these codes; JSON output lists it as
``code`` and GitHub annotations put it in the title. A code, once published, is never renamed or
reused: messages change with the language and with better wording, codes do not. Each code's
description is shown in the documentation (in the reader's language).
"""

from __future__ import annotations

from osl_plan.i18n import N_

#: code -> what it means (translated where shown). Grouped by where the problem is found; the
#: documentation (docs/codes.md, ``make docs``) lists them in this order.
CODES: dict[str, str] = {
    # The file itself
    "unreadable-file": N_("The file cannot be read: missing, not a file, or not UTF-8 text."),
    "file-too-large": N_("The file is larger than a plan file can be."),
    "encoding": N_("The file is not UTF-8 text (e.g. UTF-16, or Windows-1250 from an old editor)."),
    "empty-file": N_("The file holds nothing but comments or white space."),
    # YAML
    "yaml-syntax": N_(
        "The text is not valid YAML: indentation, a missing colon, an unclosed quote or bracket."
    ),
    "duplicate-key": N_("The same key is written twice in one place."),
    "yaml-unsupported": N_(
        "A YAML feature plan files do not use: tags, merge keys (<<), complex keys, more than one "
        "document."
    ),
    "too-deep": N_("The data is nested deeper than a plan can be."),
    "too-many-aliases": N_("YAML aliases expand to more values than a plan can hold."),
    "control-character": N_("An invisible control character, usually pasted in by accident."),
    "comment-in-value": N_(
        "Warning: text after „ #” in a value, which YAML reads as a comment and leaves out."
    ),
    "indented-list-item": N_(
        "Warning: a „- ” line indented too far, which YAML reads as the end of the text above."
    ),
    # The shape of the plan
    "not-a-plan": N_("The top level of the file is not a set of keys (rok, zadania …)."),
    "unknown-key": N_("A key the plan format does not have: a typo, capitals or Polish letters."),
    "missing-key": N_("A required key is missing (rok, zadania, or a task's zadanie or termin)."),
    "empty-value": N_("A value that must say something is empty."),
    "empty-list": N_("A list that needs at least one item is empty (zadania)."),
    "expected-text": N_(
        "A value must be text, but is a number, a list, a set of keys or true/false."
    ),
    "expected-number": N_("A value must be a whole number."),
    "expected-list": N_("A value must be a list (items starting with „- ”)."),
    "expected-mapping": N_("A value must be a set of keys indented under it."),
    "expected-boolean": N_("A value must be true or false."),
    "colon-in-text": N_("Text holding a colon and a space was read as a key; it needs quotes."),
    "invalid-value": N_("A value is not valid for its field."),
    # Fields
    "invalid-year": N_("rok is not a year written in digits."),
    "number-out-of-range": N_("A number is outside its allowed range (rok: 2000–2100)."),
    "text-too-long": N_("A text is longer than a field can hold."),
    "invalid-id": N_("A task id holds characters other than letters, digits, „_”, „.” and „-”."),
    "duplicate-id": N_("Two tasks have the same id."),
    "invalid-date": N_("A signature date is not a date."),
    "unknown-choice": N_("A value is not one of the allowed names (e.g. the funding preset)."),
    "funding-incomplete": N_("finansowanie names neither a preset (wzor) nor the marks (znaki)."),
    "image-missing": N_("The strip image named in finansowanie.obraz does not exist."),
    "image-unreadable": N_("The strip image cannot be read."),
    "image-format": N_("The strip image is not a PNG or JPEG file."),
    "unknown-goal": N_("A task's cel names none of the specific goals in cele.szczegolowe."),
    "duplicate-goal-id": N_("Two specific goals in cele have the same id."),
    "invalid-signature-label": N_(
        "A signature label (etykieta) is not one of that side's forms (Opracował, Opracowała …)."
    ),
    "invalid-columns": N_("kolumny has no „zadanie” column, or names a field twice."),
    # Terms
    "invalid-term": N_(
        "A term is not a month, a range of months, a quarter, a half-year or a year."
    ),
    "term-too-long": N_("A term is far longer than any real term."),
    "term-outside-year": N_("A term lies outside the plan's year (rok)."),
    "term-after-year": N_(
        "Warning: a term lies wholly in the first quarter of the next year (a yearly report)."
    ),
    "term-months-assumed": N_(
        "Warning: a term's words do not say exactly which months („w miarę potrzeb”, „do 30 "
        "czerwca”); the months assumed are named."
    ),
    # Realisation (what was done)
    "realisation-status": N_("A task's realisation status is not one of the four statuses."),
    "realisation-reason-missing": N_(
        "A task not carried out, or carried out only in part, does not say why (powod)."
    ),
    "event-date": N_("An event's date cannot be read as a day, days or months."),
    "event-outside-year": N_(
        "An event is dated outside the plan's year and the January after it (a warning)."
    ),
    "participants-count": N_("A number of participants is not a whole number, 0 or more."),
    # Commands
    "lista-date-outside-term": N_(
        "Warning of osl-plan lista: the day given with --data lies outside the task's term."
    ),
}
