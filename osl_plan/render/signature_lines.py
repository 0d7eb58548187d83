"""The signature block as text, for every document that signs: label, person, position, date; dotted
lines wherever the plan leaves a name or a date out."""

from __future__ import annotations

from dataclasses import dataclass

from osl_plan.model import Plan, Signature
from osl_plan.polish import format_date

DOTS = "……………………"
DRAFTED, APPROVED = "Opracował", "Zatwierdził"


@dataclass(frozen=True, slots=True)
class SignatureLines:
    """One side of the signature block as text: label, person, position, date."""

    label: str
    person: str
    position: str
    date: str


def signature_lines(label: str, signature: Signature) -> SignatureLines:
    """Dotted lines wherever the plan leaves a name or date out."""
    return SignatureLines(
        label=label,
        person=signature.osoba or DOTS,
        position=signature.stanowisko or "",
        date=format_date(signature.data) if signature.data else DOTS,
    )


def signatures(plan: Plan) -> tuple[SignatureLines, SignatureLines]:
    """Left: drafted by (Opracował); right: approved by (Zatwierdził); labels as the plan says."""
    drafted, approved = plan.podpisy.opracowal, plan.podpisy.zatwierdzil
    return (
        signature_lines(drafted.etykieta or DRAFTED, drafted),
        signature_lines(approved.etykieta or APPROVED, approved),
    )
