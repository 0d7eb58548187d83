"""Numbers and options: one number reader with a stated bound, options checked before work,
and what the user typed escaped in every message."""

from __future__ import annotations

from pathlib import Path

import pytest
from builders import PLAN, clean, run

DAY_PLAN = PLAN.replace("marzec 2023", "12.03.2023")
EVENTS = """    realizacja:
      status: zrealizowane
      wydarzenia:
        - data: 12.03.2023
          uczestnicy: {first}
        - data: 14.03.2023
          uczestnicy: {second}
"""
OSC = "\x1b]0;PWNED\x07"
CSI = "\x1b[31;1m"


def _plan(folder: Path, first: str, second: str = "3") -> Path:
    plan = folder / "plan.yaml"
    plan.write_text(DAY_PLAN + EVENTS.format(first=first, second=second), encoding="utf-8")
    return plan


COUNTS = {
    "10**400": (str(10**400), "is more than 100,000 participants of one event"),
    "5000-digits": ("9" * 5000, "is more than 100,000 participants of one event"),
    "5000-digits-quoted": ('"' + "9" * 5000 + '"', "is more than 100,000 participants"),
    "superscript-two": ("²", "„²” is not a number of participants"),
    "arabic-indic-three": ('"٣"', "„٣” is not a number of participants"),
    "fullwidth-digits": ('"２５"', "„２５” is not a number of participants"),
    "one-over-the-bound": ("100001", "is more than 100,000 participants of one event"),
    "negative": ("-5", "„-5” is not a number of participants"),
}


@pytest.mark.parametrize("command", ["validate", "report-docx", "report-md"])
@pytest.mark.parametrize("case", sorted(COUNTS))
def test_a_count_out_of_bounds_is_a_located_message(
    tmp_path: Path, case: str, command: str
) -> None:
    value, expected = COUNTS[case]
    plan = _plan(tmp_path, value, value if command == "report-md" else "3")
    args = {
        "validate": ("validate", plan),
        "report-docx": ("report", plan, "-f", "docx", "-o", tmp_path / "r.docx"),
        "report-md": ("report", plan, "-f", "md", "-o", tmp_path / "r.md"),
    }[command]
    result = run(*args, cwd=tmp_path)
    clean(result, "plan.yaml:9:23:", "uczestnicy", expected, codes=(1,))
    for english in ("Exceeds the limit", "invalid literal", "int()", "float"):
        assert english not in result.stderr + result.stdout
    assert not list(tmp_path.glob("r.*"))


def test_the_bound_itself_is_a_count(tmp_path: Path) -> None:
    plan = _plan(tmp_path, "100000", '"100"')
    out = tmp_path / "r.md"
    result = run("report", plan, "-f", "md", "-o", out, cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert "| 100100 |" in text.replace("\u00a0", "").replace(",", "")  # summed exactly


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    path = tmp_path / "plan.yaml"
    path.write_text(DAY_PLAN, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("²", "--zadanie „²”: no task has this id"),
        ("٣", "--zadanie „٣”: no task has this id"),
        ("0", "--zadanie 0: the plan has tasks 1 to 1"),
        ("9" * 5000, "the plan has tasks 1 to 1"),
    ],
    ids=["superscript", "arabic-indic", "zero", "5000-digits"],
)
def test_a_task_number_is_ascii_digits_in_range(
    plan: Path, tmp_path: Path, value: str, expected: str
) -> None:
    result = run("lista", plan, "--zadanie", value, "-o", tmp_path / "l.docx", cwd=tmp_path)
    clean(result, expected, codes=(2,))
    assert len(result.stderr) < 400


@pytest.mark.parametrize("fmt", ["md", "pdf", "docx"])
@pytest.mark.parametrize("command", ["render", "report"])
def test_negative_jobs_are_refused(plan: Path, tmp_path: Path, fmt: str, command: str) -> None:
    result = run(
        command, plan, "-f", fmt, "--jobs", "-1", "-o", tmp_path / f"x.{fmt}", cwd=tmp_path
    )
    clean(result, "-1 is negative — give 0 (all cores) or more", codes=(2,))
    assert not list(tmp_path.glob("x.*"))


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "1.01.2021", "01.01.2025"])
def test_a_day_far_from_the_plan_year_is_refused(plan: Path, tmp_path: Path, day: str) -> None:
    result = run("lista", plan, "-z", "1", "--data", day, "-o", tmp_path / "l.docx", cwd=tmp_path)
    clean(result, f"--data {day}: the plan is for 2023 — give a day of 2022–2024", codes=(2,))


