"""A list or a text of several lines edited in the form: only that value's lines of the file change
(as for a one-line term), the rest stays as she wrote it, comments and blank lines included, and
the next edit still lands on its own lines."""

from __future__ import annotations

import difflib
import json
from pathlib import Path
from typing import Any

from editor_support import client, form_values, plan_folder, plan_on_disk, post

from osl_plan.editor import yamlblock, yamledit

URL = "/plan/plan_2023.yaml"


def _draft(folder: Path) -> str:
    kept = (folder / ".osl-plan" / "szkice" / "plan_2023.yaml.json").read_text(encoding="utf-8")
    return str(json.loads(kept)["text"])


def _type(signed_in: Any, values: dict[str, str], name: str, value: str) -> None:
    body = {k: values[k] for k in ("_csrf", "baza", "czesc")} | {"akcja": "sprawdz", name: value}
    answer = post(signed_in, URL, body, Accept="application/json")
    assert answer.status_code == 200 and answer.json()["valid"], answer.text[:300]


def _changed(before: str, after: str) -> list[tuple[list[str], list[str]]]:
    """The runs of lines that differ: (as they were, as they are)."""
    old, new = before.split("\n"), after.split("\n")
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    return [
        (old[i1:i2], new[j1:j2]) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"
    ]


def test_a_list_edited_changes_only_its_own_lines(tmp_path: Path) -> None:
    folder = plan_folder(tmp_path)
    original = (folder / "plan_2023.yaml").read_text(encoding="utf-8")
    signed_in = client(folder)
    values = form_values(signed_in.get(URL).text)
    _type(signed_in, values, "zadania.1.adresaci", "Mieszkańcy Gminy Klucze\nSołtysi\nRadni")
    [(was, now)] = _changed(original, _draft(folder))
    assert [line.strip() for line in was] == [
        "adresaci: Mieszkańcy Gminy Klucze, w tym radni, sołtysi, przedstawiciele NGO"
    ]
    assert [line.strip() for line in now] == [
        "adresaci:",
        "- Mieszkańcy Gminy Klucze",
        "- Sołtysi",
        "- Radni",
    ]
    _type(signed_in, values, "zadania.1.adresaci", "Mieszkańcy Gminy Klucze\nSołtysi")
    [(was, now)] = _changed(original, _draft(folder))
    assert [line.strip() for line in now] == ["adresaci:", "- Mieszkańcy Gminy Klucze", "- Sołtysi"]
    # The lines below moved up: a term further down is still patched on its own line.
    _type(signed_in, values, "zadania.4.termin", "luty 2023")
    changes = _changed(original, _draft(folder))
    assert len(changes) == 2 and changes[1] == (
        ["    termin: Styczeń – luty 2023"],
        ["    termin: luty 2023"],
    )
    plan = plan_on_disk(_saved(folder, tmp_path))
    assert plan.zadania[1].adresaci == ("Mieszkańcy Gminy Klucze", "Sołtysi")
    assert plan.zadania[4].termin.printed(nbsp=False) == "Luty 2023"


def _saved(folder: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "szkic.yaml"
    copy.write_text(_draft(folder), encoding="utf-8")
    return copy


def test_a_text_of_several_lines_changes_only_its_own_lines(tmp_path: Path) -> None:
    folder = plan_folder(tmp_path)
    original = (folder / "plan_2023.yaml").read_text(encoding="utf-8")
    signed_in = client(folder)
    values = form_values(signed_in.get(URL).text)
    intro = "Pierwszy akapit wstępu.\n\nDrugi akapit: spotkania w sołectwach."
    _type(signed_in, values, "wstep", intro)
    lines = original.split("\n")
    start = lines.index("wstep: |")
    paragraphs = [line for line in lines[start + 1 : lines.index("zadania:")] if line.strip()]
    changes = _changed(original, _draft(folder))
    assert [was for was, _now in changes] == [[paragraph] for paragraph in paragraphs]
    assert [now for _was, now in changes] == [
        ["  Pierwszy akapit wstępu."],
        ["  Drugi akapit: spotkania w sołectwach."],
    ]
    _type(signed_in, values, "zadania.0.dzialania", "Nowa strona www\nUlotki")
    [*_intro, (was, now)] = _changed(original, _draft(folder))
    assert was[0].strip() == "- Akcja kreowania nowej nazwy CUS oraz identyfikacji graficznej"
    assert len(was) == 4 and now == ["      - Nowa strona www", "      - Ulotki"]
    plan = plan_on_disk(_saved(folder, tmp_path))
    assert list(plan.wstep_paragraphs) == [
        "Pierwszy akapit wstępu.",
        "Drugi akapit: spotkania w sołectwach.",
    ]
    assert plan.zadania[0].dzialania == ("Nowa strona www", "Ulotki")


def test_a_block_with_a_comment_is_not_patched_and_the_comment_is_kept() -> None:
    text = (
        "rok: 2023\nzadania:\n  - zadanie: A\n    adresaci:\n      # radni też\n"
        "      - Sołtysi\n    termin: maj\n"
    )
    doc = yamledit.parse(text)
    assert yamlblock.patch_block(text, doc, ("zadania", 0, "adresaci"), ["Radni"]) is None
    assert doc["zadania"][0]["adresaci"] == ["Sołtysi"]  # nothing changed


def test_a_block_patched_reads_back_as_the_value_and_keeps_the_positions_below() -> None:
    text = (
        "rok: 2023\nzadania:\n- zadanie: A\n  adresaci: Sołtysi\n  termin: maj  # na pewno\n\n"
        "- zadanie: B\n  termin: czerwiec\n"
    )
    doc = yamledit.parse(text)
    # Written plain, the plan's loader (YAML 1.1) would read „yes” as true: not patched.
    assert yamlblock.patch_block(text, doc, ("zadania", 0, "adresaci"), ["Radni", "yes"]) is None
    patched = yamlblock.patch_block(text, doc, ("zadania", 0, "adresaci"), ["Radni", "Sołtysi"])
    assert patched is not None
    assert yamledit.parse(patched)["zadania"][0]["adresaci"] == ["Radni", "Sołtysi"]
    again = yamledit.patch_line(patched, doc, ("zadania", 1, "termin"), "lipiec")
    assert again is not None and again.endswith("- zadanie: B\n  termin: lipiec\n")
    assert "  termin: maj  # na pewno\n\n" in again
