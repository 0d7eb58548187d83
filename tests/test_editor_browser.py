"""The editor in a real Chromium (Selenium): her path through it, with the mouse and with the
keyboard alone, and axe-core on every page.

The guide's screenshots (docs/obrazy/edytor-*.png) are taken on this path: each run saves them in
the test's folder and checks that what the guide's caption says is on the screen when it is
taken; ``pytest --update-golden`` (or ``OSL_PLAN_UPDATE_GOLDEN=1``) also writes them into
docs/obrazy/ – look at them before committing."""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("selenium", reason="selenium is not installed: pip install -e '.[dev]'")

from editor_support import EXAMPLES, plan_folder, plan_on_disk, running_editor
from helpers import update_golden
from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import Select

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
AXE = Path(__file__).resolve().parent / "data" / "axe" / "axe.min.js"
WAIT = 20.0  # seconds any one thing may take to appear

MISSING = "Chromium or chromedriver is missing (apt-get install chromium chromium-driver)"
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        (CHROMIUM is None or CHROMEDRIVER is None)
        and not os.environ.get("OSL_PLAN_REQUIRE_CHROMIUM"),
        reason=MISSING,
    ),
]


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[WebDriver]:
    if CHROMIUM is None or CHROMEDRIVER is None:  # CI sets OSL_PLAN_REQUIRE_CHROMIUM: no skipping
        pytest.fail(MISSING)
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1400,1000",
        "--lang=pl",
        "--no-proxy-server",
        "--disable-background-networking",
        "--disable-component-update",
    ):
        options.add_argument(argument)
    downloads = tmp_path / "pobrane"
    downloads.mkdir()
    options.add_experimental_option(
        "prefs",
        {"download.default_directory": str(downloads), "download.prompt_for_download": False},
    )
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def until(check: Callable[[], Any], what: str) -> Any:
    """Wait, boundedly, until ``check`` returns something true."""
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        try:
            found = check()
        except StaleElementReferenceException:  # the page was being replaced: look again
            found = None
        if found:
            return found
        time.sleep(0.1)
    raise AssertionError(f"waited {WAIT} s for {what}")


def by_id(driver: WebDriver, element_id: str) -> Any:
    return driver.find_element(By.ID, element_id)


def axe_violations(driver: WebDriver) -> list[dict[str, Any]]:
    """What axe-core finds against WCAG 2.1 A and AA on the current page."""
    driver.execute_script(AXE.read_text(encoding="utf-8"))
    driver.set_script_timeout(60)
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}}).then(r => done(r.violations));"
    )
    return [{"id": v["id"], "nodes": [n["target"] for n in v["nodes"]]} for v in result]


def assert_accessible(driver: WebDriver, where: str) -> None:
    violations = axe_violations(driver)
    assert violations == [], f"{where}: {json.dumps(violations, ensure_ascii=False)}"


def type_into(driver: WebDriver, element_id: str, text: str) -> None:
    field = by_id(driver, element_id)
    field.clear()
    field.send_keys(text)


GUIDE_IMAGES = Path(__file__).resolve().parent.parent / "docs" / "obrazy"
#: The guide's screenshots, and the words on the screen that its text and caption speak of.
SHOTS: dict[str, tuple[str, ...]] = {
    "edytor-folder.png": ("Plany w folderze", "plan_2022.yaml", "plan_2023.yaml", "Nowy plan"),
    "edytor-blad.png": ("Termin", "Błąd:", "marzec – czerwic 2026", "Pobierz DOCX"),
    "edytor-plan.png": ("Zapisano.", "Pobierz DOCX", "Pobierz PDF", "Podgląd dokumentu"),
    "edytor-realizacja.png": ("Status realizacji", "Powód", "Wydarzenie 1"),
    "edytor-przywracanie.png": ("Zmienione pola: 1.", "Przywróć zmiany", "Odrzuć je"),
    "edytor-tekst.png": ("Wiersz 9:", "Plik planu", "jednostka:"),
}
#: Whether a phrase is shown inside the window: in an element's own text or a field's value.
IN_VIEW = """
const phrase = arguments[0];
const shown = el => {
  const box = el.getBoundingClientRect();
  return box.width > 0 && box.height > 0 && box.bottom > 0 && box.top < innerHeight
    && box.right > 0 && box.left < innerWidth && getComputedStyle(el).visibility !== 'hidden';
};
for (const el of document.body.querySelectorAll('*')) {
  const own = (el.matches('input, textarea') ? el.value
    : el.matches('iframe') ? el.title : el.innerText) || '';
  if (!own.replace(/\\s+/g, ' ').includes(phrase)) { continue; }
  const deeper = Array.from(el.children).some(c => (c.innerText || '').includes(phrase));
  if (!deeper && shown(el)) { return true; }
}
return false;
"""


