"""The plan as data: a pydantic schema with Polish keys. No I/O here.

Every model is frozen, and lists are tuples, so a loaded plan is a value that diffs and renderers
can share safely.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Sequence
from functools import cache
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    StringConstraints,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

from osl_plan.i18n import N_, _, ngettext, number
from osl_plan.realisation import (
    EventDate,
    Status,
    parse_count,
    parse_event_date,
    parse_status,
    reason_missing,
)
from osl_plan.term_parse import parse_term
from osl_plan.terms import MONTHS_GENITIVE, Term, TermError, example_year

DEFAULT_TITLE = "Plan organizowania społeczności lokalnej"
MAX_TEXT = 20_000  # characters in one field; a whole plan's introduction fits many times over
MAX_TERM = 200  # the longest real term is a few dozen characters

# Control characters other than tab and newline cannot be stored in a DOCX (XML 1.0) at all.
# C1 controls (U+0080–U+009F, e.g. U+009B, a terminal's escape) are just as invisible.
_FORBIDDEN_CHARS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff"
# Invisible characters that text pasted from Word or a web page brings along: soft hyphen, zero
# width space, word joiner, direction marks, a stray byte order mark. Nobody can see or edit them
# in a plan file, and they split words that must match ("maj\u200b 2024" would not be a term),
# so they are removed. A non-breaking space is visible in the document's layout and is kept.
_INVISIBLE_CHARS = "\u00ad\u200b\u200e\u200f\u2060\ufeff"
# One search finds both kinds, and the combining accents of decomposed letters (NFD), so text
# without any of them (nearly all of it) costs one scan. The patterns of each kind alone are
# compiled only for text that has one (a character class beyond Latin-1 is slow to compile,
# and every command start would pay for it).
_SPECIAL = re.compile(f"[{_FORBIDDEN_CHARS}{_INVISIBLE_CHARS}\u0300-\u036f]")


@cache
def _forbidden() -> re.Pattern[str]:
    return re.compile(f"[{_FORBIDDEN_CHARS}]")


@cache
def _invisible() -> re.Pattern[str]:
    return re.compile(f"[{_INVISIBLE_CHARS}]")


def _remove_invisible(value: str) -> str:
    return _invisible().sub("", value)


def _clean_text(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    if _SPECIAL.search(value) is None:
        return value.replace("\r\n", "\n").strip()
    # "ó" saved as "o" and a combining accent (NFD) is the letter "ó" (NFC), as typed.
    value = unicodedata.normalize("NFC", _remove_invisible(value))
    if m := _forbidden().search(value):
        raise PydanticCustomError(
            "control_character",
            _("contains an invisible control character (U+{code}) at character {position}"),
            {
                "code": f"{ord(m.group()):04X}",
                "position": m.start() + 1,
                "hint": _("delete it; it is usually pasted in by accident and cannot be printed"),
            },
        )
    return value.replace("\r\n", "\n").strip()


def _short(value: str, limit: int = 60) -> str:
    """A value short enough to quote in a one-line message."""
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _clean_nonempty(value: Any) -> Any:
    # One call per value rather than a second validator after the type check: a plan has tens
    # of thousands of these. Values that are not text pass through to fail the type check.
    value = _clean_text(value)
    if value == "":
        raise PydanticCustomError(
            "empty", _("is empty"), {"hint": _("write the text, or remove the key")}
        )
    return value


#: Any text field: no control characters, CRLF folded, outer white space trimmed.
Text = Annotated[str, BeforeValidator(_clean_text), StringConstraints(max_length=MAX_TEXT)]
#: A text field that must say something.
NonEmpty = Annotated[str, BeforeValidator(_clean_nonempty), StringConstraints(max_length=MAX_TEXT)]


class _Model(BaseModel):
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
    if isinstance(value, str) and _SPECIAL.search(value):
        value = _remove_invisible(value)
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


def _one_or_many(value: Any) -> Any:
    """A single text where a list is expected is a list of one; nothing is an empty list."""
    if value is None:
        return ()
    if isinstance(value, str):
        value = _clean_text(value)
        return (value,) if value else ()
    return value


#: A list of texts that may be written as one text.
Texts = Annotated[
    tuple[NonEmpty, ...],
    BeforeValidator(_one_or_many),
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
_STATUS_SCHEMA = {
    "type": "string",
    "description": N_(
        "zrealizowane, częściowo, niezrealizowane or w trakcie (other usual forms, "
        "such as „zrealizowano” or „nie wykonano”, are accepted)."
    ),
    "examples": [status.value for status in Status],
}


class Event(_Model):
    """One event of a task: a meeting, a trip, a workshop (wydarzenia)."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    data: Annotated[EventDate, _WrittenAs(_event_date, _EVENT_DATE_JSON_SCHEMA)] = Field(
        description=N_("When: a day, days or months, written like a term.")
    )
    uczestnicy: Annotated[int, BeforeValidator(parse_count)] | None = Field(
        None, description=N_("Number of participants: a whole number, 0 or more.")
    )
    miejsce: Text | None = Field(None, description=N_("Where it was held."))
    partnerzy: Texts = Field((), description=N_("Partners who took part in this event."))
    opis: Text | None = Field(None, description=N_("A short description."))


