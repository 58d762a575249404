"""The "Mentioned in" / "Cited in" section of an entity or source page.

Every topic, fact and quote that names the entity or cites the source (from the
backlink index, `links.backlinks`), grouped under its topic's breadcrumb: the
topic, each fact and quote below it a link to its place on the topic's page.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text

from ..i18n import format_date, label, quoted
from ..links import ItemRef, PageRef
from ..model import Dataset, Lang
from .blocks import hanging, heading
from .builder import PageBuilder
from .styles import DIM, QUOTE
from .titles import topic_title


def backlink_blocks(
    page: PageBuilder, dataset: Dataset, items: Iterable[ItemRef], heading_key: str, lang: Lang
) -> None:
    """Every topic, fact and quote that names the page, grouped under its topic."""
    items = list(items)
    page.add(heading(heading_key, lang))
    if not items:
        page.add(Text(label("nowhere", lang), style=DIM))
        return
    current: str | None = None
    budget = page.budget()
    for index, item in enumerate(items):
        if not budget.allows(index, _backlink_text(dataset, item, lang)):
            page.more(len(items) - index, lang)
            break
        if item.topic_id != current:
            current = item.topic_id
            line = Text("▸ ")
            page.link(
                line, topic_title(dataset, item.topic_id, lang), PageRef("topic", item.topic_id)
            )
            page.add(line)
        if item.kind == "topic":
            continue
        topic = dataset.topics[item.topic_id]
        line = Text()
        if item.kind == "fact":
            body = topic.facts[item.index].text.get(lang)
            page.link(line, body, PageRef("topic", item.topic_id), "", item)
            page.add(hanging("    • ", line, ""))
            continue
        quote = topic.quotes[item.index]
        page.link(
            line, quoted(quote.text.get(lang), lang), PageRef("topic", item.topic_id), QUOTE, item
        )
        line.append(f" — {dataset.entities[quote.speaker].name.get(lang)}", style=DIM)
        line.append(f", {format_date(quote.date, lang)}", style=DIM)
        page.add(hanging("      ", line, ""))


def _backlink_text(dataset: Dataset, item: ItemRef, lang: Lang) -> str:
    """The text a backlink draws, to weigh it against the page's budget."""
    topic = dataset.topics[item.topic_id]
    if item.kind == "fact":
        return topic.facts[item.index].text.get(lang)
    if item.kind == "quote":
        return topic.quotes[item.index].text.get(lang)
    return topic.title.get(lang)
