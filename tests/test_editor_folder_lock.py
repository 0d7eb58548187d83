"""Two editors on one folder do not silently fight: while the first answers, a second is not
started (the command opens the first instead), and the folder keeps its own port, so the browser
finds what it kept for it again."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

pytest.importorskip(
    "uvicorn", reason="the editor's extra is not installed: pip install -e '.[dev]'"
)

from editor_support import plan_folder

from osl_plan.editor.ports import folder_port
from osl_plan.editor.server import AlreadyOpen, bind
from osl_plan.errors import UsageError


def test_no_second_editor_on_the_same_folder_while_the_first_answers(
    tmp_path: Path,
) -> None:
    folder = plan_folder(tmp_path)
    first = bind(folder)
    try:
        with pytest.raises(AlreadyOpen) as refused:
            bind(folder)
        assert refused.value.url == first.url  # the address with its secret, to open it again
        lock = folder / ".osl-plan" / "edytor" / "otwarty.json"
        assert lock.stat().st_mode & 0o077 == 0  # only she may read the secret
        other = bind(plan_folder(tmp_path / "inny"))  # another folder: no quarrel
        other.close()
    finally:
        first.close()
    again = bind(folder)
    again.close()


def test_the_folder_keeps_its_port_and_a_crashed_editor_does_not_hold_it(tmp_path: Path) -> None:
    folder = plan_folder(tmp_path)
    first = bind(folder)
    port = first.port
    first.sock.close()  # a crash: the note stays, nothing answers
    assert port == folder_port(folder) or not _free(folder_port(folder))
    second = bind(folder)
    try:
        assert second.port == port
    finally:
        second.close()
    assert not (folder / ".osl-plan" / "edytor" / "otwarty.json").exists()


def test_the_port_asked_for_is_taken_as_before(tmp_path: Path) -> None:
    folder = plan_folder(tmp_path)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        free = probe.getsockname()[1]
    editor = bind(folder, free)
    try:
        assert editor.port == free
    finally:
        editor.close()
    with pytest.raises(UsageError):
        bind(tmp_path / "brak")


def _free(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True
