"""Shared by the editor's tests: the app over a temporary folder, its forms, a real server."""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip(
    "starlette", reason="the editor's extra is not installed: pip install -e '.[dev]'"
)

from lxml import html as lxml_html
from starlette.testclient import TestClient

from osl_plan.editor.app import create_app
from osl_plan.load import loads
from osl_plan.model import Plan

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
HOST = "testserver"
ORIGIN = f"http://{HOST}"
TOKEN = "test-secret-token"


def plan_on_disk(path: Path) -> Plan:
    """The plan a file holds now, read as the editor reads it (``load`` would mark the file as an
    input of this process, which the editor running here could then not save)."""
    return loads(path.read_bytes(), path.name, base_dir=path.parent).plan


def plan_folder(
    tmp_path: Path, example: str = "plan_2023.yaml", name: str = "plan_2023.yaml"
) -> Path:
    """A folder holding one copy of an example plan."""
    folder = tmp_path / "plany"
    folder.mkdir(parents=True)
    shutil.copy(EXAMPLES / example, folder / name)
    return folder


def client(folder: Path, *, login: bool = True) -> TestClient:
    """A client of the editor for ``folder``; logged in with the secret unless told not to."""
    app = create_app(folder, token=TOKEN, port=1, hosts=frozenset({HOST}))
    test_client = TestClient(app, base_url=ORIGIN, follow_redirects=False)
    if login:
        answer = test_client.get(f"/?token={TOKEN}")
        assert answer.status_code == 303
    return test_client


def form_values(page: str, form_id: str = "plan-form") -> dict[str, str]:
    """Every value the browser would post from the form (text, textareas, selected options)."""
    tree = lxml_html.fromstring(page)
    [form] = tree.xpath(f'//form[@id="{form_id}"]') if form_id else tree.xpath("//form")[:1]
    values: dict[str, str] = {}
    for element in form.iter("input", "textarea", "select"):  # lxml's walk: one pass, in order
        name = element.get("name")
        if name is None:
            continue
        if element.tag == "textarea":
            values[name] = element.text or ""
        elif element.tag == "select":
            options = list(element.iter("option"))
            chosen = [o for o in options if o.get("selected") is not None] or options[:1]
            values[name] = chosen[0].get("value", chosen[0].text or "") if chosen else ""
        elif element.get("type") not in {"radio", "checkbox"} or element.get("checked") is not None:
            values[name] = element.get("value", "")
    return values


def post(test_client: TestClient, url: str, data: dict[str, str], **headers: str) -> Any:
    """A POST as the editor's own page sends it (its Origin)."""
    return test_client.post(url, data=data, headers={"Origin": ORIGIN, **headers})


@contextmanager
def running_editor(folder: Path) -> Iterator[tuple[str, str]]:
    """A real editor on a loopback port: (its address with the secret, its base address)."""
    import uvicorn

    from osl_plan.editor.server import bind

    editor = bind(folder)
    app = create_app(folder, token=editor.token, port=editor.port)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [editor.sock]}, daemon=True)
    thread.start()
    for _attempt in range(200):  # at most ten seconds
        if server.started:
            break
        time.sleep(0.05)
    try:
        yield editor.url, f"http://127.0.0.1:{editor.port}"
    finally:
        server.should_exit = True
        thread.join(10)
        app.state.office.close()  # as the editor's own stop does
        editor.close()
