"""Hostile content: strip images, reference documents, templates, texts that defeat a parser.

Every case ends within the suite's time and memory limits with exit 0 (handled) or a located
message with exit 1 or 2, never a traceback or an internal error.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import stat
import struct
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest
from builders import PLAN, clean, jpeg_without_frame, png, png_chunk, reference_docx, run
from helpers import run_cli

from osl_plan import richtext

EXAMPLES = Path(__file__).parent.parent.parent / "examples"
STRIP = "finansowanie:\n  wzor: fers-2021-2027\n  obraz: {image}\n"
ROOT = os.geteuid() == 0


# --- strip images ------------------------------------------------------------------------------


def _image(folder: Path, kind: str) -> str:
    """Make the hostile image ``kind`` in ``folder``; returns the name the plan gives."""
    path = folder / "pasek.png"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "device":
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 5))  # the zero device, made in tmp
    elif kind == "folder":
        path.mkdir()
    elif kind == "truncated-png":
        path.write_bytes(png()[:45])
    elif kind == "zero-size-png":
        path.write_bytes(png(0, 0))
    elif kind == "huge-dimensions-png":
        header = struct.pack(">IIBBBBB", 10**6, 10**6, 8, 2, 0, 0, 0)
        path.write_bytes(
            b"\x89PNG\r\n\x1a\n"
            + png_chunk(b"IHDR", header)
            + png_chunk(b"IDAT", zlib.compress(b""))
            + png_chunk(b"IEND", b"")
        )
    elif kind == "jpeg-without-sof":
        path.write_bytes(jpeg_without_frame())
    elif kind == "png-header-and-junk":
        with open(path, "wb") as stream:  # 50 MB, sparse: cheap to make
            stream.write(b"\x89PNG\r\n\x1a\n")
            stream.truncate(50 * 1024 * 1024)
    elif kind == "not-an-image":
        path.write_bytes(b"GIF89a" + b"\0" * 100)
    return path.name


IMAGE_CASES = [
    ("fifo", "not a regular file"),
    ("device", "not a regular file"),
    ("folder", "not a regular file"),
    ("truncated-png", "damaged PNG"),
    ("zero-size-png", "0×0 pixels"),
    ("huge-dimensions-png", "1000000×1000000 pixels"),
    ("jpeg-without-sof", "damaged JPEG"),
    ("png-header-and-junk", "larger than 10 MB"),
    ("not-an-image", "not a PNG or JPEG"),
]
COMMANDS = {
    "validate": ("validate", "{plan}"),
    "render-docx": ("render", "{plan}", "-f", "docx", "-o", "{out}.docx"),
    "render-html": ("render", "{plan}", "-f", "html", "-o", "{out}.html"),
    "render-md": ("render", "{plan}", "-f", "md", "-o", "{out}.md"),
    "diff": ("diff", str(EXAMPLES / "plan_2023.yaml"), "{plan}"),
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize(("kind", "expected"), IMAGE_CASES, ids=[c[0] for c in IMAGE_CASES])
def test_a_hostile_strip_image_is_a_located_message(
    tmp_path: Path, kind: str, expected: str, command: str
) -> None:
    if kind == "device" and not ROOT:
        pytest.skip("device nodes can be made only by root")
    name = _image(tmp_path, kind)
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN + STRIP.format(image=name), encoding="utf-8")
    args = [a.format(plan=plan, out=tmp_path / "out") for a in COMMANDS[command]]
    result = run(*args, cwd=tmp_path)
    clean(result, "plan.yaml:7:10:", "finansowanie.obraz", expected)
    assert not list(tmp_path.glob("out*")) and not list(tmp_path.glob(".*.tmp"))
    if command == "validate":
        report = run("validate", "--format", "json", plan, cwd=tmp_path)
        (problem,) = json.loads(report.stdout)["files"][0]["problems"]
        unreadable = {"fifo", "device", "folder", "png-header-and-junk"}
        assert problem["code"] == ("image-unreadable" if kind in unreadable else "image-format")


@pytest.mark.parametrize("kind", ["fifo", "png-header-and-junk", "truncated-png"])
def test_a_hostile_strip_image_through_stdin_is_a_message(tmp_path: Path, kind: str) -> None:
    """From stdin no plan folder is known: the HTML page's embedded image is checked itself."""
    name = _image(tmp_path, kind)
    plan = (PLAN + STRIP.format(image=tmp_path / name)).encode()
    result = run("render", "-", "-f", "html", "-o", "-", cwd=tmp_path, stdin=plan)
    clean(result, "pasek.png")
    assert result.stdout == ""


