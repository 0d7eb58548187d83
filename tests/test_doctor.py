"""``osl-plan doktor``: LibreOffice present, absent and broken; the folder, port and versions."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from osl_plan import __version__
from osl_plan.doctor import Level
from osl_plan.doctor.folder import folder_checks
from osl_plan.doctor.system import port_check
from osl_plan.folder_version import record_writer, recorded_version
from osl_plan.render.lo_warm import WarmOffice, uno_python
from tests.conftest import EXAMPLES, run_cli
from tests.test_render_docx import png

MINIMAL = "rok: 2023\nzadania:\n  - zadanie: Spotkania z mieszkańcami\n    termin: marzec 2023\n"


@pytest.fixture(autouse=True)
def _own_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No settings file of the user's is read: the configuration folder is the test's own."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("OSL_PLAN_SOFFICE", raising=False)
    yield


def _plans(tmp_path: Path) -> Path:
    folder = tmp_path / "Plany OSL"
    folder.mkdir()
    shutil.copy(EXAMPLES / "plan_2023.yaml", folder / "plan_2023.yaml")
    return folder


def _json(stdout: str) -> dict[str, dict[str, object]]:
    return {check["name"]: check for check in json.loads(stdout)["checks"]}


@pytest.mark.libreoffice
@pytest.mark.slow
def test_everything_works_with_libreoffice(tmp_path: Path, soffice: str) -> None:
    result = run_cli("doktor", "-f", "json", "--folder", _plans(tmp_path))
    assert result.exit_code == 0, result.stdout + result.stderr
    checks = _json(result.stdout)
    assert checks["libreoffice"]["level"] == "ok"
    assert checks["libreoffice"]["facts"]["path"] == shutil.which(soffice)  # type: ignore[index]
    assert checks["conversion"]["level"] == "ok"
    if checks["uno"]["level"] == "ok":  # the editor keeps LibreOffice running: with which Python
        assert checks["uno"]["facts"] == {"python": uno_python(soffice)}
    else:
        assert uno_python(soffice) is None and "python3-uno" in str(checks["uno"]["fix"])
    assert checks["folder"]["level"] == "ok"
    assert checks["strip"]["level"] == "ok"
    assert checks["version"]["facts"] == {"version": __version__, "language": "en"}
    assert json.loads(result.stdout)["healthy"] is True


def _path_without_soffice(tmp_path: Path) -> str:
    """A PATH with fc-match but no LibreOffice (osl-plan runs as sys.executable, by its path)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    if found := shutil.which("fc-match"):
        (bin_dir / "fc-match").symlink_to(found)
    return str(bin_dir)


def test_without_libreoffice_exit_1_and_the_fix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", _path_without_soffice(tmp_path))
    result = run_cli("doktor", "--folder", _plans(tmp_path))
    assert result.exit_code == 1
    line = next(x for x in result.stdout.splitlines() if "LibreOffice" in x)
    assert line.startswith("✗ LibreOffice was not found")
    assert "https://pl.libreoffice.org/pobierz/" in line
    assert "conversion" not in _json(run_cli("doktor", "-f", "json", "-d", tmp_path).stdout)
    assert result.stdout.splitlines()[-1] == "Not everything works: 1 problem to fix."