class Realisation(_Model):
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


def _label(value: Any) -> Any:
    """A short text that may be written as a number (``lp: 1``, ``koszt: 2000``)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    return _clean_nonempty(value)


#: A short text, also accepted as a number.
Label = Annotated[str, BeforeValidator(_label), StringConstraints(max_length=MAX_TEXT)]


class Task(_Model):
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
    realizacja: Annotated[Realisation | None, _BuiltWhenUsed(Realisation)] = Field(
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
        if value is None:
            return ()
        if isinstance(value, str):
            value = _clean_text(value)
            return (value,) if value else ()
        return value

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
                "value": _short(value),
                "hint": _("write the id or number of one: {goals}").format(goals=", ".join(goals)),
            },
        )


def goal_index(keys: Sequence[str], cel: str) -> int | None:
    """The position of the goal ``cel`` names (its id, or its number counted from 1), or None."""
    if cel in keys:
        return keys.index(cel)
    number = cel.rstrip(".")
    if number.isdigit() and 1 <= int(number) <= len(keys):
        return int(number) - 1
    return None


class Section(_Model):
    """An extra chapter (goals, methods, partners, expected results …)."""

    tytul: NonEmpty = Field(description=N_("Chapter heading."))
    tresc: Text = Field(
        "",
        description=N_("Chapter text in simple Markdown: paragraphs, lists, **bold**, *italic*."),
    )


def _date(value: Any, info: ValidationInfo) -> Any:
    """Dates as YAML dates, "05.01.2023", "2023-01-05" or "5 stycznia 2023"; r. allowed."""
    if not isinstance(value, str):
        return value
    year = example_year((info.context or {}).get("rok"))
    text = re.sub(r"\s*(r\.?|roku)$", "", value.strip())
    if m := re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", text):
        day, month, year = int(m[1]), int(m[2]), int(m[3])
    elif m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text):
        year, month, day = int(m[1]), int(m[2]), int(m[3])
    elif (m := re.fullmatch(r"(\d{1,2}) (\w+) (\d{4})", text)) and m[2].lower() in MONTHS_GENITIVE:
        day, month, year = int(m[1]), MONTHS_GENITIVE.index(m[2].lower()) + 1, int(m[3])
    else:
        raise PydanticCustomError(
            "date",
            _("„{value}” is not a date"),
            {"value": _short(value), "hint": _("write e.g. {date}").format(date=f"05.01.{year}")},
        )
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise PydanticCustomError(
            "date", _("„{value}” is not a date"), {"value": value, "hint": _("check day and month")}
        ) from None


#: The labels a side of the signature block may carry: masculine, feminine, neutral.
SIGNATURE_LABELS = {
    "opracowal": ("Opracował", "Opracowała", "Opracowanie", "Sporządził", "Sporządziła"),
    "zatwierdzil": ("Zatwierdził", "Zatwierdziła", "Zatwierdzenie"),
}


class Signature(_Model):
    """One side of the signature block."""

    etykieta: Text | None = Field(
        None,
        description=N_(
            "The label as the signer needs it: „Opracował”, „Opracowała” or „Opracowanie” "
            "(also „Sporządził”, „Sporządziła”); „Zatwierdził”, „Zatwierdziła” or "
            "„Zatwierdzenie”. Default: „Opracował” / „Zatwierdził”."
        ),
    )
    osoba: Text | None = Field(None, description=N_("Name of the person; dotted line when absent."))
    stanowisko: Text | None = Field(None, description=N_("Position, e.g. „Dyrektor CUS”."))
    data: Annotated[dt.date, BeforeValidator(_date)] | None = Field(
        None,
        description=N_("Date: 2023-01-05, 05.01.2023 or „5 stycznia 2023”; dotted line if absent."),
    )


class Signatures(_Model):
    """The signature block: who drafted the plan and who approved it."""

    opracowal: Signature = Field(
        default_factory=Signature, description=N_("Drafted by (Opracował).")
    )
    zatwierdzil: Signature = Field(
        default_factory=Signature, description=N_("Approved by (Zatwierdził).")
    )

    @field_validator("opracowal", "zatwierdzil", mode="before")
    @classmethod
    def _none_is_blank(cls, value: Any) -> Any:
        return {} if value is None else value

    @field_validator("opracowal", "zatwierdzil")
    @classmethod
    def _label_of_side(cls, value: Signature, info: ValidationInfo) -> Signature:
        allowed = SIGNATURE_LABELS[str(info.field_name)]
        if value.etykieta is None or value.etykieta in allowed:
            return value
        found = next((a for a in allowed if a.lower() == value.etykieta.lower().rstrip(":")), None)
        if found is not None:
            return value.model_copy(update={"etykieta": found})
        raise PydanticCustomError(
            "signature_label",
            _("„{value}” is not a label of this side"),
            {
                "value": _short(value.etykieta),
                "hint": _("write one of: {labels}").format(labels=", ".join(allowed)),
            },
        )


Preset = Literal["power-2014-2020", "fers-2021-2027", "fem-2021-2027", "none"]


class Funding(_Model):
    """The EU funding strip: a preset, or the marks of a custom strip, and the user's image."""

    wzor: Preset | None = Field(None, description=N_("Preset strip; see the README."))
    znaki: tuple[NonEmpty, ...] = Field(
        (),
        description=N_(
            "Texts of the marks, left to right (custom strip); a newline breaks a line."
        ),
    )
    obraz: Text | None = Field(
        None, description=N_("The official strip image (PNG or JPEG), relative to the plan file.")
    )
    kolor: bool = Field(
        True,
        description=N_("False for a monochrome strip, which leaves out „Rzeczpospolita Polska”."),
    )

    @model_validator(mode="after")
    def _preset_or_marks(self) -> Funding:
        if self.wzor is None and not self.znaki:
            raise PydanticCustomError(
                "funding",
                _("names neither a preset (wzor) nor the marks (znaki)"),
                {"hint": _("write e.g. „wzor: fers-2021-2027”")},
            )
        return self


