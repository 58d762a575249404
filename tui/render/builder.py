"""A page as the detail pane holds it, and the builder that puts one together.

`Page` is the finished thing: its blocks, its links (a number each, kept in the
style meta, see `styles.LINK_META`), which block each link and each fact or quote
is in. `PageBuilder` is what every page kind writes into: it numbers links,
tracks the block each lands in, forgets the links of a list cut short, hands out
each list's `Budget` (see `paging`) and draws the "… N more" line. `with_cursor`
draws the keyboard's link cursor on a copy of a block.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Callable, Final

from rich.console import Group, RenderableType
from rich.style import Style
from rich.text import Text

from ..links import ItemRef, PageRef
from ..model import Lang
from ..paging import PAGE_ITEMS, Budget, more_text
from ..value import Value
from .blocks import Hanging, SideBySide, texts_of
from .styles import CURSOR, DIM, LINK, LINK_META, MATCH

Marks = Callable[[str], "list[tuple[int, int]]"]
"""Finds the spans of a text to highlight (search matches)."""


# Link and Page are plain classes that compare by value, as the dataclasses they
# were did: the first page is built before the first paint, and on Python 3.11
# a dataclass costs some 0.4 ms to make.


class Link(Value):
    """A link on a page: immutable, compared by value."""

    __slots__ = ("item", "more", "target")
    FIELDS = ("target", "item", "more")

    def __init__(self, target: PageRef, item: ItemRef | None = None, more: int = 0) -> None:
        self.target: Final = target
        self.item: Final = item
        """On a topic page: the fact or quote this marker belongs to (copying cites it).
        On an entity or source page: the fact or quote to show on the topic opened."""
        self.more: Final = more
        """For the "… N more" line of a cut list: how many of each list to draw when followed."""


class Page(Value):
    """One page of the detail pane: renderable blocks (one per line or so) and its links."""

    __slots__ = ("blocks", "item_blocks", "link_blocks", "links", "ref", "title")
    FIELDS = ("ref", "title", "blocks", "links", "link_blocks", "item_blocks")
    __hash__ = None  # type: ignore[assignment]  # it holds mutable values

    def __init__(
        self,
        ref: PageRef,
        title: str,
        blocks: list[RenderableType],
        links: list[Link],
        link_blocks: list[int],
        item_blocks: dict[ItemRef, int],
    ) -> None:
        self.ref = ref
        self.title = title
        self.blocks = blocks
        self.links = links
        self.link_blocks = link_blocks
        """Which block each link is in, to scroll it into view."""
        self.item_blocks = item_blocks
        """Which block each fact and quote starts at, to show a search match."""

    __hash__ = None  # type: ignore[assignment]  # mutable, as the dataclass was

    def renderable(self) -> Group:
        return Group(*self.blocks)


class PageBuilder:
    def __init__(
        self, ref: PageRef, title: str, shown: int | None = None, reach: ItemRef | None = None
    ) -> None:
        self.ref = ref
        self.title = title
        self.shown = shown
        """How many of each list the page draws (None: all); see `paging`."""
        self.reach = reach
        """A fact or quote the page must draw, however far down its list."""
        self.blocks: list[RenderableType] = []
        self.links: list[Link] = []
        self.link_blocks: list[int] = []
        self.item_blocks: dict[ItemRef, int] = {}
        self._pending: list[int] = []

    def link(
        self,
        text: Text,
        label: str,
        target: PageRef,
        style: Style | str = LINK,
        item: ItemRef | None = None,
        more: int = 0,
    ) -> Text:
        """Append `label` to `text` as a link; the block it lands in is known at `add`."""
        number = len(self.links)
        self.links.append(Link(target, item, more))
        self.link_blocks.append(-1)
        self._pending.append(number)
        # The meta holds only the link's number: data text never becomes an action.
        base = Style.parse(style) if isinstance(style, str) else style
        text.append(label, style=base + Style(meta={LINK_META: number}))
        return text

    def add(self, *renderables: RenderableType, item: ItemRef | None = None) -> None:
        if item is not None:
            self.item_blocks.setdefault(item, len(self.blocks))
        for renderable in renderables:
            # Each link goes to the block that holds it: a metric's parts are
            # built first and added together, their links all pending at once.
            inside = _links_in(renderable)
            for number in [n for n in self._pending if n in inside]:
                self.link_blocks[number] = len(self.blocks)
                self._pending.remove(number)
            self.blocks.append(renderable)
        for number in self._pending:
            self.link_blocks[number] = len(self.blocks) - 1
        self._pending.clear()

    def forget_links(self, blocks: Iterable[RenderableType]) -> None:
        """Forget the links of blocks built but never added (a list cut short).

        They are the last links made; a Tab must not stop at a link not drawn.
        """
        gone: set[int] = set()
        for block in blocks:
            gone |= _links_in(block)
        while self.links and len(self.links) - 1 in gone:
            number = len(self.links) - 1
            self.links.pop()
            self.link_blocks.pop()
            if number in self._pending:
                self._pending.remove(number)

    def budget(self, kind: str = "") -> Budget:
        """What one list of this page may draw; `kind` "fact" or "quote" honours `reach`."""
        reach = self.reach
        at_least = reach.index + 1 if reach is not None and reach.kind == kind else 0
        shown = None if self.shown is None else max(self.shown, at_least)
        return Budget(shown, at_least)

    def more(self, left: int | None, lang: Lang) -> None:
        """The line after a cut list: "… N more", a link that draws the next ones."""
        assert self.shown is not None
        line = Text()
        self.link(line, more_text(left, lang), self.ref, DIM + LINK, more=self.shown + PAGE_ITEMS)
        self.add(line)

    def build(self, marks: Marks | None = None) -> Page:
        if marks is not None:
            for block in self.blocks:
                texts = (
                    block.sides
                    if isinstance(block, SideBySide)
                    else [block.body if isinstance(block, Hanging) else block]
                )
                for text in texts:
                    if isinstance(text, Text):
                        for start, end in marks(text.plain):
                            text.stylize(MATCH, start, end)
        return Page(
            self.ref, self.title, self.blocks, self.links, self.link_blocks, self.item_blocks
        )


def _links_in(block: RenderableType) -> set[int]:
    """The numbers of the links drawn in a page block."""
    found: set[int] = set()
    for text in texts_of(block):
        for span in text.spans:
            if isinstance(span.style, Style) and isinstance(span.style.meta.get(LINK_META), int):
                found.add(span.style.meta[LINK_META])
    return found


def with_cursor(block: RenderableType, number: int) -> RenderableType:
    """A copy of a page block with link `number` drawn reversed (the keyboard's link cursor)."""
    if isinstance(block, Hanging):
        return Hanging(
            _text_with_cursor(block.prefix, number), _text_with_cursor(block.body, number)
        )
    if isinstance(block, Text):
        return _text_with_cursor(block, number)
    if isinstance(block, SideBySide):
        return SideBySide([_text_with_cursor(side, number) for side in block.sides], block.indent)
    return block


def _text_with_cursor(text: Text, number: int) -> Text:
    marked = text.copy()
    for span in text.spans:
        style = span.style
        if isinstance(style, Style) and style.meta.get(LINK_META) == number:
            marked.stylize(CURSOR, span.start, span.end)
    return marked