def guide_shot(driver: WebDriver, name: str, folder: Path) -> None:
    """Take the guide's screenshot ``name`` once what it shows is on the screen."""
    for phrase in SHOTS[name]:
        until(
            lambda phrase=phrase: driver.execute_script(IN_VIEW, phrase),
            f"„{phrase}” in view for {name}",
        )
    driver.save_screenshot(str(folder / name))
    if update_golden():
        shutil.copy(folder / name, GUIDE_IMAGES / name)


@pytest.mark.usefixtures("polish")
def test_her_path_create_a_plan_make_a_mistake_fix_it_save_download(
    browser: WebDriver, tmp_path: Path
) -> None:
    folder = plan_folder(tmp_path)
    shutil.copy(EXAMPLES / "plan_2022.yaml", folder / "plan_2022.yaml")
    with running_editor(folder) as (address, base):
        browser.get(address)
        until(lambda: browser.find_elements(By.CSS_SELECTOR, "table.plans"), "the folder page")
        assert "plan_2023.yaml" in browser.page_source
        assert_accessible(browser, "folder page")
        guide_shot(browser, "edytor-folder.png", tmp_path)

        type_into(browser, "nowy-rok", "2026")
        browser.find_element(By.CSS_SELECTOR, "form.new button").click()
        until(lambda: browser.find_elements(By.ID, "plan-form"), "the new plan's form")
        assert browser.current_url == f"{base}/plan/plan_2026.yaml"
        assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") in {"pl", "en"}
        assert by_id(browser, "f-zadania-0-zadanie").get_attribute("spellcheck") == "true"
        assert by_id(browser, "f-zadania-0-zadanie").get_attribute("lang") == "pl"

        type_into(browser, "f-jednostka", "Centrum Usług Społecznych w Kluczach")
        type_into(browser, "f-zadania-0-zadanie", "Spotkania z mieszkańcami sołectw")
        type_into(browser, "f-zadania-0-termin", "marzec – czerwic 2026")
        until(
            lambda: "czerwic" in by_id(browser, "f-zadania-0-termin-problem").text,
            "the term's message",
        )
        termin = by_id(browser, "f-zadania-0-termin")
        assert termin.get_attribute("aria-invalid") == "true"
        assert "f-zadania-0-termin-problem" in termin.get_attribute("aria-describedby")
        jump = browser.find_element(By.CSS_SELECTOR, 'ul.problems a[href="#f-zadania-0-termin"]')
        jump.click()  # the list jumps to the field, and the keyboard is there too
        until(
            lambda: browser.switch_to.active_element.get_attribute("id") == "f-zadania-0-termin",
            "the focus on the field the problem names",
        )
        browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", termin)
        guide_shot(browser, "edytor-blad.png", tmp_path)
        assert_accessible(browser, "plan form with an error shown")

        type_into(browser, "f-zadania-0-termin", "marzec - czerwiec")
        meaning = until(
            lambda: (
                by_id(browser, "f-zadania-0-termin-term").text.endswith("2026")
                and by_id(browser, "f-zadania-0-termin-term").text
            ),
            "the months understood",
        )
        assert meaning == "= Marzec – czerwiec 2026"
        until(lambda: not by_id(browser, "f-zadania-0-termin-problem").text, "the message gone")
        assert by_id(browser, "f-zadania-0-termin").get_attribute("aria-invalid") is None

        browser.find_element(By.CSS_SELECTOR, 'button[value="dodaj:zadania"]').click()
        until(lambda: browser.find_elements(By.ID, "f-zadania-1-zadanie"), "the added task")
        type_into(browser, "f-zadania-1-zadanie", "Festyn rodzinny")
        type_into(browser, "f-zadania-1-termin", "czerwiec 2026")
        type_into(browser, "f-zadania-1-adresaci", "Rodziny z dziećmi\nSeniorzy")
        browser.find_element(By.CSS_SELECTOR, 'button[value="zapisz"]').click()
        until(lambda: "stan=zapisano" in browser.current_url, "the save")

        plan = plan_on_disk(folder / "plan_2026.yaml")
        assert plan.jednostka == "Centrum Usług Społecznych w Kluczach"
        assert [t.zadanie for t in plan.zadania] == [
            "Spotkania z mieszkańcami sołectw",
            "Festyn rodzinny",
        ]
        assert plan.zadania[0].termin.printed(nbsp=False) == "Marzec – czerwiec 2026"
        assert plan.zadania[1].adresaci == ("Rodziny z dziećmi", "Seniorzy")

        preview = until(lambda: browser.find_elements(By.ID, "podglad"), "the preview")[0]
        browser.switch_to.frame(preview)
        until(lambda: "Festyn rodzinny" in browser.page_source, "the task in the preview")
        browser.switch_to.default_content()
        guide_shot(browser, "edytor-plan.png", tmp_path)
        assert_accessible(browser, "plan form with the preview")

        browser.find_element(By.LINK_TEXT, _docx_link(browser)).click()
        docx = until(lambda: list((tmp_path / "pobrane").glob("*.docx")), "the DOCX download")[0]
        _assert_docx_has(docx, ["Spotkania z mieszkańcami sołectw", "Festyn rodzinny"])

        browser.get(f"{base}/plan/plan_2026.yaml/rok")
        browser.find_element(By.CSS_SELECTOR, "#f-zadania-0-czesc > summary").click()
        Select(by_id(browser, "f-zadania-0-realizacja-status")).select_by_value("zrealizowane")
        by_id(browser, "f-zadania-0-realizacja-wydarzenia-dodaj").click()
        until(
            lambda: (
                browser.switch_to.active_element.get_attribute("id")
                == "f-zadania-0-realizacja-wydarzenia-0-data"
            ),
            "the focus on the new event",
        )
        type_into(browser, "f-zadania-0-realizacja-wydarzenia-0-data", "14.03.2026")
        type_into(browser, "f-zadania-0-realizacja-wydarzenia-0-uczestnicy", "31")
        browser.find_element(By.CSS_SELECTOR, 'button[value="zapisz"]').click()
        until(lambda: "stan=zapisano" in browser.current_url, "the realisation saved")
        done = plan_on_disk(folder / "plan_2026.yaml").zadania[0].realizacja
        assert done is not None and done.status.value == "zrealizowane"
        assert [e.uczestnicy for e in done.wydarzenia] == [31]
        task = by_id(browser, "f-zadania-0-czesc")
        browser.execute_script("arguments[0].scrollIntoView({block: 'start'})", task)
        guide_shot(browser, "edytor-realizacja.png", tmp_path)

        for page in ("rok", "miesiac?na=2026-03", "historia"):
            browser.get(f"{base}/plan/plan_2026.yaml/{page}")
            until(lambda: browser.find_elements(By.TAG_NAME, "h1"), page)
            browser.save_screenshot(str(tmp_path / f"{page.split('?')[0]}.png"))
            assert_accessible(browser, page)


