"""A terminal (or a redirected output) that is not UTF-8: text degrades, never crashes.

ISO-8859-2 is a Polish legacy terminal; cp1250 is what Windows uses for output redirected to a
file, and it lacks „→”. Standard output here is always a pipe, as in a redirection.

The terminal's encoding reaches osl-plan through ``$PYTHONIOENCODING``, which the interpreter
reads when it starts. A real ``python -m osl_plan`` shows that for standard output and standard
error in both encodings; the other cases run as capped commands, forked with the streams a new
interpreter would make of the variable (tests/command_server.py), and
``tests/test_command_server.py`` checks that a forked command writes the same bytes as a real one.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from builders import CPU_SECONDS, HANG_SECONDS, PLAN
from helpers import run_cli

EXAMPLES = Path(__file__).parent.parent.parent / "examples"
INVALID = Path(__file__).parent.parent / "invalid"
ENCODINGS = ["iso-8859-2", "cp1250"]


def _run(
    encoding: str, *args: str | Path, cwd: Path, real: bool = False
) -> tuple[int, bytes, bytes]:
    """``osl-plan *args`` with the terminal's ``encoding``, capped; ``real``: a new interpreter."""
    with pytest.MonkeyPatch.context() as env:
        env.setenv("PYTHONIOENCODING", encoding)
        env.setenv("OSL_PLAN_LANG", "pl")
        done = run_cli(
            *args, cwd=cwd, timeout=HANG_SECONDS, memory_limit=1024**3, cpu_limit=CPU_SECONDS,
            subprocess=real,
        )  # fmt: skip
    assert b"Traceback" not in done.stderr_bytes and b"UnicodeEncodeError" not in done.stderr_bytes
    return done.exit_code, done.stdout_bytes, done.stderr_bytes


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    path = tmp_path / "plan.yaml"
    path.write_text(PLAN, encoding="utf-8")
    return path


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_status_is_printed_in_the_terminals_encoding(
    plan: Path, tmp_path: Path, encoding: str
) -> None:
    code, out, _ = _run(encoding, "status", plan, "--na", "2023-05", cwd=tmp_path, real=True)
    assert code == 0
    text = out.decode(encoding)  # every byte is of the terminal's encoding
    assert "1 zadanie zaległe" in text  # Polish letters both encodings have
    assert "plan.yaml - maj 2023" in text or "plan.yaml – maj 2023" in text


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("command", ["lista", "report", "render", "status", "diff"])
def test_help_is_printed(tmp_path: Path, encoding: str, command: str) -> None:
    code, out, _ = _run(encoding, command, "--help", cwd=tmp_path)
    assert code == 0
    assert "Użycie: osl-plan" in out.decode(encoding)


def test_an_arrow_cp1250_lacks_becomes_ascii(tmp_path: Path) -> None:
    code, out, _ = _run(
        "cp1250", "diff", EXAMPLES / "plan_2022.yaml", EXAMPLES / "plan_2023.yaml", cwd=tmp_path
    )
    text = out.decode("cp1250")
    assert code == 0
    assert "[4 -> 1]" in text and "→" not in text


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_messages_on_stderr_degrade(tmp_path: Path, encoding: str) -> None:
    code, _, err = _run(encoding, "validate", INVALID / "utf16.yaml", cwd=tmp_path, real=True)
    assert code == 2
    text = err.decode(encoding)
    assert "UTF-16" in text and "UTF-8" in text
    assert "„" not in text or encoding == "cp1250"


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize(
    "args", [("schema",), ("status", "{plan}", "-f", "json"), ("validate", "{plan}", "-f", "json")]
)
def test_json_on_stdout_stays_utf8(
    plan: Path, tmp_path: Path, encoding: str, args: tuple[str, ...]
) -> None:
    code, out, _ = _run(encoding, *[a.format(plan=plan) for a in args], cwd=tmp_path)
    assert code in (0, 1)
    json.loads(out.decode("utf-8"))  # a program reads JSON: UTF-8, never degraded


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_files_are_utf8_whatever_the_terminal(plan: Path, tmp_path: Path, encoding: str) -> None:
    out = tmp_path / "plan.md"
    code, _, _ = _run(encoding, "render", plan, "-f", "md", "-o", out, cwd=tmp_path)
    assert code == 0
    assert "mieszkańcami" in out.read_text(encoding="utf-8")
