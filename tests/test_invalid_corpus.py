"""The corpus of invalid plans: each gives exactly its golden messages, exit code 1, no traceback.

A file that is not UTF-8 text cannot be read at all: exit code 2, as the README's table says.

Each case has three goldens: ``<case>.expected`` (the English messages), ``<case>.pl.expected``
(the Polish ones, what users get by default) and ``<case>.codes`` (each problem's position, field
and stable code, from the JSON report). They are rewritten only when OSL_PLAN_UPDATE_GOLDEN=1 is
set; review the diff before committing it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import run_cli, update_golden

from osl_plan.codes import CODES

CORPUS = Path(__file__).resolve().parent / "invalid"
CASES = sorted(CORPUS.glob("*.yaml"))
UPDATE = update_golden()
#: Files that cannot be read as text: exit code 2 („a file that cannot be read”).
UNREADABLE = {"cp1250", "utf16"}


def _exit_code(case: Path) -> int:
    return 2 if case.stem in UNREADABLE else 1


def test_the_corpus_is_large_enough() -> None:
    assert len(CASES) >= 25


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_invalid_plan_gives_its_golden_messages(case: Path) -> None:
    result = run_cli("validate", case.name, cwd=CORPUS, timeout=60)
    assert result.exit_code == _exit_code(case), result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    golden = case.with_suffix(".expected")
    if UPDATE:
        golden.write_text(result.stderr, encoding="utf-8")
    assert golden.exists(), f"no golden for {case.name}; run with OSL_PLAN_UPDATE_GOLDEN=1"
    assert result.stderr == golden.read_text(encoding="utf-8")


def _check_golden(golden: Path, actual: str) -> None:
    if UPDATE:
        golden.write_text(actual, encoding="utf-8")
    assert golden.exists(), f"no golden {golden.name}; run with OSL_PLAN_UPDATE_GOLDEN=1"
    assert actual == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_invalid_plan_gives_its_golden_messages_in_polish(
    case: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # What a user gets with no language chosen at all (as on a CI runner: LANG=C).
    for variable in ("OSL_PLAN_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "C")
    result = run_cli("validate", case.name, cwd=CORPUS, timeout=60)
    assert result.exit_code == _exit_code(case), result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    _check_golden(case.with_suffix(".pl.expected"), result.stderr)
    *_, summary = result.stderr.splitlines()
    assert summary.endswith(("problem", "problemy", "problemów")), summary


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_every_problem_has_a_registered_code(case: Path) -> None:
    result = run_cli("validate", "--format", "json", case.name, cwd=CORPUS, timeout=60)
    assert result.exit_code == _exit_code(case), result.stderr
    [report] = json.loads(result.stdout)["files"]
    lines = []
    for problem in report["problems"]:
        assert problem["code"] in CODES, f"{problem['code']!r} is not in osl_plan/codes.py"
        where = f"{problem['line']}:{problem['column']}" if problem["line"] else "-"
        lines.append(f"{where} {problem['field'] or '-'} {problem['code']}\n")
    assert lines
    _check_golden(case.with_suffix(".codes"), "".join(lines))


def test_every_registered_code_is_kebab_case_and_described() -> None:
    for code, description in CODES.items():
        assert code == code.lower() and " " not in code and "_" not in code, code
        assert description.endswith("."), code


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_every_message_line_is_located_and_says_how_to_fix_it(case: Path) -> None:
    lines = case.with_suffix(".expected").read_text(encoding="utf-8").splitlines()
    *messages, summary = lines
    assert summary.startswith(f"{case.name}: ") and summary.endswith(("problem", "problems"))
    assert messages
    for line in messages:
        assert line.startswith(f"{case.name}:")
        assert " — " in line, f"no fix given: {line}"
    if case.stem not in {"empty", "only_comments"}:
        # file:line:column for everything but a file with nothing in it
        assert all(line.split(":")[1].isdigit() for line in messages), messages


# Problems whose messages come from the reading of the file and the terms: all in Polish.
READING_CODES = {
    "encoding", "duplicate-key", "yaml-unsupported", "duplicate-id", "invalid-term",
}  # fmt: skip
READING_CASES = [
    CORPUS / f"{name}.yaml"
    for name in (
        "cp1250", "tag_python_object", "two_documents", "every_problem_duplicate_key",
        "every_problem_rok_not_a_number", "term_vague_parts_of_year", "term_misspelt_month",
    )
]  # fmt: skip


@pytest.mark.parametrize("case", READING_CASES, ids=[c.stem for c in READING_CASES])
def test_polish_output_has_no_english_message_of_the_reader(
    case: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    english = json.loads(run_cli("validate", "-f", "json", case.name, cwd=CORPUS).stdout)
    monkeypatch.delenv("OSL_PLAN_LANG")
    monkeypatch.setenv("LANG", "C")
    polish = json.loads(run_cli("validate", "-f", "json", case.name, cwd=CORPUS).stdout)
    pairs = zip(english["files"][0]["problems"], polish["files"][0]["problems"], strict=True)
    checked = 0
    for en, pl in pairs:
        assert en["code"] == pl["code"]
        if en["code"] in READING_CODES:
            assert en["message"] != pl["message"] and en["hint"] != pl["hint"], pl
            checked += 1
    assert checked
