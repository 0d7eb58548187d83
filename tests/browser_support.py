"""Shared by the editor's browser tests: Chromium driven by Selenium, bounded waits, axe-core, the
keyboard, and the guide's screenshots.

The guide's screenshots (docs/obrazy/edytor-*.png) are taken on the tests' paths: each run saves
them in the test's folder and checks that what the guide says of them is on the screen when they
are taken; ``pytest --update-golden`` (or ``OSL_PLAN_UPDATE_GOLDEN=1``) also writes them into
docs/obrazy/ – look at them before committing."""

from __future__ import annotations

import atexit
import json
import os
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

pytest.importorskip("selenium", reason="selenium is not installed: pip install -e '.[dev]'")

from helpers import update_golden
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

if TYPE_CHECKING:  # the driver itself is imported when a test first needs a browser (0.1 s)
    from selenium.webdriver.remote.webdriver import WebDriver

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


CHROMEDRIVER = shutil.which("chromedriver")


AXE = Path(__file__).resolve().parent / "data" / "axe" / "axe.min.js"


WAIT = 20.0  # seconds any one thing may take to appear


MISSING = "Chromium or chromedriver is missing (apt-get install chromium chromium-driver)"


#: Skipped (visibly) without Chromium and chromedriver, unless they are required (in CI).
NEEDS_CHROMIUM = pytest.mark.skipif(
    (CHROMIUM is None or CHROMEDRIVER is None) and not os.environ.get("OSL_PLAN_REQUIRE_CHROMIUM"),
    reason=MISSING,
)
#: Every editor browser test module's marks: slow, and skipped without Chromium.
BROWSER_MARKS = [pytest.mark.slow, NEEDS_CHROMIUM]


def chromium(tmp_path: Path) -> Iterator[WebDriver]:
    """A headless Chromium downloading into ``tmp_path``/pobrane, for a test module's ``browser``
    fixture (``yield from chromium(tmp_path)``).

    Each test process starts one Chromium (about 0.4 s of CPU) and lends it to one test at a
    time, as a new one would be: one tab on a blank page, 1,400 × 1,000 pixels, downloading into
    the test's folder, and afterwards nothing kept of the sites the test opened (storage,
    cookies, cache) and no emulated screen. A browser the test left in a state that cannot be
    undone is quit, and the next test gets a new one."""
    driver = _browser()
    downloads = tmp_path / "pobrane"
    downloads.mkdir()
    driver.execute_cdp_cmd(
        "Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)}
    )
    driver.set_window_size(1400, 1000)
    try:
        yield driver
    finally:
        from selenium.common.exceptions import WebDriverException

        try:
            _forget_the_test(driver)
        except WebDriverException:  # an alert left open, a crashed tab: start anew
            _quit(driver)


#: This test process's Chromium, once started.
_BROWSERS: list[WebDriver] = []


def _browser() -> WebDriver:
    if _BROWSERS:
        return _BROWSERS[0]
    if CHROMIUM is None or CHROMEDRIVER is None:  # CI sets OSL_PLAN_REQUIRE_CHROMIUM: no skipping
        pytest.fail(MISSING)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

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
    options.add_experimental_option("prefs", {"download.prompt_for_download": False})
    # Chromium on Linux takes its own words (the file picker's „Wybierz plik”) from LANGUAGE;
    # with chromium-l10n installed they are Polish, as on her computer.
    service = Service(
        str(CHROMEDRIVER), env={**os.environ, "LANGUAGE": "pl", "LANG": "pl_PL.UTF-8"}
    )
    driver = webdriver.Chrome(service=service, options=options)
    _BROWSERS.append(driver)
    atexit.register(_quit, driver)
    return driver


def _quit(driver: WebDriver) -> None:
    """Quit the process's Chromium at exit, unless a test's reset quit it already."""
    if driver in _BROWSERS:
        _BROWSERS.remove(driver)
        driver.quit()


def _forget_the_test(driver: WebDriver) -> None:
    """Close the test's other tabs, leave the sites it opened and forget what they kept."""
    handles = driver.window_handles
    origins = set()
    for handle in handles:
        driver.switch_to.window(handle)
        origins.add(driver.execute_script("return location.origin"))
    for handle in handles[1:]:
        driver.switch_to.window(handle)
        driver.close()
    driver.switch_to.window(handles[0])
    driver.get("about:blank")
    for origin in origins - {"null"}:
        driver.execute_cdp_cmd(
            "Storage.clearDataForOrigin", {"origin": origin, "storageTypes": "all"}
        )
    driver.execute_cdp_cmd("Network.clearBrowserCookies", {})
    driver.execute_cdp_cmd("Network.clearBrowserCache", {})
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    driver.execute_cdp_cmd("Emulation.setScrollbarsHidden", {"hidden": False})


def until(check: Callable[[], Any], what: str) -> Any:
    """Wait, boundedly, until ``check`` returns something true."""
    from selenium.common.exceptions import StaleElementReferenceException

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


def choose(driver: WebDriver, element_id: str, value: str) -> None:
    """Pick the option of value ``value`` in the list ``element_id``."""
    from selenium.webdriver.support.ui import Select

    Select(by_id(driver, element_id)).select_by_value(value)


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


def docx_link(driver: WebDriver) -> str:
    link = driver.find_element(By.CSS_SELECTOR, 'a[href$="/pobierz/docx"]')
    return str(link.text)


def assert_docx_has(path: Path, texts: list[str]) -> None:
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


def tab_to(driver: WebDriver, element_id: str, *, limit: int = 400) -> None:
    """Press Tab until the element has the focus (at most ``limit`` times)."""
    _tab_until(driver, "id", element_id, limit, f"#{element_id}")


def tab_to_button(driver: WebDriver, value: str, *, limit: int = 400) -> None:
    _tab_until(driver, "value", value, limit, f"the button {value}")


def _tab_until(driver: WebDriver, attribute: str, wanted: str, limit: int, what: str) -> None:
    """Press Tab until the focused element's ``attribute`` is ``wanted``: one look at the focus
    and one key press per step."""
    from selenium.webdriver.common.action_chains import ActionChains

    look = "const e = document.activeElement; return e ? e.getAttribute(arguments[0]) : null;"
    for _press in range(limit):
        if driver.execute_script(look, attribute) == wanted:
            return
        ActionChains(driver).send_keys(Keys.TAB).perform()  # a key press, even on a file input
    raise AssertionError(f"Tab never reached {what}")


def kept_in_browser(driver: WebDriver) -> list[str]:
    return list(
        driver.execute_script(
            "return Object.keys(localStorage).filter(k => k.startsWith('osl-plan|'));"
        )
    )
