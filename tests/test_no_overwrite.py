"""``new`` and ``import`` never replace an existing file unless ``--overwrite`` is given.

Their output is the file the organiser then edits: writing it again by mistake would lose that
work. The refusal is one located message (exit 2) and the file is left as it was, byte for byte;
``--overwrite`` replaces it atomically (a rename: a hard link to the old file keeps the old text).
A special file (a pipe) is written as a stream as before, a link is followed, ``-o -`` is stdout.
"""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest
from helpers import EXAMPLES, run_cli

from osl_plan.errors import OutputError
from osl_plan.output import check_target, write_atomic

IMPORT_SOURCE = Path(__file__).resolve().parent / "data" / "import" / "plan_reczny.md"
MINE = "# mój plan, poprawiony ręcznie\nrok: 2024\n"
ENGLISH = "already exists — choose another name with -o, or add --overwrite to replace it"
POLISH = "już istnieje – wybierz inną nazwę opcją -o albo dodaj --overwrite, aby go zastąpić"

#: name -> (arguments after ``osl-plan``, the file they write)
CASES: dict[str, tuple[list[str], str]] = {
    "new": (["new", "2024", "--from", "plan_2023.yaml"], "plan_2024.yaml"),
    "new-o": (["new", "2024", "--from", "plan_2023.yaml", "-o", "projekt.yaml"], "projekt.yaml"),
    "import": (["import", "plan_reczny.md"], "plan_reczny.yaml"),
    "import-o": (["import", "plan_reczny.md", "-o", "z_worda.yaml"], "z_worda.yaml"),
}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    shutil.copy(EXAMPLES / "plan_2023.yaml", tmp_path / "plan_2023.yaml")
    shutil.copy(IMPORT_SOURCE, tmp_path / "plan_reczny.md")
    return tmp_path


