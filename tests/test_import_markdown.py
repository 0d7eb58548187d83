"""`osl-plan import plan.md`: Markdown from `render -f md`, or written by hand, gives the plan."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from helpers import comparable, examples, run_cli
from hypothesis import HealthCheck, given, settings
from strategies import plans

from osl_plan.errors import DocxImportError, UnreadableFile
from osl_plan.importer import import_file, import_markdown
from osl_plan.load import load, loads
from osl_plan.model import Plan
from osl_plan.render import RenderOptions, render
from osl_plan.yamlout import dump_plan


def md_comparable(plan: Plan) -> dict[str, Any]:
    """What Markdown carries: no ids, no unit or municipality, marks on one line each; the title
    is set in capitals."""
    data = comparable(plan)
    if data["finansowanie"]:
        data["finansowanie"]["znaki"] = [" ".join(m.split()) for m in data["finansowanie"]["znaki"]]
    for task in data["zadania"]:
        task["id"] = None
    data["tytul"] = data["tytul"].upper()
    data["jednostka"] = data["gmina"] = None
    return data


def _round_trip(plan: Plan, options: RenderOptions | None = None) -> Any:
    return import_markdown(render(plan, "md", options or RenderOptions()), "plan.md")


def test_examples_round_trip_through_markdown(example_2023: Path, example_2022: Path) -> None:
    for path in (example_2023, example_2022):
        plan = load(path).plan
        imported = _round_trip(plan)
        assert md_comparable(imported.plan) == md_comparable(plan)
        assert imported.plan.tytul == plan.tytul
        assert imported.warnings == []
        assert loads(dump_plan(imported.plan, notes=imported.notes)).plan == imported.plan


@pytest.mark.slow
@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans(max_tasks=6))
def test_any_plan_round_trips_through_markdown(plan: Plan) -> None:
    imported = _round_trip(plan)
    assert md_comparable(imported.plan) == md_comparable(plan)
    assert imported.warnings == []


def test_strip_on_top_and_schedule(example_2023: Path) -> None:
    plan = load(example_2023).plan
    options = RenderOptions(strip_position="header", harmonogram=True)
    imported = _round_trip(plan, options)
    assert md_comparable(imported.plan) == md_comparable(plan)
    assert imported.warnings == []


HAND_WRITTEN = """\
Gmina Klucze

# Plan organizowania społeczności lokalnej na rok 2024

Wstęp napisany
w dwóch wierszach.

## Cele

Główny cel: **integracja** mieszkańców.

* spotkania
* festyny

ZADANIE | ADRESACI | TERMIN REALIZACJI
:--- | --- | ---:
Spotkania z mieszkańcami<br>- w sołectwach<br>- w świetlicy | Mieszkańcy<br>Sołtysi | I kwartał 2024
Festyn \\| rodzinny | Rodziny | czerwiec 2024

Opracował: Organizator Społeczności Lokalnej
Data: 05.01.2024
"""


def test_hand_written_gfm(tmp_path: Path) -> None:
    (tmp_path / "plan.md").write_text(HAND_WRITTEN, encoding="utf-8")
    imported = import_file(tmp_path / "plan.md")
    plan = imported.plan
    assert (plan.rok, plan.tytul, plan.gmina) == (
        2024,
        "Plan organizowania społeczności lokalnej",
        "Gmina Klucze",
    )
    assert plan.wstep == "Wstęp napisany w dwóch wierszach."
    assert (
        plan.sekcje[0].tresc == "Główny cel: **integracja** mieszkańców.\n\n- spotkania\n- festyny"
    )
    first, second = plan.zadania
    assert (first.zadanie, first.dzialania) == (
        "Spotkania z mieszkańcami",
        ("w sołectwach", "w świetlicy"),
    )
    assert first.adresaci == ("Mieszkańcy", "Sołtysi")
    assert second.zadanie == "Festyn | rodzinny"
    assert second.termin.text == "czerwiec 2024"
    assert plan.podpisy.opracowal.osoba == "Organizator Społeczności Lokalnej"
    assert str(plan.podpisy.opracowal.data) == "2024-01-05"


def test_markdown_without_a_task_table_or_not_utf8(tmp_path: Path) -> None:
    with pytest.raises(DocxImportError, match="no task table"):
        import_markdown(b"# Plan\n\nTekst.\n", "notes.md")
    with pytest.raises(UnreadableFile, match="not UTF-8"):
        import_markdown("# Plan\n\nżółć\n".encode("cp1250"), "old.md")


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("plan.odt", "soffice --headless --convert-to docx plan.odt"),
        ("plan.doc", "soffice --headless --convert-to docx plan.doc"),
        ("plan.txt", "is a .txt file; import reads .docx (Word) and .md (Markdown)"),
        ("plan.pdf", "is a PDF, which keeps no table to read; import the .docx or .md"),
    ],
)
def test_other_formats_are_refused_with_how_to_convert(
    tmp_path: Path, name: str, words: str
) -> None:
    (tmp_path / name).write_bytes(b"whatever")
    result = run_cli("import", name, cwd=tmp_path)
    assert result.exit_code == 2
    assert words in result.stderr
    assert "Traceback" not in result.stderr
    assert list(tmp_path.glob("*.yaml")) == []


def test_cli_imports_markdown(tmp_path: Path, example_2023: Path) -> None:
    (tmp_path / "plan_2023.md").write_bytes(render(load(example_2023).plan, "md"))
    result = run_cli("import", "plan_2023.md", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert "Wrote plan_2023.yaml: 18 tasks" in result.stderr
    assert run_cli("validate", "plan_2023.yaml", cwd=tmp_path).exit_code == 0
