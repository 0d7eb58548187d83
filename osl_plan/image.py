"""Strip and logo images: read only from a regular file of bounded size, checked whole.

Every command that looks at ``finansowanie.obraz`` (validate, render, diff, the git driver) reads
it through :func:`read_image`, so a pipe, a device or a huge file never blocks or fills memory,
and a damaged picture is a located message instead of a crash in a renderer.
"""

from __future__ import annotations

import errno
import os
import stat
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path

from osl_plan.errors import os_reason
from osl_plan.i18n import _, number
from osl_plan.output import remember_input

#: A strip of logos is a few hundred kilobytes; the official files are far below this.
MAX_IMAGE_BYTES = 10 * 1024 * 1024
#: Wider or taller than any printed strip needs (an A4 page at 600 dpi is 7,000 pixels wide).
MAX_IMAGE_PIXELS = 20_000
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_JPEG_SOF = frozenset(
    {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}
)
_JPEG_NO_LENGTH = frozenset({0x01, *range(0xD0, 0xD9)})


class ImageProblem(Exception):
    """The image cannot be used: what is wrong and how to fix it."""

    def __init__(self, message: str, hint: str, code: str = "image-format") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        #: The problem code (osl_plan/codes.py): unreadable (what the file is) or format.
        self.code = code


@dataclass(frozen=True, slots=True)
class StripImage:
    """A checked image: its type, size in pixels and bytes."""

    mime: str
    width: int
    height: int
    data: bytes


def read_image(path: Path, name: str | None = None) -> StripImage:
    """The image at ``path`` (called ``name`` in messages), checked whole.

    Raises ImageProblem, or FileNotFoundError when there is no such file.
    """
    name = str(path) if name is None else name
    checked = check_image(_read_regular(path, name), name)
    remember_input(path)
    return checked


def check_image(data: bytes, name: str) -> StripImage:
    """``data`` as a PNG or JPEG image, checked whole (also for an image inside a reference
    document). Raises ImageProblem."""
    if data.startswith(PNG_SIGNATURE):
        width, height = _png_size(data, name)
        mime = "image/png"
    elif data.startswith(b"\xff\xd8"):
        width, height = _jpeg_size(data, name)
        mime = "image/jpeg"
    else:
        raise ImageProblem(
            _("the image „{file}” is not a PNG or JPEG image").format(file=name),
            _("export the strip as PNG (the official files are published as PNG and JPEG)"),
        )
    if not (0 < width <= MAX_IMAGE_PIXELS and 0 < height <= MAX_IMAGE_PIXELS):
        raise ImageProblem(
            _(
                "the image „{file}” is {width}×{height} pixels; "
                "an image has 1 to {limit} pixels a side"
            ).format(file=name, width=width, height=height, limit=number(MAX_IMAGE_PIXELS)),
            _("export the image again at its normal size"),
        )
    return StripImage(mime, width, height, data)


def _read_regular(path: Path, name: str) -> bytes:
    """At most MAX_IMAGE_BYTES of a regular file; a pipe or a device is refused without waiting."""
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY)
    except OSError as error:
        if error.errno in (errno.ENOENT, errno.ENOTDIR):
            raise FileNotFoundError(error.errno, error.strerror) from None
        raise ImageProblem(
            _("the image „{file}” cannot be read: {reason}").format(
                file=name, reason=os_reason(error)
            ),
            _("check the file"),
            "image-unreadable",
        ) from None
    if not stat.S_ISREG(os.fstat(handle).st_mode):
        os.close(handle)
        raise ImageProblem(
            _("the image „{file}” is not a regular file (a folder, a pipe or a device)").format(
                file=name
            ),
            _("give the path of a PNG or JPEG file"),
            "image-unreadable",
        )
    with os.fdopen(handle, "rb") as stream:
        data = stream.read(MAX_IMAGE_BYTES + 1)
    if len(data) > MAX_IMAGE_BYTES:
        raise ImageProblem(
            _("the image „{file}” is larger than {size} MB").format(
                file=name, size=MAX_IMAGE_BYTES // (1024 * 1024)
            ),
            _("a strip or a logo is a few hundred kilobytes; export it again at its normal size"),
            "image-unreadable",
        )
    return data


def _damaged(kind: str, name: str) -> ImageProblem:
    return ImageProblem(
        _("the image „{file}” is a damaged {kind} file (cut short or not a real picture)").format(
            file=name, kind=kind
        ),
        _("export the image again, or download the official file once more"),
    )


def _png_size(data: bytes, name: str) -> tuple[int, int]:
    """Width and height from IHDR; every chunk must be whole, with its checksum, up to IEND."""
    at = len(PNG_SIGNATURE)
    size: tuple[int, int] | None = None
    while at + 12 <= len(data):
        (length,) = struct.unpack_from(">I", data, at)
        kind = data[at + 4 : at + 8]
        end = at + 12 + length
        if end > len(data):
            break
        (crc,) = struct.unpack_from(">I", data, end - 4)
        if zlib.crc32(data[at + 4 : end - 4]) != crc:
            break
        if size is None:
            if kind != b"IHDR" or length != 13:
                break
            size = struct.unpack_from(">II", data, at + 8)
        if kind == b"IEND":
            if size is None:
                break
            return size
        at = end
    raise _damaged("PNG", name)


def _jpeg_size(data: bytes, name: str) -> tuple[int, int]:
    """Width and height from the frame header (SOF), which must come before the image data."""
    at = 2
    while at + 4 <= len(data):
        if data[at] != 0xFF:
            break
        marker = data[at + 1]
        if marker == 0xFF:  # fill byte
            at += 1
            continue
        if marker in _JPEG_NO_LENGTH:
            at += 2
            continue
        (length,) = struct.unpack_from(">H", data, at + 2)
        if length < 2 or at + 2 + length > len(data):
            break
        if marker in _JPEG_SOF:
            if length < 7:
                break
            height, width = struct.unpack_from(">HH", data, at + 5)
            return width, height
        if marker in (0xDA, 0xD9):  # image data or the end, and no frame header before it
            break
        at += 2 + length
    raise _damaged("JPEG", name)
