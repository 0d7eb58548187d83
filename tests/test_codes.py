"""Every problem code the code can produce is registered in osl_plan/codes.py, and described."""

from __future__ import annotations

import re

from helpers import ROOT

from osl_plan import explain
from osl_plan.codes import CODES
from osl_plan.i18n import translations


def _codes_written_in_the_source() -> set[str]:
    found: set[str] = set()
    for path in (ROOT / "osl_plan").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        found |= set(re.findall(r"\bcode=\"([a-z0-9-]+)\"", text))
        found |= set(re.findall(r"^\s+\"([a-z0-9]+(?:-[a-z0-9]+)+)\",?$", text, re.MULTILINE))
    return found


def test_every_code_in_the_source_is_registered() -> None:
    written = _codes_written_in_the_source()
    assert {"yaml-syntax", "duplicate-key", "encoding", "term-after-year"} <= written
    mapped = set(explain._CODES.values()) | {"colon-in-text", "empty-value", "invalid-value"}
    # Strings in the source that look like codes but are not: the funding presets' names.
    presets = {c for c in written if re.match(r"(power|fers|fem)-\d", c)}
    missing = sorted((written | mapped) - presets - set(CODES))
    assert missing == []


def test_every_code_is_stable_kebab_case_and_described_in_both_languages() -> None:
    polish = translations("pl").gettext
    for code, description in CODES.items():
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", code), code
        assert description.endswith("."), code
        assert polish(description) != description, f"{code}: no Polish description"
