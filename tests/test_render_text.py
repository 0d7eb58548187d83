"""Markdown and HTML: golden files, data that stays literal, user templates, and real parsers.

Golden files are rewritten only on request:
``OSL_PLAN_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_render_text.py``; review the diff before
committing them.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from helpers import EXAMPLES, ROOT, run_cli, update_golden

from osl_plan.errors import TemplateFailed, UnreadableFile
from osl_plan.load import load, loads
from osl_plan.render import RenderOptions, render
from osl_plan.terms import NBSP

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = update_golden()

CASES = {
    # golden name: (plan file, options)
    "plan_2023": (EXAMPLES / "plan_2023.yaml", RenderOptions()),
    "plan_full": (GOLDEN / "plan_full.yaml", RenderOptions(harmonogram=True)),
}


def rendered(name: str, fmt: str) -> str:
    source, options = CASES[name]
    from dataclasses import replace

    options = replace(options, base_dir=source.parent)
    return render(load(source).plan, fmt, options).decode("utf-8")


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("name", sorted(CASES))
def test_golden(name: str, fmt: str) -> None:
    golden = GOLDEN / f"{name}.{fmt}"
    text = rendered(name, fmt)
    if UPDATE:
        golden.write_text(text, encoding="utf-8", newline="\n")
    assert golden.exists(), f"{golden.name} is missing: run with OSL_PLAN_UPDATE_GOLDEN=1"
    assert text == golden.read_text(encoding="utf-8"), (
        f"{golden.name} differs; if the change is intended, rerun with OSL_PLAN_UPDATE_GOLDEN=1 "
        "and review the diff"
    )


def test_schedule_is_an_annex_after_the_signatures_as_in_the_docx() -> None:
    from osl_plan.render.docx import SCHEDULE_HEADING

    md = rendered("plan_full", "md")
    heading = md.index(f"\n## {SCHEDULE_HEADING}\n")
    assert md.index("**Zatwierdził:**") < heading < md.index("\n---\n")
    assert md.index("| Nr | ZADANIE |") > heading
    page = rendered("plan_full", "html")
    annex = page.index(f'<h2 id="harmonogram">{SCHEDULE_HEADING}</h2>')
    assert page.index('<div class="signatures">') < annex < page.index('<table class="schedule">')
    assert annex < page.index("</main>") < page.index('<aside class="strip"')


def test_html_term_keeps_month_and_year_on_one_line() -> None:
    page = rendered("plan_full", "html")
    assert f"<td>Grudzień{NBSP}2024{NBSP}– styczeń{NBSP}2025</td>" in page


# --- Data never breaks the output -------------------------------------------------------------

HOSTILE = [
    "a | b || c",
    "**nie pogrubione** *ani* _pochyłe_ __też__",
    "# nie nagłówek",
    "<script>alert('x')</script> & &amp; <b>b</b>",
    "{{ plan.rok }} {% if true %}x{% endif %} {# komentarz #}",
    "`kod` ```blok```",
    "[link](http://example.org) ![obraz](x.png) <http://example.org>",
    "- nie lista",
    "1. nie numer",
    "> nie cytat",
    "back\\slash \\| ~~skreślone~~",
    "pierwsza linia\ndruga | linia",
]


def hostile_plan_text() -> str:
    def q(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'

    tasks = "\n".join(
        f"  - zadanie: {q(text)}\n    dzialania: [{q(text)}]\n"
        f"    adresaci: [{q(text)}, {q(text)}]\n    termin: marzec 2023"
        for text in HOSTILE
    )
    return (
        f"rok: 2023\ntytul: {q(HOSTILE[3])}\njednostka: {q(HOSTILE[4])}\n"
        f"wstep: {q(HOSTILE[2] + chr(10) + chr(10) + HOSTILE[0])}\n"
        f"sekcje:\n  - tytul: {q(HOSTILE[5])}\n    tresc: {q('Tekst ' + HOSTILE[4])}\n"
        f"zadania:\n{tasks}\n"
        f"podpisy:\n  opracowal:\n    osoba: {q(HOSTILE[6])}\n    stanowisko: {q(HOSTILE[0])}\n"
        f"finansowanie:\n  znaki: [{q(HOSTILE[3])}, {q('Unia | Europejska')}]\n"
    )


@pytest.fixture
def hostile() -> RenderOptions:
    return RenderOptions(harmonogram=True)


def _plan() -> object:
    return loads(hostile_plan_text(), "hostile.yaml").plan


def test_hostile_markdown_escapes_exactly(hostile: RenderOptions) -> None:
    md = render(_plan(), "md", hostile).decode().replace(NBSP, " ")  # type: ignore[arg-type]
    lines = md.splitlines()
    title = next(line for line in lines if line.startswith("# "))
    assert title == r"# \<SCRIPT\>ALERT('X')\</SCRIPT\> \& \&AMP; \<B\>B\</B\>"
    assert r"\# nie nagłówek" in lines
    row = next(line for line in lines if line.startswith("| a \\|"))
    assert row == (
        r"| a \| b \|\| c<br>• a \| b \|\| c | • a \| b \|\| c<br>• a \| b \|\| c | Marzec 2023 |"
    )
    assert (
        r"| \*\*nie pogrubione\*\* \*ani\* \_pochyłe\_ \_\_też\_\_<br>"
        r"• \*\*nie pogrubione\*\* \*ani\* \_pochyłe\_ \_\_też\_\_ |"
    ) in md
    assert r"\- nie lista" in md and r"1\. nie numer" in md and r"\> nie cytat" in md
    assert "{{ plan.rok }} {% if true %}x{% endif %} {# komentarz #}" in md
    assert r"\[link\](http://example.org) !\[obraz\](x.png) \<http://example.org\>" in md
    assert r"back\\slash \\\| \~\~skreślone\~\~" in md
    assert r"| pierwsza linia<br>druga \| linia<br>• pierwsza linia<br>druga \| linia |" in md


def _cells(row: str) -> list[str]:
    """A GFM table row's cells: split at pipes that are not backslash-escaped."""
    inner = row.strip()[1:-1]
    return re.split(r"(?<!\\)\|", inner.replace("\\\\", "\x00"))