def _docx_link(driver: WebDriver) -> str:
    link = driver.find_element(By.CSS_SELECTOR, 'a[href$="/pobierz/docx"]')
    return str(link.text)


def _assert_docx_has(path: Path, texts: list[str]) -> None:
    import docx

    until(
        lambda: path.stat().st_size > 0 and not path.with_suffix(".docx.crdownload").exists(),
        "the file",
    )
    document = docx.Document(str(path))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    found = "\n".join([p.text for p in document.paragraphs] + cells).replace("\xa0", " ")
    for text in texts:
        assert text in found


def _tab_to(driver: WebDriver, element_id: str, *, limit: int = 400) -> None:
    """Press Tab until the element has the focus (at most ``limit`` times)."""
    for _press in range(limit):
        if driver.switch_to.active_element.get_attribute("id") == element_id:
            return
        ActionChains(driver).send_keys(Keys.TAB).perform()  # a key press, even on a file input
    raise AssertionError(f"Tab never reached #{element_id}")


def _tab_to_button(driver: WebDriver, value: str, *, limit: int = 400) -> None:
    for _press in range(limit):
        if driver.switch_to.active_element.get_attribute("value") == value:
            return
        ActionChains(driver).send_keys(Keys.TAB).perform()  # a key press, even on a file input
    raise AssertionError(f"Tab never reached the button {value}")


