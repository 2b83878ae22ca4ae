""" "Did you mean": which words of a query can be corrected, and the best correction.

The engines find candidate titles (only among documents the reader may see, so a suggestion
never reveals a private title); this module picks, from their words, the one closest to the
misspelled word by edit distance (a swap of two letters counts as one edit), preferring words
that occur more often among the candidates.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from .analysis import terms
from .documents import OTHER_LANGUAGE
from .query import And, Or, Term, TextNode

MIN_LENGTH = 3


def correctable_words(node: TextNode) -> list[str]:
    """Plain words the reader typed (not fields, prefixes, phrases or excluded words)."""
    if isinstance(node, Term):
        plain = node.field is None and not node.prefix and len(node.text) >= MIN_LENGTH
        return [node.text] if plain and not any(c.isdigit() for c in node.text) else []
    if isinstance(node, And | Or):
        return [word for item in node.items for word in correctable_words(item)]
    return []


def edit_distance(a: str, b: str, limit: int = 3) -> int:
    """Optimal string alignment distance, giving up (returning `limit`) beyond `limit`."""
    if abs(len(a) - len(b)) >= limit:
        return limit
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) >= limit:
            return limit
        previous2, previous = previous, current
    return min(previous[-1], limit)


def best_correction(word: str, titles: Iterable[str]) -> str | None:
    """The closest different word of `titles` within 2 edits (1 for words of 4 letters)."""
    allowed = 1 if len(word) <= 4 else 2
    counts = Counter(t for title in titles for t in terms(title, OTHER_LANGUAGE))
    best: tuple[int, int, str] | None = None
    for candidate, count in counts.items():
        if candidate == word or len(candidate) < MIN_LENGTH:
            continue
        distance = edit_distance(word, candidate, allowed + 1)
        if distance <= allowed:
            key = (distance, -count, candidate)
            best = key if best is None or key < best else best
    return best[2] if best else None
