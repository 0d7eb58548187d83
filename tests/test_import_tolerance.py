"""Import tolerates what real files look like: PDF conversions, Word tables, odd headers.

The documents are built here with python-docx the way those programs write them, so each test
shows the structure it checks.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from helpers import run_cli

from osl_plan.importer import import_file
from osl_plan.load import load, loads
from osl_plan.model import Plan
from osl_plan.yamlout import dump_plan

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _new_document() -> Any:
    import docx

    return docx.Document()


def _set_cell(cell: Any, lines: list[str]) -> None:
    cell.text = lines[0] if lines else ""
    for line in lines[1:]:
        cell.add_paragraph(line)


def _table(document: Any, rows: list[list[list[str]]]) -> Any:
    table = document.add_table(rows=0, cols=len(rows[0]))
    for row in rows:
        cells = table.add_row().cells
        for cell, lines in zip(cells, row, strict=True):
            _set_cell(cell, lines)
    return table


def _task_row(task: Any) -> list[list[str]]:
    first = [task.zadanie, *(f"-{item}" for item in task.dzialania)]
    return [first, list(task.adresaci), [task.termin.text]]


def seed_like_docx(plan: Plan, path: Path) -> Path:
    """The 2023 plan as its PDF conversion looks: three tables cut at the page breaks.

    As in the seed text: tasks 5 and 17 continue in the first row of the next page's table,
    later tables start with an empty header row, the strip's text lies between the tables,
    sub-items are "-" lines, and the signatures are dotted lines.
    """
    document = _new_document()
    for text in ("PLAN ORGANIZOWANIA SPOŁECZNOŚCI LOKALNEJ", "2023 ROK"):
        document.add_paragraph(text)
    for paragraph in plan.wstep_paragraphs:
        document.add_paragraph(paragraph)
    tasks = list(plan.zadania)
    ferie_head, ferie_tail = tasks[4].zadanie.split(" mające na celu ")
    juro_head, juro_tail = tasks[16].zadanie.split(" problemów społecznych ")
    page1 = [[["ZADANIE"], ["ADRESACI"], ["TERMINY PLANOWANYCH DZIAŁAŃ"]]]
    page1 += [_task_row(t) for t in tasks[:4]]
    page1.append([[ferie_head], [], [tasks[4].termin.text]])
    _table(document, page1)
    for text in ("", "Fundusze Europejskie", "Wiedza Edukacja Rozwój"):
        document.add_paragraph(text)
    page2 = [[[""], [""], [""]], [["mające na celu " + ferie_tail], [], []]]
    page2 += [_task_row(t) for t in tasks[5:16]]
    page2.append([[juro_head], [], [tasks[16].termin.text]])
    _table(document, page2)
    for text in ("Fundusze Europejskie", "Wiedza Edukacja Rozwój", "Rzeczpospolita", "Polska"):
        document.add_paragraph(text)
    for text in ("Unia Europejska", "Europejski Fundusz Społeczny"):
        document.add_paragraph(text)
    page3 = [[[""], [""], [""]], [["problemów społecznych " + juro_tail], [], []]]
    page3.append(_task_row(tasks[17]))
    _table(document, page3)
    for text in ("Opracował:.....", "Zatwierdził:", "Data:.....", "Data:....."):
        document.add_paragraph(text)
    document.save(path)
    return path


def _comparable(plan: Plan) -> list[tuple[Any, ...]]:
    return [(t.zadanie, t.dzialania, t.adresaci, t.termin.text) for t in plan.zadania]


def test_seed_as_converted_from_pdf(tmp_path: Path, example_2023: Path) -> None:
    expected = load(example_2023).plan
    imported = import_file(seed_like_docx(expected, tmp_path / "plan_2023.docx"))
    plan = imported.plan
    assert _comparable(plan) == _comparable(expected)
    assert plan.rok == 2023
    assert plan.tytul == "Plan organizowania społeczności lokalnej"
    assert plan.wstep == expected.wstep
    assert plan.finansowanie == expected.finansowanie
    assert plan.podpisy == expected.podpisy
    assert imported.warnings == []
    joined = [path for path, lines in imported.notes.items() if any("joined" in x for x in lines)]
    assert joined == [("zadania", 4), ("zadania", 16)]
    text = dump_plan(plan, header=imported.header, notes=imported.notes)
    assert "# The task table was split into 3 tables; they were joined." in text
    assert loads(text).plan == plan


def test_word_table_with_merged_addressees_bullets_and_repeated_header(tmp_path: Path) -> None:
    document = _new_document()
    document.add_paragraph("Plan organizowania społeczności lokalnej na rok 2024", style="Title")
    document.add_paragraph("Wstęp do planu.")
    header = [["Lp."], ["Zadanie"], ["Adresaci działań"], ["Termin realizacji"]]
    table = _table(
        document,
        [
            header,
            [["1."], ["Spotkania z mieszkańcami"], ["Mieszkańcy", "Sołtysi"], ["I kwartał 2024"]],
            [["2."], ["Festyn rodzinny"], [""], ["czerwiec 2024"]],
            [["3."], ["Kampania:"], [""], ["Wkrótce"]],
        ],
    )
    table.rows[0]._tr.get_or_add_trPr().append(table.rows[0]._tr.makeelement(f"{W}tblHeader"))
    # Addressees merged over tasks 1–3, as Word writes it (vMerge restart / continue).
    table.cell(1, 2).merge(table.cell(3, 2))
    campaign = table.cell(3, 1)
    for item in ("Plakaty", "Strona www"):
        campaign.add_paragraph(item, style="List Bullet")
    document.add_paragraph("")
    _table(document, [header, [["4."], ["Dożynki"], ["Wszyscy"], ["wrzesień 2024"]]])
    document.add_paragraph("Opracował: Organizator Społeczności Lokalnej")
    document.add_paragraph("Data: 05.01.2024 r.")
    document.add_paragraph("Zatwierdził: Dyrektor Centrum Usług Społecznych")
    document.add_paragraph("Uwagi końcowe, których nie ma gdzie umieścić.")
    path = tmp_path / "word.docx"
    document.save(path)
    imported = import_file(path)
    plan = imported.plan
    assert plan.rok == 2024
    assert plan.tytul == "Plan organizowania społeczności lokalnej"
    assert [t.zadanie for t in plan.zadania] == [
        "Spotkania z mieszkańcami", "Festyn rodzinny", "Kampania:", "Dożynki",
    ]  # fmt: skip
    merged_text = ("Mieszkańcy Sołtysi", "Festyn rodzinny")  # python-docx merges cell text
    assert plan.zadania[0].adresaci[0] == "Mieszkańcy"
    assert plan.zadania[1].adresaci == plan.zadania[0].adresaci
    assert plan.zadania[2].adresaci == plan.zadania[0].adresaci
    assert merged_text[1] not in plan.zadania[1].adresaci
    assert ("zadania", 1, "adresaci") in imported.notes
    assert plan.zadania[2].dzialania == ("Plakaty", "Strona www")
    assert plan.zadania[2].termin.text == "cały rok 2024"
    assert any("Wkrótce" in line for line in imported.notes[("zadania", 2, "termin")])
    assert plan.zadania[3].adresaci == ("Wszyscy",)
    assert plan.podpisy.opracowal.osoba == "Organizator Społeczności Lokalnej"
    assert str(plan.podpisy.opracowal.data) == "2024-01-05"
    assert plan.podpisy.zatwierdzil.osoba == "Dyrektor Centrum Usług Społecznych"
    warnings = "\n".join(imported.warnings)
    assert "Wkrótce" in warnings
    assert "Uwagi końcowe" in warnings


def test_cli_reports_what_it_could_not_place(tmp_path: Path) -> None:
    document = _new_document()
    document.add_paragraph("PLAN ORGANIZOWANIA SPOŁECZNOŚCI LOKALNEJ")
    document.add_paragraph("2023 ROK")
    _table(
        document,
        [
            [["ZADANIE"], ["ADRESACI"], ["TERMIN"]],
            [["Spotkania"], ["Mieszkańcy"], ["od marca do czerwca"]],
            [["Zebranie"], [""], ["po wakacjach"]],
        ],
    )
    document.add_paragraph("Załącznik: lista partnerów")
    document.save(tmp_path / "plan.docx")
    result = run_cli("import", "plan.docx", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert "Warning: plan.docx: row 2: term not understood" in result.stderr
    assert "„Załącznik: lista partnerów”" in result.stderr
    assert "Wrote plan.yaml: 2 tasks" in result.stderr
    text = (tmp_path / "plan.yaml").read_text(encoding="utf-8")
    assert "# term in the document: „po wakacjach”" in text
    assert "Załącznik: lista partnerów" in text
    plan = loads(text).plan
    assert plan.zadania[0].termin.text == "od marca do czerwca"
    assert run_cli("validate", "plan.yaml", cwd=tmp_path).exit_code == 0


@pytest.mark.libreoffice
def test_files_saved_by_libreoffice(tmp_path: Path, soffice: str, example_2023: Path) -> None:
    import subprocess

    expected = load(example_2023).plan
    source = seed_like_docx(expected, tmp_path / "source.docx")
    for fmt, folder in (("odt", "odt"), ("docx:MS Word 2007 XML", "back")):
        target = tmp_path / folder
        name = source if fmt == "odt" else tmp_path / "odt" / "source.odt"
        subprocess.run(
            [soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
             "--convert-to", fmt, "--outdir", str(target), str(name)],
            check=True, capture_output=True, timeout=180,
        )  # fmt: skip
    imported = import_file(tmp_path / "back" / "source.docx")
    assert _comparable(imported.plan) == _comparable(expected)
    assert imported.plan.finansowanie == expected.finansowanie


def _rows_plan(tmp_path: Path, rows: list[tuple[str, str]]) -> Any:
    document = _new_document()
    document.add_paragraph("PLAN ORGANIZOWANIA SPOŁECZNOŚCI LOKALNEJ")
    document.add_paragraph("2023 ROK")
    table = [[["ZADANIE"], ["ADRESACI"], ["TERMIN"]]]
    table += [[[text], [""], [term]] for text, term in rows]
    _table(document, table)
    document.save(tmp_path / "rows.docx")
    return import_file(tmp_path / "rows.docx")


@pytest.mark.parametrize(
    "above",
    [
        ("Spotkania z mieszkańcami.", "marzec 2023"),  # the task above ends with a full stop
        ("Spotkania z mieszkańcami", "marzec 2023"),  # the row above has a term, ends a phrase
    ],
)
def test_capitalised_termless_row_after_a_complete_task_is_its_own_task(
    tmp_path: Path, above: tuple[str, str]
) -> None:
    imported = _rows_plan(tmp_path, [above, ("Festyn rodzinny", "")])
    assert [t.zadanie for t in imported.plan.zadania] == [above[0], "Festyn rodzinny"]
    assert imported.plan.zadania[1].termin.text == "cały rok 2023"
    assert ("zadania", 1, "termin") in imported.notes
    assert any("no term" in warning for warning in imported.warnings)


@pytest.mark.parametrize(
    ("rows", "joined"),
    [
        # a connecting word or an abbreviation's dot: the page break cut the sentence
        ([("Warsztaty dla", "marzec 2023"), ("Seniorów z terenu gminy", "")],
         "Warsztaty dla Seniorów z terenu gminy"),
        ([("Impreza plenerowa pn.", "maj 2023"), ("Sobótka w Kluczach", "")],
         "Impreza plenerowa pn. Sobótka w Kluczach"),
        # lower case continues whatever came before
        ([("Festyn rodzinny.", "maj 2023"), ("mający na celu integrację", "")],
         "Festyn rodzinny. mający na celu integrację"),
        # after a continuation row the row above has no term of its own
        ([("Spotkania w", "maj 2023"), ("sołectwach gminy", ""), ("Klucze i Rodaki", "")],
         "Spotkania w sołectwach gminy Klucze i Rodaki"),
    ],
)  # fmt: skip
def test_continuation_rows_are_joined(
    tmp_path: Path, rows: list[tuple[str, str]], joined: str
) -> None:
    imported = _rows_plan(tmp_path, rows)
    assert [t.zadanie for t in imported.plan.zadania] == [joined]
    assert imported.plan.zadania[0].termin.text == rows[0][1]
