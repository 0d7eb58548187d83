"""Terms and text as people really write them: several ranges in one term, decomposed letters,
a year moved by ``new``, a term just after the year; each through validate, render, diff, new and
import."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from helpers import run_cli

from osl_plan.errors import OslPlanError
from osl_plan.load import load, loads
from osl_plan.render.schedule import schedule
from osl_plan.terms import Month

SCHOOL_YEAR = """\
rok: 2025
jednostka: Centrum Usług Społecznych w Kluczach
wstep: |
  Plan na 2025 rok opracowano na podstawie diagnozy potrzeb z 2024 roku.
zadania:
  - id: swietlica
    zadanie: Zajęcia w świetlicy środowiskowej w Kluczach
    adresaci: Dzieci i młodzież szkolna
    termin: styczeń – czerwiec 2025, wrzesień – grudzień 2025
  - id: rada
    zadanie: Spotkania Rady Społecznej
    termin: II, IV kwartał 2025
  - id: sprawozdanie
    zadanie: Sprawozdanie z realizacji planu
    termin: styczeń 2026
"""


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_several_ranges_validate_and_print_normalised(tmp_path: Path) -> None:
    plan = _write(tmp_path, "plan_2025.yaml", SCHOOL_YEAR)
    result = run_cli("validate", plan)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"{plan}: valid (3 tasks)\n"
    assert "term-after-year" not in result.stderr and "styczeń 2026" in result.stderr
    out = tmp_path / "plan.md"
    assert run_cli("render", plan, "-f", "md", "-o", out).exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert "Styczeń – czerwiec 2025, wrzesień – grudzień 2025" in text.replace("\u00a0", " ")
    assert "Kwiecień – czerwiec 2025, październik – grudzień 2025" in text.replace("\u00a0", " ")


def test_the_schedule_shades_every_range_and_nothing_between() -> None:
    grid = schedule(loads(SCHOOL_YEAR).plan)
    by_month = dict(zip(grid.months, zip(*grid.rows, strict=True), strict=True))
    school, council, report = zip(*(by_month[Month(2025, m)] for m in range(1, 13)), strict=True)
    assert school == (True,) * 6 + (False,) * 2 + (True,) * 4
    assert council == (False,) * 3 + (True,) * 3 + (False,) * 3 + (True,) * 3
    assert not any(report)  # January 2026: a column of its own after December
    assert by_month[Month(2026, 1)] == (False, False, True)


def test_the_schedule_annex_in_html_shades_per_range(tmp_path: Path) -> None:
    plan = _write(tmp_path, "plan_2025.yaml", SCHOOL_YEAR)
    out = tmp_path / "plan.html"
    result = run_cli("render", plan, "-f", "html", "--harmonogram", "-o", out)
    assert result.exit_code == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    table = page[page.index('<table class="schedule">') :]
    rows = table.split("<tr")[2:5]
    marks = [row.count("■") or row.count('class="on"') for row in rows]
    assert marks[0] == 10 and marks[1] == 6 and marks[2] == 1, marks


def test_diff_compares_terms_as_sets_of_months(tmp_path: Path) -> None:
    old = _write(tmp_path, "old.yaml", SCHOOL_YEAR)
    same = SCHOOL_YEAR.replace(
        "styczeń – czerwiec 2025, wrzesień – grudzień 2025",
        "styczeń-marzec, kwiecień-czerwiec, wrzesień-grudzień 2025",
    ).replace("II, IV kwartał 2025", "II kwartał 2025, październik – grudzień 2025")
    result = run_cli("diff", old, _write(tmp_path, "same.yaml", same), "--exit-code")
    assert result.exit_code == 0, result.stdout
    shorter = SCHOOL_YEAR.replace("II, IV kwartał 2025", "II kwartał 2025")
    result = run_cli("diff", old, _write(tmp_path, "new.yaml", shorter), "-f", "json")
    [change] = json.loads(result.stdout)["changed"]
    [field] = change["fields"]
    assert field["field"] == "termin"
    assert (
        field["note"]
        == "shortened: kwiecień – czerwiec, październik – grudzień → kwiecień – czerwiec"
    )


def test_new_moves_every_range_and_diff_then_sees_no_change(tmp_path: Path) -> None:
    old = _write(tmp_path, "plan_2025.yaml", SCHOOL_YEAR)
    draft = tmp_path / "plan_2026.yaml"
    result = run_cli("new", "2026", "--from", old, "-o", draft)
    assert result.exit_code == 0, result.stderr
    text = draft.read_text(encoding="utf-8")
    assert "termin: styczeń – czerwiec 2026, wrzesień – grudzień 2026" in text
    assert "termin: II, IV kwartał 2026" in text
    # the introduction's „2025 rok” moved, „2024 roku” (not a year of the plan) stayed
    assert "Plan na 2026 rok opracowano na podstawie diagnozy potrzeb z 2024 roku." in text
    result = run_cli("diff", old, draft, "--exit-code")
    assert result.exit_code == 0, result.stdout
    assert "wstep" not in result.stdout


def test_import_keeps_several_ranges(tmp_path: Path) -> None:
    plan = _write(tmp_path, "plan_2025.yaml", SCHOOL_YEAR)
    docx = tmp_path / "plan_2025.docx"
    assert run_cli("render", plan, "-f", "docx", "-o", docx).exit_code == 0
    back = tmp_path / "back.yaml"
    result = run_cli("import", docx, "-o", back)
    assert result.exit_code == 0, result.stderr
    original, imported = load(plan).plan, load(back).plan
    for before, after in zip(original.zadania, imported.zadania, strict=True):
        assert after.termin.ranges == before.termin.ranges
    assert "cały rok" not in back.read_text(encoding="utf-8")


# --- decomposed letters (NFD), as some macOS editors save them ---------------------------------


def test_decomposed_letters_are_read_as_composed(tmp_path: Path, example_2023: Path) -> None:
    text = example_2023.read_text(encoding="utf-8")
    nfd = _write(tmp_path, "plan_2023.yaml", unicodedata.normalize("NFD", text))
    assert nfd.read_text(encoding="utf-8") != text
    plan = load(nfd).plan
    assert plan == load(example_2023).plan
    assert plan.jednostka == "Centrum Usług Społecznych w Kluczach"
    result = run_cli("diff", example_2023, nfd, "--exit-code")
    assert result.exit_code == 0, result.stdout
    assert "0 changed" in result.stdout


def test_decomposed_letters_never_reach_the_document(tmp_path: Path, example_2023: Path) -> None:
    from docx import Document

    text = unicodedata.normalize("NFD", example_2023.read_text(encoding="utf-8"))
    nfd = _write(tmp_path, "plan_2023.yaml", text)
    out = tmp_path / "plan.docx"
    assert run_cli("render", nfd, "-o", out).exit_code == 0
    document = Document(str(out))
    words = [p.text for p in document.paragraphs] + [
        cell.text for table in document.tables for row in table.rows for cell in row.cells
    ]
    combining = sum(1 for w in words for c in w if unicodedata.combining(c))
    assert combining == 0
    assert any("Społecznych" in w for w in words)


def test_decomposed_keys_are_keys(tmp_path: Path) -> None:
    text = "rok: 2025\nzadania:\n  - zadanie: Festyn\n    termin: maj 2025\n"
    keyed = unicodedata.normalize("NFD", "tytuł: Plan\n") + text
    result = run_cli("validate", _write(tmp_path, "plan.yaml", keyed))
    assert result.exit_code == 1
    assert "unknown key „tytuł” — did you mean „tytul”?" in result.stderr


# --- exit codes as the README's table says ------------------------------------------------------


def test_a_windows_1250_file_cannot_be_read_exit_2(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_bytes("rok: 2025\nzadania:\n  - zadanie: Spotkanie z sołtysami\n".encode("cp1250"))
    for command in (["validate"], ["render", "-f", "md", "-o", str(tmp_path / "x.md")]):
        result = run_cli(*command, plan)
        assert result.exit_code == 2, result.stderr
        assert "Windows-1250" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "x.md").exists()
    result = run_cli("validate", "-f", "json", plan)
    assert json.loads(result.stdout)["files"][0]["problems"][0]["code"] == "encoding"


def test_the_docx_schedule_marks_every_range(tmp_path: Path) -> None:
    from docx import Document

    plan = _write(tmp_path, "plan_2025.yaml", SCHOOL_YEAR)
    out = tmp_path / "plan.docx"
    assert run_cli("render", plan, "--harmonogram", "-o", out).exit_code == 0
    grid = Document(str(out)).tables[-1]
    marks = ["".join("X" if c.text == "X" else "." for c in row.cells[1:]) for row in grid.rows[1:]]
    assert marks == ["XXXXXX..XXXX.", "...XXX...XXX.", "............X"]


def test_attendance_lists_of_a_month_take_every_range() -> None:
    from osl_plan.errors import UsageError
    from osl_plan.lista.sheets import _month_sheets

    plan = loads(SCHOOL_YEAR).plan
    may = [sheet.task.id for sheet in _month_sheets(plan, "2025-05", None, None)]
    assert may == ["swietlica", "rada"]
    october = [sheet.task.id for sheet in _month_sheets(plan, "2025-10", None, None)]
    assert october == ["swietlica", "rada"]
    with pytest.raises(UsageError, match="no task of the plan runs in lipiec 2025"):
        _month_sheets(plan, "2025-07", None, None)  # the school task pauses in summer


@pytest.mark.parametrize("newline", ["\r", "\r\n", "\u2028"], ids=["mac", "windows", "unicode"])
def test_lines_ended_the_way_yaml_reads_them_keep_the_warnings_lines(newline: str) -> None:
    """A lone CR (old Mac files) or a Unicode line separator ends a line for YAML, not for
    ``str.split``: the warnings name the line YAML read, and nothing fails on the way."""
    lines = [
        "rok: 2023",
        "zadania:",
        "  - zadanie: Akcja #razem",
        "    termin: marzec 2023",
        "    adresaci: Seniorzy",
        "      - Dzieci",
    ]
    loaded = loads(newline.join(lines).encode(), "plan.yaml")
    found = {(p.code, p.line) for p in loaded.warnings}
    assert found == {("comment-in-value", 3), ("indented-list-item", 6)}
    # What a fuzzed file found: a plain value folded over a lone CR at the end of the file.
    with pytest.raises(OslPlanError):
        loads(b"\xef\xbb\xbfrok: 2023\nzadania:\n  \r zadanie: A\n  [B, C]\n  \t  t", "x.yaml")
