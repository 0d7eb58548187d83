"""``diff --format docx``: NEW as the official document with OLD → NEW as tracked changes."""

from __future__ import annotations

import io
import subprocess
import zipfile
from pathlib import Path

import pytest
from helpers import (
    EXAMPLES,
    NBSP,
    NS,
    W,
    accept_all,
    assert_in_order,
    document_body,
    paragraphs,
    reject_all,
    run_cli,
    soffice_or_skip,
)
from lxml import etree

from osl_plan.diff.compare import diff_loaded, diff_plans
from osl_plan.diff.redline import render_redline
from osl_plan.load import load
from osl_plan.model import Plan
from osl_plan.render import RenderOptions
from osl_plan.render.docx import render_docx


@pytest.fixture(scope="module")
def plans() -> tuple[object, bytes]:
    result = diff_loaded(load(EXAMPLES / "plan_2022.yaml"), load(EXAMPLES / "plan_2023.yaml"))
    return result, render_redline(result)


def test_accepting_all_gives_new_rejecting_all_gives_old(plans: tuple[object, bytes]) -> None:
    result, redline = plans
    options = RenderOptions(base_dir=EXAMPLES)
    new = paragraphs(document_body(render_docx(result.new, options)))  # type: ignore[attr-defined]
    old = paragraphs(document_body(render_docx(result.old, options)))  # type: ignore[attr-defined]
    assert paragraphs(accept_all(document_body(redline))) == new
    assert paragraphs(reject_all(document_body(redline))) == old
    assert new != old


def test_changes_carry_author_and_date_rows_are_marked(plans: tuple[object, bytes]) -> None:
    _, redline = plans
    root = document_body(redline)
    changes = root.xpath("//w:ins | //w:del", namespaces=NS)
    assert changes
    for change in changes:
        assert change.get(f"{{{W}}}author") == "osl-plan diff"
        assert change.get(f"{{{W}}}date", "").endswith("Z")
    assert len({c.get(f"{{{W}}}id") for c in changes}) == len(changes)
    # 2 added tasks and 4 removed, plus the one moved task deleted at its old place, added anew.
    assert len(root.xpath("//w:tr[w:trPr/w:ins]", namespaces=NS)) == 2 + 1
    assert len(root.xpath("//w:tr[w:trPr/w:del]", namespaces=NS)) == 4 + 1
    deleted_row = root.xpath("//w:tr[w:trPr/w:del]", namespaces=NS)[0]
    assert deleted_row.xpath(".//w:del/w:r/w:delText", namespaces=NS)
    assert not deleted_row.xpath(".//w:t", namespaces=NS)


CASES = Path(__file__).resolve().parent / "diff_cases"
#: The redlines LibreOffice reads (to ODT): the examples', and the changes outside the table.
SEEN_BY_LIBREOFFICE = (
    "examples",
    "chapters_word_changes",
    "signatures_changed",
    "funding_custom_marks",
    "goals_regrouped",
)


