"""Only she gets in: every rule of the editor's guard, with requests that must be refused."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from editor_support import HOST, ORIGIN, TOKEN, client, form_values, plan_folder, post

from osl_plan.editor.security import MAX_BODY, plan_path


def test_without_the_secret_nothing_is_answered(tmp_path: Path) -> None:
    folder = plan_folder(tmp_path)
    anonymous = client(folder, login=False)
    for url in (
        "/",
        "/plan/plan_2023.yaml",
        "/plan/plan_2023.yaml/pobierz/docx",
        "/static/editor.js",
    ):
        answer = anonymous.get(url)
        assert answer.status_code == 403, url
        assert "plan_2023" not in answer.text
    assert anonymous.get("/?token=wrong").status_code == 403
    assert anonymous.get("/", headers={"X-OSL-Token": "wrong"}).status_code == 403
    anonymous.cookies.set("osl_plan_1", "wrong")
    assert anonymous.get("/").status_code == 403


def test_the_secret_moves_from_the_address_to_a_cookie(tmp_path: Path) -> None:
    anonymous = client(plan_folder(tmp_path), login=False)
    answer = anonymous.get(f"/plan/plan_2023.yaml?token={TOKEN}")
    assert answer.status_code == 303
    assert answer.headers["location"] == "/plan/plan_2023.yaml"  # the secret leaves the address
    cookie = answer.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    assert anonymous.get("/plan/plan_2023.yaml").status_code == 200
    header_only = client(plan_folder(tmp_path / "b"), login=False)
    assert header_only.get("/", headers={"X-OSL-Token": TOKEN}).status_code == 200


def test_a_host_that_is_not_this_machine_is_refused(tmp_path: Path) -> None:
    """DNS rebinding: a page of evil.example resolving to 127.0.0.1 sends Host: evil.example."""
    signed_in = client(plan_folder(tmp_path))
    for host in ("evil.example", "evil.example:1", "127.0.0.2", ""):
        answer = signed_in.get("/", headers={"Host": host, "X-OSL-Token": TOKEN})
        assert answer.status_code == 421, host


def test_the_real_hosts_are_loopback_with_the_port(tmp_path: Path) -> None:
    from starlette.testclient import TestClient

    from osl_plan.editor.app import create_app

    app = create_app(plan_folder(tmp_path), token=TOKEN, port=8765)
    local = TestClient(app, base_url="http://127.0.0.1:8765", follow_redirects=False)
    assert local.get("/", headers={"X-OSL-Token": TOKEN}).status_code == 200
    for host in ("localhost:8765", "127.0.0.1:8765"):
        assert local.get("/", headers={"Host": host, "X-OSL-Token": TOKEN}).status_code == 200
    for host in ("127.0.0.1:8766", "127.0.0.1", "0.0.0.0:8765", "[::1]:8765"):
        assert local.get("/", headers={"Host": host, "X-OSL-Token": TOKEN}).status_code == 421


def _save_form(signed_in) -> dict[str, str]:  # type: ignore[no-untyped-def]
    values = form_values(signed_in.get("/plan/plan_2023.yaml").text)
    values["zadania.0.termin"] = "Luty 2023"
    values["akcja"] = "zapisz"
    return values


def test_a_change_needs_the_editors_origin_and_the_pages_token(tmp_path: Path) -> None:
    folder = plan_folder(tmp_path)
    before = (folder / "plan_2023.yaml").read_bytes()
    signed_in = client(folder)
    values = _save_form(signed_in)
    url = "/plan/plan_2023.yaml"
    assert signed_in.post(url, data=values).status_code == 403  # no Origin
    for origin in ("http://evil.example", "null", f"{ORIGIN}.evil.example", "https://testserver"):
        assert signed_in.post(url, data=values, headers={"Origin": origin}).status_code == 403
    no_token = {k: v for k, v in values.items() if k != "_csrf"}
    assert post(signed_in, url, no_token).status_code == 403
    assert post(signed_in, url, {**values, "_csrf": "forged"}).status_code == 403
    assert post(signed_in, "/nowy", {"rok": "2030"}).status_code == 403
    assert (folder / "plan_2023.yaml").read_bytes() == before
    assert not (folder / "plan_2030.yaml").exists()
    answer = post(signed_in, url, values)  # the same request from the page itself
    assert answer.status_code == 303
    assert (folder / "plan_2023.yaml").read_bytes() != before


def test_only_plan_files_inside_the_folder_are_reached(tmp_path: Path) -> None:
    folder = plan_folder(tmp_path)
    secret = tmp_path / "secret.yaml"
    shutil.copy(folder / "plan_2023.yaml", secret)
    (folder / "link.yaml").symlink_to(secret)
    (folder / "sub").mkdir()
    shutil.copy(secret, folder / "sub" / "inner.yaml")
    (folder / "notes.txt").write_text("rok: 2023\n", encoding="utf-8")
    signed_in = client(folder)
    for name in (
        "..%2Fsecret.yaml",
        "%2E%2E%2Fsecret.yaml",
        "sub%2Finner.yaml",
        "sub%5Cinner.yaml",
        "link.yaml",
        "notes.txt",
        ".osl-plan",
        "%2Ftmp%2Fsecret.yaml",
    ):
        for suffix in ("", "/podglad", "/pobierz/md", "/historia"):
            answer = signed_in.get(f"/plan/{name}{suffix}")
            assert answer.status_code == 404, (name, suffix)
    assert "link.yaml" not in signed_in.get("/").text
    assert plan_path(folder, "/etc/passwd.yaml") is None
    assert plan_path(folder, str(secret)) is None
    assert plan_path(folder, "..\\secret.yaml") is None
    assert plan_path(folder, "plan_2023.yaml") == folder.resolve() / "plan_2023.yaml"


def test_bodies_are_bounded(tmp_path: Path) -> None:
    signed_in = client(plan_folder(tmp_path))
    headers = {"Origin": ORIGIN, "Content-Type": "application/x-www-form-urlencoded"}
    declared = signed_in.post(
        "/plan/plan_2023.yaml",
        content=b"a=b",
        headers={**headers, "Content-Length": str(MAX_BODY + 1)},
    )
    assert declared.status_code == 413

    def chunks():  # no Content-Length: counted as it comes
        for _index in range(MAX_BODY // (1024 * 1024) + 2):
            yield b"x" * (1024 * 1024)

    streamed = signed_in.post("/plan/plan_2023.yaml", content=chunks(), headers=headers)
    assert streamed.status_code == 413
    uploads = signed_in.post(
        "/plan/plan_2023.yaml", files={"obraz": ("a.png", b"x")}, headers={"Origin": ORIGIN}
    )
    assert uploads.status_code == 400  # files are not taken by these forms


def test_every_page_forbids_inline_and_outside_content(tmp_path: Path) -> None:
    signed_in = client(plan_folder(tmp_path))
    for url in (
        "/",
        "/plan/plan_2023.yaml",
        "/plan/plan_2023.yaml/rok",
        "/plan/plan_2023.yaml/miesiac?na=2023-05",
        "/plan/plan_2023.yaml/historia",
    ):
        answer = signed_in.get(url)
        assert answer.status_code == 200, url
        policy = answer.headers["content-security-policy"]
        assert "default-src 'none'" in policy and "script-src 'self';" in policy
        assert "unsafe" not in policy
        page = answer.text
        assert re.findall(r"<script(?![^>]*\bsrc=)", page) == [], url  # no inline script
        assert not re.search(r"\son[a-z]+=", page), url  # no inline event handlers
        assert not re.search(r"(src|href)=\"(https?:)?//", page), url  # nothing from outside
        assert answer.headers["x-content-type-options"] == "nosniff"
    preview = signed_in.get("/plan/plan_2023.yaml/podglad")
    assert "sandbox" in preview.headers["content-security-policy"]
    assert "script-src" not in preview.headers["content-security-policy"]
    # The page's script fills the frame with each new preview (same origin), never with scripts.
    assert "allow-scripts" not in preview.headers["content-security-policy"]
    frame = re.search(r"<iframe[^>]*>", signed_in.get("/plan/plan_2023.yaml").text)
    assert frame is not None and 'sandbox="allow-same-origin"' in frame.group(0)
    assert signed_in.get("/static/editor.js").status_code == 200


def test_the_server_listens_on_loopback_only(tmp_path: Path) -> None:
    from osl_plan.editor.server import bind

    editor = bind(plan_folder(tmp_path))
    try:
        assert editor.sock.getsockname()[0] == "127.0.0.1"
        assert editor.url.startswith(f"http://127.0.0.1:{editor.port}/?token=")
        assert len(editor.token) >= 24
    finally:
        editor.sock.close()
    assert os.environ.get("OSL_PLAN_LANG") != "xx"  # the test touches no setting
    assert HOST == "testserver"
