"""The editor's round trip: one edited term, and the one answer holding the live check and the
refreshed preview, against validating and rendering HTML for the same text in-process
(``python bench/run.py``)."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import generate

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "plan_2023.yaml"


def _form_values(page: str) -> dict[str, str]:
    from lxml import html

    [form] = html.fromstring(page).xpath('//form[@id="plan-form"]')
    values: dict[str, str] = {}
    for element in form.xpath(".//input[@name] | .//textarea[@name] | .//select[@name]"):
        if element.tag == "select":
            chosen = element.xpath(".//option[@selected]") or element.xpath(".//option")[:1]
            values[element.get("name")] = chosen[0].get("value", "") if chosen else ""
        else:
            values[element.get("name")] = (
                element.text or "" if element.tag == "textarea" else (element.get("value", ""))
            )
    return values


@dataclass
class Measured:
    """Seconds (wall clock) and CPU seconds of this process (all its threads), run by run."""

    seconds: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)


#: What is typed, in turns: a term (one line of the file, patched in place), or the addressees
#: as a list (a block of lines, patched in place).
EDITS = {
    "term": ("zadania.0.termin", ("marzec – czerwiec", "kwiecień – lipiec")),
    "list": ("zadania.0.adresaci", ("Mieszkańcy\nSołtysi", "Mieszkańcy\nSeniorzy")),
}


def round_trips(
    work: Path, n: int, runs: int, edit: str = "term", *, via: str = "server"
) -> tuple[Measured, Measured]:
    """The editor's round trip and the in-process reference, run by run in turns.

    ``via="server"`` (the measure): what the browser waits for. The editor is served as
    ``osl-plan edytor`` serves it (uvicorn on 127.0.0.1, its h11 parser and asyncio loop), in a
    thread of this process; the requests go over one keep-alive ``http.client`` connection on
    loopback, as the page's script sends them over the browser's kept connection. A request's
    time runs from sending it to having read the whole answer. The server is stopped at the end.

    ``via="testclient"``: through Starlette's TestClient instead, which hops into a thread of
    its own (an anyio portal) and through httpx for each request: an overhead of a few
    milliseconds the browser does not have; kept to compare the two.

    CPU time is this process's (server and client are threads of it): other work on the machine
    does not add to it."""
    folder = work / f"edytor_{n}_{edit}_{via}"
    folder.mkdir()
    (folder / "plan.yaml").write_text(generate.plan_yaml(n), encoding="utf-8")
    name, typed = EDITS[edit]
    if via == "testclient":
        with _TestClientBrowser(folder) as browser:
            return _round_trips(browser, folder, runs, name, typed)
    with _Browser(folder) as browser:
        return _round_trips(browser, folder, runs, name, typed)


class _Browser:
    """The editor served on a loopback port by uvicorn in a thread, and one kept connection."""

    def __init__(self, folder: Path) -> None:
        import http.client
        import threading

        import uvicorn

        from osl_plan.editor.app import create_app
        from osl_plan.editor.server import bind

        self.editor = bind(folder)  # the socket `osl-plan edytor` listens on
        self.sock = self.editor.sock
        port = self.editor.port
        self.app = create_app(folder, token=self.editor.token, port=port)
        config = uvicorn.Config(
            self.app, log_level="warning", access_log=False, lifespan="off", timeout_keep_alive=600
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(
            target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True
        )
        self.origin = f"http://127.0.0.1:{port}"
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.cookie = ""

    def __enter__(self) -> _Browser:
        import socket

        self.thread.start()
        for _ in range(500):  # bounded: at most 5 s for the server to start
            if self.server.started:
                break
            time.sleep(0.01)
        else:
            raise RuntimeError("the editor did not start")
        self.connection.connect()
        # As a browser's connection: without it, http.client's headers and body go out as two
        # segments and the second waits for the server's delayed acknowledgement (40 ms).
        assert self.connection.sock is not None
        self.connection.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        answer = self.request("GET", f"/?token={self.editor.token}")
        self.cookie = answer.cookie
        return self

    def __exit__(self, *exc: object) -> None:
        self.connection.close()
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.editor.close()
        self.app.state.office.close()

    def request(self, method: str, path: str, form: dict[str, str] | None = None) -> _Answer:
        from urllib.parse import urlencode

        headers = {"Origin": self.origin, "Cookie": self.cookie, "Accept": "application/json"}
        body = None
        if form is not None:
            body = urlencode(form).encode("utf-8")
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        self.connection.request(method, path, body=body, headers=headers)
        answer = self.connection.getresponse()
        data = answer.read()
        cookie = (answer.getheader("set-cookie") or "").split(";")[0]
        return _Answer(answer.status, data.decode("utf-8"), cookie)


class _TestClientBrowser:
    """The same requests through Starlette's TestClient (one event loop for all of them)."""

    def __init__(self, folder: Path) -> None:
        from starlette.testclient import TestClient

        from osl_plan.editor.app import create_app

        app = create_app(folder, token="bench", port=1, hosts=frozenset({"testserver"}))
        self.client = TestClient(app, base_url="http://testserver", follow_redirects=False)

    def __enter__(self) -> _TestClientBrowser:
        self.client.__enter__()
        self.client.get("/?token=bench")
        return self

    def __exit__(self, *exc: object) -> None:
        self.client.__exit__(None, None, None)

    def request(self, method: str, path: str, form: dict[str, str] | None = None) -> _Answer:
        headers = {"Origin": "http://testserver", "Accept": "application/json"}
        answer = self.client.request(method, path, data=form, headers=headers)
        return _Answer(answer.status_code, answer.text, "")


