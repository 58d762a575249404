"""A search's matches as the reader steps through them: one entry per page, grouped by kind.

Topics come first, in the order the narrowed tree shows them, then
organisations, people, places, events and sources, each kind in the order of
its best match. `n`/`N` and ↑/↓ in the search line walk this list, so they go
where the reader sees the next entry, and never back to a page already passed.
No UI here.
"""

from __future__ import annotations

from dataclasses import dataclass

from .links import ItemRef, PageRef
from .model import ENTITY_KINDS, Dataset
from .search import Results

KINDS: tuple[str, ...] = ("topic", *ENTITY_KINDS, "source")
"""The groups, in the order shown."""


@dataclass(frozen=True)
class Entry:
    """One page among the results, and the match to show on it first."""

    ref: PageRef
    item: ItemRef | None
    matches: int
    """How many of the search's matches are on this page."""


# Beyond this many matching topics, only those among the best matches are listed:
# sorting them into tree order costs a walk up from each.
ALL_TOPICS_UP_TO = 300


def _tree_key(dataset: Dataset, topic_id: str) -> tuple[int, ...]:
    """Where a topic stands in the tree: its index among its siblings, at each level."""
    key: list[int] = []
    for topic in dataset.path(topic_id):
        siblings = dataset.children(topic.parent)
        key.append(next(i for i, t in enumerate(siblings) if t.id == topic.id))
    return tuple(key)


def result_entries(dataset: Dataset, results: Results) -> list[Entry]:
    """Every page with a match, grouped by kind (see KINDS), each page once."""
    first: dict[PageRef, ItemRef | None] = {}
    count: dict[PageRef, int] = {}
    for match in results.matches:
        if match.ref not in first:
            first[match.ref] = match.item
        count[match.ref] = count.get(match.ref, 0) + 1
    topics = {ref.id for ref in first if ref.kind == "topic"}
    if len(results.topic_ids) <= ALL_TOPICS_UP_TO:
        # A fact or quote beyond the best matches still puts its topic in the tree.
        topics |= results.topic_ids
    topics &= set(dataset.topics)
    in_order = sorted(topics, key=lambda t: _tree_key(dataset, t))
    ordered: list[PageRef] = [PageRef("topic", t) for t in in_order]
    for kind in KINDS[1:]:
        ordered += [ref for ref in first if ref.kind == kind]
    return [Entry(ref, first.get(ref), count.get(ref, 0)) for ref in ordered]


def kind_counts(entries: list[Entry]) -> dict[str, int]:
    """How many pages of each kind, for the group headings (kinds with none left out)."""
    counts: dict[str, int] = {}
    for entry in entries:
        counts[entry.ref.kind] = counts.get(entry.ref.kind, 0) + 1
    return {kind: counts[kind] for kind in KINDS if kind in counts}
