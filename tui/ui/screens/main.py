"""The main screen: the topic tree, the open page beside it, and the search line.

It owns what the reader moves through on it: the open page (a topic, entity or
source), the history of pages opened, the search in progress (a
`SearchSession`) and the search index it runs on. The App hands it the data
set, the language and the bookmarks, and tells it when they change
(`take_dataset`, `lang`, `show_bookmarks`); it never reads files or state.

Its layout follows the terminal's size through classes the App's breakpoints
set on it (see layout.py and app.tcss); what CSS cannot say, which pane shows
in a narrow terminal, follows the focus here.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING, Callable

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.reactive import var
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from ...i18n import label
from ...links import History, ItemRef, PageRef
from ...model import Dataset, Lang
from ...paging import PAGE_ITEMS
from ...render import build_page, citation, citation_summary, page_title
from ...search_session import SearchSession
from ..layout import (
    SHOW_DETAIL,
    TOO_SMALL,
    TooSmall,
    breakpoint_classes,
    size_class,
    too_small_text,
    tree_width,
)
from ..messages import IndexReady
from ..textual_private import start_focused
from ..widgets import DetailBox, DetailPane, KeyBar, TitleBar, TopicTree
from ..widgets.topic_tree import TreeView, page_of

if TYPE_CHECKING:
    from textual.widget import AwaitMount

    from ...loader import DataError
    from ...search import SearchIndex
    from ..widgets.data_error_bar import DataErrorBar
    from ..widgets.search_bar import SearchBar
    from .timeline import TimelineChoice

# How long after a page is on screen its neighbours in the tree are rendered.
PREFETCH_AFTER_SECONDS = 0.05


class MainScreen(Screen[None]):
    """Walk the topics on the left, read the open page on the right."""

    # `var`, not `reactive`: a reactive repaints the whole screen on every
    # change, and the page changes on every key press in the tree. The widgets
    # that show these repaint themselves (data_bind, DetailPane).
    lang: var[Lang] = var("en", init=False)
    """The reader's language, set by the App; every label and data text follows it."""

    page: var[PageRef | None] = var(None, init=False, always_update=True)
    """The page in the detail pane: a topic (under the tree cursor), an entity or a source."""

    def __init__(
        self,
        dataset: Dataset,
        lang: Lang,
        bookmarks: Sequence[PageRef],
        *,
        preview: bool,
        size: tuple[int, int],
    ) -> None:
        """`preview`: `dataset` is a preview; the pane says "loading" until `take_dataset`.

        `size`: the terminal's, whose size classes (see layout.py) the screen starts with.
        """
        super().__init__(classes=breakpoint_classes(*size))
        self._start_size = size
        self.dataset = dataset
        self.set_reactive(MainScreen.lang, lang)
        self.bookmarks: Sequence[PageRef] = bookmarks
        self.preview = preview
        self.history = History()
        self._search_index: SearchIndex | None = None
        self.search = SearchSession()
        self._indexing: set[tuple[SearchIndex, Lang]] = set()
        self._item: ItemRef | None = None
        self._prefetch_timer: Timer | None = None
        self._page_before_search: PageRef | None = None
        self._tree_before_search: TreeView | None = None
        self._followed: TreeNode[str] | None = None
        """The tree node whose highlight was last handled (see `catch_up`)."""
        self._tree_landing: TreeNode[str] | None = None
        self._stopped: PageRef | None = None
        """The page whose build Esc stopped, shown as "Building stopped" (see `abandon_build`)."""
        self._shown: dict[PageRef, int] = {}
        """Pages whose long lists the reader asked to see more of, and how many."""
        self._search_bar: SearchBar | None = None
        """Mounted on the first `/` (see `action_search`)."""
        self._focused_pane = "topics"
        self._resized_since_input = False
        self._last_size: tuple[int, int] | None = None
        self.topic_tree = TopicTree(dataset, lang, id="topics")
        # The screen focuses it once mounted (Textual's auto focus, then
        # on_mount): styled focused from the start, not styled again then.
        start_focused(self.topic_tree)
        self.detail = DetailPane(id="detail")
        self.error_bar: DataErrorBar | None = None
        """Mounted when a save first breaks the data (see `show_data_error`)."""
        self.detail_box = DetailBox(self.detail, id="detail-box")
        self._below: Vertical | None = None
        """Under the panes, above the keys: the search line and the data error bar (see `_mount_below`)."""
        self.too_small: TooSmall | None = None
        """The notice in place of the panes, made when the terminal is first too small."""
        self._ready = False
        self._ready_event: asyncio.Event | None = None
        self._resumed = False

    def compose(self) -> ComposeResult:
        yield TitleBar().data_bind(MainScreen.lang)
        # The panes side by side, straight on the screen (its layout is
        # horizontal, see app.tcss): a container around them cost the first
        # frame its styling and 22 rows rendered under them.
        yield self.topic_tree.data_bind(MainScreen.lang)
        yield self.detail_box
        # Below the panes, when there is something to show: the search line
        # (the first `/`), the too-small notice, the data error bar. Most
        # starts show none of the notice, whose styling cost the first paint.
        if size_class(*self._start_size) == TOO_SMALL:
            yield self._make_too_small(*self._start_size)
        yield KeyBar().data_bind(MainScreen.lang)

    def _make_too_small(self, width: int, height: int) -> TooSmall:
        self.too_small = TooSmall(too_small_text(width, height, self.lang), id="too-small")
        return self.too_small

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.ScreenResume) and not self._resumed:
            # The first resume follows the mount, where every widget here was
            # styled with the screen's size classes and the tree as focused
            # (see `start_focused`): Textual would style them all again, some
            # 5 ms before the first frame, to the same result. Later resumes
            # (a dialog closed, the theme or language changed behind it) restyle.
            self._resumed = True
            event.refresh_styles = False
        await super().on_event(event)

    def _mount_below(self, bar: Widget, *, first: bool = False) -> AwaitMount:
        """Mount `bar` under the panes (`first`: above what is there already).

        The search line and the data error bar share a box docked above the
        keys, made when the first of them is needed: most starts show neither.
        """
        below = self._below
        if below is None:
            below = self._below = Vertical(bar, id="below")
            return self.mount(below)
        return below.mount(bar, before=0 if first and below.children else None)

    def on_mount(self) -> None:
        try:
            self._open_first_page()
        finally:
            # Even when it failed: the App waits for this, and ends on the error.
            self._ready = True
            if self._ready_event is not None:
                self._ready_event.set()

    def _open_first_page(self) -> None:
        tree = self.topic_tree
        tree.bookmarked = self._bookmarked_topics()
        tree.relabel()
        tree.focus()
        self._label_panes()
        roots = self.dataset.roots
        if roots:
            tree.select_topic(roots[0].id)
            self.open_page(PageRef("topic", roots[0].id))
        width, height = self.app.size
        # A wide terminal gives the tree more than its usual third: when every
        # topic fits in its height, show them all rather than four lines.
        if tree_width(width) is not None and len(self.dataset.topics) <= max(0, height - 4):
            tree.expand_all()
            if roots:
                tree.select_topic(roots[0].id)

    async def wait_ready(self) -> None:
        """Return once the panes are mounted and the first page is open."""
        # The event is made here, in the running loop: on Python 3.9 an Event
        # made before `App.run` belongs to another loop.
        if not self._ready:
            self._ready_event = asyncio.Event()
            await self._ready_event.wait()

    @property
    def topic_id(self) -> str | None:
        """The open topic, when the open page is a topic."""
        return self.page.id if self.page is not None and self.page.kind == "topic" else None

    # ------------------------------------------------------------ the data

    def take_dataset(self, dataset: Dataset) -> None:
        """Show `dataset` (the full one after a preview, or a reload): tree and index follow it."""
        self.dataset = dataset
        self.preview = False
        self._search_index = None  # a new one, for this data
        self.index_language(self.lang)
        self._rebuild_tree(lambda t: t.replace_dataset(dataset))

    def show_loaded(self) -> None:
        """The full data set replaced the preview: open the topic under the cursor."""
        tree = self.topic_tree
        if tree.cursor_node is None or tree.cursor_node.data is None:
            roots = self.dataset.roots
            if roots:
                first = roots[0].id
                self._rebuild_tree(lambda t: t.select_topic(first))
        node = tree.cursor_node
        if node is not None and node.data is not None:
            self.open_page(PageRef("topic", node.data), record=False)
        else:
            self.show_page(keep_scroll=True)

    def show_reloaded(self, dataset: Dataset) -> None:
        """A save changed the data: end the search, keep the open page if it survived."""
        # A search belongs to the data it ran on: end it before the tree changes
        # (a result only previewed while typing was not chosen: back to the page before).
        self.action_clear_search(back=True)
        old = self.dataset
        self.take_dataset(dataset)
        ref = self.page
        if ref is not None and ref.exists_in(dataset):
            self.show_page(keep_scroll=True)
        else:
            wanted = self._surviving_topic(old, self.topic_id)
            if wanted is not None:
                self.open_page(PageRef("topic", wanted))

    def show_data_error(self, error: DataError | None) -> None:
        """The save broke the data: the old data stays, the bar says why (None: no error)."""
        problems = tuple(str(p) for p in error.problems) if error else ()
        bar = self.error_bar
        if bar is None:
            if not problems:
                return
            # Mounted on the first broken save, not composed: the first screen
            # does not show it, and it cost the first paint a module and its styling.
            from ..widgets.data_error_bar import DataErrorBar

            bar = self.error_bar = DataErrorBar()
            bar.problems = problems
            # Its language follows the screen's by hand (see watch_lang): a
            # data binding can be made only while the screen composes.
            bar.lang = self.lang
            self._mount_below(bar)
            return
        bar.problems = problems

    def _surviving_topic(self, old: Dataset, topic_id: str | None) -> str | None:
        """The open topic if it still exists, else its nearest ancestor that does, else the first root."""
        if topic_id is not None and topic_id in old.topics:
            for topic in reversed(old.path(topic_id)):
                if topic.id in self.dataset.topics:
                    return topic.id
        roots = self.dataset.roots
        return roots[0].id if roots else None

    def show_bookmarks(self, bookmarks: Sequence[PageRef]) -> None:
        """The bookmarks changed: their marks in the tree and on the open page follow."""
        self.bookmarks = bookmarks
        self.topic_tree.bookmarked = self._bookmarked_topics()
        self.topic_tree.relabel()
        self.detail.set_marked(self.page in bookmarks)

    def _bookmarked_topics(self) -> frozenset[str]:
        return frozenset(ref.id for ref in self.bookmarks if ref.kind == "topic")

    # ------------------------------------------------------------ opening pages

    def open_page(self, ref: PageRef, item: ItemRef | None = None, record: bool = True) -> None:
        """Show a page (and a fact or quote on it), recording it in the history."""
        if not ref.exists_in(self.dataset):
            return
        if record:
            self.history.visit(ref)
        self._item = item
        self.page = ref
        tree = self.topic_tree
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
        # Rebuilding the tree (search, clearing it, a reload) moves the cursor;
        # those moves open nothing: only the reader's own do.
        bar = self._search_bar
        if event.node is not self.topic_tree.cursor_node or (
            bar is not None and bar.input.has_focus
        ):
            return
        if event.node is self._tree_landing:
            self._tree_landing = None
            return
        ref = page_of(event.node.data)
        if ref is not None and ref != self.page:
            self.open_page(ref)
            if self.search.follow(ref):
                self._show_search_count()

    @on(Tree.NodeSelected, "#topics")
    def _open_leaf(self, event: Tree.NodeSelected[str]) -> None:
        # Enter on a topic with no subtopics has nothing to expand: take the
        # reader to its text instead.
        event.stop()
        # Choosing the row of a page whose build Esc stopped (Enter, or a click
        # on it) builds it again: the cursor did not move, so no highlight does.
        if self._stopped is not None and page_of(event.node.data) == self._stopped == self.page:
            self.show_page()
        if not event.node.allow_expand:
            self.detail.focus()

    @on(DetailPane.LinkFollowed)
    def _follow_link(self, event: DetailPane.LinkFollowed) -> None:
        event.stop()
        if event.more:
            # "… N more": the same page, drawing more of its long lists.
            self._shown[event.target] = event.more
            self.show_page(keep_scroll=True)
            return
        # A fact or quote is shown on its own topic's page; a source page opens at the top.
        item = event.item if event.target.kind == "topic" else None
        self.open_page(event.target, item)

    def watch_page(self) -> None:
        self.show_page()

    def watch_lang(self) -> None:
        if self.error_bar is not None:
            self.error_bar.lang = self.lang
        if not self.preview:
            self.index_language(self.lang)
        self._label_panes()
        # A search's matches stay: the same topics, facts and quotes, now read in
        # the other language (a query in one language rarely matches the other's
        # words). Whatever is typed from here on searches the new language.
        self._show_search_count()
        self.show_page()

    def catch_up(self) -> None:
        """Open the page under the tree's cursor now, if its message is still on the way.

        Keys arrive in bursts (j j j c): a key that acts on the open page must
        act on the one the reader moved to, not the one before.
        """
        tree = self.topic_tree
        node = tree.cursor_node
        # Only a move whose message has not come yet: a page opened from a
        # link or the palette leaves the cursor where it was, and stays open.
        if tree.has_focus and node is not None and node is not self._followed:
            ref = page_of(node.data)
            if ref is not None and ref != self.page:
                self.open_page(ref)

    def _label_panes(self) -> None:
        title = label("topics", self.lang)
        results = self.search.results
        if results is not None:
            count = label("search.filtered", self.lang).format(
                topics=len(results.topic_ids), all=len(self.dataset.topics)
            )
            title = f"{title} · {count}"
        self.topic_tree.border_title = Content(title)
        if self._search_bar is not None:
            self._search_bar.set_prompt(self._search_prompt())

    def _rebuild_tree(self, rebuild: Callable[[TopicTree], object]) -> None:
        """Rebuild the tree without opening the topic its cursor lands on."""
        rebuild(self.topic_tree)
        self._tree_landing = self.topic_tree.cursor_node

    def show_loading(self) -> None:
        self.detail.show(label("detail", self.lang), Content(label("loading", self.lang)))

    def show_page(self, *, keep_scroll: bool = False) -> None:
        self._stopped = None
        if self.preview:
            self.show_loading()
            return
        ref = self.page
        if ref is None or not ref.exists_in(self.dataset):
            return
        dataset, lang, marks = self.dataset, self.lang, self.search.marks
        shown, reach = self._shown_of(ref), self._item
        if reach is not None and reach.kind == "topic":
            reach = None
        # A page highlighted for a search, or drawn down to a fact or quote, is
        # built for that alone: not kept.
        key = ("page", ref, lang, shown) if marks is None and reach is None else None
        # Built in a thread (see widgets/page_job.py): `build_page` is looked up
        # here, on the UI thread, as the tests replace it.
        builder = build_page
        self.detail.show_page(
            lambda: builder(dataset, ref, lang, marks, shown, reach),
            self._item,
            marked=ref in self.bookmarks,
            keep_scroll=keep_scroll,
            owner=dataset,
            key=key,
            building=(page_title(dataset, ref, lang), label("building", lang)),
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
        # The reader may have quit meanwhile: the panes are gone then.
        if self.preview or self.search.marks is not None or not self.topic_tree.is_attached:
            return
        tree, pane = self.topic_tree, self.detail
        if pane.page is None:
            # The first page is not drawn yet (the pane draws it on its first
            # layout, which may come after this timer), or the page is still
            # building: neighbours come after it. A build Esc stopped: none.
            if pane.building or not pane.drawn:
                self._schedule_prefetch()
            return
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

    # ------------------------------------------------------------ panes

    def action_switch_pane(self) -> None:
        """Tab: the other pane (the only way across when one pane shows at a time)."""
        # The screen's focus, set at once: `tree.has_focus` follows Focus events,
        # which lag when a key gives a blurred App (a browser tab's) its focus
        # back, and `focus()` waits a turn, so a key queued behind Tab (a fast
        # typist's, or a browser's) would still go to the old pane.
        self.set_focus(self.detail if self.focused is self.topic_tree else self.topic_tree)

    def action_focus_tree(self) -> None:
        self.abandon_build()
        self.topic_tree.focus()

    def abandon_build(self) -> bool:
        """Esc while a page builds: stop waiting for it, back to the tree; False if none was."""
        if not self.detail.abandon(label("building.stopped", self.lang)):
            return False
        self._stopped = self.page
        self.topic_tree.focus()
        return True

    # ------------------------------------------------------------ the timeline and the index

    def action_timeline(self) -> None:
        """Every dated item in date order (screens/timeline.py)."""
        from .index import IndexScreen
        from .timeline import TimelineScreen

        top = self.app.screen
        if isinstance(top, TimelineScreen) or self.preview:
            if self.preview:
                self.notify(label("loading", self.lang), markup=False, timeout=2)
            return
        if isinstance(top, IndexScreen):
            top.dismiss(None)
        self.app.push_screen(TimelineScreen(self.dataset, self.lang), self._timeline_closed)

    def _timeline_closed(self, choice: TimelineChoice | None) -> None:
        if choice is None:
            return
        if choice.item is None:
            self.open_page(choice.ref)
            return
        # The link cursor goes on the item (y copies it, Enter follows it); with
        # one pane at a time (narrow terminals) focus brings the pane into view.
        self.open_page(choice.ref, choice.item)
        self.detail.focus()

    def action_index(self, kind: str = "organisation") -> None:
        """Every organisation, person, place, event and source by name (screens/index.py)."""
        from .index import IndexScreen
        from .timeline import TimelineScreen

        top = self.app.screen
        if isinstance(top, IndexScreen) or self.preview:
            if self.preview:
                self.notify(label("loading", self.lang), markup=False, timeout=2)
            return
        if isinstance(top, TimelineScreen):
            top.dismiss(None)
        self.app.push_screen(
            IndexScreen(self.dataset, self.lang, kind),  # type: ignore[arg-type]
            self._index_closed,
        )

    def _index_closed(self, ref: PageRef | None) -> None:
        if ref is not None:
            self.open_page(ref)

    # ------------------------------------------------------------ citing and copying

    def _citation_text(self) -> str | None:
        """The open page, or the fact or quote under the link cursor, as a citation."""
        self.catch_up()
        ref = self.page
        if ref is None:
            return None
        link = self.detail.current_link
        item = link.item if link is not None and link.item is not None else None
        return citation(self.dataset, ref, self.lang, item)

    def send_to_clipboard(self, text: str, notice: str) -> None:
        # OSC 52 goes to the terminal, which may ignore it (tmux's set-clipboard
        # off, many terminals by default): nothing comes back to say so, so the
        # notice says where the text went, not that it arrived.
        self.app.copy_to_clipboard(text)
        self.notify(notice, markup=False, timeout=5)

    def action_copy_citation(self) -> None:
        """Send the citation to the terminal clipboard (OSC 52)."""
        text = self._citation_text()
        if text is not None:
            what = citation_summary(text)
            self.send_to_clipboard(text, label("copied", self.lang).format(what=what))

    def _url(self) -> str | None:
        from ...addresses import page_url

        self.catch_up()
        ref = self.page
        if ref is None:
            return None
        link = self.detail.current_link
        item = link.item if link is not None else None
        target = link.target if link is not None else None
        return page_url(self.dataset, ref, item, target)

    def action_copy_url(self) -> None:
        """Send the source's web address to the terminal clipboard (OSC 52)."""
        url = self._url()
        if url is None:
            self.notify(label("no_url", self.lang), markup=False, timeout=3)
            return
        self.send_to_clipboard(url, label("copied.url", self.lang).format(url=url))

    def action_open_source(self) -> None:
        """Open the source in a browser where there is one; else say how to reach it."""
        import os

        from ...addresses import has_graphical_browser

        url = self._url()
        if url is None:
            self.notify(label("no_url", self.lang), markup=False, timeout=3)
        elif self.app.is_web or has_graphical_browser(os.environ):
            self.notify(label("opening", self.lang).format(url=url), markup=False, timeout=4)
            self.app.open_url(url)
        else:
            message = label("no_browser", self.lang).format(url=url)
            self.notify(message, markup=False, timeout=10)

    def action_show_citation(self) -> None:
        """The citation in a dialog: select it with the mouse, or save it to a file."""
        from .citation import CitationScreen

        text = self._citation_text()
        if text is not None and not isinstance(self.app.screen, CitationScreen):
            self.app.push_screen(CitationScreen(text, self.lang))

    def action_export_page(self) -> None:
        """Write the open page as Markdown to a new file, and say where."""
        from ...outputs import output_dir, page_markdown, write_new

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

    # ------------------------------------------------------------ search

    @property
    def search_index(self) -> SearchIndex:
        """The search index of the data shown, made on first use.

        Its module is imported then too: after the first paint, when the
        index of the reader's language starts building (`index_language`).
        """
        if self._search_index is None:
            from ...search import SearchIndex

            self._search_index = SearchIndex(self.dataset)
        return self._search_index

    def index_language(self, lang: Lang) -> None:
        """Build the search index of `lang` in a worker, unless it is built or being built.

        One language at a time, when it is the reader's: at 100,000 facts an
        index takes a second or so and tens of megabytes, and most readers
        never switch. The worker posts `IndexReady` when it is done.
        """
        index = self.search_index
        if index.is_ready(lang) or (index, lang) in self._indexing:
            return
        self._indexing.add((index, lang))
        from ..daemon_work import Abandoned, in_daemon_thread

        def build() -> None:
            try:
                in_daemon_thread(lambda: index.prepare(lang), "coop-tui index")
            except Abandoned:
                return
            finally:
                self._indexing.discard((index, lang))
            self.post_message(IndexReady(index, lang))

        self.run_worker(build, thread=True, group="search-index")

    def on_index_ready(self, event: IndexReady) -> None:
        bar = self._search_bar
        if event.index is not self.search_index or bar is None:
            return
        # A query typed while the index was being built runs now.
        if bar.is_open and not self.search.active and bar.value.strip():
            self._run_search(bar.value)
            self.show_page()

    async def action_search(self) -> None:
        bar = self._search_bar
        if bar is None:
            # Mounted on first use, not composed: its input line is the costliest
            # widget to style and lay out, and most readers open coop-tui without
            # searching. A first `/` costs those few milliseconds instead.
            from ..widgets.search_bar import SearchBar

            bar = self._search_bar = SearchBar(self._search_prompt(), id="search")
            await self._mount_below(bar, first=True)
        if self._tree_before_search is None:
            self._tree_before_search = self.topic_tree.save_view()
            self._page_before_search = self.page
        bar.open(label("search.placeholder", self.lang))

    def _search_prompt(self) -> str:
        return f"/ {label('search.prompt', self.lang)}:"

    @property
    def searching(self) -> bool:
        """The search line is open (Escape closes it)."""
        return self._tree_before_search is not None

    # The search line's messages are handled by name (on_search_bar_...), not
    # with @on(SearchBar...): its module is imported on the first `/`.
    def on_search_bar_changed(self, event: SearchBar.Changed) -> None:
        event.stop()
        self._run_search(event.query)
        self._show_selected()

    def _show_selected(self) -> None:
        """While typing, the detail pane shows the selected result (or says there is none)."""
        if not self.search.active:
            before = self._page_before_search
            if before is not None and before != self.page:
                self.open_page(before, record=False)
            else:
                self.show_page(keep_scroll=True)
            return
        entry = self.search.selected
        if entry is None:
            query = self._search_bar.value if self._search_bar is not None else ""
            body = Text(label("search.nothing", self.lang).format(query=query.strip()))
            self.detail.show(label("search.none", self.lang), body)
            return
        self.open_page(entry.ref, entry.item, record=False)

    def _run_search(self, query: str) -> None:
        bar = self._search_bar
        assert bar is not None
        session = self.search
        if not query.strip():
            session.clear()
            if self.topic_tree.narrowed and self._tree_before_search is not None:
                view = self._tree_before_search
                self._rebuild_tree(lambda t: t.restore_view(view, self.topic_id))
            bar.set_count("")
            self._label_panes()
            return
        if not self.search_index.is_ready(self.lang):
            # Still indexing in the background; the search runs on `IndexReady`.
            session.clear()
            bar.set_count(label("search.indexing", self.lang))
            return
        session.run(self.search_index, self.dataset, query, self.lang)
        assert session.results is not None
        found, marks = session.results.topic_ids, session.marks
        others = [e.ref for e in session.entries if e.ref.kind != "topic"]
        self._rebuild_tree(lambda t: t.show_only(found, marks, others))
        # The best match is selected first; ↑ ↓ n N walk the list as shown.
        self._show_search_count()
        self._label_panes()

    def _show_search_count(self) -> None:
        """The search line's tally and where the reader is among the pages found."""
        text = self.search.count_text(self.lang)
        if self._search_bar is not None and text is not None:
            self._search_bar.set_count(text)

    def on_search_bar_submitted(self, event: SearchBar.Submitted) -> None:
        event.stop()
        if self.search.selected is None:
            self.app.bell()
            return
        # A choice: the page is a visit now (history), and Escape keeps it.
        self._page_before_search = None
        self.topic_tree.focus()
        self._open_match(self.search.at, record=True)

    def action_step_match(self, step: int) -> None:
        if self.search.step(step) is not None:
            self._open_match(self.search.at)

    def _open_match(self, at: int, record: bool | None = None) -> None:
        entry = self.search.select(at)
        self._show_search_count()
        if record is None:
            # Stepping in the search line previews; from the tree it is a visit.
            bar = self._search_bar
            record = not (bar is not None and bar.input.has_focus)
        self.open_page(entry.ref, entry.item, record=record)

    def on_search_bar_stepped(self, event: SearchBar.Stepped) -> None:
        event.stop()
        self.action_step_match(event.step)

    def on_search_bar_cancelled(self, event: SearchBar.Cancelled) -> None:
        event.stop()
        # Escape while typing: nothing was chosen, so the page from before comes back.
        self.action_clear_search(back=True)

    def action_clear_search(self, back: bool = False) -> None:
        """Forget the search: the whole tree as it was, the cursor on the open topic.

        With `back`, the page open before the search is open again (the results
        shown while typing were a preview).
        """
        bar = self._search_bar
        if bar is None or not bar.is_open:
            return
        view = self._tree_before_search or TreeView()
        before = self._page_before_search
        if back and before is not None and before.exists_in(self.dataset):
            self._item = None
            self.set_reactive(MainScreen.page, before)
        bar.close()
        self.search.clear()
        self._tree_before_search = None
        self._page_before_search = None
        self._rebuild_tree(lambda t: t.restore_view(view, self.topic_id))
        self.topic_tree.focus()
        self._label_panes()
        self.show_page()

    # ------------------------------------------------------------ fitting the terminal
    #
    # The breakpoints (see layout.py) set the size classes; CSS cannot say
    # "hide the tree while its sibling, the page, has focus" (it has no sibling
    # selectors), so the pane with focus is followed here, with a class.

    def on_resize(self, event: events.Resize) -> None:
        width, height = event.size
        # Only a real change of size can have hidden a pane. The Resize every
        # screen gets when it first shows (and repeats of one size) can arrive
        # after the reader's first key, and would take that key's focus change
        # for Textual's (Tab at 40 columns then left the focus where it was).
        if self._last_size is not None and self._last_size != (width, height):
            self._resized_since_input = True
        self._last_size = (width, height)
        if size_class(width, height) == TOO_SMALL:
            if self.too_small is None:
                self.mount(self._make_too_small(width, height), after=self.detail_box)
            else:
                self.too_small.update(too_small_text(width, height, self.lang))
        else:
            # Hiding both panes let Textual move focus to whatever it found
            # next; once they show again the reader's pane gets it back.
            self.call_after_refresh(self._restore_pane_focus)
        self._follow_focus()

    def reader_input(self) -> None:
        """A key or a click came in (the App sees it first): focus moving after it is the reader's."""
        self._resized_since_input = False

    def _pane_of(self, widget: Widget | None) -> str | None:
        for node in widget.ancestors_with_self if widget is not None else ():
            if node.id in ("topics", "detail"):
                return node.id
        return None

    def _restore_pane_focus(self) -> None:
        if not self.is_current:
            return  # a dialog (help, palette) is on top: it keeps its focus
        focused = self.focused
        pane = self._pane_of(focused)
        if pane is not None and not self._resized_since_input:
            # A key came in after the focus moved and before this ran (the focus
            # change reached the screen first): the pane with focus is chosen.
            self._focused_pane = pane
        # Focus elsewhere (the search line) is the reader's own; leave it.
        elif focused is None or (pane is not None and pane != self._focused_pane):
            (self.topic_tree if self._focused_pane == "topics" else self.detail).focus()

    def _follow_focus(self) -> None:
        # In the narrow layout the pane with focus is the one shown.
        self.set_class(self._pane_of(self.focused) == "detail", SHOW_DETAIL)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        # Remember the pane the reader chose: focus that moved after a key or a
        # click. Not the pane Textual picks when a resize hides the focused one
        # (a too-small terminal); in a burst of resizes it can even act on a
        # hide after the pane is back, and hand focus to the other pane. That
        # focus is put back where the reader had it.
        pane = self._pane_of(event.widget)
        if pane is not None and size_class(*self.app.size) != TOO_SMALL:
            if not self._resized_since_input:
                self._focused_pane = pane
            elif pane != self._focused_pane:
                self.call_after_refresh(self._restore_pane_focus)
        self._follow_focus()