def test_a_good_strip_image_still_renders(tmp_path: Path) -> None:
    (tmp_path / "pasek.png").write_bytes(png())
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN + STRIP.format(image="pasek.png"), encoding="utf-8")
    for fmt in ("docx", "html"):
        result = run("render", plan, "-f", fmt, "-o", tmp_path / f"plan.{fmt}", cwd=tmp_path)
        assert result.exit_code == 0, result.stderr
    assert "data:image/png;base64," in (tmp_path / "plan.html").read_text(encoding="utf-8")


# --- the git driver ----------------------------------------------------------------------------


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, check=True, timeout=60
    ).stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "repo"
    (repo / "plany").mkdir(parents=True)
    _git(repo, "init", "-q")
    _git(repo, "config", "user.email", "ci@example.invalid")
    _git(repo, "config", "user.name", "CI")
    driver = f"{sys.executable} -m osl_plan diff --git-driver"
    _git(repo, "config", "diff.osl-plan.command", driver)
    (repo / ".gitattributes").write_text("plan_*.yaml diff=osl-plan\n", encoding="utf-8")
    (repo / "plany" / "pasek.png").write_bytes(png())
    return repo


def _with_strip(example: str) -> str:
    text = (EXAMPLES / example).read_text(encoding="utf-8")
    strip = "finansowanie:\n  wzor: fers-2021-2027\n  obraz: pasek.png\n"
    return re.sub(r"^finansowanie:.*\n", strip, text, count=1, flags=re.M)


def test_git_driver_compares_a_plan_with_a_relative_image_and_follows_a_rename(
    repo: Path,
) -> None:
    plan = repo / "plany" / "plan_2023.yaml"
    plan.write_text(_with_strip("plan_2022.yaml"), encoding="utf-8")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "2022")
    plan.write_text(_with_strip("plan_2023.yaml"), encoding="utf-8")
    changed = _git(repo, "diff", "--ext-diff")
    assert "cannot compare" not in changed
    assert "--- a/plany/plan_2023.yaml (rok 2022, 20 tasks)" in changed
    _git(repo, "add", ".")
    _git(repo, "mv", "plany/plan_2023.yaml", "plany/plan_2024.yaml")
    renamed = _git(repo, "diff", "--cached", "-M", "--ext-diff")
    assert "osl-plan diff a/plany/plan_2023.yaml b/plany/plan_2024.yaml" in renamed
    assert "+++ b/plany/plan_2024.yaml (rok 2023, 18 tasks)" in renamed
    assert "got 9" not in renamed


def test_git_driver_with_a_fifo_as_image_answers_at_once(tmp_path: Path) -> None:
    (tmp_path / "plany").mkdir()
    os.mkfifo(tmp_path / "plany" / "pasek.png")
    plan = tmp_path / "plany" / "plan_2023.yaml"
    plan.write_text(_with_strip("plan_2023.yaml"), encoding="utf-8")
    old = tmp_path / "old_blob"
    old.write_text(_with_strip("plan_2022.yaml"), encoding="utf-8")
    args = ("plany/plan_2023.yaml", old, "0" * 40, "100644", plan, "0" * 40, "100644")
    result = run("diff", "--git-driver", *args, cwd=tmp_path)
    assert result.exit_code == 0
    assert "cannot compare" in result.stdout and "not a regular file" in result.stdout


# --- reference documents -------------------------------------------------------------------


