"""Helpers the test modules share: the CLI runner, LibreOffice and its stand-in, PDF text, tracked
changes, and the golden-file switch. Test modules import from here (never from each other);
``conftest.py`` holds the fixtures."""

from __future__ import annotations

import atexit
import contextlib
import functools
import io
import os
import re
import shutil
import signal
import subprocess
import sys
import zipfile
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import pytest
from command_server import CLI_ENV, ROOT, CommandServer, exit_code, fresh_process_state, limit
from lxml import etree

EXAMPLES = ROOT / "examples"
DATA = Path(__file__).resolve().parent / "data"
GOLDEN = Path(__file__).resolve().parent / "golden"

#: Every command in its own process, as before the in-process runner (to compare the two).
ALL_IN_SUBPROCESSES = os.environ.get("OSL_PLAN_TEST_SUBPROCESS") == "1"
#: ``make test-fast`` sets ``OSL_PLAN_TEST_QUICK=1``: the property tests try a quarter of their
#: examples there (:func:`examples`) and the complexity guards time smaller sizes
#: (tests/test_complexity.py); ``make test`` and CI run them in full.
QUICK = os.environ.get("OSL_PLAN_TEST_QUICK") == "1"
#: The examples a property test without a count of its own tries in a quick run (hypothesis: 100).
QUICK_EXAMPLES = 25


