"""Command palette entries for the views: the timeline and each index list.

In the reader's language, beside Textual's own commands and the pages
(`commands.PageCommands`); the names are our own words, never data text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import Protocol

from textual.command import Hit, Hits, Provider

from ..i18n import label
from ..index_lists import LIST_KINDS
from ..model import Lang
from .commands import highlighted


class ViewHost(Protocol):
    """What the palette needs from the App."""

    lang: Lang

    def action_timeline(self) -> None: ...

    def action_index(self, kind: str = ...) -> None: ...


class ViewCommands(Provider):
    """Open the timeline, or the list of organisations, people, places, events or sources.

    Found by typing ("time", "index", "люди" ...), not listed before a word is
    typed: the palette's opening list is the pages and the bookmarks.
    """

    @property
    def host(self) -> ViewHost:
        app: object = self.app
        return app  # type: ignore[return-value]

    def _commands(self) -> Iterator[tuple[str, str, Callable[[], None]]]:
        host = self.host
        lang = host.lang
        yield (
            label("palette.timeline", lang),
            label("palette.timeline.help", lang),
            host.action_timeline,
        )
        for kind in LIST_KINDS:
            name = label("index.source" if kind == "source" else kind, lang)
            yield (
                label("palette.index", lang).format(kind=name),
                label("palette.index.help", lang),
                partial(host.action_index, kind),
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, run in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, highlighted(matcher, name), run, text=name, help=help_text)
