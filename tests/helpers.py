"""Helpers the test modules share: the CLI runner, LibreOffice and its stand-in, PDF text, tracked
changes, and the golden-file switch. Test modules import from here (never from each other);
``conftest.py`` holds the fixtures."""

from __future__ import annotations

import contextlib
import functools
import gc
import io
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import warnings
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import pytest
from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
DATA = Path(__file__).resolve().parent / "data"
GOLDEN = Path(__file__).resolve().parent / "golden"

#: What every run of the CLI sees, in-process or not: no colour, a fixed terminal width.
CLI_ENV = {"NO_COLOR": "1", "COLUMNS": "100"}
#: Every command in its own process, as before the in-process runner (to compare the two).
ALL_IN_SUBPROCESSES = os.environ.get("OSL_PLAN_TEST_SUBPROCESS") == "1"
#: ``make test-fast`` sets ``OSL_PLAN_TEST_QUICK=1``: the property tests try a quarter of their
#: examples there (:func:`examples`); ``make test`` and CI try them all.
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
    stdout: str
    stderr: str


def limits(memory: int | None = None, cpu: int | None = None) -> Callable[[], None] | None:
    """A ``preexec_fn`` capping a child's memory (address space, bytes) and CPU time (seconds).

    CPU time is what a bound on work should count: other processes on a busy machine do not add
    to it, as they add to the wall-clock time. A child over it is stopped by the kernel
    (SIGXCPU, then SIGKILL a second later), without a core file; :func:`over_cpu` tells.
    """
    if memory is None and cpu is None:
        return None

    def limit() -> None:
        if memory is not None:
            resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        if cpu is not None:
            resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
            resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))

    return limit


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
    or CPU time runs in a process of its own forked from this one (:func:`_run_forked`: the
    limits, its own memory, its exit code or signal, without starting Python and importing
    osl-plan anew). ``timeout`` bounds a process's wall-clock time (for a command that hangs;
    generous, as a loaded machine stretches it) and a command over ``cpu_limit`` seconds of CPU
    time fails the test. ``OSL_PLAN_TEST_SUBPROCESS=1`` runs every command with
    ``python -m osl_plan`` (to compare the ways).
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
    return Result(
        proc.returncode,
        proc.stdout.decode("utf-8", "replace"),
        proc.stderr.decode("utf-8", "replace"),
    )


#: The address space of a new ``python -m osl_plan`` before it runs its command (about 20 MB):
#: a forked child may grow by what such a process could grow by under the same cap.
_FRESH_ADDRESS_SPACE = 20 * 1024**2


def _run_forked(
    args: tuple[str | Path, ...],
    cwd: Path | None,
    stdin: bytes | None,
    timeout: float,
    memory_limit: int | None,
    cpu_limit: int | None,
) -> Result:
    """The command in a child process forked from this one, as :func:`_run_process` would run
    it: its own standard streams, environment, folder, signal handlers and exit code, and the
    same caps (``memory_limit`` counted from where a new process starts its command; CPU time
    from zero). The interpreter and osl-plan are already loaded: about 0.3 s of CPU time less
    for each command."""
    import select
    import tempfile

    _load_what_commands_use()
    with contextlib.ExitStack() as files:
        streams = [files.enter_context(tempfile.TemporaryFile()) for _ in range(3)]
        streams[0].write(stdin or b"")
        streams[0].seek(0)
        # The test process's objects are left out of the child's garbage collections: they
        # would copy every page of them into the child (the copy-on-write pages of a fork).
        gc.freeze()
        try:
            pid = os.fork()
            if pid == 0:  # the child never returns
                _forked_command(args, cwd, [f.fileno() for f in streams], memory_limit, cpu_limit)
        finally:
            gc.unfreeze()
        ended = os.pidfd_open(pid)
        try:
            if not select.select([ended], [], [], timeout)[0]:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                raise subprocess.TimeoutExpired(["osl-plan", *map(str, args)], timeout)
        finally:
            os.close(ended)
        code = os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
        if cpu_limit is not None and over_cpu(code):
            pytest.fail(f"osl-plan {' '.join(map(str, args))} used more than {cpu_limit} s of CPU")
        out, err = (_read_back(f) for f in streams[1:])
    return Result(code, out, err)


#: The library's modules the commands import when they run (each command's own on first use).
_COMMAND_MODULES = (
    "osl_plan.batch",
    "osl_plan.diff.compare",
    "osl_plan.diff.text_out",
    "osl_plan.documents",
    "osl_plan.importer",
    "osl_plan.lista.docx",
    "osl_plan.load",
    "osl_plan.plan_status_out",
    "osl_plan.render.docx",
    "osl_plan.render.html",
    "osl_plan.render.markdown",
    "osl_plan.report.docx",
    "osl_plan.validate",
)


@functools.cache
def _load_what_commands_use() -> None:
    """Import, once in this process, what a forked command would otherwise import in its child
    and forget with it (about 0.15 s of CPU time for each command): osl-plan is loaded, as
    :func:`_run_forked` says. Only imports: no command runs, no state is kept."""
    import importlib

    from osl_plan.cli._commands import COMMANDS

    for module in COMMANDS.values():
        importlib.import_module(f"osl_plan.cli.{module}")
    for module in _COMMAND_MODULES:
        importlib.import_module(module)


