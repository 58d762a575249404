"""The topic tree on the left: lazy, bilingual, keyboard-first."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, ClassVar

from rich.text import Text
from textual.binding import BindingType
from textual.geometry import Region
from textual.reactive import reactive
from textual.strip import Strip
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from ..bindings import bindings
from ..model import Dataset, Lang, Topic
from ..render import MATCH
from .strips import compact

Marks = Callable[[str], "list[tuple[int, int]]"]
BOOKMARK = " ★"
# A search narrowing to this many topics (with ancestors) opens them all at once.
EXPAND_ALL_LIMIT = 300


@dataclass(frozen=True)
class TreeView:
    """Which topics were expanded and where the cursor was, to put the tree back after a search."""

    expanded: frozenset[str] = field(default_factory=frozenset)
    cursor: str | None = None


class TopicTree(Tree[str]):
    """Topics as a tree whose node data is the topic id.

    Children are added the first time a node expands, so a data set with tens of
    thousands of topics costs only what is on screen. Labels are `rich.text.Text`
    because a plain string label would be parsed as markup.
    """

    BINDINGS: ClassVar[list[BindingType]] = bindings("tree")

    lang: reactive[Lang] = reactive("en", init=False)
    """Language of the labels; bound to the App's language."""

    def __init__(self, dataset: Dataset, lang: Lang, *, id: str | None = None) -> None:
        super().__init__("topics", id=id)
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

    def _on_tree_node_expanded(self, event: Tree.NodeExpanded[str]) -> None:
        node = event.node
        if node.data is not None and not node.children:
            self._populate(node)

    def watch_lang(self, lang: Lang) -> None:
        self._relabel(self.root, lang)

    def _relabel(self, node: TreeNode[str], lang: Lang) -> None:
        for child in node.children:
            if child.data is not None:
                child.set_label(self.label_for(self.dataset.topics[child.data], lang))
            self._relabel(child, lang)

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
        expanded = frozenset(n.data for n in self._walk(self.root) if n.is_expanded and n.data)
        cursor = self.cursor_node.data if self.cursor_node is not None else None
        return TreeView(expanded, cursor)

    def show_only(self, topic_ids: frozenset[str], marks: Marks | None) -> None:
        """Show just these topics, with their ancestors (dimmed) to keep the shape.

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
            pending = list(self.root.children)
            while pending:
                node = pending.pop()
                if node.allow_expand:
                    self._populate_if_needed(node)
                    node.expand()
                    pending.extend(node.children)

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
        # Expanding invalidates the tree's line index; reading `last_line`
        # rebuilds it now, so the node's line is known before the cursor moves.
        if self.last_line >= 0:
            self.move_cursor(node)
        return True

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
        node = self.cursor_node
        if node is None:
            return
        self._toggle(node)
        self.post_message(Tree.NodeSelected(node))

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
            self.move_cursor(node.parent)

    def action_expand_or_child(self) -> None:
        node = self.cursor_node
        if node is None or not node.allow_expand:
            return
        if not node.is_expanded:
            self._toggle(node)
        elif node.children:
            self.move_cursor(node.children[0])
