"""The editor's round trip: one edited term, and the one answer holding the live check and the
refreshed preview, against validating and rendering HTML for the same text in-process
(``python bench/run.py``)."""

from __future__ import annotations

import json
import time
from pathlib import Path

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


def round_trips(work: Path, n: int, runs: int) -> tuple[list[float], list[float]]:
    """Seconds of the editor's round trip and of the in-process reference, run by run in turns."""
    from starlette.testclient import TestClient

    from osl_plan.editor.app import create_app
    from osl_plan.load import loads
    from osl_plan.render import render

    folder = work / f"edytor_{n}"
    folder.mkdir()
    plan = folder / "plan.yaml"
    plan.write_text(generate.plan_yaml(n), encoding="utf-8")
    app = create_app(folder, token="bench", port=1, hosts=frozenset({"testserver"}))
    client = TestClient(app, base_url="http://testserver")
    client.get("/?token=bench")
    values = _form_values(client.get("/plan/plan.yaml").text)
    # What the page's script posts: the form's hidden fields and the one field she changed.
    hidden = {k: values[k] for k in ("_csrf", "baza", "czesc")}
    headers = {"Origin": "http://testserver", "Accept": "application/json"}
    ours, reference = [], []
    for run in range(runs + 1):  # the first run warms both up and is not counted
        term = ("marzec – czerwiec", "kwiecień – lipiec")[run % 2]
        start = time.perf_counter()
        answer = client.post(
            "/plan/plan.yaml",
            data={**hidden, "akcja": "sprawdz", "zadania.0.termin": term},
            headers=headers,
        )
        took = time.perf_counter() - start
        assert answer.status_code == 200, answer.text[:300]
        live = answer.json()
        assert live["valid"] and "<table" in live["preview"], "the answer holds the preview"
        text = (folder / ".osl-plan" / "szkice" / "plan.yaml.json").read_text(encoding="utf-8")
        draft = json.loads(text)["text"]
        assert f"termin: \"{term}\"" in draft, "one line patched, the draft kept"
        start = time.perf_counter()
        render(loads(draft, "plan.yaml", base_dir=folder).plan, "html")
        ref = time.perf_counter() - start
        if run:
            ours.append(took)
            reference.append(ref)
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
