"""Atomic writes: temporary files in the target folder, stale leftovers of killed runs removed."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from osl_plan.errors import OutputError
from osl_plan.output import STALE_AFTER_SECONDS, check_target, write_atomic


def test_write_replaces_the_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "plan.docx"
    target.write_bytes(b"old")
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.docx"]


def test_a_stale_leftover_of_a_killed_run_is_removed_a_fresh_one_kept(tmp_path: Path) -> None:
    target = tmp_path / "plan.docx"
    stale = tmp_path / ".plan.docx.abc12345.tmp"
    fresh = tmp_path / ".plan.docx.def45678.tmp"  # another run may be writing it right now
    other = tmp_path / ".inny.docx.abc12345.tmp"
    for leftover in (stale, fresh, other):
        leftover.write_bytes(b"partial")
    old = time.time() - STALE_AFTER_SECONDS - 60
    os.utime(stale, (old, old))
    os.utime(other, (old, old))
    write_atomic(target, b"new")
    assert not stale.exists()
    assert fresh.exists()
    assert other.exists()


def test_new_files_get_ordinary_permissions(tmp_path: Path) -> None:
    target = tmp_path / "plan.md"
    write_atomic(target, b"x")
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask


def test_the_input_is_never_a_target(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text("rok: 2023\n", "utf-8")
    with pytest.raises(OutputError, match="is the input plan"):
        check_target(tmp_path / "." / "plan.yaml", inputs=[plan])


def test_a_missing_folder_is_named(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="does not exist"):
        check_target(tmp_path / "brak" / "plan.docx", inputs=[])
