"""The plan's parts other than tasks: chapters, signatures, funding, columns, goals, logo."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, ValidationInfo, field_validator, model_validator
from pydantic_core import PydanticCustomError

from osl_plan.i18n import N_, _
from osl_plan.model.fields import FrozenModel, NonEmpty, Text
from osl_plan.polish import short
from osl_plan.terms import MONTHS_GENITIVE, example_year


class Section(FrozenModel):
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
            {"value": short(value), "hint": _("write e.g. {date}").format(date=f"05.01.{year}")},
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


class Signature(FrozenModel):
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


class Signatures(FrozenModel):
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
                "value": short(value.etykieta),
                "hint": _("write one of: {labels}").format(labels=", ".join(allowed)),
            },
        )


Preset = Literal["power-2014-2020", "fers-2021-2027", "fem-2021-2027", "none"]


class Funding(FrozenModel):
    """The EU funding strip: a preset, or the marks of a custom strip, and the user's image."""

    wzor: Preset | None = Field(
        None,
        description=N_("Preset strip: fers-2021-2027, fem-2021-2027, power-2014-2020 or none."),
    )
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


class AttendanceSettings(FrozenModel):
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


class Column(FrozenModel):
    """One column of the task table: which task field it shows, and its heading."""

    pole: ColumnKey = Field(description=N_("The task field: zadanie, adresaci, termin, lp, cel …"))
    naglowek: NonEmpty | None = Field(
        None, description=N_("The heading; default e.g. „ZADANIE”, „Lp.”, „MIEJSCE”.")
    )


class Goal(FrozenModel):
    """One specific goal; tasks name it in ``cel`` by its id or number."""

    id: Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$", max_length=64)] | None = (
        Field(None, description=N_("Optional id that tasks write in „cel”."))
    )
    tresc: NonEmpty = Field(description=N_("The goal."))


class Goals(FrozenModel):
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


class Logo(FrozenModel):
    """The unit's logo on page one, above its name."""

    obraz: NonEmpty = Field(description=N_("The image (PNG or JPEG), relative to the plan file."))
    opis: NonEmpty | None = Field(
        None, description=N_("Alt text; default „Logo: ” and the unit's name.")
    )
