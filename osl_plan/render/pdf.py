"""The plan as a tagged PDF: the DOCX converted by LibreOffice (:mod:`.libreoffice`)."""

from __future__ import annotations

from osl_plan.model import Plan
from osl_plan.render import RenderOptions
from osl_plan.render.libreoffice import (
    BASE_TIMEOUT,
    INSTALL_HINT,
    PDF_FILTER,
    convert,
    find_soffice,
)

__all__ = ["BASE_TIMEOUT", "INSTALL_HINT", "PDF_FILTER", "docx_to_pdf", "find_soffice"]

#: Seconds a plan's conversion may take beyond :data:`BASE_TIMEOUT`, per task.
TIMEOUT_PER_TASK = 0.05


def docx_to_pdf(docx: bytes, *, timeout: float = BASE_TIMEOUT) -> bytes:
    """Convert DOCX bytes to tagged PDF bytes. Raises MissingProgram, ConversionFailed."""
    return convert(docx, "pdf", timeout=timeout)


def render_pdf(plan: Plan, options: RenderOptions) -> bytes:
    """The plan as tagged PDF. Raises MissingProgram, ConversionFailed, UnreadableFile."""
    from osl_plan.render.docx import render_docx

    find_soffice()  # fail before rendering when LibreOffice is missing
    timeout = BASE_TIMEOUT + TIMEOUT_PER_TASK * len(plan.zadania)
    return convert(render_docx(plan, options), "pdf", timeout=timeout)
