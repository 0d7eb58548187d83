"""``osl-plan doktor``: what works in this installation and what does not, each with its fix.

:func:`diagnose` runs every check and returns a :class:`Diagnosis`, a value the CLI prints
(:mod:`osl_plan.doctor.diagnosis_out`); nothing here prints or exits. A check is ``ok``, a
``warning`` (documents are still made, perhaps not as expected) or an ``error`` (something the
organiser needs does not work); the command exits 1 when there is an error.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from osl_plan.doctor.checks import Check, Level

__all__ = ["Check", "Diagnosis", "Level", "diagnose"]


@dataclass(frozen=True, slots=True)
class Diagnosis:
    """Every check, in the order shown."""

    checks: tuple[Check, ...]

    @property
    def healthy(self) -> bool:
        """True when nothing needed fails (warnings allowed)."""
        return all(check.level is not Level.error for check in self.checks)


def diagnose(folder: Path, *, port: int | None = None, timeout: float = 90.0) -> Diagnosis:
    """Check this installation and the plans ``folder`` (and the editor's ``port``: by default
    the one the editor takes for ``folder``); ``timeout`` bounds the test conversion."""
    from osl_plan.doctor import folder as folder_checks
    from osl_plan.doctor import system
    from osl_plan.editor.ports import folder_port

    if port is None:
        port = folder_port(folder)

    checks = [system.version_check(), system.python_check()]
    checks += system.libreoffice_checks(timeout=timeout)
    checks += [system.fonts_check(), *folder_checks.folder_checks(folder), system.port_check(port)]
    return Diagnosis(tuple(checks))
