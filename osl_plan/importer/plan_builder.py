"""From the blocks of a document to a Plan: title, year, introduction, chapters, tasks, signatures.

Everything guessed becomes a note (a comment in the YAML); everything that cannot be placed
becomes a warning, so no text is dropped silently.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from pydantic import ValidationError

from osl_plan.columns import HEADINGS, table_columns
from osl_plan.errors import DocxImportError
from osl_plan.i18n import _, with_hint
from osl_plan.importer.blocks import Document, Table
from osl_plan.importer.front import OWN_KEYWORDS, read_front
from osl_plan.importer.signatures import read_signatures
from osl_plan.importer.state import Imported, State, warning_excerpt
from osl_plan.importer.strip import is_schedule, is_strip_block, read_funding
from osl_plan.importer.tables import RawTask, TaskTable, clean, find_task_table
from osl_plan.importer.task_ids import assign_ids
from osl_plan.model import Plan
from osl_plan.term_parse import parse_term
from osl_plan.terms import TermError
from osl_plan.yamlout import NotePath


def build_plan(document: Document, name: str) -> Imported:
    """The plan in a document. Raises DocxImportError when there is no task table or no year."""
    table = find_task_table(document.blocks)
    if table is None:
        raise DocxImportError(
            _(
                "{file}: no task table found — the plan's table needs a header row with "
                "ZADANIE and TERMIN (ADRESACI is optional)"
            ).format(file=name)
        )
    state = State()
    front_end = table.first if table.group_heading is None else table.group_heading
    read_front(document, document.blocks[:front_end], state, name)
    read_goals(state)
    if not table.tasks:
        raise DocxImportError(
            _("{file}: the task table has a header but no tasks").format(file=name)
        )
    _read_after_table(document, table, state, name)
    numbers = _goal_numbers(table, state.data.get("cele"))  # before goals come from headings
    _goals_from_headings(table, state)
    _tasks(table, state, name, numbers)
    assign_ids(state.data["zadania"], document.custom, state)
    plan = _validate(state, name)
    if columns := _columns(table, plan, own=document.properties.get("keywords") == OWN_KEYWORDS):
        state.data["kolumny"] = columns
        plan = _validate(state, name)
    return Imported(plan, state.notes, _header(table, state, name), state.warnings)


def _read_after_table(document: Document, table: TaskTable, state: State, name: str) -> None:
    """The funding, the signatures and what is left after (and between the pages of) the
    task table: the leftovers are noted, never silently dropped."""
    rest = document.blocks[table.last + 1 :]
    read_funding(document, [*table.between, *rest], state)
    rest = [b for b in rest if not (is_strip_block(b, state) or is_schedule(b))]
    if table.signature_rows:
        rest = [Table(table.signature_rows), *rest]
    leftovers = read_signatures(rest, state)
    for text in leftovers:
        state.warnings.append(
            _("{file}: text after the table not imported: „{text}”").format(
                file=name, text=warning_excerpt(text)
            )
        )
    if leftovers:
        state.note(
            ("podpisy",),
            _("text after the table not imported: {text}").format(text=" / ".join(leftovers)),
        )
    for para in table.between:
        text = clean(para.text)
        if text and not is_strip_block(para, state) and not text.isdigit():
            state.warnings.append(
                _("{file}: text between the table's pages not imported: „{text}”").format(
                    file=name, text=text
                )
            )
            state.note(
                ("zadania",), _("between the table's pages, not imported: {text}").format(text=text)
            )


def _header(table: TaskTable, state: State, name: str) -> list[str]:
    """The comment lines at the top of the imported plan."""
    header = [_("Imported from {file} by osl-plan import.").format(file=name)]
    if (pieces := table.pieces - table.groups) > 1:
        header.append(
            _("The task table was split into {count} tables; they were joined.").format(
                count=pieces
            )
        )
    if state.notes:
        header.append(_("Comments below mark what was inferred: check those places."))
    return header


# --- the tasks -----------------------------------------------------------------------------


def _tasks(table: TaskTable, state: State, name: str, numbers: dict[int, int]) -> None:
    """The tasks; ``numbers`` maps a group's printed number to its goal's where they differ."""
    rok = state.data.get("rok") or _year_from_terms(table.tasks, state, name)
    state.data["rok"] = rok
    tasks = []
    for index, raw in enumerate(table.tasks):
        path: NotePath = ("zadania", index)
        for note in raw.notes:
            state.note(path, note)
        for note in raw.adresaci_notes:
            state.note((*path, "adresaci"), note)
        zadanie = " ".join(raw.zadanie)
        dzialania = list(raw.dzialania)
        if not zadanie:
            zadanie = dzialania.pop(0) if dzialania else "(bez nazwy)"
            state.warnings.append(
                _("{file}: {where}: the row has no task text; set to „{text}” — correct it").format(
                    file=name, where=raw.where, text=warning_excerpt(zadanie)
                )
            )
            state.note(
                path,
                _("{where}: the row has no task text; filled in — correct it").format(
                    where=raw.where
                ),
            )
        task: dict[str, Any] = {"zadanie": zadanie, "termin": _term(raw, rok, path, state, name)}
        if dzialania:
            task["dzialania"] = dzialania
        if raw.adresaci:
            task["adresaci"] = raw.adresaci
        task.update(_extra_fields(raw, index + 1))
        if "cele" in state.data:
            _task_goal(task, raw, numbers, state, path)
        tasks.append(task)
    state.data["zadania"] = tasks
    for text in table.unplaced:
        state.warnings.append(
            _("{file}: a table row not imported: {text}").format(file=name, text=text)
        )
        state.note(("zadania",), _("not imported: {text}").format(text=text))


_LIST_FIELDS = ("partnerzy", "realizatorzy", "rezultaty")
_GOALS = re.compile(
    r"^(?:\*\*Cel główny:\*\* (?P<main>[^\n]+)\n\n)?\*\*Cele szczegółowe:\*\*\n\n"
    r"(?P<items>(?:\d+\. [^\n]+\n?)+)$"
)


def read_goals(state: State) -> None:
    """The chapter „Cele” as osl-plan renders ``cele`` becomes the plan's goals again."""
    sections = state.data.get("sekcje", [])
    for index, section in enumerate(sections):
        if section["tytul"] != "Cele" or not (m := _GOALS.match(section["tresc"].strip())):
            continue
        items = [re.sub(r"^\d+\. ", "", line) for line in m["items"].strip().splitlines()]
        state.data["cele"] = {"szczegolowe": items}
        if m["main"]:
            state.data["cele"] = {"glowny": m["main"], "szczegolowe": items}
        del sections[index]
        if not sections:
            del state.data["sekcje"]
        return


