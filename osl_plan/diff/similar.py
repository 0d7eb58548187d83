"""Stage 4 of matching: similar tasks among the leftovers, as one greedy global assignment.

Each task becomes a set of words. Words are weighted by rarity across both plans (a word in
every task, "partnerstwo", says little; "Sobótka" says a lot). Candidate pairs are only those
sharing one of either task's rarest words, and each task keeps at most :data:`MAX_CANDIDATES` of
them (those sharing the most rarity), so the work grows with the leftovers, never with their
square — not even for plans of long unrelated tasks or of tasks that all look alike. The text
score is the weighted Jaccard raised when the shorter text lies nearly whole in the longer (a
lengthened task). Pairs scoring at least :data:`THRESHOLD` are taken best first; ties go to the
pair earliest in both plans. The score is symmetric, so swapping the plans finds the same pairs.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence

from osl_plan.model import Task
from osl_plan.terms import Term

THRESHOLD = 0.5
#: Weights of the text (task and sub-items), the addressees and the term in the score.
WEIGHTS = (0.7, 0.15, 0.15)
#: The rarest words of a task that are looked up, and the longest posting list followed.
RARE_WORDS = 6
MAX_POSTINGS = 64
#: The candidates kept per task, from each side: the ones sharing the most rarity with it.
MAX_CANDIDATES = 16
#: The text score a pair needs for THRESHOLD to be reachable (addressees and term both perfect).
TEXT_FLOOR = (THRESHOLD - WEIGHTS[1] - WEIGHTS[2]) / WEIGHTS[0]

_WORD = re.compile(r"\w+")
# A whole \w+ token that is a year: \b on both sides is exactly a token's edges.
_YEAR_WORD = re.compile(r"\b(?:19|20|21)\d\d\b")


def words(text: str) -> frozenset[str]:
    """Lower-case words and numbers; years are left out, as they drift with the plan."""
    return frozenset(_WORD.findall(_YEAR_WORD.sub(" ", text.lower())))


def _text(task: Task, seen: dict[object, frozenset[str]] | None = None) -> frozenset[str]:
    """The words of a task and its sub-items; ``seen`` shares them between tasks of the same
    text (read once) and between carried-over tasks (kept once)."""
    if seen is None:
        return _words_of(task)
    key = (task.zadanie, task.dzialania)
    found = seen.get(key)
    if found is None:
        text = _YEAR_WORD.sub(" ", " ".join(key[:1] + key[1]).lower())
        found = seen.get(text)
        if found is None:
            found = seen[text] = frozenset(_WORD.findall(text))
        seen[key] = found
    return found


def _words_of(task: Task) -> frozenset[str]:
    text = _YEAR_WORD.sub(" ", " ".join((task.zadanie, *task.dzialania)).lower())
    return frozenset(_WORD.findall(text))


def assign(
    old: Sequence[Task],
    new: Sequence[Task],
    left_old: list[int],
    left_new: list[int],
    years: int,
) -> list[tuple[int, int]]:
    """Pairs (old, new) among the leftovers, best first, each task at most once."""
    seen: dict[object, frozenset[str]] = {}  # most tasks differ from last year's only in the year
    all_old = [_text(task, seen) for task in old]
    all_new = [_text(task, seen) for task in new]
    text_old = {i: all_old[i] for i in left_old}
    text_new = {j: all_new[j] for j in left_new}
    # Rarity is measured over both whole plans: among the leftovers alone (often just the one
    # pair), every shared word would look common and every added word rare.
    weight = _weights((*all_old, *all_new))
    side_old = _Side(old, text_old, weight)
    side_new = _Side(new, text_new, weight)
    scored = []
    rarity = weight.__getitem__
    floor_old, floor_new = side_old.floor, side_new.floor
    for i, j in candidate_pairs(text_old, text_new, weight):
        a, b = text_old[i], text_new[j]
        # Most candidates share a word or two: ruled out before anything is sorted.
        if a and b and sum(map(rarity, a & b)) < min(floor_old[i], floor_new[j]):
            continue
        score = _pair_score(side_old, side_new, (i, j), weight=weight, years=years)
        if score >= THRESHOLD:
            scored.append((-score, i + j, i, j))
    scored.sort()
    taken_old: set[int] = set()
    taken_new: set[int] = set()
    pairs = []
    for _, _, i, j in scored:
        if i not in taken_old and j not in taken_new:
            taken_old.add(i)
            taken_new.add(j)
            pairs.append((i, j))
    return pairs


def candidate_pairs(
    text_old: dict[int, frozenset[str]],
    text_new: dict[int, frozenset[str]],
    weight: dict[str, float],
) -> set[tuple[int, int]]:
    """The pairs worth scoring: at most MAX_CANDIDATES per task of either side (so at most
    ``MAX_CANDIDATES × (len(text_old) + len(text_new))``), found through each task's rarest
    words (at most ``RARE_WORDS × MAX_POSTINGS`` look-ups per task)."""
    # Each task's words are looked up rarest first: every word is ranked once, not per task.
    vocabulary = sorted(weight, key=lambda w: (-weight[w], w))
    rank = {word: k for k, word in enumerate(vocabulary)}
    order = (vocabulary, rank)
    return _candidates(text_old, text_new, weight, order) | {
        (i, j) for j, i in _candidates(text_new, text_old, weight, order)
    }


class _Side:
    """What the score needs of one plan's leftovers, computed once per task, not per pair."""

    def __init__(
        self, tasks: Sequence[Task], texts: dict[int, frozenset[str]], weight: dict[str, float]
    ) -> None:
        self.tasks, self.texts, self.weight = tasks, texts, weight
        rarity = weight.__getitem__
        #: The least shared mass that can reach THRESHOLD, from sums in any order (with a margin
        #: for that); the exact masses, summed in order, are taken only for pairs scored.
        self.floor = {i: TEXT_FLOOR * sum(map(rarity, t)) * (1 - 1e-6) for i, t in texts.items()}
        self._mass: dict[int, float] = {}
        self._who: dict[int, frozenset[str]] = {}

    def mass(self, i: int) -> float:
        found = self._mass.get(i)
        if found is None:
            found = self._mass[i] = _mass(self.texts[i], self.weight)
        return found

    def who(self, i: int) -> frozenset[str]:
        found = self._who.get(i)
        if found is None:
            found = self._who[i] = words(" ".join(self.tasks[i].adresaci))
        return found


