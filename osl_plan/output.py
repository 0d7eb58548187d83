"""Writing results: atomically, never over the input, never leaving a partial file."""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from pathlib import Path

from osl_plan.errors import OutputError
from osl_plan.i18n import _


def check_target(target: Path, *, inputs: list[Path]) -> None:
    """Refuse a target that is an input, or whose folder is missing. Raises OutputError."""
    for source in inputs:
        with contextlib.suppress(OSError):
            if target.resolve() == source.resolve():
                raise OutputError(target, _("is the input plan; choose another output with -o"))
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(
            target,
            _("the folder „{folder}” does not exist — create it first").format(folder=folder),
        )
    if target.is_dir():
        raise OutputError(target, _("is a folder — give a file name"))


def write_atomic(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` via a temporary file in the same folder and a rename.

    A crash or a kill leaves either the old file or the new one, never a mix. Raises OutputError.
    """
    folder = target.parent if str(target.parent) else Path(".")
    _remove_stale_temporaries(folder, target.name)
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise OutputError(target, _cannot_write(error)) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        _keep_mode(target, temporary)
        os.replace(temporary, target)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise OutputError(target, _cannot_write(error)) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _cannot_write(error: OSError) -> str:
    return _("cannot be written: {reason}").format(reason=error.strerror or error)


#: A temporary file this old belongs to a run that was killed, not to one still writing.
STALE_AFTER_SECONDS = 3600


def _remove_stale_temporaries(folder: Path, name: str) -> None:
    """Delete what killed runs left behind for this output (hidden ``.name.*.tmp`` files)."""
    cutoff = time.time() - STALE_AFTER_SECONDS
    for leftover in folder.glob(f".{name}.*.tmp"):
        with contextlib.suppress(OSError):
            if leftover.stat().st_mtime < cutoff:
                leftover.unlink()


def _keep_mode(target: Path, temporary: str) -> None:
    """New files get the usual permissions (mkstemp makes them private)."""
    try:
        mode = target.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    os.chmod(temporary, mode)