def _parts(docx: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(docx) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def test_a_reference_doc_gives_its_look_but_no_macros_links_or_local_files(
    tmp_path: Path,
) -> None:
    secret = tmp_path / "secret.png"
    secret.write_bytes(png())
    reference = reference_docx(tmp_path, secret)
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN, encoding="utf-8")
    out = tmp_path / "plan.docx"
    result = run("render", plan, "--reference-doc", reference, "-o", out, cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    parts = _parts(out)
    assert not [name for name in parts if "vba" in name.lower()]
    everything = b"".join(parts.values())
    for leaked in (b"External", b"attachedTemplate", b"INCLUDEPICTURE", b"198.51.100.7"):
        assert leaked not in everything, leaked
    assert str(secret).encode() not in everything
    assert b"Stopka wzoru" in everything  # the reference's footer itself is kept
    import docx

    document = docx.Document(str(out))  # still a valid document
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "Spotkania z\u00a0mieszkańcami" in cells  # a one-letter word tied to the next


@pytest.mark.libreoffice
def test_a_pdf_from_a_hostile_reference_doc_embeds_no_linked_file(
    tmp_path: Path, soffice: str
) -> None:
    secret = tmp_path / "secret.png"
    secret.write_bytes(png(40, 40))
    reference = reference_docx(tmp_path, secret)
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN, encoding="utf-8")
    out = tmp_path / "plan.pdf"
    result = run_cli("render", plan, "--reference-doc", reference, "-f", "pdf", "-o", out)
    assert result.exit_code == 0, result.stderr
    listing = subprocess.run(
        ["pdfimages", "-list", str(out)], capture_output=True, text=True, check=True
    ).stdout
    assert len(listing.strip().splitlines()) == 2, listing  # the header only: no image at all


# --- templates -------------------------------------------------------------------------------


def _templates(folder: Path, text: str) -> Path:
    templates = folder / "t"
    templates.mkdir()
    (templates / "plan.md.j2").write_text(text, encoding="utf-8")
    return templates


@pytest.mark.parametrize(
    "attack",
    [
        "{{ cycler.__init__.__globals__.os.system('touch PWNED') }}",
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ plan.__class__.__init__.__globals__['sys'].modules['os'].system('touch PWNED') }}",
        "{% for x in range(10**9) %}{% endfor %}",
    ],
)
def test_a_template_cannot_run_commands(tmp_path: Path, attack: str) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN, encoding="utf-8")
    templates = _templates(tmp_path, attack + "\n")
    result = run("render", plan, "-f", "md", "--template-dir", templates, "-o", "-", cwd=tmp_path)
    clean(result, "plan.md.j2:1:", codes=(2,))
    assert not (tmp_path / "PWNED").exists()


def test_a_template_error_in_an_expression_is_located(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN, encoding="utf-8")
    templates = _templates(tmp_path, "# {{ title }}\n{{ 1/0 }}\n")
    result = run("render", plan, "-f", "md", "--template-dir", templates, "-o", "-", cwd=tmp_path)
    clean(result, "plan.md.j2:2:", "ZeroDivisionError", "> 2 | {{ 1/0 }}", codes=(2,))