@pytest.mark.parametrize("day", ["31.12.2022", "2024-01-10"])
def test_a_day_of_a_neighbouring_year_is_accepted(plan: Path, tmp_path: Path, day: str) -> None:
    result = run("lista", plan, "-z", "1", "--data", day, "-o", tmp_path / "l.docx", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr


OPTIONS = {
    "data": ("lista", "{plan}", "-z", "1", "--data", "{value}", "-o", "{out}"),
    "zadanie": ("lista", "{plan}", "-z", "{value}", "-o", "{out}"),
    "miesiac": ("lista", "{plan}", "-m", "{value}", "-o", "{out}"),
    "status-na": ("status", "{plan}", "--na", "{value}"),
}


@pytest.mark.parametrize("sequence", [OSC, CSI], ids=["osc-title", "csi-colour"])
@pytest.mark.parametrize("option", sorted(OPTIONS))
def test_escape_sequences_in_options_are_shown_escaped(
    plan: Path, tmp_path: Path, option: str, sequence: str
) -> None:
    value = f"2023{sequence}"
    args = [a.format(plan=plan, value=value, out=tmp_path / "l.docx") for a in OPTIONS[option]]
    result = run(*args, cwd=tmp_path)
    clean(result, "\\x1b", codes=(2,))
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert len(result.stderr.splitlines()) <= 3


def test_a_right_to_left_override_in_a_task_is_not_printed_raw(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN.replace("Spotkania", "Spotkania \u202eanisek"), encoding="utf-8")
    result = run("status", plan, "--na", "2023-06", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert "\u202e" not in result.stdout
    assert "Spotkania \\u202eanisek" in result.stdout


def _many_tasks(folder: Path, count: int) -> Path:
    tasks = "".join(
        f"  - zadanie: Zadanie {n}\n    termin: marzec 2023\n" for n in range(1, count + 1)
    )
    plan = folder / "plan.yaml"
    plan.write_text("rok: 2023\nzadania:\n" + tasks, encoding="utf-8")
    return plan


@pytest.mark.parametrize(
    ("tasks", "rows", "expected"),
    [
        (
            3000,
            "1000",
            "3000 lists of these rows have 3,000,000 rows; one run makes at most 100,000",
        ),
        (101, "1000", "101 lists of these rows have 101,000 rows"),
    ],
    ids=["3000-tasks", "one-list-too-many"],
)
def test_lists_of_a_month_are_bounded_in_rows(
    tmp_path: Path, tasks: int, rows: str, expected: str
) -> None:
    plan = _many_tasks(tmp_path, tasks)
    out = tmp_path / "l.docx"
    result = run("lista", plan, "-m", "2023-03", "--wiersze", rows, "-o", out, cwd=tmp_path)
    clean(result, expected, "--wiersze", codes=(2,))
    assert not out.exists()


@pytest.mark.slow
def test_the_row_bound_itself_is_made(tmp_path: Path) -> None:
    plan = _many_tasks(tmp_path, 100)
    out = tmp_path / "l.docx"
    result = run("lista", plan, "-m", "2023-03", "--wiersze", "1000", "-o", out, cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    import docx

    document = docx.Document(str(out))
    numbered = [t.rows[-1].cells[0].text for t in document.tables if t.rows]
    assert numbered.count("1000.") == 100  # every list ends at its row 1000


@pytest.mark.parametrize("rows", ["1001", "0", "-1", "²"])
def test_rows_per_list_are_bounded(plan: Path, tmp_path: Path, rows: str) -> None:
    result = run(
        "lista", plan, "-z", "1", "--wiersze", rows, "-o", tmp_path / "l.docx", cwd=tmp_path
    )
    clean(result, "--wiersze", codes=(2,))
