"""What page one of a plan prints above its table: the framing line, the unit, the title, the
year and the logo's alt text."""

from __future__ import annotations

from osl_plan.model import Plan


def document_title(plan: Plan) -> str:
    """The title as set on the page: upper case."""
    return plan.tytul.upper()


def year_line(plan: Plan) -> str:
    """The line under the title: "2023 ROK"."""
    return f"{plan.rok} ROK"


def front_lines(plan: Plan) -> dict[str, str]:
    """What page one prints above the title: the framing line and the unit's name (if any)."""
    lines = {"zalacznik": plan.zalacznik or "", "jednostka": plan.jednostka or plan.gmina or ""}
    return {key: text for key, text in lines.items() if text}


def logo_alt(plan: Plan) -> str:
    """The logo's alt text: as written, or „Logo: ” and the unit's name."""
    if plan.logo is None:
        return ""
    unit = plan.jednostka or plan.gmina
    return plan.logo.opis or (f"Logo: {unit}" if unit else "Logo jednostki")
