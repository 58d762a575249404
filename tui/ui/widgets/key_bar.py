"""The bottom line of key hints: the keys of the focused pane or dialog, in the reader's language.

What it shows comes from the key table (`keymap.KEYS`), limited to the keys
Textual has active where the focus is (`Screen.active_bindings`, which also
asks each `check_action`): the footer cannot show a key that does nothing
there. A click on a key presses it.
"""

from __future__ import annotations

from typing import ClassVar, Final

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.binding import ActiveBinding
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Static

from ...i18n import label
from ...keymap import KEYS, KeyDef, footer_glyph
from ...model import Lang
from ...value import Value
from ..bindings import binding_id
from ..layout import NARROW


class Hint(Value):
    """One footer entry: its keys (each clickable), its word, how much it matters.

    Immutable and compared by value (a plain class, not a dataclass: those cost
    some 0.4 ms each to make on Python 3.11, and this module is imported at start).
    """

    __slots__ = ("keys", "name", "rank", "word")
    FIELDS = ("keys", "word", "rank", "name")

    def __init__(
        self, keys: tuple[tuple[str, str], ...], word: str, rank: int, name: str = ""
    ) -> None:
        self.keys: Final = keys
        """(key name to press, glyph shown)."""
        self.word: Final = word
        self.rank: Final = rank
        self.name: Final = name
        """The word's label key (`foot.pane`)."""

    def with_rank(self, rank: int) -> Hint:
        return Hint(self.keys, self.word, rank, self.name)

    @property
    def keys_text(self) -> str:
        glyphs = [g for _k, g in self.keys]
        joiner = "" if all(len(g) == 1 and not g.isalnum() for g in glyphs) else "/"
        return joiner.join(glyphs)

    @property
    def width(self) -> int:
        return cell_len(self.keys_text) + 1 + cell_len(self.word)


def _active(key: KeyDef, bindings: dict[str, ActiveBinding]) -> str | None:
    """The first of the entry's keys that runs this very entry here, if any.

    Our bindings carry the entry's id; Textual's own (an Input's Enter, Ctrl+P)
    are known by their action.
    """
    wanted = None if key.textual else binding_id(key)
    for name in key.keys:
        active = bindings.get(name)
        if active is None or not active.enabled or active.binding.action != key.action:
            continue
        if wanted is None or active.binding.id == wanted:
            return name
    return None


def hints(bindings: dict[str, ActiveBinding], lang: Lang) -> list[Hint]:
    """The footer's entries for these active bindings, in the table's order."""
    groups: dict[str, tuple[list[tuple[str, str]], int]] = {}
    for key in KEYS:
        if key.footer is None:
            continue
        name = _active(key, bindings)
        if name is None:
            continue
        keys, _rank = groups.setdefault(key.footer, ([], key.rank))
        glyph = footer_glyph(name)
        if (name, glyph) not in keys:
            keys.append((name, glyph))
    return [
        Hint(tuple(keys), label(word, lang), rank, word) for word, (keys, rank) in groups.items()
    ]


# One pane at a time (a narrow terminal): the keys that go to the other pane
# matter more than anything but quitting.
NARROW_RANKS = {"foot.pane": 97, "foot.tree": 97}


def fit(entries: list[Hint], width: int) -> list[Hint]:
    """Drop the least needed entries until the line fits `width` cells."""
    kept = list(entries)
    # A space before the first entry, two between entries.
    used = sum(h.width + 2 for h in kept) - 1
    while kept and used > width:
        dropped = min(kept, key=lambda h: h.rank)
        kept.remove(dropped)
        used -= dropped.width + 2
    return kept


class KeyBar(Static):
    """A footer of key hints that follows the focus and the language.

    Textual's Footer takes its words from the bindings' fixed descriptions, so
    it could not switch to Russian with the rest of the screen.
    """

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
    }
    KeyBar > .keybar--key {
        color: $footer-key-foreground;
        text-style: bold;
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"keybar--key"}

    lang: reactive[Lang] = reactive("en")

    def __init__(self, lang: Lang | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        if lang is not None:
            self.set_reactive(KeyBar.lang, lang)
        self._spans: list[tuple[int, int, str]] = []
        self._screen: Screen[object] | None = None
        self._drawn: list[Hint] | None = None
        """The entries of the last render: a bindings change that keeps them repaints nothing."""

    def on_mount(self) -> None:
        self._screen = self.screen
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        if self._screen is not None:
            self._screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, _screen: Screen[object]) -> None:
        # The bindings change on every move of the focus (the tree taking it as
        # coop-tui starts, Tab between the panes), mostly to the same entries:
        # the line is rewritten to the terminal only when it would differ.
        if self._drawn is None or self.shown() != self._drawn:
            self.refresh()

    def shown(self) -> list[Hint]:
        """The entries on the line now."""
        entries = hints(self.screen.active_bindings, self.lang)
        if self.screen.has_class(NARROW):
            entries = [h.with_rank(NARROW_RANKS.get(h.name, h.rank)) for h in entries]
        return fit(entries, self.size.width or 80)

    def render(self) -> Text:
        key_style = self.get_component_rich_style("keybar--key")
        line = Text(" ", no_wrap=True, overflow="crop")
        spans: list[tuple[int, int, str]] = []
        # The cells drawn so far, counted as the pieces go in.
        end = 1
        self._drawn = shown = self.shown()
        for index, hint in enumerate(shown):
            if index:
                line.append("  ")
                end += 2
            for n, (name, glyph) in enumerate(hint.keys):
                if n and hint.keys_text != "".join(g for _k, g in hint.keys):
                    line.append("/", style=key_style)
                    end += 1
                start = end
                line.append(glyph, style=key_style)
                end += cell_len(glyph)
                spans.append((start, end, name))
            # The word presses the first key.
            word = f" {hint.word}"
            line.append(word)
            spans.append((end, end + cell_len(word), hint.keys[0][0]))
            end += cell_len(word)
        self._spans = spans
        return line

    def key_at(self, x: int) -> str | None:
        """The key drawn at column `x`, if any."""
        return next((name for start, end, name in self._spans if start <= x < end), None)

    def on_click(self, event: events.Click) -> None:
        key = self.key_at(event.x)
        if key is not None:
            event.stop()
            self.app.simulate_key(key)
