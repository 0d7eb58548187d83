"""``diff`` text for a person at a terminal: excerpts of long texts, wrapping, colour on a tty."""

from __future__ import annotations

import fcntl
import os
import re
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest
from helpers import EXAMPLES

from osl_plan.diff.compare import diff_loaded
from osl_plan.diff.excerpt import ELLIPSIS, excerpt
from osl_plan.diff.model import Segment
from osl_plan.diff.text_out import format_text
from osl_plan.diff.words import line_diff, word_diff
from osl_plan.load import load

CASES = Path(__file__).resolve().parent / "diff_cases"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _examples() -> object:
    return diff_loaded(load(EXAMPLES / "plan_2022.yaml"), load(EXAMPLES / "plan_2023.yaml"))


def _words(text: str) -> list[str]:
    return ANSI.sub("", text).split()


def test_excerpt_keeps_changed_sentences_and_marks_what_is_left_out() -> None:
    long = "Pierwsze zdanie jest długie i nic się w nim nie zmienia wcale. " * 3
    segments = word_diff(long + "Tu zmiana jest.", long + "Tu nowa zmiana jest.")
    hunks = excerpt(segments)
    assert len(hunks) == 1
    text = "".join(s.text for s in hunks[0])
    assert text.startswith(ELLIPSIS + " ") and text.endswith("Tu nowa zmiana jest.")
    assert text.count("Pierwsze") <= 1
    # Short texts and short gaps are shown whole.
    short = word_diff("Ala ma kota.", "Ala ma psa.")
    assert excerpt(short) == [short]


def test_excerpt_marks_left_out_lines_on_a_line_of_their_own() -> None:
    old = "a zmiana\n" + "\n".join(f"linia numer {i} bez zmian tutaj" for i in range(6)) + "\nb"
    new = old.replace("a zmiana", "a zmiana tu").replace("\nb", "\nb nowa")
    hunks = excerpt(line_diff(old, new))
    assert [s.text for s in hunks[1]] == [ELLIPSIS]
    assert len(hunks) == 3


def test_line_diff_joins_back_to_both_texts() -> None:
    old, new = "A\nB b\nC", "A\nB c\nD\nC"
    segments = line_diff(old, new)
    assert "".join(s.text for s in segments if s.op != "insert") == old
    assert "".join(s.text for s in segments if s.op != "delete") == new
    assert Segment("equal", "\nC") in segments  # the untouched last line stays equal


@pytest.mark.parametrize("color", [False, True])
def test_wrapping_fits_the_width_and_loses_no_word(color: bool) -> None:
    result = _examples()
    whole = format_text(result, color=color)  # type: ignore[arg-type]
    wrapped = format_text(result, color=color, width=60)  # type: ignore[arg-type]
    for line in wrapped.splitlines():
        visible = ANSI.sub("", line)
        assert len(visible) <= 60 or " " not in visible.strip(), visible
    assert _words(wrapped) == _words(whole)
    assert len(wrapped.splitlines()) > len(whole.splitlines())


def test_plan_block_shows_excerpts_not_the_whole_introduction() -> None:
    text = format_text(_examples())  # type: ignore[arg-type]
    plan = text.split("\n\n")[1]
    assert plan.startswith("Plan:\n      wstep: [-Z dniem 1 stycznia 2022 r.")
    assert "\n        … społecznej, budowania szerokiej sieci" in plan
    assert "Taki sposób pracy" not in plan  # an unchanged sentence far from any change


def _on_terminal(args: list[str], env: dict[str, str], columns: int) -> str:
    """Run the CLI with stdout on a pseudo-terminal of ``columns`` columns; what it showed."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
    with subprocess.Popen(
        [sys.executable, "-m", "osl_plan", *args],
        stdout=slave,
        stderr=subprocess.PIPE,
        env=env,
    ) as proc:
        os.close(slave)
        chunks = []
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the terminal closed
                break
            if not chunk:
                break
            chunks.append(chunk)
        proc.wait(timeout=60)
    os.close(master)
    return b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


@pytest.mark.parametrize("no_color", [False, True])
def test_terminal_output_wraps_at_its_width(no_color: bool) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "NO_COLOR")}
    if no_color:
        env["NO_COLOR"] = "1"
    old, new = str(EXAMPLES / "plan_2022.yaml"), str(EXAMPLES / "plan_2023.yaml")
    shown = _on_terminal(["diff", old, new], env, columns=64)
    assert ("\x1b[" in shown) is not no_color
    assert ("[-Z dniem" in shown) is no_color
    lines = [ANSI.sub("", line) for line in shown.splitlines()]
    assert max(len(line) for line in lines if " " in line.strip()) <= 64
    assert len(lines) > 60
