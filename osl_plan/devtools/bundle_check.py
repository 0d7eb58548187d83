"""Is a folder of wheels complete for one system and Python version? Checked without pip.

``pip download --platform`` and ``pip install --platform`` pick wheels for another system, but
evaluate the requirements' markers (``; sys_platform == "win32"``) for the computer they run on;
a Windows-only dependency would be missed by both. :func:`unmet` walks the requirements from
osl-plan down, evaluating every marker for the target system, and names each requirement no wheel
in the folder meets (name, version and tags).
"""

from __future__ import annotations

from collections.abc import Iterator
from email.parser import BytesParser
from pathlib import Path
from zipfile import ZipFile

from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.tags import Tag, compatible_tags, cpython_tags
from packaging.utils import canonicalize_name, parse_wheel_filename

#: The marker variables of each system the bundle is for.
SYSTEMS = {
    "windows": {"sys_platform": "win32", "platform_system": "Windows", "os_name": "nt",
                "platform_machine": "AMD64"},
    "linux": {"sys_platform": "linux", "platform_system": "Linux", "os_name": "posix",
              "platform_machine": "x86_64"},
}  # fmt: skip
PLATFORM_TAGS = {
    "windows": ["win_amd64"],
    "linux": [f"manylinux_2_{minor}_x86_64" for minor in range(28, 4, -1)]
    + ["manylinux2014_x86_64", "manylinux2010_x86_64", "manylinux1_x86_64"],
}


def unmet(wheels: Path, requirement: str, *, python: str, system: str) -> list[str]:
    """The requirements (from ``requirement`` down) that no wheel in ``wheels`` meets."""
    major, minor = (int(part) for part in python.split("."))
    tags = set(cpython_tags((major, minor), platforms=PLATFORM_TAGS[system]))
    tags |= set(compatible_tags((major, minor), platforms=PLATFORM_TAGS[system]))
    environment = {key: str(value) for key, value in default_environment().items()}
    environment |= SYSTEMS[system]
    environment |= {"python_version": python, "python_full_version": f"{python}.0"}
    available = list(_wheels(wheels, tags))
    missing: list[str] = []
    seen: set[tuple[str, str]] = set()
    todo = [(Requirement(requirement), "")]
    while todo:
        wanted, extra = todo.pop()
        if wanted.marker is not None and not wanted.marker.evaluate(environment | {"extra": extra}):
            continue
        key = (
            canonicalize_name(wanted.name),
            ",".join(sorted(wanted.extras)) + str(wanted.specifier),
        )
        if key in seen:
            continue
        seen.add(key)
        match = next((w for w in available if _meets(w, wanted)), None)
        if match is None:
            missing.append(str(wanted))
            continue
        for needed in _requires(match[2]):
            for chosen in sorted(wanted.extras) or [""]:
                todo.append((needed, chosen))
    return sorted(set(missing))


def without_marker(requirement: str) -> str:
    """``colorama>=0.4; platform_system == "Windows"`` as ``colorama>=0.4``, for pip download."""
    wanted = Requirement(requirement)
    wanted.marker = None
    return str(wanted)


def _wheels(folder: Path, tags: set[Tag]) -> Iterator[tuple[str, str, Path]]:
    for path in sorted(folder.glob("*.whl")):
        name, version, _, wheel_tags = parse_wheel_filename(path.name)
        if wheel_tags & tags:
            yield canonicalize_name(name), str(version), path


def _meets(wheel: tuple[str, str, Path], wanted: Requirement) -> bool:
    name, version, _ = wheel
    return name == canonicalize_name(wanted.name) and wanted.specifier.contains(
        version, prereleases=True
    )


def _requires(wheel: Path) -> list[Requirement]:
    with ZipFile(wheel) as archive:
        [metadata] = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
        message = BytesParser().parsebytes(archive.read(metadata), headersonly=True)
    return [Requirement(line) for line in message.get_all("Requires-Dist") or []]
