"""Typing into a headless App and waiting for what it does, without fixed pauses.

`Pilot.press` waits for the App to go idle after every key, which costs a tenth of
a second a key here, and a search runs after each one: a query of thirty letters
took three seconds. `type_text` sends the letters in one burst, as a paste or a
fast connection delivers them (the App must and does handle that: see
test_keys_arriving_in_one_burst_after_slash_all_reach_the_search_line), then lets
the App handle them. `wait_until` waits for a state the test can name, with a
generous timeout that only a hang reaches, instead of sleeping a guessed time.
"""

from __future__ import annotations

import time
import unicodedata
from typing import Any, Callable

from textual import events
from textual.command import CommandPalette
from textual.keys import KEY_NAME_REPLACEMENTS
from textual.pilot import Pilot
from textual.widgets import Input

from tui.links import PageRef
from tui.ui.widgets import DetailPane, SearchBar

# Only a hang gets here: under load a state may take seconds, never this long.
TIMEOUT = 60.0


def key_name(character: str) -> str:
    """The key Textual names for a typed character ("/" is "slash"), as a terminal's driver does."""
    if character.isalnum():
        return character
    if character == "\t":
        return "tab"
    try:
        name = unicodedata.name(character).lower().replace("-", "_").replace(" ", "_")
    except ValueError:
        return character
    return KEY_NAME_REPLACEMENTS.get(name, name)


# The characters of the named keys that type one.
TYPED = {
    "slash": "/",
    "question_mark": "?",
    "space": " ",
    "enter": "\r",
    "tab": "\t",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
}


def key_event(name: str) -> events.Key:
    """The key event a terminal's driver makes for the key `name` ("q", "slash", "ctrl+p")."""
    return events.Key(name, TYPED.get(name, name if len(name) == 1 else None))


def search_line_text(app: Any) -> str | None:
    """What the search line holds; None before it is there and made (it is mounted on the first `/`).

    For conditions polled while the App works: a search line just mounted has
    not made its input yet.
    """
    bars = app.query(SearchBar)
    inputs = bars.first().query(Input) if bars else None
    return inputs.first().value if inputs else None


async def type_text(pilot: Pilot[Any], text: str) -> None:
    """Type `text` in one burst of key events, then let the App handle every one."""
    for character in text:
        pilot.app.post_message(events.Key(key_name(character), character))
    await pilot.pause()


async def wait_until(
    pilot: Pilot[Any], condition: Callable[[], bool], what: str, timeout: float = TIMEOUT
) -> None:
    """Let the App run until `condition()` holds; fail, naming `what`, if it never does."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {timeout:.0f} s for {what}")
        await pilot.pause(0.01)
    await pilot.pause()


async def wait_for_page(pilot: Pilot[Any], ref: PageRef | None = None) -> None:
    """Wait until the detail pane shows a page (`ref`'s, if given), built in its thread."""
    pane = pilot.app.query_one(DetailPane)

    def shown() -> bool:
        page = pane.page
        return page is not None and not pane.building and (ref is None or page.ref == ref)

    await wait_until(pilot, shown, f"the page {ref or ''} to show")


async def settle(pilot: Pilot[Any]) -> None:
    """Wait for every worker (search index, palette search, loading) and what it posted."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def search(pilot: Pilot[Any], text: str) -> None:
    """Type a query after `/` and wait until it has been searched."""
    await pilot.press("slash")
    await type_query(pilot, text)


async def type_query(pilot: Pilot[Any], text: str) -> None:
    """Type `text` into the open search line and wait until the query it makes has been searched."""
    await type_text(pilot, text)
    bar = pilot.app.query_one(SearchBar)
    # The search line reports the query after a pause in typing; the index may
    # still be building in a worker, and the search then runs when it is done.
    await wait_until(pilot, lambda: not bar.typing, "the search line to report the query")
    await settle(pilot)


async def open_palette(pilot: Pilot[Any], text: str = "") -> None:
    """Open the command palette, type `text` in it, and wait until its matches are listed."""
    app = pilot.app
    await pilot.press("ctrl+p")
    # Keys sent before the palette is mounted would go to the screen under it.
    await wait_until(
        pilot,
        lambda: isinstance(app.screen, CommandPalette) and bool(app.screen.query(Input)),
        "the palette to open",
    )
    await type_text(pilot, text)
    await settle(pilot)  # the palette gathers its matches in a worker


async def palette(pilot: Pilot[Any], text: str, *, pick: bool = True) -> None:
    """Type `text` in the command palette, wait for its matches, and open the first."""
    await open_palette(pilot, text)
    if pick:
        await pilot.press("enter")
        await pilot.pause()
