"""Unpack limits: every DOCX osl-plan opens — a plan to import, a reference document for render,
report and lista — is unpacked within the same limits (osl_plan/docx_zip.py)."""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest
from builders import PLAN, clean, plain_docx_parts, run, zipped

from osl_plan import docx_zip

PREVIOUS = b"previous output, must survive\n"
DAY_PLAN = PLAN.replace("marzec 2023", "12.03.2023")


@cache
def _sparse_noise(size: int) -> bytes:
    """Mostly zeros with two random bytes in every 256: it deflates about 50:1, under the ratio
    a bomb shows, so only the limits on sizes can stop it."""
    return b"".join(os.urandom(2) + bytes(254) for _ in range(size // 256))


def total_bomb() -> bytes:
    """Five parts of 30 MB each: every part under its limit, together over the total."""
    parts = plain_docx_parts()
    part = _sparse_noise(30 * 1024 * 1024)
    for number in range(5):
        parts[f"word/media/obraz{number}.bin"] = part
    return zipped(parts)


def part_bomb() -> bytes:
    """One part of 400 MB of zeros in a file of 0.4 MB."""
    parts = plain_docx_parts()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
        with archive.open("word/media/image1.png", "w", force_zip64=True) as stream:
            block = bytes(1024 * 1024)
            for _ in range(400):
                stream.write(block)
    return buffer.getvalue()


def many_parts() -> bytes:
    """100,000 parts (empty files): the list alone is refused, nothing is unpacked."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for name, data in plain_docx_parts().items():
            archive.writestr(name, data)
        for number in range(100_000):
            archive.writestr(f"smieci/czesc{number}.xml", b"")
    return buffer.getvalue()


ATTACKS: dict[str, tuple[Callable[[], bytes], str]] = {
    "total-over-128-mb": (total_bomb, "its parts together unpack to more than 128 MB"),
    "part-of-400-mb": (part_bomb, "MB (a zip bomb?)"),
    "100000-parts": (many_parts, f"has more than {docx_zip.MAX_PARTS:,} parts"),
}


@cache
def _built(attack: str) -> bytes:
    """The attack's file, built once per process for the four commands it is tried on (building
    one takes about a second)."""
    return ATTACKS[attack][0]()


COMMANDS = {
    "render": ("render", "{plan}", "-f", "docx", "--reference-doc", "{docx}", "-o", "{out}"),
    "report": ("report", "{plan}", "-f", "docx", "--reference-doc", "{docx}", "-o", "{out}"),
    "lista": ("lista", "{plan}", "-z", "1", "--reference-doc", "{docx}", "-o", "{out}"),
    "import": ("import", "{docx}", "-o", "{out}", "--overwrite"),
}


@pytest.mark.slow
@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("attack", sorted(ATTACKS))
def test_a_docx_past_an_unpack_limit_is_refused(tmp_path: Path, attack: str, command: str) -> None:
    expected = ATTACKS[attack][1]
    docx = tmp_path / "wzor.docx"
    docx.write_bytes(_built(attack))
    plan = tmp_path / "plan.yaml"
    plan.write_text(DAY_PLAN, encoding="utf-8")
    out = tmp_path / ("wynik.yaml" if command == "import" else "wynik.docx")
    out.write_bytes(PREVIOUS)
    args = [a.format(plan=plan, docx=docx, out=out) for a in COMMANDS[command]]
    result = run(*args, cwd=tmp_path)
    clean(result, "wzor.docx", expected, codes=(2,))
    assert out.read_bytes() == PREVIOUS
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["wzor.docx", "plan.yaml", out.name]
    )


def test_the_limits_leave_room_for_a_real_document(tmp_path: Path) -> None:
    """A reference document with a 5 MB photograph in its header is no bomb."""
    parts = plain_docx_parts()
    parts["word/media/zdjecie.bin"] = os.urandom(5 * 1024 * 1024)
    assert len(docx_zip.read_all(zipped(parts), "wzor.docx")) == len(parts)
