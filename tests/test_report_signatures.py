"""The report signs like the plan: „Opracował” left and „Zatwierdził” right, with the plan's labels,
as the borderless last row of the report's table of tasks, kept on the page of its last row."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers import EXAMPLES, pdf_pages
from lxml import etree

from osl_plan.documents import ReportDocument, render_document
from osl_plan.load import loads
from osl_plan.model import Plan

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
REALISED = EXAMPLES / "plan_2023_realizacja.yaml"


def first_tasks(count: int, **extra: Any) -> Plan:
    """The example plan with its realisation, cut to its first ``count`` tasks."""
    data = yaml.safe_load(REALISED.read_text(encoding="utf-8"))
    data["zadania"] = data["zadania"][:count]
    data.update(extra)
    return loads(yaml.safe_dump(data, allow_unicode=True), "plan.yaml").plan


def _body(docx: bytes) -> Any:
    import zipfile

    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        return etree.fromstring(archive.read("word/document.xml"))


def _text(element: Any) -> str:
    return "".join(t.text or "" for t in element.iter(f"{W}t"))


def test_signatures_are_the_last_row_of_the_task_table_side_by_side() -> None:
    labels = {
        "opracowal": {"etykieta": "Opracowała", "stanowisko": "Organizator społeczności lokalnej"},
        "zatwierdzil": {"etykieta": "Zatwierdzenie", "data": "10.01.2024"},
    }
    plan = first_tasks(3, podpisy=labels)
    body = _body(render_document(ReportDocument(plan=plan), "docx"))
    table = body.findall(f".//{W}tbl")[-1]
    rows = table.findall(f"{W}tr")
    last, task = rows[-1], rows[-2]
    left, right = last.findall(f"{W}tc")
    assert _text(left).startswith("Opracowała: ")
    assert "Organizator społeczności lokalnej" in _text(left)
    assert _text(right).startswith("Zatwierdzenie: ")
    assert "10.01.2024" not in _text(right)  # the report is signed on its own day
    for cell in (left, right):
        borders = cell.find(f"{W}tcPr/{W}tcBorders")
        assert borders is not None
        assert {b.get(f"{W}val") for b in borders} == {"nil"}
    # Side by side across the table's eight columns, the left cell first.
    spans = [int(c.find(f"{W}tcPr/{W}gridSpan").get(f"{W}val")) for c in (left, right)]
    assert sum(spans) == 8 and spans[0] >= 3
    # The last task row keeps with the signatures; no row splits; nothing after the table.
    assert all(p.find(f"{W}pPr/{W}keepNext") is not None for p in task.iter(f"{W}p"))
    assert last.find(f"{W}trPr/{W}cantSplit") is not None
    after = table.getnext()
    assert after is None or after.tag == f"{W}sectPr" or not _text(after).strip()
    assert "Opracowała" not in "".join(_text(p) for p in body.iter(f"{W}p") if p not in last.iter())


def _layout_pages(pdf: Path) -> list[str]:
    return pdf_pages(pdf, layout=True)


@pytest.mark.libreoffice
@pytest.mark.parametrize("count", [8, 14])
def test_signatures_share_the_page_of_the_last_table_row(
    soffice: str, tmp_path: Path, count: int
) -> None:
    # With 8 and 14 tasks the last row ends low on its page: signatures that merely followed
    # the table went to a page of their own.
    plan = first_tasks(count)
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(render_document(ReportDocument(plan=plan), "pdf"))
    pages = _layout_pages(pdf)
    last_row = [
        n
        for n, page in enumerate(pages)
        if "Status" in page and re.search(rf"(?m)^\s*{count}\.\s+\S", page)
    ]
    signed = [n for n, page in enumerate(pages) if "Opracował:" in page]
    assert last_row and signed == [last_row[-1]]
    # Side by side: both labels on one line of the page.
    assert any(
        "Opracował:" in line and "Zatwierdził:" in line for line in pages[signed[0]].split("\n")
    )
