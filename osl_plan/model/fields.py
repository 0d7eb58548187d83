"""Field types of the plan: text cleaning, texts, labels, terms and event dates.

Each type reads what people write (cleaning pasted text on the way) and says what is wrong in a
located message when it cannot.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    StringConstraints,
    ValidationInfo,
    WithJsonSchema,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

from osl_plan.i18n import N_, _, ngettext, number
from osl_plan.model.event_date import EventDate, parse_event_date
from osl_plan.term_parse import parse_term
from osl_plan.terms import Term, TermError, example_year
from osl_plan.textgate import SPECIAL, ForbiddenCharacter, clean, remove_invisible

MAX_TEXT = 20_000  # characters in one field; a whole plan's introduction fits many times over
MAX_TERM = 200  # the longest real term is a few dozen characters


def clean_text(value: Any) -> Any:
    """Text without control or invisible characters, CRLF folded, trimmed; others unchanged."""
    if not isinstance(value, str):
        return value
    try:
        return clean(value)
    except ForbiddenCharacter as error:
        raise PydanticCustomError(
            "control_character",
            _("contains an invisible control character (U+{code}) at character {position}"),
            {
                "code": error.code,
                "position": error.position,
                "hint": _("delete it; it is usually pasted in by accident and cannot be printed"),
            },
        ) from None


def _clean_nonempty(value: Any) -> Any:
    # One call per value rather than a second validator after the type check: a plan has tens
    # of thousands of these. Values that are not text pass through to fail the type check.
    value = clean_text(value)
    if value == "":
        raise PydanticCustomError(
            "empty", _("is empty"), {"hint": _("write the text, or remove the key")}
        )
    return value


#: Any text field: no control characters, CRLF folded, outer white space trimmed.
Text = Annotated[str, BeforeValidator(clean_text), StringConstraints(max_length=MAX_TEXT)]
#: A text field that must say something.
NonEmpty = Annotated[str, BeforeValidator(_clean_nonempty), StringConstraints(max_length=MAX_TEXT)]


class FrozenModel(BaseModel):
    """The base of every model of the plan: frozen, and unknown keys are errors."""

    model_config = ConfigDict(frozen=True, extra="forbid")


def _term(value: Any, info: ValidationInfo) -> Term:
    if isinstance(value, Term):
        return value
    if isinstance(value, dt.date):  # "termin: 2024-05-15" unquoted: YAML reads a date
        value = value.isoformat()
    rok = (info.context or {}).get("rok")
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise PydanticCustomError(
            "term_type",
            _("must be text such as „marzec {year}”"),
            {"year": example_year(rok), "hint": _("write the term as text")},
        )
    if isinstance(value, str) and SPECIAL.search(value):
        value = remove_invisible(value)
    if len(str(value)) > MAX_TERM:
        raise PydanticCustomError(
            "term_length",
            ngettext(
                "is too long for a term ({length} character)",
                "is too long for a term ({length} characters)",
                len(str(value)),
            ),
            {
                "length": number(len(str(value))),
                "hint": _("write a month or a range, e.g. „marzec {year}”").format(
                    year=example_year(rok)
                ),
            },
        )
    try:
        term = parse_term(str(value), default_year=rok)
    except TermError as error:
        raise PydanticCustomError(
            "term", "{message}", {"message": error.message, "hint": error.hint}
        ) from None
    # A term just after the year (the yearly report in January) is valid; the loader warns of it.
    if rok is not None and not term.overlaps_year(rok) and not term.just_after_year(rok):
        raise PydanticCustomError(
            "term_year",
            _("„{text}” is outside the plan's year {rok}"),
            {
                "text": term.text,
                "rok": rok,
                "hint": _("write „{term}”, or correct „rok:” at the top").format(
                    term=_into_year(term, rok).text
                ),
            },
        )
    return term


def _into_year(term: Term, rok: int) -> Term:
    """The term moved by whole years until it reaches ``rok`` (its nearest side lands there)."""
    years = rok - term.end.year if term.end.year < rok else rok - term.start.year
    return term.shifted(years)


_TERM_JSON_SCHEMA = {
    "type": ["string", "integer"],
    "description": N_(
        "Term as people write it: „marzec 2023”, „styczeń – czerwiec 2023”, "
        "„I kwartał 2023”, „II półrocze 2023”, „cały rok 2023”, "
        "„grudzień 2023 – styczeń 2024”."
    ),
    "examples": ["Styczeń – grudzień 2023", "Marzec 2023", "I kwartał 2023"],
}


class _WrittenAs:
    """A value read from the text people write, serialised as that text, documented as text.

    ``validate`` reads it (with the validation context, for the plan's year); the value keeps what
    was written in ``.text``. pydantic's PlainValidator would also derive a schema from the value's
    dataclasses (to serialise them), which is never used and costs start-up time; this builds only
    what is used.
    """

    def __init__(
        self, validate: Callable[[Any, ValidationInfo], Any], json_schema: dict[str, Any]
    ) -> None:
        self.validate = validate
        self.json_schema = json_schema

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.with_info_plain_validator_function(
            self.validate,
            serialization=core_schema.plain_serializer_function_ser_schema(
                _written_text, return_schema=core_schema.str_schema()
            ),
        )

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return dict(self.json_schema)


def _written_text(value: Term | EventDate) -> str:
    return value.text


TermField = Annotated[Term, _WrittenAs(_term, _TERM_JSON_SCHEMA)]


def _event_date(value: Any, info: ValidationInfo) -> EventDate:
    return parse_event_date(value, (info.context or {}).get("rok"))


#: The field's own description (Event.data) says what to write; these are its examples.
_EVENT_DATE_JSON_SCHEMA = {
    "type": ["string", "integer"],
    "examples": ["15 maja 2023", "15.05.2023", "marzec 2023"],
}


def one_or_many(value: Any) -> Any:
    """A single text where a list is expected is a list of one; nothing is an empty list."""
    if value is None:
        return ()
    if isinstance(value, str):
        value = clean_text(value)
        return (value,) if value else ()
    return value


#: A list of texts that may be written as one text.
Texts = Annotated[
    tuple[NonEmpty, ...],
    BeforeValidator(one_or_many),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string"},
                {"type": "array", "items": {"type": "string"}},
                {"type": "null"},
            ]
        }
    ),
]


def _label(value: Any) -> Any:
    """A short text that may be written as a number (``lp: 1``, ``koszt: 2000``)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    return _clean_nonempty(value)


#: A short text, also accepted as a number.
Label = Annotated[str, BeforeValidator(_label), StringConstraints(max_length=MAX_TEXT)]
#: An event's date (Event.data): a day, days or months, written like a term.
EventDateField = Annotated[EventDate, _WrittenAs(_event_date, _EVENT_DATE_JSON_SCHEMA)]
