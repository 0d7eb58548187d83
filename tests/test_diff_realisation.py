"""``diff --realizacja``: realisation changes only when asked, in their own section and key."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import EXAMPLES, run_cli

REALISED = EXAMPLES / "plan_2023_realizacja.yaml"


@pytest.fixture
def earlier(tmp_path: Path) -> Path:
    """The same plan in March: Ferie still „w trakcie” without events, the rest as recorded."""
    text = REALISED.read_text(encoding="utf-8")
    start = text.index("      wydarzenia:\n        - data: 30.01.2023 – 10.02.2023")
    end = text.index("      partnerzy:", start)
    text = text[:start] + text[end:]
    text = text.replace(
        "    realizacja:\n      status: zrealizowane\n      partnerzy:\n        - Gminny",
        "    realizacja:\n      status: w trakcie\n      partnerzy:\n        - Gminny",
        1,
    )
    path = tmp_path / "plan_marzec.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_ignored_without_the_option(earlier: Path) -> None:
    result = run_cli("diff", earlier, REALISED, "--exit-code")
    assert result.exit_code == 0, result.stdout
    data = json.loads(run_cli("diff", earlier, REALISED, "-f", "json").stdout)
    assert "realisation" not in data and data["differences"] is False


def test_own_section_and_json_key(earlier: Path) -> None:
    text = run_cli("diff", earlier, REALISED, "--realizacja").stdout
    assert "Realisation (1):" in text
    assert "  * [5 → 5] Partnerstwo przy organizacji „Ferii na sportowo”" in text
    assert (
        "      status: in progress → carried out; events: 0 → 1; participants: 0 → 64; "
        "events added: 30.01.2023 – 10.02.2023"
    ) in text
    data = json.loads(run_cli("diff", earlier, REALISED, "--realizacja", "-f", "json").stdout)
    (change,) = data["realisation"]
    assert change["new_index"] == 5
    assert change["before"] == {"status": "w trakcie", "events": 0, "participants": 0}
    assert change["after"] == {"status": "zrealizowane", "events": 1, "participants": 64}
    assert change["keys"] == ["status", "wydarzenia"]
    assert data["changed"] == []  # the plan itself did not change
    failing = run_cli("diff", earlier, REALISED, "--realizacja", "--exit-code")
    assert failing.exit_code == 1
    md = run_cli("diff", earlier, REALISED, "--realizacja", "-f", "md").stdout
    assert "#### Realisation (1)" in md
    github = run_cli("diff", earlier, REALISED, "--realizacja", "-f", "github").stdout
    assert "title=osl-plan diff%3A realisation changed::status: in progress → carried out" in github
