"""What a keystroke costs the disk and the wire: her draft is replaced atomically but not forced to
the disk each time (a save is), it is not read back right after being written, a draft changed or
emptied outside the editor is read as it is, and every answer leaves at once (TCP_NODELAY)."""

from __future__ import annotations

import asyncio
import json
import os
import socket
from pathlib import Path

import pytest
from editor_support import client, form_values, plan_folder, post

from osl_plan.editor import store
from osl_plan.editor.server import bind

URL_PLAN = "/plan/plan_2023.yaml"


def _draft_path(folder: Path) -> Path:
    return folder / ".osl-plan" / "szkice" / "plan_2023.yaml.json"


def _keystroke(signed_in: object, values: dict[str, str], term: str) -> None:
    body = {k: values[k] for k in ("_csrf", "baza", "czesc")}
    body |= {"akcja": "sprawdz", "zadania.0.termin": term}
    answer = post(signed_in, URL_PLAN, body, Accept="application/json")  # type: ignore[arg-type]
    assert answer.status_code == 200 and answer.json()["valid"]


def test_a_keystroke_is_not_forced_to_the_disk_and_a_save_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = plan_folder(tmp_path)
    signed_in = client(folder)
    values = form_values(signed_in.get(URL_PLAN).text)
    forced: list[int] = []
    real = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (forced.append(fd), real(fd))[1])
    _keystroke(signed_in, values, "maj 2023")
    assert json.loads(_draft_path(folder).read_text("utf-8"))["text"].count("maj 2023") == 1
    assert forced == []  # the draft was replaced (atomically), not forced to the disk
    body = {**values, "zadania.0.termin": "maj 2023", "akcja": "zapisz"}
    assert post(signed_in, URL_PLAN, body).status_code == 303
    assert len(forced) >= 2  # the kept version and the plan itself
    assert "maj 2023" in (folder / "plan_2023.yaml").read_text("utf-8")


def test_a_draft_just_written_is_not_read_back_but_one_changed_outside_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = plan_folder(tmp_path)
    plan = folder / "plan_2023.yaml"
    store.keep_draft(folder, plan, "rok: 2023\n", "abc", typed=True)
    draft = _draft_path(folder)
    reads: list[Path] = []
    read_text = Path.read_text

    def counted(self: Path, *args: object, **kwargs: object) -> str:
        reads.append(self)
        return read_text(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "read_text", counted)
    assert store.open_plan(folder, plan) == store.Opened("rok: 2023\n", "abc", draft=True)
    assert draft not in reads
    other = draft.with_name("inny.json")  # another program replaces the draft
    other.write_text(json.dumps({"text": "rok: 2024\n", "base": "abc"}), encoding="utf-8")
    os.replace(other, draft)
    assert store.open_plan(folder, plan).text == "rok: 2024\n"
    assert draft in reads
    draft.unlink()
    assert store.open_plan(folder, plan).draft is False


def test_a_draft_emptied_by_a_power_cut_opens_the_file(tmp_path: Path) -> None:
    folder = plan_folder(tmp_path)
    signed_in = client(folder)
    values = form_values(signed_in.get(URL_PLAN).text)
    _keystroke(signed_in, values, "maj 2023")
    _draft_path(folder).write_bytes(b"")  # what a file system may leave after a power cut
    page = client(folder).get(URL_PLAN)
    assert page.status_code == 200
    assert form_values(page.text)["zadania.0.termin"] == values["zadania.0.termin"]


def test_every_connection_to_the_editor_sends_its_answers_at_once(tmp_path: Path) -> None:
    """uvicorn serves on the socket ``bind`` makes, through asyncio, which turns Nagle's delay
    off (TCP_NODELAY) only on the connections of a socket named TCP: otherwise an answer's body
    waits for the browser to acknowledge its head."""
    editor = bind(plan_folder(tmp_path))
    try:
        assert _nodelay_of_a_connection(editor.sock, editor.port) != 0
    finally:
        editor.close()


def _nodelay_of_a_connection(sock: socket.socket, port: int) -> int:
    async def serve_one() -> int:
        loop = asyncio.get_running_loop()
        accepted: asyncio.Future[int] = loop.create_future()

        class Probe(asyncio.Protocol):
            def connection_made(self, transport: asyncio.BaseTransport) -> None:
                conn = transport.get_extra_info("socket")
                accepted.set_result(conn.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
                transport.close()

        server = await loop.create_server(Probe, sock=sock)
        try:
            _reader, writer = await asyncio.open_connection("127.0.0.1", port)
            value = await asyncio.wait_for(accepted, timeout=10)
            writer.close()
            return value
        finally:
            server.close()

    return asyncio.run(serve_one())
