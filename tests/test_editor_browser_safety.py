"""The editor in a real Chromium when things go wrong: the editor stops, the file is not YAML, the
file changes on disk meanwhile, a second tab, a reference document the CLI would refuse, a Word
plan brought in. Nothing she typed is lost, and every state passes axe-core."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

pytest.importorskip("selenium", reason="selenium is not installed: pip install -e '.[dev]'")

from browser_support import (
    BROWSER_MARKS,
    assert_accessible,
    by_id,
    chromium,
    docx_link,
    guide_shot,
    kept_in_browser,
    tab_to,
    type_into,
    until,
)
from editor_support import EXAMPLES, plan_folder, plan_on_disk, running_editor
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

if TYPE_CHECKING:
    from selenium.webdriver.remote.webdriver import WebDriver

pytestmark = BROWSER_MARKS


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[WebDriver]:
    yield from chromium(tmp_path)


@pytest.mark.usefixtures("polish")
def test_what_the_editor_did_not_get_is_offered_back_after_a_restart(
    browser: WebDriver, tmp_path: Path
) -> None:
    """She types, the editor stops, her save fails: nothing is lost. Started again, the page
    offers her changes back; restored and saved, they are in the file."""
    folder = plan_folder(tmp_path)
    plan = folder / "plan_2023.yaml"
    before = plan.read_text(encoding="utf-8")
    with running_editor(folder) as (address, base):
        browser.get(address)
        browser.get(f"{base}/plan/plan_2023.yaml")
        until(lambda: browser.find_elements(By.ID, "plan-form"), "the plan form")
        type_into(browser, "f-gmina", "Gmina Klucze (Olkusz)")
        until(lambda: "szkic" in by_id(browser, "stan-szkicu").text, "the draft kept")
    # The editor has stopped; she goes on typing and presses „Zapisz”.
    type_into(browser, "f-tytul", "Plan pracy na rok 2023")
    until(lambda: "nie odpowiada" in by_id(browser, "stan-szkicu").text, "the failed check")
    browser.find_element(By.CSS_SELECTOR, 'button[value="zapisz"]').click()
    message = until(lambda: by_id(browser, "szkic-przegladarki").text, "the refused save")
    assert "nic nie zostało wysłane" in message
    assert browser.current_url == f"{base}/plan/plan_2023.yaml"  # still on her page
    assert plan.read_text(encoding="utf-8") == before
    assert len(kept_in_browser(browser)) == 1
    assert_accessible(browser, "the save refused while the editor is stopped")

    with running_editor(folder) as (address, base_again):
        assert base_again == base  # the folder's own port: the browser's copy is found again
        browser.get(address)
        browser.get(f"{base}/plan/plan_2023.yaml")
        offer = until(lambda: by_id(browser, "szkic-przegladarki").text, "the offer")
        assert "Zmienione pola: 1." in offer, offer
        assert by_id(browser, "f-tytul").get_attribute("value") != "Plan pracy na rok 2023"
        assert by_id(browser, "f-gmina").get_attribute("value") == "Gmina Klucze (Olkusz)"
        assert_accessible(browser, "the offer to restore")
        guide_shot(browser, "edytor-przywracanie.png", tmp_path)
        tab_to(browser, "szkic-przywroc")
        browser.switch_to.active_element.send_keys(Keys.ENTER)
        until(lambda: "Zmiany przywrócono" in by_id(browser, "szkic-przegladarki").text, "restored")
        assert browser.switch_to.active_element.get_attribute("id") == "f-tytul"
        assert by_id(browser, "f-tytul").get_attribute("value") == "Plan pracy na rok 2023"
        browser.find_element(By.CSS_SELECTOR, 'button[value="zapisz"]').click()
        until(lambda: "stan=zapisano" in browser.current_url, "the save")
        saved = plan_on_disk(plan)
        assert (saved.gmina, saved.tytul) == ("Gmina Klucze (Olkusz)", "Plan pracy na rok 2023")
        assert kept_in_browser(browser) == []

        # A refresh before the editor got a keystroke: offered back too, and can be dropped.
        type_into(browser, "f-gmina", "Gmina Klucze")
        browser.refresh()
        until(lambda: by_id(browser, "szkic-przegladarki").text, "the offer after a refresh")
        by_id(browser, "szkic-odrzuc").click()
        until(lambda: "odrzucone" in by_id(browser, "szkic-przegladarki").text, "dropped")
        assert kept_in_browser(browser) == []

        # The same plan in a second tab: typing there is told in the first.
        first = browser.current_window_handle
        browser.switch_to.new_window("tab")
        browser.get(f"{base}/plan/plan_2023.yaml")
        type_into(browser, "f-gmina", "Gmina Klucze – druga karta")
        browser.switch_to.window(first)
        told = until(lambda: by_id(browser, "szkic-przegladarki").text, "the other tab told")
        assert "w innej karcie" in told
        assert_accessible(browser, "another tab told")


@pytest.mark.usefixtures("polish")
def test_a_file_that_is_not_yaml_is_mended_as_text_at_its_line(
    browser: WebDriver, tmp_path: Path
) -> None:
    """A tab typed in Notepad: the file opens as text, the line with the error selected; she
    mends it there and goes back to the form."""
    folder = plan_folder(tmp_path)
    plan = folder / "plan_2023.yaml"
    lines = plan.read_text(encoding="utf-8").splitlines(keepends=True)
    assert lines[8].startswith("jednostka:")
    lines[8] = "\t" + lines[8]
    plan.write_text("".join(lines), encoding="utf-8")
    with running_editor(folder) as (address, base):
        browser.get(address)
        browser.get(f"{base}/plan/plan_2023.yaml")
        text = until(lambda: browser.find_elements(By.ID, "tekst"), "the plain text view")[0]
        assert "Wiersz 9:" in by_id(browser, "blad-pliku").text
        assert browser.switch_to.active_element.get_attribute("id") == "tekst"
        selected = browser.execute_script(
            "const a = arguments[0]; return a.value.slice(a.selectionStart, a.selectionEnd);", text
        )
        assert selected == lines[8].rstrip("\n")
        assert text.get_attribute("lang") == "pl"
        assert_accessible(browser, "the plain text view")
        guide_shot(browser, "edytor-tekst.png", tmp_path)
        text.send_keys(lines[8].strip())  # typed over the selected line, without the tab
        by_id(browser, "tekst-form").find_element(By.CSS_SELECTOR, '[value="sprawdz"]').click()
        until(lambda: browser.find_elements(By.ID, "plan-form"), "the form again")
        browser.find_element(By.CSS_SELECTOR, 'button[value="zapisz"]').click()
        until(lambda: "stan=zapisano" in browser.current_url, "the save")
    assert plan_on_disk(plan).jednostka == "Centrum Usług Społecznych w Kluczach"
    assert "\t" not in plan.read_text(encoding="utf-8")


@pytest.mark.usefixtures("polish")
def test_the_centres_template_is_added_and_removed_through_the_page(
    browser: WebDriver, tmp_path: Path
) -> None:
    import docx

    folder = plan_folder(tmp_path)
    template = tmp_path / "wzor_cus.docx"
    document = docx.Document()
    document.sections[0].footer.paragraphs[0].text = "CUS w Kluczach – stopka z wzoru"
    document.save(str(template))
    not_word = tmp_path / "zly_wzor.docx"
    not_word.write_text("to nie jest dokument Worda", encoding="utf-8")
    with running_editor(folder) as (address, base):
        browser.get(address)
        browser.get(f"{base}/plan/plan_2023.yaml")
        by_id(browser, "wzor-plik").send_keys(str(not_word))
        browser.find_element(By.CSS_SELECTOR, 'form[action$="/wzor"] button[value="dodaj"]').click()
        refused = until(lambda: browser.find_elements(By.CSS_SELECTOR, "p.notice.error"), "no")
        assert "zly_wzor.docx: nie jest dokumentem Worda" in refused[0].text
        assert_accessible(browser, "a refused reference document")
        browser.find_element(By.LINK_TEXT, "Wróć do planu").click()
        until(lambda: browser.find_elements(By.ID, "wzor-plik"), "the plan again")

        by_id(browser, "wzor-plik").send_keys(str(template))
        browser.find_element(By.CSS_SELECTOR, 'form[action$="/wzor"] button[value="dodaj"]').click()
        until(lambda: "stan=wzor" in browser.current_url, "the template kept")
        assert browser.switch_to.active_element.get_attribute("id") == "wzor-tytul"
        assert "„wzor_cus.docx”" in by_id(browser, "wzor-stan").text
        assert_accessible(browser, "the reference document kept")
        browser.find_element(By.LINK_TEXT, docx_link(browser)).click()
        made = until(lambda: list((tmp_path / "pobrane").glob("*.docx")), "the DOCX download")[0]
        until(lambda: not made.with_suffix(".docx.crdownload").exists(), "the whole file")
        footers = [p.text for s in docx.Document(str(made)).sections for p in s.footer.paragraphs]
        assert "CUS w Kluczach – stopka z wzoru" in footers

        browser.find_element(By.CSS_SELECTOR, 'button[value="usun"].danger').click()
        until(lambda: "stan=wzor-usuniety" in browser.current_url, "the template removed")
        assert "Brak dokumentu wzorcowego" in by_id(browser, "wzor-stan").text


@pytest.mark.usefixtures("polish")
def test_a_file_changed_on_disk_meanwhile_is_not_overwritten(
    browser: WebDriver, tmp_path: Path
) -> None:
    folder = plan_folder(tmp_path)
    plan = folder / "plan_2023.yaml"
    with running_editor(folder) as (address, base):
        browser.get(address)
        browser.get(f"{base}/plan/plan_2023.yaml")
        until(lambda: browser.find_elements(By.ID, "plan-form"), "the plan form")
        elsewhere = plan.read_text(encoding="utf-8").replace("gmina: Gmina Klucze", "gmina: Klucze")
        plan.write_text(elsewhere, encoding="utf-8")  # a git pull, another computer
        type_into(browser, "f-tytul", "Plan na rok 2023")
        browser.find_element(By.CSS_SELECTOR, 'button[value="zapisz"]').click()
        alert = until(lambda: browser.find_elements(By.CSS_SELECTOR, '[role="alert"]'), "told")
        assert "nie został nadpisany" in alert[0].text
        assert plan.read_text(encoding="utf-8") == elsewhere
        assert by_id(browser, "f-tytul").get_attribute("value") == "Plan na rok 2023"
        assert_accessible(browser, "the file changed on disk")
        browser.find_element(By.CSS_SELECTOR, 'button[value="odrzuc"]').click()
        until(lambda: "stan=wczytano" in browser.current_url, "the file loaded again")
        assert by_id(browser, "f-gmina").get_attribute("value") == "Klucze"
        assert kept_in_browser(browser) == []


@pytest.mark.usefixtures("polish")
def test_a_word_plan_is_brought_in_through_the_folder_page(
    browser: WebDriver, tmp_path: Path
) -> None:
    from osl_plan.load import loads
    from osl_plan.render import render

    folder = plan_folder(tmp_path)
    word = tmp_path / "plan 2022.docx"
    source = (EXAMPLES / "plan_2022.yaml").read_bytes()
    word.write_bytes(render(loads(source, "plan_2022.yaml").plan, "docx"))
    with running_editor(folder) as (address, _base):
        browser.get(address)
        by_id(browser, "dokument").send_keys(str(word))
        by_id(browser, "dokument").find_element(By.XPATH, "ancestor::form").submit()
        link = until(lambda: browser.find_elements(By.LINK_TEXT, "Otwórz plan"), "imported")
        assert_accessible(browser, "the imported plan's notes")
        link[0].click()
        until(lambda: browser.find_elements(By.ID, "plan-form"), "the imported plan's form")
    assert plan_on_disk(folder / "plan 2022.yaml").rok == 2022


@pytest.mark.usefixtures("polish")
def test_she_goes_back_to_a_saved_version(browser: WebDriver, tmp_path: Path) -> None:
    folder = plan_folder(tmp_path)
    plan = folder / "plan_2023.yaml"
    original = plan.read_text(encoding="utf-8")
    with running_editor(folder) as (address, base):
        browser.get(address)
        browser.get(f"{base}/plan/plan_2023.yaml")
        type_into(browser, "f-gmina", "Gmina Klucze i okolice")
        browser.find_element(By.CSS_SELECTOR, 'button[value="zapisz"]').click()
        until(lambda: "stan=zapisano" in browser.current_url, "the save")
        assert plan.read_text(encoding="utf-8") != original
        browser.find_element(By.LINK_TEXT, "Zapisane wersje").click()
        until(lambda: browser.find_elements(By.ID, "wersja-1"), "the kept versions")
        assert by_id(browser, "wersja-1").is_selected()  # the newest: the file before the save
        assert_accessible(browser, "the saved versions")
        browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
        until(lambda: "stan=przywrocono" in browser.current_url, "the version restored")
        assert by_id(browser, "f-gmina").get_attribute("value") == "Gmina Klucze"
        assert plan.read_text(encoding="utf-8") != original  # a draft until she saves it
        browser.find_element(By.CSS_SELECTOR, 'button[value="zapisz"]').click()
        until(lambda: "stan=zapisano" in browser.current_url, "the save")
    assert plan.read_text(encoding="utf-8") == original


def test_the_next_test_gets_the_browser_as_a_new_one(tmp_path: Path) -> None:
    """The test process lends its one Chromium to each test in turn: what a test leaves (a
    site's storage and cookies, another tab, an emulated screen, where downloads go) is gone
    for the next, as with a new browser."""
    import functools
    import http.server
    import threading

    (tmp_path / "strona.html").write_text("<p>strona</p>", encoding="utf-8")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    site = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=site.serve_forever, daemon=True).start()
    page = f"http://127.0.0.1:{site.server_address[1]}/strona.html"
    try:
        first = tmp_path / "pierwszy"
        first.mkdir()
        for driver in chromium(first):
            driver.get(page)
            driver.execute_script("localStorage.setItem('osl-plan|x', '1');")
            driver.add_cookie({"name": "sesja", "value": "1"})
            driver.switch_to.new_window("tab")
            metrics = {"width": 320, "height": 800, "deviceScaleFactor": 1, "mobile": False}
            driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
        second = tmp_path / "drugi"
        second.mkdir()
        for driver in chromium(second):
            assert len(driver.window_handles) == 1
            assert driver.execute_script("return window.innerWidth") > 320
            driver.get(page)
            assert kept_in_browser(driver) == []
            assert driver.get_cookies() == []
            assert (second / "pobrane").is_dir()
    finally:
        site.shutdown()
        site.server_close()
