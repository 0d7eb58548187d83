"""EU funding strips: the marks of each preset, in the official left-to-right order.

The marks are official artwork and are never redrawn here: a user supplies the strip image, and
these texts become its alt text, or stand in for it, in the same order, when there is no image.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from osl_plan.model import Funding, Plan

#: Mark texts; a newline is a line break inside one mark.
PRESETS: dict[str, tuple[str, ...]] = {
    "power-2014-2020": (
        "Fundusze Europejskie\nWiedza Edukacja Rozwój",
        "Rzeczpospolita Polska",
        "Unia Europejska\nEuropejski Fundusz Społeczny",
    ),
    "fers-2021-2027": (
        "Fundusze Europejskie\ndla Rozwoju Społecznego",
        "Rzeczpospolita Polska",
        "Dofinansowane przez\nUnię Europejską",
    ),
    "fem-2021-2027": (
        "Fundusze Europejskie\ndla Małopolski",
        "Rzeczpospolita Polska",
        "Dofinansowane przez\nUnię Europejską",
        "Małopolska",
    ),
    "none": (),
}
_NATIONAL_MARK = "Rzeczpospolita Polska"


@dataclass(frozen=True, slots=True)
class Strip:
    """What a renderer needs to set the strip."""

    marks: tuple[str, ...]
    image: Path | None

    @property
    def alt_text(self) -> str:
        """The marks' texts in order, for a screen reader."""
        return ", ".join(" ".join(mark.split()) for mark in self.marks)


def resolve_strip(plan: Plan, base_dir: Path | None = None) -> Strip | None:
    """The plan's strip, its image resolved against ``base_dir``; None when there is none."""
    funding: Funding | None = plan.finansowanie
    if funding is None:
        return None
    marks = funding.znaki or PRESETS[funding.wzor or "none"]
    if not funding.kolor:
        # The national mark exists only in full colour; a monochrome strip leaves it out.
        marks = tuple(mark for mark in marks if " ".join(mark.split()) != _NATIONAL_MARK)
    if not marks and not funding.obraz:
        return None
    image = None
    if funding.obraz:
        image = Path(funding.obraz)
        if base_dir is not None and not image.is_absolute():
            image = base_dir / image
    return Strip(marks, image)
