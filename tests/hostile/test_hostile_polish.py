"""No library's English reaches a Polish user: Jinja, Python, PyYAML, python-docx, the OS and
matplotlib each fail in Polish (messages are Polish by default, as users get them)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from builders import CPU_SECONDS, HANG_SECONDS, LIMIT_BYTES, PLAN, plain_docx_parts, zipped
from conftest import Result, run_cli

#: Words of the libraries' English messages; none may reach a Polish message.
ENGLISH = (
    "is undefined", "unsafe", "Range too big", "division by zero", "invalid literal",
    "Exceeds the limit", "found invalid", "Permission denied", "No such file", "Matplotlib",
    "matplotlib", "a text file", "has no attribute", "Encountered", "unexpected", "concatenate",
    "Traceback", "File is not a zip", "There is no item",
)  # fmt: skip


def run(*args: str | Path, cwd: Path) -> Result:
    return run_cli(
        *args, cwd=cwd, timeout=HANG_SECONDS, memory_limit=LIMIT_BYTES, cpu_limit=CPU_SECONDS
    )


@pytest.fixture(autouse=True)
def _polish(polish: None) -> None:
    """Every case here in Polish."""


def polish_only(result: Result, *expected: str, codes: tuple[int, ...] = (1, 2)) -> None:
    assert result.exit_code in codes, result.stderr
    text = result.stderr + result.stdout
    for english in ENGLISH:
        assert english not in text, f"{english!r} in {text!r}"
    for piece in expected:
        assert piece in text, f"{piece!r} not in {text!r}"


TEMPLATES = {
    "range-too-big": (
        "{{ range(10**9)|list }}",
        "range() w szablonie tworzy najwyżej 100\u00a0000",
    ),
    "unsafe-attribute": ('{{ "".__class__ }}', "„__class__” jest niedostępne w szablonach"),
    "unsafe-model-method": ("{{ plan.__init__ }}", "„__init__” jest niedostępne w szablonach"),
    "undefined": ("{{ nope }}", "„nope” nie jest zdefiniowane"),
    "no-attribute": ("{{ plan.nope }}", "nie ma tu „nope”"),
    "no-element": ("{{ [1][5] }}", "lista nie ma elementu 5"),
    "division-by-zero": ("{{ 1/0 }}", "szablon dzieli przez zero"),
    "text-plus-number": ('{{ "a" + 1 }}', "szablon łączy wartości, które do siebie nie pasują"),
    "int-of-text": ('{{ "x"|int(base=99) }}', ""),
    "unknown-tag": ("{% foo %}", "nieznany znacznik „foo”"),
    "unexpected-bracket": ("{{ x }", "„}” jest tu nieoczekiwane"),
    "unclosed-block": ("{% for a in b %}", "szablon kończy się wewnątrz bloku"),
}


@pytest.mark.parametrize("case", sorted(TEMPLATES))
def test_a_template_mistake_is_told_in_polish(tmp_path: Path, case: str) -> None:
    template, expected = TEMPLATES[case]
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN, encoding="utf-8")
    folder = tmp_path / "t"
    folder.mkdir()
    (folder / "plan.md.j2").write_text(f"# {{{{ title }}}}\n{template}\n", encoding="utf-8")
    out = tmp_path / "plan.md"
    result = run("render", plan, "-f", "md", "--template-dir", folder, "-o", out, cwd=tmp_path)
    if result.exit_code == 0:  # Jinja's int filter gives 0 for text it cannot read
        assert case == "int-of-text"
        return
    polish_only(result, "plan.md.j2:2:", expected)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("²", "„²” nie jest liczbą uczestników"), ("9" * 5000, "to więcej niż 100 000 uczestników")],
    ids=["superscript", "5000-digits"],
)
def test_a_count_python_cannot_read_is_told_in_polish(
    tmp_path: Path, value: str, expected: str
) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        PLAN + "    realizacja:\n      status: zrealizowane\n      wydarzenia:\n"
        f"        - data: 12.03.2023\n          uczestnicy: {value}\n",
        encoding="utf-8",
    )
    polish_only(run("validate", plan, cwd=tmp_path), expected.replace(" 000", "\u00a0000"))


@pytest.mark.parametrize("escape", ["\\udc80", "\\ud800", "\\U0000dfff"])
def test_a_lone_surrogate_escape_is_told_in_polish(tmp_path: Path, escape: str) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN + f'gmina: "Klucze{escape}"\n', encoding="utf-8")
    polish_only(run("validate", plan, cwd=tmp_path), "plan.yaml:5:", "nie oznacza żadnego znaku")


def test_a_folder_the_system_refuses_is_told_in_polish(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN, encoding="utf-8")
    folder = tmp_path / "zamkniety"
    folder.mkdir()
    if os.geteuid() == 0:
        target = Path("/proc/plan.md")  # root ignores modes; /proc refuses everyone
    else:
        folder.chmod(0o555)
        target = folder / "plan.md"
    result = run("render", plan, "-f", "md", "-o", target, cwd=tmp_path)
    polish_only(result, "nie można zapisać")


def test_an_unreadable_plan_is_told_in_polish(tmp_path: Path) -> None:
    result = run("validate", tmp_path / "brak.yaml", cwd=tmp_path)
    polish_only(result, "brak.yaml")


def test_a_folder_as_the_clause_file_is_told_in_polish(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN.replace("marzec 2023", "12.03.2023"), encoding="utf-8")
    (tmp_path / "klauzula").mkdir()
    result = run("lista", plan, "-z", "1", "--klauzula", tmp_path / "klauzula", cwd=tmp_path)
    polish_only(result, "to folder, a nie plik tekstowy")


@pytest.mark.parametrize("damage", ["not-a-zip", "no-document-part", "bad-styles-xml"])
def test_a_damaged_reference_doc_is_told_in_polish(tmp_path: Path, damage: str) -> None:
    parts = plain_docx_parts()
    if damage == "no-document-part":
        del parts["word/document.xml"]
    elif damage == "bad-styles-xml":
        parts["word/styles.xml"] = b"<w:styles><unclosed>"
    data = b"PK\x03\x04 not really" if damage == "not-a-zip" else zipped(parts)
    reference = tmp_path / "wzor.docx"
    reference.write_bytes(data)
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN, encoding="utf-8")
    out = tmp_path / "plan.docx"
    result = run("render", plan, "--reference-doc", reference, "-o", out, cwd=tmp_path)
    polish_only(result, "wzor.docx")
    assert not out.exists()


@pytest.mark.slow
def test_matplotlib_without_a_writable_home_is_quiet_and_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        PLAN + "    realizacja:\n      status: zrealizowane\n      wydarzenia:\n"
        "        - data: 12.03.2023\n          uczestnicy: 12\n",
        encoding="utf-8",
    )
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setenv("HOME", "/proc/no-home")  # nobody can write there, root included
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.delenv("MPLCONFIGDIR", raising=False)
    monkeypatch.setenv("TMPDIR", str(temporary))
    out = tmp_path / "raport.docx"
    result = run("report", plan, "-f", "docx", "-o", out, cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.strip().splitlines() == [f"Zapisano {out}"]
    assert list(temporary.iterdir()) == []


def test_damaged_xml_in_an_imported_docx_is_told_in_polish(tmp_path: Path) -> None:
    parts = plain_docx_parts()
    parts["word/document.xml"] = b"<w:document><w:body><w:p>"
    source = tmp_path / "plan.docx"
    source.write_bytes(zipped(parts))
    result = run("import", source, "-o", tmp_path / "plan.yaml", cwd=tmp_path)
    polish_only(result, "plan.docx", "uszkodzony XML")
    for lxml_words in ("Premature end", "line 1", "expected"):
        assert lxml_words not in result.stderr