def _read_back(stream: IO[bytes]) -> str:
    stream.seek(0)
    return stream.read().decode("utf-8", "replace")


def _forked_command(
    args: tuple[str | Path, ...],
    cwd: Path | None,
    fds: list[int],
    memory_limit: int | None,
    cpu_limit: int | None,
) -> None:
    """In the forked child: what a new process would start with, the command, its exit."""
    import atexit

    code = 1
    try:
        for number, fd in enumerate(fds):
            os.dup2(fd, number)
        if memory_limit is not None:
            pages = int(Path("/proc/self/statm").read_text().split()[0])
            memory_limit += pages * os.sysconf("SC_PAGESIZE") - _FRESH_ADDRESS_SPACE
        limit = limits(memory_limit, cpu_limit)
        if limit is not None:
            limit()
        code = _command_in_child(args, cwd)
    except BaseException:  # nothing may escape into the test run's own code
        with contextlib.suppress(BaseException):
            import traceback

            traceback.print_exc()
    finally:
        with contextlib.suppress(BaseException):
            atexit._run_exitfuncs()  # the command's own (a new process would run them)
            sys.stdout.flush()
            sys.stderr.flush()
        os._exit(code)


def _command_in_child(args: tuple[str | Path, ...], cwd: Path | None) -> int:
    import atexit
    import faulthandler

    from osl_plan.cli import main

    atexit._clear()  # the test run's handlers are not the command's
    faulthandler.disable()  # pytest's, writing to the test run's stderr
    for signum, handler in _FRESH_HANDLERS.items():
        signal.signal(signum, handler)
    encoding = getattr(sys.__stdout__, "encoding", None) or "utf-8"  # as the interpreter chose
    sys.stdin = open(0, encoding=encoding, closefd=False)  # noqa: SIM115
    sys.stdout = open(1, "w", encoding=encoding, closefd=False)  # noqa: SIM115
    sys.stderr = open(2, "w", encoding=encoding, errors="backslashreplace", closefd=False)  # noqa: SIM115
    os.environ.update(CLI_ENV)
    sys.argv = [str(ROOT / "osl_plan" / "__main__.py"), *map(str, args)]
    with _fresh_process_state(cwd):
        try:
            main()
        except SystemExit as done:
            return _exit_code(done)
    raise AssertionError("osl_plan.cli.main returned without exiting")


#: The signal handlers a new Python process starts with.
_FRESH_HANDLERS: dict[int, Any] = {
    signal.SIGINT: signal.default_int_handler,
    signal.SIGTERM: signal.SIG_DFL,
    signal.SIGPIPE: signal.SIG_IGN,
    signal.SIGXFSZ: signal.SIG_IGN,
    signal.SIGXCPU: signal.SIG_DFL,
}


def _run_in_process(args: tuple[str | Path, ...], cwd: Path | None, stdin: bytes | None) -> Result:
    from typer._click import formatting
    from typer.testing import CliRunner

    from osl_plan.cli import run

    runner = CliRunner()
    with _fresh_process_state(cwd), runner.isolation(input=stdin or b"", env=CLI_ENV) as streams:
        # The runner fixes the help's width at 80; a process reads $COLUMNS.
        formatting.FORCED_WIDTH = None
        try:
            run([str(arg) for arg in args])
        except SystemExit as done:
            code = _exit_code(done)
        else:  # run() always exits
            raise AssertionError("osl_plan.cli.run returned without exiting")
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
        out, err = streams[0].getvalue(), streams[1].getvalue()
    return Result(code, out.decode("utf-8", "replace"), err.decode("utf-8", "replace"))


def _exit_code(done: SystemExit) -> int:
    if done.code is None:
        return 0
    if isinstance(done.code, int):
        return done.code
    print(done.code, file=sys.stderr)  # as the interpreter does with sys.exit("text")
    return 1


@contextlib.contextmanager
def _fresh_process_state(cwd: Path | None) -> Iterator[None]:
    """What a new ``osl-plan`` process starts without, undone afterwards."""
    from osl_plan import i18n, output

    environment = dict(os.environ)
    folder = os.getcwd()
    handlers = {signum: signal.getsignal(signum) for signum in (signal.SIGINT, signal.SIGTERM)}
    i18n.reset()
    output.forget_inputs()
    try:
        with warnings.catch_warnings():
            _python_default_warning_filters()
            if cwd is not None:
                os.chdir(cwd)
            yield
    finally:
        os.chdir(folder)
        os.environ.clear()
        os.environ.update(environment)
        for signum, handler in handlers.items():
            signal.signal(signum, handler)
        i18n.reset()
        output.forget_inputs()


def _python_default_warning_filters() -> None:
    """The warnings filters a new interpreter starts with (not the test run's)."""
    warnings.resetwarnings()
    for action, category, module in reversed(_DEFAULT_FILTERS):
        warnings.filterwarnings(action, category=category, module=module)


_DEFAULT_FILTERS: list[tuple[Any, type[Warning], str]] = [
    ("default", DeprecationWarning, "__main__"),
    ("ignore", DeprecationWarning, ""),
    ("ignore", PendingDeprecationWarning, ""),
    ("ignore", ImportWarning, ""),
    ("ignore", ResourceWarning, ""),
]


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
