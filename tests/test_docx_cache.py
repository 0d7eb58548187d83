"""The DOCX skeletons kept between runs (osl_plan/render/docx_cache.py) and shipped with
osl-plan (docx_shipped.py): a kept or shipped skeleton gives the same document as a new one, a
cache that cannot be trusted is not used, and the shipped ones are fresh."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import EXAMPLES, run_cli

from osl_plan.funding import Strip
from osl_plan.load import load
from osl_plan.render import RenderOptions, docx_cache, docx_package, docx_shipped
from osl_plan.render.docx import render_docx

PLAN = load(EXAMPLES / "plan_2023.yaml").plan
STRIP = Strip(marks=("Fundusze Europejskie", "Unia Europejska"), image=None)


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty cache of our own, no skeleton kept in this process and none shipped."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(docx_shipped, "FOLDER", tmp_path / "nothing-shipped")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    monkeypatch.setattr(docx_package, "_cache", {})
    yield tmp_path / "cache" / "osl-plan" / "docx"


def _fresh_process() -> None:
    docx_package._cache.clear()  # as a new run starts: only the cache on disk is left


def test_a_kept_skeleton_makes_the_same_document(cache: Path) -> None:
    built = render_docx(PLAN, RenderOptions())
    assert len(list(cache.glob("*.json"))) == 1
    _fresh_process()
    assert render_docx(PLAN, RenderOptions()) == built


def test_each_strip_and_position_has_its_own_skeleton(cache: Path) -> None:
    key = docx_package.skeleton_for(None, STRIP, "footer")
    docx_package.skeleton_for(None, STRIP, "header")
    docx_package.skeleton_for(None, None, "footer")
    assert len(list(cache.glob("*.json"))) == 3
    _fresh_process()
    assert docx_package.skeleton_for(None, STRIP, "footer") == key


@pytest.mark.parametrize("damage", [b"", b"{", b'{"key": "other"}', b"[1, 2]", b'{"key": 1}'])
def test_a_damaged_file_is_built_again(cache: Path, damage: bytes) -> None:
    built = render_docx(PLAN, RenderOptions())
    [kept] = cache.glob("*.json")
    kept.write_bytes(damage)
    _fresh_process()
    assert render_docx(PLAN, RenderOptions()) == built
    assert kept.read_bytes() != damage  # and kept again


def test_a_kept_skeleton_with_wrong_values_is_built_again(cache: Path) -> None:
    import json

    built = render_docx(PLAN, RenderOptions())
    [kept] = cache.glob("*.json")
    data = json.loads(kept.read_text(encoding="utf-8"))
    del data["skeleton"]["ids"]
    kept.write_text(json.dumps(data), encoding="utf-8")
    _fresh_process()
    assert render_docx(PLAN, RenderOptions()) == built


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_a_folder_others_may_change_is_not_used(cache: Path) -> None:
    cache.mkdir(parents=True, mode=0o700)
    cache.chmod(0o777)
    render_docx(PLAN, RenderOptions())
    assert list(cache.iterdir()) == []
    assert docx_cache.load(("anything",)) is None


def test_an_unwritable_cache_is_only_a_miss(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    monkeypatch.setattr(docx_package, "_cache", {})
    assert render_docx(PLAN, RenderOptions()).startswith(b"PK")


def test_a_changed_reference_document_gets_a_new_skeleton(cache: Path, tmp_path: Path) -> None:
    reference = tmp_path / "wzor.docx"
    reference.write_bytes(render_docx(PLAN, RenderOptions()))
    first = docx_package.skeleton_for(reference, None, "footer")
    os.utime(reference, ns=(0, 1_000_000_000))
    _fresh_process()
    docx_package.skeleton_for(reference, None, "footer")
    assert len(list(cache.glob("*.json"))) == 3  # the default's, the reference's twice
    assert docx_package.skeleton_for(reference, None, "footer") == first


def test_the_output_may_not_replace_a_reference_read_by_an_earlier_run(
    cache: Path, tmp_path: Path
) -> None:
    reference = tmp_path / "wzor.docx"
    reference.write_bytes(render_docx(PLAN, RenderOptions()))
    plan = EXAMPLES / "plan_2023.yaml"
    out = tmp_path / "plan.docx"
    args = ("render", plan, "--reference-doc", reference)
    assert run_cli(*args, "-o", out).exit_code == 0  # builds and keeps it
    before = reference.read_bytes()
    _fresh_process()
    result = run_cli(*args, "-o", reference)  # a later run: the kept skeleton is used
    assert result.exit_code == 2
    assert "is a file this command reads" in result.stderr
    assert reference.read_bytes() == before


def test_the_shipped_skeletons_are_fresh() -> None:
    """Run `make skeletons` when this fails."""
    from osl_plan.devtools.skeletons import shipped_texts

    for name, text in shipped_texts().items():
        assert (docx_shipped.FOLDER / name).read_text(encoding="utf-8") == text, name


@pytest.mark.parametrize("position", ["footer", "header", "first-page"])
@pytest.mark.parametrize(
    "marks", [STRIP.marks, ("Fundusze\nEuropejskie", 'A & B <„C”> "D"'), ("Jeden",)]
)
def test_a_shipped_skeleton_makes_the_same_document(
    cache: Path, monkeypatch: pytest.MonkeyPatch, position: str, marks: tuple[str, ...]
) -> None:
    funding = {"znaki": list(marks), "kolor": True}
    plan = PLAN.model_copy(update={"finansowanie": PLAN.finansowanie.model_copy(update=funding)})
    options = RenderOptions(strip_position=position)
    built = render_docx(plan, options)
    assert len(list(cache.glob("*.json"))) == 1  # built: nothing shipped
    monkeypatch.undo()
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache / "empty"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    monkeypatch.setattr(docx_package, "_cache", {})
    assert render_docx(plan, options) == built
    assert not (cache / "empty").exists()  # shipped: nothing built or kept


def test_a_plan_without_a_strip_uses_its_shipped_skeleton(cache: Path) -> None:
    plan = PLAN.model_copy(update={"finansowanie": None})
    built = render_docx(plan, RenderOptions())
    monkeypatch = pytest.MonkeyPatch()
    monkeypatch.setattr(docx_shipped, "FOLDER", Path(docx_shipped.__file__).parent / "skeletons")
    try:
        _fresh_process()
        assert docx_shipped.load("none") is not None
        assert render_docx(plan, RenderOptions()) == built
    finally:
        monkeypatch.undo()


def test_a_skeleton_built_by_other_code_is_not_used(monkeypatch: pytest.MonkeyPatch) -> None:
    assert docx_shipped.load("footer") is not None
    monkeypatch.setattr(docx_shipped, "builders_digest", lambda: "other code")
    assert docx_shipped.load("footer") is None


def test_a_first_render_imports_no_python_docx(tmp_path: Path) -> None:
    """The shipped skeleton serves a plan without reference document, logo or strip image."""
    code = (
        "import sys\n"
        "from osl_plan.cli import main\n"
        "sys.argv = ['osl-plan', 'render', sys.argv[1], '-f', 'docx', '-o', sys.argv[2]]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m == 'docx' or m.startswith('docx.')))\n"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    out = tmp_path / "plan.docx"
    proc = subprocess.run(
        [sys.executable, "-c", code, str(EXAMPLES / "plan_2023.yaml"), str(out)],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )  # fmt: skip
    assert proc.stdout.strip().splitlines()[-1] == "[]", proc.stderr
    assert out.read_bytes().startswith(b"PK")
    assert not (tmp_path / "cache").exists()
