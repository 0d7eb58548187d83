"""Plans of any size with realistic Polish text, for the benchmark and the complexity tests.

Deterministic for a seed. Three outputs:

* ``plan_yaml(n, seed)``: a plan of ``n`` tasks in the style of examples/plan_2023.yaml (task
  names, addressees, terms written the many ways people write them, some sub-items, some ids);
* ``next_revision(text, seed)``: the following year's plan — about 5% of tasks removed, 5%
  added, 5% re-timed, 5% re-worded, the rest carried over with the year moved;
* ``plan_markdown(n, seed)``: the same table as a Markdown pipe table, for pandoc.

Run as a script to write files: ``python bench/generate.py 2000 -o plan.yaml [--markdown F]``.
"""

from __future__ import annotations

import argparse
import random
from dataclasses import dataclass, replace
from pathlib import Path

from osl_plan.terms import MONTHS_GENITIVE as _MONTHS_GEN
from osl_plan.terms import MONTHS_NOMINATIVE as _MONTHS

YEAR = 2023

_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")

_KINDS = (
    "Partnerstwo przy organizacji",
    "Współorganizacja",
    "Spotkania organizacyjne dotyczące",
    "Organizacja",
    "Wsparcie mieszkańców przy przygotowaniu",
    "Udział w przygotowaniu",
    "Koordynacja",
)
_EVENTS = (
    "festynu rodzinnego „Dzień Sąsiada”",
    "„Ferii na sportowo” dla dzieci i młodzieży",
    "pikniku integracyjnego w sołectwie {village}",
    "Dożynek Gminnych",
    "„EKO-Akcji – Sprzątanie Świata”",
    "turnieju piłki nożnej o puchar sołtysa",
    "warsztatów kulinarnych dla seniorów",
    "spotkań Klubu Seniora w {village}",
    "kiermaszu bożonarodzeniowego",
    "rajdu rowerowego szlakiem Jury Krakowsko-Częstochowskiej",
    "zajęć sportowo-rekreacyjnych „Wakacje {year}”",
    "debaty społecznej o potrzebach mieszkańców {village}",
    "Gminnego Dnia Dziecka",
    "wymiany międzypokoleniowej „Babcia, dziadek i ja”",
    "konkursu na najpiękniejszy ogród w gminie",
    "akcji „Bezpieczna droga do szkoły”",
    "spotkań grupy wsparcia dla opiekunów osób zależnych",
    "biegu „Sprintem do Maratonu”",
)
_GOALS = (
    "mające na celu upowszechnianie współpracy partnerskiej na rzecz rozwiązywania problemów "
    "społecznych",
    "mające na celu wzmocnienie współpracy z NGO oraz wspieranie rozwoju grup nieformalnych",
    "mające na celu promowanie zdrowego, aktywnego stylu życia",
    "mające na celu pobudzenie aktywności mieszkańców i wzmocnienie ich wpływu na rozwój lokalny",
    "mające na celu integrację lokalnej społeczności i budowanie więzi sąsiedzkich",
    "mające na celu przeciwdziałanie wykluczeniu społecznemu osób starszych",
    "",
)
_VILLAGES = (
    "Kluczach", "Bydlinie", "Chechle", "Hucie Kuźniczce", "Kwaśniowie Dolnym", "Rodakach",
    "Ryczówku", "Zalesiu Golczowskim", "Golczowicach", "Cieślinie", "Krzywopłotach", "Jaroszowcu",
)  # fmt: skip
_ADDRESSEES = (
    "Mieszkańcy Gminy Klucze",
    "Dzieci i młodzież z terenu Gminy Klucze",
    "Seniorzy",
    "Rodziny z dziećmi",
    "Mieszkańcy, w tym radni, sołtysi, przedstawiciele NGO",
    "Organizacje pozarządowe i grupy nieformalne",
    "Osoby z niepełnosprawnościami i ich opiekunowie",
    "Koło Gospodyń Wiejskich",
    "Uczniowie szkół podstawowych",
)
_ACTIONS = (
    "Rozeznanie potrzeb mieszkańców",
    "Przygotowanie plakatów i ulotek",
    "Informowanie na stronie www CUS i w mediach społecznościowych",
    "Pozyskanie partnerów i sponsorów",
    "Spotkanie podsumowujące z uczestnikami",
    "Rozmowy telefoniczne z liderami lokalnymi",
    "Zebranie zgłoszeń uczestników",
)
_REWORDS = (
    ("Partnerstwo przy organizacji", "Współpraca przy organizacji"),
    ("Organizacja", "Przygotowanie i przeprowadzenie"),
    ("mające na celu", "służące"),
    ("spotkań", "cyklicznych spotkań"),
)


