"""Saving what she typed: only the edited lines change, nothing is lost, nothing is clobbered."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from editor_support import client, form_values, plan_folder, plan_on_disk, post

URL = "/plan/plan_2023.yaml"


def _changed_lines(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def _submit(signed_in, values: dict[str, str], action: str):  # type: ignore[no-untyped-def]
    return post(signed_in, URL, {**values, "akcja": action})


def test_one_edited_term_changes_one_line_and_keeps_the_rest(tmp_path: Path) -> None:
    folder = plan_folder(tmp_path)
    plan = folder / "plan_2023.yaml"
    before = plan.read_text(encoding="utf-8")
    signed_in = client(folder)
    values = form_values(signed_in.get(URL).text)
    assert values["zadania.2.termin"] == "Styczeń- grudzień 2023"
    values["zadania.2.termin"] = "Marzec – czerwiec 2023"
    answer = _submit(signed_in, values, "zapisz")
    assert answer.status_code == 303
    assert answer.headers["location"] == f"{URL}?stan=zapisano"
    after = plan.read_text(encoding="utf-8")
    assert _changed_lines(before, after) == [
        "-    termin: Styczeń- grudzień 2023",
        "+    termin: Marzec – czerwiec 2023",
    ]
    assert after.startswith("# yaml-language-server: $schema=../schema/plan.schema.json\n#\n")
    assert "# Plan ma pasek znaków POWER 2014–2020" in after  # her comments stay


def test_saving_the_form_unchanged_changes_nothing(tmp_path: Path) -> None:
    folder = plan_folder(tmp_path, "plan_2023_realizacja.yaml")
    before = (folder / "plan_2023.yaml").read_bytes()
    signed_in = client(folder)
    for part in ("", "/rok"):
        values = form_values(signed_in.get(URL + part).text)
        assert _submit(signed_in, values, "zapisz").status_code == 303
        assert (folder / "plan_2023.yaml").read_bytes() == before


def test_a_plan_with_errors_is_saved_and_says_so(tmp_path: Path) -> None:
    folder = plan_folder(tmp_path)
    signed_in = client(folder)
    values = form_values(signed_in.get(URL).text)
    values["zadania.0.termin"] = "marzec – czerwic 2023"
    answer = _submit(signed_in, values, "zapisz")
    assert answer.headers["location"] == f"{URL}?stan=zapisano-z-bledami"
    assert "termin: marzec – czerwic 2023" in (folder / "plan_2023.yaml").read_text("utf-8")
    page = signed_in.get(answer.headers["location"]).text
    assert "The plan still has errors" in page or "nadal ma błędy" in page
    field = re.search(r'<input id="f-zadania-0-termin"[^>]*>', page)
    assert field is not None and 'aria-invalid="true"' in field.group()
    assert "f-zadania-0-termin-problem" in field.group()  # aria-describedby names the message
    message = re.search(r'id="f-zadania-0-termin-problem" class="messages">(.*?)</div>', page, re.S)
    assert message is not None and "czerwic" in message.group(1)
    assert 'href="#f-zadania-0-termin"' in page  # the list of problems links to the field
    # The list and the preview name the place in the form's words, not the file's path.
    link = re.search(r'<a href="#f-zadania-0-termin">(.*?)</a>', page, re.S)
    assert link is not None and link.group(1).startswith("Task 1 › Term: ")
    assert "zadania[1]" not in page
    preview = signed_in.get(URL + "/podglad").text
    assert "Task 1 › Term: " in preview and "zadania[1]" not in preview


def test_the_live_check_gives_the_same_message_as_validate(tmp_path: Path) -> None:
    from osl_plan.validate import validate_file

    folder = plan_folder(tmp_path)
    broken = folder / "broken.yaml"
    text = (
        (folder / "plan_2023.yaml")
        .read_text("utf-8")
        .replace("termin: Marzec 2023", "termin: trzynasty 2023", 1)
    )
    broken.write_text(text, encoding="utf-8")
    [expected] = [p for p in validate_file(broken).problems if p.severity == "error"]
    signed_in = client(folder)
    values = form_values(signed_in.get(URL).text)
    values["zadania.5.termin"] = "trzynasty 2023"
    answer = post(signed_in, URL, {**values, "akcja": "sprawdz"}, Accept="application/json")
    live = answer.json()
    assert list(live["fields"]) == ["f-zadania-5-termin"]  # only the fields with problems
    assert expected.message in live["fields"]["f-zadania-5-termin"]
    assert expected.hint.split("„")[0] in live["fields"]["f-zadania-5-termin"]
    assert live["valid"] is False
    assert live["terms"]["f-zadania-5-termin"] == ""
    values["zadania.5.termin"] = "marzec - czerwiec"
    live = post(signed_in, URL, {**values, "akcja": "sprawdz"}, Accept="application/json").json()
    assert live["terms"]["f-zadania-5-termin"].endswith("Marzec – czerwiec 2023")
    assert live["valid"] is True


def test_a_file_changed_on_disk_is_never_overwritten(tmp_path: Path) -> None:
    folder = plan_folder(tmp_path)
    plan = folder / "plan_2023.yaml"
    signed_in = client(folder)
    values = form_values(signed_in.get(URL).text)
    values["gmina"] = "Gmina Klucze (moja zmiana)"
    elsewhere = plan.read_text("utf-8").replace("Gmina Klucze", "Gmina Klucze (z git pull)", 1)
    plan.write_text(elsewhere, encoding="utf-8")
    answer = _submit(signed_in, values, "zapisz")
    assert answer.status_code == 409
    assert plan.read_text("utf-8") == elsewhere
    assert 'value="Gmina Klucze (moja zmiana)"' in answer.text  # her text is kept, as a draft
    assert 'value="odrzuc"' in answer.text  # and she is offered the file as it is now
    reloaded = _submit(signed_in, form_values(answer.text), "odrzuc")
    page = signed_in.get(reloaded.headers["location"]).text
    assert 'value="Gmina Klucze (z git pull)"' in page


def test_each_save_keeps_the_previous_version_and_she_can_go_back(tmp_path: Path) -> None:
    folder = plan_folder(tmp_path)
    plan = folder / "plan_2023.yaml"
    original = plan.read_text("utf-8")
    signed_in = client(folder)
    values = form_values(signed_in.get(URL).text)
    values["gmina"] = "Gmina Klucze – wersja 2"
    _submit(signed_in, values, "zapisz")
    assert "wersja 2" in plan.read_text("utf-8")
    page = signed_in.get(URL + "/historia").text
    [stamp] = re.findall(r'name="wersja" value="([^"]+)"', page)
    csrf = re.search(r'name="_csrf" value="([^"]+)"', page)
    assert csrf is not None
    restored = post(signed_in, URL + "/historia", {"_csrf": csrf.group(1), "wersja": stamp})
    assert restored.status_code == 303
    values = form_values(signed_in.get(URL).text)
    assert values["gmina"] == "Gmina Klucze"
    _submit(signed_in, values, "zapisz")
    assert plan.read_text("utf-8") == original
    assert (folder / ".osl-plan" / ".gitignore").read_text() == "*\n"


def test_nothing_typed_is_lost_by_a_refresh(tmp_path: Path) -> None:
    folder = plan_folder(tmp_path)
    before = (folder / "plan_2023.yaml").read_bytes()
    signed_in = client(folder)
    values = form_values(signed_in.get(URL).text)
    values["zadania.0.adresaci"] = "Mieszkańcy Gminy Klucze\nSołtysi"
    post(signed_in, URL, {**values, "akcja": "sprawdz"}, Accept="application/json")
    assert (folder / "plan_2023.yaml").read_bytes() == before  # not saved …
    again = client(folder)  # … but a new tab (or a restarted editor) shows it
    page = again.get(URL).text
    assert form_values(page)["zadania.0.adresaci"] == "Mieszkańcy Gminy Klucze\nSołtysi"
    assert "unsaved changes" in again.get("/").text or "niezapisane zmiany" in again.get("/").text


def test_tasks_are_added_moved_and_deleted(tmp_path: Path) -> None:

    folder = plan_folder(tmp_path)
    signed_in = client(folder)
    values = form_values(signed_in.get(URL).text)
    answer = _submit(signed_in, values, "dodaj:zadania")
    assert answer.headers["location"] == f"{URL}#f-zadania-18-zadanie"
    values = form_values(signed_in.get(URL).text)
    values["zadania.18.zadanie"] = "Spotkanie z seniorami w Kluczach"
    values["zadania.18.termin"] = "Listopad 2023"
    answer = _submit(signed_in, values, "gora:zadania.18")
    assert answer.headers["location"] == f"{URL}#f-zadania-17-gora"
    values = form_values(signed_in.get(URL).text)
    _submit(signed_in, values, "usun:zadania.0")
    values = form_values(signed_in.get(URL).text)
    _submit(signed_in, values, "zapisz")
    plan = plan_on_disk(folder / "plan_2023.yaml")
    assert len(plan.zadania) == 18
    assert plan.zadania[16].zadanie == "Spotkanie z seniorami w Kluczach"
    assert plan.zadania[17].zadanie.startswith("Współorganizacja „Kiermaszu")
    assert plan.zadania[0].zadanie.startswith("Spotkania organizacyjne ze społecznością")


def test_a_file_that_is_not_yaml_opens_as_text_at_the_error_line(tmp_path: Path) -> None:
    folder = plan_folder(tmp_path)
    plan = folder / "plan_2023.yaml"
    lines = plan.read_text("utf-8").splitlines(keepends=True)
    lines[8] = "\tjednostka: Centrum Usług Społecznych w Kluczach\n"  # a tab, as Notepad types
    plan.write_text("".join(lines), encoding="utf-8")
    signed_in = client(folder)
    page = signed_in.get(URL).text
    assert 'data-line="9"' in page
    assert "tab" in page.lower() or "tabulat" in page.lower()
    values = form_values(page, form_id="")
    values["tekst"] = values["tekst"].replace("\tjednostka", "jednostka")
    answer = post(signed_in, URL + "/tekst", {**values, "akcja": "sprawdz"})
    form_page = signed_in.get(answer.headers["location"]).text
    assert 'id="plan-form"' in form_page


def test_a_new_plan_blank_or_carried_forward(tmp_path: Path) -> None:

    folder = plan_folder(tmp_path)
    signed_in = client(folder)
    page = signed_in.get("/").text
    csrf = re.search(r'name="_csrf" value="([^"]+)"', page)
    assert csrf is not None
    answer = post(
        signed_in, "/nowy", {"_csrf": csrf.group(1), "rok": "2024", "zrodlo": "plan_2023.yaml"}
    )
    assert answer.headers["location"] == "/plan/plan_2024.yaml"
    carried = plan_on_disk(folder / "plan_2024.yaml")
    assert carried.rok == 2024 and len(carried.zadania) == 18
    values = form_values(signed_in.get(URL).text)  # the source stays hers to edit and save
    values["gmina"] = "Gmina Klucze (po założeniu planu na 2024)"
    assert post(signed_in, URL, {**values, "akcja": "zapisz"}).status_code == 303
    answer = post(signed_in, "/nowy", {"_csrf": csrf.group(1), "rok": "2024", "zrodlo": ""})
    assert answer.status_code == 400  # an existing file is never replaced
    assert plan_on_disk(folder / "plan_2024.yaml").zadania == carried.zadania
    answer = post(signed_in, "/nowy", {"_csrf": csrf.group(1), "rok": "2025", "zrodlo": ""})
    assert answer.headers["location"] == "/plan/plan_2025.yaml"
    assert "rok: 2025" in (folder / "plan_2025.yaml").read_text("utf-8")


def test_any_typed_text_reads_back_as_typed_and_changes_one_line(tmp_path: Path) -> None:
    """Text YAML would read otherwise (a number, „tak”, a colon, a hash, brackets, quotes) is
    quoted; the rest stays plain; either way only the edited line changes."""
    import yaml

    folder = plan_folder(tmp_path)
    plan = folder / "plan_2023.yaml"
    signed_in = client(folder)
    typed = [
        "Marzec 2023", "2023", "tak", "on", "no", "a: b", "x #y", "# x", "[a]", "{a}", "'cytat'",
        '"cytat"', "„Wakacje 2023” - x", "- lista", "@x", "*gwiazdka", "100%", "~", "null",
        "Maj – czerwiec 2023 # komentarz",
    ]  # fmt: skip
    for text in typed:
        before = plan.read_text("utf-8")
        values = form_values(signed_in.get(URL).text)
        values["zadania.3.odpowiedzialny"] = text
        assert _submit(signed_in, values, "zapisz").status_code == 303
        after = plan.read_text("utf-8")
        read = yaml.safe_load(after)
        assert read["zadania"][3]["odpowiedzialny"] == text
        changed = _changed_lines(before, after)
        assert len(changed) == (1 if text == typed[0] else 2), changed


def _in_notepads_style(data: bytes) -> bool:
    """A byte order mark first, and every line ended by CRLF."""
    return data.startswith(b"\xef\xbb\xbf") and data.count(b"\n") == data.count(b"\r\n")


def test_a_windows_file_keeps_its_line_ends_and_byte_order_mark(tmp_path: Path) -> None:
    """Notepad's file (CRLF, a byte order mark): a term, a list and a task added are saved with
    the file's own line ends and mark, so only the edited lines differ."""
    folder = plan_folder(tmp_path)
    plan = folder / "plan_2023.yaml"
    before = b"\xef\xbb\xbf" + plan.read_bytes().replace(b"\n", b"\r\n")
    plan.write_bytes(before)
    signed_in = client(folder)
    values = form_values(signed_in.get(URL).text)
    values["zadania.2.termin"] = "Marzec – czerwiec 2023"
    values["zadania.0.adresaci"] = "Mieszkańcy Gminy Klucze\nSołtysi"
    assert _submit(signed_in, values, "zapisz").status_code == 303
    after = plan.read_bytes()
    assert _in_notepads_style(after)
    assert _changed_lines(before.decode("utf-8-sig"), after.decode("utf-8-sig")) == [
        "-    adresaci: Mieszkańcy Gminy Klucze",
        "+    adresaci:",
        "+      - Mieszkańcy Gminy Klucze",
        "+      - Sołtysi",
        "-    termin: Styczeń- grudzień 2023",
        "+    termin: Marzec – czerwiec 2023",
    ]
    # A task added: the file is written anew from the document, in the same style.
    values = form_values(signed_in.get(URL).text)
    _submit(signed_in, values, "dodaj:zadania")
    values = form_values(signed_in.get(URL).text)
    values["zadania.18.zadanie"] = "Spotkanie z seniorami w Kluczach"
    values["zadania.18.termin"] = "Listopad 2023"
    assert _submit(signed_in, values, "zapisz").status_code == 303
    added = plan.read_bytes()
    assert _in_notepads_style(added)
    assert plan_on_disk(plan).zadania[18].zadanie == "Spotkanie z seniorami w Kluczach"
