"""Every key coop-tui answers to, in one table: the bindings, the footer and the help come from it.

The widgets take their `BINDINGS` from `KEYS` (see `tui/ui/bindings.py`), the footer
shows the entries that are active where the focus is, and the help screen lists
them all, so the three cannot disagree (`tests/test_keys.py` checks it).

A key is written as Textual names it (`left_square_bracket`, `ctrl+p`);
`glyph()` turns a name into what the reader sees (`[`, `Ctrl+P`). No Textual here.
"""

from __future__ import annotations

from typing import Final, Literal

from .value import Value

Scope = Literal["tree", "detail", "search", "app", "bookmarks", "citation", "help"]

SCOPES: tuple[Scope, ...] = (
    "tree",
    "detail",
    "search",
    "app",
    "bookmarks",
    "citation",
    "help",
)
"""In the order the help screen lists them."""


class KeyDef(Value):
    """One action and the keys that run it in one part of the screen.

    Immutable and compared by value, as a frozen dataclass; a plain class
    because every start makes it (a dataclass costs some 0.5 ms to make on
    Python 3.11).
    """

    __slots__ = (
        "action",
        "footer",
        "help",
        "keys",
        "priority",
        "rank",
        "scope",
        "shown",
        "textual",
    )
    FIELDS = ("scope", "keys", "action", "help", "footer", "rank", "textual", "priority", "shown")

    def __init__(
        self,
        scope: Scope,
        keys: tuple[str, ...],
        action: str,
        help: str,
        footer: str | None = None,
        rank: int = 0,
        textual: bool = False,
        priority: bool = False,
        shown: str | None = None,
    ) -> None:
        self.scope: Final = scope
        self.keys: Final = keys
        """Textual key names; the first is the one the footer shows."""
        self.action: Final = action
        """The action as bound (`cursor_down`, `app.switch_pane`, `step_match(1)`)."""
        self.help: Final = help
        """Label key of what it does. Neighbours in the table with the same label share one
        help line: "↑ k / ↓ j   move up / down"."""
        self.footer: Final = footer
        """Label key of the footer's word; None: the key is in the help only."""
        self.rank: Final = rank
        """In a narrow footer the lowest ranks go first."""
        self.textual: Final = textual
        """Bound by Textual itself (Ctrl+P, Ctrl+Q, an Input's Enter): listed, not bound again."""
        self.priority: Final = priority
        self.shown: Final = shown
        """How the help writes the keys, where the names would be too long."""


def _k(*keys: str) -> tuple[str, ...]:
    return keys


