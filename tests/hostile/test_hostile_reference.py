"""Hostile and unusual reference documents (``--reference-doc``) for render, report and lista.

A reference document gives the plan its look and nothing else; any DOCX Word or LibreOffice
saves must be usable, and no document may take more than the suite's time and memory.
"""

from __future__ import annotations

import os
import subprocess
import zipfile
from pathlib import Path

import pytest
from builders import PLAN, libreoffice_docx, run

#: One task on one day: render, report and lista all have something to write.
DAY_PLAN = PLAN.replace("marzec 2023", "12.03.2023")
COMMANDS = {
    "render": ("render", "{plan}", "-f", "docx", "-o", "{out}"),
    "report": ("report", "{plan}", "-f", "docx", "-o", "{out}"),
    "lista": ("lista", "{plan}", "--zadanie", "1", "-o", "{out}"),
}


def _run(tmp_path: Path, command: str, reference: bytes) -> tuple[Path, str, int]:
    plan = tmp_path / "plan.yaml"
    plan.write_text(DAY_PLAN, encoding="utf-8")
    source = tmp_path / "wzor.docx"
    source.write_bytes(reference)
    out = tmp_path / "wynik.docx"
    args = [a.format(plan=plan, out=out) for a in COMMANDS[command]]
    result = run(*args, "--reference-doc", source, cwd=tmp_path)
    return out, result.stderr, result.exit_code


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_reference_doc_saved_by_libreoffice_without_numbering_works(
    tmp_path: Path, command: str
) -> None:
    out, stderr, code = _run(tmp_path, command, libreoffice_docx())
    assert code == 0, stderr
    assert "Traceback" not in stderr and "Warning" not in stderr
    import docx

    document = docx.Document(str(out))
    assert document.part.numbering_part is not None  # lists in the body have their definitions
    with zipfile.ZipFile(out) as archive:
        names = [info.filename for info in archive.infolist()]
    assert len(names) == len(set(names)), names  # no part written twice


@pytest.mark.libreoffice
def test_a_document_saved_by_the_real_libreoffice_is_a_reference(
    tmp_path: Path, soffice: str
) -> None:
    (tmp_path / "wzor.txt").write_text("Centrum Usług Społecznych w Kluczach\n", encoding="utf-8")
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "docx",
         "--outdir", str(tmp_path), str(tmp_path / "wzor.txt")],
        capture_output=True, check=True, timeout=300, env={**os.environ, "TMPDIR": str(tmp_path)},
    )  # fmt: skip
    with zipfile.ZipFile(tmp_path / "wzor.docx") as archive:
        assert "word/numbering.xml" not in archive.namelist()  # the case this test is about
    _, stderr, code = _run(tmp_path, "render", (tmp_path / "wzor.docx").read_bytes())
    assert code == 0, stderr
    assert "Traceback" not in stderr and "Warning" not in stderr