def _weights(sets: Iterable[frozenset[str]]) -> dict[str, float]:
    from collections import Counter
    from itertools import chain

    listed = list(sets)
    # Tasks of the same text share one set (see _text): each set is counted once, then the
    # words of a repeated one again for its repeats.
    times = Counter(listed)
    counts = Counter(chain.from_iterable(times))
    for word_set, repeats in times.items():
        if repeats > 1:
            for word in word_set:
                counts[word] += repeats - 1
    total = len(listed)
    return {word: math.log((total + 1) / count) + 0.1 for word, count in counts.items()}


def _candidates(
    mine: dict[int, frozenset[str]],
    theirs: dict[int, frozenset[str]],
    weight: dict[str, float],
    order: tuple[list[str], dict[str, int]],
) -> set[tuple[int, int]]:
    from collections import Counter
    from itertools import chain

    vocabulary, rank = order
    listed = Counter(chain.from_iterable(theirs.values()))  # each word's posting list's length
    looked: dict[int, list[str]] = {}
    for i, word_set in mine.items():
        chosen = looked[i] = []
        for position in sorted(map(rank.__getitem__, word_set)):
            word = vocabulary[position]
            if listed.get(word, 0) <= MAX_POSTINGS:
                chosen.append(word)
                if len(chosen) == RARE_WORDS:
                    break
    wanted = frozenset(word for chosen in looked.values() for word in chosen)
    postings: dict[str, list[int]] = defaultdict(list)
    for j, word_set in theirs.items():
        for word in word_set & wanted:
            postings[word].append(j)
    found: set[tuple[int, int]] = set()
    for i, chosen in looked.items():
        shared: dict[int, float] = {}
        looked_mass = 0.0
        for word in chosen:
            rarity = weight[word]
            looked_mass += rarity
            for j in postings.get(word, ()):
                shared[j] = shared.get(j, 0.0) + rarity
        # A task sharing too little of these rarest words is taken for chance, not a match.
        gate = TEXT_FLOOR * looked_mass
        kept = {j: value for j, value in shared.items() if value >= gate}
        found.update((i, j) for j in _best(kept, i))
    return found


