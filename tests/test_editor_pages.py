"""What every page of a plan offers a screen reader and a spell checker."""

from __future__ import annotations

from pathlib import Path

from editor_support import client, plan_folder
from lxml import html as lxml_html


def test_every_text_field_is_spell_checked_in_polish(tmp_path: Path) -> None:
    """Browser spell checking in Polish in every field she writes words into; numbers and the
    plain YAML text are left alone."""
    folder = plan_folder(tmp_path, "plan_2023_realizacja.yaml")
    signed_in = client(folder)
    checked = 0
    for url in ("/plan/plan_2023.yaml", "/plan/plan_2023.yaml/rok"):
        tree = lxml_html.fromstring(signed_in.get(url).text)
        fields = tree.xpath(
            '//form[@id="plan-form"]//textarea | //form[@id="plan-form"]//input[@type="text"]'
        )
        assert fields, url
        for field in fields:
            if field.get("inputmode") == "numeric":
                continue
            assert (field.get("lang"), field.get("spellcheck")) == ("pl", "true"), (
                url,
                field.get("name"),
            )
            checked += 1
    assert checked > 200  # the plan's tasks and their realisation, not a handful


def test_the_pages_scripts_come_from_the_package_and_none_is_inline(tmp_path: Path) -> None:
    folder = plan_folder(tmp_path)
    signed_in = client(folder)
    page = signed_in.get("/plan/plan_2023.yaml")
    assert "script-src 'self'" in page.headers["content-security-policy"]
    tree = lxml_html.fromstring(page.text)
    sources = [s.get("src") for s in tree.xpath("//script")]
    assert sources == ["/static/editor.js", "/static/drafts.js"]
    for source in sources:
        served = signed_in.get(source)
        assert served.status_code == 200 and "javascript" in served.headers["content-type"]
        assert "http:" not in served.text and "https:" not in served.text  # nothing from outside
    assert not tree.xpath("//@*[starts-with(name(), 'on')]")  # no inline event handlers
