"""A plan brought in from Word or Markdown through the editor, as `osl-plan import` does."""

from __future__ import annotations

import re
from pathlib import Path

from editor_support import EXAMPLES, ORIGIN, client, plan_folder, plan_on_disk

from osl_plan.load import loads
from osl_plan.render import render


def _csrf(page: str) -> str:
    found = re.search(r'name="_csrf" value="([^"]+)"', page)
    assert found is not None
    return found.group(1)


def _upload(signed_in, name: str, data: bytes, csrf: str):  # type: ignore[no-untyped-def]
    return signed_in.post(
        "/import",
        data={"_csrf": csrf},
        files={"dokument": (name, data)},
        headers={"Origin": ORIGIN},
    )


def test_a_word_plan_becomes_a_plan_file_and_the_guesses_are_shown(tmp_path: Path) -> None:
    folder = plan_folder(tmp_path)
    source = (EXAMPLES / "plan_2022.yaml").read_bytes()
    docx = render(loads(source, "plan_2022.yaml").plan, "docx")
    signed_in = client(folder)
    csrf = _csrf(signed_in.get("/").text)
    answer = _upload(signed_in, "C:\\Dokumenty\\plan 2022.docx", docx, csrf)
    assert answer.status_code == 200, answer.text
    imported = plan_on_disk(folder / "plan 2022.yaml")
    original = loads(source, "plan_2022.yaml").plan
    assert [t.zadanie for t in imported.zadania] == [t.zadanie for t in original.zadania]
    assert 'href="/plan/plan 2022.yaml"' in answer.text
    again = _upload(signed_in, "plan 2022.docx", docx, csrf)
    assert again.status_code == 400  # an existing plan is never replaced
    assert plan_on_disk(folder / "plan 2022.yaml") == imported


def test_what_cannot_be_imported_is_refused_with_one_message(tmp_path: Path) -> None:
    folder = plan_folder(tmp_path)
    signed_in = client(folder)
    csrf = _csrf(signed_in.get("/").text)
    for name, data in (
        ("plan.pdf", b"%PDF-1.7"),
        ("plan.docx", b"not a zip"),
        ("../plan.md", b"# nic\n"),
        ("plan.md", "# Plan\n\nBez tabeli zadań.\n".encode()),
    ):
        answer = _upload(signed_in, name, data, csrf)
        assert answer.status_code == 400, name
        assert "Traceback" not in answer.text
    assert sorted(p.name for p in folder.iterdir() if p.suffix == ".yaml") == ["plan_2023.yaml"]
    assert not (tmp_path / "plan.yaml").exists()
    forged = _upload(signed_in, "plan.md", b"# x\n", "forged")
    assert forged.status_code == 403


def test_an_image_for_the_strip_is_checked_and_named_in_the_plan(tmp_path: Path) -> None:
    from editor_support import form_values, post

    folder = plan_folder(tmp_path)
    signed_in = client(folder)
    url = "/plan/plan_2023.yaml"
    csrf = _csrf(signed_in.get(url).text)
    png = (Path(__file__).parent / "golden" / "pasek.png").read_bytes()

    def send(name: str, data: bytes, field: str = "finansowanie.obraz"):  # type: ignore[no-untyped-def]
        return signed_in.post(
            url + "/obraz",
            data={"_csrf": csrf, "pole": field},
            files={"obraz": (name, data)},
            headers={"Origin": ORIGIN},
        )

    answer = send("C:\\Pulpit\\pasek_power.png", png)
    assert answer.status_code == 303
    assert answer.headers["location"] == f"{url}?stan=obraz#f-finansowanie-obraz"
    assert (folder / "pasek_power.png").read_bytes() == png
    values = form_values(signed_in.get(url).text)
    assert values["finansowanie.obraz"] == "pasek_power.png"
    assert post(signed_in, url, {**values, "akcja": "zapisz"}).status_code == 303
    assert plan_on_disk(folder / "plan_2023.yaml").finansowanie.obraz == "pasek_power.png"
    for name, data, field in (
        ("pasek.png", b"not a png", "finansowanie.obraz"),  # checked as the CLI checks it
        ("pasek.gif", png, "finansowanie.obraz"),
        ("pasek_power.png", png[:-10] + b"0123456789", "finansowanie.obraz"),  # never over a file
        ("logo.png", png, "zadania.0.zadanie"),  # only the image fields
    ):
        assert send(name, data, field).status_code == 400, name
    assert sorted(p.name for p in folder.iterdir() if p.suffix in {".png", ".gif"}) == [
        "pasek_power.png"
    ]
    assert not list(folder.glob("*.tmp"))
