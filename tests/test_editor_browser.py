"""The editor in a real Chromium (Selenium): her path through it, with the mouse and with the
keyboard alone, and axe-core on every page. Screenshots go to the test's folder."""

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

from editor_support import plan_folder, plan_on_disk, running_editor
from selenium import webdriver
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
        found = check()
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


def test_her_path_create_a_plan_make_a_mistake_fix_it_save_download(
    browser: WebDriver, tmp_path: Path
) -> None:
    folder = plan_folder(tmp_path)
    with running_editor(folder) as (address, base):
        browser.get(address)
        until(lambda: browser.find_elements(By.CSS_SELECTOR, "table.plans"), "the folder page")
        assert "plan_2023.yaml" in browser.page_source
        assert_accessible(browser, "folder page")
        browser.save_screenshot(str(tmp_path / "folder.png"))

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
        assert browser.find_elements(By.CSS_SELECTOR, 'ul.problems a[href="#f-zadania-0-termin"]')
        browser.execute_script("arguments[0].scrollIntoView()", termin)
        browser.save_screenshot(str(tmp_path / "error.png"))
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
        browser.save_screenshot(str(tmp_path / "plan.png"))
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
        for page in ("/", "/plan/plan_2023.yaml", "/plan/plan_2023.yaml/rok"):
            browser.get(base + page)
            until(lambda: browser.find_elements(By.TAG_NAME, "h1"), page)
            wide = browser.execute_script(
                "const root = document.documentElement;return [root.scrollWidth, root.clientWidth];"
            )
            assert wide[0] <= wide[1], (page, wide)
        browser.save_screenshot(str(tmp_path / "zoom.png"))
        assert_accessible(browser, "realisation page at 640 pixels")


def test_the_preview_follows_her_typing_in_the_one_answer(
    browser: WebDriver, tmp_path: Path
) -> None:
    """The check's answer carries the preview: the frame is filled from it (no second request),
    keeps the document's own styles, and still runs no script."""
    folder = plan_folder(tmp_path)
    with running_editor(folder) as (address, base):
        browser.get(address)
        browser.get(f"{base}/plan/plan_2023.yaml")
        preview = until(lambda: browser.find_elements(By.ID, "podglad"), "the preview")[0]
        type_into(browser, "f-zadania-0-zadanie", "Kawiarenka sąsiedzka Rodaków")

        def shown() -> Any:
            browser.switch_to.frame(preview)
            try:
                return "Kawiarenka sąsiedzka Rodaków" in browser.page_source
            finally:
                browser.switch_to.default_content()

        until(shown, "the typed task in the preview")
        loads = browser.execute_script(
            "return performance.getEntriesByType('resource')"
            ".filter(e => e.name.indexOf('/podglad') >= 0).length"
        )
        assert loads == 1  # the frame's first page only: the answer itself filled it since
        browser.switch_to.frame(preview)
        styles = browser.execute_script(
            "const table = document.querySelector('table.tasks');"
            "const col = document.querySelector('col[style]');"
            "return [getComputedStyle(table).borderCollapse, col ? col.style.width : '',"
            " typeof window.eval === 'function' && document.scripts.length];"
        )
        browser.switch_to.default_content()
        assert styles[0] == "collapse" and styles[1].endswith("%")  # its <style> and style=""
        assert styles[2] == 0
        assert "allow-scripts" not in (preview.get_attribute("sandbox") or "")
        browser.save_screenshot(str(tmp_path / "live-preview.png"))
