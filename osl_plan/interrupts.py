"""Stopping cleanly: SIGTERM handled as Ctrl+C while a long job runs in the main thread.

Python turns Ctrl+C (SIGINT) into KeyboardInterrupt, so ``finally`` blocks run: temporary files
are removed and helper processes stopped. SIGTERM (``kill``, a service manager, a CI runner
cancelling a job) would end the process at once; inside :func:`sigterm_interrupts` it raises
KeyboardInterrupt too.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator


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
