"""Compare two plans: ``diff_plans(old, new) -> PlanDiff``, and writers over the result.

The comparison is pure and lives in :mod:`osl_plan.diff.compare` (the tasks are matched by
:mod:`osl_plan.diff.match`). Each output format is a writer over the same :class:`PlanDiff` value,
named ``<format>_out``: text, Markdown, JSON and GitHub annotations; the DOCX with tracked changes
is :mod:`osl_plan.diff.redline`.
"""

from __future__ import annotations

from osl_plan.diff.compare import diff_loaded, diff_plans
from osl_plan.diff.model import FieldChange, Pair, PlanDiff, Segment

__all__ = ["FieldChange", "Pair", "PlanDiff", "Segment", "diff_loaded", "diff_plans"]
