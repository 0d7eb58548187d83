"""Every document osl-plan writes, from one entry point: a document kind, a format → bytes.

::

    render_document(PlanDocument(plan=plan, options=RenderOptions()), "pdf")
    render_document(ReportDocument(plan=plan, period="I-polrocze"), "html")
    render_document(ListaDocument(plan=plan, sheets=sheets, options=lista_options), "odt")
    render_document(RedlineDocument(diff=plan_diff), "docx")

Each kind is a value naming what it is made from; its builder writes a DOCX (and, for the plan
and the report, HTML and Markdown). PDF and ODT are one step after that for every kind: the DOCX
converted by LibreOffice (:func:`convert_docx`). A format a kind is not written in is one error,
:class:`~osl_plan.errors.UnknownFormat`. The CLI, the batch and the editor all come through here;
nothing is written to disk (see :mod:`osl_plan.output`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar, Literal

from osl_plan.errors import UnknownFormat, UsageError
from osl_plan.i18n import _, with_hint
from osl_plan.render import RenderOptions

if TYPE_CHECKING:
    from osl_plan.diff.model import PlanDiff
    from osl_plan.lista.docx import ListaOptions
    from osl_plan.lista.sheets import Sheet
    from osl_plan.model import Plan

__all__ = [
    "CONVERTED",
    "Converter",
    "Document",
    "DocumentRecipe",
    "ListaDocument",
    "PlanDocument",
    "RedlineDocument",
    "ReportDocument",
    "convert_docx",
    "formats",
    "render_document",
]

#: Formats made by converting the document's DOCX with LibreOffice.
CONVERTED = ("pdf", "odt")
Converted = Literal["pdf", "odt"]


@dataclass(frozen=True, kw_only=True, slots=True)
class PlanDocument:
    """The plan as the centre publishes it (with the harmonogram when the options ask for it)."""

    plan: Plan
    options: RenderOptions = field(default_factory=RenderOptions)
    kind: ClassVar[str] = "plan"
    formats: ClassVar[tuple[str, ...]] = ("docx", "md", "html", "pdf", "odt")


@dataclass(frozen=True, kw_only=True, slots=True)
class ReportDocument:
    """The sprawozdanie of the plan for ``period`` (see :data:`osl_plan.report.periods.PERIODS`)."""

    plan: Plan
    period: str = "rok"
    options: RenderOptions = field(default_factory=RenderOptions)
    kind: ClassVar[str] = "report"
    formats: ClassVar[tuple[str, ...]] = ("docx", "md", "html", "pdf", "odt")

    def __post_init__(self) -> None:
        from osl_plan.report.periods import check_period

        check_period(self.period)


@dataclass(frozen=True, kw_only=True, slots=True)
class ListaDocument:
    """Attendance lists: ``sheets`` of the plan (see :func:`osl_plan.lista.sheets_for`)."""

    plan: Plan
    sheets: list[Sheet]
    options: ListaOptions
    kind: ClassVar[str] = "lista"
    formats: ClassVar[tuple[str, ...]] = ("docx", "pdf", "odt")


@dataclass(frozen=True, kw_only=True, slots=True)
class RedlineDocument:
    """NEW of a comparison as the official document, OLD → NEW as tracked changes."""

    diff: PlanDiff
    years_untracked: bool = False
    kind: ClassVar[str] = "redline"
    formats: ClassVar[tuple[str, ...]] = ("docx", "pdf")


Document = PlanDocument | ReportDocument | ListaDocument | RedlineDocument


@dataclass(frozen=True, kw_only=True, slots=True)
class DocumentRecipe:
    """What to make of each plan a command (or a batch) reads: the plan itself, or its report
    for ``period``; plain data, so that a batch's worker processes receive it."""

    kind: Literal["plan", "report"] = "plan"
    options: RenderOptions = field(default_factory=RenderOptions)
    period: str = "rok"
    #: The year typed with the period („I półrocze 2026”): a plan of another year is refused.
    period_year: int | None = None

    def __post_init__(self) -> None:
        if self.kind == "report":
            from osl_plan.report.periods import check_period

            check_period(self.period)

    def of(self, plan: Plan, *, source: str = "-") -> PlanDocument | ReportDocument:
        """The document of ``plan`` (read from ``source``). Raises UsageError for a plan of
        another year than the period's."""
        if self.kind == "report":
            if self.period_year is not None and self.period_year != plan.rok:
                raise UsageError(_period_of_another_year(source, self.period_year, plan.rok))
            return ReportDocument(plan=plan, period=self.period, options=self.options)
        return PlanDocument(plan=plan, options=self.options)


def _period_of_another_year(source: str, typed: int, year: int) -> str:
    return with_hint(
        _("{file}: --okres names the year {typed}, and the plan is for {year}").format(
            file=source, typed=typed, year=year
        ),
        _("give the period without a year, or with the plan's: e.g. „I półrocze {year}”").format(
            year=year
        ),
    )


def formats(document: Document) -> tuple[str, ...]:
    """The formats ``document``'s kind is written in."""
    return document.formats


#: What turns a DOCX into PDF or ODT: :func:`convert_docx` (a LibreOffice started for the
#: document, as the CLI does), or a long-lived program's own (the editor's warm LibreOffice,
#: :class:`osl_plan.render.lo_warm.WarmOffice`).
Converter = Callable[[bytes, Converted], bytes]


def render_document(document: Document, fmt: str, *, converter: Converter | None = None) -> bytes:
    """``document`` in ``fmt``; PDF and ODT through ``converter`` (default
    :func:`convert_docx`). Raises UnknownFormat, UsageError, MissingProgram, ConversionFailed,
    UnreadableFile, TemplateFailed."""
    if fmt not in document.formats:
        raise UnknownFormat(fmt, document.formats)
    if fmt in CONVERTED:
        from osl_plan.render.libreoffice import find_soffice

        find_soffice()  # fail before building anything when LibreOffice is missing
        return (converter or convert_docx)(_docx(document), "pdf" if fmt == "pdf" else "odt")
    if fmt == "docx":
        return _docx(document)
    return _text(document, fmt)


def convert_docx(docx: bytes, fmt: Converted) -> bytes:
    """A DOCX as PDF or ODT, by LibreOffice; its time limit grows with the document's size.
    Raises MissingProgram, ConversionFailed."""
    from osl_plan.render.libreoffice import convert

    return convert(docx, fmt)


def _docx(document: Document) -> bytes:
    if isinstance(document, PlanDocument):
        from osl_plan.render.docx import render_docx

        return render_docx(document.plan, document.options)
    if isinstance(document, ReportDocument):
        from osl_plan.report.content import build_report
        from osl_plan.report.docx import render_report_docx
        from osl_plan.report.periods import check_period

        return render_report_docx(
            build_report(document.plan, check_period(document.period)), document.options
        )
    if isinstance(document, ListaDocument):
        from osl_plan.lista.docx import render_lista_docx

        return render_lista_docx(document.plan, document.sheets, document.options)
    from osl_plan.diff.redline import render_redline

    return render_redline(document.diff, years_untracked=document.years_untracked)


def _text(document: Document, fmt: str) -> bytes:
    """HTML or Markdown (only the plan and the report have them: checked by the caller)."""
    if isinstance(document, ReportDocument):
        from osl_plan.report.content import build_report
        from osl_plan.report.periods import check_period
        from osl_plan.report.text import render_report_text

        report = build_report(document.plan, check_period(document.period))
        return render_report_text(report, fmt, document.options).encode("utf-8")
    assert isinstance(document, PlanDocument)
    from osl_plan.render import render

    return render(document.plan, fmt, document.options)
