"""One keystroke of the editor: one request answers the check and the preview, the form is not
walked again, and a ten times longer plan costs about ten times as much, not a hundred times.

The cost is counted (every Python function and built-in called while the editor answers, through
``sys.setprofile``), never timed: the same request gives the same count on a busy machine. The
editor runs in this thread (its ASGI application called directly), so the count sees it all.
"""

from __future__ import annotations

import asyncio
import json
import re
import sys
from pathlib import Path
from types import FrameType
from typing import Any
from urllib.parse import urlencode

import pytest
from editor_support import HOST, ORIGIN, TOKEN, client, form_values, plan_folder, post

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import generate

from osl_plan.editor import view
from osl_plan.editor.app import create_app

URL = "/plan/plan_2023.yaml"
#: A plan ten times longer may cost at most this many times the calls (linear work: at most 10,
#: less with the fixed costs; work growing with the square of the plan: about 100).
CALL_BOUND = 10.0


def _hidden(values: dict[str, str]) -> dict[str, str]:
    """What the page's script posts besides the fields she changed."""
    return {name: values[name] for name in ("_csrf", "baza", "czesc")}


def _live(signed_in: Any, values: dict[str, str], changed: dict[str, str]) -> Any:
    """A keystroke's request as the page's script sends it: only the changed fields."""
    body = {**_hidden(values), "akcja": "sprawdz", **changed}
    return post(signed_in, URL, body, Accept="application/json")


def test_one_answer_holds_the_check_and_the_preview(tmp_path: Path) -> None:
    signed_in = client(plan_folder(tmp_path))
    values = form_values(signed_in.get(URL).text)
    changed = {"zadania.0.zadanie": "Kawiarenka sąsiedzka dla seniorów"}
    answer = _live(signed_in, values, {**changed, "zadania.1.termin": "trzynasty"})
    assert answer.status_code == 200
    live = answer.json()
    assert list(live["fields"]) == ["f-zadania-1-termin"]  # the check, by field …
    assert live["valid"] is False
    assert "Kawiarenka" not in live["preview"]  # … and the preview says what stops it
    assert "Task 2 › Term: „trzynasty”" in live["preview"]
    live = _live(signed_in, values, {**changed, "zadania.1.termin": "maj 2023"}).json()
    assert live["fields"] == {} and live["valid"] is True
    assert "Kawiarenka sąsiedzka dla seniorów" in live["preview"]
    assert re.search(r"<table[^>]*class=\"tasks\"", live["preview"])
    # Only the terms she changed come back: the others on the page stay as they are.
    assert live["terms"] == {"f-zadania-1-termin": "= Maj 2023"}
    page = signed_in.get(URL).text  # what she typed is her draft: the page shows it
    assert form_values(page)["zadania.0.zadanie"] == "Kawiarenka sąsiedzka dla seniorów"


def test_a_new_year_changes_the_meaning_of_every_term(tmp_path: Path) -> None:
    signed_in = client(plan_folder(tmp_path))
    values = form_values(signed_in.get(URL).text)
    body = {**_hidden(values), "akcja": "sprawdz", "zadania.3.termin": "maj"}
    live = post(signed_in, URL, body, Accept="application/json").json()
    assert live["terms"] == {"f-zadania-3-termin": "= Maj 2023"}
    body = {**_hidden(values), "akcja": "sprawdz", "rok": "2024"}
    live = post(signed_in, URL, body, Accept="application/json").json()
    assert len(live["terms"]) == len([name for name in values if name.endswith(".termin")])
    assert live["terms"]["f-zadania-3-termin"] == "= Maj 2024"


