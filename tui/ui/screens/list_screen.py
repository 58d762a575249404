"""What the timeline and the index lists share: a titled box with a filter line,
a long list drawn line by line, a status line and the keys' hints.

The list has focus; `/` moves to the filter line, where what is typed filters
the list at once (the same matching rules as the search, see `search.py`);
Enter or ↓ goes back to the list with the filter kept, Escape clears it.
Escape in the list clears the filter, or closes the screen when there is none.
The screen follows the App's language (`lang`), keeping the cursor's row.
"""

from __future__ import annotations

from typing import ClassVar, Generic, TypeVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from ...i18n import label
from ...model import Lang
from ..widgets.line_list import LineList

ResultType = TypeVar("ResultType")


class ListScreen(ModalScreen[ResultType], Generic[ResultType]):
    # Modal: the App's own keys that act on the panes behind (search, n/N)
    # stand aside while it is open, as they do for the help and the bookmarks.
    DEFAULT_CSS = """
    ListScreen {
        background: $background;
    }
    ListScreen > Vertical {
        border: round $accent;
        border-title-color: $text;
        height: 1fr;
        padding: 0 0;
    }
    ListScreen LineList {
        padding: 0 0 0 1;
    }
    ListScreen .list-filter {
        height: 1;
        border: none;
        padding: 0 1;
        background: $panel;
    }
    ListScreen .list-filter:focus {
        border: none;
    }
    ListScreen .list-tabs {
        height: auto;
        padding: 0 1;
    }
    ListScreen .list-status {
        height: 1;
        padding: 0 1;
        color: $text-muted;
        background: $panel;
    }
    ListScreen .list-hints {
        height: 1;
        padding: 0 1;
        background: $footer-background;
        color: $footer-foreground;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        # Priority: acted on as the key arrives, before the keys behind it (typed
        # fast, or a burst over SSH) are handed to the widget with focus, so that
        # they land on the side of the switch they were meant for. check_action
        # lets a `/` through as text while the filter line has focus, and Enter
        # and ↓ through to the list when it has.
        Binding("slash", "filter", "Filter", show=False, priority=True),
        Binding("enter", "to_list", show=False, priority=True),
        Binding("down", "to_list", show=False, priority=True),
        Binding("escape", "back", "Close", show=False),
        Binding("q", "close", "Close", show=False),
        # A modal screen hides the App's own keys: the ones that make sense
        # here are bound again.
        Binding("L", "app.toggle_language", "Language", show=False),
        Binding("question_mark", "app.help", "Help", show=False),
    ]

    TITLE_KEY = ""
    HINTS_KEY = ""
    PLACEHOLDER_KEY = "timeline.placeholder"

    def __init__(self, lang: Lang) -> None:
        super().__init__()
        self.lang: Lang = lang
        self._applied = ""

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = Content(label(self.TITLE_KEY, self.lang))
            yield from self.compose_top()
            yield Input(
                placeholder=self._placeholder(), classes="list-filter", select_on_focus=False
            )
            yield LineList(self.render_row, self.selectable, id="list")
            yield Static("", classes="list-status", markup=False)
        yield Static(Text(label(self.HINTS_KEY, self.lang)), classes="list-hints")

    def compose_top(self) -> ComposeResult:
        """Widgets above the filter line (the index's tabs)."""
        return iter(())

    def _placeholder(self) -> str:
        return f"/ {label('timeline.filter', self.lang)}: {label(self.PLACEHOLDER_KEY, self.lang)}"

    @property
    def list(self) -> LineList:
        return self.query_one(LineList)

    @property
    def filter_input(self) -> Input:
        return self.query_one(Input)

    def on_mount(self) -> None:
        self.list.focus()
        # The App's language key works over this screen too; follow it.
        self.watch(self.app, "lang", self._language_changed, init=False)

    def _language_changed(self, lang: Lang) -> None:
        if lang == self.lang:
            return
        self.lang = lang
        box = self.query_one(Vertical)
        box.border_title = Content(label(self.TITLE_KEY, lang))
        self.filter_input.placeholder = self._placeholder()
        self.query_one(".list-hints", Static).update(Text(label(self.HINTS_KEY, lang)))
        self.language_changed()
        self.list.redraw()
        self.show_status(self.list.cursor)
        self.show_title()

    # ------------------------------------------------------------ what subclasses fill in

    def render_row(self, row: int, width: int) -> Text:
        raise NotImplementedError

    def selectable(self, row: int) -> bool:
        raise NotImplementedError

    def status(self, row: int) -> Text:
        return Text()

    def title_details(self) -> str:
        return ""

    def filter_changed(self, text: str) -> None:
        raise NotImplementedError

    def chosen(self, row: int) -> None:
        raise NotImplementedError

    def language_changed(self) -> None:
        """The language switched: labels and rows are drawn again by the base."""

    # ------------------------------------------------------------ shared behaviour

    def show_title(self) -> None:
        details = self.title_details()
        title = label(self.TITLE_KEY, self.lang) + (f" · {details}" if details else "")
        self.query_one(Vertical).border_title = Content(title)

    def show_status(self, row: int) -> None:
        self.query_one(".list-status", Static).update(self.status(row) if row >= 0 else Text())

    @on(LineList.Highlighted)
    def _highlighted(self, event: LineList.Highlighted) -> None:
        event.stop()
        # About rows since replaced: the new rows' own message follows.
        if event.generation == self.list.generation:
            self.show_status(event.row)

    @on(LineList.Chosen)
    def _chosen(self, event: LineList.Chosen) -> None:
        event.stop()
        # An Enter on rows that keys typed after it have replaced meanwhile (a
        # filter, another list) names another item, or none: it opens nothing.
        # Nor does a second Enter of a burst, read after the first closed the
        # view: `dismiss` closes whatever screen is on top.
        if event.generation == self.list.generation and self.is_active:
            self.chosen(event.row)

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        self._apply_filter(event.value)

    def _apply_filter(self, text: str) -> None:
        # Once per text: a burst may apply it before its Changed message arrives.
        if text != self._applied:
            self._applied = text
            self.filter_changed(text)

    @property
    def _typing(self) -> bool:
        # The screen's focus, not the widget's `has_focus`: that follows only
        # once the focus event is handled, after keys already queued. The filter
        # is the screen's one Input; not looked up, as the footer asks this while
        # the screen is taken down too, its Input already gone.
        return isinstance(self.focused, Input)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.is_active:
            # Closed (or under a dialog): a key typed ahead and still on its way
            # back from this view's widgets does nothing here, as its list is gone.
            return False
        # While the filter line has focus, keys are its text; Escape leaves it.
        typing = self._typing
        if action == "to_list":
            return typing
        return not typing or action == "back"

    def action_filter(self) -> None:
        # At once, not as `focus()` does it (after what is already queued).
        self.set_focus(self.filter_input)

    def action_to_list(self) -> None:
        """Enter or ↓ in the filter line: back to the list, the filter applied and kept."""
        self._apply_filter(self.filter_input.value)
        self.set_focus(self.list)

    def action_back(self) -> None:
        if self._typing:
            self.filter_input.value = ""
            self._apply_filter("")
            self.set_focus(self.list)
        elif self.filter_input.value:
            self.filter_input.value = ""
            self._apply_filter("")
        else:
            self.action_close()

    def action_close(self) -> None:
        self.dismiss(None)
