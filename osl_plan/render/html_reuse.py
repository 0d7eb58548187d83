"""What one HTML rendering of a plan leaves for the next: the table rows of its tasks.

A long-lived program showing a plan as she edits it (the editor's preview) renders the same plan
again after each keystroke, which changes one task at most. :class:`HtmlReuse` holds a Jinja
environment over osl-plan's own templates whose ``row`` filter remembers each task's table row
by everything the row is made from: the task's template values and the table's columns. A row
whose values did not change is taken as it was rendered; a changed one is rendered anew. The
page is therefore the page a full rendering gives, byte for byte; only the work differs.

Memory stays bounded: the rows kept are those of the last rendering and of the current one
(a plan's rows, twice at most), whatever the number of renderings. One rendering at a time (the
editor answers her requests one after another).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import jinja2
    from markupsafe import Markup


class HtmlReuse:
    """The rows of the last HTML rendering, for the next (see the module's description)."""

    def __init__(self) -> None:
        self._env: jinja2.Environment | None = None
        #: Rows by what they are made from: this rendering's, and the last one's.
        self._now: dict[tuple[Any, ...], Markup] = {}
        self._last: dict[tuple[Any, ...], Markup] = {}
        #: Rows rendered anew and rows taken as they were, over every rendering (for tests).
        self.made = 0
        self.reused = 0

    def environment(self, filters: Mapping[str, Callable[..., Any]]) -> jinja2.Environment:
        """The environment of the next rendering, with ``filters`` (the HTML renderer's), its
        ``row`` remembering: built once; a template is read again when its file changes, as
        Jinja's own cache does."""
        from osl_plan.render.templating import make_environment

        if self._env is None:
            self._env = make_environment(
                None, autoescape=True, filters={**filters, "row": self._row}
            )
        self._last, self._now = self._now or self._last, {}
        return self._env

    def __len__(self) -> int:
        """How many rows are kept."""
        return len(self._now.keys() | self._last.keys())

    def _row(
        self, task: Mapping[str, Any], row: Callable[[Any], Markup], columns: list[Any]
    ) -> Markup:
        key = (tuple(column["key"] for column in columns), repr(task))
        made = self._now.get(key)
        if made is None:
            made = self._last.get(key)
            if made is None:
                made = row(task)
                self.made += 1
            else:
                self.reused += 1
            self._now[key] = made
        else:
            self.reused += 1
        return made
