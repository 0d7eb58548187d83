"""The plan's Word template in the editor: kept for the plan, used by its documents, removable,
and refused – with the CLI's own messages – when ``render --reference-doc`` would refuse it."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from editor_support import ORIGIN, client, plan_folder, post
from helpers import run_cli
from starlette.testclient import TestClient

from osl_plan.editor.security import MAX_BODY

PLAN = "plan_2023.yaml"
KEPT = Path(".osl-plan") / "wzory" / f"{PLAN}.docx"
LETTERHEAD = "Centrum Usług Społecznych w Kluczach – ul. Partyzantów 10"


def letterhead_docx() -> bytes:
    """The centre's template: its own footer text and a body font of its own."""
    import docx
    from docx.shared import Pt

    document = docx.Document()
    document.sections[0].footer.paragraphs[0].text = LETTERHEAD
    document.styles["Normal"].font.name = "Georgia"
    document.styles["Normal"].font.size = Pt(12)
    document.add_paragraph("Tekst wzoru, który nie trafia do planu.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def zip_bomb() -> bytes:
    """A small .docx whose one part inflates a thousandfold (the limit is 200:1)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"<" + b"a" * (48 * 1024 * 1024))
    return buffer.getvalue()


def upload(signed_in: TestClient, data: bytes, name: str = "wzor_cus.docx") -> Any:
    """The reference document posted as the plan page's form posts it."""
    return signed_in.post(
        f"/plan/{PLAN}/wzor",
        data={"_csrf": _csrf(signed_in), "akcja": "dodaj"},
        files={"wzor": (name, data, "application/octet-stream")},
        headers={"Origin": ORIGIN},
    )


def _csrf(signed_in: TestClient) -> str:
    page = signed_in.get(f"/plan/{PLAN}").text
    found = re.search(r'name="_csrf" value="([^"]+)"', page)
    assert found is not None
    return found.group(1)


def _docx_text(data: bytes) -> tuple[str, str]:
    """The footers' text and the Normal style's font of a DOCX."""
    import docx

    document = docx.Document(io.BytesIO(data))
    footers = " ".join(p.text for s in document.sections for p in s.footer.paragraphs)
    return footers, str(document.styles["Normal"].font.name)


@pytest.mark.usefixtures("polish")
def test_the_template_gives_the_documents_its_look_and_can_be_removed(tmp_path: Path) -> None:
    folder = plan_folder(tmp_path)
    plan_before = (folder / PLAN).read_bytes()
    signed_in = client(folder)
    plain = signed_in.get(f"/plan/{PLAN}/pobierz/docx")
    assert plain.status_code == 200
    assert LETTERHEAD not in _docx_text(plain.content)[0]
    assert "Brak dokumentu wzorcowego" in signed_in.get(f"/plan/{PLAN}").text

    template = letterhead_docx()
    answer = upload(signed_in, template)
    assert answer.status_code == 303
    assert answer.headers["location"] == f"/plan/{PLAN}?stan=wzor#wzor-tytul"
    assert (folder / KEPT).read_bytes() == template
    page = signed_in.get(f"/plan/{PLAN}?stan=wzor").text
    assert "„wzor_cus.docx”" in page and "Usuń dokument wzorcowy" in page
    footers, font = _docx_text(signed_in.get(f"/plan/{PLAN}/pobierz/docx").content)
    assert LETTERHEAD in footers and font == "Georgia"
    assert "Tekst wzoru" not in signed_in.get(f"/plan/{PLAN}/pobierz/md").text
    report = signed_in.get(f"/plan/{PLAN}/sprawozdanie?okres=rok&format=docx")
    assert report.status_code == 200 and LETTERHEAD in _docx_text(report.content)[0]
    lists = signed_in.get(f"/plan/{PLAN}/lista?zadanie=1&format=docx")
    assert lists.status_code == 200 and LETTERHEAD in _docx_text(lists.content)[0]
    assert (folder / PLAN).read_bytes() == plan_before  # the plan file is not touched

    removed = post(signed_in, f"/plan/{PLAN}/wzor", {"_csrf": _csrf(signed_in), "akcja": "usun"})
    assert removed.status_code == 303
    assert not (folder / KEPT).exists()
    footers, font = _docx_text(signed_in.get(f"/plan/{PLAN}/pobierz/docx").content)
    assert LETTERHEAD not in footers and font != "Georgia"


def _cli_reason(tmp_path: Path, folder: Path, data: bytes, name: str) -> str:
    """What ``render --reference-doc`` says of the same file, after its name."""
    given = tmp_path / name
    given.write_bytes(data)
    result = run_cli("render", folder / PLAN, "--reference-doc", given, "-o", tmp_path / "out.docx")
    assert result.exit_code == 2, result.stderr
    assert not (tmp_path / "out.docx").exists()
    return result.stderr.strip().split(f"{name}: ", 1)[1]


#: Files the CLI refuses as a reference document, each made when its case runs.
REFUSED: dict[str, Callable[[], bytes]] = {
    "not-a-zip": lambda: b"To nie jest dokument Worda.\n" * 100,
    "zip-bomb": zip_bomb,
    "not-word": lambda: _zip_of({"mimetype": b"application/vnd.oasis.opendocument.text"}),
    "empty": lambda: b"",
}


@pytest.mark.usefixtures("polish")
@pytest.mark.parametrize("kind", sorted(REFUSED))
def test_a_template_the_cli_refuses_is_refused_with_its_message(tmp_path: Path, kind: str) -> None:
    data = REFUSED[kind]()
    folder = plan_folder(tmp_path)
    signed_in = client(folder)
    answer = upload(signed_in, data, "wzor.docx")
    assert answer.status_code == 400
    reason = _cli_reason(tmp_path, folder, data, "wzor.docx")
    assert f"wzor.docx: {reason}" in answer.text.replace("&#34;", '"')
    assert "Wróć do planu" in answer.text
    assert not (folder / KEPT).exists()
    assert not list((folder / ".osl-plan").glob("**/*.docx"))


def _zip_of(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_only_a_docx_by_name_is_taken(tmp_path: Path) -> None:
    folder = plan_folder(tmp_path)
    answer = upload(client(folder), letterhead_docx(), "wzor.doc")
    assert answer.status_code == 400
    assert not (folder / KEPT).exists()


def test_an_oversize_template_is_refused_before_it_is_read(tmp_path: Path) -> None:
    folder = plan_folder(tmp_path)
    answer = upload(client(folder), b"PK" + b"\0" * (MAX_BODY + 1))
    assert answer.status_code == 413
    assert not (folder / KEPT).exists()


def test_a_template_from_elsewhere_or_without_the_pages_token_is_refused(tmp_path: Path) -> None:
    folder = plan_folder(tmp_path)
    signed_in = client(folder)
    files = {"wzor": ("wzor.docx", letterhead_docx(), "application/octet-stream")}
    csrf = _csrf(signed_in)
    for origin in ("http://evil.example", "null", None):
        headers = {"Origin": origin} if origin else {}
        answer = signed_in.post(
            f"/plan/{PLAN}/wzor", data={"_csrf": csrf}, files=files, headers=headers
        )
        assert answer.status_code == 403, origin
    for token in ("", "wrong"):
        answer = signed_in.post(
            f"/plan/{PLAN}/wzor", data={"_csrf": token}, files=files, headers={"Origin": ORIGIN}
        )
        assert answer.status_code == 403, token
    assert not (folder / KEPT).exists()
    upload(signed_in, letterhead_docx())
    assert (folder / KEPT).is_file()
    answer = post(signed_in, f"/plan/{PLAN}/wzor", {"akcja": "usun"})  # no token: not removed
    assert answer.status_code == 403
    assert (folder / KEPT).is_file()
    outside = signed_in.post(
        "/plan/..%2Fplan_2023.yaml/wzor",
        data={"_csrf": csrf},
        files=files,
        headers={"Origin": ORIGIN},
    )
    assert outside.status_code == 404
