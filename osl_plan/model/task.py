"""One task of the plan's table, and the goal a task names."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any

from pydantic import Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from osl_plan.i18n import N_, _
from osl_plan.model.fields import FrozenModel, Label, NonEmpty, TermField, Text, one_or_many
from osl_plan.model.realisation import RealisationField
from osl_plan.polish import short


class Task(FrozenModel):
    """One row of the plan's table: ZADANIE | ADRESACI | TERMINY PLANOWANYCH DZIAŁAŃ."""

    id: Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$", max_length=64)] | None = (
        Field(None, description=N_("Optional stable identifier, unique in the file; helps `diff`."))
    )
    zadanie: NonEmpty = Field(description=N_("What will be done (the ZADANIE column)."))
    dzialania: tuple[NonEmpty, ...] = Field(
        (), description=N_("Sub-items, printed as bullets under the task.")
    )
    adresaci: tuple[NonEmpty, ...] = Field(
        (), description=N_("Who the task is for (ADRESACI): a text or a list of texts.")
    )
    termin: TermField = Field(description=N_("When (TERMINY PLANOWANYCH DZIAŁAŃ)."))
    realizacja: RealisationField = Field(
        None,
        description=N_(
            "What was done: status, events, partners, results (not printed in the plan; "
            "`osl-plan report` writes it up)."
        ),
    )
    lp: Label | None = Field(
        None,
        description=N_(
            "The number printed in the „Lp.” column, e.g. „1.” or „2.3”; "
            "tasks without one are numbered in order."
        ),
    )
    cel: Label | None = Field(
        None,
        description=N_(
            "Which goal the task serves: the id or number of one of „cele.szczegolowe” "
            "(the table is then grouped under the goals), or a text printed in the „Cel” column."
        ),
    )
    partnerzy: tuple[NonEmpty, ...] = Field(
        (), description=N_("Partners: a text or a list of texts.")
    )
    realizatorzy: tuple[NonEmpty, ...] = Field(
        (), description=N_("Who carries the task out: a text or a list of texts.")
    )
    miejsce: Text | None = Field(
        None, description=N_("Where the task takes place; printed on its attendance lists.")
    )
    odpowiedzialny: Text | None = Field(None, description=N_("Who is responsible for the task."))
    rezultaty: tuple[NonEmpty, ...] = Field(
        (),
        description=N_("Expected results or indicators, e.g. „50 uczestników”: a text or a list."),
    )
    koszt: Label | None = Field(None, description=N_("Planned cost, e.g. „2 000 zł”."))
    zrodlo_finansowania: Text | None = Field(
        None, description=N_("Source of funding, e.g. „budżet gminy”.")
    )

    @field_validator("adresaci", "partnerzy", "realizatorzy", "rezultaty", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return one_or_many(value)

    @field_validator("dzialania", mode="before")
    @classmethod
    def _none_is_empty(cls, value: Any) -> Any:
        return () if value is None else value

    @field_validator("cel")
    @classmethod
    def _known_goal(cls, value: str | None, info: ValidationInfo) -> str | None:
        goals = (info.context or {}).get("cele")
        if value is None or not goals or goal_index(goals, value) is not None:
            return value
        raise PydanticCustomError(
            "goal",
            _("„{value}” is none of the specific goals in „cele.szczegolowe”"),
            {
                "value": short(value),
                "hint": _("write the id or number of one: {goals}").format(goals=", ".join(goals)),
            },
        )


def goal_index(keys: Sequence[str], cel: str) -> int | None:
    """The position of the goal ``cel`` names (its id, or its number counted from 1), or None."""
    if cel in keys:
        return keys.index(cel)
    from osl_plan.numbers import whole_number

    try:
        number = whole_number(cel.rstrip("."), maximum=len(keys))
    except ValueError:
        return None
    return number - 1 if number >= 1 else None
