"""The list of bookmarks that `B` opens: Enter opens one, d deletes one, Esc closes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...i18n import label
from ...links import PageRef
from ...model import Dataset, Lang
from ...render import page_title
from ..bindings import bindings
from ..widgets.key_bar import KeyBar
from ..widgets.option_pages import PagedOptionList


@dataclass(frozen=True)
class BookmarksClosed:
    """What the reader did: the page to open (if any) and the bookmarks left."""

    open: PageRef | None
    remaining: tuple[PageRef, ...]


class BookmarksScreen(ModalScreen[BookmarksClosed]):
    DEFAULT_CSS = """
    BookmarksScreen {
        align: center middle;
    }
    BookmarksScreen > Vertical {
        width: 72;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: round $accent;
        background: $surface;
        padding: 0 1;
    }
    BookmarksScreen OptionList, BookmarksScreen OptionList:focus {
        height: auto;
        max-height: 20;
        border: none;
        padding: 0;
    }
    BookmarksScreen #bookmarks-empty {
        height: auto;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = bindings("bookmarks")

    def __init__(self, bookmarks: list[PageRef], dataset: Dataset, lang: Lang) -> None:
        super().__init__()
        self.refs = [ref for ref in bookmarks if ref.exists_in(dataset)]
        self.dataset = dataset
        self.lang = lang

    def _option(self, ref: PageRef) -> Option:
        line = Text(f"{label('kind.' + ref.kind, self.lang)}: ", style="dim")
        line.append(page_title(self.dataset, ref, self.lang))
        return Option(line, id=_option_id(ref))

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = Content(label("bookmarks.title", self.lang))
            box.border_subtitle = Content(label("bookmarks.close", self.lang))
            if not self.refs:
                yield Static(Text(label("bookmarks.empty", self.lang)), id="bookmarks-empty")
            yield PagedOptionList(*[self._option(ref) for ref in self.refs])
        yield KeyBar(self.lang)

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        # Read after keys typed behind the Enter: a `d` may have deleted the
        # bookmark (its place now another's), an Escape or a second Enter
        # closed the list (`dismiss` closes whatever screen is on top).
        chosen = next((ref for ref in self.refs if _option_id(ref) == event.option.id), None)
        if chosen is not None and self.is_active:
            self.dismiss(BookmarksClosed(chosen, tuple(self.refs)))

    def action_close(self) -> None:
        self.dismiss(BookmarksClosed(None, tuple(self.refs)))

    def action_delete(self) -> None:
        options = self.query_one(OptionList)
        index = options.highlighted
        if index is None or not self.refs:
            return
        del self.refs[index]
        options.remove_option_at_index(index)

    def action_cursor_down(self) -> None:
        self.query_one(OptionList).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(OptionList).action_cursor_up()


def _option_id(ref: PageRef) -> str:
    """A bookmark's option, named by its page (bookmarks are unique) rather than its place."""
    return f"{ref.kind}:{ref.id}"
