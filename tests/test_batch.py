"""Batch rendering: many plans, in parallel; every failure reported, the rest written."""

from __future__ import annotations

import contextlib
import importlib.util
import sys
from pathlib import Path

import pytest
from helpers import fake_soffice_program, run_cli

from osl_plan.batch import MAX_CHUNK, RenderJob, _chunks, plan_jobs, render_many
from osl_plan.documents import DocumentRecipe
from osl_plan.errors import BatchFailed, ExitCode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import generate

needs_docx = pytest.mark.skipif(
    importlib.util.find_spec("osl_plan.render.docx") is None, reason="no DOCX renderer yet"
)


def _plans(folder: Path, count: int) -> list[Path]:
    paths = []
    for i in range(count):
        path = folder / f"plan_{i:03d}.yaml"
        path.write_text(generate.plan_yaml(3 + i % 4, seed=i), encoding="utf-8")
        paths.append(path)
    return paths


def _rows(path: Path) -> int:
    import docx

    return len(docx.Document(str(path)).tables[0].rows)


def test_chunks_cover_every_job_once_and_stay_small() -> None:
    jobs = [RenderJob(f"p{i}.yaml", "docx", Path(f"p{i}.docx")) for i in range(500)]
    chunks = _chunks(jobs, 2)
    assert sorted(i for chunk in chunks for i, _ in chunk) == list(range(500))
    assert max(len(chunk) for chunk in chunks) <= MAX_CHUNK
    assert len(chunks) < 100  # not one round trip per plan
    assert [len(c) for c in _chunks(jobs[:3], 2)] == [1, 1, 1]


@needs_docx
@pytest.mark.parametrize("workers", [1, 2])
def test_every_plan_is_written_in_order(tmp_path: Path, workers: int) -> None:
    plans = _plans(tmp_path, 9)
    out = tmp_path / "out"
    out.mkdir()
    jobs = plan_jobs([str(p) for p in plans], "docx", str(out), stdout_is_tty=False)
    done = render_many(jobs, DocumentRecipe(), workers=workers)
    assert done == jobs
    for i, job in enumerate(jobs):
        assert job.target is not None
        assert _rows(job.target) >= 3 + i % 4  # the tasks (plus a header row)


@needs_docx
def test_failures_are_all_reported_and_the_rest_written(tmp_path: Path) -> None:
    plans = _plans(tmp_path, 6)
    broken = tmp_path / "broken.yaml"
    broken.write_text("rok: 2023\nzadania:\n  - termin: maj 2023\n", encoding="utf-8")
    missing = tmp_path / "missing.yaml"
    out = tmp_path / "out"
    out.mkdir()
    names = [str(p) for p in [plans[0], broken, *plans[1:], missing]]
    jobs = plan_jobs(names, "docx", str(out), stdout_is_tty=False)
    with pytest.raises(BatchFailed) as caught:
        render_many(jobs, DocumentRecipe(), workers=2)
    assert [source for source, _, _ in caught.value.failures] == [str(broken), str(missing)]
    assert caught.value.exit_code == ExitCode.USAGE  # the unreadable file outranks the invalid one
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{p.stem}.docx" for p in plans)


@needs_docx
def test_cli_renders_many_plans_in_one_call(tmp_path: Path) -> None:
    plans = _plans(tmp_path, 12)
    broken = tmp_path / "zly.yaml"
    broken.write_text("rok: 2023\nzadania: []\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    result = run_cli("render", *plans, broken, "-o", out)
    assert result.exit_code == 1
    assert "zly.yaml" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[-1].endswith(
        "1 of 13 plans failed (above); the other 12 were written"
    )
    assert len(list(out.glob("*.docx"))) == 12
    assert not list(out.glob(".*.tmp"))  # no partial files left behind


@needs_docx
def test_pdf_batch_converts_all_plans_in_few_starts_and_keeps_the_rest_on_failures(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:

    from osl_plan import batch

    program = fake_soffice_program(tmp_path)
    log = tmp_path / "starts.jsonl"
    monkeypatch.setenv("OSL_PLAN_SOFFICE", str(program))
    monkeypatch.setenv("FAKE_SOFFICE_LOG", str(log))
    plans = _plans(tmp_path, 8)
    cannot_open = tmp_path / "cannot_open.yaml"
    cannot_open.write_text("rok: 2023\nzadania:\n  - zadanie: BROKEN\n    termin: maj 2023\n")
    invalid = tmp_path / "invalid.yaml"
    invalid.write_text("rok: 2023\nzadania:\n  - termin: maj 2023\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "cannot_open.pdf").write_bytes(b"last year's PDF")
    counted: list[tuple[int, str, int]] = []
    real_counting = batch._counting

    def counting(total: int, what: str, show: bool):  # type: ignore[no-untyped-def]
        entry = [total, what, 0]
        with real_counting(total, what, show) as advance:

            def count(n: int = 1) -> None:
                entry[2] += n
                advance(n)

            yield count
        counted.append((entry[0], entry[1], entry[2]))  # type: ignore[arg-type]

    monkeypatch.setattr(batch, "_counting", contextlib.contextmanager(counting))
    names = [str(p) for p in [plans[0], cannot_open, *plans[1:4], invalid, *plans[4:]]]
    jobs = plan_jobs(names, "pdf", str(out), stdout_is_tty=False)
    with pytest.raises(BatchFailed) as caught:
        render_many(jobs, DocumentRecipe(), workers=2, progress=True)
    failed = [source for source, _, _ in caught.value.failures]
    assert failed == [str(cannot_open), str(invalid)]
    assert caught.value.written == 8
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [f"{p.stem}.pdf" for p in plans] + ["cannot_open.pdf"]
    )
    assert (out / "cannot_open.pdf").read_bytes() == b"last year's PDF"  # untouched
    assert all((out / f"{p.stem}.pdf").read_bytes().startswith(b"%PDF") for p in plans)
    assert counted == [(9, "Converting", 9)]  # the bar counts conversions, not plans read
    assert len(log.read_text().splitlines()) == 2  # nine documents, one start per worker
    assert not list(tmp_path.glob("**/.*.tmp"))
