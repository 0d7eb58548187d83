"""The editor's LibreOffice: started on the first PDF, kept for the next ones, replaced when it
dies, and gone when the editor stops — by Ctrl+C, and also when the editor itself is killed.

The processes are found by their command line: the editor's LibreOffice listens on a pipe named
``osl-plan-<the editor's process id>-…``, so other LibreOffice processes on the machine (other
tests, the user's own) are never counted or touched.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest
from editor_support import client, plan_folder
from helpers import pdf_info, pdf_text, soffice_or_skip

from osl_plan.render.lo_warm import uno_python

URL = "/plan/plan_2023.yaml"
TITLE = "PLAN ORGANIZOWANIA SPOŁECZNOŚCI LOKALNEJ"
WAIT = 30.0  # seconds a process may take to go

pytestmark = pytest.mark.libreoffice


def _warm_or_skip() -> None:
    soffice = soffice_or_skip()
    if uno_python(soffice) is None:
        missing = "no Python with UNO for LibreOffice (Debian: apt-get install python3-uno)"
        if os.environ.get("OSL_PLAN_REQUIRE_LIBREOFFICE"):  # CI installs it: fail, not skip
            pytest.fail(missing)
        pytest.skip(missing)


def offices(editor_pid: int) -> set[int]:
    """The processes of the LibreOffice an editor (by its process id) started."""
    mark = f"osl-plan-{editor_pid}-".encode()
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes()
        except OSError:
            continue  # gone meanwhile
        if mark in command and b"--accept=pipe" in command:
            found.add(int(entry.name))
    return found


def until(check: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    raise AssertionError(f"waited {WAIT} s for {what}")


def _pdf(answer: object, tmp_path: Path, name: str) -> str:
    content = answer.content  # type: ignore[attr-defined]
    assert answer.status_code == 200 and content.startswith(b"%PDF")  # type: ignore[attr-defined]
    (tmp_path / name).write_bytes(content)
    return pdf_text(tmp_path / name)


def test_two_downloads_reuse_one_libreoffice_and_a_killed_one_is_replaced(
    tmp_path: Path,
) -> None:
    _warm_or_skip()
    signed_in = client(plan_folder(tmp_path))
    office = signed_in.app.state.office
    assert offices(os.getpid()) == set()  # nothing until the first download
    try:
        assert TITLE in _pdf(signed_in.get(URL + "/pobierz/pdf"), tmp_path, "1.pdf")
        first, running = office.pid, offices(os.getpid())
        assert first is not None and first in running
        assert "Kampania medialna" in _pdf(signed_in.get(URL + "/pobierz/pdf"), tmp_path, "2.pdf")
        assert office.pid == first and offices(os.getpid()) == running  # the same LibreOffice
        assert pdf_info(tmp_path / "2.pdf")["Tagged"] == "yes"  # the filter of render -f pdf

        [crashing] = [p for p in running if Path(f"/proc/{p}/exe").resolve().name == "soffice.bin"]
        os.kill(crashing, signal.SIGKILL)  # LibreOffice crashes; its launcher notices afterwards
        assert TITLE in _pdf(signed_in.get(URL + "/pobierz/pdf"), tmp_path, "3.pdf")
        assert office.pid not in {None, first}  # a new LibreOffice took its place
        assert offices(os.getpid()).isdisjoint(running)
        odt = signed_in.get(URL + "/pobierz/odt")
        assert odt.status_code == 200 and odt.content.startswith(b"PK")
    finally:
        office.close()
    until(lambda: offices(os.getpid()) == set(), "LibreOffice to stop with the editor")


def _editor(folder: Path) -> tuple[subprocess.Popen[str], urllib.request.OpenerDirector, str]:
    """``osl-plan edytor`` as she starts it, signed in; its base address."""
    process = subprocess.Popen(
        [sys.executable, "-m", "osl_plan", "edytor", str(folder), "--bez-przegladarki"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "OSL_PLAN_LANG": "pl", "BROWSER": "true"},
    )
    assert process.stdout is not None
    address = [process.stdout.readline() for _line in range(2)][1].strip()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
    for _attempt in range(100):  # the server may need a moment to answer
        try:
            opener.open(address, timeout=10).read()
            break
        except OSError:
            time.sleep(0.1)
    return process, opener, address.split("/?")[0]


@pytest.mark.slow
@pytest.mark.parametrize("stop", ["ctrl-c", "killed"])
def test_no_libreoffice_outlives_the_editor(tmp_path: Path, stop: str) -> None:
    _warm_or_skip()
    process, opener, base = _editor(plan_folder(tmp_path))
    try:
        pdf = opener.open(base + URL + "/pobierz/pdf", timeout=120).read()
        assert pdf.startswith(b"%PDF")
        assert offices(process.pid)  # the editor's LibreOffice runs, for the next download
        pipes = _pipes_of_editor(process.pid)
        assert all(pipe.is_socket() for pipe in pipes), pipes
        if stop == "ctrl-c":
            process.send_signal(signal.SIGINT)
            _out, err = process.communicate(timeout=60)
            assert process.returncode == 0 and "Traceback" not in err
        else:  # nothing of the editor runs its clean-up: the bridge sees its input end
            process.kill()
            process.communicate(timeout=60)
        until(lambda: offices(process.pid) == set(), "LibreOffice to stop with the editor")
        until(lambda: not any(pipe.exists() for pipe in pipes), "its pipes removed")
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate(timeout=60)
        for pid in offices(process.pid):  # a failed test leaves nothing running either
            os.kill(pid, signal.SIGKILL)


def _pipes(office: object) -> list[Path]:
    """The pipes the running LibreOffice of ``office`` (a WarmOffice) makes in /tmp."""
    running = office._running  # type: ignore[attr-defined]
    return _pipe_files(running.pipe, running.profile.url)


def _pipe_files(accepting: str, profile_url: str) -> list[Path]:
    """The pipes a LibreOffice makes in /tmp: the one it was told to accept on, and the one for
    its profile (``SingleOfficeIPC_`` and the MD5 of the profile's URL as UTF-16, each byte in
    hex without a leading zero)."""
    import hashlib

    digest = hashlib.md5(profile_url.encode("utf-16-le")).digest()
    own = "SingleOfficeIPC_" + "".join(f"{byte:x}" for byte in digest)
    return [Path("/tmp") / f"OSL_PIPE_{os.getuid()}_{name}" for name in (accepting, own)]


def _pipes_of_editor(editor_pid: int) -> list[Path]:
    """The pipes of the LibreOffice an editor started, read from its command line."""
    for pid in offices(editor_pid):
        try:
            words = Path(f"/proc/{pid}/cmdline").read_bytes().decode().split("\0")
        except OSError:
            continue
        profile = [w.split("=", 1)[1] for w in words if w.startswith("-env:UserInstallation=")]
        accepting = [w.split("name=", 1)[1].split(";")[0] for w in words if "--accept=" in w]
        if profile and accepting:
            return _pipe_files(accepting[0], profile[0])
    raise AssertionError("no LibreOffice of the editor found")


def test_a_hung_libreoffice_is_stopped_at_the_deadline_and_replaced(tmp_path: Path) -> None:
    from osl_plan.errors import ConversionFailed
    from osl_plan.render.lo_warm import WarmOffice

    _warm_or_skip()
    docx = client(plan_folder(tmp_path)).get(URL + "/pobierz/docx").content
    office = WarmOffice()
    try:
        assert office.convert(docx, "pdf").startswith(b"%PDF")
        first = office.pid
        with pytest.raises(ConversionFailed):  # a broken document fails alone …
            office.convert(b"PK\x03\x04 not a document", "pdf")
        assert office.pid == first  # … and LibreOffice stays
        pipes = _pipes(office)
        assert all(pipe.is_socket() for pipe in pipes), pipes  # named as LibreOffice names them
        hung = offices(os.getpid())
        for pid in hung:  # LibreOffice stops answering (as a hung one does)
            os.kill(pid, signal.SIGSTOP)
        with pytest.raises(ConversionFailed, match="1 s"):
            office.convert(docx, "pdf", timeout=1)
        until(lambda: offices(os.getpid()).isdisjoint(hung), "the hung LibreOffice killed")
        assert office.pid is None
        assert [pipe for pipe in pipes if pipe.exists()] == []  # killed: its pipes removed
        assert office.convert(docx, "pdf").startswith(b"%PDF")  # a new one, on the next request
    finally:
        office.close()
    until(lambda: offices(os.getpid()) == set(), "LibreOffice to stop")
