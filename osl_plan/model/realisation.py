"""The realisation block of a task (realizacja): its events, built the first time a plan uses it."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

from osl_plan.i18n import N_, _
from osl_plan.model.fields import EventDateField, FrozenModel, Text, Texts
from osl_plan.model.task_status import Status, parse_status, reason_missing

_STATUS_SCHEMA = {
    "type": "string",
    "description": N_(
        "zrealizowane, częściowo, niezrealizowane or w trakcie (other usual forms, "
        "such as „zrealizowano” or „nie wykonano”, are accepted)."
    ),
    "examples": [status.value for status in Status],
}


def _shown_value(value: Any) -> str:
    """A value short enough to quote (a huge integer is not even turned into digits)."""
    if isinstance(value, int) and value.bit_length() > 64:
        return "…"
    text = str(value)
    return text if len(text) <= 40 else text[:39] + "…"


def parse_count(value: Any) -> Any:
    """A number of participants: a whole number from 0 to MAX_PARTICIPANTS.
    Raises PydanticCustomError."""
    from osl_plan.i18n import number as grouped
    from osl_plan.numbers import MAX_PARTICIPANTS, TooLarge, whole_number

    try:
        return whole_number(value, maximum=MAX_PARTICIPANTS)
    except TooLarge:
        raise PydanticCustomError(
            "participants_count",
            _("is more than {limit} participants of one event").format(
                limit=grouped(MAX_PARTICIPANTS)
            ),
            {
                "hint": _("check the number; a larger event is several events"),
                "code": "participants-count",
            },
        ) from None
    except ValueError:
        pass
    shown = _shown_value(value)
    raise PydanticCustomError(
        "participants_count",
        _("„{value}” is not a number of participants"),
        {
            "value": shown,
            "hint": _("write a whole number, 0 or more, e.g. uczestnicy: 25"),
            "code": "participants-count",
        },
    )


class Event(FrozenModel):
    """One event of a task: a meeting, a trip, a workshop (wydarzenia)."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    data: EventDateField = Field(
        description=N_("When: a day, days or months, written like a term.")
    )
    uczestnicy: Annotated[int, BeforeValidator(parse_count)] | None = Field(
        None, description=N_("Number of participants: a whole number, 0 or more.")
    )
    miejsce: Text | None = Field(None, description=N_("Where it was held."))
    partnerzy: Texts = Field((), description=N_("Partners who took part in this event."))
    opis: Text | None = Field(None, description=N_("A short description."))


class Realisation(FrozenModel):
    """What was done of a task (realizacja): status, events, partners, results."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    status: Annotated[Status, BeforeValidator(parse_status), WithJsonSchema(_STATUS_SCHEMA)] = (
        Field(description=N_("zrealizowane, częściowo, niezrealizowane or w trakcie."))
    )
    powod: Text | None = Field(
        None, description=N_("Why the task was not (fully) carried out; needed for those statuses.")
    )
    wydarzenia: tuple[Event, ...] = Field((), description=N_("The events held, in any order."))
    partnerzy: Texts = Field((), description=N_("Partners who took part in the task."))
    rezultaty: Texts = Field(
        (),
        description=N_("Results achieved: text, or indicators such as „liczba uczestników: 45”."),
    )
    uwagi: Text | None = Field(None, description=N_("Remarks."))

    @field_validator("wydarzenia", mode="before")
    @classmethod
    def _none_is_empty(cls, value: Any) -> Any:
        return () if value is None else value

    @model_validator(mode="after")
    def _reason_given(self) -> Realisation:
        if self.status.needs_reason and not self.powod:
            raise reason_missing(self.status)
        return self

    @property
    def participants(self) -> int:
        """Participants of every event together (events without a count add nothing)."""
        return sum(event.uczestnicy or 0 for event in self.wydarzenia)


class _BuiltWhenUsed:
    """A field holding a model that is built the first time a plan uses the field.

    pydantic builds a model's validator when its class is created, and every command pays for
    that at start-up. The realisation block (:class:`Realisation`, :class:`Event`) is written in
    few plans, so its models defer building, and the field validates through this marker, which
    never asks pydantic for the model's schema: a plan without ``realizacja`` builds none of it.
    Errors inside keep their places (pydantic nests them under the field), and the JSON Schema
    is the model's own.
    """

    def __init__(self, model: type[BaseModel]) -> None:
        self.model = model

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        model = self.model

        def validate(value: Any, info: ValidationInfo) -> Any:
            if value is None or isinstance(value, model):
                return value
            return model.model_validate(value, context=info.context)

        return core_schema.with_info_plain_validator_function(validate)

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return handler(core_schema.nullable_schema(self.model.__pydantic_core_schema__))


#: A task's ``realizacja``: validated by :class:`Realisation`, built when a plan first has one.
RealisationField = Annotated[Realisation | None, _BuiltWhenUsed(Realisation)]
