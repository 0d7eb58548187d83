"""The installation's steps after pip (osl_plan.installation): what they make, what an update
keeps, what uninstalling removes — in a layout inside the test's folder. The whole bundle, with
pip and the network off, is tested in test_bundle.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from osl_plan import __version__
from osl_plan.folder_version import recorded_version
from osl_plan.installation import install, uninstall
from osl_plan.installation.places import Layout, find_libreoffice


@pytest.fixture
def layout(tmp_path: Path) -> Layout:
    home = tmp_path / "profil"
    return Layout(
        "linux",
        home / "dane/osl-plan",
        home / "bin",
        home / "ustawienia/osl-plan",
        home / "Dokumenty/Plany OSL",
        (home / "menu", home / "Pulpit"),
    )


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    folder = tmp_path / "pakiet"
    folder.mkdir()
    (folder / "pusty_plan.yaml").write_text("rok: @ROK@\n", encoding="utf-8")
    (folder / "przewodnik.pdf").write_bytes(b"%PDF-1.7 przewodnik")
    (folder / "odinstaluj.sh").write_text("#!/bin/sh\n", encoding="utf-8")
    return folder


def _files(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if p.is_file()}


def test_install_makes_what_the_organiser_needs(layout: Layout, bundle: Path) -> None:
    layout.home.mkdir(parents=True)
    outcome = install(layout, bundle)
    assert outcome.done[0] == f"osl-plan {__version__} is installed in {layout.home}."
    shim = (layout.bin_dir / "osl-plan").read_text()
    assert shim == f'#!/bin/sh\nexec "{layout.venv}/bin/osl-plan" "$@"\n'
    blank = (layout.plans / "pusty_plan.yaml").read_text(encoding="utf-8")
    assert blank.startswith("rok: 20") and "@ROK@" not in blank
    assert (layout.plans / "Przewodnik osl-plan.pdf").read_bytes() == b"%PDF-1.7 przewodnik"
    assert (layout.plans / ".osl-plan").is_dir()
    for folder in layout.shortcut_dirs:
        assert "Name=Plan OSL" in (folder / "plan-osl.desktop").read_text()
    settings = json.loads((layout.config / "ustawienia.json").read_text())
    found = find_libreoffice("linux")
    assert settings == {"soffice": str(found) if found else "", "plany": str(layout.plans)}
    manifest = set(layout.manifest.read_text().splitlines())
    assert str(layout.plans / "pusty_plan.yaml") not in manifest  # a plan: never removed
    assert str(layout.home / "odinstaluj.sh") in manifest


def test_update_keeps_plans_and_settings(layout: Layout, bundle: Path) -> None:
    layout.home.mkdir(parents=True)
    install(layout, bundle)
    (layout.plans / "pusty_plan.yaml").write_text("rok: 2031\n", encoding="utf-8")
    settings = {"soffice": "", "plany": "/gdzie/indziej", "moje": 1}
    (layout.config / "ustawienia.json").write_text(json.dumps(settings))
    install(layout, bundle)
    assert (layout.plans / "pusty_plan.yaml").read_text(encoding="utf-8") == "rok: 2031\n"
    kept = json.loads((layout.config / "ustawienia.json").read_text())
    assert kept["plany"] == "/gdzie/indziej" and kept["moje"] == 1


def test_uninstall_removes_only_what_was_installed(layout: Layout, bundle: Path) -> None:
    layout.home.mkdir(parents=True)
    mine = layout.bin_dir / "moj-skrypt"
    mine.parent.mkdir(parents=True)
    mine.write_text("#!/bin/sh\n")
    install(layout, bundle)
    (layout.plans / "plan_2025.yaml").write_text("rok: 2025\n", encoding="utf-8")
    (layout.plans / ".osl-plan/wersja").write_text(__version__)
    assert recorded_version(layout.plans) == __version__
    outcome = uninstall(layout)
    assert outcome.done == [f"osl-plan is removed. Your plans stay in {layout.plans}."]
    root = layout.home.parent.parent
    assert _files(root) == {mine, layout.plans / "pusty_plan.yaml", layout.plans / "plan_2025.yaml"}
    assert not layout.config.exists() and not any(layout.home.iterdir())


def test_libreoffice_is_looked_for_where_installers_put_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    program = tmp_path / "Program Files/LibreOffice/program/soffice.exe"
    program.parent.mkdir(parents=True)
    program.write_bytes(b"")
    program.chmod(0o755)
    monkeypatch.setenv("ProgramFiles", str(tmp_path / "Program Files"))
    monkeypatch.setenv("PATH", str(tmp_path / "nic"))
    assert find_libreoffice("windows") == program


def test_windows_scripts_keep_the_users_name_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """cmd reads a .cmd file in the console's code page: user folders go in as variables."""
    from pathlib import PureWindowsPath

    from osl_plan.installation.shortcuts import _cmd_path

    monkeypatch.setenv("LOCALAPPDATA", r"C:\Users\Łukasz\AppData\Local")
    monkeypatch.setenv("USERPROFILE", r"C:\Users\Łukasz")
    program = PureWindowsPath(r"C:\Users\Łukasz\AppData\Local\osl-plan\venv\Scripts\osl-plan.exe")
    assert _cmd_path(program) == r"%LOCALAPPDATA%\osl-plan\venv\Scripts\osl-plan.exe"  # type: ignore[arg-type]
    plans = PureWindowsPath(r"C:\Users\Łukasz\OneDrive\Dokumenty\Plany OSL")
    assert _cmd_path(plans) == r"%USERPROFILE%\OneDrive\Dokumenty\Plany OSL"  # type: ignore[arg-type]
    assert _cmd_path(PureWindowsPath(r"D:\Plany OSL")) == r"D:\Plany OSL"  # type: ignore[arg-type]


def test_shortcut_starts_the_editor_when_there_is_one(layout: Layout) -> None:
    """The launcher decides when it runs: editor on the plans folder, else folder and guide."""
    from osl_plan.installation.shortcuts import _launcher

    layout.home.mkdir(parents=True)
    text = _launcher(layout).read_text()
    check, editor, fallback = (
        text.index("edytor --help"),
        text.index('edytor "'),
        text.index("xdg-open"),
    )
    assert check < editor < fallback
    assert f'edytor "{layout.plans}"' in text and "Przewodnik osl-plan.pdf" in text
    windows = Layout(
        "windows",
        *(getattr(layout, f) for f in ("home", "bin_dir", "config", "plans", "shortcut_dirs")),
    )
    text = _launcher(windows).read_bytes().decode("utf-8")
    assert "edytor --help >nul 2>&1\r\nif not errorlevel 1 (" in text
    assert text.index('edytor "') < text.index('start ""')


def test_the_bundle_takes_every_extra_for_users() -> None:
    import tomllib

    from osl_plan.devtools import bundle

    version, extras = bundle.project()
    declared = tomllib.loads((bundle.ROOT / "pyproject.toml").read_text())["project"]
    assert version == __version__ == declared["version"]
    assert "dev" not in extras and set(extras) == set(declared["optional-dependencies"]) - {"dev"}
    assert bundle.requirement("1.2.0", []) == "osl-plan==1.2.0"
    assert bundle.requirement("1.2.0", ["a", "edytor"]) == "osl-plan[a,edytor]==1.2.0"