@pytest.mark.parametrize("name", ["plan.md.j2", "builtin/plan.md.j2"])
def test_a_template_extends_the_built_in_one_of_the_same_name(tmp_path: Path, name: str) -> None:
    plan = EXAMPLES / "plan_2023.yaml"
    built_in = run("render", plan, "-f", "md", "-o", "-", cwd=tmp_path)
    templates = _templates(tmp_path, f"{{% extends '{name}' %}}\n")
    result = run("render", plan, "-f", "md", "--template-dir", templates, "-o", "-", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == built_in.stdout


def test_a_template_includes_the_built_in_one_of_the_same_name(tmp_path: Path) -> None:
    plan = EXAMPLES / "plan_2023.yaml"
    built_in = run("render", plan, "-f", "md", "-o", "-", cwd=tmp_path)
    text = "{% include 'plan.md.j2' %}\nDopisek gminy: {{ plan.rok }}\n"
    templates = _templates(tmp_path, text)
    result = run("render", plan, "-f", "md", "--template-dir", templates, "-o", "-", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(built_in.stdout.rstrip("\n"))
    assert result.stdout.endswith("Dopisek gminy: 2023\n")


# --- texts that defeat a parser ------------------------------------------------------------


def test_emphasis_is_parsed_in_a_few_linear_passes(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    scan = richtext._scan

    def counting(text: str, closed_from: dict[str, int]) -> object:
        calls.append(len(text))
        return scan(text, closed_from)

    monkeypatch.setattr(richtext, "_scan", counting)
    for text in ("*a " * 6666, "**a " * 6000, "*a **b " * 3000, "***" * 5000):
        calls.clear()
        richtext.parse_inline(text)
        assert len(calls) <= richtext.MAX_PASSES + 1, (text[:10], len(calls))


def test_emphasis_still_reads_what_the_renderer_writes() -> None:
    assert richtext.parse_inline("a *b* **c** ***d*** \\*e\\*") == [
        richtext.Inline("a "),
        richtext.Inline("b", italic=True),
        richtext.Inline(" "),
        richtext.Inline("c", bold=True),
        richtext.Inline(" "),
        richtext.Inline("d", bold=True, italic=True),
        richtext.Inline(" *e*"),
    ]


def test_chapters_full_of_unclosed_emphasis_render(tmp_path: Path) -> None:
    chapter = "*a " * 6666
    plan = tmp_path / "plan.yaml"
    sections = "".join(
        f"  - tytul: Rozdział {n}\n    tresc: {json.dumps(chapter)}\n" for n in range(3)
    )
    plan.write_text(PLAN + "sekcje:\n" + sections, encoding="utf-8")
    for fmt in ("md", "html", "docx"):
        result = run("render", plan, "-f", fmt, "-o", tmp_path / f"plan.{fmt}", cwd=tmp_path)
        assert result.exit_code == 0, result.stderr


def _markdown_plan(folder: Path, cell: str) -> Path:
    rendered = run("render", EXAMPLES / "plan_2023.yaml", "-f", "md", "-o", "-", cwd=folder)
    lines = rendered.stdout.split("\n")
    first_row = next(n for n, line in enumerate(lines) if line.startswith("|---")) + 1
    cells = lines[first_row].split(" | ")
    cells[1] = cell  # ADRESACI
    lines[first_row] = " | ".join(cells)
    path = folder / "plan.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("cell", "codes", "expected"),
    [
        ("**a " * 6000, (0,), ""),
        ("x" * 900_000, (1,), "at most 20,000"),
        ("|" * 900_000, (2,), "more than 100 cells"),
        ("|" * 5_000_000, (2,), "longer than 1,000,000 characters"),
    ],
    ids=["unclosed-bold", "1-mb-cell", "many-pipes", "5-mb-line-of-pipes"],
)
def test_markdown_import_of_huge_rows_is_bounded(
    tmp_path: Path, cell: str, codes: tuple[int, ...], expected: str
) -> None:
    path = _markdown_plan(tmp_path, cell)
    result = run("import", path, "-o", tmp_path / "plan.yaml", cwd=tmp_path)
    clean(result, expected, codes=codes)


# --- texts the YAML writer must quote, dates that do not exist --------------------------------


@pytest.mark.parametrize("text", ["1999-99-99", "2023-02-30", "2023-13-01 10:00:00", "0000-01-01"])
def test_text_that_looks_like_a_date_survives_new_and_import(tmp_path: Path, text: str) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN.replace("Spotkania z mieszkańcami", json.dumps(text)), encoding="utf-8")
    result = run("new", "2024", "--from", plan, "-o", tmp_path / "plan_2024.yaml", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert run("validate", tmp_path / "plan_2024.yaml", cwd=tmp_path).exit_code == 0
    assert run("render", plan, "-f", "md", "-o", tmp_path / "plan.md", cwd=tmp_path).exit_code == 0
    result = run("import", tmp_path / "plan.md", "-o", tmp_path / "back.yaml", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert text in (tmp_path / "back.yaml").read_text(encoding="utf-8")
    assert run("validate", tmp_path / "back.yaml", cwd=tmp_path).exit_code == 0


@pytest.mark.parametrize(
    ("term", "moved"),
    [
        ("2024-02-29", '"2025-02-28"'),
        ("29.02.2024", "28.02.2025"),
        ("29 lutego 2024", "28 lutego 2025"),
        ("luty 2024", "luty 2025"),
    ],
)
def test_29_february_moves_to_28_february_in_new(tmp_path: Path, term: str, moved: str) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN.replace("2023", "2024").replace("marzec 2024", term), encoding="utf-8")
    assert run("validate", plan, cwd=tmp_path).exit_code == 0
    result = run("new", "2025", "--from", plan, "-o", "-", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert f"termin: {moved}\n" in result.stdout


@pytest.mark.parametrize("term", ["29.02.2023", "29 lutego 2023", "2023-02-29"])
def test_29_february_of_a_common_year_is_refused(tmp_path: Path, term: str) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN.replace("marzec 2023", json.dumps(term)), encoding="utf-8")
    result = run("validate", plan, cwd=tmp_path)
    clean(result, "plan.yaml:4:13:", "29 February", "not a leap year", codes=(1,))


# --- what messages show ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("yaml_text", "expected"),
    [
        ('"EVIL\\nplan.yaml: valid (99 tasks)": 1\n', "EVIL\\nplan.yaml: valid (99 tasks)"),
        ('"\\e[2J\\e[31mred": 1\n', "\\x1b[2J\\x1b[31mred"),
        ('gmina: "Gmina\\x9b Klucze"\n', "U+009B"),
    ],
    ids=["newline-in-key", "escape-in-key", "c1-control"],
)
def test_control_characters_are_shown_escaped_one_problem_per_line(
    tmp_path: Path, yaml_text: str, expected: str
) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN + yaml_text, encoding="utf-8")
    result = run("validate", plan, cwd=tmp_path)
    clean(result, expected, codes=(1,))
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2, lines  # the problem and the summary
    assert "valid (99 tasks)" not in lines[-1]
    assert "\x1b" not in result.stderr and "\x9b" not in result.stderr


