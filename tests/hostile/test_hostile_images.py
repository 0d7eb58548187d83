"""Logos and strips as cameras and image editors save them: validate and render agree.

One check (osl_plan/image.py) decides for every command; what it accepts is placed in a DOCX
without trusting the file's DPI fields (0, 1 pixel per metre, a looping Exif block).
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from builders import (
    PLAN,
    jpeg_cmyk_adobe,
    jpeg_density_zero,
    jpeg_exif_loop,
    jpeg_without_jfif,
    png_one_pixel_per_metre,
    run,
)

IMAGES: dict[str, tuple[Callable[[], bytes], str]] = {
    "cmyk-jpeg-app14": (jpeg_cmyk_adobe, "jpg"),
    "jpeg-without-jfif-or-exif": (jpeg_without_jfif, "jpg"),
    "png-phys-1-pixel-per-metre": (png_one_pixel_per_metre, "png"),
    "jfif-density-0": (jpeg_density_zero, "jpg"),
    "jpeg-looping-exif-ifd": (jpeg_exif_loop, "jpg"),
}
USES = {
    "strip": "finansowanie:\n  wzor: fers-2021-2027\n  obraz: {image}\n",
    "logo": "logo: {image}\n",
}
DAY_PLAN = PLAN.replace("marzec 2023", "12.03.2023")


def _plan(folder: Path, kind: str, use: str) -> Path:
    build, extension = IMAGES[kind]
    image = folder / f"obraz.{extension}"
    image.write_bytes(build())
    plan = folder / "plan.yaml"
    plan.write_text(DAY_PLAN + USES[use].format(image=image.name), encoding="utf-8")
    return plan


def _media(docx: Path) -> list[str]:
    with zipfile.ZipFile(docx) as archive:
        return [name for name in archive.namelist() if name.startswith("word/media/")]


@pytest.mark.parametrize("use", sorted(USES))
@pytest.mark.parametrize("kind", sorted(IMAGES))
def test_validate_and_render_agree_on_an_image(tmp_path: Path, kind: str, use: str) -> None:
    plan = _plan(tmp_path, kind, use)
    checked = run("validate", plan, cwd=tmp_path)
    assert checked.exit_code == 0, checked.stderr
    out = tmp_path / "plan.docx"
    result = run("render", plan, "-f", "docx", "-o", out, cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert "Traceback" not in result.stderr
    (media,) = _media(out)
    with zipfile.ZipFile(out) as archive:
        assert archive.read(media) == IMAGES[kind][0]()  # the file itself, unchanged
    import docx

    document = docx.Document(str(out))
    shapes = [s for part in _story_parts(document) for s in part]
    assert shapes and all(0 < cx <= 6_000_000 and cy > 0 for cx, cy in shapes)  # on the page


def _story_parts(document: object) -> list[list[tuple[int, int]]]:
    """The sizes (EMU) of every picture in the body, headers and footers."""
    from docx.oxml.ns import qn

    elements = [document.element]  # type: ignore[attr-defined]
    for section in document.sections:  # type: ignore[attr-defined]
        elements += [section.header._element, section.footer._element]
    found = []
    for element in elements:
        extents = element.iter(qn("wp:extent"))
        found.append([(int(e.get("cx")), int(e.get("cy"))) for e in extents])
    return found


@pytest.mark.parametrize("kind", sorted(IMAGES))
def test_the_attendance_list_takes_the_same_strip(tmp_path: Path, kind: str) -> None:
    plan = _plan(tmp_path, kind, "strip")
    out = tmp_path / "lista.docx"
    result = run("lista", plan, "-z", "1", "-o", out, cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert len(_media(out)) == 1


@pytest.mark.libreoffice
@pytest.mark.parametrize("kind", ["cmyk-jpeg-app14", "jpeg-looping-exif-ifd"])
def test_libreoffice_prints_the_image(tmp_path: Path, kind: str, soffice: str) -> None:
    plan = _plan(tmp_path, kind, "logo")
    out = tmp_path / "plan.pdf"
    result = run("render", plan, "-f", "pdf", "-o", out, cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    import subprocess

    listing = subprocess.run(
        ["pdfimages", "-list", str(out)], capture_output=True, text=True, check=True
    ).stdout
    assert len(listing.strip().splitlines()) == 3, listing  # the header, its rule, one image
