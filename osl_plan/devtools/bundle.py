"""``make dist``: the offline bundles, one zip for Windows (x86-64) and one for Linux (x86-64).

``python -m osl_plan.devtools.bundle [--out dist]`` builds osl-plan's wheel and downloads every
wheel it needs, with every extra the project offers its users (``[project.optional-dependencies]``
except ``dev``), for Python 3.11, 3.12 and 3.13 on each system, and what the installer runs
from the bundle (on Linux pip itself: Debian and Ubuntu ship Python without ensurepip). It writes
``dist/osl-plan-<version>-windows-x64.zip`` and ``dist/osl-plan-<version>-linux-x64.zip``, each
one folder: ``wheels/``, the installer and uninstaller scripts (``installer/`` in the repository,
the version and the requirement filled in), the Polish guide as PDF (docs/przewodnik.md through
pandoc and LibreOffice) and a blank plan. Downloading needs the package index; installing from
the bundle never does.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
import tomllib
import zipfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
INSTALLER = ROOT / "installer"
GUIDE = ROOT / "docs" / "przewodnik.md"
PYTHONS = ("3.11", "3.12", "3.13")


@dataclass(frozen=True, slots=True)
class Target:
    """One system the bundle is for: its name in the zip's, pip's platform tags, its scripts."""

    name: str
    #: The system's name in :mod:`osl_plan.devtools.bundle_check`.
    system: str
    platforms: tuple[str, ...]
    scripts: tuple[str, ...]
    #: What the installer itself runs from the bundle, beside osl-plan's wheels.
    installer_wheels: tuple[str, ...] = ()


WINDOWS = Target(
    name="windows-x64",
    system="windows",
    platforms=("win_amd64",),
    scripts=("zainstaluj.bat", "zainstaluj.ps1", "odinstaluj.bat", "odinstaluj.ps1"),
)
LINUX = Target(
    name="linux-x64",
    system="linux",
    platforms=(
        "manylinux_2_28_x86_64",
        "manylinux_2_17_x86_64",
        "manylinux2014_x86_64",
        "manylinux_2_12_x86_64",
        "manylinux2010_x86_64",
        "manylinux_2_5_x86_64",
        "manylinux1_x86_64",
    ),
    scripts=("zainstaluj.sh", "odinstaluj.sh"),
    # pip, run from its wheel: Debian and Ubuntu ship Python without ensurepip (python3-venv).
    installer_wheels=("pip",),
)
COMMON_FILES = ("pusty_plan.yaml", "CZYTAJ.txt")


def project() -> tuple[str, list[str]]:
    """osl-plan's version and the extras offered to users (every one but ``dev``)."""
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    extras = sorted(set(data["project"].get("optional-dependencies", {})) - {"dev"})
    return data["project"]["version"], extras


def requirement(version: str, extras: list[str]) -> str:
    """What the installer asks pip for: ``osl-plan[a,b]==1.2.0``."""
    return f"osl-plan{'[' + ','.join(extras) + ']' if extras else ''}=={version}"


def build_wheel(folder: Path) -> Path:
    """osl-plan's own wheel, built offline from the working tree."""
    _run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
          "-w", str(folder), str(ROOT)])  # fmt: skip
    [wheel] = folder.glob("osl_plan-*.whl")
    return wheel


def download(
    target: Target, wheel: Path, extras: list[str], folder: Path, pythons: tuple[str, ...]
) -> None:
    """Every wheel osl-plan (with ``extras``) needs on ``target``, for each Python version."""
    spec = f"{wheel}[{','.join(extras)}]" if extras else str(wheel)
    for python in pythons:
        # The installer's own wheels are pure Python: fetched once, with the first version's.
        installer = list(target.installer_wheels) if python == pythons[0] else []
        _pip_download(target, python, folder, [spec, *installer])
        _complete(target, python, folder, requirement(project()[0], extras))


def _complete(target: Target, python: str, folder: Path, wanted: str) -> None:
    """Fetch what only the target system needs: pip evaluated the markers for this computer."""
    from osl_plan.devtools.bundle_check import unmet, without_marker

    for _ in range(10):
        missing = unmet(folder, wanted, python=python, system=target.system)
        if not missing:
            return
        _pip_download(target, python, folder, [without_marker(r) for r in missing])
    raise RuntimeError(f"{target.name}, Python {python}: no wheels for {missing}")


