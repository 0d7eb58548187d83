"""Messages: Polish by default, English on request; the catalog is complete and current."""

from __future__ import annotations

import gettext

import pytest

from osl_plan import i18n
from osl_plan.devtools import catalog


def test_catalog_is_complete_current_and_compiled() -> None:
    assert catalog.check() == []


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({}, "pl"),
        ({"LANG": "C"}, "pl"),
        ({"LC_ALL": "POSIX"}, "pl"),
        ({"LANG": "C.UTF-8"}, "pl"),
        ({"LANG": "pl_PL.UTF-8"}, "pl"),
        ({"LANG": "de_DE.UTF-8"}, "pl"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "en"}, "en"),
        ({"LANGUAGE": "en_GB:pl", "LANG": "pl_PL.UTF-8"}, "en"),
        ({"LANGUAGE": "pl:en", "LANG": "en_US.UTF-8"}, "pl"),
        ({"LC_ALL": "C", "LANG": "en_US.UTF-8"}, "pl"),
        ({"LC_MESSAGES": "en_US.UTF-8", "LANG": "pl_PL.UTF-8"}, "en"),
        ({"OSL_PLAN_LANG": "en", "LANG": "pl_PL.UTF-8"}, "en"),
        ({"OSL_PLAN_LANG": "pl", "LANG": "en_US.UTF-8"}, "pl"),
        ({"OSL_PLAN_LANG": "en-GB"}, "en"),
    ],
)
def test_language_from_environment(
    monkeypatch: pytest.MonkeyPatch, environment: dict[str, str], expected: str
) -> None:
    for variable in ("OSL_PLAN_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(variable, raising=False)
    for variable, value in environment.items():
        monkeypatch.setenv(variable, value)
    assert i18n.language() == expected


def _polish_form(n: int) -> int:
    """The Polish plural rule as a grammar states it: 1; 2–4 except 12–14; the rest."""
    if n == 1:
        return 0
    if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14):
        return 1
    return 2


def test_polish_plural_forms_0_to_125() -> None:
    polish = i18n.translations("pl")
    assert isinstance(polish, gettext.GNUTranslations), "the compiled Polish catalog is missing"
    words = ("zadanie", "zadania", "zadań")
    for n in range(126):
        text = polish.ngettext("{file}: valid ({count} task)", "{file}: valid ({count} tasks)", n)
        assert text.endswith(f"{words[_polish_form(n)]})"), (n, text)
    assert [_polish_form(n) for n in (1, 2, 4, 5, 12, 14, 21, 22, 24, 25, 112, 122)] == [
        0, 1, 1, 2, 2, 2, 2, 1, 1, 2, 2, 1
    ]  # fmt: skip


def test_english_is_the_code_text() -> None:
    english = i18n.translations("en")
    assert english.ngettext("{file}: valid ({count} task)", "x", 1) == (
        "{file}: valid ({count} task)"
    )


def test_validate_speaks_polish_by_default(cli, example_2023, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("OSL_PLAN_LANG")
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(variable, raising=False)
    result = cli("validate", example_2023)
    assert result.exit_code == 0
    assert result.stdout.strip().endswith("poprawny (18 zadań)")
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert cli("validate", example_2023).stdout.strip().endswith("valid (18 tasks)")
