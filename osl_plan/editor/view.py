"""What the plan page shows: the form's parts filled from the file, and the problems by field."""

from __future__ import annotations

import functools
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from osl_plan.editor import form, yamledit
from osl_plan.editor.form import Field, Kind, Path_
from osl_plan.errors import Problem
from osl_plan.i18n import N_, _


@dataclass
class Group:
    """A fieldset: a part of the plan, or one item of a list (a task, a chapter, an event)."""

    path: Path_
    legend: str
    fields: list[Field] = field(default_factory=list)
    lists: list[ItemList] = field(default_factory=list)
    #: For a list's item: its position and how many there are (for the move buttons).
    index: int | None = None
    count: int = 0
    problems: list[Problem] = field(default_factory=list)
    open: bool = True

    @functools.cached_property  # read several times per group; the path is fixed
    def id(self) -> str:
        return form.field_id(self.path)


@dataclass
class ItemList:
    """A list of items the form can add to, with each item's group."""

    path: Path_
    legend: str
    add_label: str
    items: list[Group] = field(default_factory=list)

    @functools.cached_property  # read several times per list; the path is fixed
    def id(self) -> str:
        return form.field_id(self.path)

    @property
    def name(self) -> str:
        return form.field_name(self.path)


@dataclass
class PlanView:
    """The whole form, the inputs by name, and the problems placed."""

    parts: list[Group]
    kinds: dict[str, Kind]
    problems: list[Placed]


@dataclass(frozen=True)
class Placed:
    """A problem and the id of the field or group it is shown next to."""

    problem: Problem
    target: str

    @property
    def where(self) -> str:
        """Its place in the form's own words („Zadanie 2 › Termin”)."""
        return where(self.problem.field)


#: How the form names an item of each list (the legends of its groups).
_ITEMS = {
    "zadania": N_("Task {number}"),
    "sekcje": N_("Chapter {number}"),
    "szczegolowe": N_("Specific goal {number}"),
    "wydarzenia": N_("Event {number}"),
    "kolumny": N_("Column {number}"),
}
#: The groups of the form that are not fields.
_GROUPS = {
    "cele": N_("Goals"),
    "podpisy": N_("Signatures"),
    "opracowal": N_("Prepared by"),
    "zatwierdzil": N_("Approved by"),
    "logo": N_("Logo"),
    "lista": N_("Attendance lists"),
    "finansowanie": N_("EU funding strip"),
    "realizacja": N_("Realisation"),
}


def where(field: str | None) -> str:
    """A problem's field (``zadania[2].termin``) as the form names it: „Zadanie 2 › Termin”;
    a key the form has no name for is shown as the file writes it."""
    if not field:
        return ""
    path = problem_path(field)
    names: list[str] = []
    for index, key in enumerate(path):
        following = path[index + 1] if index + 1 < len(path) else None
        if isinstance(key, int):
            continue
        if isinstance(following, int) and key in _ITEMS:
            names.append(_(_ITEMS[key]).format(number=following + 1))
        elif key in form.LABELS:
            names.append(_(form.LABELS[key]))
        else:
            names.append(_(_GROUPS[key]) if key in _GROUPS else key)
    return " › ".join(names)


def _items(doc: Any, path: Path_) -> list[Any]:
    value = yamledit.get(doc, path)
    return value if isinstance(value, list) else []


def _list(doc: Any, path: Path_, legend: str, add: str, item: Any) -> ItemList:
    found = _items(doc, path)
    groups = []
    for index in range(len(found)):
        group = item(doc, (*path, index), index)
        group.index, group.count = index, len(found)
        groups.append(group)
    return ItemList(path, legend, add, groups)


def _task(doc: Any, path: Path_, index: int) -> Group:
    group = Group(path, _("Task {number}").format(number=index + 1))
    group.fields = form.fields(doc, path, form.TASK)
    return group


def _realisation(doc: Any, path: Path_, index: int) -> Group:
    name = yamledit.get(doc, (*path, "zadanie")) or ""
    legend = _("Task {number}").format(number=index + 1) + (f": {str(name)[:80]}" if name else "")
    group = Group(path, legend, open=False)
    here = (*path, "realizacja")
    group.fields = form.fields(doc, here, form.REALISATION)
    events = _list(doc, (*here, "wydarzenia"), _("Events"), _("Add an event"), _event)
    group.lists = [events]
    group.open = bool(yamledit.get(doc, here))
    return group


def _event(doc: Any, path: Path_, index: int) -> Group:
    group = Group(path, _("Event {number}").format(number=index + 1))
    group.fields = form.fields(doc, path, form.EVENT)
    return group


def _simple(spec: tuple[tuple[str, Kind], ...], legend: str) -> Any:
    def item(doc: Any, path: Path_, index: int) -> Group:
        group = Group(path, legend.format(number=index + 1))
        group.fields = form.fields(doc, path, spec)
        return group

    return item