def test_hostile_markdown_tables_keep_their_columns(hostile: RenderOptions) -> None:
    md = render(_plan(), "md", hostile).decode().replace(NBSP, " ")  # type: ignore[arg-type]
    rows = [line for line in md.splitlines() if line.startswith("|")]
    task_rows = [r for r in rows if len(_cells(r)) == 3]
    schedule_rows = [r for r in rows if len(_cells(r)) == 2 + 12]
    assert len(task_rows) == 2 + len(HOSTILE)  # header, delimiter, tasks
    assert len(schedule_rows) == 2 + len(HOSTILE)
    assert len(rows) == len(task_rows) + len(schedule_rows)


class _Collector(HTMLParser):
    """Text per element of interest, and a check that every tag is closed in order."""

    VOID = frozenset({"meta", "br", "img", "link", "hr", "col", "input"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.texts: dict[str, list[str]] = {}
        self.attrs: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attrs.append((tag, dict(attrs)))
        if tag == "br":
            self.handle_data(" ")
        if tag not in self.VOID:
            self.stack.append(tag)
            self.texts.setdefault(tag, []).append("")

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:]}")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        for tag in set(self.stack):
            self.texts[tag][-1] += data


def parse_html(text: str) -> _Collector:
    parser = _Collector()
    parser.feed(text)
    parser.close()
    assert parser.errors == []
    assert parser.stack == []
    return parser


def _norm(text: str) -> str:
    return " ".join(text.replace(NBSP, " ").split())


def test_hostile_html_text_equals_the_input(hostile: RenderOptions) -> None:
    page = render(_plan(), "html", hostile).decode()  # type: ignore[arg-type]
    doc = parse_html(page)
    assert not any(tag == "script" for tag, _ in doc.attrs)
    assert not any(tag == "b" for tag, _ in doc.attrs)
    assert _norm(doc.texts["h1"][0]) == _norm(HOSTILE[3].upper())
    assert _norm(doc.texts["title"][0]).startswith(_norm(HOSTILE[3]))
    items = [_norm(t) for t in doc.texts["li"]]
    for text in HOSTILE:
        assert _norm(text) in items
    row_heads = [_norm(t) for t in doc.texts["p"]]
    for text in HOSTILE:
        assert _norm(text) in row_heads
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_html_example_is_self_contained_and_accessible(example_2023: Path) -> None:
    page = rendered("plan_2023", "html")
    doc = parse_html(page)
    assert page.startswith('<!doctype html>\n<html lang="pl">')
    assert ("meta", {"charset": "utf-8"}) in doc.attrs
    assert [t for t in doc.attrs if t[0] in {"h1", "h2"}] == [("h1", {})]
    assert doc.texts["caption"] == ["Zadania na 2023 rok"]
    headers = [a for tag, a in doc.attrs if tag == "th"]
    assert headers == [{"scope": "col"}] * 3
    assert len(doc.texts["tr"]) == 19
    assert not re.search(r"""(src|href)=["']?(https?:|//)""", page)
    assert "Fundusze Europejskie" in _norm(" ".join(doc.texts["aside"]))


