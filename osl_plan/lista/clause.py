"""The personal-data clause (klauzula RODO) printed under an attendance list."""

from __future__ import annotations

from osl_plan.model import Plan

#: The default clause when the plan has none: short, naming the unit as the controller.
DEFAULT_CLAUSE = (
    "Administratorem danych osobowych zebranych na liście obecności jest {jednostka}. "
    "Dane są przetwarzane w celu udokumentowania udziału w wydarzeniu i rozliczenia zadania, "
    "zgodnie z art. 6 ust. 1 lit. c i e RODO, przez okres wymagany przepisami o archiwizacji. "
    "Przysługuje Pani/Panu prawo dostępu do danych, ich sprostowania i ograniczenia "
    "przetwarzania oraz prawo wniesienia skargi do Prezesa Urzędu Ochrony Danych Osobowych. "
    "Szczegóły podaje inspektor ochrony danych administratora."
)
UNIT_FALLBACK = "jednostka prowadząca zadanie"


def clause(plan: Plan, override: str | None = None) -> str:
    """The personal-data clause: the given text, the plan's ``lista.klauzula``, or the default."""
    if override is not None and override.strip():
        return override.strip()
    settings = plan.lista
    if settings is not None and settings.klauzula:
        return settings.klauzula.strip()
    return DEFAULT_CLAUSE.format(jednostka=plan.jednostka or UNIT_FALLBACK)
