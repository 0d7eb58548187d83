"""Stopping cleanly: SIGTERM handled as Ctrl+C while a long job runs in the main thread.

Python turns Ctrl+C (SIGINT) into KeyboardInterrupt, so ``finally`` blocks run: temporary files
are removed and helper processes stopped. SIGTERM (``kill``, a service manager, a CI runner
cancelling a job) would end the process at once; inside :func:`sigterm_interrupts` it raises
KeyboardInterrupt too.

What a stopped run did is read from the files themselves (:func:`file_identity`): every output
is replaced atomically by a new file, so an output whose identity changed was written whole.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections.abc import Iterator
from pathlib import Path

#: What identifies a file's content: device, inode, size, modification time (None: absent).
Identity = tuple[int, int, int, int] | None


@contextlib.contextmanager
def sigterm_interrupts() -> Iterator[None]:
    """While inside, SIGTERM raises KeyboardInterrupt in the main thread (elsewhere: no change)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def file_identity(path: Path | None) -> Identity:
    """What tells a rewritten file from the one before (None: no file there)."""
    if path is None:
        return None
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)
