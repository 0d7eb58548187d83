"""What was done, in the sprawozdanie: each task's events (date, place, participants, description)
in every format, planned partners apart from those who took part, the plan's own „Lp.”, and one
vocabulary for a task's status across the report, ``status`` and ``diff``."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import docx
import pytest
from helpers import run_cli
from lxml import etree

from osl_plan.documents import ListaDocument, ReportDocument, render_document
from osl_plan.i18n import translations
from osl_plan.lista.clause import clause
from osl_plan.lista.docx import ListaOptions
from osl_plan.lista.sheets import sheets_for
from osl_plan.load import loads
from osl_plan.model.task_status import Status
from osl_plan.realisation_words import (
    DOCUMENT_LABELS,
    MESSAGE_LABELS,
    MESSAGE_NOTHING_RECORDED,
    NOTHING_RECORDED,
)
from osl_plan.render import RenderOptions
from osl_plan.report.content import build_report
from osl_plan.terms import MONTHS_GENITIVE

NBSP = "\u00a0"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DONE = """\
rok: 2025
zadania:
  - zadanie: "Kampania medialna promująca działania CUS:"
    dzialania: [ulotki, strona internetowa]
    termin: styczeń – grudzień 2025
    partnerzy: [Urząd Gminy Klucze, Gminny Ośrodek Kultury w Kluczach]
    realizacja:
      status: w trakcie
      partnerzy: [Gminny Ośrodek Kultury w Kluczach, Koło Gospodyń Wiejskich w Bogucinie]
      wydarzenia:
        - data: 8.08.2025
          uczestnicy: 30
          miejsce: Rynek w Kluczach
          opis: Stoisko informacyjne na dożynkach
        - data: 7.07.2025
          uczestnicy: 12
          miejsce: Świetlica w Bydlinie
          opis: Spotkanie z mieszkańcami
  - zadanie: Festyn rodzinny
    lp: "7."
    termin: czerwiec 2025
    realizacja:
      status: zrealizowane
      wydarzenia:
        - data: 14 czerwca 2025
          uczestnicy: 200
          miejsce: Stadion w Kluczach
          partnerzy: [Ochotnicza Straż Pożarna w Rodakach]
  - zadanie: Rajd rowerowy
    termin: wrzesień 2025
