"""The Textual App: the data, the language, the bookmarks, and the main screen it pushes.

The App is handed a loaded Dataset and a state store; it never reads files
itself (see factory.py). A big data set comes as a preview (its roots) and a
loader function that the App runs in a worker thread once its first screen is
painted. When the factory also hands it the data paths, it watches them and
reloads through the loader (see `_watch_data`). Workers post what happened
(messages.py); the App hands new data to the main screen (screens/main.py),
which owns the tree, the open page and the search.
"""

from __future__ import annotations

import gc
import os
import shutil
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Callable, ClassVar

from textual import events, on, work
from textual.app import App, SystemCommand
from textual.binding import BindingType
from textual.dom import DOMNode
from textual.geometry import Size
from textual.reactive import var
from textual.screen import ModalScreen, Screen
from textual.theme import Theme
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Input
from textual.worker import get_current_worker

from .. import __version__, cellwidth
from ..i18n import label
from ..links import ItemRef, PageRef
from ..model import Dataset, Lang, other_lang
from ..notices import Notice, notice_text
from ..render import citation_summary
from ..state import StateStore
from ..watch import POLL_SECONDS, DataWatcher
from . import layout
from .bindings import bindings
from .lifecycle import CrashReport, repaint_after_resume
from .messages import DataLoaded, DataReloaded, LoadFailed
from .screens.main import MainScreen
from .terminal_writes import short_writes_driver
from .textual_private import ThemeVariablesLater, start_with_theme
from .themes import DARK, OWN_THEMES
from .widgets import TitleBar

if TYPE_CHECKING:
    # The loader, the dialogs and the palette's commands are imported where
    # they are first used: a start from the data cache needs none of them
    # before the first paint.
    from rich.console import RenderableType
    from textual.command import Provider
    from textual.driver import Driver

    from ..loader import DataError
    from .screens import BookmarksClosed, CitationScreen

# How long the terminal must stay one size before its real size is checked.
SIZE_SETTLE_SECONDS = 0.1

# Set (to anything but 0) to have the terminal written as Textual writes it.
PLAIN_WRITES = "COOP_TUI_PLAIN_WRITES"


# The palette's providers of pages and views, loaded when it first opens
# (Textual calls a provider that is not a class to get one).
def _page_commands() -> type[Provider]:
    from .commands import PageCommands

    return PageCommands


def _view_commands() -> type[Provider]:
    from .view_commands import ViewCommands

    return ViewCommands


