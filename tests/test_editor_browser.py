"""The editor in a real Chromium (Selenium): her path through it, with the mouse and with the
keyboard alone, at 200 % zoom, and axe-core on every page; the guide's screenshots are taken on
the way (tests/browser_support.py)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

pytest.importorskip("selenium", reason="selenium is not installed: pip install -e '.[dev]'")

from browser_support import (
    BROWSER_MARKS,
    GUIDE_IMAGES,
    SHOTS,
    assert_accessible,
    assert_docx_has,
    by_id,
    choose,
    chromium,
    docx_link,
    guide_shot,
    tab_to,
    tab_to_button,
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

        browser.find_element(By.LINK_TEXT, docx_link(browser)).click()
        docx = until(lambda: list((tmp_path / "pobrane").glob("*.docx")), "the DOCX download")[0]
        assert_docx_has(docx, ["Spotkania z mieszkańcami sołectw", "Festyn rodzinny"])

        browser.get(f"{base}/plan/plan_2026.yaml/rok")
        browser.find_element(By.CSS_SELECTOR, "#f-zadania-0-czesc > summary").click()
        choose(browser, "f-zadania-0-realizacja-status", "zrealizowane")
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


def test_the_whole_path_with_the_keyboard_alone(browser: WebDriver, tmp_path: Path) -> None:
    folder = plan_folder(tmp_path)
    with running_editor(folder) as (address, _base):
        browser.get(address)
        until(lambda: browser.find_elements(By.ID, "nowy-rok"), "the folder page")
        tab_to(browser, "nowy-rok")
        keys = browser.switch_to.active_element
        keys.send_keys(Keys.CONTROL, "a")
        keys.send_keys("2027", Keys.ENTER)  # Enter submits the form
        until(lambda: browser.find_elements(By.ID, "plan-form"), "the new plan's form")
        tab_to(browser, "f-zadania-0-zadanie")
        browser.switch_to.active_element.send_keys("Kawiarenka dla seniorów")
        tab_to(browser, "f-zadania-0-termin")
        browser.switch_to.active_element.send_keys("cały rok 2027")
        tab_to_button(browser, "dodaj:zadania")
        browser.switch_to.active_element.send_keys(Keys.ENTER)
        until(
            lambda: browser.switch_to.active_element.get_attribute("id") == "f-zadania-1-zadanie",
            "the focus on the added task",
        )
        browser.switch_to.active_element.send_keys("Dzień Sąsiada")
        tab_to(browser, "f-zadania-1-termin")
        browser.switch_to.active_element.send_keys("maj 2027")
        tab_to_button(browser, "gora:zadania.1")
        browser.switch_to.active_element.send_keys(Keys.ENTER)  # move it up, keyboard only
        until(lambda: "#f-zadania-0-dol" in browser.current_url, "the move")
        assert browser.switch_to.active_element.get_attribute("id") == "f-zadania-0-dol"
        tab_to_button(browser, "zapisz")
        browser.switch_to.active_element.send_keys(Keys.ENTER)
        until(lambda: "stan=zapisano" in browser.current_url, "the save")
    plan = plan_on_disk(folder / "plan_2027.yaml")
    assert [t.zadanie for t in plan.zadania] == ["Dzień Sąsiada", "Kawiarenka dla seniorów"]
    assert plan.zadania[1].termin.printed(nbsp=False) == "Styczeń – grudzień 2027"


def test_at_200_percent_zoom_nothing_scrolls_sideways(browser: WebDriver, tmp_path: Path) -> None:
    """200 % zoom of a 1280-pixel screen is a 640-pixel wide page: one column, no side scroll.
    At 400 % (320 pixels, WCAG's reflow) the page still does not scroll sideways; the table of
    plans scrolls in its own region."""
    folder = plan_folder(tmp_path, "plan_2023_realizacja.yaml")
    browser.set_window_size(640, 900)
    pages = (
        "/",
        "/plan/plan_2023.yaml",
        "/plan/plan_2023.yaml/miesiac?na=2023-03",
        "/plan/plan_2023.yaml/historia",
        "/plan/plan_2023.yaml/rok",
    )
    sideways = "const root = document.documentElement; return root.scrollWidth > root.clientWidth;"
    with running_editor(folder) as (address, base):
        browser.get(address)
        for page in pages:
            browser.get(base + page)
            until(lambda: browser.find_elements(By.TAG_NAME, "h1"), page)
            assert not browser.execute_script(sideways), f"{page} at 640 pixels"
            assert_accessible(browser, f"{page} at 640 pixels")
        browser.save_screenshot(str(tmp_path / "zoom.png"))
        metrics = {"width": 320, "height": 800, "deviceScaleFactor": 1, "mobile": False}
        browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
        for page in pages:
            browser.get(base + page)
            until(lambda: browser.find_elements(By.TAG_NAME, "h1"), page)
            assert browser.execute_script("return window.innerWidth") == 320
            assert not browser.execute_script(sideways), f"{page} at 320 pixels"
        browser.get(base + "/")
        region = browser.find_element(By.CSS_SELECTOR, "[role=region][aria-labelledby]")
        assert browser.execute_script("return arguments[0].scrollWidth > arguments[0].clientWidth;",
                                      region)  # fmt: skip
        browser.save_screenshot(str(tmp_path / "zoom_320.png"))


def test_the_guide_shows_every_screenshot_the_tests_take_and_no_other() -> None:
    guide = (GUIDE_IMAGES.parent / "przewodnik.md").read_text(encoding="utf-8")
    for name in SHOTS:
        assert f"](obrazy/{name})" in guide, name
        assert (GUIDE_IMAGES / name).is_file(), name
    assert {p.name for p in GUIDE_IMAGES.glob("edytor-*.png")} == set(SHOTS)


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
