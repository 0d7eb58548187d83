"""What one HTML rendering of a plan leaves for the next: its tasks' rows, values and measures.

A long-lived program showing a plan as she edits it (the editor's preview) renders the same plan
again after each keystroke, which changes one task at most. :class:`HtmlReuse` keeps, for the
next rendering, what each task gave the last one, by everything it was made from:

* its table row (the template's ``row`` filter, by the task's template values and the columns);
* its template values (by the task, its number, the columns and how terms are printed);
* its cells' measures for the column widths (by the task, its number, the column, …).

A task unchanged since the last rendering is taken as it was; a changed one is made anew; the
page is therefore the page a full rendering gives, byte for byte; only the work differs.

Memory stays bounded: what is kept is what the last rendering and the current one used (a
plan's tasks, twice at most), whatever the number of renderings. One rendering at a time (the
editor answers her requests one after another).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    import jinja2
    from markupsafe import Markup

Made = TypeVar("Made")


class _Kept(Generic[Made]):
    """What this rendering used, and what the last one did (the rest is forgotten)."""

    def __init__(self) -> None:
        self.now: dict[Hashable, Made] = {}
        self.last: dict[Hashable, Made] = {}
        #: Made anew and taken as kept, over every rendering.
        self.made = 0
        self.reused = 0

    def turn(self) -> None:
        """A new rendering starts."""
        if self.now:
            self.last, self.now = self.now, {}

    def get(self, key: Hashable, make: Callable[[], Made]) -> Made:
        """The one kept for ``key``, else what ``make()`` gives (kept from now on)."""
        found = self.now.get(key)
        if found is not None:
            self.reused += 1
            return found
        found = self.last.get(key)
        if found is None:
            found = make()
            self.made += 1
        else:
            self.reused += 1
        self.now[key] = found
        return found

    def __len__(self) -> int:
        return len(self.now.keys() | self.last.keys())


class HtmlReuse:
    """What the last HTML rendering made, for the next (see the module's description)."""

    def __init__(self) -> None:
        self._env: jinja2.Environment | None = None
        self.rows: _Kept[Markup] = _Kept()
        self.tasks: _Kept[dict[str, Any]] = _Kept()
        self.cells: _Kept[Any] = _Kept()

    def environment(self, filters: Mapping[str, Callable[..., Any]]) -> jinja2.Environment:
        """The environment of the next rendering, with ``filters`` (the HTML renderer's), its
        ``row`` remembering: built once; a template is read again when its file changes, as
        Jinja's own cache does. A new rendering starts."""
        from osl_plan.render.templating import make_environment

        if self._env is None:
            self._env = make_environment(
                None, autoescape=True, filters={**filters, "row": self._row}
            )
        for kept in (self.rows, self.tasks, self.cells):
            kept.turn()
        return self._env

    def __len__(self) -> int:
        """How many rows are kept (and as many tasks' values and cells' measures, at most)."""
        return len(self.rows)

    def _row(
        self, task: Mapping[str, Any], row: Callable[[Any], Markup], columns: list[Any]
    ) -> Markup:
        key = (tuple(column["key"] for column in columns), repr(task))
        return self.rows.get(key, lambda: row(task))
