"""An input line for a query: at most `limits.MAX_QUERY` characters, a longer paste cut to fit.

Textual's `Input(max_length=...)` refuses a paste that would pass the limit
altogether; a reader who pastes a long sentence expects its start to be used.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from ...limits import MAX_QUERY


class QueryInput(Input):
    def __init__(self, *, id: str | None = None, select_on_focus: bool = False) -> None:
        super().__init__(id=id, select_on_focus=select_on_focus, max_length=MAX_QUERY)

    def on_paste(self, event: events.Paste) -> None:
        # Only the first line, as Input takes it, and only what still fits.
        lines = event.text.splitlines()
        room = MAX_QUERY - len(self.value) + len(self.selected_text)
        if lines and room > 0:
            text = lines[0][:room]
            if self.selection.is_empty:
                self.insert_text_at_cursor(text)
            else:
                self.replace(text, *self.selection)
        event.prevent_default()
        event.stop()
