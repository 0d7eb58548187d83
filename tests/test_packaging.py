"""The wheel is complete: it installs into a fresh virtual environment and works outside the repo.

The wheel is built offline (hatchling from the dev extra, ``--no-build-isolation``) and installed
without its dependencies; the fresh environment borrows the third-party packages of the running
one through a ``.pth`` line. A plain path line does not run the ``.pth`` files of that folder, so
the editable install of the checkout stays invisible: osl_plan can only come from the wheel. That
keeps the test free of network and fast; that the declared dependencies are complete is checked
separately, against the imports in the code.
"""

from __future__ import annotations

import ast
import email
import importlib.metadata
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from dataclasses import dataclass
from email.message import Message
from pathlib import Path

import pytest
from helpers import EXAMPLES, ROOT

from osl_plan import __version__

pytestmark = pytest.mark.slow

PACKAGE = ROOT / "osl_plan"
PIP = (sys.executable, "-m", "pip")

# Imported directly but guaranteed by a declared dependency that pins or requires them: pydantic
# pins pydantic-core to one version, Jinja2 is built on MarkupSafe. Declaring them again could
# only conflict with those pins.
BROUGHT_BY = {"pydantic-core": "pydantic", "markupsafe": "jinja2"}


@dataclass(frozen=True)
class Installed:
    wheel: Path
    bin: Path
    work: Path  # a folder outside the repository holding a copy of the example plan

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV"}}
        return subprocess.run(
            [str(self.bin / args[0]), *args[1:]],
            cwd=self.work,
            env={**env, "NO_COLOR": "1", "COLUMNS": "100"},
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )


def _build_wheel(dist: Path) -> Path:
    subprocess.run(
        [*PIP, "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = dist.glob("osl_plan-*.whl")
    return wheel


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    base = tmp_path_factory.mktemp("packaging")
    wheel = _build_wheel(base / "dist")
    env_dir = base / "venv"
    venv.EnvBuilder(with_pip=False, clear=True).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [*PIP, "--python", str(python), "install", "-q", "--no-deps", "--no-index", str(wheel)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    borrowed = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (Path(purelib) / "zz_borrowed_dependencies.pth").write_text("\n".join(sorted(borrowed)) + "\n")
    work = base / "work"
    work.mkdir()
    shutil.copy(EXAMPLES / "plan_2023.yaml", work / "plan_2023.yaml")
    return Installed(wheel, env_dir / "bin", work)


def _metadata(wheel: Path) -> Message:
    with zipfile.ZipFile(wheel) as archive:
        (name,) = (n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        return email.message_from_bytes(archive.read(name))


def test_version_from_the_wheel(installed: Installed) -> None:
    result = installed.run("osl-plan", "--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"osl-plan {__version__}\n"


def test_the_package_comes_from_the_wheel_not_the_checkout(installed: Installed) -> None:
    result = installed.run("python", "-c", "import osl_plan; print(osl_plan.__file__)")
    assert result.returncode == 0, result.stderr
    location = Path(result.stdout.strip())
    assert location.is_relative_to(installed.bin.parent), location
    assert not location.is_relative_to(ROOT)


def test_validate_outside_the_repository(installed: Installed) -> None:
    result = installed.run("osl-plan", "validate", "plan_2023.yaml")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_render_with_templates_from_the_wheel(installed: Installed, fmt: str) -> None:
    target = installed.work / f"plan_2023.{fmt}"
    result = installed.run("osl-plan", "render", "plan_2023.yaml", "-f", fmt, "-o", target.name)
    assert result.returncode == 0, result.stdout + result.stderr
    text = target.read_text(encoding="utf-8")
    assert "Kampania medialna promująca działania CUS" in text
    if fmt == "html":
        assert text.lstrip().lower().startswith("<!doctype html>")


def test_wheel_ships_templates_types_and_license(installed: Installed) -> None:
    with zipfile.ZipFile(installed.wheel) as archive:
        names = set(archive.namelist())
    assert "osl_plan/py.typed" in names
    assert "osl_plan/templates/plan.md.j2" in names
    assert "osl_plan/templates/plan.html.j2" in names
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    assert not any(n.startswith(("tests/", "examples/", "bench/")) for n in names)


def test_wheel_metadata_is_complete(installed: Installed) -> None:
    meta = _metadata(installed.wheel)
    assert meta["Name"] == "osl-plan"
    assert meta["Version"] == __version__
    assert meta["License-Expression"] == "MIT"
    assert meta["Requires-Python"] == ">=3.11"
    assert meta["Summary"]
    assert meta["Description-Content-Type"] == "text/markdown"
    classifiers = meta.get_all("Classifier") or []
    assert "Typing :: Typed" in classifiers
    assert any(c.startswith("Programming Language :: Python :: 3.1") for c in classifiers)
    urls = " ".join(meta.get_all("Project-URL") or [])
    for label in ("Homepage", "Issues", "Changelog"):
        assert label in urls


def _third_party_imports(*, editor: bool = False) -> set[str]:
    """Top-level names of the non-standard modules imported anywhere in osl_plan (with
    ``editor``: in the editor, which may use its optional extra too)."""
    found: set[str] = set()
    for source in PACKAGE.rglob("*.py"):
        if "devtools" in source.parts:  # run from a checkout with the dev extra (make docs/i18n)
            continue
        if source.name == "lo_bridge.py":  # a program run by LibreOffice's Python (uno), not ours
            continue
        if ("editor" in source.parts) != editor:
            continue
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.add(node.module.split(".")[0])
    return {name for name in found if name not in sys.stdlib_module_names and name != "osl_plan"}


@pytest.mark.parametrize("editor", [False, True], ids=["package", "editor"])
def test_every_imported_library_is_a_declared_dependency(
    installed: Installed, editor: bool
) -> None:
    requires = _metadata(installed.wheel).get_all("Requires-Dist") or []
    declared = {
        re.split(r"[\s<>=!~;\[]", line, maxsplit=1)[0].lower().replace("_", "-")
        for line in requires
        if "extra ==" not in line or (editor and "extra == 'edytor'" in line)
    }
    providers = importlib.metadata.packages_distributions()
    missing = {}
    for module in sorted(_third_party_imports(editor=editor)):
        distributions = {
            d.lower().replace("_", "-").replace(".", "-") for d in providers.get(module, [module])
        }
        distributions |= {BROUGHT_BY[d] for d in distributions if d in BROUGHT_BY}
        if not distributions & declared:
            missing[module] = sorted(distributions)
    assert not missing, f"imported but not in [project] dependencies: {missing}"