@dataclass(frozen=True, slots=True)
class Row:
    """One generated task; ``start``/``end`` are months 1..12 of the plan's year."""

    zadanie: str
    adresaci: tuple[str, ...]
    start: int
    end: int
    style: int
    dzialania: tuple[str, ...] = ()
    id: str | None = None


def _term(row: Row, year: int) -> str:
    """The term as people write it; the style varies the way real plans do."""
    s, e, style = row.start - 1, row.end - 1, row.style
    if s == e:
        forms = (
            f"{_MONTHS[s].capitalize()} {year}",
            f"{_MONTHS[s]} {year} r.",
            f"{s + 1:02d}.{year}",
            # "I 2023" alone is refused by the term parser (it reads "i", the conjunction).
            f"{_ROMAN[s]} {year}" if s else f"{_MONTHS_GEN[s]} {year}",
        )
        return forms[style % len(forms)]
    if (s, e) == (0, 11) and style % 3 == 0:
        return f"cały rok {year}"
    forms = (
        f"{_MONTHS[s].capitalize()}- {_MONTHS[e]} {year}",
        f"{_MONTHS[s].capitalize()} – {_MONTHS[e].capitalize()} {year}",
        f"od {_MONTHS_GEN[s]} do {_MONTHS_GEN[e]} {year}",
        f"{s + 1:02d}–{e + 1:02d}.{year}",
        f"{_MONTHS[s].capitalize()} - {_MONTHS[e]} {year} r.",
    )
    return forms[style % len(forms)]


def _row(rng: random.Random, index: int, year: int) -> Row:
    event = rng.choice(_EVENTS).format(village=rng.choice(_VILLAGES), year=year)
    goal = rng.choice(_GOALS)
    zadanie = f"{rng.choice(_KINDS)} {event}" + (f" {goal}" if goal else "")
    start = rng.randint(1, 12)
    end = start if rng.random() < 0.45 else rng.randint(start, 12)
    if rng.random() < 0.08:
        start, end = 1, 12
    adresaci = tuple(rng.sample(_ADDRESSEES, rng.choice((0, 1, 1, 1, 2))))
    dzialania = tuple(rng.sample(_ACTIONS, rng.randint(2, 4))) if rng.random() < 0.15 else ()
    ident = f"z{index + 1:05d}" if rng.random() < 0.3 else None
    return Row(zadanie, adresaci, start, end, rng.randrange(60), dzialania, ident)


def rows(n: int, seed: int = 1, year: int = YEAR) -> list[Row]:
    """``n`` generated tasks."""
    rng = random.Random(seed)
    return [_row(rng, i, year) for i in range(n)]


def _yaml_str(text: str) -> str:
    # Double-quoted YAML: safe for colons, dashes and quotes in the Polish text.
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def to_yaml(tasks: list[Row], year: int = YEAR, *, name: str = "Kluczach") -> str:
    """A whole plan file holding ``tasks``."""
    out = [
        f"rok: {year}",
        "tytul: Plan organizowania społeczności lokalnej",
        f"jednostka: Centrum Usług Społecznych w {name}",
        "gmina: Gmina Klucze",
        "wstep: |",
        "  Podstawą pracy organizowania społeczności lokalnej (OSL) będzie rozeznanie środowiska.",
        "",
        "  Organizowanie społeczności lokalnej jest pracą z ludźmi.",
        "zadania:",
    ]
    for row in tasks:
        out.append(f"  - zadanie: {_yaml_str(row.zadanie)}")
        if row.id:
            out.append(f"    id: {row.id}")
        if row.dzialania:
            out.append("    dzialania:")
            out.extend(f"      - {_yaml_str(d)}" for d in row.dzialania)
        if len(row.adresaci) == 1:
            out.append(f"    adresaci: {_yaml_str(row.adresaci[0])}")
        elif row.adresaci:
            out.append("    adresaci:")
            out.extend(f"      - {_yaml_str(a)}" for a in row.adresaci)
        out.append(f"    termin: {_yaml_str(_term(row, year))}")
    out += [
        "finansowanie: fers-2021-2027",
        "podpisy:",
        "  opracowal: {stanowisko: Organizator społeczności lokalnej}",
        "  zatwierdzil: {stanowisko: Dyrektor Centrum Usług Społecznych}",
        "",
    ]
    return "\n".join(out)


def plan_yaml(n: int, seed: int = 1, year: int = YEAR) -> str:
    """A plan file of ``n`` tasks."""
    return to_yaml(rows(n, seed, year), year)


