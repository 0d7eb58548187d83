"""The UNO side of the warm LibreOffice (:mod:`osl_plan.render.lo_warm`): a small program, not a
module of the library.

It runs under a Python that can ``import uno`` (LibreOffice's own on Windows and macOS, the
system's with python3-uno on Debian), never under osl-plan's: it imports nothing of osl_plan. It
connects to the LibreOffice that lo_warm started (listening on a named pipe only), then converts
one document per line of its standard input::

    {"source": "file:///…/in.docx", "target": "file:///…/out.pdf",
     "filter": "writer_pdf_Export", "data": {"UseTaggedPDF": true}}

and answers each with one line, ``{"ok": true}`` or ``{"ok": false, "error": "…", "dead": …}``
(``dead``: LibreOffice no longer answers; the bridge then ends). Its first
line says whether it got through (``{"ready": true}``). When its standard input ends — lo_warm
stops it, or the program that started it died however it died — it kills LibreOffice's process
group, so no LibreOffice outlives the editor, and removes the pipes a killed LibreOffice leaves
in /tmp (as :meth:`osl_plan.render.lo_profile.Profile.remove_pipes` does).

``python lo_bridge.py PIPE_NAME SOFFICE_PID SECONDS_TO_CONNECT PROFILE_URL``
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sys
import time

import uno  # type: ignore[import-not-found]  # only LibreOffice's Python has it
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]


def _props(**values: object) -> tuple[object, ...]:
    return tuple(PropertyValue(name, 0, value, 0) for name, value in values.items())


def _connect(pipe: str, seconds: float) -> object:
    """LibreOffice's desktop, once it accepts on ``pipe`` (it is still starting at first)."""
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    deadline = time.monotonic() + seconds
    while True:
        try:
            context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            break
        except Exception:  # NoConnectException while it starts; anything else ends it too
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)
    return context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)


def _convert(desktop: object, request: dict[str, object]) -> None:
    # Hidden; no macro is ever run (NEVER_EXECUTE = 0), no link updated (NO_UPDATE = 0).
    loaded = _props(Hidden=True, MacroExecutionMode=0, UpdateDocMode=0, ReadOnly=True)
    document = desktop.loadComponentFromURL(request["source"], "_blank", 0, loaded)  # type: ignore[attr-defined]
    if document is None:
        raise ValueError("LibreOffice could not open the DOCX")
    try:
        data = request.get("data") or {}
        stored: dict[str, object] = {"FilterName": request["filter"], "Overwrite": True}
        if data:  # a typed sequence, or LibreOffice does not see it (no tagged PDF)
            stored["FilterData"] = uno.Any("[]com.sun.star.beans.PropertyValue", _props(**data))  # type: ignore[arg-type]
        uno.invoke(document, "storeToURL", (request["target"], _props(**stored)))
    finally:
        document.close(True)


def _answers(desktop: object) -> bool:
    """Whether LibreOffice still answers over the bridge."""
    try:
        desktop.getFrames()  # type: ignore[attr-defined]
    except Exception:
        return False
    return True


def _stop_office(pid: int, desktop: object, pipes: list[str]) -> None:
    """LibreOffice and whatever it started: its own process group (lo_warm made it one), and
    the ``pipes`` it leaves."""
    try:
        if hasattr(os, "killpg"):
            os.killpg(pid, signal.SIGKILL)
            _remove(pipes)
            return
    except OSError:
        return  # already gone
    # Windows: no process groups. LibreOffice is asked to quit (a hung one does not answer: the
    # wait is bounded), then its launcher is stopped.
    if desktop is not None:
        import threading

        asking = threading.Thread(target=_terminate, args=(desktop,), daemon=True)
        asking.start()
        asking.join(5)
    with contextlib.suppress(OSError):  # already gone
        os.kill(pid, signal.SIGTERM)


def _pipes(accepting: str, profile_url: str) -> list[str]:
    """The files of LibreOffice's pipes in /tmp: the one it accepts on, and the one for its
    profile (``SingleOfficeIPC_`` and the MD5 of the profile's URL as UTF-16, each byte in hex
    without a leading zero). Windows: pipes are not files."""
    import hashlib

    getuid = getattr(os, "getuid", None)
    if getuid is None:  # pragma: no cover - Windows
        return []
    digest = hashlib.md5(profile_url.encode("utf-16-le")).digest()  # a name, not a secret
    own = "SingleOfficeIPC_" + "".join(f"{byte:x}" for byte in digest)
    return [f"{folder}/OSL_PIPE_{getuid()}_{name}" for folder in ("/tmp", "/var/tmp")
            for name in (accepting, own)]  # fmt: skip


def _remove(pipes: list[str]) -> None:
    import stat

    for pipe in pipes:
        with contextlib.suppress(OSError):
            if stat.S_ISSOCK(os.lstat(pipe).st_mode):
                os.unlink(pipe)


def _terminate(desktop: object) -> None:
    with contextlib.suppress(Exception):  # gone already, or it refuses: stopped by its id next
        desktop.terminate()  # type: ignore[attr-defined]


def _answer(message: dict[str, object]) -> None:
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def main() -> None:
    pipe, pid, seconds = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
    pipes = _pipes(pipe, sys.argv[4])
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the editor's to handle: it stops us
    desktop = None
    try:
        try:
            desktop = _connect(pipe, seconds)
        except Exception as error:
            _answer({"ready": False, "error": str(error) or type(error).__name__})
            return
        _answer({"ready": True})
        for line in sys.stdin:
            try:
                _convert(desktop, json.loads(line))
            except Exception as error:
                dead = not _answers(desktop)
                _answer({"ok": False, "error": str(error) or type(error).__name__, "dead": dead})
                if dead:  # LibreOffice crashed or was killed: lo_warm starts a new one
                    return
            else:
                _answer({"ok": True})
    finally:
        _stop_office(pid, desktop, pipes)


if __name__ == "__main__":
    main()
