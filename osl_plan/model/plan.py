"""A whole plan, and the helpers that read its year and split its paragraphs."""

from __future__ import annotations

import re
from typing import Any

from pydantic import ConfigDict, Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from osl_plan.i18n import N_, _
from osl_plan.model.fields import FrozenModel, NonEmpty, Text
from osl_plan.model.parts import (
    AttendanceSettings,
    Column,
    Funding,
    Goals,
    Logo,
    Section,
    Signatures,
)
from osl_plan.model.task import Task

DEFAULT_TITLE = "Plan organizowania społeczności lokalnej"


class Plan(FrozenModel):
    """A whole plan organizowania społeczności lokalnej."""

    model_config = ConfigDict(title="Plan organizowania społeczności lokalnej")

    rok: int = Field(ge=2000, le=2100, description=N_("The plan's year."))
    tytul: NonEmpty = Field(DEFAULT_TITLE, description=N_("The plan's title."))
    jednostka: Text | None = Field(
        None, description=N_("The institution, e.g. „Centrum Usług Społecznych w Kluczach”.")
    )
    gmina: Text | None = Field(None, description=N_("The municipality, e.g. „Gmina Klucze”."))
    logo: Logo | None = Field(
        None, description=N_("The unit's logo on page one: an image file, or {obraz, opis}.")
    )
    zalacznik: Text | None = Field(
        None,
        description=N_(
            "The framing line at the top of page one, e.g. „Załącznik nr 1 do Zarządzenia nr "
            "5/2025 Dyrektora Centrum Usług Społecznych w Kluczach z dnia 10 stycznia 2025 r.”"
        ),
    )
    wstep: Text | None = Field(
        None, description=N_("Introduction; a blank line separates paragraphs.")
    )
    sekcje: tuple[Section, ...] = Field(
        (), description=N_("Extra chapters, after the introduction.")
    )
    cele: Goals | None = Field(
        None,
        description=N_("The main goal and specific goals; tasks are grouped under them."),
    )
    kolumny: tuple[Column, ...] | None = Field(
        None,
        description=N_(
            "Columns of the task table, in order: field names or {pole, naglowek}. "
            "Default: zadanie, adresaci, termin, and any other field some task fills in."
        ),
    )
    zadania: tuple[Task, ...] = Field(
        min_length=1, description=N_("The tasks, in the table's order.")
    )
    finansowanie: Funding | None = Field(
        None,
        description=N_(
            "EU funding strip: a preset name (power-2014-2020, fers-2021-2027, "
            "fem-2021-2027, none) or a mapping."
        ),
    )
    podpisy: Signatures = Field(
        default_factory=Signatures, description=N_("Signature block (Opracował / Zatwierdził).")
    )
    lista: AttendanceSettings | None = Field(
        None, description=N_("Attendance lists: the personal-data clause (klauzula).")
    )

    @field_validator("rok", mode="before")
    @classmethod
    def _strict_year(cls, value: Any, info: ValidationInfo) -> Any:
        if isinstance(value, str):
            value = plan_year(value)
        if value is None or isinstance(value, bool):
            raise PydanticCustomError(
                "year",
                _("must be a year such as 2023"),
                {"hint": _("write the year in digits: rok: 2023")},
            )
        context = info.context
        if isinstance(context, dict) and context.get("rok") is None and isinstance(value, int):
            # "rok: 2024 r." reaches the caller as text; the terms below still need the year.
            # Fields are validated in order, so zadania (after rok) see it.
            context["rok"] = value
        return value

    @field_validator("logo", mode="before")
    @classmethod
    def _logo_file(cls, value: Any) -> Any:
        return {"obraz": value} if isinstance(value, str) else value

    @field_validator("cele")
    @classmethod
    def _goal_keys(cls, value: Goals | None, info: ValidationInfo) -> Goals | None:
        if value is not None:
            keys = value.keys
            if len(set(keys)) != len(keys):
                raise PydanticCustomError(
                    "goal_ids",
                    _("two specific goals have the same id"),
                    {"hint": _("give each goal its own id")},
                )
            if isinstance(info.context, dict):
                info.context["cele"] = keys  # fields are validated in order: zadania see them
        return value

    @field_validator("kolumny", mode="before")
    @classmethod
    def _column_names(cls, value: Any) -> Any:
        if isinstance(value, list | tuple):
            return [{"pole": v} if isinstance(v, str) else v for v in value]
        return value

    @field_validator("kolumny")
    @classmethod
    def _columns_make_a_table(cls, value: tuple[Column, ...] | None) -> tuple[Column, ...] | None:
        if value is None:
            return value
        fields = [c.pole for c in value]
        if "zadanie" not in fields:
            raise PydanticCustomError(
                "columns", _("has no „zadanie” column"), {"hint": _("add „zadanie” to kolumny")}
            )
        twice = sorted({f for f in fields if fields.count(f) > 1})
        if twice:
            raise PydanticCustomError(
                "columns",
                _("names „{field}” twice"),
                {"field": twice[0], "hint": _("keep one column per field")},
            )
        return value

    @field_validator("finansowanie", mode="before")
    @classmethod
    def _preset_name(cls, value: Any) -> Any:
        return {"wzor": value} if isinstance(value, str) else value

    @field_validator("podpisy", mode="before")
    @classmethod
    def _none_is_blank(cls, value: Any) -> Any:
        return {} if value is None else value

    @property
    def wstep_paragraphs(self) -> list[str]:
        """The introduction split into paragraphs at blank lines."""
        return split_paragraphs(self.wstep or "")


def plan_year(value: Any) -> Any:
    """``rok`` as written: "2024", "2024 r." and "2024 roku" are 2024; other text is None.

    Values that are not text are returned unchanged, for pydantic to check.
    """
    if not isinstance(value, str):
        return value
    m = re.fullmatch(_YEAR_TEXT, value.strip())
    return int(m[1]) if m else None


_YEAR_TEXT = r"(\d{1,4})\s*(?:r\.?|roku)?"  # compiled by ``re`` when a year is text


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs separated by blank lines; single newlines inside a paragraph become spaces."""
    blocks = re.split(r"\n\s*\n", text.strip())
    return [
        " ".join(line.strip() for line in block.splitlines()) for block in blocks if block.strip()
    ]