def _best(shared: dict[int, float], i: int) -> list[int]:
    """The MAX_CANDIDATES tasks sharing the most rarity with task ``i``; among equals, the
    nearest in the table first (carried-over tasks keep their place), then the earliest."""
    if len(shared) <= MAX_CANDIDATES:
        return list(shared)
    cut = heapq.nlargest(MAX_CANDIDATES, shared.values())[-1]
    above = [j for j, value in shared.items() if value > cut]
    tied = sorted((j for j, value in shared.items() if value == cut), key=lambda j: (abs(j - i), j))
    return above + tied[: MAX_CANDIDATES - len(above)]


def _mass(word_set: Iterable[str], weight: dict[str, float]) -> float:
    # Summed in sorted order so that both directions give the same float.
    return sum(map(weight.__getitem__, sorted(word_set)))


def _term_overlap(old: Term, new: Term, years: int) -> float:
    if old.spans or new.spans:  # several ranges: the share of months in common
        before = {month.index + 12 * years for month in old.months()}
        after = {month.index for month in new.months()}
        if before & after:
            return len(before & after) / len(before | after)
        gap = min(abs(a - b) for a in before for b in after) - 1
        return 0.3 / (1 + gap)
    start, end = old.start.index + 12 * years, old.end.index + 12 * years
    common = min(end, new.end.index) - max(start, new.start.index) + 1
    spanned = max(end, new.end.index) - min(start, new.start.index) + 1
    if common > 0:
        return common / spanned
    # Apart: the nearer, the likelier the same task moved ("wrzesień" → "październik").
    return 0.3 / (1 - common)


def _pair_score(
    old: _Side, new: _Side, pair: tuple[int, int], *, weight: dict[str, float], years: int
) -> float:
    """The score of a candidate pair; 0 when its text alone rules it out (the common case).

    The text part is the weighted Jaccard, raised towards 1 when the shorter text lies nearly
    whole in the longer. A task lengthened from one year to the next („Wigilia sołecka …” →
    „Wigilia sołecka … z udziałem Koła Gospodyń Wiejskich”) keeps all its words, yet the added
    ones, rare by nature, sink the Jaccard score. Containment (the shared words against the
    shorter text's words) gives that credit; it is squared so that half a short text („Kampania
    medialna” → „Kampania informacyjna …”) earns little, and weighted by rarity so that a shared
    stock phrase („Partnerstwo przy organizacji”) earns little either. Containment is at least
    the Jaccard, so a pair whose containment is below TEXT_FLOOR cannot reach THRESHOLD. The
    addressees are compared by plain Jaccard; each task's masses and addressee words are
    computed once (:class:`_Side`).
    """
    i, j = pair
    a, b = old.texts[i], new.texts[j]
    if a and b:
        shared = _mass(a & b, weight)
        smaller = min(old.mass(i), new.mass(j))
        if shared < TEXT_FLOOR * smaller * (1 - 1e-9):
            return 0.0  # the texts share too little for any score to reach THRESHOLD
        union = (old.mass(i) + new.mass(j)) - shared
        jaccard = shared / union
        text = max(jaccard, (jaccard + (shared / smaller) ** 2) / 2)
    else:
        text = 1.0 if a == b else 0.0
    who_old, who_new = old.who(i), new.who(j)
    who = len(who_old & who_new) / len(who_old | who_new) if who_old or who_new else 1.0
    when = _term_overlap(old.tasks[i].termin, new.tasks[j].termin, years)
    w_text, w_who, w_when = WEIGHTS
    # Rounded so that sums in a different order cannot tip a tie.
    return round(w_text * text + w_who * who + w_when * when, 9)
