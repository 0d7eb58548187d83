"""Clean-up after a stopped conversion, and file names that are not UTF-8."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from builders import HANG_SECONDS, PLAN, run
from conftest import limits

DAY_PLAN = PLAN.replace("marzec 2023", "12.03.2023")
COMMANDS = {
    "render": ("render", "{plan}", "-f", "pdf", "-o", "{out}"),
    "report": ("report", "{plan}", "-f", "pdf", "-o", "{out}"),
    "lista": ("lista", "{plan}", "-z", "1", "-f", "pdf", "-o", "{out}"),
}


@pytest.mark.libreoffice
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["sigint", "sigterm"])
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_stopped_conversion_leaves_no_libreoffice_files(
    tmp_path: Path, soffice: str, command: str, signum: int
) -> None:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    plan = tmp_path / "plan.yaml"
    plan.write_text(DAY_PLAN, encoding="utf-8")
    args = [a.format(plan=plan, out=tmp_path / "wynik.pdf") for a in COMMANDS[command]]
    process = subprocess.Popen(
        [sys.executable, "-m", "osl_plan", *args],
        cwd=tmp_path, env={**os.environ, "TMPDIR": str(scratch)},
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        preexec_fn=limits(cpu=30),  # noqa: PLW1509  # as run_cli: the tests start no threads
    )  # fmt: skip
    deadline = time.monotonic() + HANG_SECONDS
    while not list(scratch.rglob("lu*")) and process.poll() is None:
        assert time.monotonic() < deadline, "LibreOffice made no temporary file"
        time.sleep(0.05)
    process.send_signal(signum)
    _, err = process.communicate(timeout=HANG_SECONDS)
    assert process.returncode in (0, 130, -signum), err  # done before the signal, or stopped
    assert b"Traceback" not in err
    assert list(scratch.iterdir()) == []  # LibreOffice's own lu*.tmp too
    if process.returncode != 0:
        assert not (tmp_path / "wynik.pdf").exists()


def _latin2(folder: Path, stem: str, suffix: str) -> Path:
    """``stem`` + „ł” in ISO-8859-2 (byte 0xB3, not UTF-8) + ``suffix``."""
    return Path(os.fsdecode(os.fsencode(folder / stem) + b"\xb3" + suffix.encode()))


WRITERS = {
    "render": ("render", "{plan}", "-f", "md", "-o", "{out}"),
    "report": ("report", "{plan}", "-f", "md", "-o", "{out}"),
    "lista": ("lista", "{plan}", "-z", "1", "-o", "{out}"),
    "new": ("new", "2024", "--from", "{plan}", "-o", "{out}"),
    "diff": ("diff", "{plan}", "{plan}", "-f", "md", "-o", "{out}"),
    "import": ("import", "{markdown}", "-o", "{out}"),
}


@pytest.mark.parametrize("polish", [False, True], ids=["en", "pl"])
@pytest.mark.parametrize("command", sorted(WRITERS))
def test_the_wrote_line_shows_a_non_utf8_name_as_its_byte(
    tmp_path: Path, command: str, polish: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    if polish:
        monkeypatch.setenv("OSL_PLAN_LANG", "pl")
    plan = tmp_path / "plan.yaml"
    plan.write_text(DAY_PLAN, encoding="utf-8")
    markdown = tmp_path / "plan.md"
    assert run("render", plan, "-f", "md", "-o", markdown, cwd=tmp_path).exit_code == 0
    out = _latin2(tmp_path, "wynik_", ".yaml" if command in ("new", "import") else ".out")
    args = [a.format(plan=plan, out=out, markdown=markdown) for a in WRITERS[command]]
    result = run(*args, cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert out.exists()
    assert "wynik_\\xb3." in result.stderr, result.stderr  # as the README promises
    assert "\\udcb3" not in result.stderr and "\ufffd" not in result.stderr
