"""The sprawozdanie: what was done of a plan in a year or part of it, as DOCX, PDF, HTML or MD.

``render_report(plan, fmt, options, period)`` builds the content once
(:func:`osl_plan.report.content.build_report`, counting the period by date as
:mod:`osl_plan.report.periods` says) and writes it with the module for ``fmt``; the DOCX reuses
the plan's DOCX builder, strip and signatures, the PDF is that DOCX converted by
LibreOffice, HTML and Markdown come from Jinja templates like the plan's.
"""

from __future__ import annotations

from osl_plan.errors import UsageError
from osl_plan.i18n import _
from osl_plan.model import Plan
from osl_plan.render import FORMATS, RenderOptions
from osl_plan.report.periods import PERIODS, Period

__all__ = ["PERIODS", "Period", "render_report"]


def render_report(plan: Plan, fmt: str, options: RenderOptions, period: str = "rok") -> bytes:
    """The report in ``fmt``. Raises UsageError, MissingProgram, ConversionFailed, UnreadableFile,
    TemplateFailed."""
    from osl_plan.report.content import build_report

    if period not in PERIODS:
        raise UsageError(
            _("unknown period „{period}” — use one of: {choices}").format(
                period=period, choices=", ".join(PERIODS)
            )
        )
    if fmt in ("pdf", "odt"):
        from osl_plan.render.pdf import find_soffice

        find_soffice()  # fail before the report is built when LibreOffice is missing
    report = build_report(plan, period)
    if fmt in ("docx", "pdf", "odt"):
        from osl_plan.report.docx import render_report_docx

        docx = render_report_docx(report, options)
        if fmt == "docx":
            return docx
        from osl_plan.render.libreoffice import convert
        from osl_plan.render.pdf import BASE_TIMEOUT, TIMEOUT_PER_TASK

        timeout = BASE_TIMEOUT + TIMEOUT_PER_TASK * len(plan.zadania)
        return convert(docx, "odt" if fmt == "odt" else "pdf", timeout=timeout)
    if fmt in ("md", "html"):
        from osl_plan.report.text import render_report_text

        return render_report_text(report, fmt, options).encode("utf-8")
    raise UsageError(
        _("unknown format „{format}” — use one of: {choices}").format(
            format=fmt, choices=", ".join(FORMATS)
        )
    )