"""


def flat(text: str) -> str:
    return text.replace(NBSP, " ")


def test_the_events_of_each_task_with_place_and_description() -> None:
    report = build_report(loads(DONE).plan)
    (first, second) = report.task_events
    assert flat(first.heading) == "1. Kampania medialna promująca działania CUS"
    assert [flat(e) for e in first.events] == [
        "7 lipca 2025 r., Świetlica w Bydlinie – uczestnicy: 12; Spotkanie z mieszkańcami",
        "8 sierpnia 2025 r., Rynek w Kluczach – uczestnicy: 30; Stoisko informacyjne na dożynkach",
    ]
    assert flat(second.heading) == "7. Festyn rodzinny"
    assert flat(second.events[0]) == (
        "14 czerwca 2025 r., Stadion w Kluczach – uczestnicy: 200; "
        "partnerzy: Ochotnicza Straż Pożarna w Rodakach"
    )
    for fmt in ("md", "html"):
        text = flat(render_document(ReportDocument(plan=report.plan), fmt).decode())
        assert "Wydarzenia w ramach zadań" in text
        assert "Świetlica w Bydlinie – uczestnicy: 12; Spotkanie z mieszkańcami" in text
        assert "Stoisko informacyjne na dożynkach" in text
    md = flat(render_document(ReportDocument(plan=report.plan), "md").decode())
    assert "### 1\\. Kampania medialna promująca działania CUS\n\n- 7 lipca 2025 r." in md
    html = flat(render_document(ReportDocument(plan=report.plan), "html").decode())
    assert "<h3>7. Festyn rodzinny</h3>\n<ul>\n  <li>14 czerwca 2025 r., Stadion" in html


def test_docx_keeps_a_task_heading_with_its_first_event() -> None:
    data = render_document(ReportDocument(plan=loads(DONE).plan), "docx")
    body = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    paragraphs = body.iter(f"{W}p")
    texts = [("".join(p.itertext()), p) for p in paragraphs]
    headings = [i for i, (text, _p) in enumerate(texts) if flat(text).startswith("7. Festyn")]
    (at,) = [i for i in headings if texts[i + 1][0].startswith("14")]
    heading, event = texts[at][1], texts[at + 1][1]
    assert heading.find(f"{W}pPr/{W}pStyle").get(f"{W}val") == "Heading3"  # a real heading
    assert heading.find(f"{W}pPr/{W}keepNext") is not None
    assert heading.find(f"{W}pPr/{W}keepLines") is not None
    assert event.find(f"{W}pPr/{W}numPr") is not None  # a bulleted item
    assert event.find(f"{W}pPr/{W}keepLines") is not None  # an event is not split by a page
    # The events list comes before the table of tasks, which ends with the signatures.
    document = docx.Document(io.BytesIO(data))
    all_text = flat("\n".join(p.text for p in document.paragraphs))
    assert "Stoisko informacyjne na dożynkach" in all_text


def test_partners_planned_apart_from_those_who_took_part() -> None:
    report = build_report(loads(DONE).plan)
    row = report.rows[0]
    # Only the recorded partners take part; the plan's are shown as planned.
    assert [flat(p) for p in row.partners] == [
        "Gminny Ośrodek Kultury w Kluczach",
        "Koło Gospodyń Wiejskich w Bogucinie",
    ]
    assert [flat(line) for line in row.partner_lines] == [
        "uczestniczyli: Gminny Ośrodek Kultury w Kluczach; Koło Gospodyń Wiejskich w Bogucinie",
        "w planie: Urząd Gminy Klucze; Gminny Ośrodek Kultury w Kluczach",
    ]
    # Counted: three took part (Urząd Gminy only planned), in words and in figures.
    assert len(report.partners) == 3
    assert "Urząd Gminy Klucze" not in [flat(p) for p in report.partners]
    md = flat(render_document(ReportDocument(plan=report.plan), "md").decode())
    assert "W realizacji zadań uczestniczyli (3):" in md
    assert "- partnerzy uczestniczący w realizacji: 3" in md
    assert "Liczba partnerów, którzy uczestniczyli w realizacji zadań: 3" in md
    # Several partners in one cell are separated.
    assert "uczestniczyli: Gminny Ośrodek Kultury w Kluczach; Koło Gospodyń" in md


def test_numbers_dates_and_the_colon_of_left_out_sub_items() -> None:
    plan = loads(DONE).plan
    second = build_report(plan, "II-polrocze")
    # The plan's own „Lp.”: task 3 stays 3, task with lp „7.” stays „7.”.
    assert [row.number for row in second.rows] == ["1.", "3."]
    assert [row.number for row in build_report(plan, "I-polrocze").rows] == ["1.", "7."]
    row = second.rows[0]
    # Two events: their dates, not one span from the first to the last.
    assert flat(row.actual) == "2 wydarzenia: 7 lipca 2025 r.; 8 sierpnia 2025 r."
    assert [flat(line) for line in row.actual_lines] == [
        "2 wydarzenia:",
        "7 lipca 2025 r.",
        "8 sierpnia 2025 r.",
    ]
    # The sub-items are left out, and so is the colon that introduced them.
    assert flat(row.zadanie) == "Kampania medialna promująca działania CUS"
    md = flat(render_document(ReportDocument(plan=plan), "md").decode())
    assert "działania CUS:" not in md
    sheets = sheets_for(plan, zadanie="1")
    lista = render_document(
        ListaDocument(
            plan=plan, sheets=sheets, options=ListaOptions(None, clause(plan), RenderOptions())
        ),
        "docx",
    )
    text = flat("\n".join(p.text for p in docx.Document(io.BytesIO(lista)).paragraphs))
    assert "1. Kampania medialna promująca działania CUS" in text
    assert "działania CUS:" not in text


def test_one_vocabulary_for_the_status(tmp_path: Path, polish: None) -> None:
    polish_catalog = translations("pl")
    for status in Status:
        assert polish_catalog.gettext(MESSAGE_LABELS[status]) == DOCUMENT_LABELS[status]
    assert polish_catalog.gettext(MESSAGE_NOTHING_RECORDED) == NOTHING_RECORDED
    plan = tmp_path / "plan.yaml"
    plan.write_text(DONE, encoding="utf-8")
    report = build_report(loads(DONE).plan)
    assert [row.status for row in report.rows] == [
        "w trakcie realizacji",
        "zrealizowane",
        "brak informacji o realizacji",
    ]
    text = run_cli("status", plan, "--na", "2025-12").stdout
    first = "  1. Kampania medialna promująca działania CUS | Styczeń – grudzień 2025 | "
    assert first + "w trakcie realizacji" in text
    assert "  3. Rajd rowerowy | Wrzesień 2025 | brak informacji o realizacji" in text
    md = flat(render_document(ReportDocument(plan=loads(DONE).plan), "md").decode())
    assert "brak informacji o realizacji: 1" in md
    for other in ("bez informacji", "Brak zapisów", "nie odnotowano realizacji"):
        assert other not in md and other not in text
    # JSON keeps the machine values.
    data = json.loads(run_cli("status", plan, "--na", "2025-12", "-f", "json").stdout)
    assert [t["status"] for t in data["running"]] == ["w trakcie"]
    # diff says the status in the same words.
    later = tmp_path / "later.yaml"
    later.write_text(DONE.replace("status: w trakcie", "status: zrealizowane"), encoding="utf-8")
    diff = run_cli("diff", plan, later, "--realizacja").stdout
    assert "status: w trakcie realizacji → zrealizowane" in diff


def test_the_overdue_rule_is_stated(tmp_path: Path, polish: None) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(DONE, encoding="utf-8")
    text = run_cli("status", plan, "--na", "2026-01").stdout
    # Both overdue: task 1 still „w trakcie”, task 3 with nothing recorded; the heading says so.
    assert (
        "Zaległe (termin minął; brak informacji o realizacji albo tylko status „w trakcie”): 2"
        in text
    )
    helped = flat(" ".join(run_cli("status", "--help").stdout.split()))
    assert "zadanie wciąż „w trakcie” po upływie terminu jest zaległe" in helped


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_every_format_lists_the_events(fmt: str) -> None:
    data = render_document(ReportDocument(plan=loads(DONE).plan), fmt)
    if fmt == "docx":
        document = docx.Document(io.BytesIO(data))
        text = "\n".join(p.text for p in document.paragraphs)
    else:
        text = data.decode()
    assert "Spotkanie z mieszkańcami" in flat(text)
    assert "Rynek w Kluczach" in flat(text)


def _many_events_plan() -> str:
    """Twelve tasks of four events each: the events list runs over several pages."""
    tasks = []
    for n in range(1, 13):
        events = "".join(
            f"        - data: {day}.{n:02d}.2025\n"
            f"          uczestnicy: {10 + day}\n"
            f"          miejsce: Świetlica wiejska nr {n}\n"
            f"          opis: Spotkanie {day} w ramach zadania {n}, z rozmową o potrzebach "
            "mieszkańców sołectwa i planach na kolejne miesiące\n"
            for day in (3, 10, 17, 24)
        )
        tasks.append(
            f"  - zadanie: Zadanie numer {n} – spotkania z mieszkańcami sołectw gminy\n"
            f"    termin: {n}.2025\n"
            "    realizacja:\n      status: zrealizowane\n      wydarzenia:\n" + events
        )
    return "rok: 2025\nzadania:\n" + "".join(tasks)


@pytest.mark.libreoffice
def test_pdf_pages_keep_each_task_heading_with_its_first_event(
    soffice: str, tmp_path: Path
) -> None:
    from helpers import pdf_pages

    plan = tmp_path / "plan.yaml"
    plan.write_text(_many_events_plan(), encoding="utf-8")
    out = tmp_path / "r.pdf"
    result = run_cli("report", plan, "-f", "pdf", "-o", out, timeout=300)
    assert result.exit_code == 0, result.stderr
    pages = [" ".join(page.split()) for page in pdf_pages(out)]
    start = next(i for i, page in enumerate(pages) if "Wydarzenia w ramach zadań" in page)
    table = next(i for i, page in enumerate(pages) if "Termin planowany" in page)
    broken = 0
    for n in range(1, 13):
        heading = f"{n}. Zadanie numer {n} – spotkania"
        (at,) = [i for i, page in enumerate(pages[start:table], start) if heading in page]
        month = MONTHS_GENITIVE[n - 1]
        assert f"3 {month} 2025 r., Świetlica wiejska nr {n} – uczestnicy: 13" in pages[at]
        assert f"Spotkanie 3 w ramach zadania {n}," in pages[at]
        broken += f"24 {month} 2025 r." not in pages[at]
    # The list does run over pages (so the rule above was put to the test).
    assert broken >= 1 and table > start + 2


def test_off_term_names_the_events_held_outside_the_term() -> None:
    text = DONE.replace("termin: czerwiec 2025", "termin: czerwiec 2025, sierpień 2025").replace(
        "data: 14 czerwca 2025", "data: 14 lipca 2025"
    )
    report = build_report(loads(text).plan)
    (off,) = report.off_term
    assert flat(off.zadanie) == "Festyn rodzinny"
    assert flat(off.planned) == "czerwiec 2025, sierpień 2025"  # July lies between the ranges
    assert flat(off.actual) == "14 lipca 2025 r."
    md = flat(render_document(ReportDocument(plan=report.plan), "md").decode())
    assert "Festyn rodzinny – planowano: czerwiec 2025, sierpień 2025; zrealizowano poza " in md
