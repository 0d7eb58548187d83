"""Changes outside the task table: title, institution, introduction, chapters, strip, signatures.

Field names are the plan's keys, dotted for nested ones (``finansowanie.wzor``,
``podpisy.zatwierdzil.osoba``); every writer and the JSON schema use these names. Texts are
compared with the yearly drift taken out (a year moved with the plan is not a change), as tasks are.
"""

from __future__ import annotations

import datetime as dt
import re

from osl_plan.diff.drift import shifted_variants
from osl_plan.diff.model import FieldChange, Segment
from osl_plan.diff.words import text_change
from osl_plan.i18n import N_, _
from osl_plan.model import Funding, Plan, Signature

#: The sides of the signature block, in the document's order.
SIGNATURE_SIDES = ("opracowal", "zatwierdzil")
_COLOUR_NOTE = {
    "true": N_("colour strip"),
    "false": N_("single-colour strip, without the „Rzeczpospolita Polska” mark"),
}


def shifted_equal(old: str, new: str, years: int) -> bool:
    """True when ``new`` is ``old``, or ``old`` with its years (and editions) moved by ``years``.

    Some years may stay: ``osl-plan new`` moves only the plan's own years („na 2024 rok, po
    diagnozie z 2022 roku” -> „na 2025 rok, po diagnozie z 2022 roku”).
    """
    if old == new:
        return True
    return years != 0 and (
        new in shifted_variants(old, years) or _some_years_moved(old, new, years)
    )


_YEAR_SPLIT = re.compile(r"(?<!\d)((?:19|20|21)\d\d)(?!\d)")


def _some_years_moved(old: str, new: str, years: int) -> bool:
    """Equal but for years of which each stayed or moved by ``years``."""
    before, after = _YEAR_SPLIT.split(old), _YEAR_SPLIT.split(new)
    if len(before) != len(after):
        return False
    for index, (a, b) in enumerate(zip(before, after, strict=True)):
        if a != b and (index % 2 == 0 or int(b) != int(a) + years):
            return False
    return True


def replaced(field: str, old: str, new: str, note: str = "") -> FieldChange:
    """A value that changes as a whole (a preset name, a flag): no word-level diff inside it."""
    segments = tuple(
        segment for segment in (Segment("delete", old), Segment("insert", new)) if segment.text
    )
    return FieldChange(field, old, new, segments, note)


def _sections_text(plan: Plan) -> str:
    return "\n\n".join(f"{s.tytul}\n{s.tresc}".strip() for s in plan.sekcje)


def _goals_text(plan: Plan) -> str:
    if plan.cele is None:
        return ""
    lines = [f"Cel główny: {plan.cele.glowny}"] if plan.cele.glowny else []
    lines += [f"{n}. {g.tresc}" for n, g in enumerate(plan.cele.szczegolowe, 1)]
    return "\n".join(lines)


def _logo_text(plan: Plan) -> str:
    if plan.logo is None:
        return ""
    return plan.logo.obraz + (f" ({plan.logo.opis})" if plan.logo.opis else "")


def _columns_text(plan: Plan) -> str:
    if plan.kolumny is None:
        return ""
    return ", ".join(c.pole + (f" „{c.naglowek}”" if c.naglowek else "") for c in plan.kolumny)


def plan_fields(old: Plan, new: Plan, years: int) -> tuple[FieldChange, ...]:
    """Every change outside the table, in the document's order. Raises nothing."""
    changes = []
    for name, before, after in (
        ("tytul", old.tytul, new.tytul),
        ("jednostka", old.jednostka or "", new.jednostka or ""),
        ("gmina", old.gmina or "", new.gmina or ""),
        ("zalacznik", old.zalacznik or "", new.zalacznik or ""),
        ("wstep", "\n\n".join(old.wstep_paragraphs), "\n\n".join(new.wstep_paragraphs)),
        ("sekcje", _sections_text(old), _sections_text(new)),
        ("cele", _goals_text(old), _goals_text(new)),
    ):
        if not shifted_equal(before, after, years):
            changes.append(text_change(name, before, after, by_line="\n" in before + after))
    if old.logo != new.logo:
        changes.append(replaced("logo", _logo_text(old), _logo_text(new)))
    if old.kolumny != new.kolumny:
        changes.append(replaced("kolumny", _columns_text(old), _columns_text(new)))
    changes += funding_fields(old.finansowanie, new.finansowanie)
    for side in SIGNATURE_SIDES:
        changes += signature_fields(
            side, getattr(old.podpisy, side), getattr(new.podpisy, side), years
        )
    return tuple(changes)


# --- the EU funding strip ----------------------------------------------------------------------


def marks_text(funding: Funding) -> str:
    """The custom marks one per line, each on one line (its own line breaks are spaces)."""
    return "\n".join(" ".join(mark.split()) for mark in funding.znaki)


def _flag(value: bool) -> str:
    return "true" if value else "false"


def describe_funding(funding: Funding | None) -> str:
    """The strip in one line, as its keys say: "fers-2021-2027", "znaki: A | B; obraz: x.png"."""
    if funding is None:
        return ""
    parts: list[str] = [funding.wzor] if funding.wzor else []
    if funding.znaki:
        parts.append("znaki: " + " | ".join(marks_text(funding).split("\n")))
    if funding.obraz:
        parts.append(f"obraz: {funding.obraz}")
    if not funding.kolor:
        parts.append("kolor: false")
    return "; ".join(parts)


def funding_fields(old: Funding | None, new: Funding | None) -> list[FieldChange]:
    """A strip added or removed is one change; otherwise one change per key that differs."""
    if old == new:
        return []
    if old is None or new is None:
        note = _("strip of marks added") if old is None else _("strip of marks removed")
        return [replaced("finansowanie", describe_funding(old), describe_funding(new), note)]
    changes = []
    if old.wzor != new.wzor:
        changes.append(replaced("finansowanie.wzor", old.wzor or "", new.wzor or ""))
    if old.znaki != new.znaki:
        changes.append(
            text_change("finansowanie.znaki", marks_text(old), marks_text(new), by_line=True)
        )
    if old.obraz != new.obraz:
        changes.append(replaced("finansowanie.obraz", old.obraz or "", new.obraz or ""))
    if old.kolor != new.kolor:
        before, after = _flag(old.kolor), _flag(new.kolor)
        changes.append(replaced("finansowanie.kolor", before, after, _(_COLOUR_NOTE[after])))
    return changes


# --- the signature block -----------------------------------------------------------------------


def _date_moved(old: dt.date, years: int) -> dt.date | None:
    try:
        return old.replace(year=old.year + years)
    except ValueError:  # 29 February in a year without one
        return None


def signature_fields(side: str, old: Signature, new: Signature, years: int) -> list[FieldChange]:
    """Person, position and date of one side; a date moved by exactly the plans' gap is drift."""
    changes = []
    if old.etykieta != new.etykieta:
        changes.append(replaced(f"podpisy.{side}.etykieta", old.etykieta or "", new.etykieta or ""))
    for key, before, after in (
        ("osoba", old.osoba or "", new.osoba or ""),
        ("stanowisko", old.stanowisko or "", new.stanowisko or ""),
    ):
        if not shifted_equal(before, after, years):
            changes.append(text_change(f"podpisy.{side}.{key}", before, after))
    if old.data != new.data and not (
        old.data and new.data and _date_moved(old.data, years) == new.data
    ):
        before = old.data.isoformat() if old.data else ""
        after = new.data.isoformat() if new.data else ""
        changes.append(replaced(f"podpisy.{side}.data", before, after))
    return changes
