"""How osl-plan drives LibreOffice: few starts, per-document failures, atomic targets, profiles,
clean stops. A stand-in (tests/fake_soffice.py) plays LibreOffice, so these run everywhere and
can misbehave on purpose; tests/test_render_pdf.py and the tests marked ``libreoffice`` below use
the real one.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import fake_soffice_program

from osl_plan.errors import ConversionFailed, OutputError
from osl_plan.render import lo_profile
from osl_plan.render.libreoffice import Converted, convert, convert_many


@pytest.fixture
def fake(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The stand-in as $OSL_PLAN_SOFFICE; returns its log of starts."""
    program = fake_soffice_program(tmp_path)
    log = tmp_path / "starts.jsonl"
    log.touch()
    monkeypatch.setenv("OSL_PLAN_SOFFICE", str(program))
    monkeypatch.setenv("FAKE_SOFFICE_LOG", str(log))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return log


def starts(log: Path) -> list[dict[str, object]]:
    return [entry for entry in _events(log) if "profile" in entry]


def asleep(log: Path) -> list[dict[str, object]]:
    """The stand-in's processes asleep on a ``HANG`` document."""
    return [entry for entry in _events(log) if "asleep" in entry]


def _events(log: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in log.read_text().splitlines()]


def docs(count: int, **special: int) -> list[bytes]:
    made = [f"document {i}".encode() for i in range(count)]
    for word, index in special.items():
        made[index] += b" " + word.encode()
    return made


def test_many_documents_take_one_start_per_worker(fake: Path) -> None:
    done: list[int] = []
    results = convert_many(docs(9), "pdf", workers=2, on_done=lambda r: done.append(r.index))
    assert [r.index for r in results] == list(range(9))
    assert all(r.error is None and r.data is not None for r in results)
    for i, result in enumerate(results):
        assert result.data is not None and f"document {i}".encode() in result.data
    assert len(starts(fake)) == 2  # nine documents, two LibreOffice starts
    assert sorted(done) == list(range(9))  # every conversion reported once, for the progress bar


def test_a_document_that_cannot_be_opened_fails_alone(fake: Path) -> None:
    results = convert_many(docs(6, BROKEN=2), "pdf", workers=1)
    assert [r.error is None for r in results] == [True, True, False, True, True, True]
    assert isinstance(results[2].error, ConversionFailed)
    assert "could not open" in str(results[2].error)
    assert len(starts(fake)) == 1


def test_a_crash_fails_its_document_and_a_new_start_converts_the_rest(fake: Path) -> None:
    results = convert_many(docs(6, CRASH=2), "odt", workers=1)
    assert [r.error is None for r in results] == [True, True, False, True, True, True]
    assert "(exit 139)" in str(results[2].error)
    logged = starts(fake)
    assert len(logged) == 2
    assert len(logged[1]["docs"]) == 3  # type: ignore[arg-type]  # only those after the crash


