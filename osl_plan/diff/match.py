"""Matching tasks across two plans, in stages, and classifying each pair (used by
:func:`osl_plan.diff.compare.diff_plans`).

1. by ``id`` where both tasks have one;
2. by equal text (``zadanie``);
3. by text with the yearly drift factored out (years moved by the gap, editions counted up);
4. by similarity of text, addressees and term over what is left, as one greedy global assignment.

Stages 1–3 are dictionary look-ups; stage 4 sees only the leftovers and only candidate pairs that
share a rare word (:mod:`osl_plan.diff.similar`), so no stage is quadratic in the plans' size.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Callable, Hashable, Sequence
from operator import attrgetter

from osl_plan.diff.drift import shifted_variants
from osl_plan.diff.model import FieldChange, Pair, Stage, Status
from osl_plan.diff.plan_fields import shifted_equal
from osl_plan.diff.words import term_note, text_change, word_diff
from osl_plan.model import Task
from osl_plan.terms import Term

#: A matched pair: the old task's index, the new task's, and the stage that matched them.
Link = tuple[int, int, Stage]


# --- stages ----------------------------------------------------------------------------------


def match_tasks(old: Sequence[Task], new: Sequence[Task], years: int) -> list[Link]:
    """The pairs of old and new tasks, stage by stage (``years``: the gap between the plans)."""
    links: list[Link] = []
    left_old = list(range(len(old)))
    left_new = list(range(len(new)))

    def stage(
        name: Stage,
        key_old: Callable[[Task], Sequence[Hashable]],
        key_new: Callable[[Task], Hashable],
        *,
        unique: bool = False,
    ) -> None:
        nonlocal left_old, left_new
        found = _by_key(
            old, new, left_old, left_new, keys_old=key_old, key_new=key_new, unique=unique
        )
        links.extend((o, n, name) for o, n in found)
        used_old, used_new = {o for o, _ in found}, {n for _, n in found}
        left_old = [i for i in left_old if i not in used_old]
        left_new = [j for j in left_new if j not in used_new]

    variants: dict[str, Sequence[Hashable]] = {}  # each text is moved once, however often asked

    def drift(t: Task) -> Sequence[Hashable]:
        if not years:
            return ()
        found = variants.get(t.zadanie)
        if found is None:
            found = variants[t.zadanie] = shifted_variants(t.zadanie, years)
        return found

    stage("id", lambda t: (t.id,) if t.id else (), lambda t: t.id)
    # Repeated texts ("Spotkanie z mieszkańcami") pair by their whole content first; what is
    # still ambiguous is left to the similarity stage, which also weighs the terms.
    stage("text", lambda t: (_whole(t, years),), lambda t: _whole(t, 0))
    stage("text", lambda t: (t.zadanie,), lambda t: t.zadanie, unique=True)
    stage("drift", drift, lambda t: t.zadanie, unique=True)
    if left_old and left_new:
        from osl_plan.diff.similar import assign

        found = assign(old, new, left_old, left_new, years)
        links.extend((o, n, "similar") for o, n in found)
        used_old, used_new = {o for o, _ in found}, {n for _, n in found}
        left_old = [i for i in left_old if i not in used_old]
        left_new = [j for j in left_new if j not in used_new]
    stage("text", lambda t: (t.zadanie,), lambda t: t.zadanie)
    stage("drift", drift, lambda t: t.zadanie)
    return links


def _whole(task: Task, years: int) -> Hashable:
    term = task.termin
    if term.spans:
        months = tuple((s.year + years, s.month, e.year + years, e.month) for s, e in term.spans)
    else:
        start, end = term.start, term.end
        months = ((start.year + years, start.month, end.year + years, end.month),)
    return (task.zadanie, task.dzialania, task.adresaci, _optional_texts(task), months)


def _by_key(
    old: Sequence[Task],
    new: Sequence[Task],
    left_old: list[int],
    left_new: list[int],
    *,
    keys_old: Callable[[Task], Sequence[Hashable]],
    key_new: Callable[[Task], Hashable],
    unique: bool = False,
) -> list[tuple[int, int]]:
    """Pair tasks with equal keys; the k-th old task with a key takes the k-th new one.

    With ``unique``, only keys held by exactly one task on each side are paired.
    """
    waiting: dict[Hashable, deque[int]] = defaultdict(deque)
    for j in left_new:
        key = key_new(new[j])
        if key is not None:
            waiting[key].append(j)
    wanted: dict[Hashable, int] = defaultdict(int)
    if unique:
        for i in left_old:
            for key in set(keys_old(old[i])):
                wanted[key] += 1
    found: list[tuple[int, int]] = []
    for i in left_old:
        for key in keys_old(old[i]):
            queue = waiting.get(key)
            if queue and (not unique or (len(queue) == 1 and wanted[key] == 1)):
                found.append((i, queue.popleft()))
                break
    return found


def moved_positions(old_positions: list[int]) -> set[int]:
    """Indexes (into the list) not on one longest increasing subsequence: the tasks that moved."""
    from bisect import bisect_left

    tails: list[int] = []  # old position ending the best run of each length
    tail_at: list[int] = []  # list index of that element
    parent = [-1] * len(old_positions)
    for k, value in enumerate(old_positions):
        length = bisect_left(tails, value)
        if length == len(tails):
            tails.append(value)
            tail_at.append(k)
        else:
            tails[length], tail_at[length] = value, k
        parent[k] = tail_at[length - 1] if length else -1
    keep: set[int] = set()
    k = tail_at[-1] if tail_at else -1
    while k != -1:
        keep.add(k)
        k = parent[k]
    return set(range(len(old_positions))) - keep


# --- classification --------------------------------------------------------------------------


#: Optional task fields compared as text (lists joined with „; ”), in the table's order.
OPTIONAL_FIELDS = (
    "lp", "cel", "partnerzy", "realizatorzy", "miejsce", "odpowiedzialny", "rezultaty", "koszt",
    "zrodlo_finansowania",
)  # fmt: skip


def _as_text(value: str | tuple[str, ...] | None, joiner: str = "; ") -> str:
    """A field's value as compared: a list's items joined, nothing as an empty text."""
    if isinstance(value, tuple):
        return joiner.join(value)
    return value or ""


#: Every field compared as text, in order, with what joins the items of a list.
_COMPARED = (("zadanie", ""), ("dzialania", "\n"), ("adresaci", "; "),
             *((name, "; ") for name in OPTIONAL_FIELDS))  # fmt: skip
_compared = attrgetter(*(name for name, _ in _COMPARED))
_optional = attrgetter(*OPTIONAL_FIELDS)
#: The optional fields of a task that has none of them (most tasks), raw and as texts.
_NO_OPTIONAL = (
    tuple(Task.model_fields[name].default for name in OPTIONAL_FIELDS),
    ("",) * len(OPTIONAL_FIELDS),
)


def _optional_texts(task: Task) -> tuple[str, ...]:
    """The optional fields (lp, cel, miejsce …) of a task as texts, in order."""
    raw = _optional(task)
    if raw == _NO_OPTIONAL[0]:
        return _NO_OPTIONAL[1]
    return tuple(_as_text(value) for value in raw)


def classify_pair(old: Task, new: Task, link: Link, *, years: int, moved: bool) -> Pair:
    """The pair as the diff reports it: unchanged, changed (and which fields), moved."""
    o, n, stage = link
    fields: list[FieldChange] = []
    drift = False
    raw_old, raw_new = _compared(old), _compared(new)
    differing = () if raw_old == raw_new else zip(_COMPARED, raw_old, raw_new, strict=True)
    for (name, joiner), value_old, value_new in differing:
        if value_old == value_new:  # equal values are equal texts: nothing is joined
            continue
        before, after = _as_text(value_old, joiner), _as_text(value_new, joiner)
        if before == after:
            continue
        if shifted_equal(before, after, years):
            drift = True
        else:
            fields.append(text_change(name, before, after))
    note = _term_note(old.termin, new.termin, years)
    if note:
        before, after = old.termin.printed(nbsp=False), new.termin.printed(nbsp=False)
        fields.append(FieldChange("termin", before, after, word_diff(before, after), note))
    status: Status = "changed" if fields else "carried_over" if drift else "unchanged"
    return Pair(o, n, stage, status, tuple(fields), moved)


def _term_note(old: Term, new: Term, years: int) -> str:
    """``term_note``, without building months for a single range moved with the plan's year."""
    if years == 0 and old.text == new.text:  # the same words in the same year: the same term
        return ""
    if not (old.spans or new.spans or old.assumed or new.assumed or old.days or new.days):
        start, end, new_start, new_end = old.start, old.end, new.start, new.end
        if (
            start.month == new_start.month
            and end.month == new_end.month
            and start.year + years == new_start.year
            and end.year + years == new_end.year
        ):
            return ""
    return term_note(old, new, years=years, year=new.end.year)
