"""One finding of ``osl-plan doktor``: what was checked, how it came out, and its fix."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

__all__ = ["Check", "Level"]


class Level(StrEnum):
    """How a check came out."""

    ok = "ok"
    warning = "warning"
    error = "error"


@dataclass(frozen=True, slots=True)
class Check:
    """One finding: what was checked, how it came out, and how to fix it."""

    #: A stable id for programs: version, python, libreoffice, conversion, fonts, folder, port,
    #: strip, plans-version.
    name: str
    level: Level
    message: str
    fix: str = ""
    #: Plain facts for programs (``-f json``): paths, versions.
    facts: dict[str, str] = field(default_factory=dict)