def test_html_strip_image_is_embedded_with_alt_text() -> None:
    doc = parse_html(rendered("plan_full", "html"))
    images = [a for tag, a in doc.attrs if tag == "img"]
    assert len(images) == 1
    assert (images[0]["src"] or "").startswith("data:image/png;base64,iVBORw0KGgo")
    assert images[0]["alt"] == (
        "Fundusze Europejskie dla Rozwoju Społecznego, Rzeczpospolita Polska, "
        "Dofinansowane przez Unię Europejską"
    )
    headings = [tag for tag, _ in doc.attrs if tag in {"h1", "h2", "h3"}]
    assert headings == ["h1", "h2", "h2", "h2"]


def test_missing_strip_image_is_a_clear_error(tmp_path: Path) -> None:
    # The loader checks the image too; this covers a file that went away after loading.
    plan = load(GOLDEN / "plan_full.yaml").plan
    with pytest.raises(UnreadableFile, match=r"finansowanie\.obraz") as info:
        render(plan, "html", RenderOptions(base_dir=tmp_path))
    assert info.value.path == str(tmp_path / "pasek.png")


# --- User templates ----------------------------------------------------------------------------


def test_user_template_overrides_and_partials_fall_back(tmp_path: Path, example_2023: Path) -> None:
    (tmp_path / "plan.md.j2").write_text(
        "{{ title }} / {{ tasks|length }} zadań\n{% include '_strip.md.j2' %}", encoding="utf-8"
    )
    result = run_cli("render", example_2023, "-f", "md", "-o", "-", "--template-dir", tmp_path)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("PLAN ORGANIZOWANIA SPOŁECZNOŚCI LOKALNEJ / 18 zadań\n")
    assert "Rzeczpospolita Polska" in result.stdout


def test_undefined_variable_in_user_template_is_located(tmp_path: Path, example_2023: Path) -> None:
    (tmp_path / "plan.html.j2").write_text(
        "<h1>{{ title }}</h1>\n<p>{{ year_line }}</p>\n<p>{{ plan.budzet }}</p>\n<p>koniec</p>\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.html"
    result = run_cli("render", example_2023, "-f", "html", "-o", out, "--template-dir", tmp_path)
    assert result.exit_code == 2
    assert f"{tmp_path / 'plan.html.j2'}:3: " in result.stderr
    assert "budzet" in result.stderr
    assert ">  3 | <p>{{ plan.budzet }}</p>" in result.stderr.replace("> 3", ">  3")
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_template_syntax_error_is_located(tmp_path: Path) -> None:
    (tmp_path / "plan.md.j2").write_text("ok\n{% for x in tasks %}\n", encoding="utf-8")
    with pytest.raises(TemplateFailed) as info:
        render(load(EXAMPLES / "plan_2023.yaml").plan, "md", RenderOptions(template_dir=tmp_path))
    assert str(info.value).startswith(f"{tmp_path / 'plan.md.j2'}:2: ")


def test_missing_template_dir_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(TemplateFailed, match="does not exist"):
        render(
            load(EXAMPLES / "plan_2023.yaml").plan,
            "md",
            RenderOptions(template_dir=tmp_path / "nie-ma"),
        )


# --- Real readers ------------------------------------------------------------------------------

needs_pandoc = pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc not installed")


@needs_pandoc
def test_pandoc_reads_the_markdown_table_as_3_columns_18_rows() -> None:
    html = subprocess.run(
        ["pandoc", "-f", "gfm", "-t", "html"],
        input=rendered("plan_2023", "md").encode(),
        capture_output=True,
        check=True,
    ).stdout.decode()
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    rows = re.findall(r"<tr.*?</tr>", body, re.S)
    assert len(rows) == 18
    assert all(len(re.findall(r"<td", row)) == 3 for row in rows)
    assert len(re.findall(r"<th[ >]", html.split("</thead>")[0])) == 3


@needs_pandoc
def test_pandoc_reads_the_html_page() -> None:
    plain = subprocess.run(
        ["pandoc", "-f", "html", "-t", "plain", "--wrap=none"],
        input=rendered("plan_2023", "html").encode(),
        capture_output=True,
        check=True,
    )
    assert plain.stderr == b""
    text = _norm(plain.stdout.decode())
    for task in load(EXAMPLES / "plan_2023.yaml").plan.zadania:
        assert _norm(task.zadanie) in text


def test_cli_writes_markdown_to_stdout(example_2023: Path) -> None:
    result = run_cli("render", example_2023, "-f", "md", "-o", "-")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == rendered("plan_2023", "md")


def test_templates_are_in_the_source_tree() -> None:
    assert (ROOT / "templates" / "plan.md.j2").is_file()
    assert (ROOT / "templates" / "plan.html.j2").is_file()
