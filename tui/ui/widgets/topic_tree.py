"""The topic tree on the left: lazy, bilingual, keyboard-first."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Callable, ClassVar, Final

from rich.text import Text
from textual.binding import BindingType
from textual.geometry import Region
from textual.reactive import reactive
from textual.strip import Strip
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from ...i18n import label
from ...links import PageRef
from ...model import Dataset, Lang, Topic
from ...render import MATCH
from ...value import Value
from ..bindings import bindings
from .render_style import StyleOncePerRender
from .strips import compact

Marks = Callable[[str], "list[tuple[int, int]]"]
BOOKMARK = " ★"
# Node data other than a topic id, while a search lists other pages too:
# "@kind:id" is a page, "#kind" the heading of a group of them.
PAGE_MARK = "@"
GROUP_MARK = "#"
GROUP_LABELS = {
    "organisation": "organisation",
    "person": "person",
    "place": "place",
    "event": "event",
    "source": "sources",
}


def page_key(ref: PageRef) -> str:
    """The node data of a page that is not a topic (or the topic id itself)."""
    return ref.id if ref.kind == "topic" else f"{PAGE_MARK}{ref.kind}:{ref.id}"


def page_of(data: str | None) -> PageRef | None:
    """The page a node stands for, if any (None for a group heading)."""
    if data is None or data.startswith(GROUP_MARK):
        return None
    if data.startswith(PAGE_MARK):
        kind, _, page_id = data[1:].partition(":")
        return PageRef(kind, page_id)  # type: ignore[arg-type]
    return PageRef("topic", data)


# A search narrowing to this many topics (with ancestors) opens them all at once.
EXPAND_ALL_LIMIT = 300


class TreeView(Value):
    """Which topics were expanded and where the cursor was, to put the tree back after a search.

    Immutable and compared by value (a plain class, not a dataclass: those cost
    some 0.4 ms each to make on Python 3.11, and this module is imported at start).
    """

    __slots__ = ("cursor", "expanded")
    FIELDS = ("expanded", "cursor")

    def __init__(self, expanded: frozenset[str] = frozenset(), cursor: str | None = None) -> None:
        self.expanded: Final = expanded
        self.cursor: Final = cursor


class TopicTree(StyleOncePerRender, Tree[str]):
    """Topics as a tree whose node data is the topic id.

    Children are added the first time a node expands, so a data set with tens of
    thousands of topics costs only what is on screen. Labels are `rich.text.Text`
    because a plain string label would be parsed as markup.
    """

    BINDINGS: ClassVar[list[BindingType]] = bindings("tree")

    lang: reactive[Lang] = reactive("en", init=False)
    """Language of the labels; bound to the App's language."""

    def __init__(self, dataset: Dataset, lang: Lang, *, id: str | None = None) -> None:
        # A Text, as every label here: a string would be parsed as markup
        # (Rich's emoji table, some 3 ms, loaded for the first paint).
        super().__init__(Text("topics"), id=id)
        self.show_root = False
        # Enter expands through our own action, synchronously; Textual's
        # auto_expand does it later from a message, so a fast j after Enter
        # would move in the not-yet-expanded tree.
        self.auto_expand = False
        self.guide_depth = 2
        self.dataset = dataset
        self.set_reactive(TopicTree.lang, lang)
        self.marks: Marks | None = None
        """Highlights search matches in the labels, while a search narrows the tree."""
        self.bookmarked: frozenset[str] = frozenset()
        """Topics to label with a star."""
        self.narrowed = False
        self._keep: set[str] = set()
        """While narrowed: the matching topics and their ancestors, the only ones shown."""
        self._matched: frozenset[str] = frozenset()
        self._populate(self.root)
        self.root.expand()

    def _shown_children(self, topic_id: str | None) -> list[Topic]:
        children = self.dataset.children(topic_id)
        if not self.narrowed:
            return list(children)
        return [c for c in children if c.id in self._keep]

    def _populate(self, node: TreeNode[str]) -> None:
        for topic in self._shown_children(node.data):
            node.add(
                self.label_for(topic),
                data=topic.id,
                allow_expand=bool(self._shown_children(topic.id)),
            )

    def on_tree_node_expanded(self, event: Tree.NodeExpanded[str]) -> None:
        node = event.node
        if node.data is not None and not node.children:
            self._populate(node)

    def watch_lang(self, lang: Lang) -> None:
        self._relabel(self.root, lang)

    def _relabel(self, node: TreeNode[str], lang: Lang) -> None:
        for child in node.children:
            data = child.data
            if data is not None and data.startswith(GROUP_MARK):
                child.set_label(self._group_label(data[1:], len(child.children), lang))
            elif data is not None and data.startswith(PAGE_MARK):
                ref = page_of(data)
                assert ref is not None
                child.set_label(self._page_label(ref, lang))
            elif data is not None:
                child.set_label(self.label_for(self.dataset.topics[data], lang))
            self._relabel(child, lang)

    def _group_label(self, kind: str, count: int, lang: Lang) -> Text:
        return Text(f"{label(GROUP_LABELS[kind], lang)} · {count}", style="bold dim")

    def _page_label(self, ref: PageRef, lang: Lang) -> Text:
        if ref.kind == "source":
            name = self.dataset.sources[ref.id].title.get(lang)
        else:
            name = self.dataset.entities[ref.id].label(lang)
        text = Text(name)
        if self.marks is not None:
            for start, end in self.marks(text.plain):
                text.stylize(MATCH, start, end)
        return text

    def label_for(self, topic: Topic, lang: Lang | None = None) -> Text:
        """A node's label: never markup; search matches marked, bookmarks starred.

        While narrowed, ancestors kept only to hold a match are dimmed.
        """
        dim = self.narrowed and topic.id not in self._matched
        text = Text(topic.label(lang or self.lang), style="dim" if dim else "")
        if self.marks is not None:
            for start, end in self.marks(text.plain):
                text.stylize(MATCH, start, end)
        if topic.id in self.bookmarked:
            text.append(BOOKMARK)
        return text

    def relabel(self) -> None:
        """Redraw every label, e.g. after the bookmarks changed."""
        self._relabel(self.root, self.lang)

    # ------------------------------------------------------------ narrowing for search

    def save_view(self) -> TreeView:
        expanded = frozenset(
            n.data
            for n in self._walk(self.root)
            if n.is_expanded and n.data and n.data in self.dataset.topics
        )
        cursor = self.cursor_node.data if self.cursor_node is not None else None
        if cursor is not None and cursor not in self.dataset.topics:
            cursor = None
        return TreeView(expanded, cursor)

    def show_only(
        self, topic_ids: frozenset[str], marks: Marks | None, pages: Sequence[PageRef] = ()
    ) -> None:
        """Show just these topics, with their ancestors (dimmed) to keep the shape,
        then the other `pages` under a heading per kind ("Organisations · 2").

        Small results open fully; big ones open only the first level, the rest
        being built when expanded, so narrowing costs what is shown.
        """
        self.narrowed = True
        self.marks = marks
        self._matched = topic_ids
        keep: set[str] = set()
        for topic_id in topic_ids:
            current: str | None = topic_id
            while current is not None and current not in keep:
                keep.add(current)
                current = self.dataset.topics[current].parent
        self._keep = keep
        self.clear()
        self._populate(self.root)
        self.root.expand()
        if len(keep) <= EXPAND_ALL_LIMIT:
            self.expand_all()
        for kind in GROUP_LABELS:
            of_kind = [ref for ref in pages if ref.kind == kind]
            if not of_kind:
                continue
            group = self.root.add(
                self._group_label(kind, len(of_kind), self.lang), data=GROUP_MARK + kind
            )
            for ref in of_kind:
                group.add_leaf(self._page_label(ref, self.lang), data=page_key(ref))
            group.expand()

    def restore_view(self, view: TreeView, cursor: str | None = None) -> None:
        """The whole tree again, expanded as in `view`, the cursor on `cursor` (or as saved)."""
        self.narrowed = False
        self.marks = None
        self._keep = set()
        self._matched = frozenset()
        self.clear()
        self._populate(self.root)
        self.root.expand()
        # Parents first, so that a saved child of a saved parent exists when its turn comes.
        pending = list(self.root.children)
        while pending:
            node = pending.pop(0)
            if node.data in view.expanded:
                self._populate_if_needed(node)
                node.expand()
                pending.extend(node.children)
        target = cursor or view.cursor
        if target is not None:
            self.select_topic(target)

    def replace_dataset(self, dataset: Dataset) -> None:
        """Show another data set, keeping expanded topics and the cursor where they still exist."""
        view = self.save_view()
        self.dataset = dataset
        self.restore_view(view)

    def _populate_if_needed(self, node: TreeNode[str]) -> None:
        if node.data is not None and not node.children and node.allow_expand:
            self._populate(node)

    def _walk(self, node: TreeNode[str]) -> list[TreeNode[str]]:
        nodes: list[TreeNode[str]] = []
        stack = list(reversed(node.children))
        while stack:
            item = stack.pop()
            nodes.append(item)
            stack.extend(reversed(item.children))
        return nodes

    def expand_all(self) -> None:
        """Open every topic (for a data set small enough to show whole)."""
        pending = list(self.root.children)
        while pending:
            node = pending.pop()
            if node.allow_expand:
                self._populate_if_needed(node)
                node.expand()
                pending.extend(node.children)

    def select_page(self, ref: PageRef) -> bool:
        """Move the cursor to a page: a topic, or a page listed under a search's headings."""
        if ref.kind == "topic":
            return self.select_topic(ref.id)
        key = page_key(ref)
        for group in self.root.children:
            for node in group.children:
                if node.data == key:
                    self.move_cursor_now(node)
                    return True
        return False

    def select_topic(self, topic_id: str) -> bool:
        """Move the cursor to a topic, expanding its ancestors (and building them) as needed."""
        if topic_id not in self.dataset.topics:
            return False
        node = self.root
        for topic in self.dataset.path(topic_id):
            if not node.is_expanded and node is not self.root:
                self._toggle(node)
            match = next((c for c in node.children if c.data == topic.id), None)
            if match is None:
                return False
            node = match
        self.move_cursor_now(node)
        return True

    def move_cursor_now(self, node: TreeNode[str]) -> None:
        """Put the cursor on `node` at once, even right after an expand or collapse.

        `Tree.move_cursor` goes to the line the node had when the tree last
        laid out its lines (Textual does that when idle), so right after an
        expand it lands on a stale line. The node's line is counted here from
        the nodes themselves, and the cursor set to it (`cursor_line` checks
        the line against the tree as it is now).
        """
        line = self.line_of(node)
        if line < 0:
            return
        self.cursor_line = line
        self.scroll_to_line(line, animate=False)

    def line_of(self, node: TreeNode[str]) -> int:
        """The line `node` is shown on now, or -1 when a collapsed ancestor hides it."""
        path: list[TreeNode[str]] = []
        current: TreeNode[str] | None = node
        while current is not None and current is not self.root:
            path.append(current)
            current = current.parent
        if current is None:
            return -1
        line = 0 if not self.show_root else 1
        parent = self.root
        for step in reversed(path):
            if parent is not self.root and not parent.is_expanded:
                return -1
            for sibling in parent.children:
                if sibling is step:
                    break
                line += self._shown_lines(sibling)
            else:
                return -1
            if step is not node:
                line += 1  # the step's own line, above its children
            parent = step
        return line

    @staticmethod
    def _shown_lines(node: TreeNode[str]) -> int:
        """How many lines `node` takes: its own, and its children's while expanded."""
        count = 0
        pending = [node]
        while pending:
            current = pending.pop()
            count += 1
            if current.is_expanded:
                pending.extend(current.children)
        return count

    def render_lines(self, crop: Region) -> list[Strip]:
        # A ↓ repaints two rows; their label and the spaces after it are one
        # style. Tree marks the label with its node id, which a click never
        # reads (it reads the line), so the spaces may carry it too.
        return [compact(strip, frozenset({"node"})) for strip in super().render_lines(crop)]

    def _toggle(self, node: TreeNode[str]) -> None:
        if not node.allow_expand:
            return
        if node.is_expanded:
            node.collapse()
        else:
            self._populate_if_needed(node)
            node.expand()

    def action_select_cursor(self) -> None:
        # Expand or collapse at once, building children as needed (Textual's
        # auto_expand would do it later, from the NodeSelected message), then
        # let the Tree select the node as it always does.
        node = self.cursor_node
        if node is not None:
            self._toggle(node)
        super().action_select_cursor()

    def action_toggle_node(self) -> None:
        if self.cursor_node is not None:
            self._toggle(self.cursor_node)

    def action_collapse_or_parent(self) -> None:
        node = self.cursor_node
        if node is None:
            return
        if node.is_expanded and node.allow_expand:
            node.collapse()
        elif node.parent is not None and node.parent is not self.root:
            self.move_cursor_now(node.parent)

    def action_expand_or_child(self) -> None:
        node = self.cursor_node
        if node is None or not node.allow_expand:
            return
        if not node.is_expanded:
            self._toggle(node)
        elif node.children:
            # Right after the expand (a second l or → as a key repeat sends them).
            self.move_cursor_now(node.children[0])