def test_a_file_name_with_a_newline_stays_on_one_line(tmp_path: Path) -> None:
    plan = tmp_path / "EVIL\nplan.yaml"
    plan.write_text(PLAN, encoding="utf-8")
    result = run("validate", plan, cwd=tmp_path)
    assert result.exit_code == 0
    assert result.stdout.count("\n") == 1 and "EVIL\\nplan.yaml: valid" in result.stdout


# --- import: the ids property ----------------------------------------------------------------


@pytest.mark.parametrize("bad_id", ["ferie\n", "ferie na sportowo", "-x", "x" * 65, 7])
def test_an_invalid_id_in_the_ids_property_is_left_out_with_a_comment(
    tmp_path: Path, bad_id: object
) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN.replace("  - zadanie:", "  - id: spotkania\n    zadanie:"))
    out = tmp_path / "plan.docx"
    result = run("render", plan, "-o", out, cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    parts = _parts(out)
    custom = parts["docProps/custom.xml"].decode()
    found = re.search(r"<vt:lpwstr>(\{.*?\})</vt:lpwstr>", custom, re.S)
    assert found is not None
    from html import unescape
    from xml.sax.saxutils import escape

    ids = json.loads(unescape(found.group(1)))
    first = next(iter(ids))
    ids[first] = bad_id
    new_value = escape(json.dumps(ids))
    parts["docProps/custom.xml"] = custom.replace(found.group(1), new_value).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    out.write_bytes(buffer.getvalue())
    result = run("import", out, "-o", tmp_path / "back.yaml", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    back = (tmp_path / "back.yaml").read_text(encoding="utf-8")
    assert "1 invalid task id in the document ignored" in back
    assert run("validate", tmp_path / "back.yaml", cwd=tmp_path).exit_code == 0