# Room is left for more views: a new one adds its keys here (help, footer and
# bindings follow), choosing among the letters this table does not use.
KEYS: tuple[KeyDef, ...] = (
    # ---------------------------------------------------------------- the topic tree
    KeyDef("tree", _k("up", "k"), "cursor_up", "key.move", "foot.move", 90, shown="↑ ↓ k j"),
    KeyDef("tree", _k("down", "j"), "cursor_down", "key.move", "foot.move", 90, shown=""),
    KeyDef(
        "tree",
        _k("right", "l"),
        "expand_or_child",
        "key.expand",
        "foot.expand",
        20,
        shown="→ l / ← h",
    ),
    KeyDef(
        "tree", _k("left", "h"), "collapse_or_parent", "key.expand", "foot.expand", 20, shown=""
    ),
    KeyDef(
        "tree", _k("enter"), "select_cursor", "key.toggle", "foot.open", 80, shown="Enter Space"
    ),
    KeyDef("tree", _k("space"), "toggle_node", "key.toggle", shown=""),
    KeyDef("tree", _k("g", "home"), "scroll_home", "key.first_last", shown="g G Home End"),
    KeyDef("tree", _k("G", "end"), "scroll_end", "key.first_last", shown=""),
    KeyDef("tree", _k("pageup"), "page_up", "key.page", shown="PgUp PgDn"),
    KeyDef("tree", _k("pagedown"), "page_down", "key.page", shown=""),
    KeyDef(
        "tree",
        _k("tab", "shift+tab"),
        "app.switch_pane",
        "key.focus",
        "foot.pane",
        75,
        shown="Tab Shift+Tab",
    ),
    # ---------------------------------------------------------------- the detail pane
    KeyDef("detail", _k("up", "k"), "scroll_up", "key.scroll", "foot.scroll", 90, shown="↑ ↓ k j"),
    KeyDef("detail", _k("down", "j"), "scroll_down", "key.scroll", "foot.scroll", 90, shown=""),
    KeyDef("detail", _k("left", "h"), "scroll_left", "key.scroll_lr", shown="← h / → l"),
    KeyDef("detail", _k("right", "l"), "scroll_right", "key.scroll_lr", shown=""),
    KeyDef("detail", _k("g", "home"), "scroll_home", "key.first_last", shown="g G Home End"),
    KeyDef("detail", _k("G", "end"), "scroll_end", "key.first_last", shown=""),
    KeyDef("detail", _k("pageup"), "page_up", "key.page", shown="PgUp PgDn"),
    KeyDef("detail", _k("pagedown"), "page_down", "key.page", shown=""),
    KeyDef("detail", _k("space"), "page_down", "key.page_down"),
    KeyDef("detail", _k("tab"), "next_link", "key.links", "foot.link", 75, shown="Tab Shift+Tab"),
    KeyDef("detail", _k("shift+tab"), "previous_link", "key.links", shown=""),
    KeyDef("detail", _k("enter"), "follow_link", "key.follow", "foot.follow", 80),
    KeyDef("detail", _k("escape"), "app.focus_tree", "key.back", "foot.tree", 70),
    # ---------------------------------------------------------------- the search line
    KeyDef("search", _k("up"), "step(-1)", "key.results", "foot.results", 90, shown="↑ ↓"),
    KeyDef("search", _k("down"), "step(1)", "key.results", "foot.results", 90, shown=""),
    KeyDef("search", _k("enter"), "submit", "key.search_go", "foot.open", 80, textual=True),
    KeyDef("search", _k("escape"), "cancel", "key.search_clear", "foot.clear", 70),
    # ---------------------------------------------------------------- everywhere
    KeyDef("app", _k("slash"), "search", "key.search", "foot.search", 85, priority=True),
    KeyDef("app", _k("n"), "step_match(1)", "key.search_step", "foot.next", 65, shown="n N"),
    KeyDef("app", _k("N"), "step_match(-1)", "key.search_step", "foot.next", 65, shown=""),
    KeyDef("app", _k("escape"), "clear_search", "key.search_clear", "foot.clear", 66),
    KeyDef(
        "app",
        _k("left_square_bracket", "alt+left"),
        "history_back",
        "key.back_forward",
        "foot.back",
        60,
        shown="[ ] Alt+← →",
    ),
    KeyDef(
        "app",
        _k("right_square_bracket", "alt+right"),
        "history_forward",
        "key.back_forward",
        shown="",
    ),
    KeyDef("app", _k("b"), "bookmark", "key.bookmark", "foot.mark", 30, shown="b B"),
    KeyDef("app", _k("B"), "bookmarks", "key.bookmark", shown=""),
    KeyDef("app", _k("y"), "copy_citation", "key.copy", "foot.copy", 58, shown="y Y"),
    KeyDef("app", _k("Y"), "copy_url", "key.copy", shown=""),
    KeyDef("app", _k("c"), "show_citation", "key.citation", "foot.cite", 25, shown="c o"),
    KeyDef("app", _k("o"), "open_source", "key.citation", "foot.browser", 22, shown=""),
    KeyDef("app", _k("t"), "timeline", "key.views", "foot.timeline", 28, shown="t i"),
    KeyDef("app", _k("i"), "index", "key.views", shown=""),
    KeyDef("app", _k("L"), "toggle_language", "key.language", "foot.language", 40),
    KeyDef("app", _k("ctrl+p"), "command_palette", "key.palette", "foot.palette", 35, textual=True),
    KeyDef("app", _k("question_mark"), "help", "key.help", "foot.help", 95),
    KeyDef("app", _k("ctrl+z"), "suspend_process", "key.suspend"),
    KeyDef("app", _k("q"), "quit", "key.quit", "foot.quit", 100, shown="q Ctrl+Q"),
    KeyDef("app", _k("ctrl+q"), "quit", "key.quit", textual=True, shown=""),
    # ---------------------------------------------------------------- the bookmarks list
    # ↑ ↓ are the list's own; j k are added to them.
    KeyDef(
        "bookmarks",
        _k("up"),
        "cursor_up",
        "key.move",
        "foot.move",
        90,
        textual=True,
        shown="↑ ↓ k j",
    ),
    KeyDef(
        "bookmarks", _k("down"), "cursor_down", "key.move", "foot.move", 90, textual=True, shown=""
    ),
    KeyDef("bookmarks", _k("k"), "cursor_up", "key.move", shown=""),
    KeyDef("bookmarks", _k("j"), "cursor_down", "key.move", shown=""),
    KeyDef("bookmarks", _k("enter"), "select", "key.search_go", "foot.open", 80, textual=True),
    KeyDef("bookmarks", _k("d", "delete"), "delete", "key.delete", "foot.delete", 70),
    KeyDef("bookmarks", _k("escape", "q"), "close", "key.close", "foot.close", 100),
    # ---------------------------------------------------------------- the citation dialog
    KeyDef("citation", _k("s"), "save", "key.save", "foot.save", 80),
    KeyDef("citation", _k("y"), "copy", "key.copy_text", "foot.copy", 70),
    KeyDef("citation", _k("escape", "q"), "close", "key.close", "foot.close", 100),
    # ---------------------------------------------------------------- this help (its title lists these)
    KeyDef(
        "help",
        _k("right", "l", "pagedown"),
        "page(1)",
        "key.pages",
        "foot.pages",
        50,
        shown="← → h l PgUp PgDn",
    ),
    KeyDef("help", _k("left", "h", "pageup"), "page(-1)", "key.pages", "foot.pages", 50, shown=""),
    KeyDef(
        "help",
        _k("escape", "q", "question_mark"),
        "close",
        "key.close",
        "foot.close",
        100,
        shown="Esc q ?",
    ),
)

