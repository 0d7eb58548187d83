"""Renderers of the plan: one module per output format, all fed the same :class:`Plan`.

``render(plan, fmt, options)`` picks the module lazily, so a command pays only for the format it
writes. PDF and ODT, and the other document kinds, come from :mod:`osl_plan.documents`.
"""

from __future__ import annotations

from osl_plan.errors import UnknownFormat
from osl_plan.model import Plan
from osl_plan.render.options import (
    BUILT_FORMATS,
    CONVERTED_FORMATS,
    FORMATS,
    TEXT_FORMATS,
    Format,
    RenderOptions,
    StripPosition,
)

__all__ = [
    "BUILT_FORMATS",
    "CONVERTED_FORMATS",
    "FORMATS",
    "TEXT_FORMATS",
    "Format",
    "RenderOptions",
    "StripPosition",
    "render",
]


def render(plan: Plan, fmt: str, options: RenderOptions | None = None) -> bytes:
    """The plan as a document in ``fmt``, one of :data:`BUILT_FORMATS` (PDF and ODT are the DOCX
    converted: :func:`osl_plan.documents.render_document`). Raises UnknownFormat,
    TemplateFailed, UnreadableFile."""
    options = options or RenderOptions()
    if fmt == "docx":
        from osl_plan.render.docx import render_docx

        return render_docx(plan, options)
    if fmt == "md":
        from osl_plan.render.markdown import render_markdown

        return render_markdown(plan, options).encode("utf-8")
    if fmt == "html":
        from osl_plan.render.html import render_html

        return render_html(plan, options).encode("utf-8")
    raise UnknownFormat(fmt, BUILT_FORMATS)
