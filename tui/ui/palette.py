"""The command palette in the reader's language, with coop-tui's own actions.

Textual's palette is kept (pages come from `commands.PageCommands`); what
changes is its words: the placeholder, "no matches", and the system commands,
which become coop-tui's actions in the reader's language, each with its key.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Callable

from rich.text import Text
from textual import on
from textual.command import CommandList, CommandPalette
from textual.widgets import Input, OptionList

from ..i18n import label
from ..keymap import KEYS, glyph
from ..model import Lang
from .textual_private import LocalisedNoMatches
from .widgets.option_pages import can_page

if TYPE_CHECKING:
    from .app import CoopApp

# (title label key, the App action it runs, listed before anything is typed):
# in the order the palette lists them. Listed are as many as Textual lists of
# its own, so that the reader's bookmarks (listed first) stay in view; every
# action is found by typing.
ACTIONS: tuple[tuple[str, str, bool], ...] = (
    ("cmd.language", "toggle_language", True),
    ("cmd.bookmark", "bookmark", False),
    ("cmd.bookmarks", "bookmarks", False),
    ("cmd.back", "history_back", False),
    ("cmd.forward", "history_forward", False),
    ("cmd.copy", "copy_citation", False),
    ("cmd.copy_url", "copy_url", False),
    ("cmd.open", "open_source", False),
    ("cmd.citation", "show_citation", False),
    ("cmd.export", "export_page", True),
    ("cmd.help", "help", True),
    ("cmd.theme", "change_theme", True),
    ("cmd.screenshot", "screenshot", False),
    ("cmd.quit", "quit", True),
)


def key_of(action: str) -> str | None:
    """The key that runs `action` everywhere, as the help writes it, if there is one."""
    for key in KEYS:
        if key.scope == "app" and key.action == action:
            return glyph(key.keys[0])
    return None


def commands(app: CoopApp, lang: Lang) -> Iterator[tuple[str, str, Callable[[], object], bool]]:
    """(title, help, callback, listed at once) of every action the palette offers."""
    for title_key, action, discover in ACTIONS:
        help_text = label(title_key + ".help", lang)
        key = key_of(action)
        if key is not None:
            help_text = f"{key} · {help_text}"
        yield label(title_key, lang), help_text, getattr(app, f"action_{action}"), discover


class Palette(LocalisedNoMatches, CommandPalette):
    """Textual's command palette, speaking the reader's language."""

    def __init__(self, lang: Lang, **kwargs: object) -> None:
        kwargs.setdefault("placeholder", label("palette.placeholder", lang))
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.lang = lang

    @on(Input.Submitted)
    @on(OptionList.OptionSelected)
    def _closed_already(self, event: Input.Submitted | OptionList.OptionSelected) -> None:
        # Read after the palette closed: a second Enter of a burst, behind the
        # one that ran a command. Textual's palette would close whatever screen
        # is on top then (the main screen, and Textual raised), so the message
        # stops here, before the palette's own handlers.
        if not self.is_active:
            event.stop()
            event.prevent_default()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "command_list" and parameters in (("page_down",), ("page_up",)):
            # The palette's own list is Textual's (see widgets/option_pages.py).
            return can_page(self.query_one(CommandList))
        return super().check_action(action, parameters)

    def no_matches_text(self) -> Text:
        return Text(label("palette.none", self.lang), style="not bold")