def plan_parts(doc: Any) -> list[Group]:
    """The plan form's parts, in the order of the document."""
    front = Group((), _("Front page and introduction"))
    front.fields = form.fields(doc, (), form.FRONT)
    front.lists = [
        _list(
            doc,
            ("sekcje",),
            _("Chapters"),
            _("Add a chapter"),
            _simple(form.SECTION, _("Chapter {number}")),
        )
    ]
    goals = Group(("cele",), _("Goals"), open=bool(yamledit.get(doc, ("cele",))))
    goals.fields = form.fields(doc, ("cele",), (("glowny", "area"),))
    goals.lists = [
        _list(
            doc,
            ("cele", "szczegolowe"),
            _("Specific goals"),
            _("Add a specific goal"),
            _simple(form.GOAL, _("Specific goal {number}")),
        )
    ]
    tasks = Group(("zadania",), _("Tasks"))
    tasks.lists = [_list(doc, ("zadania",), _("Tasks"), _("Add a task"), _task)]
    return [front, goals, tasks, *_back_parts(doc)]


def _back_parts(doc: Any) -> list[Group]:
    funding = Group(
        ("finansowanie",), _("EU funding strip"), open=bool(yamledit.get(doc, ("finansowanie",)))
    )
    funding.fields = form.fields(doc, ("finansowanie",), form.FUNDING)
    signatures = Group(("podpisy",), _("Signatures"))
    for side, legend in (("opracowal", _("Prepared by")), ("zatwierdzil", _("Approved by"))):
        part = Group(("podpisy", side), legend)
        part.fields = form.fields(doc, ("podpisy", side), form.SIGNATURE)
        signatures.lists.append(ItemList(("podpisy", side), legend, "", [part]))
    columns = Group(("kolumny",), _("Table columns"), open=bool(yamledit.get(doc, ("kolumny",))))
    columns.lists = [
        _list(
            doc,
            ("kolumny",),
            _("Table columns"),
            _("Add a column"),
            _simple(form.COLUMN, _("Column {number}")),
        )
    ]
    logo = Group(("logo",), _("Logo"), open=bool(yamledit.get(doc, ("logo",))))
    logo.fields = form.fields(doc, ("logo",), form.LOGO)
    lista = Group(("lista",), _("Attendance lists"), open=bool(yamledit.get(doc, ("lista",))))
    lista.fields = form.fields(doc, ("lista",), (("klauzula", "area"),))
    return [funding, logo, signatures, columns, lista]


def year_parts(doc: Any) -> list[Group]:
    """The realisation form: one group per task."""
    return [_realisation(doc, ("zadania", i), i) for i in range(len(_items(doc, ("zadania",))))]


def parts(doc: Any, part: str) -> list[Group]:
    """The groups of a page: the plan's (``part`` "plan") or the realisation's ("rok")."""
    return year_parts(doc) if part == "rok" else plan_parts(doc)


def build(parts: list[Group], problems: list[Problem]) -> PlanView:
    """The view of ``parts`` with each problem placed by the nearest field or group."""
    kinds: dict[str, Kind] = {}
    targets: dict[str, Field | Group] = {}
    for group in walk(parts):
        targets[group.id] = group
        for item in group.fields:
            kinds[item.name] = item.kind
            targets[item.id] = item
    placed = place(problems, targets)
    for one in placed:
        found = targets.get(one.target)
        if found is not None:
            found.problems.append(one.problem)
    return PlanView(parts, kinds, placed)


@dataclass(frozen=True)
class Layout:
    """Where a page's inputs and groups are, without their values: what a keystroke's check
    needs of the form. It changes only when a list's item is added, removed or moved."""

    kinds: dict[str, Kind]
    targets: frozenset[str]


def layout(doc: Any, part: str) -> Layout:
    """The layout of the page ``part`` of ``doc`` (the whole form is walked once)."""
    return layout_of(build(parts(doc, part), []))


def layout_of(page: PlanView) -> Layout:
    """The layout of a built page."""
    ids = {group.id for group in walk(page.parts)}
    ids.update(form.field_id(form.parse_name(name)) for name in page.kinds)
    return Layout(page.kinds, frozenset(ids))


def place(problems: list[Problem], targets: Collection[str]) -> list[Placed]:
    """Each problem with the id of the nearest field or group it is shown next to."""
    return [Placed(problem, _target(problem, targets)) for problem in problems]


def walk(groups: list[Group]) -> list[Group]:
    """Every group, lists' items included, in the page's order."""
    out = []
    for group in groups:
        out.append(group)
        for items in group.lists:
            out.extend(walk(items.items))
    return out


def _target(problem: Problem, targets: Collection[str]) -> str:
    path = problem_path(problem.field)
    for end in range(len(path), 0, -1):
        candidate = form.field_id(path[:end])
        if candidate in targets:
            return candidate
    return ""


def problem_path(text: str) -> Path_:
    """``zadania[3].termin`` as a path: ``("zadania", 2, "termin")``."""
    path: list[str | int] = []
    for part in text.replace("[", ".[").split("."):
        if part.startswith("[") and part.endswith("]") and part[1:-1].isdigit():
            path.append(int(part[1:-1]) - 1)
        elif part:
            path.append(part)
    return tuple(path)