# What the reader sees for a key name.
_GLYPHS: dict[str, str] = {
    "up": "↑",
    "down": "↓",
    "left": "←",
    "right": "→",
    "enter": "Enter",
    "space": "Space",
    "tab": "Tab",
    "shift+tab": "Shift+Tab",
    "escape": "Esc",
    "slash": "/",
    "question_mark": "?",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "pageup": "PgUp",
    "pagedown": "PgDn",
    "home": "Home",
    "end": "End",
    "delete": "Del",
}

# Shorter still, for the footer.
_FOOTER_GLYPHS: dict[str, str] = {"enter": "⏎", "escape": "Esc", "ctrl+p": "^P"}


def glyph(key: str) -> str:
    """`left_square_bracket` -> `[`, `ctrl+p` -> `Ctrl+P`, `alt+left` -> `Alt+←`."""
    if key in _GLYPHS:
        return _GLYPHS[key]
    if "+" in key:
        *mods, last = key.split("+")
        shown = glyph(last)
        return "+".join(
            [m.capitalize() for m in mods] + [shown.upper() if len(shown) == 1 else shown]
        )
    return key


def footer_glyph(key: str) -> str:
    return _FOOTER_GLYPHS.get(key, glyph(key))


HELP_SECTIONS: tuple[tuple[str, tuple[Scope, ...]], ...] = (
    ("help.tree", ("tree",)),
    ("help.detail", ("detail",)),
    ("help.search", ("search",)),
    ("help.app", ("app",)),
    ("help.dialogs", ("bookmarks", "citation")),
)
"""The help's sections (heading label key, scopes); the help's own keys are on its title."""


def in_scope(scope: Scope) -> tuple[KeyDef, ...]:
    return tuple(k for k in KEYS if k.scope == scope)


def help_rows(scope: Scope) -> list[tuple[str, str]]:
    """(keys as shown, label key) per help line: neighbours with one label share a line."""
    rows: list[tuple[list[KeyDef], str]] = []
    for key in in_scope(scope):
        if rows and rows[-1][1] == key.help:
            rows[-1][0].append(key)
        else:
            rows.append(([key], key.help))
    result: list[tuple[str, str]] = []
    for defs, help_key in rows:
        parts = []
        for d in defs:
            if d.shown is not None:
                if d.shown:
                    parts.append(d.shown)
                continue
            parts.append(" ".join(glyph(k) for k in d.keys))
        result.append((" / ".join(parts), help_key))
    return result


SIGNS: tuple[tuple[str, str], ...] = (
    ("▶ ▼", "sign.tree"),
    # Two to a line where the lines are short, so that the help stays one
    # screen at 80x24 with the Trade page's ✓ ○ and the disagreement sign ≠.
    ("★ / [1]", "sign.marks"),
    ("█ ▌ ✓ / ░ ○", "sign.bar"),
    ("│ / ┄", "sign.target"),
    ("≠", "sign.disagree"),
    ("≥ ≤ ≈ <", "sign.qualifier"),
    ("▒ ◆ + ‹ ┆", "sign.chart"),
    ("⏎ ^P", "sign.keys"),
)
"""The signs on screen and what they mean, for the help (label keys)."""
