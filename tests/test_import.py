"""`osl-plan import`: rendered plans come back the same; hostile files fail fast and clearly."""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import pytest
from helpers import comparable, examples, run_cli
from hypothesis import HealthCheck, given, settings
from strategies import plans

from osl_plan.errors import DocxImportError, UnreadableFile
from osl_plan.importer import import_docx
from osl_plan.load import load, loads
from osl_plan.model import Plan
from osl_plan.render import render
from osl_plan.richtext import parse_inline
from osl_plan.yamlout import dump_plan


def test_example_round_trips(example_2023: Path, example_2022: Path) -> None:
    for path in (example_2023, example_2022):
        plan = load(path).plan
        imported = import_docx(render(plan, "docx"), "plan.docx")
        assert comparable(imported.plan) == comparable(plan)
        assert imported.warnings == []
        assert loads(dump_plan(imported.plan, notes=imported.notes)).plan == imported.plan


@pytest.mark.slow
@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans(max_tasks=6))
def test_any_plan_round_trips_through_docx(plan: Plan) -> None:
    imported = import_docx(render(plan, "docx"), "plan.docx")
    assert comparable(imported.plan) == comparable(plan)
    assert imported.warnings == []


# --- hostile files -------------------------------------------------------------------------


def _zip(members: dict[str, bytes], *, level: int = 6) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


_BODY = (
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body>{}</w:body></w:document>"
)


def _fails(data: bytes, error: type[Exception], words: str) -> None:
    # CPU time of this process: other work on the machine does not add to it.
    started = time.process_time()
    with pytest.raises(error) as caught:
        import_docx(data, "hostile.docx")
    assert time.process_time() - started < 5
    assert words in str(caught.value)
    assert str(caught.value).startswith("hostile.docx")


def test_not_a_zip() -> None:
    _fails(b"rok: 2023\nzadania: []\n", UnreadableFile, "not a zip archive")


def test_password_protected_or_old_doc() -> None:
    _fails(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), UnreadableFile, "password-protected")


def test_truncated_zip() -> None:
    data = _zip({"word/document.xml": _BODY.format("<w:p/>" * 5000).encode()})
    _fails(data[: len(data) // 2], UnreadableFile, "not a zip archive")


def test_damaged_member() -> None:
    data = bytearray(_zip({"word/document.xml": _BODY.format("<w:p/>" * 5000).encode()}))
    start = data.index(b"word/document.xml") + len("word/document.xml")
    data[start + 20 : start + 60] = bytes(40)  # garble the compressed stream
    _fails(bytes(data), UnreadableFile, "damaged")


def test_encrypted_member() -> None:
    data = bytearray(_zip({"word/document.xml": _BODY.format("").encode()}))
    for header in (b"PK\x03\x04", b"PK\x01\x02"):  # set the "encrypted" flag in both headers
        at = data.index(header)
        offset = at + (6 if header == b"PK\x03\x04" else 8)
        data[offset] |= 1
    _fails(bytes(data), UnreadableFile, "encrypted")


@pytest.mark.slow
def test_zip_bomb_is_refused_before_inflating() -> None:
    bomb = _zip({"word/document.xml": b"<" + b"\0" * (300 * 1024 * 1024)}, level=9)
    assert len(bomb) < 1024 * 1024
    _fails(bomb, UnreadableFile, "zip bomb")


def test_zip_bomb_with_a_lying_header_stops_at_the_declared_size() -> None:
    honest = _zip({"word/document.xml": b" " * (40 * 1024 * 1024)}, level=9)
    data = bytearray(honest)
    for header, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = data.index(header)
        data[at + offset : at + offset + 4] = (1000).to_bytes(4, "little")  # "1000 bytes"
    # Reading stops at the declared 1000 bytes, and the checksum then fails: nothing inflates.
    _fails(bytes(data), UnreadableFile, "damaged")


def test_entity_declarations_are_refused() -> None:
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        + _BODY.format("<w:p><w:r><w:t>&b;</w:t></w:r></w:p>")
    )
    _fails(_zip({"word/document.xml": laughs.encode()}), UnreadableFile, "DTD")


def test_external_entity_is_refused() -> None:
    xxe = '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><d>&x;</d>'
    _fails(_zip({"word/document.xml": xxe.encode()}), UnreadableFile, "DTD")


def test_missing_document_part() -> None:
    _fails(_zip({"hello.txt": b"hi"}), UnreadableFile, "no word/document.xml")


def test_damaged_xml() -> None:
    _fails(_zip({"word/document.xml": b"<w:document"}), UnreadableFile, "damaged XML")


def test_docx_without_task_table() -> None:
    body = _BODY.format("<w:p><w:r><w:t>Sprawozdanie</w:t></w:r></w:p>")
    _fails(_zip({"word/document.xml": body.encode()}), DocxImportError, "no task table")


def test_cli_exit_codes_and_messages(tmp_path: Path) -> None:
    (tmp_path / "notes.docx").write_bytes(b"just text")
    result = run_cli("import", "notes.docx", cwd=tmp_path)
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: notes.docx: is not a DOCX file")
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "notes.yaml").exists()
    body = _BODY.format("<w:p><w:r><w:t>Sprawozdanie</w:t></w:r></w:p>")
    (tmp_path / "report.docx").write_bytes(_zip({"word/document.xml": body.encode()}))
    result = run_cli("import", "report.docx", cwd=tmp_path)
    assert result.exit_code == 1
    assert "no task table found" in result.stderr
    assert not (tmp_path / "report.yaml").exists()
    assert run_cli("import", "missing.docx", cwd=tmp_path).exit_code == 2


