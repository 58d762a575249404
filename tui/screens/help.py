"""The help screen: every key coop-tui answers to, in the reader's language."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from ..i18n import label
from ..model import Lang

# (section label key, [(keys, description label key)]); the single source the
# help screen and the README's key table are checked against.
KEY_SECTIONS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (
        "help.tree",
        (
            ("↓ j / ↑ k", "key.move"),
            ("g Home / G End", "key.first_last"),
            ("PgUp / PgDn", "key.page"),
            ("Enter / Space", "key.toggle"),
            ("→", "key.expand"),
            ("← h", "key.collapse"),
        ),
    ),
    (
        "help.detail",
        (
            ("↓ j / ↑ k", "key.scroll"),
            ("g Home / G End", "key.first_last"),
            ("PgUp / PgDn Space", "key.page"),
            ("← / →", "key.scroll_lr"),
            ("Tab / Shift+Tab", "key.links"),
            ("Enter / click", "key.follow"),
            ("Esc", "key.back"),
        ),
    ),
    (
        "help.search",
        (
            ("/", "key.search"),
            ("Enter", "key.search_go"),
            ("n / N", "key.search_step"),
            ("Esc", "key.search_clear"),
        ),
    ),
    (
        "help.links",
        (
            ("[ / ]", "key.back_forward"),
            ("Alt+← / Alt+→", "key.back_forward"),
            ("b", "key.bookmark"),
            ("B", "key.bookmarks"),
            ("y", "key.copy"),
        ),
    ),
    (
        "help.everywhere",
        (
            ("Tab / Shift+Tab", "key.focus"),
            ("l", "key.language"),
            ("Ctrl+P", "key.palette"),
            ("?", "key.help"),
            ("Ctrl+Z", "key.suspend"),
            ("q / Ctrl+Q", "key.quit"),
        ),
    ),
)


def help_table(lang: Lang) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True, style="bold")
    table.add_column()
    for index, (section, keys) in enumerate(KEY_SECTIONS):
        if index:
            table.add_row("", "")
        table.add_row(Text(label(section, lang), style="bold underline"), "")
        for key, description in keys:
            table.add_row(Text(key), Text(label(description, lang)))
    return table


class HelpScreen(ModalScreen[None]):
    """A modal list of keys; any of Esc, q or ? closes it."""

    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
    }
    HelpScreen > VerticalScroll {
        width: 64;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: round $accent;
        background: $surface;
        padding: 0 1;
    }
    HelpScreen #help-keys {
        width: 1fr;
        height: auto;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", "Close", show=False),
        Binding("j,down", "scroll_down", show=False),
        Binding("k,up", "scroll_up", show=False),
    ]

    def __init__(self, lang: Lang) -> None:
        super().__init__()
        self.lang = lang

    def compose(self) -> ComposeResult:
        with VerticalScroll() as body:
            body.border_title = Content(label("help.title", self.lang))
            body.border_subtitle = Content(label("help.close", self.lang))
            yield Static(help_table(self.lang), id="help-keys")

    def action_scroll_down(self) -> None:
        self.query_one(VerticalScroll).scroll_down()

    def action_scroll_up(self) -> None:
        self.query_one(VerticalScroll).scroll_up()
