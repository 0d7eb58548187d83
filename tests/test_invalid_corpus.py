"""The corpus of invalid plans: each gives exactly its golden messages, exit code 1, no traceback.

A file that is not UTF-8 text cannot be read at all: exit code 2, as the README's table says.

Goldens (``tests/invalid/*.expected``) are rewritten only when OSL_PLAN_UPDATE_GOLDEN=1 is set;
review the diff before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import run_cli

CORPUS = Path(__file__).resolve().parent / "invalid"
CASES = sorted(CORPUS.glob("*.yaml"))
UPDATE = os.environ.get("OSL_PLAN_UPDATE_GOLDEN") == "1"
#: Files that cannot be read as text: exit code 2 („a file that cannot be read”).
UNREADABLE = {"cp1250", "utf16"}


def test_the_corpus_is_large_enough() -> None:
    assert len(CASES) >= 25


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_invalid_plan_gives_its_golden_messages(case: Path) -> None:
    result = run_cli("validate", case.name, cwd=CORPUS, timeout=10)
    assert result.exit_code == (2 if case.stem in UNREADABLE else 1), result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    golden = case.with_suffix(".expected")
    if UPDATE:
        golden.write_text(result.stderr, encoding="utf-8")
    assert golden.exists(), f"no golden for {case.name}; run with OSL_PLAN_UPDATE_GOLDEN=1"
    assert result.stderr == golden.read_text(encoding="utf-8")


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


# Polish goldens (``*.pl.expected``): what a user gets by default, with no language set at all.
POLISH = sorted(c for c in CASES if c.with_suffix(".pl.expected").exists())


@pytest.mark.parametrize("case", POLISH, ids=[c.stem for c in POLISH])
def test_invalid_plan_gives_its_polish_golden_messages(
    case: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("OSL_PLAN_LANG")
    monkeypatch.setenv("LANG", "C")  # no language named: Polish
    result = run_cli("validate", case.name, cwd=CORPUS, timeout=10)
    assert result.exit_code == (2 if case.stem in UNREADABLE else 1), result.stderr
    golden = case.with_suffix(".pl.expected")
    if UPDATE:
        golden.write_text(result.stderr, encoding="utf-8")
    assert result.stderr == golden.read_text(encoding="utf-8")


# Problems whose messages come from the reading of the file and the terms: all in Polish.
READING_CODES = {
    "encoding", "duplicate-key", "yaml-tag", "two-documents", "merge-key", "duplicate-id",
    "invalid-term", "term-after-year", "comment-in-value", "indented-list-item",
}  # fmt: skip


@pytest.mark.parametrize("case", POLISH, ids=[c.stem for c in POLISH])
def test_polish_output_has_no_english_message_of_the_reader(
    case: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

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
    assert checked or case.stem == "term_after_first_quarter"
