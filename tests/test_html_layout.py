"""The HTML pages laid out by a real Chromium at a desktop's and a phone's width: no word spills
out of its cell or breaks across lines, and a wide table takes the window (scrolling sideways in
its own labelled region only where the window is too narrow)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers import EXAMPLES, chromium_or_skip, wide_plan

from osl_plan.documents import ReportDocument, render_document
from osl_plan.load import load, loads
from osl_plan.render import RenderOptions
from osl_plan.render.html import render_html

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


def laid_out(html: str, width: int, folder: Path) -> dict[str, Any]:
    """What :data:`CHECK` finds in ``html`` laid out in a window ``width`` pixels wide."""
    page = folder / f"page_{width}.html"
    page.write_text(html.replace("</body>", CHECK + "</body>"), encoding="utf-8")
    dom = subprocess.run(
        [chromium_or_skip(), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
         f"--user-data-dir={folder / 'profile'}", f"--window-size={width},800",
         "--virtual-time-budget=5000", "--dump-dom", page.as_uri()],
        capture_output=True, check=True, timeout=120,
    ).stdout.decode("utf-8")  # fmt: skip
    start = dom.index('<pre id="layout-check">') + len('<pre id="layout-check">')
    return dict(json.loads(dom[start : dom.index("</pre>", start)].replace("&amp;", "&")))


def nine_columns() -> str:
    data = wide_plan(8)
    data["kolumny"] = list(NINE)
    for task in data["zadania"]:
        task["realizatorzy"] = ["Centrum Usług Społecznych w Wolbromiu"]
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    return render_html(loads(text, "plan.yaml").plan, RenderOptions())


@pytest.mark.parametrize("width", [1024, 390])
def test_nine_columns_keep_every_word_whole_in_the_window(tmp_path: Path, width: int) -> None:
    found = laid_out(nine_columns(), width, tmp_path)
    assert found["spilled"] == [] and found["split"] == []
    (region,) = found["regions"]
    assert region["role"] == "region" and region["focusable"] and region["wide"]
    assert region["label"] == "Zadania na 2026 rok"
    # The window's width (less a margin each side): all of it seen on a desktop, sideways in
    # its region on a phone (headless Chromium lays out at least 500 px).
    assert region["window"] - 40 <= region["width"] < region["window"]
    assert region["scrolls"] == (width == 390)
    assert not region["page_scrolls"]


@pytest.mark.parametrize("width", [1024, 390])
def test_three_columns_keep_the_text_column(tmp_path: Path, width: int) -> None:
    page = render_html(load(EXAMPLES / "plan_2023.yaml").plan, RenderOptions(base_dir=EXAMPLES))
    found = laid_out(page, width, tmp_path)
    assert found["spilled"] == [] and found["split"] == []
    (region,) = found["regions"]
    assert not region["wide"] and not region["page_scrolls"]
    if width == 1024:  # the text column is wide enough for three columns
        assert region["width"] < 700 and not region["scrolls"]


@pytest.mark.parametrize("width", [1024, 390])
def test_the_report_table_keeps_every_word_whole(tmp_path: Path, width: int) -> None:
    plan = load(EXAMPLES / "plan_2023_realizacja.yaml").plan
    found = laid_out(render_document(ReportDocument(plan=plan), "html").decode(), width, tmp_path)
    assert found["spilled"] == [] and found["split"] == []
    (region,) = found["regions"]
    assert region["label"].startswith("Realizacja zadań planu") and region["focusable"]
    assert not region["page_scrolls"]
