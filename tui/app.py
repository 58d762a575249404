"""The Textual App: layout, bindings and the two pieces of state (topic, language).

The App is handed a loaded Dataset; it never reads files itself (see factory.py).
A big data set comes as a preview (its roots) and a loader function that the App
runs in a worker thread once its first screen is painted.
When the factory also hands it the data paths, it watches them and reloads
through the loader (see `_watch_data`).
"""

from __future__ import annotations

import gc
import threading
from pathlib import Path
from typing import Callable, ClassVar, Sequence

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.reactive import reactive, var
from textual.theme import Theme
from textual.widgets import Tree
from textual.worker import get_current_worker

from . import __version__
from .i18n import label
from .layout import ResponsiveLayout, TooSmall
from .lifecycle import CrashReport
from .loader import DataError, load_dataset
from .model import Dataset, Lang, other_lang
from .render import topic_page, topic_title
from .screens import HelpScreen
from .state import StateStore
from .themes import DARK, OWN_THEMES
from .watch import POLL_SECONDS, DataWatcher
from .widgets import DataErrorBar, DetailPane, KeyBar, TitleBar, TopicTree


class CoopApp(CrashReport, ResponsiveLayout, App[None]):
    """coop-tui: walk the topics on the left, read the open one on the right."""

    CSS_PATH = "app.tcss"
    TITLE = "coop-tui"
    SUB_TITLE = __version__

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("l", "toggle_language", "Language"),
        Binding("question_mark", "help", "Help"),
        Binding("q", "quit", "Quit"),
    ]

    # `var`, not `reactive`: a reactive on the App repaints the whole screen on
    # every change, and the cursor moves on every key press. The widgets that
    # show these repaint themselves (data_bind, DetailPane.show).
    lang: reactive[Lang] = var("en", init=False)
    """The reader's language; every label and every data text follows it."""

    topic_id: reactive[str | None] = var(None, init=False)
    """The topic shown in the detail pane: the one under the tree cursor."""

    def __init__(
        self,
        dataset: Dataset,
        lang: Lang = "en",
        *,
        theme: str = DARK,
        state: StateStore | None = None,
        notice: str | None = None,
        watch_paths: Sequence[Path] = (),
        load: Callable[[], Dataset] | None = None,
    ) -> None:
        """`dataset` is shown at once; with `load`, it is a preview that `load()` replaces.

        `load` runs in a thread after the first paint and may raise
        `loader.DataError`: the App then exits with return code 1 and keeps the
        error in `load_error` for the command line to print.
        """
        super().__init__()
        # Smooth scrolling sends a frame per step: wasted bytes over SSH, and a
        # jump that lands late for a reader who presses G and reads at once.
        self.animation_level = "none"
        self.dataset = dataset
        self.set_reactive(CoopApp.lang, lang)
        for own in OWN_THEMES:
            self.register_theme(own)
        self.theme = theme
        self.state = state
        """Where a theme chosen in the palette is remembered; None remembers nothing."""
        self._startup_notice = notice
        self._load = load
        self.load_error: DataError | None = None
        self._watch_paths = tuple(watch_paths)
        self._stop_watching = threading.Event()

    def compose(self) -> ComposeResult:
        yield TitleBar().data_bind(CoopApp.lang)
        with Horizontal(id="panes"):
            tree = TopicTree(self.dataset, self.lang, id="topics").data_bind(CoopApp.lang)
            yield tree
            yield DetailPane(id="detail")
        yield TooSmall(id="too-small")
        yield DataErrorBar().data_bind(CoopApp.lang)
        yield KeyBar().data_bind(CoopApp.lang)

    def on_mount(self) -> None:
        tree = self.query_one(TopicTree)
        tree.focus()
        self._label_panes()
        roots = self.dataset.roots
        if roots:
            tree.select_topic(roots[0].id)
            self.topic_id = roots[0].id
        self._apply_size(self.size.width, self.size.height)
        if self._startup_notice is not None:
            self.notify(self._startup_notice, markup=False, severity="warning", timeout=8)
        # Subscribed after the start-up theme is set: only a reader's choice is saved.
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        if self._load is not None:
            self._show_loading()
            # After the first paint: a loader thread holding the GIL would
            # otherwise delay the very screen it is meant not to delay.
            self.call_after_refresh(self._start_loading)
        elif self._watch_paths:
            # (Big data starts watching once it is loaded: see _loaded.)
            self._watch_data()

    def _remember_theme(self, theme: Theme) -> None:
        if self.state is not None:
            notice = self.state.update("theme", theme.name)
            if notice is not None:
                self.notify(notice, markup=False, severity="warning")

    @property
    def loading(self) -> bool:
        """True while the full data set is still being read in the background."""
        return self._load is not None

    def _start_loading(self) -> None:
        self.run_worker(self._load_in_thread, name="load", thread=True, exit_on_error=False)

    def _load_in_thread(self) -> None:
        assert self._load is not None
        # The loader allocates millions of objects, none of them in cycles:
        # the cyclic collector would only walk them again and again meanwhile.
        collecting = gc.isenabled()
        gc.disable()
        try:
            dataset = self._load()
        except DataError as error:
            self.call_from_thread(self._load_failed, error)
            return
        finally:
            if collecting:
                gc.enable()
        # The data set lives as long as the App: keep later collections (which
        # may fall on a key press) from walking its objects at all.
        gc.freeze()
        if not get_current_worker().is_cancelled:
            self.call_from_thread(self._loaded, dataset)

    def _loaded(self, dataset: Dataset) -> None:
        self._load = None
        self.dataset = dataset
        tree = self.query_one(TopicTree)
        tree.replace_dataset(dataset)
        if tree.cursor_node is None or tree.cursor_node.data is None:
            roots = dataset.roots
            if roots:
                tree.select_topic(roots[0].id)
        node = tree.cursor_node
        self.topic_id = node.data if node is not None else None
        self._show_topic()
        if self._watch_paths:
            self._watch_data()

    def _load_failed(self, error: DataError) -> None:
        # The same message and exit code as bad data found before the screen
        # opened; the command line prints it once the terminal is restored.
        self.load_error = error
        self.exit(return_code=1)

    def _show_loading(self) -> None:
        pane = self.query_one(DetailPane)
        pane.show(label("detail", self.lang), Content(label("loading", self.lang)))

    def on_unmount(self) -> None:
        self._stop_watching.set()

    @on(Tree.NodeHighlighted, "#topics")
    def _follow_cursor(self, event: Tree.NodeHighlighted[str]) -> None:
        event.stop()
        if event.node.data is not None:
            self.topic_id = event.node.data

    @on(Tree.NodeSelected, "#topics")
    def _open_leaf(self, event: Tree.NodeSelected[str]) -> None:
        # Enter on a topic with no subtopics has nothing to expand: take the
        # reader to its text instead.
        event.stop()
        if not event.node.allow_expand:
            self.query_one(DetailPane).focus()

    def watch_topic_id(self) -> None:
        self._show_topic()

    def watch_lang(self) -> None:
        self._label_panes()
        self._show_topic()

    def _label_panes(self) -> None:
        self.query_one(TopicTree).border_title = Content(label("topics", self.lang))

    def _show_topic(self, *, keep_scroll: bool = False) -> None:
        if self.loading:
            self._show_loading()
            return
        if self.topic_id is None or self.topic_id not in self.dataset.topics:
            return
        dataset, topic_id, lang = self.dataset, self.topic_id, self.lang
        self.query_one(DetailPane).show_cached(
            topic_title(dataset, topic_id, lang),
            dataset,
            ("topic", topic_id, lang),
            lambda: topic_page(dataset, topic_id, lang),
            keep_scroll=keep_scroll,
        )
        # Once this page is on screen, render the topics above and below the
        # cursor while the reader reads: the next ↑ or ↓ then costs no rendering.
        self.call_after_refresh(self._prefetch_neighbours)

    def _prefetch_neighbours(self) -> None:
        if self.loading:
            return
        tree = self.query_one(TopicTree)
        pane = self.query_one(DetailPane)
        dataset, lang = self.dataset, self.lang
        for line in (tree.cursor_line + 1, tree.cursor_line - 1):
            node = tree.get_node_at_line(line) if line >= 0 else None
            topic_id = node.data if node is not None else None
            if topic_id is None or topic_id not in dataset.topics:
                continue
            pane.prerender(
                dataset,
                ("topic", topic_id, lang),
                lambda topic_id=topic_id: topic_page(dataset, topic_id, lang),
            )

    # -- live reload -------------------------------------------------------------

    @work(thread=True, exclusive=True, group="data-watch")
    def _watch_data(self) -> None:
        """Poll the data files a few times a second; reload through the loader once a save settles.

        A thread, so that stat calls and a reload never hold up a key press.
        """
        watcher = DataWatcher(self._watch_paths)
        while not self._stop_watching.wait(POLL_SECONDS):
            if not watcher.poll():
                continue
            try:
                dataset: Dataset | None = load_dataset(list(self._watch_paths))
                error: DataError | None = None
            except DataError as problem:
                dataset, error = None, problem
            if self._stop_watching.is_set():
                return
            self.call_from_thread(self.data_reloaded, dataset, error)

    def data_reloaded(self, dataset: Dataset | None, error: DataError | None = None) -> None:
        """Show newly loaded data, or, when the save broke it, keep the old and say why."""
        bar = self.query_one(DataErrorBar)
        if dataset is None:
            # A "reloaded" toast from an earlier save must not cover the error.
            self.clear_notifications()
            bar.problems = tuple(str(p) for p in error.problems) if error else ()
            return
        bar.problems = ()
        old, self.dataset = self.dataset, dataset
        self.query_one(TopicTree).replace_dataset(dataset)
        wanted = self._surviving_topic(old, self.topic_id)
        if wanted is not None and wanted != self.topic_id:
            self.query_one(TopicTree).select_topic(wanted)
            self.topic_id = wanted
        else:
            self._show_topic(keep_scroll=True)
        self.notify(label("reload.done", self.lang), timeout=2, markup=False)

    def _surviving_topic(self, old: Dataset, topic_id: str | None) -> str | None:
        """The open topic if it still exists, else its nearest ancestor that does, else the first root."""
        if topic_id is not None and topic_id in old.topics:
            for topic in reversed(old.path(topic_id)):
                if topic.id in self.dataset.topics:
                    return topic.id
        roots = self.dataset.roots
        return roots[0].id if roots else None

    def action_toggle_language(self) -> None:
        self.lang = other_lang(self.lang)

    def action_switch_pane(self) -> None:
        """Tab: the other pane (the only way across when one pane shows at a time)."""
        tree = self.query_one(TopicTree)
        if tree.has_focus:
            self.query_one(DetailPane).focus()
        else:
            tree.focus()

    def action_focus_tree(self) -> None:
        self.query_one(TopicTree).focus()

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.lang))
