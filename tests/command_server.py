"""Capped commands, each in a child process forked from a small server of its own.

A command capped in memory or CPU time (the hostile suite's) runs in a process of its own, as a
user's command would: the caps, its own memory, its exit code or signal. Starting Python and
importing osl-plan for each costs about 0.3 s of CPU time; forking the test process itself costs
about 40 ms, as the child copies each page of the test process's few hundred MB it writes to (the
reference counts of the objects it uses, the holes it allocates into). So each test process
starts one server (``python tests/command_server.py``) that imports what the commands use and
nothing else, and forks every capped command from it: a few milliseconds each.

The test process sends the command, its folder, its environment, its caps and its three standard
streams (file descriptors) over a socket; the server forks, answers with the child's process id,
and once the child ends, with its wait status. The test process waits on the child itself (a
pidfd, opened before the server may reap the child: a reaped child's id may be another process's)
and kills it at the deadline.

The child starts as a new process would: its own standard streams (in the encoding
``$PYTHONIOENCODING`` names, as the interpreter reads it), environment, folder, language,
warnings filters, signal handlers and temporary folder (``$TMPDIR``); the memory cap is counted
from where a new process starts its command, CPU time from zero.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import resource
import select
import signal
import socket
import struct
import subprocess
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

#: What every run of the CLI sees, in-process or not: no colour, a fixed terminal width.
CLI_ENV = {"NO_COLOR": "1", "COLUMNS": "100"}

#: The address space of a new ``python -m osl_plan`` before it runs its command (about 20 MB):
#: a forked child may grow by what such a process could grow by under the same cap.
_FRESH_ADDRESS_SPACE = 20 * 1024**2

#: Libraries the commands import on first use, beside osl-plan's own modules: loaded once in the
#: server, not again in each child. (Not matplotlib: a command that draws finds its cache folder
#: for it before importing it, and a test checks that.)
_LIBRARIES = (
    "docx",
    "typer._adapters",  # how typer checks and converts an option's value
    "typer._click.decorators",  # the help option
    "typer._click._textwrap",
    "jinja2.sandbox",  # the Markdown and HTML templates
    "encodings.cp437",  # the names in a ZIP archive (a DOCX)
)
#: osl-plan's modules a command never imports: its development tools, its ``python -m`` entry,
#: and the script LibreOffice's own Python runs.
_NOT_COMMANDS = ("osl_plan.devtools", "osl_plan.__main__", "osl_plan.render.lo_bridge")
#: Nor the editor (~75 ms of every server's start): no capped command starts it; one that did
#: would import it on first use, as a new process does.
_NOT_CAPPED = ("osl_plan.editor",)

#: The signal handlers a new Python process starts with.
_FRESH_HANDLERS: dict[int, Any] = {
    signal.SIGINT: signal.default_int_handler,
    signal.SIGTERM: signal.SIG_DFL,
    signal.SIGPIPE: signal.SIG_IGN,
    signal.SIGXFSZ: signal.SIG_IGN,
    signal.SIGXCPU: signal.SIG_DFL,
}

#: The warnings filters a new interpreter starts with.
_DEFAULT_FILTERS: list[tuple[Any, type[Warning], str]] = [
    ("default", DeprecationWarning, "__main__"),
    ("ignore", DeprecationWarning, ""),
    ("ignore", PendingDeprecationWarning, ""),
    ("ignore", ImportWarning, ""),
    ("ignore", ResourceWarning, ""),
]

_STATUS = struct.Struct("=i")
#: The test process's answer to a child's id: it holds the child (a pidfd), which may be reaped.
_OPENED = b"o"


# --- what a new process starts with --------------------------------------------------------------


@contextlib.contextmanager
def fresh_process_state(cwd: Path | None) -> Iterator[None]:
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


def exit_code(done: SystemExit) -> int:
    """The exit code the interpreter gives for ``done``."""
    if done.code is None:
        return 0
    if isinstance(done.code, int):
        return done.code
    print(done.code, file=sys.stderr)  # as the interpreter does with sys.exit("text")
    return 1


def limit(memory: int | None, cpu: int | None) -> None:
    """Cap this process's address space (bytes) and CPU time (seconds), without a core file.
    (Also a ``preexec_fn``: it imports nothing.)"""
    if memory is not None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    if cpu is not None:
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))


# --- the test process's side ---------------------------------------------------------------------


class CommandServer:
    """The server of one test process, started on its first command and ended with it."""

    def __init__(self) -> None:
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        with theirs:
            self._process = subprocess.Popen(
                [sys.executable, __file__, str(theirs.fileno())],
                pass_fds=[theirs.fileno()],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,  # a test process's may be its channel to pytest
                env={**os.environ, **CLI_ENV},
            )
        self._socket = ours
        self._read(_STATUS.size)  # ready: the commands' modules are loaded

    def alive(self) -> bool:
        return self._process.poll() is None

    def run(
        self,
        args: tuple[str, ...],
        cwd: Path | None,
        streams: list[int],
        memory_limit: int | None,
        cpu_limit: int | None,
        timeout: float,
    ) -> int | None:
        """Run ``osl-plan *args`` with ``streams`` as its stdin, stdout and stderr; its exit code
        (a negative one for a signal), or None if it was still running after ``timeout`` seconds
        (it is then killed)."""
        request = (args, str(cwd or os.getcwd()), dict(os.environ), memory_limit, cpu_limit)
        try:
            socket.send_fds(self._socket, [pickle.dumps(request)], streams)
            (pid,) = _STATUS.unpack(self._read(_STATUS.size))
            child = os.pidfd_open(pid)  # the server reaps the child only once it has this answer:
            self._socket.send(_OPENED)  # till then its id is the child's, even if it has ended
            try:
                ended = bool(select.select([child], [], [], timeout)[0])
                if not ended:
                    signal.pidfd_send_signal(child, signal.SIGKILL)
            finally:
                os.close(child)
            (status,) = _STATUS.unpack(self._read(_STATUS.size))
        except BaseException:  # the exchange stopped half-way: the next command gets a new server
            self._process.kill()
            self.close()
            raise
        return os.waitstatus_to_exitcode(status) if ended else None

    def close(self) -> None:
        self._socket.close()  # the server ends when it reads the end of its socket
        self._process.wait()

    def _read(self, size: int) -> bytes:
        data = self._socket.recv(size)
        if len(data) != size:
            raise RuntimeError("the command server ended unexpectedly")
        return data


# --- the server's side ---------------------------------------------------------------------------


def serve(connection: socket.socket) -> None:
    """Load what the commands use, then fork a child for each request until the socket ends."""
    import importlib
    import pkgutil

    import osl_plan

    for module in pkgutil.walk_packages(osl_plan.__path__, "osl_plan."):
        if not module.name.startswith(_NOT_COMMANDS + _NOT_CAPPED):
            importlib.import_module(module.name)
    for name in _LIBRARIES:
        importlib.import_module(name)
    from osl_plan.cli import _command

    _ready_parameters(_command())  # the click command of every command, built once
    gc.collect()
    gc.freeze()  # the children's collections leave the server's objects (and their pages) alone
    connection.send(_STATUS.pack(0))
    while True:
        try:
            message, fds, _flags, _address = socket.recv_fds(connection, 1 << 20, 3)
        except ConnectionResetError:
            return
        if not message:
            return
        pid = os.fork()
        if pid == 0:  # the child never returns
            connection.close()
            _child(pickle.loads(message), fds)
        for fd in fds:
            os.close(fd)
        connection.send(_STATUS.pack(pid))
        try:
            opened = connection.recv(len(_OPENED))
        except OSError:
            opened = b""
        if opened != _OPENED:  # the test process is gone
            os.waitpid(pid, 0)
            return
        _, status = os.waitpid(pid, 0)
        connection.send(_STATUS.pack(status))


def _ready_parameters(command: Any) -> None:
    """Build what typer builds for each option of each command on its first use (how the value
    is checked and converted): once here, not in every child."""
    for parameter in command.params:
        ready = getattr(parameter, "get_runtime_param", None)
        if ready is not None:
            ready()
    for sub in getattr(command, "commands", {}).values():
        _ready_parameters(sub)


def _child(request: tuple[Any, ...], fds: list[int]) -> None:
    """In the forked child: what a new process would start with, the command, its exit."""
    import atexit
    import tempfile

    args, cwd, environment, memory_limit, cpu_limit = request
    code = 1
    try:
        for number, fd in enumerate(fds):
            os.dup2(fd, number)
            os.close(fd)
        os.environ.clear()
        os.environ.update(environment)
        os.environ.update(CLI_ENV)
        tempfile.tempdir = None  # read again from $TMPDIR, as a new process would
        if memory_limit is not None:
            pages = int(Path("/proc/self/statm").read_text().split()[0])
            memory_limit += pages * os.sysconf("SC_PAGESIZE") - _FRESH_ADDRESS_SPACE
        limit(memory_limit, cpu_limit)
        code = _command(args, Path(cwd))
    except BaseException:  # nothing may escape into the server's loop
        with contextlib.suppress(BaseException):
            import traceback

            traceback.print_exc()
    finally:
        with contextlib.suppress(BaseException):
            atexit._run_exitfuncs()  # the command's own (a new process would run them)
            sys.stdout.flush()
            sys.stderr.flush()
        os._exit(code)


def _command(args: tuple[str, ...], cwd: Path) -> int:
    from osl_plan.cli import main

    for signum, handler in _FRESH_HANDLERS.items():
        signal.signal(signum, handler)
    encoding, errors = _stream_encoding()
    sys.stdin = open(0, encoding=encoding, errors=errors, closefd=False)  # noqa: SIM115
    sys.stdout = open(1, "w", encoding=encoding, errors=errors, closefd=False)  # noqa: SIM115
    sys.stderr = open(2, "w", encoding=encoding, errors="backslashreplace", closefd=False)  # noqa: SIM115
    sys.argv = [str(ROOT / "osl_plan" / "__main__.py"), *args]
    with fresh_process_state(cwd):
        try:
            main()
        except SystemExit as done:
            return exit_code(done)
    raise AssertionError("osl_plan.cli.main returned without exiting")


def _stream_encoding() -> tuple[str, str]:
    """The encoding and error handler a new interpreter gives standard input and output (standard
    error: the same encoding, always with ``backslashreplace``): ``$PYTHONIOENCODING``'s
    (``encoding:errors``, either part optional), else what the server's interpreter chose."""
    encoding, _, errors = os.environ.get("PYTHONIOENCODING", "").partition(":")
    chosen = sys.__stdout__
    return (
        encoding or getattr(chosen, "encoding", None) or "utf-8",
        errors or getattr(chosen, "errors", None) or "strict",
    )


if __name__ == "__main__":
    serve(socket.socket(fileno=int(sys.argv[1])))