def examples(count: int) -> int:
    """How many examples a property test asking for ``count`` tries in this run."""
    return max(QUICK_EXAMPLES, count // 4) if QUICK else count


def update_golden() -> bool:
    """Whether golden files are rewritten instead of compared: ``pytest --update-golden`` or
    ``OSL_PLAN_UPDATE_GOLDEN=1`` (the option sets the variable). Review the diff afterwards."""
    return os.environ.get("OSL_PLAN_UPDATE_GOLDEN") == "1"


# --- running the CLI ---------------------------------------------------------------------------


@dataclass
class Result:
    exit_code: int
    #: The bytes written (a test of another encoding reads them).
    stdout_bytes: bytes
    stderr_bytes: bytes

    @property
    def stdout(self) -> str:
        """Standard output as UTF-8 text."""
        return self.stdout_bytes.decode("utf-8", "replace")

    @property
    def stderr(self) -> str:
        return self.stderr_bytes.decode("utf-8", "replace")


def limits(memory: int | None = None, cpu: int | None = None) -> Callable[[], None] | None:
    """A ``preexec_fn`` capping a child's memory (address space, bytes) and CPU time (seconds).

    CPU time is what a bound on work should count: other processes on a busy machine do not add
    to it, as they add to the wall-clock time. A child over it is stopped by the kernel
    (SIGXCPU, then SIGKILL a second later), without a core file; :func:`over_cpu` tells.
    """
    if memory is None and cpu is None:
        return None
    return functools.partial(limit, memory, cpu)


def over_cpu(returncode: int) -> bool:
    """Whether a child started with :func:`limits` was stopped for its CPU time."""
    return returncode in (-signal.SIGXCPU, -signal.SIGKILL)


def run_cli(
    *args: str | Path,
    cwd: Path | None = None,
    stdin: bytes | None = None,
    timeout: float = 120,
    memory_limit: int | None = None,
    cpu_limit: int | None = None,
    subprocess: bool = False,
) -> Result:
    """Run ``osl-plan *args`` and return its exit code, stdout and stderr.

    By default the command runs in this process (typer's runner), with what a fresh process
    would have: the language, the warnings filters, the environment, the files remembered as
    inputs, the signal handlers are set up anew and restored afterwards. Where the process
    itself is tested (``subprocess=True``) the real ``python -m osl_plan`` runs, as a user would
    start it. A command capped in memory (``memory_limit``: bytes its address space may grow by)
    or CPU time runs in a process of its own, forked from a server that has osl-plan loaded
    (:func:`_run_forked`: the limits, its own memory, its exit code or signal, without starting
    Python and importing osl-plan anew). ``timeout`` bounds a process's wall-clock time (for a
    command that hangs; generous, as a loaded machine stretches it) and a command over
    ``cpu_limit`` seconds of CPU time fails the test. ``OSL_PLAN_TEST_SUBPROCESS=1`` runs every
    command with ``python -m osl_plan`` (to compare the ways). The in-process runner writes UTF-8
    whatever ``$PYTHONIOENCODING`` says: a test of the terminal's encoding runs a capped command
    or a real process, and reads ``stdout_bytes``.
    """
    if subprocess or ALL_IN_SUBPROCESSES:
        return _run_process(args, cwd, stdin, timeout, memory_limit, cpu_limit)
    if memory_limit is not None or cpu_limit is not None:
        return _run_forked(args, cwd, stdin, timeout, memory_limit, cpu_limit)
    return _run_in_process(args, cwd, stdin)


def _run_process(
    args: tuple[str | Path, ...],
    cwd: Path | None,
    stdin: bytes | None,
    timeout: float,
    memory_limit: int | None,
    cpu_limit: int | None,
) -> Result:
    proc = subprocess.run(
        [sys.executable, "-m", "osl_plan", *map(str, args)],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        check=False,
        timeout=timeout,
        preexec_fn=limits(memory_limit, cpu_limit),
        env={**os.environ, **CLI_ENV},
    )
    if cpu_limit is not None and over_cpu(proc.returncode):
        command = " ".join(map(str, args))
        pytest.fail(f"osl-plan {command} used more than {cpu_limit} s of CPU time")
    return Result(proc.returncode, proc.stdout, proc.stderr)


def _run_forked(
    args: tuple[str | Path, ...],
    cwd: Path | None,
    stdin: bytes | None,
    timeout: float,
    memory_limit: int | None,
    cpu_limit: int | None,
) -> Result:
    """The command in a child process of its own, as :func:`_run_process` would run it, with the
    same caps, but forked from this test process's command server (tests/command_server.py)
    instead of starting Python and importing osl-plan anew."""
    import tempfile

    with contextlib.ExitStack() as files:
        streams = [files.enter_context(tempfile.TemporaryFile()) for _ in range(3)]
        streams[0].write(stdin or b"")
        streams[0].seek(0)
        fds = [f.fileno() for f in streams]
        code = _command_server().run(
            tuple(map(str, args)), cwd, fds, memory_limit, cpu_limit, timeout
        )
        if code is None:
            raise subprocess.TimeoutExpired(["osl-plan", *map(str, args)], timeout)
        if cpu_limit is not None and over_cpu(code):
            pytest.fail(f"osl-plan {' '.join(map(str, args))} used more than {cpu_limit} s of CPU")
        out, err = (_read_back(f) for f in streams[1:])
    return Result(code, out, err)


_servers: list[CommandServer] = []


def _command_server() -> CommandServer:
    """This test process's command server, started on first use (and again if it ended)."""
    if not _servers or not _servers[-1].alive():
        _servers.append(CommandServer())
        atexit.register(_servers[-1].close)
    return _servers[-1]


def _read_back(stream: IO[bytes]) -> bytes:
    stream.seek(0)
    return stream.read()


def _run_in_process(args: tuple[str | Path, ...], cwd: Path | None, stdin: bytes | None) -> Result:
    from typer._click import formatting
    from typer.testing import CliRunner

    from osl_plan.cli import run

    runner = CliRunner()
    with fresh_process_state(cwd), runner.isolation(input=stdin or b"", env=CLI_ENV) as streams:
        # The runner fixes the help's width at 80; a process reads $COLUMNS.
        formatting.FORCED_WIDTH = None
        try:
            run([str(arg) for arg in args])
        except SystemExit as done:
            code = exit_code(done)
        else:  # run() always exits
            raise AssertionError("osl_plan.cli.run returned without exiting")
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
        out, err = streams[0].getvalue(), streams[1].getvalue()
    return Result(code, out, err)


def assert_in_order(text: str, pieces: list[str]) -> None:
    """Each of ``pieces`` occurs in ``text``, each after the one before it."""
    at = 0
    for piece in pieces:
        found = text.find(piece, at)
        assert found >= at, f"{piece!r} not after position {at}"
        at = found + len(piece)


# --- LibreOffice and its stand-in ----------------------------------------------------------------


def soffice_or_skip() -> str:
    """The LibreOffice binary; skips where it is absent, fails in CI where it must be present.

    A test calling this must be marked ``@pytest.mark.libreoffice`` (tests/test_markers.py checks
    it), so that ``make test-fast`` leaves it out."""
    binary = shutil.which("soffice") or shutil.which("libreoffice")
    if binary:
        return binary
    if os.environ.get("OSL_PLAN_REQUIRE_LIBREOFFICE"):
        pytest.fail("LibreOffice is required here (OSL_PLAN_REQUIRE_LIBREOFFICE is set)")
    pytest.skip("LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui")


#: A stand-in for LibreOffice (logs its starts, converts without LibreOffice; see the file).
def chromium_or_skip() -> str:
    """The Chromium binary; skips where it is absent, fails in CI where it must be present."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    if os.environ.get("OSL_PLAN_REQUIRE_CHROMIUM"):
        pytest.fail("Chromium is required here (OSL_PLAN_REQUIRE_CHROMIUM is set)")
    pytest.skip("Chromium is not installed: apt-get install chromium chromium-driver")


FAKE_SOFFICE = Path(__file__).resolve().parent / "fake_soffice.py"


def fake_soffice_program(folder: Path) -> Path:
    """The stand-in as an executable ``soffice`` in ``folder`` (for ``OSL_PLAN_SOFFICE``)."""
    program = folder / "soffice"
    program.write_text(f"#!{sys.executable}\nimport runpy\nrunpy.run_path({str(FAKE_SOFFICE)!r}, "
                       "run_name='__main__')\n")  # fmt: skip
    program.chmod(0o755)
    return program


# --- reading PDF files (poppler) -----------------------------------------------------------------


def poppler(program: str) -> str:
    binary = shutil.which(program)
    if binary:
        return binary
    if os.environ.get("OSL_PLAN_REQUIRE_LIBREOFFICE"):
        pytest.fail(f"{program} is required here (poppler-utils)")
    pytest.skip(f"{program} is not installed: apt-get install poppler-utils")


def print_together(documents: Sequence[bytes | Path], targets: Sequence[Path]) -> None:
    """DOCX documents printed to PDF at ``targets`` by one LibreOffice run (the same conversion
    ``render -f pdf`` makes, one start for all of them); fails the test if one is not."""
    from osl_plan.render.libreoffice import convert_many

    for done in convert_many(documents, "pdf", targets=targets, workers=1):
        assert done.error is None, done.error


def pdf_raw(path: Path, *, layout: bool = False) -> str:
    """pdftotext's text of the PDF: in content order, or as laid out on the page (``layout``)."""
    return subprocess.run(
        [poppler("pdftotext"), "-layout" if layout else "-raw", "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        check=True,
        timeout=60,
    ).stdout.decode("utf-8")


def pdf_pages(path: Path, *, layout: bool = False) -> list[str]:
    """The text of each page, no-break spaces as spaces."""
    return [page.replace("\u00a0", " ") for page in pdf_raw(path, layout=layout).split("\f")]


def pdf_text(path: Path) -> str:
    """The PDF's text in content order; a word broken after a hyphen is joined again."""
    raw = pdf_raw(path)
    return normalise(re.sub(r"(\w)([-\u00ad])\n(\w)", r"\1\2\3", raw))


def key(text: str) -> str:
    """For comparing: hyphens dropped, so „polsko-niemieckiej” and a hyphenated break both match."""
    return normalise(text).replace("-", "").replace("\u00ad", "")


def normalise(text: str) -> str:
    """White space (line breaks, no-break spaces) folded to single spaces."""
    return " ".join(text.replace("\u00a0", " ").split())


def pdf_info(path: Path) -> dict[str, str]:
    out = subprocess.run(
        [poppler("pdfinfo"), str(path)], capture_output=True, check=True, timeout=60
    ).stdout.decode("utf-8", "replace")
    return {k.strip(): v.strip() for k, v in (line.split(":", 1) for line in out.splitlines())}


# --- tracked changes in a DOCX -----------------------------------------------------------------

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
NBSP = "\u00a0"


def document_body(docx: bytes) -> etree._Element:
    """``word/document.xml`` of a DOCX, parsed."""
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        return etree.fromstring(archive.read("word/document.xml"))


def _drop(elements: list[etree._Element]) -> None:
    for element in elements:
        element.getparent().remove(element)


def _unwrap(elements: list[etree._Element]) -> None:
    for element in elements:
        parent = element.getparent()
        index = parent.index(element)
        for child in reversed(list(element)):
            parent.insert(index, child)
        parent.remove(element)


def accept_all(root: etree._Element) -> etree._Element:
    """What Word's "Accept all changes" leaves: deletions gone, insertions kept."""
    _drop(root.xpath("//w:tr[w:trPr/w:del]", namespaces=NS))
    _drop(root.xpath("//w:p[w:pPr/w:rPr/w:del]", namespaces=NS))
    _drop(root.xpath("//w:del[not(parent::w:rPr)]", namespaces=NS))
    _unwrap(root.xpath("//w:ins[not(parent::w:rPr) and not(parent::w:trPr)]", namespaces=NS))
    return root


def reject_all(root: etree._Element) -> etree._Element:
    """What "Reject all changes" leaves: insertions gone, deleted text back."""
    _drop(root.xpath("//w:tr[w:trPr/w:ins]", namespaces=NS))
    _drop(root.xpath("//w:p[w:pPr/w:rPr/w:ins]", namespaces=NS))
    _drop(root.xpath("//w:ins[not(parent::w:rPr)]", namespaces=NS))
    for text in root.xpath("//w:delText", namespaces=NS):
        text.tag = f"{{{W}}}t"
    _unwrap(root.xpath("//w:del[not(parent::w:rPr) and not(parent::w:trPr)]", namespaces=NS))
    return root


def paragraphs(root: etree._Element) -> list[str]:
    texts = ("".join(p.xpath(".//w:t/text()", namespaces=NS)) for p in root.iter(f"{{{W}}}p"))
    return [t for t in texts if t]


# --- plans --------------------------------------------------------------------------------------


def comparable(plan: Any) -> dict[str, Any]:
    """The plan as a document can carry it: terms come back as printed.

    Ids travel in a document property keyed by the task's text, so tasks sharing their text
    come back without one. Chapters compare by what their Markdown means (an asterisk may come
    back escaped).
    """
    from osl_plan.richtext import parse_blocks

    data: dict[str, Any] = plan.model_dump(mode="json")
    for section in data["sekcje"]:
        section["tresc"] = parse_blocks(section["tresc"])
    texts = Counter(task.zadanie for task in plan.zadania)
    for task, original in zip(data["zadania"], plan.zadania, strict=True):
        if texts[original.zadanie] > 1:
            task["id"] = None
        task["termin"] = (original.termin.start, original.termin.end)
    return data


def readme_example(folder: Path) -> Path:
    """The README's „Every key, with an example” plan, with a logo file beside it."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("Every key, with an example:")
    block = readme[start:].split("```yaml\n", 1)[1].split("```", 1)[0]
    shutil.copy(GOLDEN / "pasek.png", folder / "logo_cus.png")
    path = folder / "readme.yaml"
    path.write_text(block, encoding="utf-8")
    return path


# --- start-up ---------------------------------------------------------------------------------

_MODULES_SCRIPT = """
import json, sys
sys.argv = ["osl-plan", *sys.argv[1:]]
from osl_plan.cli import main
try:
    main()
except SystemExit:
    pass
sys.stdout.flush()
print("\\n@@MODULES@@" + json.dumps(sorted(sys.modules)))
"""


def modules_after(*argv: str | Path, cwd: Path | None = None) -> set[str]:
    """The modules loaded once ``osl-plan *argv`` has run in a fresh process."""
    import json

    proc = subprocess.run(
        [sys.executable, "-c", _MODULES_SCRIPT, *map(str, argv)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
        check=False,
    )
    assert "@@MODULES@@" in proc.stdout, proc.stderr
    return set(json.loads(proc.stdout.rsplit("@@MODULES@@", 1)[1]))


#: The plan's columns, widest plans last: the first ``n`` of them make an ``n``-column table.
COLUMNS = ("zadanie", "adresaci", "termin", "partnerzy", "miejsce", "odpowiedzialny",
           "rezultaty", "koszt")  # fmt: skip
PARTNERS = ("Koło Gospodyń Wiejskich w Chełmie", "Ochotnicza Straż Pożarna w Gołaczewach",
            "Stowarzyszenie Przyjaciół Ziemi Wolbromskiej")  # fmt: skip
ITEMS = ["Warsztaty rękodzieła ludowego", "Wspólne przygotowanie potraw regionalnych"]
TERMS = ("luty 2026, lipiec – sierpień 2026", "czerwiec 2026", "styczeń – grudzień 2026")


def wide_plan(columns: int, *, revised: bool = False) -> dict[str, Any]:
    """A plan of six tasks printed in ``columns`` columns, every field filled; ``revised`` is
    the next version of it (a task longer, one removed, a partner renamed) for a redline."""
    tasks = [
        {
            "zadanie": f"Spotkania integracyjne mieszkańców sołectwa nr {k} z udziałem Koła "
            "Gospodyń Wiejskich i Ochotniczej Straży Pożarnej",
            "dzialania": ITEMS if k % 2 else [],
            "adresaci": ["Seniorzy", "Osoby z niepełnosprawnościami", "Rodziny wielodzietne"][
                : 1 + k % 3
            ],
            "termin": TERMS[k % 3],
            "partnerzy": list(PARTNERS[: 1 + k % 3]),
            "miejsce": "Świetlica wiejska w Gołaczewach, ul. Szkolna 12",
            "odpowiedzialny": "Organizator społeczności lokalnej",
            "rezultaty": ["Integracja międzypokoleniowa mieszkańców", "Około 40 uczestników"],
            "koszt": "2 000 zł",
        }
        for k in range(1, 7)
    ]
    if revised:
        tasks[1]["zadanie"] += " oraz mieszkańców gmin sąsiednich"
        tasks[2]["partnerzy"] = ["Gminny Ośrodek Kultury w Wolbromiu"]
        del tasks[3]
    return {
        "rok": 2026,
        "jednostka": "Centrum Usług Społecznych w Wolbromiu",
        "gmina": "Gmina Wolbrom",
        "wstep": "Plan organizowania społeczności lokalnej na rok 2026.",
        "kolumny": list(COLUMNS[:columns]),
        "zadania": tasks,
        "podpisy": {
            "opracowal": {
                "etykieta": "Opracowała",
                "osoba": "Anna Kowalczyk",
                "stanowisko": "Organizator społeczności lokalnej",
            },
            "zatwierdzil": {
                "etykieta": "Zatwierdziła",
                "osoba": "Maria Nowakowska-Zielińska",
                "stanowisko": "Dyrektor Centrum Usług Społecznych w Wolbromiu",
            },
        },
    }
