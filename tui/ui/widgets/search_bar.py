"""The search line that `/` opens under the panes: a prompt, what is typed, and a count.

It only reports what the reader does (typed, pressed Enter, pressed Escape);
the App runs the search and says what to show in the count.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input, Static

from ..bindings import bindings
from .query_input import QueryInput

# Typing fast runs one search after a pause this long, not one per key.
DEBOUNCE_SECONDS = 0.06


class SearchInput(QueryInput):
    """The search line's input, with the search keys of the key table.

    An Input is a scroll view: its own ↑ and ↓ scroll a one-line field, that
    is, do nothing. Here they step through the results.
    """

    BINDINGS: ClassVar[list[BindingType]] = bindings("search")

    def _bar(self) -> SearchBar:
        bar = self.parent
        assert isinstance(bar, SearchBar)
        return bar

    def action_step(self, step: int) -> None:
        self._bar().step(step)

    def action_cancel(self) -> None:
        self._bar().cancel()


class SearchBar(Horizontal):
    DEFAULT_CSS = """
    SearchBar {
        height: 1;
        display: none;
        background: $panel;
    }
    SearchBar.-active {
        display: block;
    }
    SearchBar #search-prompt {
        width: auto;
        padding: 0 1;
        text-style: bold;
    }
    SearchBar Input {
        width: 1fr;
        height: 1;
        border: none;
        padding: 0;
        background: $panel;
    }
    SearchBar Input:focus {
        border: none;
    }
    SearchBar #search-count {
        width: auto;
        max-width: 50%;
        padding: 0 1;
        color: $text-muted;
    }
    """

    class Changed(Message):
        """The query changed (after a short pause in typing)."""

        def __init__(self, query: str) -> None:
            super().__init__()
            self.query = query

    class Submitted(Message):
        """Enter: open the best match."""

        def __init__(self, query: str) -> None:
            super().__init__()
            self.query = query

    class Cancelled(Message):
        """Escape in the search line: forget the search."""

    class Stepped(Message):
        """↓ or ↑ in the search line: the next or previous result."""

        def __init__(self, step: int) -> None:
            super().__init__()
            self.step = step

    def __init__(self, prompt: str = "/", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._prompt = prompt
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Static(Text(self._prompt), id="search-prompt")
        yield SearchInput(id="search-input", select_on_focus=False)
        yield Static(Text(""), id="search-count")

    @property
    def input(self) -> Input:
        return self.query_one("#search-input", Input)

    @property
    def value(self) -> str:
        return self.input.value

    def open(self, placeholder: str) -> None:
        self.add_class("-active")
        self.input.placeholder = placeholder
        # At once, not as `focus()` does it (after what is already queued): keys
        # typed right after `/`, or arriving in one burst over SSH, are then
        # already in the App's queue and must reach the input, not the tree.
        self.screen.set_focus(self.input)

    def close(self) -> None:
        self.remove_class("-active")
        self.input.value = ""
        self.set_count("")
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    @property
    def is_open(self) -> bool:
        return self.has_class("-active")

    @property
    def typing(self) -> bool:
        """Whether the text typed is still waiting for a pause in typing to be searched."""
        return self._timer is not None

    def set_count(self, text: str) -> None:
        self.query_one("#search-count", Static).update(Text(text))

    def set_prompt(self, text: str) -> None:
        self.query_one("#search-prompt", Static).update(Text(text))

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DEBOUNCE_SECONDS, self._report)

    def _report(self) -> None:
        self._timer = None
        self.post_message(self.Changed(self.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._timer is not None:
            # Enter right after typing: search the latest text first.
            self._timer.stop()
            self._timer = None
            self.post_message(self.Changed(self.value))
        self.post_message(self.Submitted(self.value))

    def cancel(self) -> None:
        self.post_message(self.Cancelled())

    def step(self, step: int) -> None:
        if self._timer is not None:
            # A step right after typing: search the latest text first.
            self._timer.stop()
            self._timer = None
            self.post_message(self.Changed(self.value))
        self.post_message(self.Stepped(step))