# --- the command ---------------------------------------------------------------------------


def test_cli_default_name_stdout_and_never_over_the_input(
    tmp_path: Path, example_2023: Path
) -> None:
    docx = tmp_path / "plan_2023.docx"
    docx.write_bytes(render(load(example_2023).plan, "docx"))
    result = run_cli("import", "plan_2023.docx", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert "Wrote plan_2023.yaml: 18 tasks" in result.stderr
    written = (tmp_path / "plan_2023.yaml").read_text(encoding="utf-8")
    assert written.startswith("# Editor checking:")  # no plan.schema.json near tmp_path
    assert run_cli("validate", "plan_2023.yaml", cwd=tmp_path).exit_code == 0
    result = run_cli("import", "plan_2023.docx", "-o", "-", cwd=tmp_path)
    assert result.exit_code == 0
    assert result.stdout == written
    before = docx.read_bytes()
    result = run_cli("import", "plan_2023.docx", "-o", "plan_2023.docx", cwd=tmp_path)
    assert result.exit_code == 2
    assert "is the input plan" in result.stderr
    assert docx.read_bytes() == before


def test_chapter_formatting_and_lists_come_back_as_markdown() -> None:
    tresc = (
        "Wstęp **ważny** i *kursywa* oraz ***oba*** z * gwiazdką.\n\n"
        "- pierwszy **punkt**\n- drugi\n\nAkapit.\n\n3. trzeci\n4. czwarty\n\n"
        "Koniec *x*.\n\n1. nowa\n2. lista"
    )
    plan = Plan.model_validate(
        {
            "rok": 2023,
            "tytul": "Plan",
            "sekcje": [{"tytul": "Cele", "tresc": tresc}],
            "zadania": [{"zadanie": "Zebranie", "termin": "maj 2023"}],
        },
        context={"rok": 2023},
    )
    imported = import_docx(render(plan, "docx"), "plan.docx")
    assert imported.plan.sekcje[0].tresc == tresc


def test_literal_asterisks_next_to_bold_are_escaped() -> None:
    from osl_plan.importer.chapters import runs_markdown

    line = runs_markdown([("a*", False, False), ("b", True, False), ("*c", False, False)])
    assert line == "a\\***b**\\*c"
    assert [(r.text, r.bold) for r in parse_inline(line)] == [
        ("a*", False),
        ("b", True),
        ("*c", False),
    ]


# --- task ids from the custom document property ----------------------------------------------


def with_task_ids(docx: bytes, value: str) -> bytes:
    """A DOCX with the custom property ``osl-plan-task-ids`` set to ``value``, as Word stores it."""
    from xml.sax.saxutils import escape

    custom = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"'
        ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="osl-plan-task-ids">'
        f"<vt:lpwstr>{escape(value)}</vt:lpwstr></property></Properties>"
    )
    source = zipfile.ZipFile(io.BytesIO(docx))
    names = source.namelist()
    buffer = io.BytesIO()
    with source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "docProps/custom.xml":
                data = custom.encode()
            elif "docProps/custom.xml" in names:
                pass  # the package already declares the part
            elif info.filename == "[Content_Types].xml":
                data = data.replace(
                    b"</Types>",
                    b'<Override PartName="/docProps/custom.xml" ContentType="application/'
                    b'vnd.openxmlformats-officedocument.custom-properties+xml"/></Types>',
                )
            elif info.filename == "_rels/.rels":
                data = data.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdCustom" Type="http://schemas.openxmlformats.org/'
                    b'officeDocument/2006/relationships/custom-properties" '
                    b'Target="docProps/custom.xml"/></Relationships>',
                )
            target.writestr(info, data)
        if "docProps/custom.xml" not in names:
            target.writestr("docProps/custom.xml", custom)
    return buffer.getvalue()


