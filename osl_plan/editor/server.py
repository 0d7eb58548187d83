"""Starting the editor: a free loopback port, the secret, the browser, a clean stop on Ctrl+C."""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import socket
import threading
import webbrowser
from dataclasses import dataclass, field
from pathlib import Path

import uvicorn

from osl_plan.editor.ports import folder_port
from osl_plan.errors import OslPlanError, UsageError
from osl_plan.i18n import _
from osl_plan.output import write_atomic

HOST = "127.0.0.1"


@dataclass
class Editor:
    """A bound, not yet serving, editor for one folder."""

    folder: Path
    sock: socket.socket
    token: str
    #: Kept from the start: the server closes the socket when it stops.
    port: int = field(init=False)
    released: bool = field(init=False, default=False)

    def __post_init__(self) -> None:
        self.port = int(self.sock.getsockname()[1])

    @property
    def url(self) -> str:
        """The address with its secret, as the start command prints it."""
        return f"http://{HOST}:{self.port}/?token={self.token}"

    def serve(self, *, open_browser: bool) -> None:
        """Answer requests until Ctrl+C (uvicorn stops cleanly on SIGINT and SIGTERM)."""
        from osl_plan.editor.app import create_app

        app = create_app(self.folder, token=self.token, port=self.port)
        config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off")
        server = uvicorn.Server(config)
        if open_browser:
            threading.Thread(target=_open_when_ready, args=(server, self.url), daemon=True).start()
        try:
            server.run(sockets=[self.sock])
        except KeyboardInterrupt:
            pass  # uvicorn has shut down cleanly, then passes the signal on: stopping is normal
        finally:
            app.state.office.close()  # its LibreOffice, if a download started one
            self.close()

    def close(self) -> None:
        """Stop listening and let the folder go: another editor may open it now."""
        if self.released:
            return
        self.released = True
        self.sock.close()  # nothing happens if the server closed it already
        release(self.folder, self.port)


def bind(folder: Path, port: int = 0) -> Editor:
    """An editor for ``folder`` on a loopback port (0: the folder's own port when it is free,
    else any free one). Raises UsageError."""
    if not folder.is_dir():
        raise UsageError(_("{folder} is not a folder").format(folder=folder))
    sock = None
    if port == 0:
        with contextlib.suppress(OSError):
            sock = _listening(folder_port(folder))
    if sock is None:
        try:
            sock = _listening(port)
        except OSError as error:
            raise UsageError(
                _("cannot listen on port {port}: {reason}").format(port=port, reason=error.strerror)
            ) from None
    editor = Editor(folder, sock, secrets.token_urlsafe(24))
    try:
        claim(folder, editor.port, editor.url)
    except UsageError:
        sock.close()
        raise
    return editor


def _lock(folder: Path) -> Path:
    from osl_plan.editor.store import state_folder

    return state_folder(folder, "edytor") / "otwarty.json"


class AlreadyOpen(UsageError):
    """Another editor, still answering, has the folder open: two would overwrite each other's
    drafts without either knowing."""

    def __init__(self, url: str) -> None:
        self.url = url
        super().__init__(_("the editor of this folder is already running: {url}").format(url=url))


def claim(folder: Path, port: int, url: str) -> None:
    """Note that the editor at ``url`` (on ``port``) has ``folder`` open. Raises AlreadyOpen
    with the address of another editor that still answers for it."""
    try:
        lock = _lock(folder)
    except OSError:  # a folder she may only read: nowhere to note it
        return
    try:
        held = json.loads(lock.read_text(encoding="utf-8"))
        held_port = int(held["port"])
        held_url = str(held.get("url") or f"http://{HOST}:{held_port}/")
    except (OSError, ValueError, KeyError, TypeError):
        held_port, held_url = None, ""
    if held_port is not None and held_port != port and _answers(held_port):
        raise AlreadyOpen(held_url)
    # The address holds the secret: only she may read it, as Jupyter keeps its runtime files.
    with contextlib.suppress(OSError, OslPlanError):  # a folder she may only read is opened
        write_atomic(lock, json.dumps({"port": port, "url": url}).encode("utf-8"))
        lock.chmod(0o600)


def release(folder: Path, port: int) -> None:
    """Let the folder go, if this editor (on ``port``) still holds it."""
    with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
        lock = _lock(folder)
        if int(json.loads(lock.read_text(encoding="utf-8"))["port"]) == port:
            lock.unlink()


def _answers(port: int) -> bool:
    """Whether something listens on the loopback ``port`` (an editor left by a crash does not)."""
    try:
        with socket.create_connection((HOST, port), timeout=1):
            return True
    except OSError:
        return False


def _listening(port: int) -> socket.socket:
    # Named TCP, so that asyncio sends each answer at once (TCP_NODELAY on every connection):
    # uvicorn writes an answer's head and its body apart, and without it the body waits for the
    # browser to acknowledge the head, which it delays (40 ms on Linux, up to 200 on Windows).
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        if os.name != "nt":  # elsewhere it lets a restart take its port back at once
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((HOST, port))
        sock.listen(64)
    except OSError:
        sock.close()
        raise
    return sock


def _open_when_ready(server: object, url: str) -> None:
    for _attempt in range(100):  # at most ten seconds
        if getattr(server, "started", False):
            webbrowser.open(url)
            return
        threading.Event().wait(0.1)
