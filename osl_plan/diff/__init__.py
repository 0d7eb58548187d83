"""Compare two plans: ``diff_plans(old, new) -> PlanDiff``, and writers over the result.

The matching is pure and lives in :mod:`osl_plan.diff.match`; each output format is a module that
turns the same :class:`PlanDiff` value into text, Markdown, JSON, GitHub annotations or a DOCX with
tracked changes.
"""

from __future__ import annotations

from osl_plan.diff.match import diff_loaded, diff_plans
from osl_plan.diff.model import FieldChange, Pair, PlanDiff, Segment

__all__ = ["FieldChange", "Pair", "PlanDiff", "Segment", "diff_loaded", "diff_plans"]
