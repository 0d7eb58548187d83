"""The PDF: the real LibreOffice converts the DOCX; pdftotext and pdfinfo read the result."""

from __future__ import annotations

import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from helpers import key, pdf_info, pdf_text, poppler, run_cli

from osl_plan.errors import ConversionFailed, MissingProgram
from osl_plan.load import load
from osl_plan.render.signature_lines import DOTS


@pytest.fixture(scope="module")
def pdf_2023(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from helpers import EXAMPLES, soffice_or_skip

    soffice_or_skip()
    out = tmp_path_factory.mktemp("pdf") / "plan_2023.pdf"
    result = run_cli("render", EXAMPLES / "plan_2023.yaml", "-f", "pdf", "-o", out, timeout=300)
    assert result.exit_code == 0, result.stderr
    return out


@pytest.mark.libreoffice
def test_every_task_strip_and_signature_is_in_the_pdf(pdf_2023: Path, example_2023: Path) -> None:
    text = pdf_text(pdf_2023)
    plan = load(example_2023).plan
    words = key(text)
    for task in plan.zadania:
        assert key(task.zadanie) in words
        for item in task.dzialania:
            assert key(item) in words
        for who in task.adresaci:
            assert key(who) in words
    assert "PLAN ORGANIZOWANIA SPOŁECZNOŚCI LOKALNEJ" in text
    assert "2023 ROK" in text
    assert "Styczeń – grudzień 2023" in text
    for mark in ("Fundusze Europejskie", "Rzeczpospolita Polska", "Europejski Fundusz Społeczny"):
        assert mark in text
    for label in (f"Opracował: {DOTS}", f"Zatwierdził: {DOTS}", f"Data: {DOTS}"):
        assert label in text


@pytest.mark.libreoffice
def test_pdf_is_tagged_a4_with_title(pdf_2023: Path) -> None:
    data = pdf_2023.read_bytes()
    assert data.startswith(b"%PDF-")
    assert b"/StructTreeRoot" in data and b"/MarkInfo" in data
    info = pdf_info(pdf_2023)
    assert info["Title"] == "Plan organizowania społeczności lokalnej – 2023 rok"
    assert info["Tagged"] == "yes"
    assert info["Page size"].startswith("595.")  # A4 portrait: 595 × 842 pt


@pytest.mark.libreoffice
def test_parallel_conversions_do_not_collide(soffice: str, example_2023: Path) -> None:
    from osl_plan.documents import PlanDocument, render_document

    plan = load(example_2023).plan
    with ThreadPoolExecutor(max_workers=3) as pool:
        results = list(
            pool.map(lambda _: render_document(PlanDocument(plan=plan), "pdf"), range(3))
        )
    assert all(r.startswith(b"%PDF-") and len(r) > 10_000 for r in results)


STRIP_PLAN = """\
rok: 2023
jednostka: Centrum Usług Społecznych w Kluczach
wstep: Plan na rok 2023.
sekcje:
  - tytul: Diagnoza środowiska
    tresc: |
      Z diagnozy wynika:

      - niska aktywność organizacji pozarządowych,
      - brak miejsc spotkań dla seniorów.
zadania:
  - zadanie: Spotkania z mieszkańcami w sołectwach
    termin: styczeń - grudzień 2023
  - zadanie: Festyn rodzinny
    termin: czerwiec 2023
finansowanie:
  wzor: power-2014-2020
  obraz: pasek.jpg
"""


def pdf_streams(path: Path) -> bytes:
    """The PDF's bytes followed by every Flate stream inflated (content streams, object streams)."""
    import zlib

    data = path.read_bytes()
    parts = [data]
    for match in re.finditer(rb"stream\r?\n", data):
        end = data.find(b"endstream", match.end())
        try:
            parts.append(zlib.decompress(data[match.end() : end]))
        except zlib.error:
            continue  # not Flate (the JPEG itself)
    return b"\n".join(parts)


@pytest.fixture(scope="module")
def pdf_strip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from helpers import DATA, soffice_or_skip

    soffice_or_skip()
    folder = tmp_path_factory.mktemp("strip")
    (folder / "pasek.jpg").write_bytes((DATA / "render" / "pasek.jpg").read_bytes())
    (folder / "plan.yaml").write_text(STRIP_PLAN, encoding="utf-8")
    out = folder / "plan.pdf"
    result = run_cli("render", folder / "plan.yaml", "-f", "pdf", "--harmonogram", "-o", out)
    assert result.exit_code == 0, result.stderr
    return out


@pytest.mark.libreoffice
def test_jpeg_strip_on_every_page_portrait_and_landscape(pdf_strip: Path) -> None:
    pages = int(pdf_info(pdf_strip)["Pages"])
    sizes = subprocess.run(
        [poppler("pdfinfo"), "-f", "1", "-l", str(pages), str(pdf_strip)],
        capture_output=True,
        check=True,
        text=True,
    ).stdout
    orientation = [
        float(w) > float(h) for w, h in re.findall(r"Page +\d+ size: +([\d.]+) x ([\d.]+)", sizes)
    ]
    assert orientation[0] is False and orientation[-1] is True  # plan portrait, annex landscape
    assert orientation == sorted(orientation)
    listing = subprocess.run(
        [poppler("pdfimages"), "-list", str(pdf_strip)], capture_output=True, check=True, text=True
    ).stdout.splitlines()[2:]
    images = [line.split() for line in listing]
    assert sorted({int(cols[0]) for cols in images}) == list(range(1, pages + 1))
    assert {cols[8] for cols in images} == {"jpeg"}  # embedded as JPEG, not re-rendered
    assert "Harmonogram" in pdf_text(pdf_strip)


@pytest.mark.libreoffice
def test_strip_is_a_pagination_artifact_in_the_tagged_pdf(pdf_strip: Path) -> None:
    """Headers and footers are artefacts (not read on every page); the body is tagged."""
    inflated = pdf_streams(pdf_strip)
    image_names = set(re.findall(rb"/(Im\d+) Do", inflated))
    assert image_names
    for name in image_names:
        for drawn in re.finditer(rb"/" + name + rb" Do", inflated):
            opened = inflated.rfind(b"BMC", 0, drawn.start())
            marked = inflated.rfind(b"BDC", 0, drawn.start())
            assert opened > marked  # inside the nearest marked content: an artifact
            assert inflated[opened - 10 : opened].strip().endswith(b"/Artifact")
    tags = {name.decode() for name in re.findall(rb"/S\s*/([A-Za-z0-9#]+)", inflated)}
    assert {"Document", "H1", "H2", "Table", "TH", "TD", "L", "LI"} <= tags


def test_missing_libreoffice_is_exit_2_with_install_hint(
    example_2023: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.delenv("OSL_PLAN_SOFFICE", raising=False)
    out = tmp_path / "plan.pdf"
    result = run_cli("render", example_2023, "-f", "pdf", "-o", out)
    if Path("/Applications/LibreOffice.app").exists():  # pragma: no cover - macOS fallback path
        pytest.skip("LibreOffice is found at its macOS location regardless of PATH")
    assert result.exit_code == 2
    assert "libreoffice-writer-nogui" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_failing_converter_is_conversion_failed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from osl_plan.documents import convert_docx

    broken = tmp_path / "soffice"
    broken.write_text(f"#!{sys.executable}\nimport sys\nsys.stderr.write('boom\\n')\nsys.exit(3)\n")
    broken.chmod(0o755)
    monkeypatch.setenv("OSL_PLAN_SOFFICE", str(broken))
    with pytest.raises(ConversionFailed, match=r"\(exit 3\): boom"):
        convert_docx(b"PK", "pdf")
    monkeypatch.setenv("OSL_PLAN_SOFFICE", str(tmp_path / "nothing"))
    with pytest.raises(MissingProgram, match="OSL_PLAN_SOFFICE"):
        convert_docx(b"PK", "pdf")


def test_converter_that_hangs_is_stopped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from osl_plan.render.libreoffice import convert

    slow = tmp_path / "soffice"
    slow.write_text(f"#!{sys.executable}\nimport time\ntime.sleep(60)\n")
    slow.chmod(0o755)
    monkeypatch.setenv("OSL_PLAN_SOFFICE", str(slow))
    with pytest.raises(ConversionFailed, match="did not finish"):
        convert(b"PK", "pdf", timeout=0.2)  # any allowance: the converter never finishes
