"""Build a page of any kind: the one entry point the pane, the report and the exports use.

`build_page` picks the page kind (topic, entity or source), lets its module draw
it into a `PageBuilder`, and marks search matches; with `shown` it draws long
lists a page at a time (see `paging`). `topic_page` is a topic's whole page as
one renderable, for the text report.
"""

from __future__ import annotations

from rich.console import Group

from ..links import ItemRef, PageRef
from ..model import Dataset, Lang
from .builder import Marks, Page, PageBuilder
from .entity import entity_blocks, source_blocks
from .titles import page_title
from .topic import topic_blocks


def topic_page(dataset: Dataset, topic_id: str, lang: Lang) -> Group:
    """Everything a reader needs about one topic, with numbered sources at the end."""
    return build_page(dataset, PageRef("topic", topic_id), lang).renderable()


def build_page(
    dataset: Dataset,
    ref: PageRef,
    lang: Lang,
    marks: Marks | None = None,
    shown: int | None = None,
    reach: ItemRef | None = None,
) -> Page:
    """The page of a topic, entity or source, with its links; `marks` finds words to highlight.

    With `shown`, each long list draws that many items (fewer when their text is
    long) and a "… N more" link; `reach` names a fact or quote to draw however
    far down it is. Without, everything (the report and the exports).
    """
    builder = PageBuilder(ref, page_title(dataset, ref, lang), shown, reach)
    if ref.kind == "topic":
        topic_blocks(builder, dataset, ref.id, lang)
    elif ref.kind == "source":
        source_blocks(builder, dataset, ref.id, lang)
    else:
        entity_blocks(builder, dataset, ref.id, lang)
    return builder.build(marks)
