"""Pass 3 of loading, the topic tree: parents that form a tree the screen and the exports can draw.

`check_tree` takes the topics whose parent names an existing topic and
reports a chain of parents that loops back on itself (once per cycle, where
its first topic in read order names its parent), a topic deeper than
`MAX_DEPTH`, and a topic with more than `MAX_ITEMS["topic.children"]`
subtopics. A parent that names nothing, or no topic, is `links`' to report.
"""

from __future__ import annotations

from collections.abc import Mapping

from tui.limits import MAX_DEPTH, MAX_ITEMS

from .records import Record, Registry

__all__ = ["check_tree"]


def check_tree(records: list[Record], registry: Registry) -> None:
    """Report cycles of parents, and topics too deep or with too many subtopics."""
    parents: dict[str, Record] = {}
    for record in records:
        parent = record.item.get("parent")
        if record.kind == "topic" and record.id is not None and isinstance(parent, str):
            known = registry.get(parent)
            if known is not None and known[0] == "topic":
                parents.setdefault(record.id, record)
    done: set[str] = set()
    for start in parents:
        chain: list[str] = []
        current: str | None = start
        while current is not None and current in parents and current not in done:
            if current in chain:
                _cycle_problem(chain[chain.index(current) :], parents)
                break
            chain.append(current)
            current = parents[current].item.get("parent")
        done.update(chain)
    _check_depth(parents)
    _check_children(parents)


def _check_depth(parents: Mapping[str, Record]) -> None:
    """Report the first topic past `MAX_DEPTH` on each branch (its descendants follow from it).

    Textual's Tree draws its lines recursively, and every export writes a
    breadcrumb per topic: a chain of a thousand topics crashed the one and
    made the other write 120 MB.
    """
    depth: dict[str, int] = {}
    for start in parents:
        chain: list[str] = []
        on_chain: set[str] = set()
        current: str | None = start
        while current is not None and current in parents and current not in depth:
            if current in on_chain:
                break  # a cycle, reported already
            chain.append(current)
            on_chain.add(current)
            current = parents[current].item.get("parent")
        if current is not None and current in on_chain:
            depth.update((topic_id, 0) for topic_id in chain)
            continue
        level = depth.get(current, 1) if current is not None else 0
        for topic_id in reversed(chain):
            level = level + 1 if level else 0
            depth[topic_id] = level
            if level == MAX_DEPTH + 1:
                record = parents[topic_id]
                record.file.problem(
                    record.item.path + ("parent",),
                    f"topic '{topic_id}' is {level} levels deep",
                    f"at most {MAX_DEPTH} levels of topics, a root being level 1",
                )


def _check_children(parents: Mapping[str, Record]) -> None:
    limit = MAX_ITEMS["topic.children"]
    count: dict[str, int] = {}
    for record in parents.values():
        parent = record.item.get("parent")
        count[parent] = count.get(parent, 0) + 1
        if count[parent] == limit + 1:
            record.file.problem(
                record.item.path + ("parent",),
                f"topic '{parent}' has more than {limit:,} subtopics",
                f"at most {limit:,} subtopics per topic",
            )


def _cycle_problem(cycle: list[str], parents: Mapping[str, Record]) -> None:
    # Report where the cycle's first topic in read order names its parent.
    first = min(cycle, key=list(parents).index)
    rotated = cycle[cycle.index(first) :] + cycle[: cycle.index(first)]
    record = parents[first]
    record.file.problem(
        record.item.path + ("parent",),
        "topic parents form a cycle: " + " → ".join(rotated + [first]),
        "a chain of parents that ends at a root topic, one without parent",
    )
