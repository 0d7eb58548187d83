"""The one document pipeline (osl_plan/documents.py): every kind in every format it has, and one
error for a format it has not. PDF and ODT go through LibreOffice's stand-in here (its output
carries the DOCX's body, so the document converted is the kind's own); the real LibreOffice is
tested in test_render_pdf.py, test_report.py, test_lista.py and test_diff_redline.py."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from helpers import EXAMPLES, fake_soffice_program

from osl_plan.diff.compare import diff_loaded
from osl_plan.documents import (
    Document,
    DocumentRecipe,
    ListaDocument,
    PlanDocument,
    RedlineDocument,
    ReportDocument,
    render_document,
)
from osl_plan.errors import MissingProgram, UnknownFormat, UsageError
from osl_plan.lista.clause import clause
from osl_plan.lista.docx import ListaOptions
from osl_plan.lista.sheets import sheets_for
from osl_plan.load import load
from osl_plan.render import RenderOptions

PLAN = load(EXAMPLES / "plan_2023.yaml").plan
REALISED = load(EXAMPLES / "plan_2023_realizacja.yaml").plan
FIRST_TASK = PLAN.zadania[0].zadanie


def _lista() -> ListaDocument:
    sheets = sheets_for(PLAN, miesiac="2023-03")
    options = ListaOptions(rows=None, clause=clause(PLAN), render=RenderOptions())
    return ListaDocument(plan=PLAN, sheets=sheets, options=options)


def _redline() -> RedlineDocument:
    old, new = load(EXAMPLES / "plan_2022.yaml"), load(EXAMPLES / "plan_2023.yaml")
    return RedlineDocument(diff=diff_loaded(old, new))


#: Each kind, and a text its document must hold.
KINDS: dict[str, tuple[Document, str]] = {
    "plan": (PlanDocument(plan=PLAN), FIRST_TASK),
    "report": (ReportDocument(plan=REALISED, period="I-polrocze"), "półrocze"),
    "lista": (_lista(), "Lista obecności"),
    "redline": (_redline(), FIRST_TASK),
}
CASES = [(kind, fmt) for kind, (document, _) in KINDS.items() for fmt in document.formats]


def _body_text(docx: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        return _xml_text(archive.read("word/document.xml"))


def _xml_text(xml: bytes) -> str:
    from lxml import etree

    return "".join(etree.fromstring(xml).itertext())


@pytest.fixture
def stand_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OSL_PLAN_SOFFICE", str(fake_soffice_program(tmp_path)))
    monkeypatch.setenv("FAKE_SOFFICE_LOG", str(tmp_path / "starts.jsonl"))


@pytest.mark.parametrize(("kind", "fmt"), CASES, ids=[f"{k}-{f}" for k, f in CASES])
@pytest.mark.usefixtures("stand_in")
def test_every_kind_in_every_format_it_has(kind: str, fmt: str) -> None:
    document, expected = KINDS[kind]
    data = render_document(document, fmt)
    if fmt == "docx":
        text = _body_text(data)
    elif fmt == "pdf":  # the stand-in's PDF carries the DOCX's body
        assert data.startswith(b"%PDF-")
        text = _xml_text(data.split(b"\n", 1)[1].rsplit(b"\n%%EOF", 1)[0])
    elif fmt == "odt":
        with zipfile.ZipFile(io.BytesIO(data)) as odt:
            text = _xml_text(odt.read("content.xml"))
    else:
        text = data.decode("utf-8")
    assert expected.casefold() in text.replace("\u00a0", " ").casefold()


def test_the_converted_document_is_the_kinds_own_docx(stand_in: None) -> None:
    document, _ = KINDS["lista"]
    docx = render_document(document, "docx")
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        body = archive.read("word/document.xml")
    assert render_document(document, "pdf") == b"%PDF-1.7\n" + body + b"\n%%EOF\n"


@pytest.mark.parametrize("kind", list(KINDS))
def test_a_format_the_kind_has_not_is_one_error_naming_the_formats_it_has(kind: str) -> None:
    document, _ = KINDS[kind]
    with pytest.raises(UnknownFormat) as raised:
        render_document(document, "rtf")
    assert raised.value.formats == document.formats
    assert str(raised.value) == (
        f"unknown format „rtf” — use one of: {', '.join(document.formats)}"
    )
    assert isinstance(raised.value, UsageError)  # exit code 2


def test_lists_have_no_html_and_a_redline_no_odt() -> None:
    assert "html" not in KINDS["lista"][0].formats
    assert KINDS["redline"][0].formats == ("docx", "pdf")


def test_missing_libreoffice_fails_before_anything_is_built(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OSL_PLAN_SOFFICE", str(tmp_path / "nothing"))
    for document, _ in KINDS.values():
        with pytest.raises(MissingProgram):
            render_document(document, "pdf")


def test_a_report_of_an_unknown_period_is_refused() -> None:
    with pytest.raises(UsageError, match="unknown period „V-kwartal”"):
        ReportDocument(plan=REALISED, period="V-kwartal")
    with pytest.raises(UsageError, match="unknown period"):
        DocumentRecipe(kind="report", period="V-kwartal")


def test_a_recipe_makes_the_plan_or_its_report() -> None:
    options = RenderOptions(keep_terms=True)
    assert DocumentRecipe(options=options).of(PLAN) == PlanDocument(plan=PLAN, options=options)
    report = DocumentRecipe(kind="report", period="II-kwartal").of(REALISED)
    assert report == ReportDocument(plan=REALISED, period="II-kwartal")
