"""What a page is called: a topic's breadcrumb, or the kind and name of another page.

The pane's border title, the bookmarks list, the timeline's topic column, the
report's rules and the backlinks all name pages through these two functions.
"""

from __future__ import annotations

from ..i18n import label
from ..links import PageRef
from ..model import Dataset, Lang


def topic_title(dataset: Dataset, topic_id: str, lang: Lang) -> str:
    """The breadcrumb for a page header: Trade › Turnover."""
    return " › ".join(t.label(lang) for t in dataset.path(topic_id))


def page_title(dataset: Dataset, ref: PageRef, lang: Lang) -> str:
    """The pane's border title: a topic's breadcrumb, or the kind and name of another page."""
    if ref.kind == "topic":
        return topic_title(dataset, ref.id, lang)
    if ref.kind == "source":
        return f"{label('kind.source', lang)} › {dataset.sources[ref.id].title.get(lang)}"
    entity = dataset.entities[ref.id]
    return f"{label('kind.' + entity.kind, lang)} › {entity.label(lang)}"
