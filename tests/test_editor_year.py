"""The year in the editor: realisation recorded through the form, the sprawozdanie, attendance
lists and „this month”, each checked against the plan read another way."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import EXAMPLES, soffice_or_skip
from editor_support import client, form_values, plan_folder, plan_on_disk, post

from osl_plan.load import loads
from osl_plan.terms import Month

URL = "/plan/plan_2023.yaml"


def test_realisation_is_recorded_through_the_form(tmp_path: Path) -> None:
    folder = plan_folder(tmp_path)
    signed_in = client(folder)
    values = form_values(signed_in.get(URL + "/rok").text)
    values["zadania.5.realizacja.status"] = "zrealizowane"
    answer = post(signed_in, URL, {**values, "akcja": "dodaj:zadania.5.realizacja.wydarzenia"})
    assert answer.headers["location"] == f"{URL}/rok#f-zadania-5-realizacja-wydarzenia-0-data"
    values = form_values(signed_in.get(URL + "/rok").text)
    values["zadania.5.realizacja.wydarzenia.0.data"] = "15.03.2023"
    values["zadania.5.realizacja.wydarzenia.0.uczestnicy"] = "42"
    values["zadania.5.realizacja.wydarzenia.0.miejsce"] = "Przedszkole w Kluczach"
    post(signed_in, URL, {**values, "akcja": "dodaj:zadania.5.realizacja.wydarzenia"})
    values = form_values(signed_in.get(URL + "/rok").text)
    values["zadania.5.realizacja.wydarzenia.1.data"] = "22.03.2023"
    values["zadania.5.realizacja.wydarzenia.1.uczestnicy"] = "17"
    saved = post(signed_in, URL, {**values, "akcja": "zapisz"})
    assert saved.headers["location"] == f"{URL}/rok?stan=zapisano"
    task = plan_on_disk(folder / "plan_2023.yaml").zadania[5]
    assert task.realizacja is not None
    assert task.realizacja.status.value == "zrealizowane"
    assert [e.uczestnicy for e in task.realizacja.wydarzenia] == [42, 17]
    assert task.realizacja.wydarzenia[0].miejsce == "Przedszkole w Kluczach"
    text = (folder / "plan_2023.yaml").read_text("utf-8")
    assert "uczestnicy: 42\n" in text  # a number, not the text "42"

    report = signed_in.get(URL + "/sprawozdanie?okres=I-kwartal&format=md")
    assert report.status_code == 200
    assert report.headers["content-disposition"].endswith("sprawozdanie_plan_2023.md")
    assert "- wydarzenia: 2\n" in report.text
    assert "- uczestnicy łącznie: 59\n" in report.text  # 42 + 17, summed by hand here
    assert "| marzec 2023 | 5 | 2 | 59 |" in report.text


def test_attendance_lists_for_a_month_have_one_sheet_per_task_running(tmp_path: Path) -> None:
    import docx

    folder = plan_folder(tmp_path)
    signed_in = client(folder)
    answer = signed_in.get(URL + "/lista?miesiac=2023-03&format=docx")
    assert answer.status_code == 200
    plan = plan_on_disk(folder / "plan_2023.yaml")
    running = [t for t in plan.zadania if t.termin.covers(Month(2023, 3))]
    # counted by hand in examples/plan_2023.yaml: four whole-year tasks, „Sprintem do Maratonu”
    assert len(running) == 5
    document = docx.Document(io.BytesIO(answer.content))
    breaks = document.element.body.xml.count("<w:pageBreakBefore/>")
    assert breaks == len(running) - 1  # one page per list
    bad = signed_in.get(URL + "/lista?miesiac=trzynasty&format=docx")
    assert bad.status_code == 400 and "trzynasty" in bad.text


def test_this_month_says_what_status_says(tmp_path: Path) -> None:
    from osl_plan.plan_status import plan_status

    folder = plan_folder(tmp_path)
    signed_in = client(folder)
    page = signed_in.get(URL + "/miesiac?na=2023-05").text
    plan = folder / "plan_2023.yaml"
    report = plan_status(loads(plan.read_bytes(), plan.name), Month(2023, 5))
    for state in report.running + report.starting + report.overdue:
        assert f'href="{URL}/rok#f-zadania-{state.number - 1}"' in page
    assert page.count(f'href="{URL}/rok#f-zadania-') == (
        len(report.running) + len(report.starting) + len(report.overdue)
    )
    assert "trzynasty" in signed_in.get(URL + "/miesiac?na=trzynasty").text


def test_the_redline_against_last_years_plan(tmp_path: Path) -> None:
    import docx

    folder = plan_folder(tmp_path)
    shutil.copy(EXAMPLES / "plan_2022.yaml", folder / "plan_2022.yaml")
    signed_in = client(folder)
    page = signed_in.get(URL).text
    assert "<option>plan_2022.yaml</option>" in page
    answer = signed_in.get(URL + "/porownanie?z=plan_2022.yaml")
    assert answer.status_code == 200
    assert answer.headers["content-disposition"].endswith("zmiany_plan_2023.docx")
    body = docx.Document(io.BytesIO(answer.content)).element.body.xml
    assert body.count("<w:ins ") > 0 and body.count("<w:del ") > 0  # tracked changes
    for refused in ("plan_2023.yaml", "..%2Fplan_2022.yaml", "brak.yaml"):
        assert signed_in.get(URL + f"/porownanie?z={refused}").status_code == 404


@pytest.mark.libreoffice
def test_pdf_and_odt_downloads_are_converted_by_libreoffice(tmp_path: Path) -> None:
    soffice_or_skip()
    folder = plan_folder(tmp_path)
    signed_in = client(folder)
    pdf = signed_in.get(URL + "/pobierz/pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert pdf.headers["content-type"] == "application/pdf"
    (tmp_path / "plan.pdf").write_bytes(pdf.content)
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "plan.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Kampania medialna" in text
    odt = signed_in.get(URL + "/pobierz/odt")
    assert odt.status_code == 200 and odt.content.startswith(b"PK")