def _pip_download(target: Target, python: str, folder: Path, specs: list[str]) -> None:
    platforms = [arg for tag in target.platforms for arg in ("--platform", tag)]
    options = ["--only-binary=:all:", "--python-version", python, "--implementation", "cp"]
    _run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--quiet",
            *options,
            *platforms,
            "-d",
            str(folder),
            *specs,
        ]
    )


def guide_pdf(target: Path) -> None:
    """docs/przewodnik.md as a PDF: pandoc writes DOCX (its first heading the title), LibreOffice
    converts it."""
    from osl_plan.render.libreoffice import convert

    with tempfile.TemporaryDirectory(prefix="osl-plan-guide-") as work:
        docx = Path(work) / "przewodnik.docx"
        _run(["pandoc", str(GUIDE), "-f", "gfm", "-o", str(docx),
              "--shift-heading-level-by=-1", "--metadata", "lang=pl-PL"])  # fmt: skip
        target.write_bytes(convert(docx, "pdf"))


def write_zip(
    path: Path, top: str, target: Target, *, wheels: Path, guide: Path, fill: dict[str, str]
) -> None:
    """The bundle's zip: one folder ``top`` with the scripts, guide, blank plan and wheels."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as bundle:
        for name in (*target.scripts, *COMMON_FILES):
            text = (INSTALLER / name).read_text(encoding="utf-8")
            for key, value in fill.items():
                text = text.replace(f"@{key}@", value)
            _add(bundle, f"{top}/{name}", _encoded(name, text), executable=name.endswith(".sh"))
        _add(bundle, f"{top}/przewodnik.pdf", guide.read_bytes())
        for wheel in sorted(wheels.glob("*.whl")):  # a wheel is a zip already: stored as it is
            _add(bundle, f"{top}/wheels/{wheel.name}", wheel.read_bytes(), compress=False)


def _encoded(name: str, text: str) -> bytes:
    """Windows scripts with CRLF; PowerShell 5 reads UTF-8 only with a byte order mark."""
    if name.endswith((".bat", ".ps1", ".txt")):
        text = text.replace("\r\n", "\n").replace("\n", "\r\n")
    data = text.encode("utf-8")
    return b"\xef\xbb\xbf" + data if name.endswith(".ps1") else data


def _add(
    bundle: zipfile.ZipFile,
    name: str,
    data: bytes,
    *,
    executable: bool = False,
    compress: bool = True,
) -> None:
    info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
    info.external_attr = (0o100755 if executable else 0o100644) << 16
    bundle.writestr(info, data)


def build(
    out: Path, *, pythons: tuple[str, ...] = PYTHONS, targets: tuple[Target, ...] = (WINDOWS, LINUX)
) -> list[Path]:
    """Build the bundles into ``out``; their paths."""
    version, extras = project()
    out.mkdir(parents=True, exist_ok=True)
    made = []
    with tempfile.TemporaryDirectory(prefix="osl-plan-dist-") as work_dir:
        work = Path(work_dir)
        wheel = build_wheel(work / "own")
        guide = work / "przewodnik.pdf"
        guide_pdf(guide)
        fill = {"VERSION": version, "REQUIREMENT": requirement(version, extras)}
        for target in targets:
            wheels = work / target.name
            wheels.mkdir()
            (wheels / wheel.name).write_bytes(wheel.read_bytes())
            download(target, wheel, extras, wheels, pythons)
            top = f"osl-plan-{version}-{target.name}"
            write_zip(out / f"{top}.zip", top, target, wheels=wheels, guide=guide, fill=fill)
            made.append(out / f"{top}.zip")
    return made


def _run(command: list[str]) -> None:
    subprocess.run(command, check=True, stdin=subprocess.DEVNULL)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m osl_plan.devtools.bundle")
    parser.add_argument("--out", type=Path, default=ROOT / "dist")
    arguments = parser.parse_args(argv)
    started = time.monotonic()
    for path in build(arguments.out):
        print(f"{path} ({path.stat().st_size / 1e6:.1f} MB)")
    print(f"done in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