def _stdout_text(args: list[str], folder: Path) -> str:
    """What the command writes to ``-o -``: the text the file gets."""
    base = args[: args.index("-o")] if "-o" in args else args
    result = run_cli(*base, "-o", "-", cwd=folder)
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("case", sorted(CASES))
def test_an_existing_file_is_refused_and_left_untouched(case: str, folder: Path) -> None:
    args, target = CASES[case]
    (folder / target).write_text(MINE, encoding="utf-8")
    before = sorted(p.name for p in folder.iterdir())
    result = run_cli(*args, cwd=folder)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"Error: {target}: {ENGLISH}\n"
    assert (folder / target).read_text(encoding="utf-8") == MINE
    assert sorted(p.name for p in folder.iterdir()) == before  # no temporary left behind


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_refusal_in_polish(case: str, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OSL_PLAN_LANG")
    monkeypatch.setenv("LANG", "C")
    args, target = CASES[case]
    (folder / target).write_text(MINE, encoding="utf-8")
    result = run_cli(*args, cwd=folder)
    assert result.exit_code == 2
    assert result.stderr == f"Błąd: {target}: {POLISH}\n"


@pytest.mark.parametrize("case", sorted(CASES))
def test_run_twice_the_second_run_is_refused(case: str, folder: Path) -> None:
    args, target = CASES[case]
    first = run_cli(*args, cwd=folder)
    assert first.exit_code == 0, first.stderr
    written = (folder / target).read_bytes()
    second = run_cli(*args, cwd=folder)
    assert second.exit_code == 2
    assert (folder / target).read_bytes() == written


@pytest.mark.parametrize("case", sorted(CASES))
def test_overwrite_replaces_the_file_atomically(case: str, folder: Path) -> None:
    args, target = CASES[case]
    path = folder / target
    path.write_text(MINE, encoding="utf-8")
    os.link(path, folder / "kopia")  # the same file under a second name
    old_inode = path.stat().st_ino
    result = run_cli(*args, "--overwrite", cwd=folder)
    assert result.exit_code == 0, result.stderr
    assert path.read_text(encoding="utf-8") == _stdout_text(args, folder)
    # Replaced by a rename, not rewritten in place: the old file is whole under its other name.
    assert path.stat().st_ino != old_inode
    assert (folder / "kopia").read_text(encoding="utf-8") == MINE
    assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("case", ["new", "import"])
def test_stdout_still_works_beside_an_existing_file(case: str, folder: Path) -> None:
    args, target = CASES[case]
    (folder / target).write_text(MINE, encoding="utf-8")
    result = run_cli(*args, "-o", "-", cwd=folder)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.lstrip().startswith("#") and "rok: 2024" in result.stdout
    assert (folder / target).read_text(encoding="utf-8") == MINE


@pytest.mark.parametrize("case", ["new-o", "import-o"])
def test_a_link_to_an_existing_file_is_refused_and_followed_with_overwrite(
    case: str, folder: Path
) -> None:
    args, target = CASES[case]
    (folder / "prawdziwy.yaml").write_text(MINE, encoding="utf-8")
    (folder / target).symlink_to("prawdziwy.yaml")
    refused = run_cli(*args, cwd=folder)
    assert refused.exit_code == 2
    assert refused.stderr == f"Error: {target}: {ENGLISH}\n"
    assert (folder / "prawdziwy.yaml").read_text(encoding="utf-8") == MINE
    replaced = run_cli(*args, "--overwrite", cwd=folder)
    assert replaced.exit_code == 0, replaced.stderr
    assert (folder / target).is_symlink()  # the link stays a link, as for every output
    assert (folder / "prawdziwy.yaml").read_text(encoding="utf-8") == _stdout_text(args, folder)


@pytest.mark.parametrize("case", ["new-o", "import-o"])
def test_a_link_to_nothing_is_written_through(case: str, folder: Path) -> None:
    args, target = CASES[case]
    (folder / target).symlink_to("nowy.yaml")
    result = run_cli(*args, cwd=folder)
    assert result.exit_code == 0, result.stderr
    assert (folder / target).is_symlink()
    assert (folder / "nowy.yaml").read_text(encoding="utf-8") == _stdout_text(args, folder)


@pytest.mark.parametrize("case", ["new", "import"])
def test_a_pipe_is_written_as_a_stream_without_overwrite(case: str, folder: Path) -> None:
    args, _ = CASES[case]
    fifo = folder / "rura"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # open before the command writes
    try:
        result = run_cli(*args, "-o", fifo, cwd=folder)
        received = os.read(reader, 1 << 16).decode("utf-8")
    finally:
        os.close(reader)
    assert result.exit_code == 0, result.stderr
    assert "rok: 2024" in received
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_overwrite_never_writes_over_the_input(folder: Path) -> None:
    args = ["new", "2024", "--from", "plan_2023.yaml", "-o", "plan_2023.yaml", "--overwrite"]
    before = (folder / "plan_2023.yaml").read_bytes()
    result = run_cli(*args, cwd=folder)
    assert result.exit_code == 2
    assert "is the input plan" in result.stderr
    assert (folder / "plan_2023.yaml").read_bytes() == before


def test_a_folder_is_still_a_folder(folder: Path) -> None:
    (folder / "plan_2024.yaml").mkdir()
    result = run_cli("new", "2024", "--from", "plan_2023.yaml", "--overwrite", cwd=folder)
    assert result.exit_code == 2
    assert "is a folder" in result.stderr


def test_help_names_the_option() -> None:
    for command in ("new", "import"):
        assert "--overwrite" in run_cli(command, "--help").stdout


# --- the library: the name taken between the check and the write ------------------------------


def test_a_file_that_appears_after_the_check_is_not_replaced(tmp_path: Path) -> None:
    target = tmp_path / "plan_2024.yaml"
    check_target(target, inputs=[], overwrite=False)  # nothing there yet
    target.write_text(MINE, encoding="utf-8")  # another program saves the file meanwhile
    with pytest.raises(OutputError, match="already exists"):
        write_atomic(target, b"rok: 2024\n", overwrite=False)
    assert target.read_text(encoding="utf-8") == MINE
    assert [p.name for p in tmp_path.iterdir()] == ["plan_2024.yaml"]


def test_without_hard_links_a_last_check_and_a_rename(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(*_: object, **__: object) -> None:
        raise PermissionError(1, "Operation not permitted")  # as on FAT or some network shares

    monkeypatch.setattr(os, "link", no_links)
    target = tmp_path / "plan_2024.yaml"
    write_atomic(target, b"rok: 2024\n", overwrite=False)
    assert target.read_bytes() == b"rok: 2024\n"
    with pytest.raises(OutputError, match="already exists"):
        write_atomic(target, b"rok: 2025\n", overwrite=False)
    assert target.read_bytes() == b"rok: 2024\n"
    assert [p.name for p in tmp_path.iterdir()] == ["plan_2024.yaml"]


def test_other_outputs_are_still_replaced(tmp_path: Path) -> None:
    # render, report, lista, diff -o: generated documents, replaced as before (the default).
    target = tmp_path / "plan_2023.md"
    target.write_text("stary\n", encoding="utf-8")
    check_target(target, inputs=[])
    write_atomic(target, b"nowy\n")
    assert target.read_text(encoding="utf-8") == "nowy\n"
