"""The Textual App: layout, bindings and the state a reader moves through.

The state: the open page (a topic, entity or source), the language, the
history of pages opened, the bookmarks and the search in progress. The App is
handed a loaded Dataset and a state store; it never reads files itself (see
factory.py). A big data set comes as a preview (its roots) and a loader
function that the App runs in a worker thread once its first screen is painted.
When the factory also hands it the data paths, it watches them and reloads
through the loader (see `_watch_data`).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterable, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Callable, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.reactive import var
from textual.screen import ModalScreen, Screen
from textual.theme import Theme
from textual.timer import Timer
from textual.widgets import Input, Tree
from textual.widgets.tree import TreeNode
from textual.worker import Worker, WorkerState, get_current_worker

from . import __version__, cellwidth
from .bindings import bindings
from .commands import PageCommands, page_name
from .i18n import counted, label
from .layout import ResponsiveLayout, TooSmall, tree_width
from .lifecycle import CrashReport, repaint_after_resume
from .links import History, ItemRef, PageRef
from .model import Dataset, Lang, other_lang
from .notices import Notice, notice_text
from .paging import PAGE_ITEMS
from .render import Marks, build_page, citation, citation_summary
from .results import Entry, result_entries
from .search import Results, SearchIndex, highlighter
from .state import StateStore
from .themes import DARK, OWN_THEMES
from .view_commands import ViewCommands
from .watch import POLL_SECONDS, DataWatcher
from .widgets import DataErrorBar, DetailBox, DetailPane, KeyBar, SearchBar, TitleBar, TopicTree
from .widgets.topic_tree import TreeView, page_of

if TYPE_CHECKING:
    # The loader and the two dialogs are imported where they are first used:
    # a start from the data cache needs none of them before the first paint.
    from .loader import DataError
    from .screens import BookmarksClosed, CitationScreen, TimelineChoice


# How long after a page is on screen its neighbours in the tree are rendered.
PREFETCH_AFTER_SECONDS = 0.05


class CoopApp(CrashReport, ResponsiveLayout, App[None]):
    """coop-tui: walk the topics on the left, read the open page on the right."""

    CSS_PATH = "app.tcss"
    TITLE = "coop-tui"
    SUB_TITLE = __version__
    COMMANDS = App.COMMANDS | {PageCommands, ViewCommands}

    # `/` is a priority binding (see keymap): the App acts on it as it arrives,
    # before the keys behind it are handed to the tree, so the search line has
    # focus when they come in (a burst over SSH, or fast typing). check_action
    # lets a `/` through as a character when an input has focus.
    BINDINGS: ClassVar[list[BindingType]] = [
        *bindings("app"),
    ]

    # `var`, not `reactive`: a reactive on the App repaints the whole screen on
    # every change, and the page changes on every key press in the tree. The
    # widgets that show these repaint themselves (data_bind, DetailPane).
    lang: var[Lang] = var("en", init=False)
    """The reader's language; every label and every data text follows it."""

    page: var[PageRef | None] = var(None, init=False, always_update=True)
    """The page in the detail pane: a topic (under the tree cursor), an entity or a source."""

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
        self.theme = theme
        self.state = state
        """Where the theme and the bookmarks are remembered; None remembers nothing."""
        self._startup_notice = notice
        self.bookmarks: list[PageRef] = list(bookmarks or [])
        self.history = History()
        self.search_index = SearchIndex(dataset)
        self._item: ItemRef | None = None
        self._search: Results | None = None
        self._marks: Marks | None = None
        self._prefetch_timer: Timer | None = None
        self._match_at = -1
        self._entries: list[Entry] = []
        """The search's pages in the order listed (see results.py); `_match_at` indexes it."""
        self._page_before_search: PageRef | None = None
        self._followed: TreeNode[str] | None = None
        """The tree node whose highlight was last handled (see `_catch_up`)."""
        self._shown: dict[PageRef, int] = {}
        """Pages whose long lists the reader asked to see more of, and how many."""
        self._tree_before_search: TreeView | None = None
        self._tree_landing: TreeNode[str] | None = None
        self._load = load
        self.load_error: DataError | None = None
        self._indexing: set[tuple[SearchIndex, Lang]] = set()
        self._watch_paths = tuple(watch_paths)
        self._stop_watching = threading.Event()
        # The files as they were when this data was read: a save made before the
        # watcher thread starts (it starts after the first paint) still counts.
        self._watcher = DataWatcher(self._watch_paths) if self._watch_paths else None

    def compose(self) -> ComposeResult:
        yield TitleBar().data_bind(CoopApp.lang)
        with Horizontal(id="panes"):
            yield TopicTree(self.dataset, self.lang, id="topics").data_bind(CoopApp.lang)
            yield DetailBox(DetailPane(id="detail"), id="detail-box")
        yield TooSmall(id="too-small")
        yield DataErrorBar().data_bind(CoopApp.lang)
        yield KeyBar().data_bind(CoopApp.lang)

    def on_mount(self) -> None:
        tree = self.query_one(TopicTree)
        tree.bookmarked = self._bookmarked_topics()
        tree.relabel()
        tree.focus()
        self._label_panes()
        roots = self.dataset.roots
        if roots:
            tree.select_topic(roots[0].id)
            self.open_page(PageRef("topic", roots[0].id))
        self._apply_size(self.size.width, self.size.height)
        # A wide terminal gives the tree more than its usual third: when every
        # topic fits in its height, show them all rather than four lines.
        if tree_width(self.size.width) is not None and len(self.dataset.topics) <= max(
            0, self.size.height - 4
        ):
            tree.expand_all()
            if roots:
                tree.select_topic(roots[0].id)
        if self._startup_notice is not None:
            self.warn(self._startup_notice, timeout=8)
        # Subscribed after the start-up theme is set: only a reader's choice is saved.
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        repaint_after_resume(self)
        if self._load is not None:
            self._show_loading()
            # After the first paint: a loader thread holding the GIL would
            # otherwise delay the very screen it is meant not to delay.
            self.call_after_refresh(self._start_loading)
            return  # search indexing and watching start once it is loaded
        # After the first paint, as the big-data loader above: a thread started
        # now would take the GIL from the very first screen.
        self.call_after_refresh(self._start_background_work)

    def _start_background_work(self) -> None:
        # Indexing a big data set takes seconds: do it off the event loop, so
        # that the first `/` does not freeze the screen.
        self._index_language(self.lang)
        self._prepare_timeline()
        if self._watch_paths:
            self._watch_data()

    def _prepare_timeline(self) -> None:
        """Walk the data for the timeline in a thread, so that `t` opens it at once.

        At 100,000 facts the walk takes a fifth of a second; the result is kept
        with the data set (see `timeline.timeline`).
        """
        from .timeline import prepare

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

    # ------------------------------------------------------------ big data in the background

    @property
    def loading(self) -> bool:
        """True while the full data set is still being read in the background."""
        return self._load is not None

    def _start_loading(self) -> None:
        self.run_worker(self._load_in_thread, name="load", thread=True, exit_on_error=False)

    def _load_in_thread(self) -> None:
        assert self._load is not None
        from .loader import DataError

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
        self._take_dataset(dataset)
        tree = self.query_one(TopicTree)
        if tree.cursor_node is None or tree.cursor_node.data is None:
            roots = dataset.roots
            if roots:
                first = roots[0].id
                self._rebuild_tree(lambda t: t.select_topic(first))
        node = tree.cursor_node
        if node is not None and node.data is not None:
            self.open_page(PageRef("topic", node.data), record=False)
        else:
            self._show_page(keep_scroll=True)
        if self._watch_paths:
            self._watch_data()

    def _take_dataset(self, dataset: Dataset) -> None:
        """Make `dataset` the one shown: the tree and a new search index follow it."""
        self.dataset = dataset
        self.search_index = SearchIndex(dataset)
        self._index_language(self.lang)
        self._prepare_timeline()
        self._rebuild_tree(lambda t: t.replace_dataset(dataset))

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

    @property
    def topic_id(self) -> str | None:
        """The open topic, when the open page is a topic."""
        return self.page.id if self.page is not None and self.page.kind == "topic" else None

    # ------------------------------------------------------------ opening pages

    def open_page(self, ref: PageRef, item: ItemRef | None = None, record: bool = True) -> None:
        """Show a page (and a fact or quote on it), recording it in the history."""
        if not ref.exists_in(self.dataset):
            return
        if record:
            self.history.visit(ref)
        self._item = item
        self.page = ref
        tree = self.query_one(TopicTree)
        node = tree.cursor_node
        if ref.kind == "topic":
            if node is None or node.data != ref.id:
                tree.select_topic(ref.id)
        elif tree.narrowed and (node is None or page_of(node.data) != ref):
            tree.select_page(ref)  # listed under the search's headings

    @on(Tree.NodeHighlighted, "#topics")
    def _follow_cursor(self, event: Tree.NodeHighlighted[str]) -> None:
        event.stop()
        self._followed = event.node
        tree = self.query_one(TopicTree)
        # Rebuilding the tree (search, clearing it, a reload) moves the cursor;
        # those moves open nothing: only the reader's own do.
        bar = self._search_bar()
        if event.node is not tree.cursor_node or (bar is not None and bar.input.has_focus):
            return
        if event.node is self._tree_landing:
            self._tree_landing = None
            return
        ref = page_of(event.node.data)
        if ref is not None and ref != self.page:
            self.open_page(ref)
            self._follow_entry(ref)

    @on(Tree.NodeSelected, "#topics")
    def _open_leaf(self, event: Tree.NodeSelected[str]) -> None:
        # Enter on a topic with no subtopics has nothing to expand: take the
        # reader to its text instead.
        event.stop()
        if not event.node.allow_expand:
            self.query_one(DetailPane).focus()

    @on(DetailPane.LinkFollowed)
    def _follow_link(self, event: DetailPane.LinkFollowed) -> None:
        event.stop()
        if event.more:
            # "… N more": the same page, drawing more of its long lists.
            self._shown[event.target] = event.more
            self._show_page(keep_scroll=True)
            return
        # A fact or quote is shown on its own topic's page; a source page opens at the top.
        item = event.item if event.target.kind == "topic" else None
        self.open_page(event.target, item)

    def watch_page(self) -> None:
        self._show_page()

    def watch_lang(self) -> None:
        if self.state is not None:
            # Remembered as the theme is: the next start opens in it (unless --lang).
            problem = self.state.update("lang", self.lang)
            if problem is not None:
                self.warn(problem)  # in the language just chosen
        if not self.loading:
            self._index_language(self.lang)
        self._label_panes()
        # A search's matches stay: the same topics, facts and quotes, now read in
        # the other language (a query in one language rarely matches the other's
        # words). Whatever is typed from here on searches the new language.
        self._show_search_count()
        self._show_page()

    def _label_panes(self) -> None:
        tree = self.query_one(TopicTree)
        title = label("topics", self.lang)
        if self._search is not None:
            count = label("search.filtered", self.lang).format(
                topics=len(self._search.topic_ids), all=len(self.dataset.topics)
            )
            title = f"{title} · {count}"
        tree.border_title = Content(title)
        bar = self._search_bar()
        if bar is not None:
            bar.set_prompt(self._search_prompt())

    def _search_prompt(self) -> str:
        return f"/ {label('search.prompt', self.lang)}:"

    def _search_bar(self) -> SearchBar | None:
        """The search line, once the reader has opened it; None before the first `/`."""
        bars = self.query(SearchBar)
        return bars.first() if bars else None

    def _rebuild_tree(self, rebuild: Callable[[TopicTree], object]) -> None:
        """Rebuild the tree without opening the topic its cursor lands on."""
        tree = self.query_one(TopicTree)
        rebuild(tree)
        self._tree_landing = tree.cursor_node

    def _show_page(self, *, keep_scroll: bool = False) -> None:
        if self.loading:
            self._show_loading()
            return
        ref = self.page
        if ref is None or not ref.exists_in(self.dataset):
            return
        dataset, lang, marks = self.dataset, self.lang, self._marks
        shown, reach = self._shown_of(ref), self._item
        if reach is not None and reach.kind == "topic":
            reach = None
        # A page highlighted for a search, or drawn down to a fact or quote, is
        # built for that alone: not kept.
        key = ("page", ref, lang, shown) if marks is None and reach is None else None
        self.query_one(DetailPane).show_page(
            lambda: build_page(dataset, ref, lang, marks, shown, reach),
            self._item,
            marked=ref in self.bookmarks,
            keep_scroll=keep_scroll,
            owner=dataset,
            key=key,
        )
        if key is not None:
            # Once this page is on screen, render the topics above and below the
            # cursor while the reader reads: the next ↑ or ↓ then costs no rendering.
            self._schedule_prefetch()

    def _schedule_prefetch(self) -> None:
        # A moment after the page is on screen, not at once: rendering holds
        # the GIL, and the thread that writes this page to the terminal needs it.
        # A key held down keeps pushing it back; each page then renders on demand.
        if self._prefetch_timer is not None:
            self._prefetch_timer.stop()
        self._prefetch_timer = self.set_timer(PREFETCH_AFTER_SECONDS, self._prefetch_neighbours)

    def _prefetch_neighbours(self) -> None:
        self._prefetch_timer = None
        if self.loading or self._marks is not None:
            return
        # The reader may have opened a dialog (or quit) meanwhile: then later.
        trees, panes = self.query(TopicTree), self.query(DetailPane)
        if not trees or not panes:
            return
        tree, pane = trees.first(), panes.first()
        dataset, lang = self.dataset, self.lang
        for line in (tree.cursor_line + 1, tree.cursor_line - 1):
            node = tree.get_node_at_line(line) if line >= 0 else None
            topic_id = node.data if node is not None else None
            if topic_id is None or topic_id not in dataset.topics:
                continue
            ref = PageRef("topic", topic_id)
            shown = self._shown_of(ref)
            pane.prerender(
                dataset,
                ("page", ref, lang, shown),
                partial(build_page, dataset, ref, lang, None, shown),
            )

    def _shown_of(self, ref: PageRef) -> int:
        """How many of each long list the page draws (see `paging`): more once asked."""
        return self._shown.get(ref, PAGE_ITEMS)

    # ------------------------------------------------------------ history

    def action_history_back(self) -> None:
        ref = self.history.back()
        if ref is None:
            self.notify(label("history.start", self.lang), timeout=2)
        else:
            self.open_page(ref, record=False)

    def action_history_forward(self) -> None:
        ref = self.history.forward()
        if ref is None:
            self.notify(label("history.end", self.lang), timeout=2)
        else:
            self.open_page(ref, record=False)

    # ------------------------------------------------------------ search

    def _index_language(self, lang: Lang) -> None:
        """Build the search index of `lang` in a worker, unless it is built or being built.

        One language at a time, when it is the reader's: at 100,000 facts an
        index takes a second or so and tens of megabytes, and most readers
        never switch.
        """
        index = self.search_index
        if index.is_ready(lang) or (index, lang) in self._indexing:
            return
        self._indexing.add((index, lang))

        def build() -> None:
            try:
                index.prepare(lang)
            finally:
                self._indexing.discard((index, lang))

        self.run_worker(build, thread=True, group="search-index")

    @on(Worker.StateChanged)
    def _search_ready(self, event: Worker.StateChanged) -> None:
        if event.worker.group == "search-index" and event.state == WorkerState.SUCCESS:
            # The index may finish while the App is closing and its widgets are gone.
            bar = self._search_bar()
            if bar is None:
                return
            if bar.is_open and self._search is None and bar.value.strip():
                self._run_search(bar.value)
                self._show_page()

    async def action_search(self) -> None:
        bar = self._search_bar()
        if bar is None:
            # Mounted on first use, not composed: its input line is the costliest
            # widget to style and lay out, and most readers open coop-tui without
            # searching. A first `/` costs those few milliseconds instead.
            bar = SearchBar(self._search_prompt(), id="search")
            await self.mount(bar, before=self.query_one(TooSmall))
        if self._tree_before_search is None:
            self._tree_before_search = self.query_one(TopicTree).save_view()
            self._page_before_search = self.page
        bar.open(label("search.placeholder", self.lang))

    @on(SearchBar.Changed)
    def _search_changed(self, event: SearchBar.Changed) -> None:
        event.stop()
        self._run_search(event.query)
        self._show_selected()

    def _show_selected(self) -> None:
        """While typing, the detail pane shows the selected result (or says there is none)."""
        results = self._search
        if results is None:
            before = self._page_before_search
            if before is not None and before != self.page:
                self.open_page(before, record=False)
            else:
                self._show_page(keep_scroll=True)
            return
        if not self._entries:
            bar = self._search_bar()
            query = bar.value if bar is not None else ""
            body = Text(label("search.nothing", self.lang).format(query=query.strip()))
            self.query_one(DetailPane).show(label("search.none", self.lang), body)
            return
        entry = self._entries[self._match_at]
        self.open_page(entry.ref, entry.item, record=False)

    def _run_search(self, query: str) -> None:
        tree = self.query_one(TopicTree)
        bar = self.query_one(SearchBar)
        self._match_at = -1
        if not query.strip():
            self._search = None
            self._marks = None
            self._entries = []
            if tree.narrowed and self._tree_before_search is not None:
                view = self._tree_before_search
                self._rebuild_tree(lambda t: t.restore_view(view, self.topic_id))
            bar.set_count("")
            self._label_panes()
            return
        if not self.search_index.is_ready(self.lang):
            # Still indexing in the background; the search runs when it is done.
            self._search = None
            bar.set_count(label("search.indexing", self.lang))
            return
        self._search = self.search_index.find(query, self.lang)
        self._marks = highlighter(query)
        self._entries = result_entries(self.dataset, self._search)
        found, marks = self._search.topic_ids, self._marks
        others = [e.ref for e in self._entries if e.ref.kind != "topic"]
        self._rebuild_tree(lambda t: t.show_only(found, marks, others))
        # The best match is selected first; ↑ ↓ n N walk the list as shown.
        best = self._search.matches[0].ref if self._search.matches else None
        self._match_at = next((i for i, e in enumerate(self._entries) if e.ref == best), 0)
        if not self._entries:
            self._match_at = -1
        self._show_search_count()
        self._label_panes()

    def _show_search_count(self) -> None:
        """The search line's tally and where the reader is among the pages found."""
        bar, results = self._search_bar(), self._search
        if bar is None or results is None:
            return
        if results.total and self._entries:
            text = label("search.at", self.lang).format(
                at=self._match_at + 1,
                pages=counted("pages", len(self._entries), self.lang),
                matches=counted("matches", results.total, self.lang),
            )
        else:
            text = label("search.none", self.lang)
        bar.set_count(text)

    @on(SearchBar.Submitted)
    def _search_submitted(self, event: SearchBar.Submitted) -> None:
        event.stop()
        if self._search is None or not self._entries:
            self.bell()
            return
        # A choice: the page is a visit now (history), and Escape keeps it.
        self._page_before_search = None
        self.query_one(TopicTree).focus()
        self._open_match(self._match_at, record=True)

    def action_step_match(self, step: int) -> None:
        if self._search is None or not self._entries:
            return
        self._open_match((self._match_at + step) % len(self._entries))

    def _open_match(self, index: int, record: bool | None = None) -> None:
        self._match_at = index
        entry = self._entries[index]
        self._show_search_count()
        if record is None:
            # Stepping in the search line previews; from the tree it is a visit.
            bar = self._search_bar()
            record = not (bar is not None and bar.input.has_focus)
        self.open_page(entry.ref, entry.item, record=record)

    def _follow_entry(self, ref: PageRef) -> None:
        """The reader moved the tree cursor onto a result: n and N go on from there."""
        at = next((i for i, e in enumerate(self._entries) if e.ref == ref), None)
        if self._search is not None and at is not None:
            self._match_at = at
            self._show_search_count()

    @on(SearchBar.Stepped)
    def _search_stepped(self, event: SearchBar.Stepped) -> None:
        event.stop()
        self.action_step_match(event.step)

    @on(SearchBar.Cancelled)
    def _search_cancelled(self, event: SearchBar.Cancelled) -> None:
        event.stop()
        # Escape while typing: nothing was chosen, so the page from before comes back.
        self.action_clear_search(back=True)

    def action_clear_search(self, back: bool = False) -> None:
        """Forget the search: the whole tree as it was, the cursor on the open topic.

        With `back`, the page open before the search is open again (the results
        shown while typing were a preview).
        """
        bar = self._search_bar()
        if bar is None or not bar.is_open:
            return
        tree = self.query_one(TopicTree)
        view = self._tree_before_search or TreeView()
        before = self._page_before_search
        if back and before is not None and before.exists_in(self.dataset):
            self._item = None
            self.set_reactive(CoopApp.page, before)
        bar.close()
        self._search = None
        self._marks = None
        self._entries = []
        self._tree_before_search = None
        self._page_before_search = None
        self._rebuild_tree(lambda t: t.restore_view(view, self.topic_id))
        tree.focus()
        self._label_panes()
        self._show_page()

    # ------------------------------------------------------------ bookmarks

    def _bookmarked_topics(self) -> frozenset[str]:
        return frozenset(ref.id for ref in self.bookmarks if ref.kind == "topic")

    def action_bookmark(self) -> None:
        self._catch_up()
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
        tree = self.query_one(TopicTree)
        tree.bookmarked = self._bookmarked_topics()
        tree.relabel()
        self.query_one(DetailPane).set_marked(self.page in self.bookmarks)
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

    # ------------------------------------------------------------ timeline and index lists

    def action_timeline(self) -> None:
        """Every dated item in date order (screens/timeline.py)."""
        from .screens import IndexScreen, TimelineScreen

        if isinstance(self.screen, TimelineScreen) or self.loading:
            if self.loading:
                self.notify(label("loading", self.lang), markup=False, timeout=2)
            return
        if isinstance(self.screen, IndexScreen):
            self.screen.dismiss(None)
        self.push_screen(TimelineScreen(self.dataset, self.lang), self._timeline_closed)

    def _timeline_closed(self, choice: TimelineChoice | None) -> None:
        if choice is None:
            return
        if choice.item is None:
            self.open_page(choice.ref)
            return
        # The link cursor goes on the item (y copies it, Enter follows it); with
        # one pane at a time (narrow terminals) focus brings the pane into view.
        self.open_page(choice.ref, choice.item)
        self.query_one(DetailPane).focus()

    def action_index(self, kind: str = "organisation") -> None:
        """Every organisation, person, place, event and source by name (screens/index.py)."""
        from .screens import IndexScreen, TimelineScreen

        if isinstance(self.screen, IndexScreen) or self.loading:
            if self.loading:
                self.notify(label("loading", self.lang), markup=False, timeout=2)
            return
        if isinstance(self.screen, TimelineScreen):
            self.screen.dismiss(None)
        self.push_screen(
            IndexScreen(self.dataset, self.lang, kind),  # type: ignore[arg-type]
            self._index_closed,
        )

    def _index_closed(self, ref: PageRef | None) -> None:
        if ref is not None:
            self.open_page(ref)

    # ------------------------------------------------------------ copying

    def _catch_up(self) -> None:
        """Open the page under the tree's cursor now, if its message is still on the way.

        Keys arrive in bursts (j j j c): a key that acts on the open page must
        act on the one the reader moved to, not the one before.
        """
        tree = self.query_one(TopicTree)
        node = tree.cursor_node
        # Only a move whose message has not come yet: a page opened from a
        # link or the palette leaves the cursor where it was, and stays open.
        if tree.has_focus and node is not None and node is not self._followed:
            ref = page_of(node.data)
            if ref is not None and ref != self.page:
                self.open_page(ref)

    def _citation_text(self) -> str | None:
        """The open page, or the fact or quote under the link cursor, as a citation."""
        self._catch_up()
        ref = self.page
        if ref is None:
            return None
        link = self.query_one(DetailPane).current_link
        item = link.item if link is not None and link.item is not None else None
        return citation(self.dataset, ref, self.lang, item)

    def _send_to_clipboard(self, text: str, notice: str) -> None:
        # OSC 52 goes to the terminal, which may ignore it (tmux's set-clipboard
        # off, many terminals by default): nothing comes back to say so, so the
        # notice says where the text went, not that it arrived.
        self.copy_to_clipboard(text)
        self.notify(notice, markup=False, timeout=5)

    def action_copy_citation(self) -> None:
        """Send the citation to the terminal clipboard (OSC 52)."""
        text = self._citation_text()
        if text is not None:
            what = citation_summary(text)
            self._send_to_clipboard(text, label("copied", self.lang).format(what=what))

    def _url(self) -> str | None:
        from .addresses import page_url

        self._catch_up()
        ref = self.page
        if ref is None:
            return None
        link = self.query_one(DetailPane).current_link
        item = link.item if link is not None else None
        target = link.target if link is not None else None
        return page_url(self.dataset, ref, item, target)

    def action_copy_url(self) -> None:
        """Send the source's web address to the terminal clipboard (OSC 52)."""
        url = self._url()
        if url is None:
            self.notify(label("no_url", self.lang), markup=False, timeout=3)
            return
        self._send_to_clipboard(url, label("copied.url", self.lang).format(url=url))

    def action_open_source(self) -> None:
        """Open the source in a browser where there is one; else say how to reach it."""
        import os

        from .addresses import has_graphical_browser

        url = self._url()
        if url is None:
            self.notify(label("no_url", self.lang), markup=False, timeout=3)
        elif self.is_web or has_graphical_browser(os.environ):
            self.notify(label("opening", self.lang).format(url=url), markup=False, timeout=4)
            self.open_url(url)
        else:
            message = label("no_browser", self.lang).format(url=url)
            self.notify(message, markup=False, timeout=10)

    def action_show_citation(self) -> None:
        """The citation in a dialog: select it with the mouse, or save it to a file."""
        from .screens import CitationScreen

        text = self._citation_text()
        if text is not None and not isinstance(self.screen, CitationScreen):
            self.push_screen(CitationScreen(text, self.lang))

    def on_citation_screen_save(self, event: CitationScreen.Save) -> None:
        from .outputs import output_dir, write_new

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
        self._send_to_clipboard(event.text, label("copied", self.lang).format(what=what))

    # ------------------------------------------------------------ the rest

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "search":
            # Not over a dialog or the palette, and a `/` typed in a query is text.
            return not isinstance(self.screen, ModalScreen) and not isinstance(self.focused, Input)
        # n, N and Escape mean something only while a search is on.
        if action == "step_match":
            return self._search is not None
        if action == "clear_search":
            return self._tree_before_search is not None
        return True

    # -- live reload -------------------------------------------------------------

    @work(thread=True, exclusive=True, group="data-watch")
    def _watch_data(self) -> None:
        """Poll the data files a few times a second; reload through the loader once a save settles.

        A thread, so that stat calls and a reload never hold up a key press.
        """
        from .loader import DataError, load_dataset

        watcher = self._watcher or DataWatcher(self._watch_paths)
        try:
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
        finally:
            watcher.close()  # its inotify descriptor, if it has one

    def data_reloaded(self, dataset: Dataset | None, error: DataError | None = None) -> None:
        """Show newly loaded data, or, when the save broke it, keep the old and say why."""
        bar = self.query_one(DataErrorBar)
        if dataset is None:
            # A "reloaded" toast from an earlier save must not cover the error.
            self.clear_notifications()
            bar.problems = tuple(str(p) for p in error.problems) if error else ()
            return
        bar.problems = ()
        # A search belongs to the data it ran on: end it before the tree changes
        # (a result only previewed while typing was not chosen: back to the page before).
        self.action_clear_search(back=True)
        old = self.dataset
        self._take_dataset(dataset)
        ref = self.page
        if ref is not None and ref.exists_in(dataset):
            self._show_page(keep_scroll=True)
        else:
            wanted = self._surviving_topic(old, self.topic_id)
            if wanted is not None:
                self.open_page(PageRef("topic", wanted))
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

    @on(TitleBar.LanguageChosen)
    def _language_clicked(self, event: TitleBar.LanguageChosen) -> None:
        event.stop()
        self.lang = event.lang

    def action_switch_pane(self) -> None:
        """Tab: the other pane (the only way across when one pane shows at a time)."""
        tree = self.query_one(TopicTree)
        # The screen's focus, set at once: `tree.has_focus` follows Focus events,
        # which lag when a key gives a blurred App (a browser tab's) its focus
        # back, and `focus()` waits a turn, so a key queued behind Tab (a fast
        # typist's, or a browser's) would still go to the old pane.
        other = self.query_one(DetailPane) if self.screen.focused is tree else tree
        self.screen.set_focus(other)

    def action_focus_tree(self) -> None:
        self.query_one(TopicTree).focus()

    def action_help(self) -> None:
        from .screens import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.lang))

    # ------------------------------------------------------------ the palette

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
        from .outputs import free_name, output_dir

        try:
            folder = Path(path) if path else output_dir()
            name = free_name(folder, Path(filename).stem if filename else "coop-tui", ".svg")
            saved = self.save_screenshot(name.name, str(folder))
        except OSError as error:
            message = label("screenshot.failed", self.lang).format(why=error.strerror or error)
            self.notify(message, severity="error", markup=False)
            return
        self.notify(label("screenshot.saved", self.lang).format(path=saved), markup=False)

    def action_export_page(self) -> None:
        """Write the open page as Markdown to a new file, and say where."""
        from .outputs import output_dir, page_markdown, write_new

        ref = self.page
        if ref is None:
            return
        try:
            text = page_markdown(self.dataset, ref, self.lang)
            path = write_new(output_dir(), f"coop-tui-{ref.id}-{self.lang}", ".md", text)
        except OSError as error:
            message = label("export.failed", self.lang).format(why=error.strerror or error)
            self.notify(message, severity="error", markup=False)
            return
        self.notify(label("export.saved", self.lang).format(path=path), markup=False, timeout=8)

    def action_show_help_panel(self) -> None:
        """Palette → Keys: our help, not Textual's panel of other keys, in English."""
        self.action_help()

    def action_help_quit(self) -> None:
        """Ctrl+C does not quit (Textual's habit); say so in the reader's language."""
        lang = self.lang
        self.notify(label("quit.hint", lang), title=label("quit.title", lang), markup=False)