@pytest.fixture(scope="module")
def redline_odts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``osl-plan diff -f docx`` of each of SEEN_BY_LIBREOFFICE, converted to ODT by the real
    LibreOffice, all in one run of it: ``{name}.docx`` and ``{name}.odt`` in the folder."""
    soffice = soffice_or_skip()
    folder = tmp_path_factory.mktemp("redlines")
    documents = []
    for name in SEEN_BY_LIBREOFFICE:
        pair = (
            (EXAMPLES / "plan_2022.yaml", EXAMPLES / "plan_2023.yaml")
            if name == "examples"
            else (CASES / name / "old.yaml", CASES / name / "new.yaml")
        )
        documents.append(folder / f"{name}.docx")
        result = run_cli("diff", *pair, "-f", "docx", "-o", documents[-1])
        assert result.exit_code == 0, result.stderr
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{folder}/lo", "--headless",
         "--convert-to", "odt", "--outdir", str(folder), *map(str, documents)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    return folder


@pytest.mark.libreoffice
def test_libreoffice_sees_the_tracked_changes(redline_odts: Path) -> None:
    odt = redline_odts / "examples.odt"
    with zipfile.ZipFile(odt) as archive:
        content = etree.fromstring(archive.read("content.xml"))
    text_ns = {"text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0"}
    assert content.xpath("//text:tracked-changes", namespaces=text_ns)
    regions = content.xpath("//text:tracked-changes/text:changed-region", namespaces=text_ns)
    kinds = {r[0].tag.split("}")[1] for r in regions}
    assert kinds == {"insertion", "deletion"}
    # Every changed, added or removed task shows at least one change; LibreOffice joins
    # neighbouring runs of one change, so there are no more regions than marks in the DOCX.
    docx = odt.with_suffix(".docx").read_bytes()
    marks = len(document_body(docx).xpath("//w:ins | //w:del", namespaces=NS))
    assert 9 + 2 + 4 <= len(regions) <= marks


OUTSIDE_THE_TABLE = (
    "chapters_word_changes",
    "signatures_changed",
    "funding_custom_marks",
    "funding_preset_changed",
    "long_introduction_excerpt",
)


def _parts(docx: bytes, pattern: str) -> list[etree._Element]:
    import re

    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        names = sorted(n for n in archive.namelist() if re.fullmatch(pattern, n))
        return [etree.fromstring(archive.read(n)) for n in names]


def _case(name: str) -> tuple[object, bytes, bytes, bytes]:
    folder = CASES / name
    result = diff_loaded(load(folder / "old.yaml"), load(folder / "new.yaml"))
    options = RenderOptions(base_dir=folder)
    return (
        result,
        render_redline(result),
        render_docx(result.old, options),  # type: ignore[attr-defined]
        render_docx(result.new, options),  # type: ignore[attr-defined]
    )


@pytest.mark.parametrize("case", OUTSIDE_THE_TABLE)
def test_changes_outside_the_table_accept_to_new_reject_to_old(case: str) -> None:
    _, redline, old, new = _case(case)
    assert paragraphs(accept_all(document_body(redline))) == paragraphs(document_body(new))
    assert paragraphs(reject_all(document_body(redline))) == paragraphs(document_body(old))
    footers = r"word/(footer|header)\d*\.xml"
    accepted = [paragraphs(accept_all(part)) for part in _parts(redline, footers)]
    rejected = [paragraphs(reject_all(part)) for part in _parts(redline, footers)]
    assert [t for t in accepted if t] == [t for t in map(paragraphs, _parts(new, footers)) if t]
    old_strip = [t for t in map(paragraphs, _parts(old, footers)) if t]
    assert [t for t in rejected if t] == old_strip


def test_changed_chapters_are_edited_word_by_word() -> None:
    _, redline, _, _ = _case("chapters_word_changes")
    root = document_body(redline)
    # Edited in place: paragraphs holding unchanged text next to a tracked change.
    edited = root.xpath("//w:p[w:r/w:t and (w:ins or w:del)]", namespaces=NS)
    texts = ["".join(p.xpath("w:r/w:t/text()", namespaces=NS)) for p in edited]
    assert any(t.startswith("Celem głównym jest") for t in texts)
    assert any(t.startswith("Partnerzy") for t in texts)
    inserted = [
        "".join(i.xpath(".//w:t/text()", namespaces=NS))
        for i in root.xpath("//w:ins", namespaces=NS)
    ]
    assert "i\u00a0integracja " in inserted
    # Only the new list item is a whole inserted paragraph; nothing is deleted whole.
    assert len(root.xpath("//w:p[w:pPr/w:rPr/w:ins]", namespaces=NS)) == 2
    assert not root.xpath("//w:p[w:pPr/w:rPr/w:del]", namespaces=NS)
    # Formatting stays: the inserted words inside the bold phrase are bold, the new ones italic.
    assert root.xpath("//w:ins/w:r[w:rPr/w:b]/w:t", namespaces=NS)
    assert root.xpath("//w:ins/w:r[w:rPr/w:i]/w:t[contains(., 'organizacjami')]", namespaces=NS)


def test_signature_block_tracks_names_positions_and_dates() -> None:
    _, redline, _, _ = _case("signatures_changed")
    root = document_body(redline)
    deleted = "".join(root.xpath("//w:del//w:delText/text()", namespaces=NS))
    inserted = "".join(root.xpath("//w:ins//w:t/text()", namespaces=NS))
    for text in ("A", "K", "Organizator", "2022", "10", "……………………"):
        assert text in deleted
    for text in ("M", "W", "Starszy organizator", "B.", "N.", "w\u00a0Kluczach", "2023", "16"):
        assert text in inserted


def test_strip_marks_are_tracked_in_their_cells() -> None:
    _, redline, _, _ = _case("funding_custom_marks")
    (footer,) = [
        p for p in _parts(redline, r"word/footer\d*\.xml") if p.xpath("//w:tbl", namespaces=NS)
    ]
    assert "".join(footer.xpath("//w:del//w:delText/text()", namespaces=NS)).count("Rzeczpospolita")
    assert footer.xpath("//w:ins//w:t[contains(., 'Małopolsk')]", namespaces=NS)


@pytest.mark.libreoffice
@pytest.mark.parametrize("case", SEEN_BY_LIBREOFFICE[1:])
def test_libreoffice_sees_changes_outside_the_table(case: str, redline_odts: Path) -> None:
    odt = redline_odts / f"{case}.odt"
    text_ns = {"text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0"}
    with zipfile.ZipFile(odt) as archive:
        regions = [
            region
            for part in ("content.xml", "styles.xml")
            for region in etree.fromstring(archive.read(part)).xpath(
                "//text:tracked-changes/text:changed-region", namespaces=text_ns
            )
        ]
    kinds = {r[0].tag.split("}")[1] for r in regions}
    assert kinds == {"insertion", "deletion"}
    assert len(regions) >= 4


# --- the table under the plan's goals ------------------------------------------------------------

GOALS = CASES / "goals_regrouped"


def _without_goals(plan: Plan) -> Plan:
    tasks = tuple(t.model_copy(update={"cel": None}) for t in plan.zadania)
    return plan.model_copy(update={"cele": None, "zadania": tasks})


def _goal_plans(variant: str) -> tuple[Plan, Plan]:
    old, new = (load(GOALS / name).plan for name in ("old.yaml", "new.yaml"))
    return {
        "regrouped": (old, new),
        "reversed": (new, old),
        "goals_added": (_without_goals(old), new),
        "goals_removed": (old, _without_goals(new)),
        "same_goals": (old, old.model_copy(update={"rok": 2025})),
    }[variant]


@pytest.mark.parametrize(
    "variant", ["regrouped", "reversed", "goals_added", "goals_removed", "same_goals"]
)
def test_goals_accept_to_new_reject_to_old(variant: str) -> None:
    old, new = _goal_plans(variant)
    redline = render_redline(diff_plans(old, new))
    options = RenderOptions(base_dir=GOALS)
    accepted, rejected = accept_all(document_body(redline)), reject_all(document_body(redline))
    assert paragraphs(accepted) == paragraphs(document_body(render_docx(new, options)))
    assert paragraphs(rejected) == paragraphs(document_body(render_docx(old, options)))
    # Each side keeps a table head per goal heading: the same count as its own document.
    head = "//w:tr[w:trPr/w:tblHeader]"
    assert len(accepted.xpath(head, namespaces=NS)) == len(
        document_body(render_docx(new, options)).xpath(head, namespaces=NS)
    )
    assert len(rejected.xpath(head, namespaces=NS)) == len(
        document_body(render_docx(old, options)).xpath(head, namespaces=NS)
    )


def _marked_paragraphs(root: etree._Element, kind: str) -> list[str]:
    found = root.xpath(f"//w:p[w:pPr/w:rPr/w:{kind}]", namespaces=NS)
    return ["".join(p.xpath(".//w:t/text() | .//w:delText/text()", namespaces=NS)) for p in found]


def _rows_marked(root: etree._Element, kind: str) -> list[str]:
    rows = root.xpath(f"//w:tr[w:trPr/w:{kind} and not(w:trPr/w:tblHeader)]", namespaces=NS)
    return [r.xpath("string(w:tc[1])", namespaces=NS).replace(NBSP, " ") for r in rows]


def test_goal_headings_and_tasks_that_changed_goal_are_tracked() -> None:
    root = document_body(render_redline(diff_plans(*_goal_plans("regrouped"))))
    headings = root.xpath("//w:body/w:p[w:pPr/w:pStyle[@w:val='Heading2']]", namespaces=NS)
    texts = [
        "".join(h.xpath(".//w:t/text() | .//w:delText/text()", namespaces=NS)) for h in headings
    ]
    grouped = [t for t in texts if t.startswith("Cel szczegółowy") or t == "Pozostałe zadania"]
    assert [t.replace(NBSP, " ") for t in grouped] == [
        "Cel szczegółowy 1. Integracja mieszkańców różnych pokoleń i kultur",
        "Cel szczegółowy 2. Wzmocnienie organizacji pozarządowych",
        "Cel szczegółowy 3. Aktywizacja seniorów",
        "Cel szczegółowy 3. Rozwój wolontariatu",
        "Pozostałe zadania",
    ]
    # The removed goal's heading is deleted, the new goal's inserted, the renamed one edited.
    deleted, inserted = _marked_paragraphs(root, "del"), _marked_paragraphs(root, "ins")
    assert "Cel szczegółowy 3. Aktywizacja seniorów" in [t.replace(NBSP, " ") for t in deleted]
    assert "Cel szczegółowy 3. Rozwój wolontariatu" in [t.replace(NBSP, " ") for t in inserted]
    renamed = headings[texts.index(grouped[0])]
    assert renamed.xpath("w:ins//w:t/text()", namespaces=NS) == [f" i{NBSP}kultur"]
    assert not renamed.xpath("w:pPr/w:rPr/*", namespaces=NS)
    # A task moved to another goal: deleted under the old goal, inserted under the new one.
    for task in ("Dzień Seniora w Domu Kultury", "Warsztaty międzypokoleniowe"):
        assert task in _rows_marked(root, "del") and task in _rows_marked(root, "ins")
    assert _rows_marked(root, "del").count("Spotkania Klubu Seniora") == 1
    assert "Piknik rodzinny na Rynku" not in _rows_marked(root, "del") + _rows_marked(root, "ins")
    # The header row of the removed goal's table is deleted with its heading.
    heads = root.xpath("//w:tr[w:trPr/w:tblHeader]", namespaces=NS)
    assert [bool(h.xpath("w:trPr/w:del", namespaces=NS)) for h in heads] == [
        False, False, True, False, False,
    ]  # fmt: skip
    assert [bool(h.xpath("w:trPr/w:ins", namespaces=NS)) for h in heads] == [
        False, False, False, True, False,
    ]  # fmt: skip
    # Their text goes with them (LibreOffice removes a row only with its text).
    assert not heads[2].xpath(".//w:t", namespaces=NS)
    assert heads[2].xpath("string(.)", namespaces=NS).startswith("ZADANIE")
    assert len(heads[3].xpath(".//w:ins/w:r/w:t", namespaces=NS)) == len(
        heads[3].xpath(".//w:t", namespaces=NS)
    )


def test_goals_chapter_is_tracked() -> None:
    root = document_body(render_redline(diff_plans(*_goal_plans("regrouped"))))
    main = root.xpath("//w:p[w:r/w:t[starts-with(., 'Cel główny')]]", namespaces=NS)
    assert len(main) == 1
    assert main[0].xpath("w:ins//w:t/text()", namespaces=NS) == [f"i{NBSP}współpracy "]
    listed = root.xpath("//w:p[w:pPr/w:numPr and (w:ins or w:del)]", namespaces=NS)
    changed = [
        "".join(p.xpath(".//w:t/text() | .//w:delText/text()", namespaces=NS)) for p in listed
    ]
    assert [t.replace(NBSP, " ") for t in changed] == [
        "Integracja mieszkańców różnych pokoleń i kultur",
        "Aktywizacja seniorówRozwój wolontariatu",
    ]


@pytest.mark.libreoffice
def test_pdf_shows_the_tasks_under_their_goals_with_changes(soffice: str, tmp_path: Path) -> None:
    from helpers import pdf_text

    out = tmp_path / "zmiany.pdf"
    result = run_cli("diff", GOALS / "old.yaml", GOALS / "new.yaml", "-f", "pdf", "-o", out)
    assert result.exit_code == 0, result.stderr
    text = pdf_text(out)
    order = [
        "Cel szczegółowy 1. Integracja mieszkańców różnych pokoleń i kultur",
        "Dzień Seniora w Domu Kultury",  # inserted under goal 1
        "Piknik rodzinny na Rynku",
        "Cel szczegółowy 2. Wzmocnienie organizacji pozarządowych",
        "Szkolenie dla organizacji pozarządowych",
        "Cel szczegółowy 3. Aktywizacja seniorów",  # the removed goal, struck out
        "Dzień Seniora w Domu Kultury",  # deleted under it
        "Spotkania Klubu Seniora",
        "Cel szczegółowy 3. Rozwój wolontariatu",
        "Szkolenie dla wolontariuszy",
        "Pozostałe zadania",
        "Spotkania organizacyjne z sołtysami",
        "Opracował:",
    ]
    assert_in_order(text, order)
    assert text.count("ZADANIE ADRESACI") == 5  # one table head per heading, tracked or not
    assert "20242025 ROK" in text.replace("2024 2025", "20242025")


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (("Pierwszy", "Drugi", "Trzeci"), ("Drugi", "Trzeci")),  # the first mark removed
        (("Drugi", "Trzeci"), ("Pierwszy", "Drugi", "Trzeci")),  # one added before the others
        (("Jeden",), ("Dwa", "Trzy")),
    ],
)
def test_strip_marks_accept_to_new_and_reject_to_old(
    before: tuple[str, ...], after: tuple[str, ...]
) -> None:
    """Every mark of both plans stays in the strip's table: NEW's accepted, OLD's rejected."""
    plan = load(CASES / "funding_custom_marks" / "old.yaml").plan
    old, new = (
        plan.model_copy(
            update={"finansowanie": plan.finansowanie.model_copy(update={"znaki": marks})}
        )
        for marks in (before, after)
    )
    redline = render_redline(diff_plans(old, new))

    def footer() -> etree._Element:  # accept_all and reject_all change the tree they are given
        tables = _parts(redline, r"word/footer\d*\.xml")
        (found,) = [part for part in tables if part.xpath("//w:tbl", namespaces=NS)]
        return found

    assert [t for t in paragraphs(accept_all(footer())) if t] == list(after)
    assert sorted(t for t in paragraphs(reject_all(footer())) if t) == sorted(before)
    assert len(footer().xpath("//w:tbl/w:tr/w:tc", namespaces=NS)) == len(after)
