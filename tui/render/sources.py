"""A page's sources: numbered as they are first cited, `[1]`, `[2]` ..., and listed at its end.

`Citations` hands out the numbers (the same class numbers the Markdown report and
the plain-text citations, so all three agree); on a page its markers are links to
the source pages. `source_body` is how a source reads in that list, its URL a
terminal hyperlink (OSC 8); `sources_section` draws the list that closes a page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.style import Style
from rich.text import Text

from ..i18n import format_date
from ..links import ItemRef, PageRef
from ..model import Dataset, Lang, Source
from .blocks import Hanging, heading, localized
from .styles import DIM, MARKER

if TYPE_CHECKING:
    from .builder import PageBuilder


class Citations:
    """Numbers the sources of one page in the order they are first cited: [1], [2] ...

    Given a `PageBuilder`, the markers it appends are links to the source pages.
    """

    def __init__(self, dataset: Dataset, builder: PageBuilder | None = None) -> None:
        self._dataset = dataset
        self._order: list[str] = []
        self._builder = builder

    @property
    def dataset(self) -> Dataset:
        return self._dataset

    def marker(self, source_id: str) -> str:
        if source_id not in self._order:
            self._order.append(source_id)
        return f"[{self._order.index(source_id) + 1}]"

    def append(self, text: Text, source_id: str, item: ItemRef | None = None) -> Text:
        """Append ` [n]`; when building a page, a link to the source (and the fact or quote)."""
        marker = self.marker(source_id)
        text.append(" ")
        if self._builder is None:
            text.append(marker, style=MARKER)
        else:
            self._builder.link(text, marker, PageRef("source", source_id), MARKER, item)
        return text

    def sources(self) -> list[tuple[int, Source]]:
        return [(n, self._dataset.sources[sid]) for n, sid in enumerate(self._order, start=1)]


def sources_section(page: PageBuilder, cite: Citations, lang: Lang) -> None:
    """The numbered list of the sources the page cited, each a link to its page."""
    sources = cite.sources()
    if sources:
        page.add(heading("sources", lang))
        for number, source in sources:
            marker = Text()
            page.link(marker, f"[{number}]", PageRef("source", source.id), MARKER)
            marker.append(" ")
            page.add(Hanging(marker, source_body(source, lang)))


def source_line(number: int, source: Source, lang: Lang) -> Text:
    """`[n] Title — Publisher, date (note)` and the URL on its own line."""
    line = Text(f"[{number}] ", style=MARKER)
    line.append_text(source_body(source, lang))
    return line


def source_body(source: Source, lang: Lang) -> Text:
    """A source without its number; the URL is a terminal hyperlink (OSC 8)."""
    line = localized(source.title, lang)
    details: list[str] = []
    if source.publisher is not None:
        details.append(source.publisher.get(lang))
    if source.date is not None:
        details.append(format_date(source.date, lang))
    if details:
        line.append(" — " + ", ".join(details), style=DIM)
    if source.note is not None:
        line.append(" (", style=DIM)
        line.append_text(localized(source.note, lang, DIM))
        line.append(")", style=DIM)
    if source.url:
        line.append("\n")
        line.append(source.url, style=Style(underline=True, link=source.url))
    return line
