"""``osl-plan validate`` in both languages: a happy and a hostile run of every report format.

Goldens (``tests/golden/validate/<run>.<format>.<lang>.txt``: the exit code, stdout and stderr)
are rewritten only when OSL_PLAN_UPDATE_GOLDEN=1 is set; review the diff before committing it.
Polish is what a user gets with no language chosen (``LANG=C``, as on a CI runner).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from helpers import ROOT, run_cli, update_golden

from osl_plan.devtools import catalog

GOLDEN = Path(__file__).resolve().parent / "golden" / "validate"
UPDATE = update_golden()
RUNS = {
    "happy": ("examples/plan_2023.yaml", "examples/plan_2022.yaml"),
    "hostile": (
        "examples/plan_2023.yaml",
        "tests/invalid/many_errors.yaml",
        "tests/invalid/cp1250.yaml",
        "tests/invalid/capital_keys_and_empty_values.yaml",
        "tests/invalid/no_such_plan.yaml",
    ),
}
FORMATS = ("text", "json", "github")
LANGUAGES = ("en", "pl")
#: The modules whose messages this test holds to be translated (the rest have their own tests).
MODULES = {
    "osl_plan/explain.py",
    "osl_plan/model/fields.py",
    "osl_plan/model/parts.py",
    "osl_plan/model/plan.py",
    "osl_plan/model/realisation.py",
    "osl_plan/model/task.py",
    "osl_plan/validate.py",
    "osl_plan/validate_out.py",
    "osl_plan/errors.py",
    "osl_plan/newyear.py",
    "osl_plan/schema.py",
    "osl_plan/codes.py",
}


def _run(run: str, fmt: str, lang: str, monkeypatch: pytest.MonkeyPatch) -> str:
    for variable in ("OSL_PLAN_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "C" if lang == "pl" else "en_US.UTF-8")
    result = run_cli("validate", "--format", fmt, *RUNS[run], cwd=ROOT, timeout=30)
    assert "Traceback" not in result.stderr
    return f"exit code: {result.exit_code}\n--- stdout\n{result.stdout}--- stderr\n{result.stderr}"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("run", sorted(RUNS))
def test_validate_golden(run: str, fmt: str, lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    actual = _run(run, fmt, lang, monkeypatch)
    golden = GOLDEN / f"{run}.{fmt}.{lang}.txt"
    if UPDATE:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
    assert golden.exists(), f"no golden {golden.name}; run with OSL_PLAN_UPDATE_GOLDEN=1"
    assert actual == golden.read_text(encoding="utf-8")
    assert actual.startswith(f"exit code: {0 if run == 'happy' else 2}\n")


def _body(golden: Path, stream: str = "stdout") -> str:
    text = golden.read_text(encoding="utf-8")
    stdout, stderr = text.split("--- stdout\n", 1)[1].split("--- stderr\n", 1)
    return stdout if stream == "stdout" else stderr


@pytest.mark.parametrize("run", sorted(RUNS))
def test_json_keys_and_codes_do_not_change_with_the_language(run: str) -> None:
    english = json.loads(_body(GOLDEN / f"{run}.json.en.txt"))
    polish = json.loads(_body(GOLDEN / f"{run}.json.pl.txt"))

    def skeleton(document: dict[str, object]) -> object:
        files = document["files"]
        assert isinstance(files, list)
        return [
            (f["file"], f["valid"], f["tasks"], [_stable(p) for p in f["problems"]]) for f in files
        ]

    assert skeleton(english) == skeleton(polish)
    assert english["valid"] == polish["valid"]


def _stable(problem: dict[str, object]) -> tuple[object, ...]:
    return tuple(problem[key] for key in ("code", "severity", "line", "column", "field"))


def test_github_titles_carry_the_code_in_both_languages() -> None:
    for lang in LANGUAGES:
        lines = _body(GOLDEN / f"hostile.github.{lang}.txt").splitlines()
        titles = [re.search(r"title=([^:]*)::", line) for line in lines]
        codes = [t.group(1).split("%3A")[0] for t in titles if t]
        assert "osl-plan unknown-key" in codes and "osl-plan encoding" in codes, codes


def _english_fragments() -> list[str]:
    """Long literal pieces of the English messages of MODULES that Polish translates."""
    fragments = []
    for message in catalog.extract():
        if not message.id or not any(path in MODULES for path, _ in message.locations):
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        for text in ids:
            pieces = re.split(r"\{[a-z_]*\}", text)
            fragments += [p.strip() for p in pieces if len(p.strip()) >= 12]
    return fragments


#: Codes whose messages come from the YAML reader, the loader and the term grammar, which are
#: translated and tested with those modules.
ELSEWHERE = {"invalid-term", "encoding", "yaml-syntax", "unreadable-file"}


def test_polish_output_has_no_english_message_of_the_validator() -> None:
    fragments = _english_fragments()
    assert len(fragments) > 100
    checked = english_hits = 0
    for lang in LANGUAGES:
        for problem in json.loads(_body(GOLDEN / f"hostile.json.{lang}.txt"))["files"][1][
            "problems"
        ]:
            if problem["code"] in ELSEWHERE:
                continue
            said = f"{problem['message']} — {problem['hint']}"
            left = [fragment for fragment in fragments if fragment in said]
            if lang == "pl":
                checked += 1
                assert left == [], said
            else:  # the check can fail: English says them
                english_hits += bool(left)
    assert checked >= 5
    assert english_hits >= 5
    text = _body(GOLDEN / "hostile.text.pl.txt", "stderr")
    assert "7 problemów" in text and "4 problemy" in text and "Błąd: " in text