def _goals_from_headings(table: TaskTable, state: State) -> None:
    """Without a chapter „Cele”, the group headings („Cel szczegółowy 2. …”) give the goals.

    Goals keep the numbers printed in the headings: when they run 1, 2, 3 … the goals need no
    id (a task's ``cel`` is the number); when some number is missing (a goal without tasks is
    printed with no heading), each goal gets its printed number as its id.
    """
    if "cele" in state.data or not table.goals:
        return
    numbers = sorted(table.goals)
    if numbers == list(range(1, len(numbers) + 1)):
        goals: list[dict[str, str]] = [{"tresc": table.goals[n]} for n in numbers]
    else:
        goals = [{"id": str(n), "tresc": table.goals[n]} for n in numbers]
    state.data["cele"] = {"szczegolowe": goals}
    state.note(("cele",), _("the goals are read from the table's group headings"))


def _goal_numbers(table: TaskTable, cele: dict[str, Any] | None) -> dict[int, int]:
    """Group numbers that name another goal of the chapter „Cele”: a group heading whose goal is
    written there under another number (or a heading without a number) is that goal."""
    goals = [
        g.get("tresc") if isinstance(g, dict) else g for g in (cele or {}).get("szczegolowe", [])
    ]
    found = {}
    for number, text in table.goals.items():
        if 1 <= number <= len(goals) and goals[number - 1] == text:
            continue  # its own number names it (two goals may share a text)
        if text in goals:
            found[number] = goals.index(text) + 1
    return found


def _task_goal(
    task: dict[str, Any], raw: RawTask, numbers: dict[int, int], state: State, path: NotePath
) -> None:
    """The task's ``cel`` when the plan has goals: the goal of its group, or the goal its „Cel”
    column names (printed „2. …” with its number, or the goal's text); a text that names none
    of the goals is left out with a comment (it would make the plan invalid)."""
    if raw.goal:
        task["cel"] = str(numbers.get(raw.goal, raw.goal))
        return
    written = task.pop("cel", None)
    if written is None:
        return
    goals = [g if isinstance(g, str) else g.get("tresc") for g in state.data["cele"]["szczegolowe"]]
    if (m := _NUMBERED_GOAL.match(written)) and 1 <= int(m[1]) <= len(goals):
        task["cel"] = m[1]
    elif written.rstrip(".").isdigit() and 1 <= int(written.rstrip(".")) <= len(goals):
        task["cel"] = written.rstrip(".")
    elif written in goals:
        task["cel"] = str(goals.index(written) + 1)
    else:
        state.note(
            path,
            _("the „Cel” column says „{text}”, none of the goals in „Cele”; left out").format(
                text=written
            ),
        )


