"""`osl-plan new 2027 --pusty`: a blank plan with every field, valid as written and uncommented."""

from __future__ import annotations

import json
import re
import struct
import zlib
from pathlib import Path

from conftest import run_cli

from osl_plan.blank import blank_plan
from osl_plan.devtools.formatdoc import switched_on as uncommented
from osl_plan.load import loads

SCHEMA = Path(__file__).resolve().parent.parent / "schema" / "plan.schema.json"


def _png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\x80"))
        + chunk(b"IEND", b"")
    )


def test_the_blank_plan_is_valid_as_written() -> None:
    loaded = loads(blank_plan(2027, "plan_2027.yaml"), "plan_2027.yaml")
    assert loaded.plan.rok == 2027
    assert loaded.warnings == ()
    assert [t.termin.start.year for t in loaded.plan.zadania] == [2027]


def test_every_commented_field_is_valid_when_switched_on(tmp_path: Path) -> None:
    text = uncommented(blank_plan(2027, "plan_2027.yaml"))
    for image in ("logo_cus.png", "pasek_fers.png"):
        (tmp_path / image).write_bytes(_png())
    loaded = loads(text, "plan_2027.yaml", base_dir=tmp_path)
    plan = loaded.plan
    assert plan.jednostka and plan.gmina and plan.zalacznik and plan.wstep and plan.sekcje
    assert plan.cele is not None and plan.kolumny and plan.lista is not None
    task = plan.zadania[0]
    assert task.realizacja is not None and task.realizacja.wydarzenia
    assert plan.podpisy is not None and plan.podpisy.zatwierdzil.osoba


def test_the_blank_plan_names_every_field_of_the_format() -> None:
    """Each key of the schema (the plan's, its parts', a task's) is in the blank plan."""
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    keys = set(schema["properties"])
    for definition in schema["$defs"].values():
        keys |= set(definition.get("properties", {}))
    written = set(re.findall(r"([a-z_]+):", uncommented(blank_plan(2027, "p.yaml"))))
    assert keys - written == set()


def test_new_pusty_writes_it_and_refuses_to_clobber(tmp_path: Path) -> None:
    result = run_cli("new", "2027", "--pusty", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    written = (tmp_path / "plan_2027.yaml").read_text(encoding="utf-8")
    assert written == blank_plan(2027, "plan_2027.yaml")
    assert run_cli("validate", "plan_2027.yaml", cwd=tmp_path).exit_code == 0
    again = run_cli("new", "2027", "--pusty", cwd=tmp_path)
    assert again.exit_code == 2
    assert (tmp_path / "plan_2027.yaml").read_text(encoding="utf-8") == written


def test_new_needs_from_or_pusty(tmp_path: Path) -> None:
    result = run_cli("new", "2027", cwd=tmp_path)
    assert result.exit_code == 2
    assert "--pusty" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_the_empty_file_message_points_to_it(tmp_path: Path, polish: None) -> None:
    (tmp_path / "plan_2027.yaml").write_text("# nowy plan\n", encoding="utf-8")
    result = run_cli("validate", "plan_2027.yaml", cwd=tmp_path)
    assert result.exit_code == 1
    assert "osl-plan new 2027 --pusty (zapisze plik plan_2027.yaml)" in result.stderr


def test_the_format_reference_is_current() -> None:
    from osl_plan.devtools import gendocs

    expected = gendocs.generated()[gendocs.FORMAT_DOC]
    actual = gendocs.FORMAT_DOC.read_text(encoding="utf-8")
    assert actual == expected, "docs/format.md is stale: run `make docs` and commit it"


def test_the_format_reference_gives_every_field_an_example() -> None:
    text = (SCHEMA.parent.parent / "docs" / "format.md").read_text(encoding="utf-8")
    fields = re.split(r"\n### ", text)[1:]
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    count = len(schema["properties"]) + sum(
        len(d.get("properties", {})) for d in schema["$defs"].values()
    )
    assert len(fields) == count
    assert [f.split("\n", 1)[0] for f in fields if "```yaml" not in f] == []


def test_the_guide_links_to_the_format_reference_and_the_glossary() -> None:
    guide = (SCHEMA.parent.parent / "docs" / "przewodnik.md").read_text(encoding="utf-8")
    assert "](format.md)" in guide and "](slownik.md)" in guide
