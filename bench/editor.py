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
#: as a list (the text is written anew from the document).
EDITS = {
    "term": ("zadania.0.termin", ("marzec – czerwiec", "kwiecień – lipiec")),
    "list": ("zadania.0.adresaci", ("Mieszkańcy\nSołtysi", "Mieszkańcy\nSeniorzy")),
}


def round_trips(work: Path, n: int, runs: int, edit: str = "term") -> tuple[Measured, Measured]:
    """The editor's round trip and the in-process reference, run by run in turns. CPU time is
    this process's (the TestClient serves in a thread of it): other work on the machine does
    not add to it."""
    from starlette.testclient import TestClient

    from osl_plan.editor.app import create_app

    folder = work / f"edytor_{n}_{edit}"
    folder.mkdir()
    plan = folder / "plan.yaml"
    plan.write_text(generate.plan_yaml(n), encoding="utf-8")
    app = create_app(folder, token="bench", port=1, hosts=frozenset({"testserver"}))
    # One event loop for every request (as the editor's server has), not one started per request.
    with TestClient(app, base_url="http://testserver") as client:
        return _round_trips(client, folder, runs, *EDITS[edit])


def _round_trips(
    client: Any, folder: Path, runs: int, name: str, typed: tuple[str, str]
) -> tuple[Measured, Measured]:
    from osl_plan.load import loads
    from osl_plan.render import render

    client.get("/?token=bench")
    values = _form_values(client.get("/plan/plan.yaml").text)
    # What the page's script posts: the form's hidden fields and the one field she changed.
    hidden = {k: values[k] for k in ("_csrf", "baza", "czesc")}
    headers = {"Origin": "http://testserver", "Accept": "application/json"}
    ours, reference = Measured(), Measured()
    for run in range(runs + 1):  # the first run warms both up and is not counted
        value = typed[run % 2]
        start, cpu = time.perf_counter(), time.process_time()
        answer = client.post(
            "/plan/plan.yaml",
            data={**hidden, "akcja": "sprawdz", name: value},
            headers=headers,
        )
        took, took_cpu = time.perf_counter() - start, time.process_time() - cpu
        assert answer.status_code == 200, answer.text[:300]
        live = answer.json()
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
