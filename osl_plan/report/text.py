"""The sprawozdanie as an HTML page (chart as SVG) or Markdown, from Jinja templates."""

from __future__ import annotations

import base64
from typing import Any

from osl_plan.polish import tie_short_words as tie
from osl_plan.render import RenderOptions
from osl_plan.render.html import nl2br, term_html
from osl_plan.render.markdown_escape import md_cell, md_escape, md_finalize
from osl_plan.render.signature_lines import signatures
from osl_plan.render.template_context import signature_context, strip_context
from osl_plan.render.templating import make_environment, render_template
from osl_plan.report.content import NONE, TABLE_HEADERS, Report, Row
from osl_plan.report.periods import MonthFigures
from osl_plan.report.sections import (
    EVENTS_HEADING,
    EVENTS_INTRO,
    MONTH_HEADERS,
    MONTHS_CAPTION,
    TASKS_CAPTION,
    list_sections,
    plan_for_signatures,
)

TEMPLATES = {"html": "report.html.j2", "md": "report.md.j2"}


def _row(row: Row) -> dict[str, Any]:
    return {
        "number": row.number,
        "zadanie": row.zadanie,
        "planned": row.planned,
        "actual": list(row.actual_lines),
        "status": row.status,
        "participants": NONE if row.participants is None else row.participants,
        "partners": list(row.partner_lines) or [NONE],
        "notes": list(row.notes) or [NONE],
    }


def _month(figures: MonthFigures) -> dict[str, Any]:
    return {
        "label": figures.label,
        "planned": figures.planned,
        "events": figures.events,
        "participants": figures.participants,
    }


def report_context(report: Report, options: RenderOptions, *, html: bool) -> dict[str, Any]:
    """The template variables."""
    plan = report.plan
    chart = None
    if html and report.events:
        from osl_plan.report.chart import alt_text
        from osl_plan.report.chart import chart as draw

        svg = base64.b64encode(draw(report.months, "svg")).decode("ascii")
        chart = {"src": f"data:image/svg+xml;base64,{svg}", "alt": alt_text(report.months)}
    return {
        "plan": plan.model_dump(mode="json"),  # plain data: templates come from anywhere
        "title": report.title.upper(),
        "page_title": f"{report.doc_title} – {plan.jednostka}"
        if plan.jednostka
        else report.doc_title,
        "period_line": report.period_line,
        "institution": tie(plan.jednostka or ""),
        "sections": list_sections(report),
        "chart": chart,
        "months_caption": MONTHS_CAPTION,
        "month_headers": MONTH_HEADERS,
        "months": [_month(m) for m in report.months],
        "caption": TASKS_CAPTION,
        "headers": TABLE_HEADERS,
        "rows": [_row(row) for row in report.rows],
        "events_heading": EVENTS_HEADING,
        "events_intro": EVENTS_INTRO,
        "task_events": report.task_events,
        "strip": strip_context(plan, options, embed_image=html),
        "signatures": [signature_context(side) for side in signatures(plan_for_signatures(plan))],
    }


def render_report_text(report: Report, fmt: str, options: RenderOptions) -> str:
    """The report as HTML or Markdown text. Raises TemplateFailed, UnreadableFile."""
    if fmt == "html":
        env = make_environment(
            options.template_dir, autoescape=True, filters={"nl2br": nl2br, "term": term_html}
        )
    else:
        env = make_environment(
            options.template_dir,
            autoescape=False,
            filters={"md": md_escape, "md_cell": md_cell},
            finalize=md_finalize,
        )
    return render_template(env, TEMPLATES[fmt], report_context(report, options, html=fmt == "html"))