def test_the_form_is_walked_once_per_document_not_per_keystroke(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    walked: list[int] = []
    build = view.build

    def counted(parts: list[view.Group], problems: list[Any]) -> view.PlanView:
        walked.append(len(parts))
        return build(parts, problems)

    monkeypatch.setattr(view, "build", counted)
    signed_in = client(plan_folder(tmp_path))
    values = form_values(signed_in.get(URL).text)
    assert len(walked) == 1  # the page itself
    for term in ("marzec 2023", "kwiecień 2023", "maj 2023"):
        body = {**_hidden(values), "akcja": "sprawdz", "zadania.0.termin": term}
        assert post(signed_in, URL, body, Accept="application/json").json()["valid"]
    assert len(walked) == 1  # three keystrokes: the form was not built again
    added = post(signed_in, URL, {**values, "akcja": "dodaj:zadania"})
    assert added.status_code == 303
    body = {**_hidden(values), "akcja": "sprawdz", "zadania.0.termin": "czerwiec 2023"}
    live = post(signed_in, URL, body, Accept="application/json").json()
    assert len(walked) == 2  # a task was added: its layout is read once
    assert "f-zadania-18" in live["list"]  # the new task's empty fields, placed by the layout


def _keystroke_calls(folder: Path, term: str) -> int:
    """The calls one keystroke's request costs the editor (after one that warms it up)."""
    app = create_app(folder, token=TOKEN, port=1, hosts=frozenset({HOST}))
    page = asyncio.run(_call(app, "GET", URL))
    hidden = _hidden(form_values(page))
    asyncio.run(_call(app, "POST", URL, {**hidden, "akcja": "sprawdz", "zadania.0.termin": "maj"}))
    count = 0

    def hook(frame: FrameType, event: str, arg: object) -> None:
        nonlocal count
        if event in {"call", "c_call"}:
            count += 1

    body = {**hidden, "akcja": "sprawdz", "zadania.0.termin": term}
    sys.setprofile(hook)
    try:
        answer = asyncio.run(_call(app, "POST", URL, body))
    finally:
        sys.setprofile(None)
    live = json.loads(answer)
    assert live["valid"]
    assert live["terms"] == {"f-zadania-0-termin": "= Wrzesień – październik 2023"}
    return count


async def _call(app: Any, method: str, path: str, form: dict[str, str] | None = None) -> str:
    """One request to the application, in this thread; the body of its answer."""
    body = urlencode(form).encode() if form is not None else b""
    headers = [
        (b"host", HOST.encode()),
        (b"cookie", f"osl_plan_1={TOKEN}".encode()),
        (b"origin", ORIGIN.encode()),
        (b"accept", b"application/json"),
        (b"content-type", b"application/x-www-form-urlencoded"),
        (b"content-length", str(len(body)).encode()),
    ]
    scope = {"type": "http", "method": method, "path": path, "raw_path": path.encode(),
             "query_string": b"", "headers": headers, "scheme": "http", "http_version": "1.1",
             "server": (HOST, 80), "client": ("127.0.0.1", 1), "root_path": ""}  # fmt: skip
    messages = [{"type": "http.request", "body": body, "more_body": False}]
    out: list[bytes] = []

    async def receive() -> dict[str, Any]:
        return messages.pop(0) if messages else {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            assert message["status"] == 200, message
        out.append(message.get("body", b""))

    await app(scope, receive, send)
    return b"".join(out).decode("utf-8")


@pytest.mark.slow
def test_a_keystroke_in_a_ten_times_longer_plan_costs_about_ten_times_as_much(
    tmp_path: Path,
) -> None:
    counts = {}
    for n in (200, 2_000):
        folder = tmp_path / str(n)
        folder.mkdir()
        (folder / "plan_2023.yaml").write_text(generate.plan_yaml(n), encoding="utf-8")
        counts[n] = _keystroke_calls(folder, "wrzesień – październik")
    ratio = counts[2_000] / counts[200]
    assert ratio < CALL_BOUND, f"{counts}: {ratio:.1f}× the calls for 10× the tasks"


def _draft(folder: Path) -> str:
    kept = (folder / ".osl-plan" / "szkice" / "plan_2023.yaml.json").read_text(encoding="utf-8")
    return str(json.loads(kept)["text"])


def test_after_a_text_written_anew_each_edit_still_lands_on_its_own_value(tmp_path: Path) -> None:
    """A list or a multi-line text is patched as a block of lines, which may grow: the lines
    below it move. A value the text does not have yet (task 4's addressees) is written anew from
    the document, whose values then no longer know their lines. Either way the next keystroke must
    not patch by old lines: here the old line of task 3's term holds task 2's term, the same
    text."""
    from editor_support import plan_on_disk

    folder = plan_folder(tmp_path)
    signed_in = client(folder)
    values = form_values(signed_in.get(URL).text)
    same = {"zadania.1.termin": "maj 2023", "zadania.2.termin": "maj 2023"}
    assert _live(signed_in, values, same).json()["valid"]
    lines = _draft(folder).split("\n")
    [second, third] = [i for i, line in enumerate(lines) if line.strip() == "termin: maj 2023"]
    # Task 1's addressees as a list of that many lines push every later line down by as many.
    addressees = "\n".join(f"Sołectwo nr {k}" for k in range(1, third - second + 1))
    assert _live(signed_in, values, {"zadania.0.adresaci": addressees}).json()["valid"]
    assert _draft(folder).split("\n")[third].strip() == "termin: maj 2023"  # task 2's, now
    assert _live(signed_in, values, {"zadania.2.termin": "lipiec 2023"}).json()["valid"]
    (tmp_path / "szkic.yaml").write_text(_draft(folder), encoding="utf-8")
    after = plan_on_disk(tmp_path / "szkic.yaml")
    assert after.zadania[0].adresaci == tuple(addressees.split("\n"))
    assert after.zadania[1].termin.printed(nbsp=False) == "Maj 2023"
    assert after.zadania[2].termin.printed(nbsp=False) == "Lipiec 2023"
    assert _live(signed_in, values, {"zadania.3.adresaci": "Seniorzy\nRadni"}).json()["valid"]
    assert _live(signed_in, values, {"zadania.1.termin": "czerwiec 2023"}).json()["valid"]
    (tmp_path / "szkic.yaml").write_text(_draft(folder), encoding="utf-8")
    after = plan_on_disk(tmp_path / "szkic.yaml")
    assert after.zadania[3].adresaci == ("Seniorzy", "Radni")
    assert after.zadania[1].termin.printed(nbsp=False) == "Czerwiec 2023"
    assert after.zadania[2].termin.printed(nbsp=False) == "Lipiec 2023"
    values = form_values(signed_in.get(URL).text)  # the page reads the text again …
    assert _live(signed_in, values, {"zadania.3.termin": "sierpień 2023"}).json()["valid"]
    assert "termin: sierpień 2023" in _draft(folder)  # … and a term is patched by line again
