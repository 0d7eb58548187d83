"""The one writer of DOCX packages: deflated parts into a zip archive, byte for byte the same
for the same parts and time.

Every DOCX osl-plan writes (a plan, a report, an attendance list, a redline, the package a
reference document is rebuilt into) is zipped here. Parts are deflated once (:func:`deflate`, or
:func:`deflate_stream` for a body too large to hold twice) and may be copied between documents
as they are: a skeleton's fixed parts are compressed once per process. Reading a DOCX is
:mod:`osl_plan.docx_zip`'s.
"""

from __future__ import annotations

import datetime as dt
import struct
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from osl_plan.errors import OutputError
from osl_plan.i18n import _

_ZIP_LIMIT = 0xFFFFFFFF
#: zlib's default level: see :mod:`osl_plan.render.docx_package` for why not 9.
LEVEL = 6
#: The time written for every part when none is given (zip's earliest).
EPOCH = dt.datetime(1980, 1, 1)


@dataclass(frozen=True, slots=True)
class Part:
    """One zip entry, deflated: name, CRC-32, size and compressed bytes."""

    name: str
    crc: int
    size: int
    data: bytes

    def inflated(self) -> bytes:
        """The part's uncompressed bytes."""
        return zlib.decompress(self.data, -15)


def deflate(name: str, data: bytes, level: int = LEVEL) -> Part:
    """``data`` deflated as the part ``name``."""
    compressor = zlib.compressobj(level, zlib.DEFLATED, -15)
    return Part(name, zlib.crc32(data), len(data), compressor.compress(data) + compressor.flush())


def deflate_stream(name: str, chunks: Iterable[bytes], level: int = LEVEL) -> Part:
    """The part ``name`` deflated from ``chunks`` as they come."""
    compressor = zlib.compressobj(level, zlib.DEFLATED, -15)
    crc, size, out = 0, 0, []
    for chunk in chunks:
        crc = zlib.crc32(chunk, crc)
        size += len(chunk)
        out.append(compressor.compress(chunk))
    out.append(compressor.flush())
    return Part(name, crc, size, b"".join(out))


def package_bytes(parts: Mapping[str, bytes], when: dt.datetime = EPOCH) -> bytes:
    """A zip of ``parts`` (name -> uncompressed bytes) in their order. Raises OutputError."""
    return zip_bytes((deflate(name, data) for name, data in parts.items()), when)


def _dos_time(when: dt.datetime) -> tuple[int, int]:
    when = max(when, EPOCH)
    time = (when.hour << 11) | (when.minute << 5) | (when.second // 2)
    date = ((when.year - 1980) << 9) | (when.month << 5) | when.day
    return time, date


def zip_bytes(parts: Iterable[Part], when: dt.datetime) -> bytes:
    """A zip archive of deflated parts (no zip64: a DOCX part stays far below 4 GB). Raises
    OutputError."""
    time, date = _dos_time(when)
    out: list[bytes] = []
    directory: list[bytes] = []
    offset = 0
    count = 0
    for part in parts:
        name = part.name.encode("utf-8")
        if max(part.size, len(part.data), offset) >= _ZIP_LIMIT:
            raise OutputError(part.name, _("the document is too large for a DOCX file"))
        fields = (20, 0x800, 8, time, date, part.crc, len(part.data), part.size, len(name), 0)
        local = struct.pack("<IHHHHHIIIHH", 0x04034B50, *fields) + name
        directory.append(
            struct.pack("<IH", 0x02014B50, 20)
            + struct.pack("<HHHHHIIIHH", *fields)
            + struct.pack("<HHHII", 0, 0, 0, 0, offset)
            + name
        )
        out += (local, part.data)
        offset += len(local) + len(part.data)
        count += 1
    central = b"".join(directory)
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, len(central), offset, 0)
    return b"".join(out) + central + end
