"""The redline's „Realizacja zadań” section (``diff --realizacja -f docx``): after the task table,
each matched task whose recorded realisation changed, written out as NEW records it with OLD's
records tracked — status, reason, events, partners, results and remarks — so that accepting every
change gives NEW's records and rejecting every change OLD's.

The section is document text (Polish, like the rest of the document), not a message.
"""

from __future__ import annotations

from osl_plan.diff.model import PlanDiff
from osl_plan.diff.redline_parts import Line, Marks, tracked_lines
from osl_plan.model import Realisation, Task
from osl_plan.polish import tie_short_words
from osl_plan.realisation_words import NOTHING_RECORDED, document_label, event_text
from osl_plan.render.docx_builder import DocxBuilder
from osl_plan.render.docx_xml import paragraph_xml, run_xml

HEADING = "Realizacja zadań"
INTRO = (
    "Zmiany w zapisach realizacji zadań obecnych w obu wersjach planu: status, przyczyna, "
    "wydarzenia, partnerzy, rezultaty i uwagi."
)
UNCHANGED = "Zapisy realizacji zadań nie zmieniły się."


def _plain(text: str) -> tuple[tuple[str, bool, bool], ...]:
    return ((tie_short_words(text), False, False),)


def _labelled(label: str, text: str) -> Line:
    """„Status: zrealizowane”, the label in bold."""
    return "line", ((f"{label}: ", True, False), *_plain(text))


def _listed(label: str, items: list[str]) -> list[Line]:
    """A bold label and its items as bullets; nothing when there are no items."""
    if not items:
        return []
    return [("label", ((f"{label}:", True, False),)), *(("bullet", _plain(i)) for i in items)]


def realisation_lines(task: Task, number: int) -> list[Line]:
    """One task's records as the section prints them, the task's name first."""
    title: Line = ("task", ((tie_short_words(f"Zadanie {number}. {task.zadanie}"), True, False),))
    done: Realisation | None = task.realizacja
    if done is None:
        return [
            title,
            ("nothing", _plain(f"{NOTHING_RECORDED.capitalize()}.")),
        ]  # never edited into a record
    lines = [title, _labelled("Status", document_label(done.status))]
    if done.powod:
        lines.append(_labelled("Przyczyna", done.powod))
    events = sorted(done.wydarzenia, key=lambda e: (e.data.first, e.data.last))
    lines += _listed("Wydarzenia", [event_text(e) for e in events])
    lines += _listed("Partnerzy", list(done.partnerzy))
    lines += _listed("Rezultaty", list(done.rezultaty))
    if done.uwagi:
        lines.append(_labelled("Uwagi", done.uwagi))
    return lines


def realisation_redline(diff: PlanDiff, builder: DocxBuilder, marks: Marks) -> str:
    """The section, or nothing when the realisation was not compared (no ``--realizacja``)."""
    if diff.realisation is None:
        return ""
    ids = builder.ids
    # An annex after the signed plan: it starts on a page of its own.
    page = f'<w:pPr><w:pStyle w:val="{ids.heading}"/><w:pageBreakBefore/></w:pPr>'
    parts = [f"<w:p>{page}{run_xml(HEADING)}</w:p>"]
    if not diff.realisation:
        return "".join([*parts, paragraph_xml(run_xml(UNCHANGED))])
    parts.append(paragraph_xml(run_xml(_plain(INTRO)[0][0])))
    for change in diff.realisation:
        before = realisation_lines(diff.old.zadania[change.old], change.old + 1)
        after = realisation_lines(diff.new.zadania[change.new], change.new + 1)
        for kind, runs, mark in tracked_lines(before, after, marks):
            if kind == "bullet":
                parts.append(
                    paragraph_xml(runs, style=ids.bullet, num_id=ids.bullet_num, mark=mark)
                )
            elif kind == "task":
                parts.append(paragraph_xml(runs, keep_next=True, spacing_before=240, mark=mark))
            elif kind == "label":
                parts.append(paragraph_xml(runs, keep_next=True, spacing_before=120, mark=mark))
            else:
                parts.append(paragraph_xml(runs, mark=mark))
    return "".join(parts)
