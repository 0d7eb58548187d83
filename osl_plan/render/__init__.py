"""Renderers of the plan: one module per output format, all fed the same :class:`Plan`.

``render(plan, fmt, options)`` picks the module lazily, so a command pays only for the format it
writes. PDF and ODT, and the other document kinds, come from :mod:`osl_plan.documents`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from osl_plan.errors import UnknownFormat
from osl_plan.model import Plan

Format = Literal["docx", "md", "html", "pdf", "odt"]
FORMATS: tuple[Format, ...] = ("docx", "md", "html", "pdf", "odt")
TEXT_FORMATS = frozenset({"md", "html"})
#: Formats the plan's own builders write (the others are the DOCX converted).
BUILT_FORMATS: tuple[Format, ...] = ("docx", "md", "html")
#: Formats made by converting the DOCX with LibreOffice (:mod:`osl_plan.render.libreoffice`).
CONVERTED_FORMATS = frozenset({"pdf", "odt"})
StripPosition = Literal["footer", "header", "first-page"]


@dataclass(frozen=True, kw_only=True, slots=True)
class RenderOptions:
    """How to render; the defaults give the document as the centre publishes it."""

    #: Print terms as written instead of normalised ("Maj - Czerwiec 2023").
    keep_terms: bool = False
    #: Where the EU strip goes: every page's footer, every page's header, or the first page only.
    strip_position: StripPosition = "footer"
    #: Add the schedule grid (months × tasks) as an annex after the signature block.
    harmonogram: bool = False
    #: A user's DOCX whose styles, fonts and page setup are used.
    reference_doc: Path | None = None
    #: A folder with the user's own copies of the Jinja templates.
    template_dir: Path | None = None
    #: Folder the plan file lives in; the strip image path is relative to it.
    base_dir: Path | None = None


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
