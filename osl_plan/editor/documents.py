"""The editor's one door to the documents: a plan (or its sprawozdanie) as bytes in a format.

Everything the editor downloads or previews is made here, through the library's document pipeline
(:func:`osl_plan.documents.render_document`), so the editor holds no second way of making a
document. PDF and ODT are converted by the ``converter`` the editor holds: its LibreOffice, kept
running while the editor runs (:class:`osl_plan.render.lo_warm.WarmOffice`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from osl_plan.documents import (
    Converter,
    ListaDocument,
    PlanDocument,
    RedlineDocument,
    ReportDocument,
    render_document,
)
from osl_plan.load import LoadedPlan
from osl_plan.model import Plan
from osl_plan.render import RenderOptions
from osl_plan.render.html_reuse import HtmlReuse

#: What each format is sent as.
MEDIA_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "odt": "application/vnd.oasis.opendocument.text",
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
}


@dataclass(frozen=True, slots=True)
class Document:
    """A made document and the name it is downloaded as."""

    data: bytes
    filename: str
    media_type: str


def plan_document(
    plan: Plan,
    fmt: str,
    *,
    stem: str,
    base_dir: Path,
    reference_doc: Path | None = None,
    converter: Converter | None = None,
) -> Document:
    """The plan in ``fmt`` (with the look of ``reference_doc``, as ``--reference-doc`` gives it).
    Raises the library's errors (MissingProgram, ConversionFailed, UnreadableFile …)."""
    options = RenderOptions(base_dir=base_dir, reference_doc=reference_doc)
    data = render_document(PlanDocument(plan=plan, options=options), fmt, converter=converter)
    return Document(data, f"{stem}.{fmt}", MEDIA_TYPES[fmt])


def report_document(
    plan: Plan,
    fmt: str,
    period: str,
    *,
    stem: str,
    base_dir: Path,
    reference_doc: Path | None = None,
    converter: Converter | None = None,
) -> Document:
    """The sprawozdanie of ``period`` in ``fmt``."""
    options = RenderOptions(base_dir=base_dir, reference_doc=reference_doc)
    document = ReportDocument(plan=plan, period=period, options=options)
    data = render_document(document, fmt, converter=converter)
    return Document(data, f"sprawozdanie_{stem}.{fmt}", MEDIA_TYPES[fmt])


def preview(plan: Plan, *, base_dir: Path, reuse: HtmlReuse | None = None) -> str:
    """The plan's HTML rendering, for the preview beside the form; with ``reuse``, the rows of
    the tasks unchanged since its last preview are not rendered again (the same page)."""
    options = RenderOptions(base_dir=base_dir, reuse=reuse)
    document = PlanDocument(plan=plan, options=options)
    return render_document(document, "html").decode("utf-8")


def attendance_document(
    plan: Plan,
    fmt: str,
    *,
    stem: str,
    base_dir: Path,
    zadanie: str | None = None,
    miesiac: str | None = None,
    data: str | None = None,
    reference_doc: Path | None = None,
    converter: Converter | None = None,
) -> Document:
    """Attendance lists for a task (and a day) or for a month, as `lista` makes them."""
    from osl_plan.lista.clause import clause
    from osl_plan.lista.docx import ListaOptions
    from osl_plan.lista.sheets import sheets_for

    sheets = sheets_for(plan, zadanie=zadanie, miesiac=miesiac, data=data)
    render = RenderOptions(base_dir=base_dir, reference_doc=reference_doc)
    options = ListaOptions(rows=None, clause=clause(plan), render=render)
    document = ListaDocument(plan=plan, sheets=sheets, options=options)
    data_ = render_document(document, fmt, converter=converter)
    return Document(data_, f"lista_{stem}.{fmt}", MEDIA_TYPES[fmt])


def redline_document(old: LoadedPlan, new: LoadedPlan, *, stem: str) -> Document:
    """The director's redline: ``new`` against ``old`` as a DOCX with tracked changes."""
    from osl_plan.diff.compare import diff_loaded

    diff = diff_loaded(old, new, ignore_order=False, realisation=False)
    data = render_document(RedlineDocument(diff=diff), "docx")
    return Document(data, f"zmiany_{stem}.docx", MEDIA_TYPES["docx"])
