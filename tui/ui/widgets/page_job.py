"""A page built and rendered to lines in a thread of its own.

A page with very many items, or a huge summary, can take seconds to build and
render; on the UI thread that froze the screen, and Esc and q with it. Here
the build (`render.build_page`, a pure function of an immutable data set) and
the rendering of its blocks to lines run in a daemon thread; the pane waits a
short moment for it (a fast page is then shown in the same frame as before,
without a flicker of "building…"), and otherwise shows "building…" and takes
the lines when the job's message comes.

A plain daemon thread rather than a Textual thread worker: a worker only
starts once the event loop runs its task (so it could not be waited for that
moment), and the executor's threads are joined at exit, so a build that never
returns would keep q from ending the process. A thread cannot be stopped: an
abandoned job runs on and its result is dropped.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Callable

from rich.console import Console, ConsoleOptions, RenderableType
from textual.strip import Strip

from ...render import Page
from ..messages import PageBuilt

if TYPE_CHECKING:
    from textual.message_pump import MessagePump

# How long the UI thread waits for a page before it shows "building…". Most
# pages take a few milliseconds; this is about the longest a key press may
# take without the reader noticing.
WAIT_SECONDS = 0.15


def render_block(console: Console, block: RenderableType, options: ConsoleOptions) -> list[Strip]:
    """One block of a page as lines of the pane's width."""
    width = options.max_width
    return [Strip(line, width) for line in console.render_lines(block, options, pad=True)]


class PageJob:
    """One page to build and render, started at once in its own thread.

    `result` is `(page, blocks)`, or `error` the exception the build raised;
    either is set before `done` is, and `PageBuilt` is posted to `target` then.
    """

    def __init__(
        self,
        what: object,
        build: Callable[[], Page | RenderableType],
        options: ConsoleOptions,
        target: MessagePump,
        theme: str,
    ) -> None:
        self.what = what
        """What the job is for: the pane's page on show, or a page's cache key."""
        self.width = options.max_width
        self.theme = theme
        self.result: tuple[Page | None, list[list[Strip]]] | None = None
        self.error: BaseException | None = None
        self.abandoned = False
        self.done = threading.Event()
        self._build = build
        self._options = options
        self._target = target
        # A console of the job's own: the App's console takes a lock for each
        # render, which would make the UI thread's painting wait for this one.
        self._console = Console(
            width=self.width,
            markup=False,
            highlight=False,
            emoji=False,
            legacy_windows=False,
            force_terminal=True,
            color_system="truecolor",
        )
        threading.Thread(target=self._run, name="coop-tui page", daemon=True).start()

    def _run(self) -> None:
        try:
            built = self._build()
            page = built if isinstance(built, Page) else None
            blocks: list[RenderableType] = page.blocks if page is not None else [built]  # type: ignore[list-item]
            self.result = (page, [render_block(self._console, b, self._options) for b in blocks])
        except BaseException as error:  # noqa: BLE001 - handed to the UI thread, which raises it
            self.error = error
        self.done.set()
        self._target.post_message(PageBuilt(self))

    def wait(self, seconds: float) -> bool:
        """Wait up to `seconds` for the job; True when it is done."""
        return self.done.wait(seconds)
