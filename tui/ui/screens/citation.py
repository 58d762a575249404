"""The citation dialog (`c`): the plain text a note needs, to select with the mouse or save.

The text is shown as it would be pasted, selectable with the mouse (and
Textual's Ctrl+C copies a selection); `s` saves it to a new file and says
where, `y` sends it to the terminal clipboard.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Static

from ...i18n import label
from ...model import Lang
from ..bindings import bindings
from ..widgets.key_bar import KeyBar


class CitationScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    CitationScreen {
        align: center middle;
    }
    CitationScreen > VerticalScroll {
        width: 84;
        max-width: 100%;
        height: auto;
        max-height: 1fr;
        border: round $accent;
        background: $surface;
        padding: 0 1;
    }
    CitationScreen #citation-text {
        width: 1fr;
        height: auto;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = bindings("citation")

    class Save(Message):
        """`s`: save this text to a file."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    class Copy(Message):
        """`y`: send this text to the terminal clipboard."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def __init__(self, text: str, lang: Lang) -> None:
        super().__init__()
        self.text = text
        self.lang = lang

    def compose(self) -> ComposeResult:
        with VerticalScroll() as box:
            box.border_title = Content(label("citation.title", self.lang))
            # Plain Text: data is never markup. Static text is selectable with the mouse.
            yield Static(Text(self.text), id="citation-text")
        yield KeyBar(self.lang)

    def action_save(self) -> None:
        self.post_message(self.Save(self.text))

    def action_copy(self) -> None:
        self.post_message(self.Copy(self.text))

    def action_close(self) -> None:
        self.dismiss(None)
