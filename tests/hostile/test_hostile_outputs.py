"""Hostile outputs: special files, files the command reads, odd names, a stdout that fails.

Special files are the test's own (a FIFO; as root a device node made with mknod in the temporary
folder), never the machine's /dev entries: a failing test must not break the machine it runs on.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from builders import CPU_SECONDS, HANG_SECONDS, PLAN, png, run  # the same bounds
from helpers import Result, limits, over_cpu

EXAMPLE = Path(__file__).parent.parent.parent / "examples" / "plan_2023.yaml"
ROOT = os.geteuid() == 0
needs_root = pytest.mark.skipif(not ROOT, reason="device nodes can be made only by root")
#: Device numbers of the kernel's null and full devices (the node itself is made in tmp).
NULL_DEVICE = os.makedev(1, 3)
FULL_DEVICE = os.makedev(1, 7)


def clean(result: Result, *expected: str, code: int = 2) -> None:
    """Failed cleanly: the exit code, the message, no traceback, no internal error."""
    assert result.exit_code == code, result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    for text in expected:
        assert text in result.stderr, f"{text!r} not in {result.stderr!r}"


def device(folder: Path, name: str, number: int) -> Path:
    node = folder / name
    os.mknod(node, stat.S_IFCHR | 0o666, number)
    return node


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    path = tmp_path / "plan.yaml"
    path.write_text(PLAN, encoding="utf-8")
    return path


# --- special files as -o --------------------------------------------------------------------


def test_a_fifo_nobody_reads_is_refused_at_once_and_stays_a_fifo(
    plan: Path, tmp_path: Path
) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    result = run("render", plan, "-f", "md", "-o", fifo, cwd=tmp_path)
    clean(result, "pipe", "no program reads")
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_a_fifo_with_a_reader_gets_the_document_as_a_stream(plan: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    # The reading end is open before the render starts (a Markdown plan fits the pipe's buffer).
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        result = run("render", plan, "-f", "md", "-o", fifo, cwd=tmp_path)
        received = os.read(reader, 1 << 16)
    finally:
        os.close(reader)
    assert result.exit_code == 0, result.stderr
    assert received.startswith(b"# PLAN ORGANIZOWANIA")
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe", "plan.yaml"]


@needs_root
@pytest.mark.parametrize("fmt", ["md", "docx"])
def test_a_character_device_is_written_as_a_stream_and_stays_a_device(
    plan: Path, tmp_path: Path, fmt: str
) -> None:
    node = device(tmp_path, "null", NULL_DEVICE)
    result = run("render", plan, "-f", fmt, "-o", node, cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert stat.S_ISCHR(node.lstat().st_mode)
    assert node.lstat().st_rdev == NULL_DEVICE
    assert sorted(p.name for p in tmp_path.iterdir()) == ["null", "plan.yaml"]


@needs_root
def test_a_full_device_as_output_is_a_message(plan: Path, tmp_path: Path) -> None:
    node = device(tmp_path, "full", FULL_DEVICE)
    result = run("render", plan, "-f", "md", "-o", node, cwd=tmp_path)
    clean(result, "full", "No space left on device")
    assert stat.S_ISCHR(node.lstat().st_mode)


def test_a_socket_as_output_is_refused(plan: Path, tmp_path: Path) -> None:
    import socket

    path = tmp_path / "s"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(path))
        result = run("render", plan, "-f", "md", "-o", path, cwd=tmp_path)
    finally:
        server.close()
    clean(result, "not a regular file")
    assert stat.S_ISSOCK(path.lstat().st_mode)


# --- every file the command reads is protected ----------------------------------------------


def _strip_plan(folder: Path) -> Path:
    (folder / "pasek.png").write_bytes(png())
    path = folder / "plan.yaml"
    path.write_text(PLAN + "finansowanie:\n  wzor: fers-2021-2027\n  obraz: pasek.png\n")
    return path


def _template_dir(folder: Path) -> Path:
    templates = folder / "t"
    templates.mkdir()
    (templates / "plan.md.j2").write_text("{{ title }}\n", encoding="utf-8")
    return templates


@pytest.mark.parametrize("what", ["reference-doc", "template", "strip-image", "hard-link"])
def test_no_output_replaces_a_file_the_command_reads(tmp_path: Path, what: str) -> None:
    import docx

    plan = _strip_plan(tmp_path)
    args: list[str | Path] = ["render", plan]
    if what == "reference-doc":
        target = tmp_path / "wzor.docx"
        docx.Document().save(str(target))
        args += ["--reference-doc", target, "-o", target]
    elif what == "template":
        templates = _template_dir(tmp_path)
        target = templates / "plan.md.j2"
        args += ["-f", "md", "--template-dir", templates, "-o", target]
    elif what == "strip-image":
        target = tmp_path / "pasek.png"
        args += ["-f", "html", "-o", target]
    else:
        target = tmp_path / "link.yaml"
        os.link(plan, target)
        args += ["-f", "md", "-o", target]
    before = target.read_bytes()
    result = run(*args, cwd=tmp_path)
    clean(result, str(target.name))
    assert target.read_bytes() == before
    assert not [p for p in tmp_path.rglob(".*.tmp")]


# --- names -----------------------------------------------------------------------------------


def test_a_name_longer_than_the_file_system_allows_is_a_message(plan: Path, tmp_path: Path) -> None:
    result = run("render", plan, "-f", "md", "-o", tmp_path / ("a" * 300 + ".md"), cwd=tmp_path)
    clean(result, "303 bytes", "255")


@pytest.mark.parametrize("length", [246, 250, 255])
def test_names_up_to_255_bytes_are_written(plan: Path, tmp_path: Path, length: int) -> None:
    name = "ż" * ((length - 3) // 2) + "x" * ((length - 3) % 2) + ".md"
    assert len(name.encode()) == length
    result = run("render", plan, "-f", "md", "-o", tmp_path / name, cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / name).read_text(encoding="utf-8").startswith("# PLAN")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([name, "plan.yaml"])


def test_a_loop_of_symbolic_links_is_a_message(plan: Path, tmp_path: Path) -> None:
    (tmp_path / "a.md").symlink_to("b.md")
    (tmp_path / "b.md").symlink_to("a.md")
    result = run("render", plan, "-f", "md", "-o", tmp_path / "a.md", cwd=tmp_path)
    clean(result, "a.md", "loop of symbolic links")
    assert (tmp_path / "a.md").is_symlink()


def test_a_symbolic_link_output_replaces_the_file_it_points_to(plan: Path, tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    real.write_text("old\n")
    (tmp_path / "link.md").symlink_to("real.md")
    result = run("render", plan, "-f", "md", "-o", tmp_path / "link.md", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "link.md").is_symlink()
    assert real.read_text(encoding="utf-8").startswith("# PLAN")


@pytest.mark.parametrize("name", ["*", "plan[1].md", "?.md"])
def test_stale_temporaries_are_matched_exactly_not_as_a_pattern(
    plan: Path, tmp_path: Path, name: str
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    old = time.time() - 7200
    unrelated = [".x.tmp", ".plan1.md.abcdefgh.tmp", ".a.md.abcdefgh.tmp", ".notes.tmp"]
    for other in unrelated:
        (out / other).write_text("someone else's")
        os.utime(out / other, (old, old))
    ours = out / f".{name}.abcd_123.tmp"
    ours.write_text("left by a killed run")
    os.utime(ours, (old, old))
    result = run("render", plan, "-f", "md", "-o", out / name, cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted([name, *unrelated])


# --- stdout that cannot be written -----------------------------------------------------------

STDOUT_COMMANDS = [
    ("validate", "{plan}"),
    ("render", "{plan}", "-f", "md", "-o", "-"),
    ("diff", str(EXAMPLE), "{plan}"),
    ("schema",),
]


def _command(args: tuple[str, ...], plan: Path) -> list[str]:
    return [a.format(plan=plan) for a in args]


@needs_root
@pytest.mark.parametrize("args", STDOUT_COMMANDS, ids=[a[0] for a in STDOUT_COMMANDS])
def test_a_full_disk_on_stdout_is_a_message(
    plan: Path, tmp_path: Path, args: tuple[str, ...]
) -> None:
    node = device(tmp_path, "full", FULL_DEVICE)
    with open(node, "wb") as full:
        done = subprocess.run(
            [sys.executable, "-m", "osl_plan", *_command(args, plan)],
            stdout=full,
            stderr=subprocess.PIPE,
            timeout=HANG_SECONDS,
            check=False,
            preexec_fn=limits(cpu=CPU_SECONDS),
        )
    stderr = done.stderr.decode()
    assert not over_cpu(done.returncode), f"more than {CPU_SECONDS} s of CPU time"
    assert done.returncode == 2, stderr
    assert "<stdout>" in stderr and "No space left on device" in stderr
    assert "Traceback" not in stderr and "Exception ignored" not in stderr


@pytest.mark.parametrize("args", STDOUT_COMMANDS, ids=[a[0] for a in STDOUT_COMMANDS])
def test_a_closed_stdout_is_a_message(plan: Path, tmp_path: Path, args: tuple[str, ...]) -> None:
    command = [sys.executable, "-m", "osl_plan", *_command(args, plan)]
    done = subprocess.run(
        ["sh", "-c", 'exec "$@" >&-', "sh", *command],
        stderr=subprocess.PIPE,
        timeout=HANG_SECONDS,
        check=False,
        cwd=tmp_path,
        preexec_fn=limits(cpu=CPU_SECONDS),
    )
    stderr = done.stderr.decode()
    assert not over_cpu(done.returncode), f"more than {CPU_SECONDS} s of CPU time"
    assert done.returncode == 2, stderr
    assert "standard output is closed" in stderr
    assert "Traceback" not in stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.yaml"]


def test_a_closed_pipe_on_stdout_is_a_message(tmp_path: Path) -> None:
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data["zadania"] = data["zadania"] * 30  # well over a pipe's buffer as Markdown
    big = tmp_path / "big.yaml"
    big.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "osl_plan", "render", str(big), "-f", "md", "-o", "-"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=limits(cpu=CPU_SECONDS),  # noqa: PLW1509  # as run_cli: the tests start no threads
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.read(10)
    process.stdout.close()  # the reader goes away, as `| head -c 10` does
    stderr = process.stderr.read().decode()
    returncode = process.wait(HANG_SECONDS)
    assert not over_cpu(returncode), f"more than {CPU_SECONDS} s of CPU time"
    assert returncode == 2, stderr
    assert "<stdout>" in stderr and "Broken pipe" in stderr
    assert "Traceback" not in stderr and "Exception ignored" not in stderr


# --- file names that are not UTF-8 ---------------------------------------------------------


def _latin2_name(folder: Path, stem: bytes, suffix: str) -> Path:
    return Path(os.fsdecode(os.fsencode(folder) + b"/" + stem + b"\xb1" + suffix.encode()))


@pytest.mark.parametrize("fmt", ["text", "md", "json", "github", "docx"])
def test_diff_of_files_with_non_utf8_names(tmp_path: Path, fmt: str) -> None:
    old = _latin2_name(tmp_path, b"plan_2022_", ".yaml")
    new = _latin2_name(tmp_path, b"plan_2023_", ".yaml")
    old.write_bytes((EXAMPLE.parent / "plan_2022.yaml").read_bytes())
    new.write_bytes(EXAMPLE.read_bytes())
    out = tmp_path / "diff.docx"
    extra = ["-o", str(out)] if fmt == "docx" else []
    result = run("diff", old, new, "-f", fmt, *extra, cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert "internal error" not in result.stderr
    if fmt == "docx":
        assert out.stat().st_size > 0
    elif fmt == "json":
        assert json.loads(result.stdout)["new"]["file"].endswith("plan_2023_\\xb1.yaml")
    else:
        assert "plan_2023_\\xb1.yaml" in result.stdout


def test_import_and_new_with_non_utf8_names(tmp_path: Path) -> None:
    source = _latin2_name(tmp_path, b"plan_", ".yaml")
    source.write_bytes(EXAMPLE.read_bytes())
    carried = _latin2_name(tmp_path, b"plan_2024_", ".yaml")
    result = run("new", "2024", "--from", source, "-o", carried, cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert b"plan_\\xb1.yaml" in carried.read_bytes()
    markdown = _latin2_name(tmp_path, b"plan_", ".md")
    assert run("render", source, "-f", "md", "-o", markdown, cwd=tmp_path).exit_code == 0
    result = run("import", markdown, "-o", "-", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert "plan_\\xb1.md" in result.stdout
    result = run("validate", source, cwd=tmp_path)
    assert result.exit_code == 0 and "plan_\\xb1.yaml" in result.stdout


# --- in Polish, the users' default ------------------------------------------------------------


def test_the_new_messages_are_polish_by_default(
    plan: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("OSL_PLAN_LANG")
    monkeypatch.setenv("LANG", "C")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    result = run("render", plan, "-f", "md", "-o", fifo, cwd=tmp_path)
    clean(
        result, "to potok, z którego nie czyta żaden program – najpierw uruchom program czytający"
    )
    (tmp_path / "pasek.png").write_bytes(png()[:40])
    plan.write_text(PLAN + "finansowanie:\n  wzor: fers-2021-2027\n  obraz: pasek.png\n")
    result = run("validate", plan, cwd=tmp_path)
    clean(result, "obraz „pasek.png” to uszkodzony plik PNG", code=1)
    result = run("render", plan, "-f", "md", "-o", tmp_path / ("a" * 300), cwd=tmp_path)
    clean(result, "nazwa pliku ma 300 bajtów, więcej niż 255 – wybierz krótszą nazwę")
