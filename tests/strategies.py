"""Hypothesis strategies for valid plans, shared by the property and fuzz tests.

Text is Polish-flavoured on purpose: diacritics, „quotes”, en and em dashes, emoji, very long words,
one-letter words (which renderers bind with a non-breaking space) and YAML-looking fragments.
Every generated plan is valid: it passes ``Plan.model_validate`` and ``load.check_plan``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

from osl_plan.model import Plan
from osl_plan.terms import MONTHS_NOMINATIVE, Month, format_range

WORDS = (
    "Partnerstwo", "przy", "organizacji", "festynów", "dla", "dzieci", "młodzieży", "Gminy",
    "Klucze", "Sołectwach", "źdźbło", "Łączność", "żółć", "gęślą", "jaźń", "Świetlica", "NGO",
    "CUS", "OSL", "2023", "III", "„Ferii na sportowo”", "„Sobótka”", "–", "—", "-", "w", "i",
    "z", "o", "a", "u", "W", "Z", "np.", "m.in.", "pn.", "(OSL)", "instytucji/organizacji",
    "sportowo-rekreacyjnych", "🎉", "☀️", "50%", "#1", "key:", "&", "<b>", "'", '"', "…",
    "Konstantynopolitańczykowianeczka", "dziewięćdziesięciopięciolecie", "@mieszkańcy",
    "!ważne", "[1]", "{x}", "*", "|", ">", "%", "?", "yes", "null", "~", "1.5",
)  # fmt: skip
_FIRST_WORDS = tuple(w for w in WORDS if w[0].isalpha() or w[0] in "„(")


@st.composite
def polish_text(draw: st.DrawFn, *, min_words: int = 1, max_words: int = 12) -> str:
    """One line of Polish-looking text: words joined by single spaces; never starts with a dash."""
    first = draw(st.sampled_from(_FIRST_WORDS))
    rest = draw(st.lists(st.sampled_from(WORDS), min_size=min_words - 1, max_size=max_words - 1))
    return " ".join([first, *rest])


@st.composite
def paragraphs(draw: st.DrawFn, *, max_paragraphs: int = 3) -> str:
    """Paragraphs separated by blank lines, as the introduction and chapters are written."""
    parts = draw(st.lists(polish_text(max_words=25), min_size=1, max_size=max_paragraphs))
    return "\n\n".join(parts)


_PLAIN_WORDS = tuple(w for w in WORDS if w.isalpha())


@st.composite
def rich_line(draw: st.DrawFn) -> str:
    """A line of chapter text with some words in **bold**, *italic* or ***both***."""
    words = draw(polish_text(max_words=10)).split(" ")
    for index in draw(st.sets(st.integers(0, len(words) - 1), max_size=3)):
        mark = draw(st.sampled_from(["**", "*", "***"]))
        words[index] = f"{mark}{draw(st.sampled_from(_PLAIN_WORDS))}{mark}"
    return " ".join(words)


@st.composite
def chapter_text(draw: st.DrawFn) -> str:
    """A chapter in simple Markdown: paragraphs, a bullet list, a numbered list."""
    parts = [draw(rich_line())]
    for kind in draw(st.lists(st.sampled_from(["paragraph", "bullets", "numbered"]), max_size=3)):
        items = draw(st.lists(rich_line(), min_size=1, max_size=3))
        if kind == "bullets":
            parts.append("\n".join(f"- {item}" for item in items))
        elif kind == "numbered":
            start = draw(st.integers(1, 3))
            parts.append("\n".join(f"{start + n}. {item}" for n, item in enumerate(items)))
        else:
            parts.append(items[0])
        parts.append(draw(rich_line()))  # lists of one kind never touch each other
    return "\n\n".join(parts)


@st.composite
def term_texts(draw: st.DrawFn, year: int) -> str:
    """A term inside ``year`` as people write it (sometimes running into the next year)."""
    kind = draw(st.sampled_from(["month", "range", "quarter", "year", "across"]))
    if kind == "quarter":
        return f"{draw(st.sampled_from(['I', 'II', 'III', 'IV']))} kwartał {year}"
    if kind == "year":
        return draw(st.sampled_from([f"cały rok {year}", f"Styczeń- grudzień {year}"]))
    if kind == "across":
        return f"grudzień {year} – {draw(st.sampled_from(MONTHS_NOMINATIVE[:3]))} {year + 1}"
    first = draw(st.integers(1, 12))
    last = first if kind == "month" else draw(st.integers(first, 12))
    text = format_range(Month(year, first), Month(year, last), nbsp=False)
    return draw(st.sampled_from([text, text.lower(), text.replace(" – ", " - ")]))


@st.composite
def tasks(draw: st.DrawFn, year: int, index: int) -> dict[str, Any]:
    """One task as plain data."""
    task: dict[str, Any] = {
        "zadanie": draw(polish_text(max_words=30)),
        "termin": draw(term_texts(year)),
    }
    if draw(st.booleans()):
        task["id"] = f"z{index + 1}"
    actions = draw(st.lists(polish_text(), max_size=4))
    if actions:
        task["dzialania"] = actions
    addressees = draw(st.lists(polish_text(max_words=6), max_size=3))
    if addressees:
        task["adresaci"] = addressees
    return task


def _signature() -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {},
        optional={
            "osoba": st.sampled_from(["Organizator Społeczności Lokalnej", "Anna K.", "Ż. Ł."]),
            "stanowisko": st.sampled_from(["Dyrektor Centrum Usług Społecznych", "Organizator"]),
            "data": st.dates(dt.date(2000, 1, 1), dt.date(2100, 12, 31)),
        },
    )


#: A custom strip (a regional programme no preset covers), marks with line breaks.
CUSTOM_STRIP = {
    "znaki": [
        "Fundusze Europejskie\ndla Śląskiego",
        "Rzeczpospolita Polska",
        "Dofinansowane przez\nUnię Europejską",
        "Województwo Śląskie",
    ]
}


@st.composite
def plan_data(draw: st.DrawFn, *, max_tasks: int = 8) -> dict[str, Any]:
    """A valid plan as the plain data a YAML file holds."""
    year = draw(st.integers(2000, 2099))
    count = draw(st.integers(1, max_tasks))
    data: dict[str, Any] = {
        "rok": year,
        "tytul": draw(
            st.one_of(st.just("Plan organizowania społeczności lokalnej"), polish_text())
        ),
        "zadania": [draw(tasks(year, i)) for i in range(count)],
    }
    if draw(st.booleans()):
        data["jednostka"] = "Centrum Usług Społecznych w " + draw(
            st.sampled_from(["Kluczach", "Łące"])
        )
    if draw(st.booleans()):
        data["gmina"] = draw(st.sampled_from(["Gmina Klucze", "Gmina Żółkiewka"]))
    if draw(st.booleans()):
        data["wstep"] = draw(paragraphs())
    chapter = st.one_of(paragraphs(), chapter_text())
    sections = draw(st.lists(st.tuples(polish_text(max_words=5), chapter), max_size=2))
    if sections:
        data["sekcje"] = [{"tytul": t, "tresc": c} for t, c in sections]
    data["finansowanie"] = draw(
        st.sampled_from([None, "power-2014-2020", "fers-2021-2027", "fem-2021-2027", CUSTOM_STRIP])
    )
    data["podpisy"] = {"opracowal": draw(_signature()), "zatwierdzil": draw(_signature())}
    return data


def plans(*, max_tasks: int = 8) -> st.SearchStrategy[Plan]:
    """Valid plans."""
    return plan_data(max_tasks=max_tasks).map(
        lambda data: Plan.model_validate(data, context={"rok": data["rok"]})
    )
