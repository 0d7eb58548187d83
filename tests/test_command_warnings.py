"""The plan's warnings reach the user from every command that reads a plan, not only validate.

Each command prints the warnings of the plans it reads to stderr, exactly as ``validate`` prints
them (the same lines), once per plan and before its own messages; the exit code, stdout and the
files written stay what they are without warnings (``--no-warnings``). With ``-f github`` the
warnings are ``::warning`` annotations among the command's own, exactly as ``validate -f github``
writes them.
"""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest
from helpers import EXAMPLES, Result, fake_soffice_program, run_cli

CORPUS = Path(__file__).resolve().parent / "warnings"
#: One warning: „styczeń 2026” in the plan for 2025 (task 2).
ONE = CORPUS / "term_after_year.yaml"
#: Two warnings: text after „ #” in two values.
TWO = CORPUS / "comment_in_value.yaml"
#: The same plan as ONE without the warning.
CLEAN = ONE.read_text(encoding="utf-8").replace("styczeń 2026", "grudzień 2025")

#: name -> (arguments after ``osl-plan``, the file the command writes or None for stdout)
COMMANDS: dict[str, tuple[list[str], str | None]] = {
    "render": (["render", "plan.yaml", "-f", "md", "-o", "out.md"], "out.md"),
    "render-stdout": (["render", "plan.yaml", "-f", "html", "-o", "-"], None),
    "render-docx": (["render", "plan.yaml", "-o", "out.docx"], "out.docx"),
    "report": (["report", "plan.yaml", "-f", "html", "-o", "out.html"], "out.html"),
    "report-stdout": (["report", "plan.yaml", "-f", "md", "-o", "-"], None),
    "lista": (["lista", "plan.yaml", "-z", "1", "-o", "out.docx"], "out.docx"),
    "new": (["new", "2026", "--from", "plan.yaml", "-o", "out.yaml"], "out.yaml"),
    "new-stdout": (["new", "2026", "--from", "plan.yaml", "-o", "-"], None),
    "diff": (["diff", "plan.yaml", "other.yaml"], None),
    "diff-md": (["diff", "plan.yaml", "other.yaml", "-f", "md"], None),
    "diff-json": (["diff", "other.yaml", "plan.yaml", "-f", "json"], None),
    "diff-to-file": (
        ["diff", "plan.yaml", "other.yaml", "-f", "json", "-o", "out.json"],
        "out.json",
    ),
    "status-json": (["status", "plan.yaml", "--na", "2025-03", "-f", "json"], None),
    "status": (["status", "plan.yaml", "--na", "2025-03"], None),
}


def _folder(tmp_path: Path, name: str, plan: str) -> Path:
    """A fresh folder with plan.yaml (the plan under test) and other.yaml (a clean plan)."""
    folder = tmp_path / name
    folder.mkdir()
    (folder / "plan.yaml").write_text(plan, encoding="utf-8")
    (folder / "other.yaml").write_text(CLEAN.replace("Festyn", "Piknik"), encoding="utf-8")
    return folder


def _content(path: Path) -> object:
    """What a file says: a DOCX's parts without its creation time, other files' bytes."""
    if path.suffix != ".docx":
        return path.read_bytes()
    with zipfile.ZipFile(path) as archive:
        return {n: archive.read(n) for n in archive.namelist() if n != "docProps/core.xml"}


def _warning_lines(result: Result, prefix: str = "Warning: ") -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith(prefix)]


def _validate_lines(folder: Path, plan: str = "plan.yaml") -> list[str]:
    """What ``validate`` prints for the plan's warnings: the reference for every command."""
    result = run_cli("validate", plan, cwd=folder)
    assert result.exit_code == 0, result.stderr
    return result.stderr.splitlines()


