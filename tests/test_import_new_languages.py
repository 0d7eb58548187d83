"""`import` and `new` in both languages: golden runs, and no English left in the Polish ones.

Each run is the real CLI in a temporary folder: the command, its exit code, stdout and stderr.
English runs set ``OSL_PLAN_LANG=en``; Polish runs clear every language variable and set
``LANG=C``, as on a CI runner or a fresh Windows account, so they show what users get by default.
Regenerate with ``OSL_PLAN_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_import_new_languages.py``
and review the diff before committing it.
"""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from helpers import DATA, EXAMPLES, ROOT, Result, run_cli, update_golden

from osl_plan.load import loads

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = update_golden()
LANGUAGE_VARIABLES = ("OSL_PLAN_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
#: The modules whose messages these runs show (the CLI's own words are checked elsewhere).
OWN_MODULES = ("osl_plan/importer/", "osl_plan/yamlout.py", "osl_plan/newyear.py")
#: A file name that tries to break out of the comment it is quoted in.
HOSTILE_NAME = "plan\nrok: 1999 # „x”\u2028.yaml"


def _docx_without_a_table(folder: Path) -> None:
    body = (
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>Plan organizowania społeczności lokalnej</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>2024 ROK</w:t></w:r></w:p></w:body></w:document>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", body)
    (folder / "bez_tabeli.docx").write_bytes(buffer.getvalue())


def _hand_written_markdown(folder: Path) -> None:
    shutil.copy(DATA / "import" / "plan_reczny.md", folder / "plan_reczny.md")


def _example(folder: Path) -> None:
    shutil.copy(EXAMPLES / "plan_2023.yaml", folder / "plan_2023.yaml")


def _example_with_a_hostile_name(folder: Path) -> None:
    shutil.copy(EXAMPLES / "plan_2023.yaml", folder / HOSTILE_NAME)


def _pdf(folder: Path) -> None:
    (folder / "plan_2023.pdf").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")


RUNS: dict[str, tuple[Callable[[Path], None], list[str]]] = {
    # Guesses of every kind: capitals, a row continued, unreadable and missing terms, leftovers.
    "import_happy": (_hand_written_markdown, ["import", "plan_reczny.md", "-o", "-"]),
    "import_hostile": (_docx_without_a_table, ["import", "bez_tabeli.docx", "-o", "plan.yaml"]),
    "import_pdf": (_pdf, ["import", "plan_2023.pdf"]),
    "new_happy": (_example, ["new", "2024", "--from", "plan_2023.yaml", "-o", "-"]),
    "new_hostile": (
        _example_with_a_hostile_name,
        ["new", "2024", "--from", HOSTILE_NAME, "-o", "-"],
    ),
}


def run(name: str, lang: str, folder: Path, monkeypatch: pytest.MonkeyPatch) -> Result:
    setup, args = RUNS[name]
    setup(folder)
    for variable in LANGUAGE_VARIABLES:
        monkeypatch.delenv(variable, raising=False)
    if lang == "en":
        monkeypatch.setenv("OSL_PLAN_LANG", "en")
    else:
        monkeypatch.setenv("LANG", "C")
    return run_cli(*args, cwd=folder)


def transcript(args: list[str], result: Result) -> str:
    return (
        f"$ osl-plan {' '.join(repr(a) if not a.isprintable() else a for a in args)}\n"
        f"exit {result.exit_code}\n--- stdout\n{result.stdout}--- stderr\n{result.stderr}"
    )


@pytest.mark.parametrize("lang", ["en", "pl"])
@pytest.mark.parametrize("name", sorted(RUNS))
def test_golden(name: str, lang: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = run(name, lang, tmp_path, monkeypatch)
    text = transcript(RUNS[name][1], result)
    golden = GOLDEN / lang / f"{name}.txt"
    if UPDATE:
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(text, encoding="utf-8", newline="\n")
    assert golden.exists(), f"{golden} is missing: run with OSL_PLAN_UPDATE_GOLDEN=1"
    assert text == golden.read_text(encoding="utf-8"), (
        f"{lang}/{golden.name} differs; if the change is intended, rerun with "
        "OSL_PLAN_UPDATE_GOLDEN=1 and review the diff"
    )


@pytest.mark.parametrize("lang", ["en", "pl"])
def test_outputs_are_plans_and_failures_leave_no_file(
    lang: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in RUNS:
        folder = tmp_path / name
        folder.mkdir()
        result = run(name, lang, folder, monkeypatch)
        if name.endswith("happy") or name == "new_hostile":
            assert result.exit_code == 0, result.stderr
            plan = loads(result.stdout).plan  # the comments, in either language, stay comments
            assert plan.rok == 2024
        else:
            assert result.exit_code == (1 if name == "import_hostile" else 2)
            assert not (folder / "plan.yaml").exists()
            assert not (folder / "plan_2023.yaml").exists()
            assert result.stdout == ""


def _english_fragments() -> list[str]:
    """Word runs of this area's English messages, as long as they are distinctive."""
    path = ROOT / "osl_plan" / "locale" / "pl" / "LC_MESSAGES" / "osl_plan.po"
    with path.open("rb") as handle:
        catalog = read_po(handle)
    fragments = []
    for message in catalog:
        if not message.id or not any(
            loc.startswith(OWN_MODULES) for loc, _line in message.locations
        ):
            continue
        for text in message.id if isinstance(message.id, tuple) else (message.id,):
            for raw in re.split(r"\{[^{}]*\}|\n", text):
                piece = raw.strip(" .;:,()—„”")
                if len(piece) >= 12 and " " in piece:
                    fragments.append(piece)
    return fragments


def test_polish_runs_show_none_of_the_english_messages() -> None:
    fragments = _english_fragments()
    assert len(fragments) > 40
    english = "".join(p.read_text(encoding="utf-8") for p in sorted((GOLDEN / "en").glob("*.txt")))
    polish = "".join(p.read_text(encoding="utf-8") for p in sorted((GOLDEN / "pl").glob("*.txt")))
    shown = [f for f in fragments if f in english]
    assert len(shown) >= 10, "the English runs should show this area's messages"
    left = [f for f in fragments if f in polish]
    assert left == [], f"English left in the Polish output: {left}"


def test_a_folder_is_named_as_a_folder_in_both_languages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "plan.docx").mkdir()
    for variable in LANGUAGE_VARIABLES:
        monkeypatch.delenv(variable, raising=False)
    polish = run_cli("import", "plan.docx", cwd=tmp_path)
    assert polish.exit_code == 2
    assert "plan.docx: to folder; podaj plik planu z Worda (.docx) albo Markdown (.md)" in (
        polish.stderr
    )
    monkeypatch.setenv("OSL_PLAN_LANG", "en")
    english = run_cli("import", "plan.docx", cwd=tmp_path)
    assert english.exit_code == 2
    assert "plan.docx: is a folder; give the plan's Word (.docx) or Markdown (.md) file" in (
        english.stderr
    )
