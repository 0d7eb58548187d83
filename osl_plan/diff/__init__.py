"""Compare two plans: ``diff_plans(old, new) -> PlanDiff``, and writers over the result.

The comparison is pure and lives in :mod:`osl_plan.diff.compare` (the tasks are matched by
:mod:`osl_plan.diff.match`). Each output format is a writer over the same
:class:`~osl_plan.diff.model.PlanDiff` value, named ``<format>_out``: text, Markdown, JSON and
GitHub annotations; the DOCX with tracked changes is :mod:`osl_plan.diff.redline`.
"""