@pytest.mark.parametrize("name", sorted(COMMANDS))
@pytest.mark.parametrize("source", [ONE, TWO], ids=["one-warning", "two-warnings"])
def test_each_command_shows_the_warnings_once_as_validate_does(
    name: str, source: Path, tmp_path: Path
) -> None:
    args, written = COMMANDS[name]
    plan = source.read_text(encoding="utf-8")
    loud, quiet = _folder(tmp_path, "loud", plan), _folder(tmp_path, "quiet", plan)
    expected = _validate_lines(loud)
    assert expected and all(line.startswith("Warning: plan.yaml:") for line in expected)

    shown = run_cli(*args, cwd=loud)
    silent = run_cli(*args, "--no-warnings", cwd=quiet)

    assert shown.exit_code == silent.exit_code == 0, shown.stderr
    # The same lines as validate, each once, before the command's own messages.
    assert shown.stderr.splitlines()[: len(expected)] == expected
    assert _warning_lines(shown) == expected
    assert _warning_lines(silent) == []
    # Nothing else changes: stdout, the other messages, the file written.
    assert shown.stdout == silent.stdout
    assert shown.stderr.splitlines()[len(expected) :] == silent.stderr.splitlines()
    if written is not None:
        assert _content(loud / written) == _content(quiet / written)
    if "json" in name and written is None:
        json.loads(shown.stdout)  # the machine format holds nothing else


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_a_plan_without_warnings_shows_nothing_extra(name: str, tmp_path: Path) -> None:
    args, _ = COMMANDS[name]
    plain = run_cli(*args, cwd=_folder(tmp_path, "plain", CLEAN))
    silent = run_cli(*args, "--no-warnings", cwd=_folder(tmp_path, "quiet", CLEAN))
    assert plain.exit_code == 0, plain.stderr
    assert "Warning" not in plain.stderr
    assert (plain.stdout, plain.stderr) == (silent.stdout, silent.stderr)


