"""The plan as ODT (OpenDocument text): the DOCX converted by LibreOffice (:mod:`.libreoffice`).

Public bodies accept ODT alongside DOCX and PDF; the content is the DOCX's, section by section.
"""

from __future__ import annotations

from osl_plan.model import Plan
from osl_plan.render import RenderOptions
from osl_plan.render.libreoffice import BASE_TIMEOUT, convert, find_soffice
from osl_plan.render.pdf import TIMEOUT_PER_TASK


def render_odt(plan: Plan, options: RenderOptions) -> bytes:
    """The plan as ODT. Raises MissingProgram, ConversionFailed, UnreadableFile."""
    from osl_plan.render.docx import render_docx

    find_soffice()  # fail before rendering when LibreOffice is missing
    timeout = BASE_TIMEOUT + TIMEOUT_PER_TASK * len(plan.zadania)
    return convert(render_docx(plan, options), "odt", timeout=timeout)
