"""After the table: the signature block ("Opracował" / "Zatwierdził", position, date)."""

from __future__ import annotations

import re
from typing import Any

from pydantic import ValidationError

from osl_plan.i18n import _
from osl_plan.importer.blocks import Block, Para
from osl_plan.importer.state import State
from osl_plan.importer.tables import clean
from osl_plan.model import Signature
from osl_plan.polish import fold

_DOTS = re.compile(r"[.…_]{2,}|…")
_LABEL = re.compile(
    r"^(opracowala|opracowal|opracowanie|sporzadzila|sporzadzil|zatwierdzila|zatwierdzil"
    r"|zatwierdzenie)\b\s*:?\s*"
)
#: Label forms other than the default („Opracował”, „Zatwierdził”), kept as the plan's etykieta.
_LABEL_FORMS = {
    "opracowala": "Opracowała",
    "opracowanie": "Opracowanie",
    "sporzadzil": "Sporządził",
    "sporzadzila": "Sporządziła",
    "zatwierdzila": "Zatwierdziła",
    "zatwierdzenie": "Zatwierdzenie",
}


def read_signatures(blocks: list[Block], state: State) -> list[str]:
    """Fill the signature block from the lines after the table; returns the lines left over.

    Each side reads: label (with the person), position, "Data: …"; the date closes the side.
    """
    sides: dict[str, list[str]] = {}
    labels: dict[str, str] = {}
    current: str | None = None
    leftovers: list[str] = []
    for written in _lines_after(blocks):
        line, folded = written, fold(written)
        label = _LABEL.match(folded)
        if label:
            current = "zatwierdzil" if folded.startswith("zatw") else "opracowal"
            sides[current] = []
            if (form := _LABEL_FORMS.get(label.group(1))) is not None:
                labels[current] = form
            line = line[label.end() :]
            if not line.strip():
                continue
        is_date = folded.startswith("data")
        if current is None and is_date:
            # Side-by-side blocks come out as "Opracował, Zatwierdził, Data, Data".
            current = next((s for s, lines in sides.items() if not _dated(lines)), None)
        if current is None or _prose(line):
            if clean(line) and not _DOTS.fullmatch(clean(line)):
                leftovers.append(clean(line))
            continue
        sides[current].append(line)
        if is_date:
            current = None
    signatures = {side: _signature(lines, side, state) for side, lines in sides.items()}
    for side, form in labels.items():
        signatures[side] = {"etykieta": form, **signatures[side]}
    if signatures:
        state.data["podpisy"] = signatures
    return leftovers


def _dated(lines: list[str]) -> bool:
    return any(fold(line).startswith("data") for line in lines)


def _prose(line: str) -> bool:
    """A sentence, not a name or a position."""
    text = clean(line)
    return len(text) > 120 or (len(text.split()) > 4 and text[-1:] in ".!?")


def _lines_after(blocks: list[Block]) -> list[str]:
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, Para):
            texts = [block.text]
        else:  # read a signature table column by column: left side, then right side
            columns = max((len(row.cells) for row in block.rows), default=0)
            texts = [
                row.cells[col].text for col in range(columns) for row in block.rows
                if col < len(row.cells)
            ]  # fmt: skip
        for text in texts:
            for line in re.split(r"\n|\t+", text):
                if clean(line):
                    lines.append(clean(line))
    return lines


def _signature(lines: list[str], side: str, state: State) -> dict[str, Any]:
    values: dict[str, Any] = {}
    slots = ["osoba", "stanowisko"]
    for line in lines:
        text = clean(_DOTS.sub(" ", line))
        if m := re.match(r"^data\s*:?\s*", fold(line)):
            date = clean(_DOTS.sub(" ", line[m.end() :]))
            if date:
                _date(date, side, values, state)
            continue
        if not text:
            if slots:
                slots.pop(0)  # a dotted line stands for the person, left to be filled in
            continue
        if _date(text, side, values, state, quiet=True):
            continue
        if slots:
            values[slots.pop(0)] = text
        else:
            state.note(("podpisy", side), _("not imported: {text}").format(text=text))
            state.warnings.append(_("signature line not imported: „{text}”").format(text=text))
    return values


def _date(
    text: str, side: str, values: dict[str, Any], state: State, *, quiet: bool = False
) -> bool:
    try:
        values["data"] = Signature.model_validate({"data": text}).data
    except ValidationError:
        if not quiet:
            state.note(("podpisy", side), _("date not understood: {text}").format(text=text))
            state.warnings.append(_("signature date not understood: „{text}”").format(text=text))
        return False
    return True