def _ids_json(plan: Plan) -> str:
    import hashlib
    import json

    return json.dumps(
        {
            hashlib.sha1(t.zadanie.encode()).hexdigest()[:16]: t.id
            for t in plan.zadania
            if t.id is not None
        },
        separators=(",", ":"),
    )


def test_task_ids_come_back_from_the_custom_property(example_2023: Path) -> None:
    plan = load(example_2023).plan
    plan = plan.model_copy(
        update={
            "zadania": tuple(
                t.model_copy(update={"id": f"z{n}"}) for n, t in enumerate(plan.zadania, 1)
            )
        }
    )
    imported = import_docx(with_task_ids(render(plan, "docx"), _ids_json(plan)), "plan.docx")
    assert [t.id for t in imported.plan.zadania] == [f"z{n}" for n in range(1, 19)]
    assert loads(dump_plan(imported.plan, notes=imported.notes)).plan == imported.plan


def test_doubtful_task_ids_are_ignored_with_a_comment() -> None:
    import hashlib

    def key(text: str) -> str:
        return hashlib.sha1(text.encode()).hexdigest()[:16]

    data = {
        "rok": 2023,
        "tytul": "Plan",
        "zadania": [
            {"zadanie": "Festyn", "termin": "maj 2023"},
            {"zadanie": "Festyn", "termin": "czerwiec 2023"},  # same text: same hash
            {"zadanie": "Rajd", "termin": "lipiec 2023"},
            {"zadanie": "Dożynki", "termin": "wrzesień 2023"},
            {"zadanie": "Kiermasz", "termin": "grudzień 2023"},
        ],
    }
    plan = Plan.model_validate(data, context={"rok": 2023})
    stored = (
        f'{{"{key("Festyn")}":"festyn","{key("Rajd")}":"bad id!",'
        f'"{key("Dożynki")}":"x","{key("Kiermasz")}":"x","nothex":"y"}}'
    )
    imported = import_docx(with_task_ids(render(plan, "docx"), stored), "plan.docx")
    assert [t.id for t in imported.plan.zadania] == [None] * 5
    text = dump_plan(imported.plan, notes=imported.notes)
    assert "# id „festyn” not restored: another task has the same text" in text
    assert "several tasks" in text
    assert "# 2 invalid task ids in the document ignored" in text
    broken = import_docx(with_task_ids(render(plan, "docx"), "[1, 2"), "plan.docx")
    assert "not a JSON object" in dump_plan(broken.plan, notes=broken.notes)


def test_task_hash_is_the_renderers_key() -> None:
    from osl_plan.importer.task_ids import PROPERTY, task_hash
    from osl_plan.render.docx_props import TASK_IDS_PROPERTY, task_key

    assert PROPERTY == TASK_IDS_PROPERTY
    for text in ("Festyn", "Dożynki „Gminne” 2023 – żółć"):
        assert task_hash(text) == task_key(text)


def _png(path: Path) -> Path:
    """A 1×1 PNG, enough for the renderer to place an image strip."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
    data += chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff")) + chunk(b"IEND", b"")
    path.write_bytes(data)
    return path


def test_custom_strip_comes_back_as_its_marks(tmp_path: Path) -> None:
    from strategies import CUSTOM_STRIP

    from osl_plan.render import RenderOptions

    data = {
        "rok": 2024,
        "tytul": "Plan",
        "zadania": [{"zadanie": "Festyn", "termin": "maj 2024"}],
        "finansowanie": CUSTOM_STRIP,
    }
    plan = Plan.model_validate(data, context={"rok": 2024})
    imported = import_docx(render(plan, "docx"), "plan.docx")
    assert imported.plan.finansowanie == plan.finansowanie
    text = dump_plan(imported.plan, notes=imported.notes)
    assert "znaki:" in text and "Fundusze Europejskie\n      dla Śląskiego" in text
    assert imported.warnings == []
    _png(tmp_path / "pasek.png")
    with_image = Plan.model_validate(
        {**data, "finansowanie": {**CUSTOM_STRIP, "obraz": "pasek.png"}}, context={"rok": 2024}
    )
    docx = render(with_image, "docx", RenderOptions(base_dir=tmp_path))
    imported = import_docx(docx, "plan.docx")
    assert imported.plan.finansowanie is not None
    # The alt text keeps the marks' order, not their line breaks.
    assert [" ".join(m.split()) for m in imported.plan.finansowanie.znaki] == [
        " ".join(m.split()) for m in CUSTOM_STRIP["znaki"]
    ]
    assert "add the file again as „obraz”" in dump_plan(imported.plan, notes=imported.notes)
