"""Stage 4 of matching: similar tasks among the leftovers, as one greedy global assignment.

Each task becomes a set of words. Words are weighted by rarity across both plans (a word in
every task, "partnerstwo", says little; "Sobótka" says a lot). Candidate pairs are only those
sharing one of either task's rarest words, so the work grows with the leftovers, not with their
square. The text score is the weighted Jaccard raised when the shorter text lies nearly whole in
the longer (a lengthened task). Pairs scoring at least :data:`THRESHOLD` are taken best first;
ties go to the pair earliest in both plans. The score is symmetric, so swapping the plans finds
the same pairs.
"""

from __future__ import annotations

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

_WORD = re.compile(r"\w+")
# A whole \w+ token that is a year: \b on both sides is exactly a token's edges.
_YEAR_WORD = re.compile(r"\b(?:19|20|21)\d\d\b")


def words(text: str) -> frozenset[str]:
    """Lower-case words and numbers; years are left out, as they drift with the plan."""
    return frozenset(_WORD.findall(_YEAR_WORD.sub(" ", text.lower())))


def _text(task: Task, seen: dict[str, frozenset[str]] | None = None) -> frozenset[str]:
    """The words of a task and its sub-items; ``seen`` shares them between carried-over tasks."""
    text = _YEAR_WORD.sub(" ", " ".join((task.zadanie, *task.dzialania)).lower())
    if seen is None:
        return frozenset(_WORD.findall(text))
    found = seen.get(text)
    if found is None:
        found = seen[text] = frozenset(_WORD.findall(text))
    return found


def assign(
    old: Sequence[Task],
    new: Sequence[Task],
    left_old: list[int],
    left_new: list[int],
    years: int,
) -> list[tuple[int, int]]:
    """Pairs (old, new) among the leftovers, best first, each task at most once."""
    seen: dict[str, frozenset[str]] = {}  # most tasks differ from last year's only in the year
    all_old = [_text(task, seen) for task in old]
    all_new = [_text(task, seen) for task in new]
    text_old = {i: all_old[i] for i in left_old}
    text_new = {j: all_new[j] for j in left_new}
    # Rarity is measured over both whole plans: among the leftovers alone (often just the one
    # pair), every shared word would look common and every added word rare.
    weight = _weights((*all_old, *all_new))
    candidates = _candidates(text_old, text_new, weight) | {
        (i, j) for j, i in _candidates(text_new, text_old, weight)
    }
    scored = []
    for i, j in candidates:
        score = _score(old[i], new[j], (text_old[i], text_new[j]), weight=weight, years=years)
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


def _weights(sets: Iterable[frozenset[str]]) -> dict[str, float]:
    counts: dict[str, int] = defaultdict(int)
    total = 0
    for word_set in sets:
        total += 1
        for word in word_set:
            counts[word] += 1
    return {word: math.log((total + 1) / count) + 0.1 for word, count in counts.items()}


def _candidates(
    mine: dict[int, frozenset[str]], theirs: dict[int, frozenset[str]], weight: dict[str, float]
) -> set[tuple[int, int]]:
    postings: dict[str, list[int]] = defaultdict(list)
    for j, word_set in theirs.items():
        for word in word_set:
            postings[word].append(j)
    found: set[tuple[int, int]] = set()
    for i, word_set in mine.items():
        rare = sorted(word_set, key=lambda w: (-weight[w], w))
        looked = 0
        for word in rare:
            listed = postings.get(word, ())
            if len(listed) > MAX_POSTINGS:
                continue
            found.update((i, j) for j in listed)
            looked += 1
            if looked == RARE_WORDS:
                break
    return found


def _mass(word_set: Iterable[str], weight: dict[str, float]) -> float:
    # Summed in sorted order so that both directions give the same float.
    return sum(weight.get(w, 1.0) for w in sorted(word_set))


def _similarity(a: frozenset[str], b: frozenset[str], weight: dict[str, float]) -> float:
    """Weighted Jaccard: the shared words against all words of both."""
    if not a and not b:
        return 1.0
    union = _mass(a | b, weight)
    return _mass(a & b, weight) / union if union else 0.0


def _text_similarity(a: frozenset[str], b: frozenset[str], weight: dict[str, float]) -> float:
    """Weighted Jaccard, raised towards 1 when the shorter text lies nearly whole in the longer.

    A task lengthened from one year to the next („Wigilia sołecka …” → „Wigilia sołecka … z
    udziałem Koła Gospodyń Wiejskich”) keeps all its words, yet the added ones, rare by nature,
    sink the Jaccard score. Containment (the shared words against the shorter text's words)
    gives that credit; it is squared so that half a short text („Kampania medialna” → „Kampania
    informacyjna …”) earns little, and weighted by rarity so that a shared stock phrase
    („Partnerstwo przy organizacji”) earns little either.
    """
    if not a or not b:
        return 1.0 if a == b else 0.0
    shared = _mass(a & b, weight)
    jaccard = shared / _mass(a | b, weight)
    contained = shared / min(_mass(a, weight), _mass(b, weight))
    return max(jaccard, (jaccard + contained**2) / 2)


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


def _score(
    old: Task,
    new: Task,
    texts: tuple[frozenset[str], frozenset[str]],
    *,
    weight: dict[str, float],
    years: int,
) -> float:
    text_old, text_new = texts
    text = _text_similarity(text_old, text_new, weight)
    who = _similarity(words(" ".join(old.adresaci)), words(" ".join(new.adresaci)), {})
    when = _term_overlap(old.termin, new.termin, years)
    w_text, w_who, w_when = WEIGHTS
    # Rounded so that sums in a different order cannot tip a tie.
    return round(w_text * text + w_who * who + w_when * when, 9)
