"""Which web address a page stands on, for copying it (`Y`) and opening it (`o`).

The address of the fact or quote under the link cursor's source, else of the
source marker under it, else the page's own: a source's URL, an entity's URL
(or its describing source's), a topic's first cited source ([1] on its page). No UI here.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping

from .links import ItemRef, PageRef
from .model import Dataset


def _source_url(dataset: Dataset, source_id: str | None) -> str | None:
    source = dataset.sources.get(source_id) if source_id is not None else None
    return source.url if source is not None and source.url else None


def _item_source(dataset: Dataset, item: ItemRef) -> str | None:
    topic = dataset.topics.get(item.topic_id)
    if topic is None:
        return None
    if item.kind == "fact" and item.index < len(topic.facts):
        return topic.facts[item.index].source
    if item.kind == "quote" and item.index < len(topic.quotes):
        return topic.quotes[item.index].source
    return None


def _topic_sources(dataset: Dataset, topic_id: str) -> list[str]:
    """The topic's sources in the order its page numbers them, [1] first.

    Read from the page as built, so that `Y` on a topic copies the address of the
    source the reader sees as [1], whatever the order of the page's sections.
    """
    from .render import build_page  # a keypress's need; start-up does not pay for it

    page = build_page(dataset, PageRef("topic", topic_id), "en")
    order: list[str] = []
    for link in page.links:
        if link.target.kind == "source" and link.target.id not in order:
            order.append(link.target.id)
    return order


def page_url(
    dataset: Dataset, ref: PageRef, item: ItemRef | None = None, target: PageRef | None = None
) -> str | None:
    """The address to copy or open: of `item`, else of the link `target`, else of the page."""
    if item is not None and item.kind != "topic":
        url = _source_url(dataset, _item_source(dataset, item))
        if url:
            return url
    if target is not None and target != ref:
        url = page_url(dataset, target)
        if url:
            return url
    if ref.kind == "source":
        return _source_url(dataset, ref.id)
    if ref.kind == "topic":
        if ref.id not in dataset.topics:
            return None
        return next(
            (u for s in _topic_sources(dataset, ref.id) if (u := _source_url(dataset, s))), None
        )
    entity = dataset.entities.get(ref.id)
    if entity is None:
        return None
    return entity.url or _source_url(dataset, entity.source)


def has_graphical_browser(environ: Mapping[str, str], platform: str = sys.platform) -> bool:
    """Whether opening a URL here shows a browser window to the reader.

    Over SSH, or on a console without a display, Python's `webbrowser` would
    start a text browser (lynx, w3m) inside this very terminal, or nothing.
    """
    if platform == "darwin" or platform.startswith("win"):
        return "SSH_CONNECTION" not in environ and "SSH_TTY" not in environ
    return bool(environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY")) and not (
        "SSH_CONNECTION" in environ or "SSH_TTY" in environ
    )
