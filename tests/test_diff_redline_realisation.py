"""``diff --realizacja -f docx|pdf``: the „Realizacja zadań” section after the task table, each
changed record tracked; without ``--realizacja`` the redline has no such section."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import (
    EXAMPLES,
    NBSP,
    NS,
    accept_all,
    assert_in_order,
    document_body,
    paragraphs,
    reject_all,
    run_cli,
)

from osl_plan.diff.compare import diff_loaded
from osl_plan.diff.redline import render_redline
from osl_plan.diff.redline_realisation import HEADING, INTRO, realisation_lines
from osl_plan.load import load
from osl_plan.polish import tie_short_words
from osl_plan.render import RenderOptions
from osl_plan.render.docx import render_docx

REALISED = EXAMPLES / "plan_2023_realizacja.yaml"


def _replace(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


@pytest.fixture
def earlier(tmp_path: Path) -> Path:
    """The same plan in spring, before some records were added or corrected."""
    text = REALISED.read_text(encoding="utf-8")
    # Kampania: the website's launch not recorded yet.
    text = _replace(
        text,
        "        - data: 15.05.2023\n          opis: Uruchomienie nowej strony internetowej CUS\n",
        "",
    )
    # Spotkania w sołectwach: a count corrected later (12 → 15).
    text = _replace(
        text,
        "          miejsce: Świetlica wiejska w Golczowicach\n          uczestnicy: 15",
        "          miejsce: Świetlica wiejska w Golczowicach\n          uczestnicy: 12",
    )
    # Rada Społeczna: a shorter remark.
    text = _replace(
        text,
        "      uwagi: Spotkania raz w kwartale, w siedzibie CUS w Kluczach.",
        "      uwagi: Spotkania raz w kwartale.",
    )
    # Ferie: still „w trakcie”, no event.
    start = text.index("      wydarzenia:\n        - data: 30.01.2023 – 10.02.2023")
    text = text[:start] + text[text.index("      partnerzy:", start) :]
    text = _replace(
        text,
        "    realizacja:\n      status: zrealizowane\n      partnerzy:\n        - Gminny",
        "    realizacja:\n      status: w trakcie\n      partnerzy:\n        - Gminny",
    )
    # Sprintem do Maratonu: nothing recorded yet.
    start = text.index(
        "    realizacja:\n      status: zrealizowane\n      wydarzenia:\n        - data: 24 marca"
    )
    text = text[:start] + text[text.index("\n\n  - zadanie", start) + 1 :]
    path = tmp_path / "plan_wiosna.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _texts(lines: list[tuple[str, tuple[tuple[str, bool, bool], ...]]]) -> list[str]:
    return ["".join(run[0] for run in runs) for _, runs in lines]


def _section(texts: list[str]) -> list[str]:
    return texts[texts.index(HEADING) :]


def test_section_accepts_to_new_records_and_rejects_to_old(earlier: Path) -> None:
    result = diff_loaded(load(earlier), load(REALISED), realisation=True)
    assert result.realisation is not None
    assert [c.new + 1 for c in result.realisation] == [1, 2, 3, 5, 6]
    redline = render_redline(result)
    accepted, rejected = (
        paragraphs(accept_all(document_body(redline))),
        paragraphs(reject_all(document_body(redline))),
    )
    # Before the section: the plan itself, which did not change.
    plan = paragraphs(document_body(render_docx(result.new, RenderOptions(base_dir=EXAMPLES))))
    assert accepted[: len(plan)] == plan and rejected[: len(plan)] == plan
    records = [
        (result.old.zadania[c.old], result.new.zadania[c.new], c.new + 1)
        for c in result.realisation
    ]
    new = [t for _, task, n in records for t in _texts(realisation_lines(task, n))]
    old = [t for task, _, n in records for t in _texts(realisation_lines(task, n))]
    assert _section(accepted) == [HEADING, tie_short_words(INTRO), *new]
    assert _section(rejected) == [HEADING, tie_short_words(INTRO), *old]
    assert new != old


def test_changes_in_the_records_are_tracked_in_place(earlier: Path) -> None:
    result = diff_loaded(load(earlier), load(REALISED), realisation=True)
    root = document_body(render_redline(result))

    def text(p: object, path: str = ".//w:t/text() | .//w:delText/text()") -> str:
        return "".join(p.xpath(path, namespaces=NS)).replace(NBSP, " ")  # type: ignore[attr-defined]

    edited = [text(p) for p in root.xpath("//w:p[w:r and (w:ins or w:del)]", namespaces=NS)]
    inserted = [text(p) for p in root.xpath("//w:p[w:pPr/w:rPr/w:ins]", namespaces=NS)]
    deleted = [text(p) for p in root.xpath("//w:p[w:pPr/w:rPr/w:del]", namespaces=NS)]
    # A corrected count and a longer remark are edited word by word.
    assert "16 maja 2023 r., Świetlica wiejska w Golczowicach – uczestnicy: 1215" in edited
    remark = root.xpath("//w:p[w:r/w:t[starts-with(., 'Uwagi')]]", namespaces=NS)
    assert text(remark[0]) == "Uwagi: Spotkania raz w kwartale, w siedzibie CUS w Kluczach."
    assert text(remark[0], "w:ins//w:t/text()") == ", w siedzibie CUS w Kluczach"
    assert "Status: w trakcie realizacjizrealizowane" in edited
    # A new event, a new list of events: whole paragraphs inserted.
    assert "15 maja 2023 r. – Uruchomienie nowej strony internetowej CUS" in inserted
    assert "Wydarzenia:" in inserted
    # Nothing recorded before: that line deleted, the records inserted.
    assert "Brak informacji o realizacji." in deleted
    assert "Przedszkola z terenu Gminy Klucze" in inserted
    # The section's heading and the tasks' names are not changes.
    heading = root.xpath("//w:p[w:r/w:t = 'Realizacja zadań']", namespaces=NS)
    assert len(heading) == 1 and not heading[0].xpath("w:pPr/w:rPr", namespaces=NS)


def test_no_section_without_the_option(earlier: Path) -> None:
    result = diff_loaded(load(earlier), load(REALISED))
    assert HEADING not in paragraphs(document_body(render_redline(result)))
    same = diff_loaded(load(REALISED), load(REALISED), realisation=True)
    assert _section(paragraphs(document_body(render_redline(same)))) == [
        HEADING,
        "Zapisy realizacji zadań nie zmieniły się.",
    ]


def test_cli_docx_has_the_section_only_when_asked(earlier: Path, tmp_path: Path) -> None:
    with_it, without = tmp_path / "z.docx", tmp_path / "bez.docx"
    assert (
        run_cli("diff", earlier, REALISED, "--realizacja", "-f", "docx", "-o", with_it).exit_code
        == 0
    )
    assert run_cli("diff", earlier, REALISED, "-f", "docx", "-o", without).exit_code == 0
    assert HEADING in paragraphs(document_body(with_it.read_bytes()))
    assert HEADING not in paragraphs(document_body(without.read_bytes()))


@pytest.mark.libreoffice
def test_pdf_has_the_section_on_its_own_page_after_the_signatures(
    soffice: str, earlier: Path, tmp_path: Path
) -> None:
    from helpers import normalise, pdf_raw

    out = tmp_path / "zmiany.pdf"
    result = run_cli("diff", earlier, REALISED, "--realizacja", "-f", "pdf", "-o", out, timeout=300)
    assert result.exit_code == 0, result.stderr
    pages = [normalise(page) for page in pdf_raw(out).split("\f")]
    first = next(n for n, page in enumerate(pages) if page.startswith(HEADING))
    assert "Zatwierdził:" in pages[first - 1] and "Zatwierdził:" not in pages[first]
    text = " ".join(pages[first:])
    order = [
        "Zadanie 1. Kampania medialna",
        "15 maja 2023 r. – Uruchomienie nowej strony internetowej CUS",  # inserted event
        "Zadanie 2. Spotkania organizacyjne",
        "Świetlica wiejska w Golczowicach – uczestnicy: 1215",  # 12 struck out, 15 inserted
        "Zadanie 3. Spotkania organizacyjne Rady Społecznej",
        "Zadanie 5. Partnerstwo przy organizacji „Ferii na sportowo”",
        "Status: w trakcie realizacjizrealizowane",
        "Zadanie 6. Partnerstwo przy organizacji „Sprintem do Maratonu",
        "Brak informacji o realizacji.",  # struck out
        "Status: zrealizowane",
    ]
    assert_in_order(text, order)
