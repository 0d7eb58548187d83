"""The offline bundles (``make dist``): Linux installs, works, updates and uninstalls with the
network switched off; the Windows bundle is complete for Python 3.11–3.13 and its scripts hold
together.

The bundles are built once per session (:func:`bundles`), which downloads the wheels from the
package index (about a minute with pip's cache warm, 117 MB and 149 MB); without the index the
tests skip and say so. The install runs in a network namespace without interfaces (``unshare``),
with a fresh HOME in the test's temporary folder.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from helpers import EXAMPLES
from packaging.utils import canonicalize_name

from osl_plan import __version__
from osl_plan.devtools import bundle
from osl_plan.devtools.bundle_check import unmet

pytestmark = pytest.mark.slow

VERSION, EXTRAS = bundle.project()
REQUIREMENT = bundle.requirement(VERSION, EXTRAS)
PYTHONS = ("3.11", "3.12", "3.13")


@pytest.fixture(scope="session")
def bundles(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Both bundles, built once, unpacked: {"windows-x64": folder, "linux-x64": folder}."""
    out = tmp_path_factory.mktemp("dist")
    try:
        zips = bundle.build(out)
    except subprocess.CalledProcessError as error:
        reason = f"the bundle cannot be built here (package index unreachable?): {error}"
        if os.environ.get("OSL_PLAN_REQUIRE_BUNDLE"):
            pytest.fail(reason)
        pytest.skip(reason)
    folders = {}
    for path in zips:
        with zipfile.ZipFile(path) as archive:
            archive.extractall(out)
        top = path.name.removesuffix(".zip")
        folders[top.rsplit("-", 2)[-2] + "-x64"] = out / top
        for info in archive.infolist():  # extractall drops the mode; the scripts keep theirs
            if info.external_attr >> 16 & 0o111:
                (out / info.filename).chmod(0o755)
    return folders


def test_names_and_contents(bundles: dict[str, Path]) -> None:
    for system, scripts in (("windows-x64", bundle.WINDOWS), ("linux-x64", bundle.LINUX)):
        folder = bundles[system]
        assert folder.name == f"osl-plan-{__version__}-{system}"
        names = {p.name for p in folder.iterdir()}
        assert names == {
            *scripts.scripts,
            "pusty_plan.yaml",
            "CZYTAJ.txt",
            "przewodnik.pdf",
            "wheels",
        }
        assert (folder / "przewodnik.pdf").read_bytes().startswith(b"%PDF")
        assert list((folder / "wheels").glob(f"osl_plan-{__version__}-py3-none-any.whl"))
        for script in scripts.scripts:
            text = (folder / script).read_text(encoding="utf-8-sig")
            assert not re.search(r"@[A-Z]+@", text), script  # every placeholder filled in
    assert list((bundles["linux-x64"] / "wheels").glob("pip-*-py3-none-any.whl"))  # installer's
    pdf = subprocess.run(["pdftotext", bundles["linux-x64"] / "przewodnik.pdf", "-"],
                         capture_output=True, text=True, check=True).stdout  # fmt: skip
    assert "Instalacja" in pdf and "osl-plan doktor" in pdf
    assert pdf.count("przewodnik dla organizatora") == 1  # the title once, not a second heading


# --- Windows: complete for every supported Python, scripts that hold together ---------------


