"""Messages: Polish by default, English on request; the catalog is complete and current."""

from __future__ import annotations

import gettext
import struct
from pathlib import Path

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
    assert isinstance(polish, i18n.Catalog), "the compiled Polish catalog is missing"
    words = ("zadanie", "zadania", "zadań")
    for n in range(126):
        text = polish.ngettext("{file}: valid ({count} task)", "{file}: valid ({count} tasks)", n)
        assert text.endswith(f"{words[_polish_form(n)]})"), (n, text)
    assert [_polish_form(n) for n in (1, 2, 4, 5, 12, 14, 21, 22, 24, 25, 112, 122)] == [
        0, 1, 1, 2, 2, 2, 2, 1, 1, 2, 2, 1
    ]  # fmt: skip


MO_FILE = i18n.LOCALE_DIR / "pl" / "LC_MESSAGES" / f"{i18n.DOMAIN}.mo"


def test_catalog_reads_every_message_as_gettext_does() -> None:
    """The catalog looked up in place answers every message, and every plural form, exactly as
    gettext's own reader of the same file; a message it does not hold comes back unchanged."""
    with MO_FILE.open("rb") as handle:
        reference = gettext.GNUTranslations(handle)
    ours = i18n.translations("pl")
    assert isinstance(ours, i18n.Catalog)
    originals = {key[0] if isinstance(key, tuple) else key for key in reference._catalog}  # type: ignore[attr-defined]
    originals.discard("")
    assert len(originals) > 500
    plurals = {key[0] for key in reference._catalog if isinstance(key, tuple)}  # type: ignore[attr-defined]
    assert plurals, "the catalog has plural messages"
    for original in originals:
        assert ours.gettext(original) == reference.gettext(original), original
    for original in plurals:
        for n in range(30):
            assert ours.ngettext(original, "x", n) == reference.ngettext(original, "x", n)
    assert ours.gettext("not a message of osl-plan") == "not a message of osl-plan"
    assert ours.ngettext("one apple", "{count} apples", 5) == "{count} apples"


def test_catalog_originals_are_sorted() -> None:
    """The lookup is a binary search: ``make i18n`` must keep writing the originals sorted."""
    data = MO_FILE.read_bytes()
    count, table = struct.unpack_from("<2I", data, 8)
    originals = []
    for index in range(count):
        length, offset = struct.unpack_from("<2I", data, table + 8 * index)
        originals.append(data[offset : offset + length].split(b"\0", 1)[0])
    assert originals == sorted(originals)
    assert len(set(originals)) == len(originals)


def test_a_missing_catalog_means_english(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    i18n.translations.cache_clear()
    try:
        assert i18n.translations("pl").gettext("Error: {message}") == "Error: {message}"
    finally:
        i18n.translations.cache_clear()


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
