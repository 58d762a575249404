"""A fuzzy matcher for the command palette whose cost grows with the text, never faster.

Textual's `FuzzySearch` tries every way the query's letters can be found in a
candidate and scores each: on a repetitive title (forty `a ` and the query
`aaaaaaaaaaaa`) that is billions of ways, and the palette never answers (it
grew by 100 MB a second); a realistic 230-character source title took 3 s.
Data titles are any text, so the palette matches them here instead: the
query's letters are looked for twice, from the left and packed to the right,
each pass linear, and the better placing is scored with Textual's own formula
(letters, word starts, fewer groups), so data pages and Textual's commands
rank alike. Both the query and the title are cut to a bound first.
Nothing here imports Textual.
"""

from __future__ import annotations

import re

from .limits import MAX_QUERY

__all__ = ["MAX_TITLE", "fuzzy_match"]

MAX_TITLE = 120
"""Characters of a title that the palette matches and shows (the rest as "…")."""

_WORD_START = re.compile(r"\w+")


def fuzzy_match(query: str, candidate: str) -> tuple[float, list[int]]:
    """The score (0: no match) and the offsets of the matched letters in `candidate`."""
    query = query[:MAX_QUERY].lower()
    text = candidate[:MAX_TITLE].lower()
    if not query:
        return 0.0, []
    found = text.find(query)
    if found >= 0:
        offsets = list(range(found, found + len(query)))
        return _score(text, offsets) * (2.0 if text == query else 1.5), offsets
    left = _leftmost(query, text)
    if left is None:
        return 0.0, []
    right = _packed(query, text, left[-1])
    best = max((left, right), key=lambda offsets: _score(text, offsets))
    return _score(text, best), best


def _leftmost(query: str, text: str) -> list[int] | None:
    offsets: list[int] = []
    at = 0
    for letter in query:
        at = text.find(letter, at)
        if at < 0:
            return None
        offsets.append(at)
        at += 1
    return offsets


def _packed(query: str, text: str, end: int) -> list[int]:
    """The letters found from the right, ending where the leftmost placing ends: fewer gaps."""
    offsets: list[int] = []
    at = end + 1
    for letter in reversed(query):
        at = text.rfind(letter, 0, at)
        offsets.append(at)
    offsets.reverse()
    return offsets


def _score(text: str, offsets: list[int]) -> float:
    # Textual's FuzzySearch.score: letters plus word starts, boosted for fewer groups.
    starts = {m.start() for m in _WORD_START.finditer(text)}
    count = len(offsets)
    score: float = count + len(starts.intersection(offsets))
    groups = 1 + sum(1 for a, b in zip(offsets, offsets[1:]) if b != a + 1)
    normalized = (count - (groups - 1)) / count
    return score * (1 + normalized * normalized)
