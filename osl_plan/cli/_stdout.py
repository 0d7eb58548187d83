"""Standard output that fails cleanly: a full disk, a closed pipe or a closed descriptor is an
error message and exit code 2, never a traceback or an internal error."""

from __future__ import annotations

import contextlib
import errno
import io
import os
import select
import sys

from osl_plan.errors import OutputError, os_reason
from osl_plan.i18n import _


class StdoutFailed(OutputError):
    """Writing to standard output failed (disk full, pipe closed, descriptor closed)."""

    def __init__(self, error: OSError) -> None:
        reason = os_reason(error)
        if error.errno == errno.EBADF:
            reason = _("standard output is closed")
        super().__init__("<stdout>", _("cannot be written: {reason}").format(reason=reason))


class _GuardedOutput(io.RawIOBase):
    """File descriptor 1; the first failed write raises StdoutFailed, later ones are dropped."""

    def __init__(self, closed: bool) -> None:
        super().__init__()
        self.is_closed_fd = closed
        self.failed = False

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return 1

    def isatty(self) -> bool:
        return not self.is_closed_fd and os.isatty(1)

    def write(self, data: bytes | bytearray | memoryview) -> int:  # type: ignore[override]
        size = len(data)
        if self.failed:
            return size
        try:
            if self.is_closed_fd:
                raise OSError(errno.EBADF, os.strerror(errno.EBADF))
            while True:
                try:
                    return os.write(1, data)
                except BlockingIOError:  # a non-blocking descriptor (some CI runners): wait
                    select.select([], [1], [])
        except OSError as error:
            self.failed = True
            raise StdoutFailed(error) from None


def guard_stdout() -> None:
    """Replace sys.stdout by a guarded one; a closed descriptor 1 is held by /dev/null so that no
    file opened later can take its number (and receive the output)."""
    closed = False
    for fd in (1, 2):
        try:
            os.fstat(fd)
        except OSError:
            if fd == 1:
                closed = True
            handle = os.open(os.devnull, os.O_RDWR)
            if handle != fd:
                os.dup2(handle, fd)
                os.close(handle)
    if sys.stderr is None:
        sys.stderr = io.TextIOWrapper(io.FileIO(2, "w", closefd=False), write_through=True)
    raw = _GuardedOutput(closed)
    buffered = io.BufferedWriter(raw)  # type: ignore[type-var]
    encoding = sys.stdout.encoding if sys.stdout is not None else "utf-8"
    errors = sys.stdout.errors if sys.stdout is not None else "strict"
    sys.stdout = io.TextIOWrapper(
        buffered, encoding=encoding, errors=errors, line_buffering=raw.isatty()
    )


def flush_stdout() -> None:
    """Flush what is left; raises StdoutFailed when it cannot be written."""
    with contextlib.suppress(ValueError):  # already closed
        sys.stdout.flush()
