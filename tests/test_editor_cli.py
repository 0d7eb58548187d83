"""``osl-plan edytor`` as she starts it: the address printed, the page served, Ctrl+C stops it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytest.importorskip(
    "uvicorn", reason="the editor's extra is not installed: pip install -e '.[dev]'"
)

from editor_support import plan_folder
from helpers import run_cli


def _start(folder: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "osl_plan", "edytor", str(folder), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "OSL_PLAN_LANG": "pl", "BROWSER": "true"},
    )


def test_it_prints_the_address_serves_the_folder_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    folder = plan_folder(tmp_path)
    process = _start(folder, "--bez-przegladarki")
    try:
        assert process.stdout is not None
        lines = [process.stdout.readline() for _line in range(2)]
        assert lines[0].startswith("Edytor folderu ")
        address = lines[1].strip()
        assert address.startswith("http://127.0.0.1:") and "/?token=" in address
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
        for _attempt in range(100):  # the server may need a moment to answer
            try:
                page = opener.open(address, timeout=10).read().decode("utf-8")
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise AssertionError("the editor never answered")
        assert 'lang="pl"' in page and "plan_2023.yaml" in page
        without = address.split("?")[0] + "plan/plan_2023.yaml"
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(without, timeout=10)  # no secret, no cookie
        assert refused.value.code == 403
    finally:
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)
    assert process.returncode == 0, err
    assert "Traceback" not in err
    assert "Edytor został zatrzymany." in out
    # Stopped, it lets the folder go: the note of the open editor is gone.
    assert not (folder / ".osl-plan" / "edytor" / "otwarty.json").exists()


def test_a_missing_folder_is_one_message_and_exit_code_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OSL_PLAN_LANG", "pl")
    result = run_cli("edytor", tmp_path / "brak", "--no-browser")  # no server starts: in-process
    assert result.exit_code == 2
    assert result.stderr.strip() == f"Błąd: {tmp_path / 'brak'} nie jest folderem"
    assert result.stdout == ""


def test_a_second_start_on_the_same_folder_gives_the_running_editors_address(
    tmp_path: Path,
) -> None:
    """The shortcut clicked twice: the second start names (and opens) the editor that runs."""
    folder = plan_folder(tmp_path)
    first = _start(folder, "--bez-przegladarki")
    try:
        assert first.stdout is not None
        address = [first.stdout.readline() for _line in range(2)][1].strip()
        second = _start(folder, "--bez-przegladarki")
        out, err = second.communicate(timeout=60)
        assert second.returncode == 0, err
        assert out.splitlines() == [
            f"Edytor folderu {folder.resolve()} już działa pod adresem:",
            f"    {address}",
        ]
    finally:
        first.send_signal(signal.SIGINT)
        first.communicate(timeout=30)
    assert first.returncode == 0
