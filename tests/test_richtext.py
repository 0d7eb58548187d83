"""The simple Markdown of ``sekcje[].tresc``: paragraphs, lists, bold and italic — nothing else."""

from __future__ import annotations

import pytest

from osl_plan.richtext import Block, Inline, parse_blocks, parse_inline, plain_text


def test_empty_text_has_no_blocks() -> None:
    assert parse_blocks("") == []
    assert parse_blocks("\n  \n\n") == []


def test_paragraphs_are_separated_by_blank_lines_and_lines_join_with_a_space() -> None:
    blocks = parse_blocks("Pierwszy akapit\nciąg dalszy.\n\n\nDrugi akapit.")
    assert blocks == [
        Block("paragraph", ((Inline("Pierwszy akapit ciąg dalszy."),),)),
        Block("paragraph", ((Inline("Drugi akapit."),),)),
    ]


def test_bullets_with_dash_star_and_plus_make_one_list() -> None:
    blocks = parse_blocks("- jeden\n* dwa\n+ trzy")
    assert [b.kind for b in blocks] == ["bullets"]
    assert [plain_text(item) for item in blocks[0].items] == ["jeden", "dwa", "trzy"]


def test_numbered_list_keeps_its_start() -> None:
    blocks = parse_blocks("3. trzeci\n4) czwarty")
    assert blocks == [
        Block("numbered", ((Inline("trzeci"),), (Inline("czwarty"),)), start=3),
    ]


def test_list_may_follow_a_paragraph_line_directly() -> None:
    blocks = parse_blocks("Cele planu:\n- integracja\n- aktywizacja\n\nPodsumowanie.")
    assert [b.kind for b in blocks] == ["paragraph", "bullets", "paragraph"]
    assert plain_text(blocks[0].items[0]) == "Cele planu:"


def test_list_item_continues_on_the_next_lines() -> None:
    blocks = parse_blocks("- spotkania\n  z mieszkańcami\nsołectw\n- festyn")
    assert [plain_text(i) for i in blocks[0].items] == [
        "spotkania z mieszkańcami sołectw",
        "festyn",
    ]


def test_switching_list_kind_starts_a_new_block() -> None:
    blocks = parse_blocks("- a\n1. b\n2. c\n- d")
    assert [(b.kind, len(b.items)) for b in blocks] == [
        ("bullets", 1),
        ("numbered", 2),
        ("bullets", 1),
    ]


def test_bold_and_italic() -> None:
    assert parse_inline("To **ważne** i *pilne*.") == [
        Inline("To "),
        Inline("ważne", bold=True),
        Inline(" i "),
        Inline("pilne", italic=True),
        Inline("."),
    ]


def test_bold_italic_together_and_nested() -> None:
    assert parse_inline("***oba***") == [Inline("oba", bold=True, italic=True)]
    assert parse_inline("**gruby *i pochyły* koniec**") == [
        Inline("gruby ", bold=True),
        Inline("i pochyły", bold=True, italic=True),
        Inline(" koniec", bold=True),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "2 * 3 * 4",
        "**niezamknięte",
        "*niezamknięte",
        "gwiazdka na końcu *",
        "* ",
        "**",
        "***",
    ],
)
def test_unmatched_asterisks_stay_literal(text: str) -> None:
    runs = parse_inline(text)
    assert plain_text(runs) == text
    assert all(not r.bold and not r.italic for r in runs)


def test_escaped_asterisk_is_literal() -> None:
    assert parse_inline(r"\*nie kursywa\*") == [Inline("*nie kursywa*")]


@pytest.mark.parametrize(
    "text",
    [
        "# nie nagłówek",
        "<script>alert(1)</script>",
        "[link](http://example.org)",
        "`kod`",
        "{{ zmienna }} {% if %}",
        "a | b | c",
        "_podkreślenie_ snake_case",
    ],
)
def test_everything_else_is_plain_text(text: str) -> None:
    blocks = parse_blocks(text)
    assert blocks == [Block("paragraph", ((Inline(text),),))]


def test_a_line_starting_with_emphasis_is_not_a_bullet() -> None:
    blocks = parse_blocks("*Uwaga:* tekst")
    assert blocks[0].kind == "paragraph"
    assert blocks[0].items[0] == (Inline("Uwaga:", italic=True), Inline(" tekst"))


def test_windows_line_endings() -> None:
    blocks = parse_blocks("a\r\n\r\n- b\r\n- c")
    assert [b.kind for b in blocks] == ["paragraph", "bullets"]
