"""The plan as data: a pydantic schema with Polish keys. No I/O here.

Every model is frozen, and lists are tuples, so a loaded plan is a value that diffs and renderers
can share safely. The field types are in :mod:`.fields`, the realisation block in
:mod:`.realisation` (a task's status in :mod:`.task_status`, an event's date in
:mod:`.event_date`), a task in :mod:`.task`, the other parts in :mod:`.parts`, the whole plan in
:mod:`.plan`.
"""

from osl_plan.model.fields import MAX_TERM, MAX_TEXT, Label, NonEmpty, TermField, Text, Texts
from osl_plan.model.parts import (
    COLUMN_KEYS,
    SIGNATURE_LABELS,
    AttendanceSettings,
    Column,
    ColumnKey,
    Funding,
    Goal,
    Goals,
    Logo,
    Preset,
    Section,
    Signature,
    Signatures,
)
from osl_plan.model.plan import DEFAULT_TITLE, Plan, plan_year, split_paragraphs
from osl_plan.model.realisation import Event, Realisation
from osl_plan.model.task import Task, goal_index

__all__ = [
    "COLUMN_KEYS",
    "DEFAULT_TITLE",
    "MAX_TERM",
    "MAX_TEXT",
    "SIGNATURE_LABELS",
    "AttendanceSettings",
    "Column",
    "ColumnKey",
    "Event",
    "Funding",
    "Goal",
    "Goals",
    "Label",
    "Logo",
    "NonEmpty",
    "Plan",
    "Preset",
    "Realisation",
    "Section",
    "Signature",
    "Signatures",
    "Task",
    "TermField",
    "Text",
    "Texts",
    "goal_index",
    "plan_year",
    "split_paragraphs",
]