def _pip_environment(tmp_path: Path) -> dict[str, str]:
    """pip with none of this machine's settings (its find-links, constraints, indexes)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")}
    return env | {"PIP_CONFIG_FILE": os.devnull, "PIP_DISABLE_PIP_VERSION_CHECK": "1"}


@pytest.mark.parametrize("python", PYTHONS)
def test_windows_bundle_resolves_offline(
    bundles: dict[str, Path], tmp_path: Path, python: str
) -> None:
    wheels = bundles["windows-x64"] / "wheels"
    # Markers evaluated for Windows (pip evaluates them for this computer; see bundle_check).
    assert unmet(wheels, REQUIREMENT, python=python, system="windows") == []
    report = tmp_path / "report.json"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--dry-run", "--quiet", "--no-index",
         "--find-links", str(wheels), "--only-binary=:all:", "--platform", "win_amd64",
         "--python-version", python, "--implementation", "cp", "--target", str(tmp_path / "t"),
         "--report", str(report), REQUIREMENT],
        check=True, env=_pip_environment(tmp_path), timeout=300,
    )  # fmt: skip
    installs = json.loads(report.read_text())["install"]
    chosen = {canonicalize_name(item["metadata"]["name"]) for item in installs}
    assert {"osl-plan", "pydantic-core", "lxml", "matplotlib", "typer"} <= chosen
    for item in installs:
        name = Path(item["download_info"]["url"]).name
        assert name.endswith(("-none-any.whl", f"cp{python.replace('.', '')}-win_amd64.whl"))


def test_linux_bundle_is_complete(bundles: dict[str, Path]) -> None:
    wheels = bundles["linux-x64"] / "wheels"
    for python in PYTHONS:
        assert unmet(wheels, REQUIREMENT, python=python, system="linux") == []


def test_windows_scripts_hold_together(bundles: dict[str, Path]) -> None:
    """No PowerShell here to parse the .ps1, nor cmd for the .bat: their structure is checked."""
    folder = bundles["windows-x64"]
    for name in ("zainstaluj.ps1", "odinstaluj.ps1"):
        data = (folder / name).read_bytes()
        assert data.startswith(b"\xef\xbb\xbf"), "Windows PowerShell 5 needs the BOM for UTF-8"
        assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")
        text = data.decode("utf-8-sig")
        _balanced(_without_strings(text), name)
        assert "osl_plan.installation" in text
    install = (folder / "zainstaluj.ps1").read_text(encoding="utf-8-sig")
    assert f"'{REQUIREMENT}'" in install and "--no-index" in install
    assert "https://www.python.org/downloads/windows/" in install
    for name in ("zainstaluj.bat", "odinstaluj.bat"):
        text = (folder / name).read_bytes().decode("ascii")  # cmd reads the OEM code page
        script = re.search(r'-File "%~dp0(\S+\.ps1)"', text)
        assert script and (folder / script.group(1)).is_file()


def _without_strings(text: str) -> str:
    text = re.sub(r"(?m)#.*$", "", re.sub(r"'[^'\r\n]*'", "''", text))
    return re.sub(r'"(?:`.|[^"`\r\n])*"', '""', text)


def _balanced(code: str, name: str) -> None:
    pairs, stack = {")": "(", "}": "{", "]": "["}, []
    for line_number, line in enumerate(code.splitlines(), 1):
        for char in line:
            if char in "({[":
                stack.append((char, line_number))
            elif char in pairs:
                assert stack and stack.pop()[0] == pairs[char], f"{name}:{line_number}: {char}"
    assert not stack, f"{name}: unclosed {stack}"


def test_linux_scripts_parse(bundles: dict[str, Path]) -> None:
    for name in ("zainstaluj.sh", "odinstaluj.sh"):
        for shell in ("sh", "bash"):
            subprocess.run([shell, "-n", str(bundles["linux-x64"] / name)], check=True)


# --- Linux: install, use, update and uninstall with the network off -------------------------


def _offline() -> list[str]:
    """A prefix running a command in a new network namespace: no interfaces, no network."""
    prefix = ["unshare", "-n"] if os.geteuid() == 0 else ["unshare", "-rn"]
    works = (
        shutil.which("unshare") and subprocess.run([*prefix, "true"], check=False).returncode == 0
    )
    if not works:
        reason = "no network namespace here (unshare -n from util-linux) to switch the network off"
        if os.environ.get("OSL_PLAN_REQUIRE_BUNDLE"):
            pytest.fail(reason)
        pytest.skip(reason)
    return prefix


def _user(tmp_path: Path) -> dict[str, str]:
    """A fresh user profile in ``tmp_path``; Python is the one running the tests, without
    ensurepip (as Debian's and Ubuntu's without the python3-venv package)."""
    home = tmp_path / "home"
    home.mkdir()
    tools = tmp_path / "tools"
    tools.mkdir()
    base = Path(getattr(sys, "_base_executable", sys.executable)).resolve()
    (tools / f"python3.{sys.version_info.minor}").symlink_to(base)
    without = tmp_path / "bez-ensurepip" / "ensurepip"
    without.mkdir(parents=True)
    (without / "__init__.py").write_text('raise ImportError("no ensurepip here")\n')
    keep = ("LANG", "LC_ALL", "XDG_CACHE_HOME", "OSL_PLAN_REQUIRE_LIBREOFFICE")
    env = {k: os.environ[k] for k in keep if k in os.environ}
    return env | {"HOME": str(home), "PATH": f"{tools}:/usr/local/bin:/usr/bin:/bin",
                  "PYTHONPATH": str(without.parent), "OSL_PLAN_LANG": "pl",
                  "NO_COLOR": "1"}  # fmt: skip


def _run(command: list[str | Path], env: dict[str, str], cwd: Path | None = None) -> str:
    done = subprocess.run([*map(str, command)], env=env, cwd=cwd, capture_output=True, text=True,
                          timeout=900, check=False)  # fmt: skip
    assert done.returncode == 0, f"{command}: {done.returncode}\n{done.stdout}\n{done.stderr}"
    return done.stdout


def _shortcut_starts_the_editor(
    command: list[str | Path], env: dict[str, str], opened: Path
) -> None:
    """Run the shortcut until the editor asks the browser to open its address (at most 120 s),
    then stop it with Ctrl+C as the organiser would."""
    process = subprocess.Popen([*map(str, command)], env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, start_new_session=True)  # fmt: skip
    try:
        for _ in range(1200):  # bounded: 1,200 looks 0.1 s apart
            if opened.exists() and opened.read_text().strip():
                break
            if process.poll() is not None:
                break
            time.sleep(0.1)
        address = opened.read_text().strip() if opened.exists() else ""
        assert address.startswith("http://127.0.0.1:") and "token=" in address, address
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        assert process.stdout is not None
        process.stdout.close()


def _every_command(osl: Path, plans: Path) -> str:
    """A shell script running each osl-plan command on the plans folder's example plan."""
    lines = [
        "set -ex", f'cd "{plans}"', f'o="{osl}"',
        "$o --version", "$o validate plan_2023.yaml",
        *(f"$o render plan_2023.yaml -f {f} -o plan.{f}" for f in ("docx", "pdf", "odt", "md")),
        "$o render plan_2023.yaml -f html -o plan.html",
        "$o validate plan_2023_realizacja.yaml",
        "$o report plan_2023_realizacja.yaml -f pdf -o sprawozdanie.pdf",
        "$o lista plan_2023.yaml --miesiac 2023-03 -o lista.docx",
        "$o status plan_2023.yaml --na 2023-03",
        "$o diff plan_2022.yaml plan_2023.yaml -f md -o zmiany.md",
        "$o new 2024 --from plan_2023.yaml -o plan_2024.yaml",
        "$o import plan.docx -o z_worda.yaml",
        "$o schema > schemat.json",
        "$o doktor", "$o validate pusty_plan.yaml",
    ]  # fmt: skip
    return "\n".join(lines) + "\n"