@pytest.mark.parametrize("name", ["render", "report", "lista", "new", "diff-json", "status-json"])
def test_the_warnings_in_polish(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OSL_PLAN_LANG")
    monkeypatch.setenv("LANG", "C")  # Polish, as on a CI runner
    folder = _folder(tmp_path, "plan", TWO.read_text(encoding="utf-8"))
    expected = _validate_lines(folder)
    golden = TWO.with_suffix(".pl.expected").read_text(encoding="utf-8")
    assert expected == golden.replace(TWO.name, "plan.yaml").splitlines()  # validate's golden
    result = run_cli(*COMMANDS[name][0], cwd=folder)
    assert result.exit_code == 0, result.stderr
    assert _warning_lines(result, "Ostrzeżenie: ") == expected
    assert "Warning" not in result.stderr


def test_the_english_text_is_the_golden_of_validate(tmp_path: Path) -> None:
    # Not just "the same as validate": the lines validate's own golden holds.
    folder = _folder(tmp_path, "plan", ONE.read_text(encoding="utf-8"))
    result = run_cli("render", "plan.yaml", "-f", "md", "-o", "-", cwd=folder)
    golden = ONE.with_suffix(".expected").read_text(encoding="utf-8")
    assert result.stderr == golden.replace(ONE.name, "plan.yaml")


def test_a_plan_compared_with_itself_shows_its_warnings_once(tmp_path: Path) -> None:
    folder = _folder(tmp_path, "plan", TWO.read_text(encoding="utf-8"))
    result = run_cli("diff", "plan.yaml", "plan.yaml", cwd=folder)
    assert result.exit_code == 0
    assert _warning_lines(result) == _validate_lines(folder)


def test_diff_exit_code_is_unchanged_by_warnings(tmp_path: Path) -> None:
    folder = _folder(tmp_path, "plan", ONE.read_text(encoding="utf-8"))
    result = run_cli("diff", "plan.yaml", "other.yaml", "--exit-code", cwd=folder)
    assert result.exit_code == 1  # the plans differ; warnings do not change that
    assert _warning_lines(result) == _validate_lines(folder)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_several_plans_each_show_their_own_warnings_in_order(jobs: str, tmp_path: Path) -> None:
    shutil.copy(TWO, tmp_path / "a.yaml")
    (tmp_path / "b.yaml").write_text(CLEAN, encoding="utf-8")
    shutil.copy(ONE, tmp_path / "c.yaml")
    (tmp_path / "out").mkdir()
    result = run_cli("render", "a.yaml", "b.yaml", "c.yaml", "-f", "md", "-o", "out", "-j", jobs,
                     cwd=tmp_path)  # fmt: skip
    assert result.exit_code == 0, result.stderr
    expected = _validate_lines(tmp_path, "a.yaml") + _validate_lines(tmp_path, "c.yaml")
    lines = result.stderr.splitlines()
    assert lines == [*expected, "Wrote out/a.md", "Wrote out/b.md", "Wrote out/c.md"]


def test_a_plan_that_fails_to_render_still_shows_its_warnings(tmp_path: Path) -> None:
    # The warnings come with the plan, whatever happens to it after it was read.
    folder = _folder(tmp_path, "plan", ONE.read_text(encoding="utf-8"))
    (folder / "szablony").mkdir()
    (folder / "szablony" / "plan.md.j2").write_text("{{ brak.pola }}\n", encoding="utf-8")
    args = ["render", "plan.yaml", "-f", "md", "-o", "out.md", "--template-dir", "szablony"]
    result = run_cli(*args, cwd=folder)
    assert result.exit_code == 2, result.stderr
    expected = _validate_lines(folder)
    assert result.stderr.splitlines()[: len(expected)] == expected
    assert result.stderr.splitlines()[len(expected)].startswith("Error: ")
    assert not (folder / "out.md").exists()


def test_pdf_through_libreoffice_shows_the_warnings_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The stand-in for LibreOffice (tests/fake_soffice.py): the DOCX step, then the conversion.
    program = fake_soffice_program(tmp_path)
    monkeypatch.setenv("OSL_PLAN_SOFFICE", str(program))
    monkeypatch.setenv("FAKE_SOFFICE_LOG", str(tmp_path / "starts.jsonl"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    folder = _folder(tmp_path, "plan", TWO.read_text(encoding="utf-8"))
    for command in ("render", "report"):
        result = run_cli(command, "plan.yaml", "-f", "pdf", "-o", "out.pdf", cwd=folder)
        assert result.exit_code == 0, result.stderr
        assert _warning_lines(result) == _validate_lines(folder)
        assert (folder / "out.pdf").exists()


@pytest.mark.parametrize(
    "args",
    [
        ["diff", "plan.yaml", "other.yaml", "-f", "github"],
        ["status", "plan.yaml", "--na", "2025-03", "-f", "github"],
    ],
    ids=["diff", "status"],
)
def test_github_format_gives_the_warnings_as_validate_annotates_them(
    args: list[str], tmp_path: Path
) -> None:
    folder = _folder(tmp_path, "plan", TWO.read_text(encoding="utf-8"))
    quiet = _folder(tmp_path, "quiet", TWO.read_text(encoding="utf-8"))
    annotations = run_cli("validate", "-f", "github", "plan.yaml", cwd=folder).stdout.splitlines()
    assert len(annotations) == 2 and all(
        a.startswith("::warning file=plan.yaml,") for a in annotations
    )
    result = run_cli(*args, cwd=folder)
    silent = run_cli(*args, "--no-warnings", cwd=quiet)
    assert result.exit_code == silent.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[:2] == annotations
    assert lines[2:] == silent.stdout.splitlines()
    assert all(line.startswith("::") for line in lines)  # nothing but workflow commands
    assert result.stderr == silent.stderr == ""


def test_status_github_keeps_its_exit_code(tmp_path: Path) -> None:
    folder = _folder(tmp_path, "plan", ONE.read_text(encoding="utf-8"))
    args = ["status", "plan.yaml", "--na", "2025-12", "-f", "github", "--exit-code"]
    overdue = run_cli(*args, cwd=folder)
    assert overdue.exit_code == 1  # „Festyn rodzinny” (czerwiec) has ended, nothing recorded
    assert overdue.stdout.startswith("::warning file=plan.yaml,line=6,col=13,")


def test_the_examples_have_no_warnings() -> None:
    # So the CLI goldens, made from the examples, show none: a warning there would be news.
    for plan in sorted(EXAMPLES.glob("*.yaml")):
        result = run_cli("validate", plan)
        assert result.exit_code == 0 and result.stderr == "", result.stderr
