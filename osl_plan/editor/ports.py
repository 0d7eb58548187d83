"""The editor's port for a folder: the same on every start, so the page's address stays the same.

Kept apart from :mod:`.server` (which needs the web extra) so that ``osl-plan doktor`` can name
the port without it.
"""

from __future__ import annotations

import zlib
from pathlib import Path

#: The ports a folder's own port is chosen from: above the usual servers', below the range
#: systems hand out for outgoing connections.
FOLDER_PORTS = (20000, 30000)


def folder_port(folder: Path) -> int:
    """The port the editor of ``folder`` takes when it is free: the same on every start, so
    the page's address – and what the browser keeps for it (static/drafts.js) – stays the same."""
    low, high = FOLDER_PORTS
    return low + zlib.crc32(str(folder.resolve()).encode("utf-8")) % (high - low)
