"""Layout as LibreOffice sets it (the PDF): the signatures share a page with the table's last row,
and no word of the ADRESACI column is broken, for the README's example and a 40-task plan."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from helpers import pdf_pages, print_together, readme_example, run_cli

from osl_plan.load import load

GOLDEN = Path(__file__).parent / "golden"

#: Addressees of the generated plans: long Polish words and several groups per task.
ADDRESSEES = (
    ["Osoby z niepełnosprawnościami", "Opiekunowie osób niesamodzielnych"],
    ["Przedstawiciele organizacji pozarządowych", "Sołtysi i rady sołeckie"],
    "Dzieci i młodzież z terenu Gminy Wolbrom",
    ["Mieszkańcy Gminy Wolbrom", "Seniorzy", "Koła Gospodyń Wiejskich"],
)
TERMS = (
    "Marzec 2025",
    "08.03.2025",
    "15-16 maja 2025",
    "Styczeń – grudzień 2025",
    "IV kwartał 2025",
)


def generated_plan(tasks: int) -> dict[str, object]:
    return {
        "rok": 2025,
        "jednostka": "Centrum Usług Społecznych w Wolbromiu",
        "zalacznik": "Załącznik nr 1 do Zarządzenia nr 5/2025 Dyrektora Centrum Usług "
        "Społecznych w Wolbromiu z dnia 10 stycznia 2025 r.",
        "wstep": "Plan organizowania społeczności lokalnej na rok 2025.",
        "zadania": [
            {
                "zadanie": f"Zadanie {n}: spotkania integracyjne dla mieszkańców sołectwa "
                "z udziałem Koła Gospodyń Wiejskich i ochotniczej straży pożarnej",
                "dzialania": ["Warsztaty rękodzieła"] if n % 4 == 0 else [],
                "adresaci": ADDRESSEES[n % len(ADDRESSEES)],
                "termin": TERMS[n % len(TERMS)],
            }
            for n in range(1, tasks + 1)
        ],
        "podpisy": {
            "opracowal": {
                "etykieta": "Opracowała",
                "stanowisko": "Organizator społeczności lokalnej",
            },
            "zatwierdzil": {"stanowisko": "Dyrektor Centrum Usług Społecznych w Wolbromiu"},
        },
    }


def _docx(plan: Path, *options: str) -> Path:
    out = plan.with_suffix(".docx")
    result = run_cli("render", plan, "-f", "docx", "-o", out, *options)
    assert result.exit_code == 0, result.stderr
    return out


page_texts = pdf_pages


def _page_of(pages: list[str], text: str) -> int:
    """The first page ``text`` is on (the schedule annex repeats task names later)."""
    found = [n for n, page in enumerate(pages) if text in page]
    assert found, f"„{text}” is on no page"
    return found[0]


def words_whole(pages: list[str], texts: list[str]) -> list[str]:
    """The words of ``texts`` that do not appear whole in the PDF (broken across lines)."""
    tokens = {t.strip(",.;:„”") for page in pages for t in page.split()}
    wanted = {w.strip(",.;:„”") for text in texts for w in text.split() if len(w) > 3}
    return sorted(wanted - tokens)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from helpers import soffice_or_skip

    soffice_or_skip()
    return tmp_path_factory.mktemp("documents")


#: The generated plans printed: (tasks, with the harmonogram).
GENERATED = [(23, False), (23, True), (40, False), (40, True)]


@pytest.fixture(scope="module")
def printed(folder: Path) -> dict[str, list[str]]:
    """Each document's pages as text: the generated plans (``plan_{tasks}_{0|1}``) and the
    README's example (``readme``), rendered by ``osl-plan render -f docx`` and printed to PDF by
    one LibreOffice for all of them (as ``render -f pdf`` prints one)."""
    documents = {"readme": _docx(readme_example(folder))}
    for tasks, harmonogram in GENERATED:
        path = folder / f"plan_{tasks}_{int(harmonogram)}.yaml"
        path.write_text(yaml.safe_dump(generated_plan(tasks), allow_unicode=True), "utf-8")
        documents[path.stem] = _docx(path, *(["--harmonogram"] if harmonogram else []))
    print_together(list(documents.values()), [d.with_suffix(".pdf") for d in documents.values()])
    return {name: page_texts(docx.with_suffix(".pdf")) for name, docx in documents.items()}


@pytest.mark.libreoffice
@pytest.mark.parametrize(("tasks", "harmonogram"), GENERATED)
def test_signatures_on_the_page_of_the_last_row(
    printed: dict[str, list[str]], tasks: int, harmonogram: bool
) -> None:
    pages = printed[f"plan_{tasks}_{int(harmonogram)}"]
    last_task = f"Zadanie {tasks}: spotkania"
    signatures = _page_of(pages, "Opracowała:")
    assert _page_of(pages, last_task) == signatures
    assert _page_of(pages, "Zatwierdził:") == signatures
    assert _page_of(pages, "Załącznik nr 1 do Zarządzenia") == 0
    assert "Centrum Usług Społecznych w Wolbromiu" in pages[0]
    assert ("HARMONOGRAM" in " ".join(pages).upper()) == harmonogram


@pytest.mark.libreoffice
def test_no_word_broken_in_adresaci_of_a_40_task_plan(
    printed: dict[str, list[str]], folder: Path
) -> None:
    pages = printed["plan_40_0"]
    plan = load(folder / "plan_40_0.yaml").plan
    addressees = [who for task in plan.zadania for who in task.adresaci]
    assert words_whole(pages, addressees) == []
    assert "8 marca 2025" in "".join(pages) and "15–16 maja 2025" in "".join(pages)


@pytest.mark.libreoffice
def test_the_readme_example_prints_whole_words_and_every_piece(
    printed: dict[str, list[str]], folder: Path
) -> None:
    plan = load(readme_example(folder)).plan
    pages = printed["readme"]
    addressees = [who for task in plan.zadania for who in task.adresaci]
    assert words_whole(pages, addressees) == []
    text = re.sub(r"\s+", " ", " ".join(pages))
    for piece in (
        "Załącznik nr 1 do Zarządzenia nr 5/2023",
        "Centrum Usług Społecznych w Kluczach",
        "Cel główny: Aktywizacja mieszkańców Gminy Klucze",
        "Cel szczegółowy 1. Integracja mieszkańców różnych pokoleń",
        "MIEJSCE",
        "Hala sportowa w Kluczach",
        "8 marca 2023",
        "Opracowała:",
        "Zatwierdziła:",
    ):
        assert piece in text, piece
