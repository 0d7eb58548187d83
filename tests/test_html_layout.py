"""The HTML pages laid out by a real Chromium at a desktop's and a phone's width: no word spills
out of its cell or breaks across lines, and a wide table takes the window (scrolling sideways in
its own labelled region only where the window is too narrow)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import yaml
from browser_support import NEEDS_CHROMIUM, by_id, chromium, until
from helpers import EXAMPLES, wide_plan

from osl_plan.documents import ReportDocument, render_document
from osl_plan.load import load, loads
from osl_plan.render import RenderOptions
from osl_plan.render.html import render_html

if TYPE_CHECKING:
    from selenium.webdriver.remote.webdriver import WebDriver

NINE = ("lp", "zadanie", "adresaci", "termin", "partnerzy", "miejsce", "realizatorzy",
        "odpowiedzialny", "rezultaty")  # fmt: skip

#: Run in the page once it is laid out; writes what it found into the page as JSON.
CHECK = """
<script>
window.addEventListener("load", () => {
  const found = {spilled: [], split: [], regions: []};
  for (const cell of document.querySelectorAll("table.tasks td, table.tasks th, "
                                               + "table.report td, table.report th")) {
    if (cell.scrollWidth > cell.clientWidth) found.spilled.push(cell.textContent.trim());
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      // A word may break after its hyphen or dash („polsko-|niemieckiej”), nowhere else.
      for (const match of node.data.matchAll(/[^\\s\\-\\u2010-\\u2015\\/]+/g)) {
        if (match[0].includes("\\u00ad")) continue;  // a soft hyphen is a hyphenation point
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
        if (tops.size > 1) found.split.push(match[0]);
      }
    }
  }
  for (const region of document.querySelectorAll("div.scroll")) {
    const label = document.getElementById(region.getAttribute("aria-labelledby"));
    found.regions.push({
      role: region.getAttribute("role"), focusable: region.tabIndex === 0,
      label: label ? label.textContent : null, wide: region.classList.contains("wide"),
      scrolls: region.scrollWidth > region.clientWidth, width: region.clientWidth,
      page_scrolls: document.documentElement.scrollWidth > window.innerWidth,
      window: window.innerWidth,
    });
  }
  const out = document.createElement("pre");
  out.id = "layout-check";
  out.textContent = JSON.stringify(found);
  document.body.append(out);
});
</script>
"""


pytestmark = NEEDS_CHROMIUM


@pytest.fixture(scope="module")
def window(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebDriver]:
    """One headless Chromium for the module's pages, its scrollbars hidden (as on a phone)."""
    for driver in chromium(tmp_path_factory.mktemp("chromium")):
        driver.execute_cdp_cmd("Emulation.setScrollbarsHidden", {"hidden": True})
        yield driver


def laid_out(window: WebDriver, html: str, width: int, folder: Path) -> dict[str, Any]:
    """What :data:`CHECK` finds in ``html`` laid out in a window ``width`` pixels wide (and 800
    high)."""
    page = folder / f"page_{width}.html"
    page.write_text(html.replace("</body>", CHECK + "</body>"), encoding="utf-8")
    metrics = {"width": width, "height": 800, "deviceScaleFactor": 1, "mobile": False}
    window.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
    window.get(page.as_uri())
    found = until(lambda: by_id(window, "layout-check").get_attribute("textContent"), "the check")
    assert window.execute_script("return window.innerWidth") == width
    return dict(json.loads(found))


def nine_columns() -> str:
    data = wide_plan(8)
    data["kolumny"] = list(NINE)
    for task in data["zadania"]:
        task["realizatorzy"] = ["Centrum Usług Społecznych w Wolbromiu"]
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    return render_html(loads(text, "plan.yaml").plan, RenderOptions())


@pytest.mark.parametrize("width", [1024, 390])
def test_nine_columns_keep_every_word_whole_in_the_window(
    window: WebDriver, tmp_path: Path, width: int
) -> None:
    found = laid_out(window, nine_columns(), width, tmp_path)
    assert found["spilled"] == [] and found["split"] == []
    (region,) = found["regions"]
    assert region["role"] == "region" and region["focusable"] and region["wide"]
    assert region["label"] == "Zadania na 2026 rok"
    # The window's width (less a margin each side): all of it seen on a desktop, sideways in
    # its region on a phone.
    assert region["window"] - 40 <= region["width"] < region["window"]
    assert region["scrolls"] == (width == 390)
    assert not region["page_scrolls"]


@pytest.mark.parametrize("width", [1024, 390])
def test_three_columns_keep_the_text_column(window: WebDriver, tmp_path: Path, width: int) -> None:
    page = render_html(load(EXAMPLES / "plan_2023.yaml").plan, RenderOptions(base_dir=EXAMPLES))
    found = laid_out(window, page, width, tmp_path)
    assert found["spilled"] == [] and found["split"] == []
    (region,) = found["regions"]
    assert not region["wide"] and not region["page_scrolls"]
    if width == 1024:  # the text column is wide enough for three columns
        assert region["width"] < 700 and not region["scrolls"]


@pytest.mark.parametrize("width", [1024, 390, 320])
def test_the_report_table_keeps_every_word_whole(
    window: WebDriver, tmp_path: Path, width: int
) -> None:
    plan = load(EXAMPLES / "plan_2023_realizacja.yaml").plan
    page = render_document(ReportDocument(plan=plan), "html").decode()
    found = laid_out(window, page, width, tmp_path)
    assert found["spilled"] == [] and found["split"] == []
    months, tasks = found["regions"]
    assert tasks["label"].startswith("Realizacja zadań planu") and tasks["focusable"]
    assert not tasks["page_scrolls"]
    # The months' four columns fit a phone's window; in a narrower one (WCAG's 320 px) they
    # scroll in their own region, and the page never does.
    assert months["label"].startswith("Zadania zaplanowane, wydarzenia") and months["focusable"]
    assert months["scrolls"] == (width < 360)