def test_a_hanging_document_is_stopped_the_others_kept_and_no_pipe_left(
    fake: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each document has its own allowance: the hanging one is stopped at its second, the others
    (given plenty) are converted, also after one that crashes LibreOffice. LibreOffice makes a
    pipe for its profile in /tmp and removes it when it quits; one that is stopped (a hang) or
    crashes cannot, and osl-plan removes it (here a folder stands for /tmp)."""
    pipes = tmp_path / "pipes"
    pipes.mkdir()
    monkeypatch.setenv("FAKE_SOFFICE_PIPES", str(pipes))
    monkeypatch.setattr(lo_profile, "_PIPE_FOLDERS", (pipes,))
    started = time.monotonic()
    timeouts = [60.0, 1.0, 60.0, 60.0, 60.0]
    results = convert_many(docs(5, HANG=1, CRASH=3), "pdf", workers=1, timeouts=timeouts)
    assert time.monotonic() - started < 60
    assert [r.error is None for r in results] == [True, False, True, False, True]
    assert "did not finish within 1 s" in str(results[1].error)
    pid = starts(fake)[0]["pid"]
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # type: ignore[arg-type]  # the stopped process is gone
    made = [entry["pipe"] for entry in _events(fake) if "pipe" in entry]
    assert len(made) == 3  # a start stopped at its hang, one crashed, one that finished
    assert list(pipes.iterdir()) == []


def test_targets_are_written_atomically_and_failures_leave_them(fake: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    targets = [out / f"plan_{i}.pdf" for i in range(4)]
    targets[1].write_bytes(b"last year's PDF")
    results = convert_many(docs(4, BROKEN=1), "pdf", targets=[*targets[:3], out / "no" / "x.pdf"])
    assert results[0] == Converted(0) and results[2] == Converted(2)
    assert targets[1].read_bytes() == b"last year's PDF"  # the failed one is untouched
    assert isinstance(results[3].error, OutputError)  # its folder does not exist
    assert targets[0].read_bytes().startswith(b"%PDF") and b"document 0" in targets[0].read_bytes()
    assert sorted(p.name for p in out.iterdir()) == ["plan_0.pdf", "plan_1.pdf", "plan_2.pdf"]


def test_one_document_raises_its_error(fake: Path) -> None:
    assert convert(b"document", "pdf").startswith(b"%PDF")
    with pytest.raises(ConversionFailed, match="could not open"):
        convert(b"BROKEN", "pdf")


def test_profiles_are_cached_locked_and_private(fake: Path, tmp_path: Path) -> None:
    root = tmp_path / "cache" / "osl-plan" / f"libreoffice-{lo_profile.PROFILE_VERSION}"
    convert(b"document", "pdf")
    assert starts(fake)[-1]["profile"] == (root / "profile-0").as_uri()
    assert (root / "profile-0" / "osl-plan-ready").is_file()
    assert root.stat().st_mode & 0o077 == 0
    held = lo_profile.acquire(tmp_path / "unused")  # another run holds slot 0
    try:
        assert held.path == root / "profile-0"
        convert(b"document", "pdf")
        assert starts(fake)[-1]["profile"] == (root / "profile-1").as_uri()
    finally:
        held.release()
    convert(b"document", "pdf")
    assert starts(fake)[-1]["profile"] == (root / "profile-0").as_uri()


def test_without_a_usable_cache_a_temporary_profile_is_used(
    fake: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker / "cache"))
    assert convert(b"document", "pdf").startswith(b"%PDF")
    profile = str(starts(fake)[-1]["profile"])
    assert "osl-plan-lo-" in profile and not Path(profile.removeprefix("file://")).exists()
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o777)
    shared.chmod(0o777)  # a cache others may write to is not used either
    monkeypatch.setenv("XDG_CACHE_HOME", str(shared))
    (shared / "osl-plan" / f"libreoffice-{lo_profile.PROFILE_VERSION}").mkdir(parents=True)
    (shared / "osl-plan" / f"libreoffice-{lo_profile.PROFILE_VERSION}").chmod(0o777)
    convert(b"document", "pdf")
    assert "osl-plan-lo-" in str(starts(fake)[-1]["profile"])


def test_settings_forbid_linked_files_and_keep_the_rest(tmp_path: Path) -> None:
    profile = lo_profile.Profile(tmp_path / "p", cached=False)
    xcu = tmp_path / "p" / "user" / "registrymodifications.xcu"
    xcu.parent.mkdir(parents=True)
    xcu.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="x">\n'
        '<item oor:path="/org.openoffice.Setup/Office"><prop oor:name="ooSetupInstCompleted" '
        'oor:op="fuse"><value>true</value></prop></item>\n'
        '<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop '
        'oor:name="BlockUntrustedRefererLinks" oor:op="fuse"><value>false</value></prop></item>\n'
        "</oor:items>\n"
    )
    profile.prepare()
    text = xcu.read_text()
    assert "ooSetupInstCompleted" in text  # LibreOffice's own state is kept (a warm profile)
    assert 'BlockUntrustedRefererLinks" oor:op="fuse"><value>true' in text
    assert "<value>false</value>" not in text
    assert text.count("BlockUntrustedRefererLinks") == 1


_INTERRUPTED = """
import sys
from osl_plan.render.libreoffice import convert_many
convert_many([b"HANG"], "pdf")
"""


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_stopped_run_kills_libreoffice_and_removes_its_files(
    fake: Path, tmp_path: Path, signum: int
) -> None:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    run = subprocess.Popen(
        [sys.executable, "-c", _INTERRUPTED],
        env={**os.environ, "TMPDIR": str(scratch)},
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while not asleep(fake) and time.monotonic() < deadline:  # until the stand-in says so
        time.sleep(0.05)
    pid = int(asleep(fake)[0]["pid"])  # type: ignore[call-overload]
    run.send_signal(signum)
    _, err = run.communicate(timeout=60)
    assert run.returncode != 0
    assert b"KeyboardInterrupt" in err
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    assert list(scratch.iterdir()) == []  # the temporary folder is gone


# --- the real LibreOffice --------------------------------------------------------------------


@pytest.mark.libreoffice
def test_real_libreoffice_keeps_the_good_documents_of_a_batch(soffice: str) -> None:
    from helpers import EXAMPLES

    from osl_plan.load import load
    from osl_plan.render import RenderOptions
    from osl_plan.render.docx import render_docx

    good = render_docx(load(EXAMPLES / "plan_2023.yaml").plan, RenderOptions())
    done: list[Converted] = []
    results = convert_many(
        [good, b"PK\x03\x04 not a DOCX at all", good], "pdf", on_done=done.append
    )
    assert [r.error is None for r in results] == [True, False, True]
    assert results[0].data is not None and results[0].data.startswith(b"%PDF-")
    assert isinstance(results[1].error, ConversionFailed)
    assert len(done) == 3


@pytest.mark.libreoffice
def test_odt_opens_and_holds_every_task(soffice: str, tmp_path: Path, example_2023: Path) -> None:
    import zipfile

    from helpers import run_cli
    from lxml import etree

    from osl_plan.load import load

    out = tmp_path / "plan_2023.odt"
    result = run_cli("render", example_2023, "-f", "odt", "-o", out, timeout=300)
    assert result.exit_code == 0, result.stderr
    with zipfile.ZipFile(out) as odt:
        assert odt.read("mimetype") == b"application/vnd.oasis.opendocument.text"
        content = etree.fromstring(odt.read("content.xml"))
    paragraphs = content.iter("{urn:oasis:names:tc:opendocument:xmlns:text:1.0}p")
    text = "\n".join(" ".join("".join(p.itertext()).split()) for p in paragraphs)
    for task in load(example_2023).plan.zadania:
        assert " ".join(task.zadanie.split()) in text
        for item in task.dzialania:
            assert item in text


def _with_linked_image(docx: bytes, url: str) -> bytes:
    """The DOCX with one more picture, linked (not embedded) to ``url``."""
    import io
    import zipfile

    relation = (
        '<Relationship Id="rIdLinked" Type="http://schemas.openxmlformats.org/officeDocument/'
        f'2006/relationships/image" Target="{url}" TargetMode="External"/></Relationships>'
    )
    picture = (
        '<w:p><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/'
        'drawingml/2006/wordprocessingDrawing"><wp:extent cx="914400" cy="914400"/>'
        '<wp:docPr id="990" name="linked"/><a:graphic xmlns:a="http://schemas.openxmlformats.org/'
        'drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/'
        '2006/picture"><pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/'
        'picture"><pic:nvPicPr><pic:cNvPr id="990" name="linked"/><pic:cNvPicPr/></pic:nvPicPr>'
        '<pic:blipFill><a:blip xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships" r:link="rIdLinked"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
        '<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="914400" cy="914400"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData>'
        "</a:graphic></wp:inline></w:drawing></w:r></w:p>"
    )
    source, out = zipfile.ZipFile(io.BytesIO(docx)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/_rels/document.xml.rels":
                data = data.replace(b"</Relationships>", relation.encode())
            elif item.filename == "word/document.xml":
                body = data.index(b"<w:body>") + len(b"<w:body>")
                data = data[:body] + picture.encode() + data[body:]
            target.writestr(item, data)
    return out.getvalue()


@pytest.mark.libreoffice
def test_linked_images_are_never_fetched(soffice: str, tmp_path: Path, example_2023: Path) -> None:
    import http.server
    import threading

    from helpers import poppler

    from osl_plan.load import load
    from osl_plan.render import RenderOptions
    from osl_plan.render.docx import render_docx

    requests: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            requests.append(self.path)
            self.send_error(404)

        do_OPTIONS = do_HEAD = do_GET

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    secret = tmp_path / "secret.jpg"
    secret.write_bytes((Path(__file__).parent / "data" / "render" / "pasek.jpg").read_bytes())
    docx = render_docx(load(example_2023).plan, RenderOptions())
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/x.png"
        pdfs = convert_many(
            [docx, _with_linked_image(docx, url), _with_linked_image(docx, secret.as_uri())], "pdf"
        )
    finally:
        server.shutdown()
    assert requests == []

    def images(data: bytes | None, name: str) -> list[str]:
        assert data is not None
        (tmp_path / name).write_bytes(data)
        listing = subprocess.run([poppler("pdfimages"), "-list", str(tmp_path / name)],
                                 capture_output=True, text=True, check=True)  # fmt: skip
        return listing.stdout.splitlines()[2:]

    # The local file was not read into the PDF either: no image more than without the link.
    assert len(images(pdfs[2].data, "linked.pdf")) == len(images(pdfs[0].data, "plain.pdf"))


def test_diff_pdf_needs_a_file(example_2022: Path, example_2023: Path) -> None:
    from helpers import run_cli

    result = run_cli("diff", example_2022, example_2023, "-f", "pdf")
    assert result.exit_code == 2
    assert "add -o redline.pdf" in result.stderr


@pytest.mark.libreoffice
def test_diff_pdf_is_the_redline_with_its_changes_marked(
    soffice: str, tmp_path: Path, example_2022: Path, example_2023: Path
) -> None:
    from helpers import pdf_text, run_cli

    out = tmp_path / "zmiany.pdf"
    result = run_cli("diff", example_2022, example_2023, "-f", "pdf", "-o", out, timeout=300)
    assert result.exit_code == 0, result.stderr
    text = pdf_text(out)
    assert "20222023ROK" in text.replace(" ", "")  # the old year struck out beside the new one
    assert "Diagnoza potrzeb mieszkańców" in text  # a removed task, shown struck out


@pytest.mark.libreoffice
def test_report_as_odt_goes_the_same_way(soffice: str, tmp_path: Path) -> None:
    import zipfile

    from helpers import EXAMPLES, run_cli
    from lxml import etree

    out = tmp_path / "sprawozdanie.odt"
    plan = EXAMPLES / "plan_2023_realizacja.yaml"
    result = run_cli("report", plan, "-f", "odt", "-o", out, timeout=300)
    assert result.exit_code == 0, result.stderr
    with zipfile.ZipFile(out) as odt:
        assert odt.read("mimetype") == b"application/vnd.oasis.opendocument.text"
        content = etree.fromstring(odt.read("content.xml"))
    text = " ".join("".join(content.itertext()).split())
    assert "SPRAWOZDANIE Z REALIZACJI PLANU" in text.upper()
    assert "Centrum Usług Społecznych w Kluczach" in text
