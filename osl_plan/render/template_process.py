"""User templates render in a child process bounded in memory and processor time.

The sandbox (:mod:`osl_plan.render.template_limits`) stops a template's code and counts its
steps and sizes, but one call can still build a gigabyte before a size is checked, or crash the
interpreter (a tuple nested half a million deep). A template from ``--template-dir`` therefore
renders in a forked child whose address space may grow by at most :data:`TEMPLATE_MEMORY` and
which may use :data:`TEMPLATE_CPU_SECONDS` of processor time; whatever stops it becomes a message
naming the template, and osl-plan itself goes on. osl-plan's own templates render in-process.
Where there is no ``fork`` (Windows), the counted limits alone apply.
"""

from __future__ import annotations

import os
import pickle
import signal
from collections.abc import Callable

from osl_plan.errors import TemplateFailed
from osl_plan.i18n import _, number

#: Address space a user template's render may add to what osl-plan already uses.
TEMPLATE_MEMORY = 512 * 1024 * 1024
#: Processor time a user template's render may take.
TEMPLATE_CPU_SECONDS = 30


def render_bounded(render: Callable[[], str], name: str) -> str:
    """``render()`` in a bounded child process. Raises TemplateFailed."""
    if not hasattr(os, "fork"):  # pragma: no cover - Windows
        return render()
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: render, send the outcome, and leave without any clean-up
        os.close(read_end)
        _child(render, write_end)
    os.close(write_end)
    try:
        with os.fdopen(read_end, "rb") as stream:
            data = stream.read()
        _, status = os.waitpid(pid, 0)
    except BaseException:  # interrupted: the child goes too
        _stop(pid)
        raise
    return _outcome(data, status, name)


def _child(render: Callable[[], str], write_end: int) -> None:
    from osl_plan import output

    code = 0
    try:
        _limit()
        before = set(output._read)
        try:
            result: tuple[str, str] = ("text", render())
        except TemplateFailed as error:
            result = ("error", str(error))
        except MemoryError:
            result = ("memory", "")
        payload = pickle.dumps((*result, output._read - before))
        with os.fdopen(write_end, "wb") as stream:
            stream.write(payload)
    except BaseException:  # nothing may escape a forked child
        code = 1
    finally:
        os._exit(code)


def _limit() -> None:
    import resource

    used = _address_space()
    if used is not None:
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        wanted = used + TEMPLATE_MEMORY
        if soft != resource.RLIM_INFINITY:
            wanted = min(wanted, soft)
        resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))
    spent = int(sum(os.times()[:2]))
    soft, hard = resource.getrlimit(resource.RLIMIT_CPU)
    wanted = spent + TEMPLATE_CPU_SECONDS
    if soft != resource.RLIM_INFINITY:
        wanted = min(wanted, soft)
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    resource.setrlimit(resource.RLIMIT_CPU, (wanted, hard))


def _address_space() -> int | None:
    """This process's address space in bytes (Linux), else None."""
    try:
        with open("/proc/self/statm", encoding="ascii") as stream:
            pages = int(stream.read().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    return pages * os.sysconf("SC_PAGE_SIZE")


def _stop(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except (ProcessLookupError, ChildProcessError):
        pass


def _outcome(data: bytes, status: int, name: str) -> str:
    from osl_plan import output

    if os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0 and data:
        kind, text, read = pickle.loads(data)  # our own child's answer
        output._read.update(read)
        if kind == "text":
            return str(text)
        if kind == "error":
            raise TemplateFailed(text)
        raise TemplateFailed(_memory_message(name))
    if os.WIFSIGNALED(status) and os.WTERMSIG(status) in (signal.SIGXCPU, signal.SIGKILL):
        raise TemplateFailed(
            _(
                "{template}: the template takes more than {seconds} s of processor time — "
                "check its loops and the sizes it builds"
            ).format(template=name, seconds=TEMPLATE_CPU_SECONDS)
        )
    if os.WIFSIGNALED(status) and os.WTERMSIG(status) in (signal.SIGSEGV, signal.SIGABRT):
        raise TemplateFailed(
            _(
                "{template}: the template stopped the renderer (nested too deeply or a value "
                "too large) — simplify what it builds"
            ).format(template=name)
        )
    raise TemplateFailed(_memory_message(name))


def _memory_message(name: str) -> str:
    return _(
        "{template}: the template needs more than {size} MB of memory — check the sizes it "
        "builds (repetition, joining, padding)"
    ).format(template=name, size=number(TEMPLATE_MEMORY // 2**20))
