"""Starting the editor: a free loopback port, the secret, the browser, a clean stop on Ctrl+C."""

from __future__ import annotations

import secrets
import socket
import threading
import webbrowser
from dataclasses import dataclass
from pathlib import Path

import uvicorn

from osl_plan.errors import UsageError
from osl_plan.i18n import _

HOST = "127.0.0.1"


@dataclass
class Editor:
    """A bound, not yet serving, editor for one folder."""

    folder: Path
    sock: socket.socket
    token: str

    @property
    def port(self) -> int:
        return int(self.sock.getsockname()[1])

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
            self.sock.close()


def bind(folder: Path, port: int = 0) -> Editor:
    """An editor for ``folder`` on a loopback port (0: a free one). Raises UsageError."""
    if not folder.is_dir():
        raise UsageError(_("{folder} is not a folder").format(folder=folder))
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.bind((HOST, port))
    except OSError as error:
        sock.close()
        raise UsageError(
            _("cannot listen on port {port}: {reason}").format(port=port, reason=error.strerror)
        ) from None
    sock.listen(64)
    return Editor(folder, sock, secrets.token_urlsafe(24))


def _open_when_ready(server: object, url: str) -> None:
    for _attempt in range(100):  # at most ten seconds
        if getattr(server, "started", False):
            webbrowser.open(url)
            return
        threading.Event().wait(0.1)