def test_linux_install_use_update_uninstall_offline(
    bundles: dict[str, Path], tmp_path: Path
) -> None:
    if not (shutil.which("soffice") or shutil.which("libreoffice")):
        pytest.skip(
            "LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui"
        )
    offline = _offline()
    env = _user(tmp_path)
    home = Path(env["HOME"])
    source = bundles["linux-x64"]

    said = _run([*offline, "sh", source / "zainstaluj.sh"], env)
    data = home / ".local/share/osl-plan"
    plans = home / "Documents" / "Plany OSL"
    shim = home / ".local/bin/osl-plan"
    assert f"osl-plan {VERSION}" in said and 'export PATH="$HOME/.local/bin:$PATH"' in said
    assert (plans / "pusty_plan.yaml").is_file() and (plans / "Przewodnik osl-plan.pdf").is_file()
    settings = json.loads((home / ".config/osl-plan/ustawienia.json").read_text())
    assert Path(settings["soffice"]).is_file() and settings["plany"] == str(plans)
    desktop = (home / ".local/share/applications/plan-osl.desktop").read_text()
    assert "Name=Plan OSL" in desktop and f'Exec="{data}/plan-osl.sh"' in desktop
    launcher = (data / "plan-osl.sh").read_text()
    assert "edytor --help" in launcher and f'edytor "{plans}"' in launcher

    # The shortcut, run: this version has the editor, so it starts it on the plans folder and
    # opens the browser at its address (a stand-in browser writes down what it was asked to open).
    opened = tmp_path / "otwarte.txt"
    opener = tmp_path / "tools/xdg-open"
    opener.write_text(f'#!/bin/sh\necho "$1" >> "{opened}"\n')
    opener.chmod(0o755)
    _shortcut_starts_the_editor([*offline, data / "plan-osl.sh"], env | {"BROWSER": str(opener)},
                                opened)  # fmt: skip

    for name in ("plan_2022.yaml", "plan_2023.yaml", "plan_2023_realizacja.yaml"):
        shutil.copy(EXAMPLES / name, plans / name)
    script = tmp_path / "wszystko.sh"
    script.write_text(_every_command(shim, plans))
    said = _run([*offline, "sh", script], env)
    assert f"osl-plan {VERSION}" in said and "Wszystko, co potrzebne, działa." in said
    assert (plans / "plan.pdf").read_bytes().startswith(b"%PDF")
    assert (plans / ".osl-plan/wersja").read_text().strip() == VERSION

    # An update: the plans, a changed blank plan and the settings are kept.
    (plans / "pusty_plan.yaml").write_text("rok: 2030\n# mój\n", encoding="utf-8")
    settings["moje"] = "zostaje"
    (home / ".config/osl-plan/ustawienia.json").write_text(json.dumps(settings))
    _run([*offline, "sh", source / "zainstaluj.sh"], env)
    assert (plans / "pusty_plan.yaml").read_text(encoding="utf-8") == "rok: 2030\n# mój\n"
    assert json.loads((home / ".config/osl-plan/ustawienia.json").read_text())["moje"] == "zostaje"
    assert not (data / "venv.stare").exists()
    _run([*offline, shim, "validate", plans / "plan_2023.yaml"], env)

    plans_before = {p for p in plans.rglob("*") if p.is_file()}
    said = _run([*offline, "sh", data / "odinstaluj.sh"], env)
    assert "Plany OSL" in said
    left = {p for p in home.rglob("*") if p.is_file() or p.is_symlink()}
    installed = {plans / "Przewodnik osl-plan.pdf", plans / ".osl-plan/wersja"}
    assert left == plans_before - installed
    assert not data.exists() and not (home / ".config/osl-plan").exists()
