"""The plan model: defaults, accepted shapes, frozen values."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pydantic
import pytest

from osl_plan.model import DEFAULT_TITLE, Plan, split_paragraphs

BASE: dict[str, Any] = {"rok": 2023, "zadania": [{"zadanie": "A", "termin": "maj 2023"}]}


def plan(**changes: Any) -> Plan:
    return Plan.model_validate({**BASE, **changes}, context={"rok": changes.get("rok", 2023)})


def test_defaults() -> None:
    p = plan()
    assert p.tytul == DEFAULT_TITLE
    assert p.finansowanie is None
    assert p.podpisy.opracowal.osoba is None and p.podpisy.zatwierdzil.data is None
    assert p.sekcje == ()


def test_adresaci_as_text_or_list() -> None:
    one = plan(zadania=[{"zadanie": "A", "termin": "maj", "adresaci": "Seniorzy"}])
    many = plan(zadania=[{"zadanie": "A", "termin": "maj", "adresaci": ["Seniorzy", "Młodzież"]}])
    assert one.zadania[0].adresaci == ("Seniorzy",)
    assert many.zadania[0].adresaci == ("Seniorzy", "Młodzież")


def test_finansowanie_preset_name_or_mapping() -> None:
    assert plan(finansowanie="fers-2021-2027").finansowanie.wzor == "fers-2021-2027"  # type: ignore[union-attr]
    custom = plan(finansowanie={"znaki": ["Fundusze Europejskie\ndla Śląskiego"], "kolor": False})
    assert custom.finansowanie is not None and custom.finansowanie.kolor is False


@pytest.mark.parametrize(
    "written", ["05.01.2023", "2023-01-05", "5 stycznia 2023", "05.01.2023 r."]
)
def test_signature_dates(written: str) -> None:
    p = plan(podpisy={"opracowal": {"data": written}})
    assert p.podpisy.opracowal.data == dt.date(2023, 1, 5)


def test_text_is_trimmed_and_crlf_folded() -> None:
    p = plan(wstep="  Pierwszy\r\nwiersz.\r\n\r\nDrugi akapit.  ")
    assert p.wstep_paragraphs == ["Pierwszy wiersz.", "Drugi akapit."]
    assert split_paragraphs("") == []


# Pasted from Word or a web page: soft hyphen, zero-width space, word joiner, direction marks, BOM.
@pytest.mark.parametrize("invisible", ["\u00ad", "\u200b", "\u2060", "\u200e", "\u200f", "\ufeff"])
def test_invisible_characters_pasted_from_word_are_removed(invisible: str) -> None:
    p = plan(
        gmina=f"Gmina Su{invisible}łoszowa",
        zadania=[
            {
                "zadanie": f"Sprzą{invisible}tanie świata",
                "dzialania": [f"{invisible}Zbiórka"],
                "adresaci": [f"mieszkańcy{invisible}"],
                "termin": f"maj{invisible} 2023",
            }
        ],
    )
    task = p.zadania[0]
    assert p.gmina == "Gmina Sułoszowa"
    assert (task.zadanie, task.dzialania, task.adresaci) == (
        "Sprzątanie świata",
        ("Zbiórka",),
        ("mieszkańcy",),
    )
    assert task.termin.text == "maj 2023" and task.termin.start.month == 5


def test_non_breaking_space_is_kept() -> None:
    p = plan(zadania=[{"zadanie": "Dzień\u00a0Seniora", "termin": "maj\u00a02023"}])
    assert p.zadania[0].zadanie == "Dzień\u00a0Seniora"
    assert p.zadania[0].termin.start.month == 5


def test_only_invisible_characters_is_empty() -> None:
    with pytest.raises(pydantic.ValidationError, match="is empty"):
        plan(zadania=[{"zadanie": "\u200b\u00ad", "termin": "maj 2023"}])


def test_control_character_is_still_refused_next_to_an_invisible_one() -> None:
    with pytest.raises(pydantic.ValidationError, match=r"U\+0007\) at character 2"):
        plan(gmina="G\u200b\u0007mina")


def test_plan_is_frozen() -> None:
    p = plan()
    with pytest.raises(pydantic.ValidationError):
        p.rok = 2024  # type: ignore[misc]


def test_very_long_text_is_refused_with_its_length() -> None:
    with pytest.raises(pydantic.ValidationError, match="at most 20000"):
        plan(gmina="x" * 20_001)


@pytest.mark.parametrize("written", ["2024 r.", "2024r.", "2024 r", "2024 roku", " 2024 ", "2024"])
def test_rok_may_end_with_r_or_roku(written: str) -> None:
    context: dict[str, Any] = {"rok": None}  # as the loader passes it for a rok that is text
    data = {"rok": written, "zadania": [{"zadanie": "A", "termin": "maj"}]}
    p = Plan.model_validate(data, context=context)
    assert p.rok == 2024
    assert (p.zadania[0].termin.start.year, p.zadania[0].termin.end.year) == (2024, 2024)


@pytest.mark.parametrize("written", ["2023/2024", "r. 2024", "dwa tysiące", "12345 r.", "2024 rok"])
def test_rok_that_is_not_a_year_is_refused(written: str) -> None:
    with pytest.raises(pydantic.ValidationError, match="must be a year such as 2023"):
        Plan.model_validate({**BASE, "rok": written}, context={"rok": None})


def test_examples_in_hints_use_the_plans_year() -> None:
    with pytest.raises(pydantic.ValidationError) as caught:
        Plan.model_validate(
            {
                "rok": 2024,
                "zadania": [{"zadanie": "A", "termin": ["maj"]}],
                "podpisy": {"opracowal": {"data": "jutro"}},
            },
            context={"rok": 2024},
        )
    errors = {e["type"]: e for e in caught.value.errors()}
    assert errors["term_type"]["msg"] == "must be text such as „marzec 2024”"
    assert errors["date"]["ctx"]["hint"] == "write e.g. 05.01.2024"


def test_missing_termin_example_uses_the_year_given() -> None:
    from osl_plan.explain import describe_pydantic_error

    error = {"type": "missing", "loc": ("zadania", 0, "termin"), "msg": "Field required"}
    assert describe_pydantic_error(error, year=2024)[1] == "add „termin: marzec 2024”"
    assert describe_pydantic_error(error)[1] == "add „termin: marzec 2023”"
