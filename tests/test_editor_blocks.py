"""A list or a text of several lines edited in the form: only that value's lines of the file change
(as for a one-line term), the rest stays as she wrote it, comments and blank lines included, and
the next edit still lands on its own lines."""

from __future__ import annotations

import difflib
import json
from pathlib import Path
from typing import Any

import pytest
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
    patched = yamlblock.patch_block(text, doc, ("zadania", 0, "adresaci"), ["Radni", "yes"])
    assert patched is not None
    assert '  - "yes"\n' in patched  # written plain, the plan's loader (YAML 1.1) reads true
    assert yamledit.parse(patched)["zadania"][0]["adresaci"] == ["Radni", "yes"]
    again = yamledit.patch_line(patched, doc, ("zadania", 1, "termin"), "lipiec")
    assert again is not None and again.endswith("- zadanie: B\n  termin: lipiec\n")
    assert "  termin: maj  # na pewno\n\n" in again


def test_any_typed_list_or_text_reads_back_as_typed_and_changes_only_its_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Items YAML would read otherwise (a number, „on”, a colon, brackets, quotes, a dash) and
    lines a block would lose (leading spaces, a trailing blank line) are written so that both the
    plan's loader and the editor read them back as typed, and the rest of the file stays."""
    import yaml

    folder = plan_folder(tmp_path)
    signed_in = client(folder)
    values = form_values(signed_in.get(URL).text)
    typed = [
        ("zadania.1.adresaci", ["2023", "on", "no", "a: b", "[a]", "{a}", "'cytat'", '"cytat"']),
        ("zadania.1.adresaci", ["- lista", "@x", "*gwiazdka", "100%", "~", "null", "Sołtysi"]),
        ("zadania.1.adresaci", ["Mieszkańcy Gminy Klucze"] * 2),
        ("wstep", "  wcięty akapit\nzwykły: z dwukropkiem\n\n\tz tabulatorem\n- myślnik"),
        ("wstep", "Jeden akapit\n\n"),
        ("wstep", "Pierwszy.\n\nDrugi."),
    ]
    before = (folder / "plan_2023.yaml").read_text(encoding="utf-8")

    def whole_file(*args: object) -> str:
        raise AssertionError("the whole file was written anew")

    monkeypatch.setattr(yamledit, "dump", whole_file)  # every edit below is patched in place
    for name, value in typed:
        posted = "\n".join(value) if isinstance(value, list) else value
        _type(signed_in, values, name, posted)
        after = _draft(folder)
        read = yaml.safe_load(after)
        got = read["zadania"][1]["adresaci"] if name != "wstep" else read["wstep"]
        text = value if isinstance(value, list) else value.strip("\n")
        assert got == (text + "\n" if isinstance(text, str) and "\n" in text else text)
        key = "    adresaci:" if name != "wstep" else "wstep:"
        _only_the_block_changed(before, after, key)
        before = after


def _only_the_block_changed(before: str, after: str, key: str) -> None:
    """The lines before the key's and the lines after its block are as they were."""
    old, new = before.split("\n"), after.split("\n")
    second = [i for i, line in enumerate(old) if line.startswith("  - zadanie:")][1]
    start = next(
        i for i, line in enumerate(old) if line.startswith(key) and (key == "wstep:" or i > second)
    )
    assert new[:start] == old[:start]
    old_end = yamlblock._end(old, start, len(key) - len(key.lstrip()))
    new_end = yamlblock._end(new, start, len(key) - len(key.lstrip()))
    assert old_end is not None and new_end is not None
    assert new[new_end:] == old[old_end:]


def test_a_value_other_values_name_is_not_patched_but_written_with_its_name() -> None:
    """An anchor (``&wszyscy``) named elsewhere (``*wszyscy``) stays: a patch would drop it."""
    text = (
        "rok: 2023\nzadania:\n- zadanie: A\n  adresaci: &wszyscy [Sołtysi, Radni]\n"
        "  termin: &zawsze styczeń – grudzień\n- zadanie: B\n  adresaci: *wszyscy\n"
        "  termin: *zawsze\n"
    )
    doc = yamledit.parse(text)
    assert yamlblock.patch_block(text, doc, ("zadania", 0, "adresaci"), ["Sołtysi"]) is None
    assert yamledit.patch_line(text, doc, ("zadania", 0, "termin"), "maj") is None
    assert doc["zadania"][1]["termin"] == "styczeń – grudzień"  # nothing changed
