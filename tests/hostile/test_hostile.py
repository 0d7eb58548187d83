"""Hostile input: every case fails cleanly (exit 1 or 2, one located message with a fix, no
traceback), within 5 s of CPU time and 1 GB, creating no output and leaving an existing output
untouched."""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from helpers import Result, run_cli

DATA = Path(__file__).parent / "data"
INVALID = Path(__file__).parent.parent / "invalid"
EXAMPLE = Path(__file__).parent.parent.parent / "examples" / "plan_2023.yaml"
LIMIT_BYTES = 1024**3
CPU_SECONDS = 5  # CPU time, which a busy machine does not stretch
HANG_SECONDS = 60.0  # wall-clock time: only for a command that waits forever
PREVIOUS = b"previous output, must survive\n"
PLAN = "rok: 2023\nzadania:\n  - zadanie: Spotkania z mieszkańcami\n    termin: marzec 2023\n"


def run(*args: str | Path, cwd: Path) -> Result:
    """The real CLI under limits of memory and CPU time (exceeding either fails the test)."""
    return run_cli(
        *args, cwd=cwd, timeout=HANG_SECONDS, memory_limit=LIMIT_BYTES, cpu_limit=CPU_SECONDS
    )


# --- hostile files -------------------------------------------------------------------------


def alias_bomb() -> bytes:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    return ("\n".join(lines) + "\n").encode()


def big_field() -> bytes:
    return (PLAN + "wstep: " + "Ala ma kota. " * 2_400_000 + "\n").encode()  # ~30 MB


def deep_nesting() -> bytes:
    return ("rok: 2023\nzadania: " + "[" * 100_000 + "]" * 100_000 + "\n").encode()


def deep_block_nesting() -> bytes:
    lines = ["rok: 2023", "zadania:"] + [" " * (2 * i) + "- " for i in range(1, 200)]
    return ("\n".join(lines) + "x\n").encode()


def docx_not_zip() -> bytes:
    return b"This is not a Word file at all.\n" * 10


def docx_zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"<" + b"a" * (400 * 1024 * 1024))
    return buffer.getvalue()


