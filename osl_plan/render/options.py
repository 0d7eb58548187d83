"""How the plan's documents are rendered: the options and the formats (no renderer imported)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from osl_plan.render.html_reuse import HtmlReuse

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
    #: What the last HTML rendering of a plan left for the next one (a long-lived program's, as
    #: the editor's preview): the same page, made without rendering the unchanged tasks' rows.
    reuse: HtmlReuse | None = field(default=None, compare=False, repr=False)
