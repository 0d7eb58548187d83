"""A reference document is rebuilt from an allow-list (osl_plan/render/docx_reference.py):
nothing of it survives that is not on the list, whatever shape the attack takes."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from builders import PLAN, REFERENCE_ATTACKS, hostile_reference, plain_docx_parts, png, run, zipped

#: Bytes none of which may reach the output.
LEAKS = (
    b"INCLUDE", b"DDEAUTO", b"DATABASE", b" RD ", b"cmd.exe", b"198.51.100.7", b"vbaProject",
    b"MACRO-BYTES", b"OLE-BYTES", b"oleObject", b"/etc/passwd", b"updateFields",
    b"delInstrText", b"w:pict", b"External",
)  # fmt: skip
COMMANDS = {
    "render": ("render", "{plan}", "-f", "docx", "-o", "{out}"),
    "report": ("report", "{plan}", "-f", "docx", "-o", "{out}"),
    "lista": ("lista", "{plan}", "-z", "1", "-o", "{out}"),
}


def _render(folder: Path, reference: bytes, command: str = "render") -> dict[str, bytes]:
    plan = folder / "plan.yaml"
    plan.write_text(PLAN.replace("marzec 2023", "12.03.2023"), encoding="utf-8")
    source = folder / "wzor.docx"
    source.write_bytes(reference)
    out = folder / "wynik.docx"
    args = [a.format(plan=plan, out=out) for a in COMMANDS[command]]
    result = run(*args, "--reference-doc", source, cwd=folder)
    assert result.exit_code == 0, result.stderr
    with zipfile.ZipFile(out) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("attack", sorted(REFERENCE_ATTACKS))
def test_nothing_off_the_list_survives(tmp_path: Path, attack: str, command: str) -> None:
    parts = _render(tmp_path, hostile_reference(attack), command)
    everything = b"".join(parts.values())
    for leak in LEAKS:
        assert leak not in everything, (leak, [n for n, d in parts.items() if leak in d])
    assert not [name for name in parts if name.endswith(".bin")]
    footers = b"".join(data for name, data in parts.items() if "footer" in name)
    assert b"Stopka wzoru" in footers  # the reference's own footer text
    assert b" PAGE " in footers  # and its page number, a safe field
    import docx

    docx.Document(str(tmp_path / "wynik.docx"))  # still a document python-docx opens


def test_a_checked_picture_in_the_header_is_kept(tmp_path: Path) -> None:
    parts = plain_docx_parts()
    from builders import R, W, linked_picture

    picture = linked_picture("rIdLogo", 3).replace("r:link=", "r:embed=")
    parts["word/header1.xml"] = (
        f'<w:hdr xmlns:w="{W}" xmlns:r="{R}" '
        f'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
        f"<w:p><w:r><w:t>Nagłówek</w:t></w:r><w:r>{picture}</w:r></w:p></w:hdr>"
    ).encode()
    parts["word/_rels/header1.xml.rels"] = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rIdLogo" Type="{R}/image" Target="media/logo.png"/></Relationships>'
    ).encode()
    parts["word/media/logo.png"] = png(40, 20)
    rels = parts["word/_rels/document.xml.rels"].decode()
    parts["word/_rels/document.xml.rels"] = rels.replace(
        "</Relationships>",
        f'<Relationship Id="rIdH" Type="{R}/header" Target="header1.xml"/></Relationships>',
    ).encode()
    document = parts["word/document.xml"].decode()
    reference = f'<w:headerReference xmlns:r="{R}" w:type="default" r:id="rIdH"/>'
    parts["word/document.xml"] = document.replace("<w:pgSz", reference + "<w:pgSz", 1).encode()
    out = _render(tmp_path, zipped(parts))
    media = [data for name, data in out.items() if name.startswith("word/media/")]
    assert png(40, 20) in media
    header = b"".join(data for name, data in out.items() if "header" in name)
    assert "Nagłówek".encode() in header and b"r:embed" in header


def test_a_damaged_picture_in_the_header_is_left_out(tmp_path: Path) -> None:
    reference = hostile_reference("image-relationship-to-macros")
    parts = _render(tmp_path, reference)
    assert not [name for name in parts if name.startswith("word/media/")]


def test_the_reference_look_is_kept(tmp_path: Path) -> None:
    parts = plain_docx_parts()
    styles = parts["word/styles.xml"].decode()
    parts["word/styles.xml"] = styles.replace(
        "</w:styles>",
        '<w:style w:type="paragraph" w:customStyle="1" w:styleId="StylGminy">'
        '<w:name w:val="Styl gminy"/><w:rPr><w:color w:val="1F4E79"/></w:rPr></w:style>'
        "</w:styles>",
    ).encode()
    document = parts["word/document.xml"].decode()
    parts["word/document.xml"] = document.replace(
        '<w:pgMar w:top="1440"', '<w:pgMar w:top="2222"', 1
    ).encode()
    out = _render(tmp_path, zipped(parts))
    assert b"Styl gminy" in out["word/styles.xml"]
    assert b'w:top="2222"' in out["word/document.xml"]