_NUMBERED_GOAL = re.compile(r"^(\d{1,6})\.\s")


def _extra_fields(raw: RawTask, number: int) -> dict[str, Any]:
    """The task's other columns as fields; a „Lp.” that is just the row's number is left out."""
    fields: dict[str, Any] = {}
    for role, lines in raw.extra.items():
        if role in _LIST_FIELDS:
            fields[role] = lines
        elif role != "lp" or " ".join(lines).rstrip(".") != str(number):
            fields[role] = " ".join(lines)
    return fields


def _columns(table: TaskTable, plan: Plan, *, own: bool) -> list[str | dict[str, str]] | None:
    """``kolumny`` for the table's header, or None when the plan's default columns print it.

    A table of the seed's columns (ZADANIE, ADRESACI, TERMIN…, with or without „Lp.”) worded in
    its own way („Zadanie”, „Termin realizacji”) imports as before, without ``kolumny``: other
    documents name the usual columns so, and the plan then prints them as usual. Not in a DOCX
    osl-plan rendered (``own``): its headings are the plan's own choice.
    """
    printed = tuple(table.headings)
    if printed == tuple((c.key, c.heading) for c in table_columns(plan)):
        return None
    fields = tuple(key for key, _ in printed)
    reworded = any(heading != HEADINGS[key] for key, heading in printed)
    if not own and fields in _SEED_COLUMNS and reworded:
        return None
    return [
        key if heading == HEADINGS[key] else {"pole": key, "naglowek": heading}
        for key, heading in printed
    ]


_SEED_COLUMNS = frozenset(
    (*lp, "zadanie", *who, "termin") for lp in ((), ("lp",)) for who in ((), ("adresaci",))
)


def _term(raw: RawTask, rok: int, path: NotePath, state: State, name: str) -> str:
    whole = f"cały rok {rok}"
    if not raw.termin:
        state.warnings.append(
            _("{file}: {where}: no term; set to „{term}” — correct it").format(
                file=name, where=raw.where, term=whole
            )
        )
        state.note((*path, "termin"), _("no term in the document; set to the whole year"))
        return whole
    try:
        term = parse_term(raw.termin, default_year=rok)
    except TermError as error:
        reason = error.message
    else:
        if term.overlaps_year(rok) or term.just_after_year(rok):
            return raw.termin
        reason = _("„{term}” lies outside the plan's year {year}").format(term=raw.termin, year=rok)
    state.warnings.append(
        _("{file}: {where}: term not understood ({reason}); set to „{term}” — correct it").format(
            file=name, where=raw.where, reason=reason, term=whole
        )
    )
    state.note(
        (*path, "termin"),
        _("term in the document: „{term}” — {reason}; correct it").format(
            term=raw.termin, reason=reason
        ),
    )
    return whole


def _year_from_terms(tasks: list[RawTask], state: State, name: str) -> int:
    years: Counter[int] = Counter()
    for raw in tasks:
        try:
            years[parse_term(raw.termin).start.year] += 1
        except TermError:
            continue
    if not years:
        raise DocxImportError(
            _(
                "{file}: the plan's year is not written in the document or its terms — "
                "add a line such as „2023 ROK” under the title"
            ).format(file=name)
        )
    year = years.most_common(1)[0][0]
    state.note(("rok",), _("the year is not written in the document; taken from the terms"))
    return year


def _validate(state: State, name: str) -> Plan:
    data = {k: v for k, v in state.data.items() if not k.startswith("_")}
    try:
        return Plan.model_validate(data, context={"rok": data["rok"]})
    except ValidationError as error:
        from osl_plan.explain import describe_pydantic_error, format_path

        first = error.errors(include_url=False)[0]
        where = format_path(tuple(first["loc"]))
        message, hint = describe_pydantic_error(first, year=data.get("rok"))[:2]
        said = _("{file}: the imported plan is not valid: {field}: {message}").format(
            file=name, field=where, message=message
        )
        raise DocxImportError(with_hint(said, hint) if hint else said) from None