def test_broken_libreoffice_fails_the_conversion(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "soffice"
    broken.write_text("#!/bin/sh\necho 'LibreOffice 7.6.4.1 x'; exit 1\n")
    broken.chmod(0o755)
    monkeypatch.setenv("OSL_PLAN_SOFFICE", str(broken))
    result = run_cli("doktor", "-f", "json", "-d", _plans(tmp_path), timeout=300)
    assert result.exit_code == 1
    checks = _json(result.stdout)
    assert checks["libreoffice"]["level"] == "ok"  # found; its version is not trusted (exit 1)
    assert checks["libreoffice"]["facts"]["path"] == str(broken)  # type: ignore[index]
    assert checks["conversion"]["level"] == "error"
    assert "cannot convert" in str(checks["conversion"]["message"])


def test_polish_lines_each_with_a_fix(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", _path_without_soffice(tmp_path))
    monkeypatch.setenv("OSL_PLAN_LANG", "pl")
    result = run_cli("doktor", "-d", tmp_path / "nie ma")
    assert result.exit_code == 1
    assert "✗ Nie znaleziono LibreOffice" in result.stdout
    for line in result.stdout.splitlines()[:-1]:
        assert line.startswith(("✓", "!", "✗"))
        if not line.startswith("✓"):
            assert " Co zrobić: " in line, line


def test_missing_libreoffice_message_names_doktor(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", _path_without_soffice(tmp_path))
    result = run_cli("render", EXAMPLES / "plan_2023.yaml", "-f", "pdf", "-o", tmp_path / "p.pdf")
    assert result.exit_code == 2
    assert "„osl-plan doktor”" in result.stderr


def test_recorded_libreoffice_is_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from osl_plan.render.libreoffice import find_soffice

    program = tmp_path / "lo" / "soffice"
    program.parent.mkdir()
    program.write_text("#!/bin/sh\nexit 0\n")
    program.chmod(0o755)
    (tmp_path / "config" / "osl-plan").mkdir(parents=True)
    settings = {"soffice": str(program), "plany": str(tmp_path)}
    (tmp_path / "config" / "osl-plan" / "ustawienia.json").write_text(json.dumps(settings))
    monkeypatch.setenv("PATH", _path_without_soffice(tmp_path))
    assert find_soffice() == str(program)
    program.unlink()  # uninstalled since: the recorded path is not trusted
    with pytest.raises(Exception, match="osl-plan doktor"):
        find_soffice()


def test_missing_strip_image_is_an_error(tmp_path: Path) -> None:
    folder = _plans(tmp_path)
    strip = "finansowanie:\n  wzor: fers-2021-2027\n  obraz: pasek_fers.png\n"
    (folder / "plan_2024.yaml").write_text(MINIMAL + strip, encoding="utf-8")
    checks = {check.name: check for check in folder_checks(folder)}
    assert checks["strip"].level is Level.error
    assert "plan_2024.yaml:7:10" in checks["strip"].message
    assert "pasek_fers.png" in checks["strip"].message
    (folder / "pasek_fers.png").write_bytes(png(300, 40))
    assert {c.name: c for c in folder_checks(folder)}["strip"].level is Level.ok


def test_folder_missing_is_a_warning_unwritable_an_error(tmp_path: Path) -> None:
    [missing] = folder_checks(tmp_path / "nie ma")
    assert (missing.name, missing.level) == ("folder", Level.warning)
    if os.geteuid() == 0:
        return  # root writes everywhere; the unwritable folder cannot be made here
    locked = tmp_path / "zamkniety"
    locked.mkdir(mode=0o500)
    [check] = folder_checks(locked)
    assert (check.name, check.level) == ("folder", Level.error)


def test_taken_port_is_a_warning() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert port_check(port).level is Level.warning
    assert port_check(port).level is Level.ok


def test_the_port_checked_is_the_one_the_editor_takes_for_the_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from osl_plan.editor.ports import FOLDER_PORTS, folder_port

    monkeypatch.setenv("PATH", _path_without_soffice(tmp_path))
    folder = _plans(tmp_path)
    checks = _json(run_cli("doktor", "-f", "json", "-d", folder).stdout)
    port = int(checks["port"]["facts"]["port"])  # type: ignore[index]
    assert port == folder_port(folder)
    assert FOLDER_PORTS[0] <= port < FOLDER_PORTS[1]
    assert folder_port(folder) == folder_port(folder / ".." / folder.name)  # however written


def test_a_newer_writer_of_the_folder_is_an_error(tmp_path: Path) -> None:
    folder = _plans(tmp_path)
    (folder / ".osl-plan").mkdir()
    (folder / ".osl-plan" / "wersja").write_text("99.1.0\n")
    checks = {check.name: check for check in folder_checks(folder)}
    assert checks["plans-version"].level is Level.error
    assert "99.1.0" in checks["plans-version"].message
    (folder / ".osl-plan" / "wersja").write_text("0.0.1\n")
    checks = {check.name: check for check in folder_checks(folder)}
    assert checks["plans-version"].level is Level.ok


def test_writing_into_the_plans_folder_records_the_version(tmp_path: Path) -> None:
    folder = _plans(tmp_path)
    other = tmp_path / "out"
    other.mkdir()
    for target in (folder, other):
        result = run_cli("render", folder / "plan_2023.yaml", "-f", "md", "-o", target / "p.md")
        assert result.exit_code == 0, result.stderr
    assert recorded_version(folder) is None  # no .osl-plan folder: nothing is recorded
    (folder / ".osl-plan").mkdir()
    run_cli("render", folder / "plan_2023.yaml", "-f", "md", "-o", folder / "p.md")
    assert recorded_version(folder) == __version__
    assert not (other / ".osl-plan").exists()
    (folder / ".osl-plan" / "wersja").write_text("99.0\n")
    record_writer(folder)  # an older writer keeps the newer record
    assert recorded_version(folder) == "99.0"


def test_the_test_conversion_goes_through_the_libreoffice_runner(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the stand-in: one start, one document, in a private profile; the result checked."""
    from helpers import fake_soffice_program

    log = tmp_path / "starts.jsonl"
    monkeypatch.setenv("OSL_PLAN_SOFFICE", str(fake_soffice_program(tmp_path)))
    monkeypatch.setenv("FAKE_SOFFICE_LOG", str(log))
    checks = _json(run_cli("doktor", "-f", "json", "-d", _plans(tmp_path)).stdout)
    assert checks["conversion"]["level"] == "ok"
    [start] = [json.loads(line) for line in log.read_text().splitlines()]
    assert len(start["docs"]) == 1 and "osl-plan" in start["profile"]


def test_fonts_without_fc_match_is_a_warning_not_a_guess(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from osl_plan.doctor.system import fonts_check

    monkeypatch.setenv("PATH", str(tmp_path))
    check = fonts_check()
    assert (check.level, check.facts) == (Level.warning, {"font": "Arial"})
    assert "fc-match" in check.message


def test_fonts_name_the_substitute(monkeypatch: pytest.MonkeyPatch) -> None:
    from osl_plan.doctor.system import fonts_check

    if shutil.which("fc-match") is None:
        pytest.skip("fc-match (fontconfig) is not installed: apt-get install fontconfig")
    check = fonts_check()
    used = subprocess.run(
        ["fc-match", "-f", "%{family}", "Arial"], capture_output=True, text=True, check=True
    ).stdout.split(",")[0]
    assert check.facts == {"font": "Arial", "used": used}
    expected = Level.ok if used in ("Arial", "Liberation Sans", "Arimo") else Level.warning
    assert check.level is expected
    assert used in check.message


@pytest.mark.libreoffice
def test_without_a_python_with_uno_the_editor_converts_cold_and_doktor_says_so(
    tmp_path: Path, soffice: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from osl_plan.doctor.system import uno_check

    monkeypatch.setenv("OSL_PLAN_UNO_PYTHON", sys.executable)  # osl-plan's own: no uno in it
    check = uno_check(soffice)
    assert (check.name, check.level) == ("uno", Level.warning)
    assert "OSL_PLAN_UNO_PYTHON" in check.fix
    office = WarmOffice()
    try:
        pdf = office.convert(_one_page_docx(), "pdf")
    finally:
        office.close()
    assert pdf.startswith(b"%PDF") and office.pid is None  # converted, and nothing kept running


def _one_page_docx() -> bytes:
    import io

    import docx

    document = docx.Document()
    document.add_paragraph("Plan organizowania społeczności lokalnej")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