def test_the_whole_path_with_the_keyboard_alone(browser: WebDriver, tmp_path: Path) -> None:
    folder = plan_folder(tmp_path)
    with running_editor(folder) as (address, _base):
        browser.get(address)
        until(lambda: browser.find_elements(By.ID, "nowy-rok"), "the folder page")
        _tab_to(browser, "nowy-rok")
        keys = browser.switch_to.active_element
        keys.send_keys(Keys.CONTROL, "a")
        keys.send_keys("2027", Keys.ENTER)  # Enter submits the form
        until(lambda: browser.find_elements(By.ID, "plan-form"), "the new plan's form")
        _tab_to(browser, "f-zadania-0-zadanie")
        browser.switch_to.active_element.send_keys("Kawiarenka dla seniorów")
        _tab_to(browser, "f-zadania-0-termin")
        browser.switch_to.active_element.send_keys("cały rok 2027")
        _tab_to_button(browser, "dodaj:zadania")
        browser.switch_to.active_element.send_keys(Keys.ENTER)
        until(
            lambda: browser.switch_to.active_element.get_attribute("id") == "f-zadania-1-zadanie",
            "the focus on the added task",
        )
        browser.switch_to.active_element.send_keys("Dzień Sąsiada")
        _tab_to(browser, "f-zadania-1-termin")
        browser.switch_to.active_element.send_keys("maj 2027")
        _tab_to_button(browser, "gora:zadania.1")
        browser.switch_to.active_element.send_keys(Keys.ENTER)  # move it up, keyboard only
        until(lambda: "#f-zadania-0-dol" in browser.current_url, "the move")
        assert browser.switch_to.active_element.get_attribute("id") == "f-zadania-0-dol"
        _tab_to_button(browser, "zapisz")
        browser.switch_to.active_element.send_keys(Keys.ENTER)
        until(lambda: "stan=zapisano" in browser.current_url, "the save")
    plan = plan_on_disk(folder / "plan_2027.yaml")
    assert [t.zadanie for t in plan.zadania] == ["Dzień Sąsiada", "Kawiarenka dla seniorów"]
    assert plan.zadania[1].termin.printed(nbsp=False) == "Styczeń – grudzień 2027"


def test_at_200_percent_zoom_nothing_scrolls_sideways(browser: WebDriver, tmp_path: Path) -> None:
    """200 % zoom of a 1280-pixel screen is a 640-pixel wide page: one column, no side scroll."""
    folder = plan_folder(tmp_path, "plan_2023_realizacja.yaml")
    browser.set_window_size(640, 900)
    with running_editor(folder) as (address, base):
        browser.get(address)
        for page in (
            "/",
            "/plan/plan_2023.yaml",
            "/plan/plan_2023.yaml/miesiac?na=2023-03",
            "/plan/plan_2023.yaml/historia",
            "/plan/plan_2023.yaml/rok",
        ):
            browser.get(base + page)
            until(lambda: browser.find_elements(By.TAG_NAME, "h1"), page)
            wide = browser.execute_script(
                "const root = document.documentElement;return [root.scrollWidth, root.clientWidth];"
            )
            assert wide[0] <= wide[1], (page, wide)
            assert_accessible(browser, f"{page} at 640 pixels")
        browser.save_screenshot(str(tmp_path / "zoom.png"))


def _kept_in_browser(driver: WebDriver) -> list[str]:
    return list(
        driver.execute_script(
            "return Object.keys(localStorage).filter(k => k.startsWith('osl-plan|'));"
        )
    )


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
    assert len(_kept_in_browser(browser)) == 1
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
        _tab_to(browser, "szkic-przywroc")
        browser.switch_to.active_element.send_keys(Keys.ENTER)
        until(lambda: "Zmiany przywrócono" in by_id(browser, "szkic-przegladarki").text, "restored")
        assert browser.switch_to.active_element.get_attribute("id") == "f-tytul"
        assert by_id(browser, "f-tytul").get_attribute("value") == "Plan pracy na rok 2023"
        browser.find_element(By.CSS_SELECTOR, 'button[value="zapisz"]').click()
        until(lambda: "stan=zapisano" in browser.current_url, "the save")
        saved = plan_on_disk(plan)
        assert (saved.gmina, saved.tytul) == ("Gmina Klucze (Olkusz)", "Plan pracy na rok 2023")
        assert _kept_in_browser(browser) == []

        # A refresh before the editor got a keystroke: offered back too, and can be dropped.
        type_into(browser, "f-gmina", "Gmina Klucze")
        browser.refresh()
        until(lambda: by_id(browser, "szkic-przegladarki").text, "the offer after a refresh")
        by_id(browser, "szkic-odrzuc").click()
        until(lambda: "odrzucone" in by_id(browser, "szkic-przegladarki").text, "dropped")
        assert _kept_in_browser(browser) == []

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


def test_the_guide_shows_every_screenshot_the_tests_take_and_no_other() -> None:
    guide = (GUIDE_IMAGES.parent / "przewodnik.md").read_text(encoding="utf-8")
    for name in SHOTS:
        assert f"](obrazy/{name})" in guide, name
        assert (GUIDE_IMAGES / name).is_file(), name
    assert {p.name for p in GUIDE_IMAGES.glob("edytor-*.png")} == set(SHOTS)


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
        browser.find_element(By.LINK_TEXT, _docx_link(browser)).click()
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
        assert _kept_in_browser(browser) == []


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
