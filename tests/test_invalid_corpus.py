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
