"""Unpacking a DOCX within stated limits, for imported plans and reference documents alike.

A DOCX is a zip of parts, and anyone can hand us one: a 0.4 MB file can inflate to gigabytes,
or hold a hundred thousand parts. Every DOCX osl-plan opens is unpacked here first, in chunks,
so that neither a part's declared size nor its actual one, the sum of them, nor the number of
parts can pass its limit. Whatever breaks a limit raises :class:`UnreadableFile` (exit code 2).
"""

from __future__ import annotations

import zipfile
import zlib
from dataclasses import dataclass
from io import BytesIO

from osl_plan.errors import UnreadableFile
from osl_plan.i18n import _, number

#: The DOCX file itself; a long plan with its images is a few megabytes.
MAX_FILE_BYTES = 100 * 1024 * 1024
#: Parts in one package; Word writes a few dozen, one per image more.
MAX_PARTS = 1_000
#: One part, uncompressed; a long plan's text is under 1 MB, a photograph a few MB.
MAX_PART_BYTES = 32 * 1024 * 1024
#: All parts together, uncompressed.
MAX_TOTAL_BYTES = 128 * 1024 * 1024
#: Uncompressed : compressed, checked for a part above 1 MB; XML compresses ~10:1, bombs 1000:1.
MAX_RATIO = 200
_CHUNK = 64 * 1024


@dataclass
class Package:
    """An open DOCX whose member list passed the limits; parts are read through :meth:`read`."""

    archive: zipfile.ZipFile
    name: str
    members: dict[str, zipfile.ZipInfo]
    #: Uncompressed bytes read so far (all parts together stay under MAX_TOTAL_BYTES).
    total: int = 0

    def read(self, member: str) -> bytes:
        """One part's bytes. Raises UnreadableFile."""
        return _read_member(self, self.members[member])


def open_package(data: bytes, name: str) -> Package:
    """The DOCX in ``data`` (``name`` in messages), its member list checked. Raises
    UnreadableFile."""
    if len(data) > MAX_FILE_BYTES:
        raise UnreadableFile(
            name,
            _("is larger than {size} MB — not a plan").format(size=MAX_FILE_BYTES // 2**20),
        )
    try:
        archive = zipfile.ZipFile(BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError):
        raise UnreadableFile(
            name,
            _("is not a DOCX file (not a zip archive) — save it as .docx"),
        ) from None
    infos = archive.infolist()
    if len(infos) > MAX_PARTS:
        archive.close()
        raise UnreadableFile(
            name,
            _("has more than {count} parts — not a Word document").format(count=number(MAX_PARTS)),
        )
    declared = sum(info.file_size for info in infos)
    if declared > MAX_TOTAL_BYTES:
        archive.close()
        raise UnreadableFile(name, _all_too_big())
    return Package(archive, name, {info.filename: info for info in infos})


def read_all(data: bytes, name: str) -> dict[str, bytes]:
    """Every part of the DOCX in ``data``, unpacked within the limits. Raises UnreadableFile."""
    package = open_package(data, name)
    with package.archive:
        return {member: package.read(member) for member in package.members}


def _all_too_big() -> str:
    return _("its parts together unpack to more than {size} MB (a zip bomb?)").format(
        size=MAX_TOTAL_BYTES // 2**20
    )


def _too_big(part: str, limit: int) -> str:
    return _("{part} unpacks to more than {size} MB (a zip bomb?)").format(
        part=part, size=limit // 2**20
    )


def _read_member(package: Package, info: zipfile.ZipInfo) -> bytes:
    """A member's bytes, refusing encryption and anything that inflates beyond the caps."""
    name = package.name
    if info.flag_bits & 0x1:
        raise UnreadableFile(name, _("is encrypted — remove the password and save it again"))
    declared = info.file_size
    if declared > 1024 * 1024 and (
        declared > MAX_PART_BYTES or declared > max(info.compress_size, 1) * MAX_RATIO
    ):
        raise UnreadableFile(name, _too_big(info.filename, MAX_PART_BYTES))
    chunks: list[bytes] = []
    size = 0
    try:
        with package.archive.open(info) as stream:
            while chunk := stream.read(_CHUNK):
                size += len(chunk)
                package.total += len(chunk)
                if size > MAX_PART_BYTES or size > info.file_size:
                    raise UnreadableFile(name, _too_big(info.filename, MAX_PART_BYTES))
                if package.total > MAX_TOTAL_BYTES:
                    raise UnreadableFile(name, _all_too_big())
                chunks.append(chunk)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError):
        raise UnreadableFile(
            name, _("is damaged ({part}) — save it again").format(part=info.filename)
        ) from None
    except RuntimeError:  # zipfile's "password required"
        raise UnreadableFile(
            name, _("is encrypted — remove the password and save it again")
        ) from None
    return b"".join(chunks)