class AttendanceSettings(_Model):
    """Settings of the attendance lists (``osl-plan lista``)."""

    klauzula: Text | None = Field(
        None,
        description=N_(
            "The personal-data (RODO) clause printed at the foot of every attendance list, "
            "as the centre's data-protection officer words it."
        ),
    )


#: The task fields a table column can show, in the order columns are added by default.
COLUMN_KEYS = (
    "lp", "zadanie", "cel", "adresaci", "termin", "partnerzy", "realizatorzy", "miejsce",
    "odpowiedzialny", "rezultaty", "koszt", "zrodlo_finansowania",
)  # fmt: skip
ColumnKey = Literal[
    "lp", "zadanie", "cel", "adresaci", "termin", "partnerzy", "realizatorzy", "miejsce",
    "odpowiedzialny", "rezultaty", "koszt", "zrodlo_finansowania",
]  # fmt: skip


class Column(_Model):
    """One column of the task table: which task field it shows, and its heading."""

    pole: ColumnKey = Field(description=N_("The task field: zadanie, adresaci, termin, lp, cel …"))
    naglowek: NonEmpty | None = Field(
        None, description=N_("The heading; default e.g. „ZADANIE”, „Lp.”, „MIEJSCE”.")
    )


class Goal(_Model):
    """One specific goal; tasks name it in ``cel`` by its id or number."""

    id: Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$", max_length=64)] | None = (
        Field(None, description=N_("Optional id that tasks write in „cel”."))
    )
    tresc: NonEmpty = Field(description=N_("The goal."))


class Goals(_Model):
    """The plan's goals: a main goal and specific goals the table is grouped under."""

    glowny: NonEmpty | None = Field(None, description=N_("The main goal (cel główny)."))
    szczegolowe: tuple[Goal, ...] = Field((), description=N_("Specific goals, in order."))

    @field_validator("szczegolowe", mode="before")
    @classmethod
    def _texts_are_goals(cls, value: Any) -> Any:
        if isinstance(value, list | tuple):
            return [{"tresc": v} if isinstance(v, str) else v for v in value]
        return value

    @property
    def keys(self) -> list[str]:
        """What a task's ``cel`` may name: each goal's id, or its number when it has none."""
        return [g.id or str(n) for n, g in enumerate(self.szczegolowe, 1)]


class Logo(_Model):
    """The unit's logo on page one, above its name."""

    obraz: NonEmpty = Field(description=N_("The image (PNG or JPEG), relative to the plan file."))
    opis: NonEmpty | None = Field(
        None, description=N_("Alt text; default „Logo: ” and the unit's name.")
    )


class Plan(_Model):
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