class CoopApp(CrashReport, ThemeVariablesLater, App[None]):
    """coop-tui: walk the topics on the left, read the open page on the right."""

    CSS_PATH = "app.tcss"
    TITLE = "coop-tui"
    SUB_TITLE = __version__
    COMMANDS = App.COMMANDS | {_page_commands, _view_commands}
    HORIZONTAL_BREAKPOINTS = layout.HORIZONTAL_BREAKPOINTS
    VERTICAL_BREAKPOINTS = layout.VERTICAL_BREAKPOINTS

    # On the App, not the main screen, so that they work over the dialogs as
    # well (`L`, `t`, `i`, `?`). `/` is a priority binding (see keymap): the App
    # acts on it as it arrives, before the keys behind it are handed to the
    # tree, so the search line has focus when they come in (a burst over SSH, or
    # fast typing). check_action lets a `/` through as a character when an
    # input has focus.
    BINDINGS: ClassVar[list[BindingType]] = [
        *bindings("app"),
    ]

    lang: var[Lang] = var("en", init=False)
    """The reader's language; every label and every data text follows it."""

    def get_driver_class(self) -> type[Driver]:
        # A terminal is written the same screen in fewer bytes (terminal_writes.py),
        # unless the reader asks for Textual's own writes (a terminal that draws
        # the shorter stream differently would be a bug, and this its way around).
        driver_class = super().get_driver_class()
        if os.environ.get(PLAIN_WRITES, "") not in ("", "0"):
            return driver_class
        return short_writes_driver(driver_class)

    def __init__(
        self,
        dataset: Dataset,
        lang: Lang = "en",
        *,
        theme: str = DARK,
        state: StateStore | None = None,
        notice: Notice | None = None,
        bookmarks: list[PageRef] | None = None,
        watch_paths: Sequence[Path] = (),
        load: Callable[[], Dataset] | None = None,
    ) -> None:
        """`dataset` is shown at once; with `load`, it is a preview that `load()` replaces.

        `load` runs in a thread after the first paint and may raise
        `loader.DataError`: the App then exits with return code 1 and keeps the
        error in `load_error` for the command line to print.
        """
        super().__init__()
        # Before anything is measured: Devanagari vowel signs take a cell, as
        # terminals draw them (see cellwidth).
        cellwidth.apply()
        # Smooth scrolling sends a frame per step: wasted bytes over SSH, and a
        # jump that lands late for a reader who presses G and reads at once.
        self.animation_level = "none"
        self.dataset = dataset
        self.set_reactive(CoopApp.lang, lang)
        for own in OWN_THEMES:
            self.register_theme(own)
        # Not `self.theme = theme`: that would parse the stylesheets a second
        # time once the App runs (see textual_private).
        start_with_theme(self, theme)
        self.state = state
        """Where the theme and the bookmarks are remembered; None remembers nothing."""
        self._startup_notice = notice
        self.bookmarks: list[PageRef] = list(bookmarks or [])
        self._load = load
        self.load_error: DataError | None = None
        self._watch_paths = tuple(watch_paths)
        self._stop_watching = threading.Event()
        # The files as they were when this data was read: a save made before the
        # watcher thread starts (it starts after the first paint) still counts.
        self._watcher = DataWatcher(self._watch_paths) if self._watch_paths else None
        self._size_check_timer: Timer | None = None
        self._held_keys: list[events.Key] | None = None
        """Keys typed ahead of what the keys before them are still doing: after a `/`
        whose search line is not open yet (see `action_search`), or for a screen that
        a key opened and that is not ready for keys yet (see `on_event`)."""
        self._replayed: set[int] = set()
        """The held keys handed back, by id: they go through this time."""
        self._search_pending = False
        """A `/` came: the search line opens once the keys before it are done."""
        self._quitting = False
        """`exit` was called: keys still on their way are not acted on."""
        self._main: MainScreen | None = None
        self._main_args = (dataset, lang, load is not None)
        self.collect_after_first_paint = False
        """Turn the cyclic garbage collector on (and freeze what there is) once the
        first frame is written: the command line turns it off while coop-tui starts."""

    @property
    def main(self) -> MainScreen:
        """The tree, the open page and the search (screens/main.py).

        Made on first use, which is once the App runs (`get_default_screen`): on
        Python 3.9 widgets made before `asyncio.run` starts the App's loop are
        tied to another loop, and the tree never mounted.
        """
        if self._main is None:
            dataset, lang, preview = self._main_args
            self._main = MainScreen(dataset, lang, self.bookmarks, preview=preview, size=self.size)
        return self._main

    def get_default_screen(self) -> Screen[None]:
        # The main screen is the bottom of the stack: the dialogs go over it.
        return self.main

    async def on_mount(self) -> None:
        # The main screen composes in its own task: wait for it, so that the App
        # is ready (keys, a test's first query) only once the tree is there.
        await self.main.wait_ready()
        if self._startup_notice is not None:
            self.warn(self._startup_notice, timeout=8)
        # Subscribed after the start-up theme is set: only a reader's choice is saved.
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self.call_after_refresh(self._after_first_paint)

    def _after_first_paint(self) -> None:
        # Not needed for the first frame (moving the driver's signal handlers
        # into the loop cost it half a millisecond): Ctrl+Z and `fg` work the
        # driver's way until now. A signal may have ended the App meanwhile.
        if self.is_running:
            repaint_after_resume(self)
        if self.collect_after_first_paint:
            # The command line kept the cyclic collector off until now (see
            # cli.run_tui): what the first screen made lives as long as it.
            self.collect_after_first_paint = False
            gc.freeze()
            gc.enable()
        if self._load is not None:
            # After the first paint: a loader thread holding the GIL would
            # otherwise delay the very screen it is meant not to delay.
            self._start_loading()
            return  # search indexing and watching start once it is loaded
        # After the first paint, as the big-data loader above: a thread started
        # now would take the GIL from the very first screen.
        self._start_background_work()

    def _start_background_work(self) -> None:
        # Indexing a big data set takes seconds: do it off the event loop, so
        # that the first `/` does not freeze the screen.
        self.main.index_language(self.lang)
        self._prepare_timeline()
        if self._watch_paths:
            self._watch_data()

    def _prepare_timeline(self) -> None:
        """Walk the data for the timeline in a thread, so that `t` opens it at once.

        At 100,000 facts the walk takes a fifth of a second; the result is kept
        with the data set (see `timeline.timeline`).
        """
        from ..timeline import prepare

        dataset, lang = self.dataset, self.lang
        self.run_worker(lambda: prepare(dataset, lang), thread=True, group="timeline")

    def warn(self, notice: Notice, timeout: float | None = None) -> None:
        """Show a notice from the state file or the cache, worded in the reader's language now."""
        text = notice_text(notice, self.lang)
        self.notify(text, markup=False, severity="warning", timeout=timeout)

    def _remember_theme(self, theme: Theme) -> None:
        if self.state is not None:
            notice = self.state.update("theme", theme.name)
            if notice is not None:
                self.warn(notice)

    @property
    def page(self) -> PageRef | None:
        """The page open on the main screen: a topic, an entity or a source."""
        return self.main.page

    @property
    def topic_id(self) -> str | None:
        """The open topic, when the open page is a topic."""
        return self.main.topic_id

    def open_page(self, ref: PageRef, item: ItemRef | None = None, record: bool = True) -> None:
        """Show a page (and a fact or quote on it) on the main screen; see `MainScreen.open_page`."""
        self.main.open_page(ref, item, record)

    # ------------------------------------------------------------ big data in the background

    @property
    def loading(self) -> bool:
        """True while the full data set is still being read in the background."""
        return self._load is not None

    def _start_loading(self) -> None:
        self.run_worker(self._load_in_thread, name="load", thread=True, exit_on_error=False)

    def _load_in_thread(self) -> None:
        assert self._load is not None
        from ..loader import DataError
        from .daemon_work import Abandoned, in_daemon_thread

        # The loader allocates millions of objects, none of them in cycles:
        # the cyclic collector would only walk them again and again meanwhile.
        collecting = gc.isenabled()
        gc.disable()
        load = self._load
        try:
            dataset = in_daemon_thread(load, "coop-tui load")
        except Abandoned:
            return
        except DataError as error:
            self.post_message(LoadFailed(error))
            return
        finally:
            if collecting:
                gc.enable()
        # The data set lives as long as the App: keep later collections (which
        # may fall on a key press) from walking its objects at all.
        gc.freeze()
        if not get_current_worker().is_cancelled:
            self.post_message(DataLoaded(dataset))

    def on_data_loaded(self, message: DataLoaded) -> None:
        self._load = None
        self._take_dataset(message.dataset)
        self.main.show_loaded()
        if self._watch_paths:
            self._watch_data()

    def on_load_failed(self, message: LoadFailed) -> None:
        # The same message and exit code as bad data found before the screen
        # opened; the command line prints it once the terminal is restored.
        self.load_error = message.error
        self.exit(return_code=1)

    def _take_dataset(self, dataset: Dataset) -> None:
        """Make `dataset` the one shown: the main screen and the timeline follow it."""
        self.dataset = dataset
        self.main.take_dataset(dataset)
        self._prepare_timeline()

    def on_unmount(self) -> None:
        self._stop_watching.set()

    # -- live reload -------------------------------------------------------------

    @work(thread=True, exclusive=True, group="data-watch")
    def _watch_data(self) -> None:
        """Poll the data files a few times a second; reload through the loader once a save settles.

        A thread, so that stat calls and a reload never hold up a key press.
        """
        from ..loader import DataError, load_dataset
        from .daemon_work import Abandoned, in_daemon_thread

        watcher = self._watcher or DataWatcher(self._watch_paths)
        paths = list(self._watch_paths)
        worker = get_current_worker()
        try:
            # Until the App unmounts, cancels its workers or stops running: the
            # event loop's close waits for this thread, and an App ended by its
            # input closing (a browser session whose server died) could reach
            # that close without its Unmount having set the event, and, when it
            # ended just as this worker started, without having cancelled it.
            while (
                not self._stop_watching.wait(POLL_SECONDS)
                and not worker.is_cancelled
                and self.is_running
            ):
                if not watcher.poll():
                    continue
                try:
                    # A big data set's reload takes seconds: `q` meanwhile must not wait for it.
                    dataset: Dataset | None = in_daemon_thread(
                        lambda: load_dataset(paths), "coop-tui reload"
                    )
                    error: DataError | None = None
                except Abandoned:
                    return
                except DataError as problem:
                    dataset, error = None, problem
                if self._stop_watching.is_set():
                    return
                self.post_message(DataReloaded(dataset, error))
        finally:
            watcher.close()  # its inotify descriptor, if it has one

    def on_data_reloaded(self, message: DataReloaded) -> None:
        self.data_reloaded(message.dataset, message.error)

    def data_reloaded(self, dataset: Dataset | None, error: DataError | None = None) -> None:
        """Show newly loaded data, or, when the save broke it, keep the old and say why."""
        if dataset is None:
            # A "reloaded" toast from an earlier save must not cover the error.
            self.clear_notifications()
            self.main.show_data_error(error)
            return
        self.main.show_data_error(None)
        self.dataset = dataset
        self.main.show_reloaded(dataset)
        self._prepare_timeline()
        self.notify(label("reload.done", self.lang), timeout=2, markup=False)

    # ------------------------------------------------------------ the language

    def watch_lang(self) -> None:
        if self.state is not None:
            # Remembered as the theme is: the next start opens in it (unless --lang).
            problem = self.state.update("lang", self.lang)
            if problem is not None:
                self.warn(problem)  # in the language just chosen
        self.main.lang = self.lang

    def action_toggle_language(self) -> None:
        self.lang = other_lang(self.lang)

    @on(TitleBar.LanguageChosen)
    def _language_clicked(self, event: TitleBar.LanguageChosen) -> None:
        event.stop()
        self.lang = event.lang

    # ------------------------------------------------------------ bookmarks

    def action_bookmark(self) -> None:
        from .commands import page_name

        self.main.catch_up()
        ref = self.page
        if ref is None:
            return
        name = page_name(self.dataset, ref, self.lang).get(self.lang)
        if ref in self.bookmarks:
            self.bookmarks.remove(ref)
            message = label("bookmark.removed", self.lang).format(name=name)
        else:
            self.bookmarks.append(ref)
            message = label("bookmark.added", self.lang).format(name=name)
        self._bookmarks_changed()
        self.notify(message, markup=False, timeout=3)

    def _bookmarks_changed(self) -> None:
        self.main.show_bookmarks(self.bookmarks)
        if self.state is not None:
            problem = self.state.update("bookmarks", [ref.to_json() for ref in self.bookmarks])
            if problem is not None:
                self.warn(problem, timeout=8)

    def action_bookmarks(self) -> None:
        from .screens import BookmarksScreen

        if isinstance(self.screen, BookmarksScreen):
            return
        self.push_screen(
            BookmarksScreen(self.bookmarks, self.dataset, self.lang), self._bookmarks_closed
        )

    def _bookmarks_closed(self, result: BookmarksClosed | None) -> None:
        if result is None:
            return
        if list(result.remaining) != [r for r in self.bookmarks if r.exists_in(self.dataset)]:
            self.bookmarks = list(result.remaining)
            self._bookmarks_changed()
        if result.open is not None:
            self.open_page(result.open)

    # ------------------------------------------------------------ the citation dialog

    def on_citation_screen_save(self, event: CitationScreen.Save) -> None:
        from ..outputs import output_dir, write_new

        event.stop()
        ref = self.page
        stem = f"coop-tui-citation-{ref.id if ref is not None else 'page'}-{self.lang}"
        try:
            path = write_new(output_dir(), stem, ".txt", event.text + "\n")
        except OSError as error:
            message = label("citation.failed", self.lang).format(why=error.strerror or error)
            self.notify(message, severity="error", markup=False)
            return
        self.notify(label("citation.saved", self.lang).format(path=path), markup=False, timeout=8)

    def on_citation_screen_copy(self, event: CitationScreen.Copy) -> None:
        event.stop()
        what = citation_summary(event.text)
        self.main.send_to_clipboard(event.text, label("copied", self.lang).format(what=what))

    # ------------------------------------------------------------ keys for the main screen
    # Bound here with the others (see BINDINGS); the main screen does the work.

    def action_search(self) -> None:
        # `/` is a priority key: the App acts on it as it arrives, so that the
        # keys typed after it go to the search line. A key typed just before it
        # may still be on its way through the focused pane and back to the
        # App's bindings (a Tab: the pane's, or Textual's focus_next); opened
        # now, the search line would take that key in the pane's place. So the
        # line opens once the keys in flight are done, and the keys after the
        # `/` wait for it, in order (a burst over SSH, or fast typing).
        if self._search_pending:
            return  # a `/` is waiting already
        self._search_pending = True
        if self._held_keys is None:
            self._held_keys = []
            self._after_keys_in_flight(self._hand_back_held_keys)
        # Otherwise held keys are being handed back, this `/` one of them: the
        # hand-back opens the line before it hands back the next.

    def _after_keys_in_flight(self, then: Callable[[], object]) -> None:
        """Call `then` once the keys handed to the focused widget have gone all the way.

        A key goes to the focused widget, bubbles up through its ancestors and
        comes back to the App's bindings; a callback following it through the
        same queues arrives behind it.
        """
        chain: list[Widget] = []
        node: DOMNode | None = self.focused
        while isinstance(node, Widget):  # the widget, its containers, the screen
            chain.append(node)
            node = node.parent

        def follow(index: int) -> None:
            while index < len(chain):
                if chain[index].call_later(follow, index + 1):
                    return
                index += 1  # closed meanwhile: nothing more comes from it
            self.call_later(then)

        follow(0)

    async def _open_search(self) -> None:
        self._search_pending = False
        if self.check_action("search", ()):
            await self.main.action_search()
            return
        # A key before the `/` opened a dialog (`?`, `t`) or the palette: the
        # `/` is that screen's key now (the timeline's filter), and goes there
        # first, ahead of the keys typed after it.
        self._held_keys = [events.Key("slash", "/"), *(self._held_keys or [])]

    async def _hand_back_held_keys(self) -> None:
        """Open a search line a `/` asked for, then hand the held keys back one at a time.

        As if typed one by one: each goes once the one before it has gone all
        the way (it may have opened a view, or asked for the search line), and
        once the screen shown then is ready for keys; keys typed meanwhile join
        the end of the line. When none is left, keys go straight through again.
        """
        if self._taking_no_keys():
            self._held_keys = None
            self._search_pending = False
            return
        screen = self.screen
        if not screen.is_mounted and screen.call_later(self._hand_back_held_keys):
            return  # after the screen's own mount (its queue has that first)
        if self._search_pending:
            await self._open_search()
        held = self._held_keys
        if not held:
            self._held_keys = None
            return
        key = held.pop(0)
        again = events.Key(key.key, key.character)
        self._replayed.add(id(again))
        self.post_message(again)
        # Behind the key in the App's queue: the chain then starts from the
        # widget the App hands the key to.
        self.call_later(self._after_keys_in_flight, self._hand_back_held_keys)

    def action_step_match(self, step: int) -> None:
        self.main.action_step_match(step)

    def action_clear_search(self, back: bool = False) -> None:
        # Esc while a page builds stops that first.
        if not self.main.abandon_build():
            self.main.action_clear_search(back)

    def action_history_back(self) -> None:
        self.main.action_history_back()

    def action_history_forward(self) -> None:
        self.main.action_history_forward()

    def action_switch_pane(self) -> None:
        self.main.action_switch_pane()

    def action_focus_tree(self) -> None:
        self.main.action_focus_tree()

    def action_copy_citation(self) -> None:
        self.main.action_copy_citation()

    def action_copy_url(self) -> None:
        self.main.action_copy_url()

    def action_open_source(self) -> None:
        self.main.action_open_source()

    def action_show_citation(self) -> None:
        self.main.action_show_citation()

    def action_export_page(self) -> None:
        self.main.action_export_page()

    def action_timeline(self) -> None:
        self.main.action_timeline()

    def action_index(self, kind: str = "organisation") -> None:
        self.main.action_index(kind)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "search":
            # Not over a dialog or the palette, and a `/` typed in a query is text.
            return not isinstance(self.screen, ModalScreen) and not isinstance(self.focused, Input)
        # n, N and Escape mean something only while a search is on.
        if action == "step_match":
            return self.main.search.active
        if action == "clear_search":
            return self.main.searching or self.main.detail.building
        return True

    # ------------------------------------------------------------ the terminal's size

    def exit(
        self,
        result: None = None,
        return_code: int = 0,
        message: RenderableType | None = None,
    ) -> None:
        # `q` and the keys typed after it in one burst: those would otherwise
        # still open views and the search line while the screens are taken
        # down, and Textual raised from their queries and mounts.
        self._quitting = True
        self._held_keys = None
        super().exit(result, return_code, message)

    def _taking_no_keys(self) -> bool:
        # coop-tui is closing (and its screens may be gone): a key typed just
        # before, bubbling back from a pane or held, is not acted on.
        return self._quitting or not self.screen_stack

    async def on_event(self, event: events.Event) -> None:
        # Keys and clicks come to the App before it hands them to the widget with
        # focus, and so before any focus change they cause is reported: the main
        # screen then knows that change is the reader's, not one Textual made when
        # a resize hid a pane. The screen itself sees a key only after the widget
        # has (and a focus change before it), and no other public hook comes first.
        if isinstance(event, (events.Key, events.MouseDown)) and self._taking_no_keys():
            return
        if isinstance(event, events.Key) and not event.is_forwarded:
            if id(event) in self._replayed:
                self._replayed.discard(id(event))
            elif self._held_keys is not None:
                self._held_keys.append(event)  # behind the keys held already
                return
            elif not self.screen.is_mounted:
                # A key before this one opened a view (`t`, `?`, Ctrl+P) that is
                # still being made: its keys would reach widgets it has not made
                # yet. This one, and those after it, wait for the view.
                self._held_keys = [event]
                self.call_later(self._hand_back_held_keys)
                return
        if isinstance(event, (events.Key, events.MouseDown)):
            self.main.reader_input()
        await super().on_event(event)

    def on_resize(self, event: events.Resize) -> None:
        # A browser (the web driver) has no terminal to ask: its sizes come in
        # order over one stream, and shutil would answer 80x24.
        if not self.is_headless and not self.is_web:
            if self._size_check_timer is not None:
                self._size_check_timer.stop()
            self._size_check_timer = self.set_timer(
                SIZE_SETTLE_SECONDS, self._confirm_terminal_size
            )

    def _confirm_terminal_size(self) -> None:
        # Textual reads the size inside its SIGWINCH handler, and a second
        # signal can interrupt that handler between reading and posting, so
        # in a burst of resizes a stale size can arrive last and stick. Once
        # the terminal has been still a moment, ask it again and post what it
        # says as the driver does: Textual has no public call to re-read it.
        self._size_check_timer = None
        width, height = shutil.get_terminal_size()
        real = Size(width, height)
        if real != self.size:
            self.post_message(events.Resize(real, real))

    # ------------------------------------------------------------ the rest

    def action_help(self) -> None:
        from .screens import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.lang))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """coop-tui's own actions, in the reader's language, in place of Textual's English ones."""
        from .palette import commands

        for title, help_text, callback, discover in commands(self, self.lang):
            yield SystemCommand(title, help_text, callback, discover)

    def action_command_palette(self) -> None:
        from textual.command import CommandPalette

        from .palette import Palette

        if self.use_command_palette and not isinstance(self.screen, CommandPalette):
            self.push_screen(Palette(self.lang, id="--command-palette"))

    def action_change_theme(self) -> None:
        from textual.theme import ThemeProvider

        from .palette import Palette

        self.push_screen(
            Palette(
                self.lang,
                providers=[ThemeProvider],
                placeholder=label("palette.themes", self.lang),
            )
        )

    def action_screenshot(self, filename: str | None = None, path: str | None = None) -> None:
        """Save an SVG of the screen into a folder that exists, and say which file it is."""
        from ..outputs import free_name, output_dir

        try:
            folder = Path(path) if path else output_dir()
            name = free_name(folder, Path(filename).stem if filename else "coop-tui", ".svg")
            saved = self.save_screenshot(name.name, str(folder))
        except OSError as error:
            message = label("screenshot.failed", self.lang).format(why=error.strerror or error)
            self.notify(message, severity="error", markup=False)
            return
        self.notify(label("screenshot.saved", self.lang).format(path=saved), markup=False)

    def action_show_help_panel(self) -> None:
        """Palette → Keys: our help, not Textual's panel of other keys, in English."""
        self.action_help()

    def action_help_quit(self) -> None:
        """Ctrl+C does not quit (Textual's habit); say so in the reader's language."""
        lang = self.lang
        self.notify(label("quit.hint", lang), title=label("quit.title", lang), markup=False)