def revise(tasks: list[Row], seed: int = 2) -> list[Row]:
    """Next year's tasks: ~5% removed, ~5% added, ~5% re-timed, ~5% re-worded, rest carried."""
    rng = random.Random(seed)
    out: list[Row] = []
    for row in tasks:
        r = rng.random()
        if r < 0.05:
            continue
        if r < 0.10:
            out.append(_row(rng, len(tasks) + len(out), YEAR + 1))
            out.append(row)
        elif r < 0.15:
            start = rng.randint(1, 12)
            out.append(replace(row, start=start, end=rng.randint(start, 12)))
        elif r < 0.20:
            old, new = rng.choice(_REWORDS)
            text = row.zadanie.replace(old, new, 1)
            out.append(replace(row, zadanie=text if text != row.zadanie else text + " (edycja)"))
        else:
            out.append(row)
    return out


def next_revision(n: int, seed: int = 1) -> str:
    """The plan following ``plan_yaml(n, seed)``, a year later."""
    return to_yaml(revise(rows(n, seed), seed + 1), YEAR + 1)


# --- diff's worst cases -------------------------------------------------------------------

_SYLLABLES = (
    "ba", "be", "bo", "ca", "ce", "cho", "da", "dę", "do", "fa", "ga", "go", "ja", "ka", "ko",
    "ła", "le", "li", "ło", "ma", "mi", "na", "ni", "no", "pa", "po", "ra", "re", "ro", "sa",
    "sie", "sko", "ta", "te", "to", "wa", "we", "wo", "za", "ze", "żo", "rzy", "szy", "cie",
)  # fmt: skip


def vocabulary(size: int, seed: int = 7) -> list[str]:
    """``size`` distinct made-up Polish-looking words (three to four syllables)."""
    rng = random.Random(seed)
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(3, 4))))
    return sorted(words)


def unrelated_yaml(n: int, seed: int, *, words: int = 100, vocab: int = 10_000) -> str:
    """A plan of ``n`` long tasks (``words`` each, drawn from a large vocabulary): two seeds give
    two plans with nothing in common but chance words — diff's worst case for similarity."""
    rng = random.Random(seed)
    pool = vocabulary(vocab)
    tasks = [
        Row(
            " ".join(rng.choices(pool, k=words)).capitalize(),
            (rng.choice(_ADDRESSEES),),
            (start := rng.randint(1, 12)),
            rng.randint(start, 12),
            rng.randrange(60),
        )
        for _ in range(n)
    ]
    return to_yaml(tasks)


def alike_yaml(n: int, seed: int) -> str:
    """A plan of ``n`` tasks that all say nearly the same (one stock phrase; a number, a group
    and a few words differ): many candidate pairs share each rare word."""
    rng = random.Random(seed)
    extra = vocabulary(100, seed=11)
    tasks = []
    for _ in range(n):
        number, group = rng.randint(1, 200), rng.randint(1, 60)
        village = rng.choice(_VILLAGES)
        text = (
            f"Spotkanie informacyjne nr {number} grupy {group} mieszkańców w {village} "
            f"dotyczące {' '.join(rng.sample(extra, 3))}"
        )
        start = rng.randint(1, 12)
        tasks.append(Row(text, (rng.choice(_ADDRESSEES),), start, start, rng.randrange(60)))
    return to_yaml(tasks)


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def plan_markdown(n: int, seed: int = 1, year: int = YEAR) -> str:
    """The same plan as Markdown (title, introduction, the three-column table) for pandoc."""
    out = [
        "# Plan organizowania społeczności lokalnej",
        "",
        f"## na {year} rok",
        "",
        "Podstawą pracy organizowania społeczności lokalnej (OSL) będzie rozeznanie środowiska.",
        "",
        "| Lp. | ZADANIE | ADRESACI | TERMINY PLANOWANYCH DZIAŁAŃ |",
        "|----:|---------|----------|-----------------------------|",
    ]
    for i, row in enumerate(rows(n, seed, year), 1):
        task = row.zadanie + "".join(f" • {d}" for d in row.dzialania)
        cells = (str(i), task, ", ".join(row.adresaci), _term(row, year))
        out.append("| " + " | ".join(_md_cell(c) for c in cells) + " |")
    return "\n".join([*out, ""])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of tasks")
    parser.add_argument("-o", "--output", type=Path, required=True, help="plan YAML to write")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--markdown", type=Path, help="also write the table as Markdown here")
    parser.add_argument("--revision", type=Path, help="also write next year's revision here")
    args = parser.parse_args()
    args.output.write_text(plan_yaml(args.n, args.seed), encoding="utf-8")
    if args.markdown:
        args.markdown.write_text(plan_markdown(args.n, args.seed), encoding="utf-8")
    if args.revision:
        args.revision.write_text(next_revision(args.n, args.seed), encoding="utf-8")


if __name__ == "__main__":
    main()
