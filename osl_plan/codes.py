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
    # Reading the file: bytes, text, YAML.
    "encoding": N_("The plan file is not UTF-8 text (Windows-1250, UTF-16); exit code 2."),
    "file-too-large": N_("The plan file is larger than 64 MB; exit code 2."),
    "yaml-syntax": N_("The YAML cannot be read; the reading of the file stops there."),
    "control-character": N_("An invisible control character that no document can hold."),
    "empty-file": N_("The file holds no plan at all."),
    "not-a-plan": N_("The file holds a list or a single value instead of a plan's keys."),
    "duplicate-key": N_("A key written twice in one place; the first value is kept."),
    "yaml-tag": N_("A YAML tag (!!python/…, !name); plan files hold plain data only."),
    "merge-key": N_("A YAML merge key (<<), which plan files do not use."),
    "yaml-alias": N_("A YAML alias (*name) without its anchor (&name)."),
    "alias-bomb": N_("YAML aliases that expand beyond 100,000 values."),
    "too-deep": N_("Data nested more than 40 levels deep."),
    "complex-key": N_("A list or a set of keys written where a key belongs."),
    "two-documents": N_("More than one YAML document („---”) in one file; only the first is read."),
    "comment-in-value": N_("Warning: text after „ #” in a value, which YAML reads as a comment."),
    "indented-list-item": N_(
        "Warning: a „- ” line indented too far, which YAML reads as the end of the text above."
    ),
    # The plan's keys and values.
    "unknown-key": N_("A key the plan format does not have (often misspelt)."),
    "missing-key": N_("A required key is missing (rok, zadania, zadanie, termin)."),
    "empty-value": N_("A value that must say something is empty."),
    "wrong-type": N_("A value of the wrong kind: a list for text, text for a list, and so on."),
    "invalid-year": N_("„rok” is not a year."),
    "out-of-range": N_("A number outside its range (the year: 2000–2100)."),
    "empty-list": N_("A list that needs at least one item is empty."),
    "too-long": N_("A text longer than 20,000 characters."),
    "invalid-id": N_("A task id with characters other than letters, digits, „_”, „.” and „-”."),
    "duplicate-id": N_("Two tasks with the same id."),
    "invalid-date": N_("A signature date that is not a date."),
    "unknown-preset": N_("A funding strip preset that does not exist."),
    "incomplete-funding": N_("A funding strip with neither a preset nor marks."),
    "invalid-value": N_("Any other value that is not valid."),
    "invalid-term": N_("A term that cannot be read as months."),
    "term-outside-year": N_("A term wholly outside the plan's year."),
    "term-after-year": N_(
        "Warning: a term wholly in the first quarter of the next year (a yearly report)."
    ),
    # Files a plan names.
    "missing-image": N_("The strip image named in „finansowanie.obraz” does not exist."),
    "unreadable-image": N_("The strip image cannot be read."),
    "not-an-image": N_("The strip image is not a PNG or JPEG file."),
}