@dataclass
class _Answer:
    status: int
    text: str
    cookie: str


def _round_trips(
    browser: Any, folder: Path, runs: int, name: str, typed: tuple[str, str]
) -> tuple[Measured, Measured]:
    from osl_plan.load import loads
    from osl_plan.render import render

    values = _form_values(browser.request("GET", "/plan/plan.yaml").text)
    # What the page's script posts: the form's hidden fields and the one field she changed.
    hidden = {k: values[k] for k in ("_csrf", "baza", "czesc")}
    ours, reference = Measured(), Measured()
    for run in range(runs + 1):  # the first run warms both up and is not counted
        value = typed[run % 2]
        form = {**hidden, "akcja": "sprawdz", name: value}
        start, cpu = time.perf_counter(), time.process_time()
        answer = browser.request("POST", "/plan/plan.yaml", form)
        took, took_cpu = time.perf_counter() - start, time.process_time() - cpu
        assert answer.status == 200, answer.text[:300]
        live = json.loads(answer.text)
        assert live["valid"] and "<table" in live["preview"], "the answer holds the preview"
        text = (folder / ".osl-plan" / "szkice" / "plan.yaml.json").read_text(encoding="utf-8")
        draft = json.loads(text)["text"]
        assert value.split("\n")[-1] in draft, "the draft kept"
        start, cpu = time.perf_counter(), time.process_time()
        render(loads(draft, "plan.yaml", base_dir=folder).plan, "html")
        ref, ref_cpu = time.perf_counter() - start, time.process_time() - cpu
        if run:
            ours.seconds.append(took)
            ours.cpu.append(took_cpu)
            reference.seconds.append(ref)
            reference.cpu.append(ref_cpu)
    return ours, reference


def pdf_downloads(
    work: Path, cold: list[str], env: dict[str, str], runs: int
) -> tuple[list[float], list[float]]:
    """Seconds of the editor's PDF download (its LibreOffice kept running) and of ``cold`` (a
    fresh ``osl-plan render -f pdf`` of the same plan, in ``env``), run by run in turns."""
    import shutil
    import subprocess

    from starlette.testclient import TestClient

    from osl_plan.editor.app import create_app

    folder = work / "edytor_pdf"
    folder.mkdir()
    shutil.copy(EXAMPLE, folder / "plan_2023.yaml")
    app = create_app(folder, token="bench", port=1, hosts=frozenset({"testserver"}))
    client = TestClient(app, base_url="http://testserver")
    client.get("/?token=bench")
    ours, reference = [], []
    try:
        for run in range(runs + 1):  # the first run starts the editor's LibreOffice: not counted
            start = time.perf_counter()
            answer = client.get("/plan/plan_2023.yaml/pobierz/pdf")
            took = time.perf_counter() - start
            assert answer.status_code == 200 and answer.content.startswith(b"%PDF")
            start = time.perf_counter()
            subprocess.run(cold, check=True, capture_output=True, env=env)
            ref = time.perf_counter() - start
            if run:
                ours.append(took)
                reference.append(ref)
    finally:
        app.state.office.close()
    return ours, reference
