"""Text pasted from Word or a terminal, from every source that reaches a document.

The plan's own fields refuse control characters (see test_hostile.py); options, the clause file
and user templates pass the same gate: a located message and no output, never a document Word
refuses to open.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from builders import PLAN, clean, run

DAY_PLAN = PLAN.replace("marzec 2023", "12.03.2023")
PREVIOUS = b"previous output, must survive\n"
CONTROLS = {"nul": "\x00", "form-feed": "\x0c", "escape": "\x1b", "start-of-heading": "\x01"}
#: A command line cannot hold NUL; the rest can.
IN_OPTIONS = sorted(set(CONTROLS) - {"nul"})


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    path = tmp_path / "plan.yaml"
    path.write_text(DAY_PLAN, encoding="utf-8")
    return path


def _untouched(out: Path) -> None:
    assert out.read_bytes() == PREVIOUS


@pytest.mark.parametrize("name", sorted(CONTROLS))
def test_a_control_character_in_the_clause_file_is_located(
    plan: Path, tmp_path: Path, name: str
) -> None:
    clause = tmp_path / "klauzula.txt"
    clause.write_text(f"Administratorem danych\njest CUS{CONTROLS[name]} w Kluczach.\n")
    out = tmp_path / "lista.docx"
    out.write_bytes(PREVIOUS)
    result = run("lista", plan, "-z", "1", "--klauzula", clause, "-o", out, cwd=tmp_path)
    code = f"U+{ord(CONTROLS[name]):04X}"
    clean(result, f"{clause}:2:9: contains an invisible control character ({code})", "delete it")
    _untouched(out)


@pytest.mark.parametrize("name", IN_OPTIONS)
def test_a_control_character_in_the_place_option_is_refused(
    plan: Path, tmp_path: Path, name: str
) -> None:
    out = tmp_path / "lista.docx"
    out.write_bytes(PREVIOUS)
    result = run(
        "lista", plan, "-z", "1", "--miejsce", f"Świetlica{CONTROLS[name]}", "-o", out,
        cwd=tmp_path,
    )  # fmt: skip
    code = f"U+{ord(CONTROLS[name]):04X}"
    clean(result, f"--miejsce: contains an invisible control character ({code}) at character 10")
    assert "\x1b" not in result.stderr  # the message escapes what it quotes
    _untouched(out)


def test_invisible_characters_in_options_are_removed_as_in_the_plan(
    plan: Path, tmp_path: Path
) -> None:
    clause = tmp_path / "klauzula.txt"
    clause.write_text("Admini\u00adstratorem jest\u200b CUS.\n", encoding="utf-8")
    out = tmp_path / "lista.docx"
    result = run(
        "lista", plan, "-z", "1", "--klauzula", clause, "--miejsce", "Sala\u200b nr 2", "-o", out,
        cwd=tmp_path,
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    import docx

    document = docx.Document(str(out))
    text = "\n".join(p.text for p in document.paragraphs)
    text += "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "Administratorem jest CUS." in text
    assert "Sala nr 2" in text


def _templates(folder: Path, text: str) -> Path:
    templates = folder / "t"
    templates.mkdir()
    (templates / "plan.md.j2").write_text(text, encoding="utf-8")
    return templates


@pytest.mark.parametrize("name", sorted(CONTROLS))
def test_a_control_character_in_a_template_file_is_located(
    plan: Path, tmp_path: Path, name: str
) -> None:
    templates = _templates(tmp_path, "# {{ title }}\nKoniec" + CONTROLS[name] + "\n")
    out = tmp_path / "plan.md"
    out.write_bytes(PREVIOUS)
    result = run("render", plan, "-f", "md", "--template-dir", templates, "-o", out, cwd=tmp_path)
    code = f"U+{ord(CONTROLS[name]):04X}"
    clean(result, f"plan.md.j2:2:7: contains an invisible control character ({code})")
    _untouched(out)


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_a_control_character_a_template_prints_is_refused(
    plan: Path, tmp_path: Path, fmt: str
) -> None:
    templates = _templates(tmp_path, "")
    (templates / f"plan.{fmt}.j2").write_text('{{ title }}\n\n{{ "\\x1b" }}\n', encoding="utf-8")
    out = tmp_path / f"plan.{fmt}"
    out.write_bytes(PREVIOUS)
    result = run("render", plan, "-f", fmt, "--template-dir", templates, "-o", out, cwd=tmp_path)
    clean(result, f"plan.{fmt}.j2: line 3 of the output holds an invisible control character")
    _untouched(out)
