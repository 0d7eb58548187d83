"""The report's parts before its table, the same in every format: heading, paragraphs, items."""

from __future__ import annotations

from dataclasses import dataclass

from osl_plan.model import Plan, Signature, Signatures
from osl_plan.model.task_status import Status
from osl_plan.realisation_words import document_label
from osl_plan.report.content import Report

TASKS_CAPTION = "Realizacja zadań planu: terminy, status, uczestnicy, partnerzy i uwagi"
MONTH_HEADERS = ("Miesiąc", "Zadania zaplanowane", "Wydarzenia", "Uczestnicy")
MONTHS_HEADING = "Wydarzenia i uczestnicy w poszczególnych miesiącach"
MONTHS_CAPTION = "Zadania zaplanowane, wydarzenia i uczestnicy w poszczególnych miesiącach"
EVENTS_HEADING = "Wydarzenia w ramach zadań"
EVENTS_INTRO = "Wydarzenia każdego zadania: data, miejsce, uczestnicy, partnerzy i opis."


@dataclass(frozen=True, slots=True)
class Section:
    """A heading, its paragraphs and a bulleted list; ``chart`` is the caption of the chart's
    table when the section shows the chart."""

    heading: str
    paragraphs: tuple[str, ...] = ()
    items: tuple[str, ...] = ()
    chart: str = ""


def list_sections(report: Report) -> list[Section]:
    """Summary, reasons, partners, tasks off their term, and the months."""
    sections = [_summary(report)]
    if report.reasons:
        sections.append(
            Section(
                "Zadania niezrealizowane lub zrealizowane częściowo",
                (),
                tuple(
                    f"{task} ({status}) – przyczyna: {why}" for task, status, why in report.reasons
                ),
            )
        )
    if report.partners:
        sections.append(
            Section(
                "Partnerzy",
                (f"W realizacji zadań uczestniczyli ({len(report.partners)}):",),
                report.partners,
            )
        )
    if report.off_term:
        sections.append(
            Section(
                "Zadania realizowane poza planowanym terminem",
                (),
                tuple(
                    f"{o.zadanie} – planowano: {o.planned}; zrealizowano poza terminem: {o.actual}"
                    for o in report.off_term
                ),
            )
        )
    sections.append(Section(MONTHS_HEADING, (), (), MONTHS_CAPTION))
    return sections


def _summary(report: Report) -> Section:
    """The figures of the whole period: tasks by status, events, participants, partners."""
    c = report.counts
    by_status = (
        (Status.DONE, c.done),
        (Status.PARTLY, c.partly),
        (Status.NOT_DONE, c.not_done),
        (Status.ONGOING, c.ongoing),
        (None, c.not_reported),
    )
    return Section(
        "Podsumowanie",
        report.summary,
        (
            f"zadania zaplanowane: {c.planned}",
            *(f"{document_label(status)}: {count}" for status, count in by_status),
            f"wydarzenia: {report.events}",
            f"uczestnicy łącznie: {report.participants}",
            f"partnerzy uczestniczący w realizacji: {len(report.partners)}",
        ),
    )


def plan_for_signatures(plan: Plan) -> Plan:
    """The plan with its signatures' dates left blank: the report is signed on its own day."""
    podpisy = plan.podpisy
    return plan.model_copy(
        update={
            "podpisy": Signatures(
                opracowal=_undated(podpisy.opracowal), zatwierdzil=_undated(podpisy.zatwierdzil)
            )
        }
    )


def _undated(signature: Signature) -> Signature:
    return signature.model_copy(update={"data": None})
