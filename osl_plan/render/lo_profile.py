"""Private LibreOffice profiles (``-env:UserInstallation``) for the conversions.

LibreOffice keeps its settings and caches in a profile folder, and two running instances cannot
share one. A new profile costs its first start a few tenths of a second, so profiles are kept
in the user's cache (``$XDG_CACHE_HOME/osl-plan/libreoffice/``, else ``~/.cache/…``) in numbered
slots. A slot is used by one process at a time: its lock file is held (``flock``) for as long as
a conversion runs, so parallel runs of osl-plan take different slots. A profile that was not
finished cleanly (no ``ready`` mark, e.g. the run was killed on its first start) is wiped before
use. Where the cache cannot be used (missing or read-only home, a folder owned by someone else,
no ``flock``), a temporary profile is made instead, inside the conversion's own temporary folder.

Every profile, cached or temporary, gets our settings written before each start: documents may
not fetch linked files (``BlockUntrustedRefererLinks``: no image from ``http://`` or ``file://``
is ever loaded) and the internet proxy points nowhere, so a conversion never reaches the network.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from osl_plan import user_cache

#: Raised when the profile layout changes, so that old cached profiles are not reused.
PROFILE_VERSION = 1
#: Slots tried before falling back to a temporary profile (parallel runs × cores).
SLOTS = 32
_READY = "osl-plan-ready"
#: Where LibreOffice makes its pipes on Linux and macOS (the second when there is no /tmp).
_PIPE_FOLDERS = (Path("/tmp"), Path("/var/tmp"))
_XCU = "registrymodifications.xcu"
_XCU_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
    'xmlns:xs="http://www.w3.org/2001/XMLSchema" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
)
_XCU_TAIL = "</oor:items>\n"
#: (path, property, value): never load linked content; no route to the network.
_SETTINGS = (
    ("/org.openoffice.Office.Common/Security/Scripting", "BlockUntrustedRefererLinks", "true"),
    ("/org.openoffice.Inet/Settings", "ooInetProxyType", "2"),
    ("/org.openoffice.Inet/Settings", "ooInetHTTPProxyName", "127.0.0.1"),
    ("/org.openoffice.Inet/Settings", "ooInetHTTPProxyPort", "9"),
    ("/org.openoffice.Inet/Settings", "ooInetHTTPSProxyName", "127.0.0.1"),
    ("/org.openoffice.Inet/Settings", "ooInetHTTPSProxyPort", "9"),
    ("/org.openoffice.Inet/Settings", "ooInetFTPProxyName", "127.0.0.1"),
    ("/org.openoffice.Inet/Settings", "ooInetFTPProxyPort", "9"),
    ("/org.openoffice.Inet/Settings", "ooInetNoProxy", ""),
)


@dataclass(eq=False)
class Profile:
    """One profile folder, ours until :meth:`release`."""

    path: Path
    cached: bool
    _lock: IO[bytes] | None = None

    @property
    def url(self) -> str:
        """The ``-env:UserInstallation`` value."""
        return self.path.as_uri()

    def prepare(self) -> None:
        """Before each start: a profile not finished cleanly is wiped; our settings are written."""
        if self.cached and not (self.path / _READY).is_file():
            shutil.rmtree(self.path, ignore_errors=True)
        user = self.path / "user"
        user.mkdir(parents=True, exist_ok=True, mode=0o700)
        _write_settings(user / _XCU)

    def mark_ready(self) -> None:
        """After a clean run: the profile may be reused as it is."""
        if self.cached:
            with contextlib.suppress(OSError):
                (self.path / _READY).touch()

    def discard(self) -> None:
        """After a failed start: the next start begins from a new profile."""
        with contextlib.suppress(OSError):
            (self.path / _READY).unlink()
        shutil.rmtree(self.path, ignore_errors=True)

    def remove_pipes(self, *names: str) -> None:
        """Once the LibreOffice that used this profile has ended: remove the pipes it left
        (when it was killed or crashed; one that quits removes them itself). LibreOffice makes
        them in /tmp whatever $TMPDIR says: one for the profile (``SingleOfficeIPC_`` and the
        MD5 of the profile's URL as UTF-16, each byte in hex without a leading zero), and one
        for each ``--accept`` pipe ``names``. The profile is this process's alone while it runs,
        so a pipe of those names is that LibreOffice's. (Windows: pipes are not files.)"""
        getuid = getattr(os, "getuid", None)
        if getuid is None:  # pragma: no cover - Windows
            return
        digest = hashlib.md5(self.url.encode("utf-16-le"), usedforsecurity=False).digest()
        own = "SingleOfficeIPC_" + "".join(f"{byte:x}" for byte in digest)
        for folder in _PIPE_FOLDERS:
            for name in (own, *names):
                pipe = folder / f"OSL_PIPE_{getuid()}_{name}"
                with contextlib.suppress(OSError):
                    if stat.S_ISSOCK(pipe.lstat().st_mode):
                        pipe.unlink()

    def release(self) -> None:
        if self._lock is not None:
            self._lock.close()  # closing the file releases the flock
            self._lock = None


def acquire(fallback: Path) -> Profile:
    """A cached profile slot that no other process holds, else a temporary one in ``fallback``.

    ``fallback`` must be a fresh folder of the caller's (removed by the caller). Never raises for
    an unusable cache.
    """
    root = _cache_root()
    if root is not None:
        for slot in range(SLOTS):
            lock = _try_lock(root / f"profile-{slot}.lock")
            if lock is not None:
                return Profile(root / f"profile-{slot}", cached=True, _lock=lock)
    return Profile(fallback, cached=False)


def cache_root() -> Path:
    """Where the cached profiles live (it may not exist)."""
    return user_cache.folder(f"libreoffice-{PROFILE_VERSION}")


def _cache_root() -> Path | None:
    """The cache folder when it is usable: ours, private, writable; else None."""
    try:
        import fcntl  # noqa: F401  (POSIX only)
    except ImportError:  # pragma: no cover - Windows: temporary profiles
        return None
    return user_cache.usable(f"libreoffice-{PROFILE_VERSION}", create=True)


def _try_lock(path: Path) -> IO[bytes] | None:
    import fcntl

    try:
        handle = open(path, "ab")  # noqa: SIM115 - kept open while the slot is ours
    except OSError:
        return None
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        return None
    return handle


def _write_settings(xcu: Path) -> None:
    """Put our settings into the profile's settings file, keeping everything else in it."""
    try:
        old = xcu.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        old = ""
    names = tuple(f'oor:name="{name}"' for _, name, _ in _SETTINGS)
    kept = [
        line
        for line in old.splitlines(keepends=True)[2:]  # the XML declaration and the root element
        if line.startswith("<item ") and not any(name in line for name in names)
    ]
    ours = [
        f'<item oor:path="{path}"><prop oor:name="{name}" oor:op="fuse"><value>{value}</value>'
        "</prop></item>\n"
        for path, name, value in _SETTINGS
    ]
    xcu.write_text(_XCU_HEAD + "".join(kept + ours) + _XCU_TAIL, encoding="utf-8")
