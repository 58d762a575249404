"""Where sources disagree: the sides of each `[[disagreement]]`, found across the data set.

A side is a fact, an observation or a target that names the disagreement in
its `disagreement` key. The index is built once per data set (like the
backlinks) and lets a page show every side, even one that lives on another
topic or metric. Nothing here knows about Rich or Textual.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final, Literal

from .model import Dataset, Observation, Target, Topic
from .value import Value

SideKind = Literal["fact", "observation", "target"]


class Side(Value):
    """One side: the n-th fact of a topic, or the n-th observation or target of a metric.

    Immutable and compared by value, as a frozen dataclass; a plain class because
    every start imports it (a dataclass costs some 0.4 ms to make on Python 3.11).
    """

    __slots__ = ("index", "kind", "owner")
    FIELDS = ("kind", "owner", "index")

    def __init__(self, kind: SideKind, owner: str, index: int) -> None:
        self.kind: Final = kind
        self.owner: Final = owner
        """The topic id (a fact) or the metric id (an observation or target)."""
        self.index: Final = index


def sides_index(dataset: Dataset) -> Mapping[str, tuple[Side, ...]]:
    """Every disagreement's sides in data order; made once and kept with the data set
    (`Dataset.disagreement_sides`)."""
    return dataset.disagreement_sides


def find_sides(dataset: Dataset) -> Mapping[str, tuple[Side, ...]]:
    """Every disagreement's sides in data order: the metrics' figures, then the facts."""
    # Here, not at the top: walk.py imports this module for its "Sources
    # disagree" section.
    from .walk import FactItem, dataset_items

    found: dict[str, list[Side]] = {}
    # Every metric once, in data order: not through the walker, which gives a
    # metric with each topic that shows it (twice when two do, never when none
    # does), where a side must be listed once.
    for metric in dataset.metrics.values():
        for index, obs in enumerate(metric.observations):
            if obs.disagreement is not None:
                found.setdefault(obs.disagreement, []).append(Side("observation", metric.id, index))
        for index, target in enumerate(metric.targets):
            if target.disagreement is not None:
                found.setdefault(target.disagreement, []).append(Side("target", metric.id, index))
    for item in dataset_items(dataset):
        if isinstance(item, FactItem) and item.fact.disagreement is not None:
            found.setdefault(item.fact.disagreement, []).append(
                Side("fact", item.topic.id, item.number)
            )
    return {key: tuple(value) for key, value in found.items()}


def on_topic(dataset: Dataset, topic: Topic) -> list[str]:
    """The disagreements a topic page shows: named by its facts or by its metrics' figures."""
    # The walker's order (`walk.topic_items`), in a loop of its own: this runs
    # for every topic each time a search index is built, and the walker's
    # items made that 5 % slower at 100,000 facts.
    ids: dict[str, None] = {}
    for metric_id in topic.metrics:
        metric = dataset.metrics[metric_id]
        figures: list[Observation | Target] = [*metric.observations, *metric.targets]
        for figure in figures:
            if figure.disagreement is not None:
                ids.setdefault(figure.disagreement, None)
    for fact in topic.facts:
        if fact.disagreement is not None:
            ids.setdefault(fact.disagreement, None)
    return [key for key in ids if key in dataset.disagreements]