def docx_external_entity(secret: Path) -> bytes:
    document = (
        '<?xml version="1.0"?>\n'
        f'<!DOCTYPE d [<!ENTITY x SYSTEM "file://{secret}">]>\n'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", document)
    return buffer.getvalue()


def docx_billion_laughs() -> bytes:
    entities = '<!ENTITY a0 "lol">' + "".join(
        f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10)
    )
    document = (
        f'<?xml version="1.0"?>\n<!DOCTYPE d [{entities}]>\n'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>&a9;</w:t></w:r></w:p></w:body></w:document>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", document)
    return buffer.getvalue()


# --- the cases -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    name: str
    command: str
    #: The input file's bytes (a callable builds big ones lazily), or a corpus file.
    data: bytes | Callable[[Path], bytes]
    #: Substrings the message must contain: the place and the fix.
    expect: tuple[str, ...]
    suffix: str = ".yaml"
    #: Extra arguments; {input}, {out}, {dir} are replaced.
    args: tuple[str, ...] = ()
    codes: tuple[int, ...] = (1, 2)
    output_exists: bool = True
    extra: dict[str, str] = field(default_factory=dict)


def corpus(name: str) -> bytes:
    return (INVALID / name).read_bytes()


def yaml_cases(command: str, args: tuple[str, ...]) -> list[Case]:
    """The YAML attacks, for a command that reads a plan."""
    return [
        Case(
            "duplicate-keys",
            command,
            corpus("duplicate_key.yaml"),
            (":5:5:", "appears twice", "keep one of them"),
            args=args,
        ),
        Case(
            "alias-bomb",
            command,
            lambda _: alias_bomb(),
            (":", "aliases expand to more than", "write the data out"),
            args=args,
        ),
        Case(
            "python-tag",
            command,
            corpus("tag_python_object.yaml"),
            (":3:14:", "!!python/object/apply:os.system is not allowed", "remove the tag"),
            args=args,
        ),
        Case(
            "cp1250",
            command,
            corpus("cp1250.yaml"),
            (":2:22:", "Windows-1250", "save the file as UTF-8"),
            args=args,
        ),
        Case(
            "utf16",
            command,
            corpus("utf16.yaml"),
            (":1:1:", "UTF-16", "save the file as UTF-8"),
            args=args,
        ),
        Case(
            "bom-and-control-char",
            command,
            b"\xef\xbb\xbf" + PLAN.encode() + b'gmina: "Gmina\\x1b Klucze"\n',
            (":5:8:", "gmina", "U+001B", "delete it"),
            args=args,
        ),
        Case(
            "big-field",
            command,
            lambda _: big_field(),
            (":5:8:", "wstep", "is too long", "shorten it"),
            args=args,
        ),
        Case(
            "deep-flow-nesting",
            command,
            lambda _: deep_nesting(),
            (":2:", "nested", "levels"),
            args=args,
        ),
        Case(
            "deep-block-nesting",
            command,
            lambda _: deep_block_nesting(),
            (":", "nested", "levels"),
            args=args,
        ),
        Case(
            "rok-in-words",
            command,
            corpus("wrong_type_rok_text.yaml"),
            (":1:6:", "rok", "rok: 2023"),
            args=args,
        ),
        Case(
            "number-as-zadanie",
            command,
            corpus("wrong_type_zadanie_number.yaml"),
            (":3:14:", "zadania[1].zadanie", "must be text", "quotes"),
            args=args,
        ),
        Case(
            "tabs", command, corpus("tabs.yaml"), (":4:1:", "tab", "indent with spaces"), args=args
        ),
        Case("empty-file", command, b"", ("the file is empty", "--pusty"), args=args),
        Case(
            "top-level-list",
            command,
            corpus("top_level_list.yaml"),
            (":1:1:", "the top level is a list", "rok: 2023"),
            args=args,
        ),
        Case(
            "unknown-key",
            command,
            corpus("unknown_key_adresat.yaml"),
            (":4:5:", "adresat", "did you mean „adresaci”"),
            args=args,
        ),
        Case(
            "impossible-term",
            command,
            corpus("term_reversed.yaml"),
            (":4:13:", "zadania[1].termin", "ends before it starts", "write both years"),
            args=args,
        ),
    ]


RENDER = ("render", "{input}", "--format", "docx", "-o", "{out}")
CASES: list[Case] = [
    *yaml_cases("validate", ("validate", "{input}")),
    *[c for c in yaml_cases("render", RENDER)
      if c.name in {"duplicate-keys", "alias-bomb", "python-tag", "cp1250", "big-field",
                    "bom-and-control-char", "deep-flow-nesting", "empty-file", "impossible-term"}],
    Case("md-render-invalid", "render", corpus("term_unknown_month.yaml"), (":4:13:", "„marzec”"),
         args=("render", "{input}", "--format", "md", "-o", "{out}")),
    Case("html-render-invalid", "render", corpus("unknown_key_year_english.yaml"),
         (":1:1:", "year", "did you mean „rok”"),
         args=("render", "{input}", "--format", "html", "-o", "{out}")),
    Case("output-is-input", "render", PLAN.encode(), ("is the input plan", "-o"),
         args=("render", "{input}", "-o", "{input}"), output_exists=False),
    Case("missing-output-folder", "render", PLAN.encode(), ("does not exist", "create it"),
         args=("render", "{input}", "-o", "{dir}/no/such/folder/plan.docx"), output_exists=False),
    Case("output-folder-is-a-file", "render", PLAN.encode(), ("plan.docx",),
         args=("render", "{input}", "-o", "{input}/plan.docx"), output_exists=False),
    Case("read-only-output-folder", "render", PLAN.encode(), ("cannot be written",),
         args=("render", "{input}", "-o", "{readonly}/plan.docx"), output_exists=False),
    Case("reference-doc-not-a-zip", "render", PLAN.encode(), ("reference.docx",),
         args=(*RENDER, "--reference-doc", "{docx}"), extra={"docx": "not-zip"}),
    Case("reference-doc-zip-bomb", "render", PLAN.encode(), ("reference.docx",),
         args=(*RENDER, "--reference-doc", "{docx}"), extra={"docx": "bomb"}),
    *[c for c in yaml_cases("diff", ("diff", str(EXAMPLE), "{input}", "-o", "{out}"))
      if c.name in {"duplicate-keys", "alias-bomb", "python-tag", "cp1250", "unknown-key"}],
    Case("diff-missing-plan", "diff", PLAN.encode(), ("no such file",),
         args=("diff", "{dir}/plan_1999.yaml", "{input}", "-o", "{out}")),
    # --overwrite: import refuses an existing output without it; here the input itself must fail.
    Case("import-not-a-zip", "import", lambda _: docx_not_zip(), ("plan.docx", "not a DOCX"),
         suffix=".docx", args=("import", "{input}", "-o", "{out}", "--overwrite")),
    Case("import-zip-bomb", "import", lambda _: docx_zip_bomb(), ("plan.docx", "zip bomb"),
         suffix=".docx", args=("import", "{input}", "-o", "{out}", "--overwrite")),
    Case("import-external-entity", "import", lambda d: docx_external_entity(d / "secret.txt"),
         ("plan.docx",), suffix=".docx", args=("import", "{input}", "-o", "{out}", "--overwrite")),
    Case("import-billion-laughs", "import", lambda _: docx_billion_laughs(), ("plan.docx",),
         suffix=".docx", args=("import", "{input}", "-o", "{out}", "--overwrite")),
    Case("import-empty-file", "import", b"", ("plan.docx",), suffix=".docx",
         args=("import", "{input}", "-o", "{out}", "--overwrite")),
]  # fmt: skip


def test_there_are_at_least_30_cases_across_the_commands() -> None:
    assert len(CASES) >= 30
    assert {c.command for c in CASES} == {"validate", "render", "diff", "import"}


@pytest.mark.parametrize(
    "case",
    # The zip bombs take seconds to build: for `make test` only.
    [pytest.param(c, marks=pytest.mark.slow) if "zip-bomb" in c.name else c for c in CASES],
    ids=[f"{c.command}-{c.name}" for c in CASES],
)
def test_hostile_input_fails_cleanly(case: Case, tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    source = work / f"plan{case.suffix}"
    source.write_bytes(case.data(work) if callable(case.data) else case.data)
    (work / "secret.txt").write_text("SECRET-CONTENT")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    target = out_dir / "result.out"
    if case.output_exists:
        target.write_bytes(PREVIOUS)
    readonly = tmp_path / "readonly"
    readonly.mkdir()
    readonly_target = _read_only_folder(readonly)
    docx = work / "reference.docx"
    if case.extra.get("docx") == "not-zip":
        docx.write_bytes(docx_not_zip())
    elif case.extra.get("docx") == "bomb":
        docx.write_bytes(docx_zip_bomb())
    input_before = source.read_bytes()
    before = _listing(tmp_path)
    args = [
        a.format(input=source, out=target, dir=work, readonly=readonly_target, docx=docx)
        for a in case.args
    ]

    result = run(*args, cwd=work)

    assert result.exit_code in case.codes, result.stderr
    assert "Traceback" not in result.stderr
    assert "internal error" not in result.stderr
    assert "SECRET-CONTENT" not in result.stdout + result.stderr
    message = result.stderr
    for expected in case.expect:
        assert expected in message, f"{expected!r} not in {message!r}"
    problem_lines = [line for line in message.splitlines() if line and "problem" not in line]
    assert 1 <= len(problem_lines) <= 2, message  # one clear message (plus a summary line)
    assert len(message) < 2000, "the message quotes the whole hostile input"
    assert source.read_bytes() == input_before
    if case.output_exists:
        assert target.read_bytes() == PREVIOUS
    assert _listing(tmp_path) == before, "an output or temporary file was left behind"


def _read_only_folder(folder: Path) -> Path:
    """A folder nobody can write into: chmod for users; /proc for root, who ignores modes."""
    if os.geteuid() == 0:
        return Path("/proc")
    folder.chmod(0o555)
    return folder


def _listing(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*")}


# --- markup in the data is text, not markup ------------------------------------------------


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_markup_in_the_data_is_rendered_literally(fmt: str, tmp_path: Path) -> None:
    target = tmp_path / f"plan.{fmt}"
    result = run("render", DATA / "markup.yaml", "--format", fmt, "-o", target, cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    if fmt == "html":
        page = target.read_text()
        assert "<script>alert" not in page and "&lt;script&gt;" in page
        assert "<b>ani HTML</b>" not in page
        assert "{{ plan.rok }}" in page and "{% if true %}" in page
    elif fmt == "md":
        text = target.read_text()
        assert "{{ plan.rok }}" in text
        assert "**Nie pogrubiać**" not in text  # escaped: \*\*Nie pogrubiać\*\*
    else:
        import docx

        document = docx.Document(str(target))
        texts = "\n".join(p.text for p in document.paragraphs)
        texts += "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
        assert "{{ plan.rok }} {% if true %}Jinja{% endif %}" in texts
        assert "**Nie pogrubiać** _ani_ [linku](http://example.invalid) <b>ani HTML</b>" in texts
