"""Writing results: atomically, never over an input, never leaving a partial file.

A regular file (or a new name) is written to a temporary file in the same folder and renamed into
place. A special file the user names on purpose is written as a stream: a character device such
as ``/dev/null`` or a pipe that a program reads; it is never replaced by a rename. Every file a
command reads (the plan, a reference document, templates, the strip image) is remembered with
:func:`remember_input`, and no output is written over one of them.

Commands whose output is the user's own file to edit (``new``, ``import``) pass
``overwrite=False``: an existing regular file (or one a link points to) is then refused, and the
finished file is put in place with a hard link, which fails if the name was taken meanwhile.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
import time
from pathlib import Path

from osl_plan.errors import OutputError, os_reason
from osl_plan.i18n import _, ngettext, number

#: The longest file name most file systems allow, in bytes.
MAX_NAME_BYTES = 255
#: Files (device, inode) read by this process: an output may not replace any of them.
_read: set[tuple[int, int]] = set()


def remember_input(path: Path | str) -> None:
    """Note that this command reads ``path``: no output of it may be written over that file."""
    with contextlib.suppress(OSError, ValueError):
        info = os.stat(path)
        if stat.S_ISREG(info.st_mode):
            _read.add((info.st_dev, info.st_ino))


def forget_inputs() -> None:
    """Forget the files remembered by :func:`remember_input` (a new command starts)."""
    _read.clear()


def check_target(target: Path, *, inputs: list[Path], overwrite: bool = True) -> None:
    """Refuse a target that is an input, or whose folder is missing; without ``overwrite``
    also an existing regular file. Raises OutputError."""
    _check_name(target)
    for source in inputs:
        if _same_file(target, source):
            raise OutputError(target, _("is the input plan; choose another output with -o"))
    info = _target_stat(target)
    if info is not None and (info.st_dev, info.st_ino) in _read:
        raise OutputError(target, _("is a file this command reads; choose another output with -o"))
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(
            target,
            _("the folder „{folder}” does not exist — create it first").format(folder=folder),
        )
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise OutputError(target, _("is a folder — give a file name"))
    if not overwrite and info is not None and stat.S_ISREG(info.st_mode):
        raise OutputError(target, _exists())


def _exists() -> str:
    return _("already exists — choose another name with -o, or add --overwrite to replace it")


def _check_name(target: Path) -> None:
    size = len(os.fsencode(target.name))
    if size > MAX_NAME_BYTES:
        raise OutputError(
            target,
            ngettext(
                "the file name is {size} byte long, more than {limit} — choose a shorter name",
                "the file name is {size} bytes long, more than {limit} — choose a shorter name",
                size,
            ).format(size=number(size), limit=number(MAX_NAME_BYTES)),
        )


def _same_file(target: Path, source: Path) -> bool:
    with contextlib.suppress(OSError, ValueError):
        if os.path.samefile(target, source):
            return True
    try:
        return target.resolve() == source.resolve()
    except (OSError, RuntimeError, ValueError):  # a loop of links is reported when writing
        return False


def _target_stat(target: Path) -> os.stat_result | None:
    """What the target is (following links); None when it does not exist yet."""
    try:
        return os.stat(target)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise OutputError(target, _reason(error)) from None


def write_atomic(
    target: Path, data: bytes, *, overwrite: bool = True, durable: bool = True
) -> None:
    """Write ``data`` to ``target`` via a temporary file in the same folder and a rename.

    A crash or a kill leaves either the old file or the new one, never a mix. A special file
    (a character device, a pipe) is written as a stream instead. Without ``overwrite`` an
    existing file is left as it is and refused. Without ``durable`` the data is not forced to
    the disk before the rename (a power cut may then leave the old file, or an empty one, on a
    file system that does not order the two): for copies kept elsewhere too. Raises OutputError.
    """
    _check_name(target)
    info = _target_stat(target)
    if info is not None and (info.st_dev, info.st_ino) in _read:
        raise OutputError(target, _("is a file this command reads; choose another output with -o"))
    if info is not None and not stat.S_ISREG(info.st_mode):
        _write_special(target, info, data)
        return
    if target.is_symlink():
        # Replace the file the link points to, in its own folder; the link stays a link.
        target = Path(os.path.realpath(target))
    folder = target.parent if str(target.parent) else Path(".")
    _remove_stale_temporaries(folder, target.name)
    try:
        handle, temporary = tempfile.mkstemp(
            prefix=_temporary_prefix(target.name), suffix=".tmp", dir=folder
        )
    except OSError as error:
        raise OutputError(target, _reason(error)) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            if durable:
                os.fsync(stream.fileno())
        _keep_mode(target, temporary)
        if overwrite:
            os.replace(temporary, target)
        else:
            _place_new(temporary, target)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise OutputError(target, _reason(error)) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    from osl_plan.folder_version import record_writer

    record_writer(folder)


def _place_new(temporary: str, target: Path) -> None:
    """Give the finished temporary file the name ``target``, which must not exist: a hard link
    fails atomically when it does. Where the file system has no hard links (FAT, some network
    shares): a last check, then the rename."""
    try:
        os.link(temporary, target)
    except FileExistsError:
        raise OutputError(target, _exists()) from None
    except OSError:
        if os.path.lexists(target):
            raise OutputError(target, _exists()) from None
        os.replace(temporary, target)
        return
    with contextlib.suppress(OSError):  # the file is in place; a leftover is cleaned up later
        os.unlink(temporary)


def _reason(error: OSError) -> str:
    if error.errno == errno.ELOOP:
        return _("the path is a loop of symbolic links — check the links or choose another output")
    if error.errno == errno.ENAMETOOLONG:
        return _("the path is too long — choose a shorter name")
    return _("cannot be written: {reason}").format(reason=os_reason(error))


def _write_special(target: Path, info: os.stat_result, data: bytes) -> None:
    """A pipe or a character device gets the bytes as a stream; anything else is refused."""
    if not (stat.S_ISFIFO(info.st_mode) or stat.S_ISCHR(info.st_mode)):
        raise OutputError(
            target, _("is not a regular file, a pipe or a character device — choose a file name")
        )
    try:
        # Non-blocking open: a pipe nobody reads fails at once instead of waiting forever.
        handle = os.open(target, os.O_WRONLY | os.O_NONBLOCK | os.O_NOCTTY)
    except OSError as error:
        if error.errno == errno.ENXIO:
            raise OutputError(
                target, _("is a pipe that no program reads — start the reader first")
            ) from None
        raise OutputError(target, _reason(error)) from None
    try:
        os.set_blocking(handle, True)
        view = memoryview(data)
        while view:
            view = view[os.write(handle, view) :]
    except OSError as error:
        raise OutputError(target, _reason(error)) from None
    finally:
        os.close(handle)


#: A temporary file this old belongs to a run that was killed, not to one still writing.
STALE_AFTER_SECONDS = 3600
#: Room for mkstemp's random part and the ``.tmp`` suffix in a name of MAX_NAME_BYTES.
_TEMPORARY_EXTRA = 16


def _temporary_prefix(name: str) -> str:
    """``.name.``, shortened (whole characters) so the temporary's name stays within the limit."""
    room = MAX_NAME_BYTES - _TEMPORARY_EXTRA - 2
    encoded = os.fsencode(name)
    if len(encoded) > room:
        encoded = encoded[:room]
        name = os.fsdecode(encoded)
        while len(os.fsencode(name)) > room:  # a cut inside a character
            name = name[:-1]
    return f".{name}."


def _remove_stale_temporaries(folder: Path, name: str) -> None:
    """Delete what killed runs left behind for this output: ``.name.XXXXXXXX.tmp`` exactly."""
    prefix = _temporary_prefix(name)
    cutoff = time.time() - STALE_AFTER_SECONDS
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        middle = entry.name[len(prefix) : -len(".tmp")]
        if not (entry.name.startswith(prefix) and entry.name.endswith(".tmp")):
            continue
        if len(middle) != 8 or not all(c.isalnum() or c == "_" for c in middle):
            continue
        with contextlib.suppress(OSError):
            if entry.is_file(follow_symlinks=False) and entry.stat().st_mtime < cutoff:
                os.unlink(entry.path)


def _keep_mode(target: Path, temporary: str) -> None:
    """New files get the usual permissions (mkstemp makes them private)."""
    try:
        mode = target.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    os.chmod(temporary, mode)
