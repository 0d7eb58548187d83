"""The sprawozdanie: what was done of a plan in a year or part of it, as DOCX, PDF, HTML or MD.

:func:`osl_plan.report.content.build_report` builds the content once, counting the period by date
as :mod:`osl_plan.report.periods` says; the DOCX (:mod:`osl_plan.report.docx`) reuses the plan's
DOCX builder, strip and signatures, HTML and Markdown (:mod:`osl_plan.report.text`) come from
Jinja templates like the plan's. Formats are chosen, and PDF and ODT converted, by
:func:`osl_plan.documents.render_document` with a :class:`~osl_plan.documents.ReportDocument`.
"""
