"""osl-plan's folders in the user's cache: ``$XDG_CACHE_HOME/osl-plan/``, else
``~/.cache/osl-plan/``.

What is kept there (DOCX skeletons, compiled templates, LibreOffice profiles) only saves work: a
folder that is missing, read-only or someone else's, or a file that is damaged, means the work is
done as without it; nothing here raises.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def folder(name: str) -> Path:
    """The cache folder called ``name`` (it may not exist)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path("~/.cache").expanduser())
    return Path(base) / "osl-plan" / name


def usable(name: str, *, create: bool) -> Path | None:
    """The cache folder called ``name`` when it is ours, private and writable (made when
    ``create``); else None."""
    path = folder(name)
    if not path.is_absolute() or str(path).startswith("~"):
        return None  # no home folder to expand
    try:
        if create:
            path.mkdir(parents=True, exist_ok=True, mode=0o700)
        info = path.stat()
    except OSError:
        return None
    getuid = getattr(os, "getuid", None)
    if getuid is not None and (info.st_uid != getuid() or info.st_mode & 0o077):
        return None  # someone else's folder, or one others may change
    if create and not os.access(path, os.W_OK):
        return None
    return path


def identity(path: Path) -> tuple[str, int, int]:
    """What a kept file's key says of a file it was made from: its path, modification time and
    size (-1 for both when it cannot be read), so that a changed file makes another key."""
    try:
        info = path.stat()
    except OSError:
        return (str(path), -1, -1)
    return (str(path), info.st_mtime_ns, info.st_size)


def keep(path: Path, data: bytes, *, kept: int) -> None:
    """Write ``data`` to ``path`` in a cache folder whole (a reader never sees part of it), then
    keep the newest ``kept`` files of its kind (its suffix) there. An error only means it is
    not kept."""
    with contextlib.suppress(OSError):
        handle, temporary = tempfile.mkstemp(prefix=".new.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.replace(temporary, path)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
        files = sorted(
            path.parent.glob(f"*{path.suffix}"), key=lambda p: p.stat().st_mtime_ns, reverse=True
        )
        for old in files[kept:]:
            old.unlink()
