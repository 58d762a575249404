"""The topic tree on the left: lazy, bilingual, keyboard-first."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.reactive import reactive
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from ..model import Dataset, Lang


class TopicTree(Tree[str]):
    """Topics as a tree whose node data is the topic id.

    Children are added the first time a node expands, so a data set with tens of
    thousands of topics costs only what is on screen. Labels are `rich.text.Text`
    because a plain string label would be parsed as markup.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g", "scroll_home", "First", show=False),
        Binding("G", "scroll_end", "Last", show=False),
        Binding("h,left", "collapse_or_parent", "Collapse", show=False),
        Binding("right", "expand_or_child", "Expand", show=False),
        Binding("tab,shift+tab", "app.switch_pane", "Other pane", show=False),
    ]

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
        self._populate(self.root)
        self.root.expand()

    def _populate(self, node: TreeNode[str]) -> None:
        parent_id = node.data
        for topic in self.dataset.children(parent_id):
            has_children = bool(self.dataset.children(topic.id))
            node.add(
                Text(topic.label(self.lang)),
                data=topic.id,
                allow_expand=has_children,
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
                child.set_label(Text(self.dataset.topics[child.data].label(lang)))
            self._relabel(child, lang)

    def replace_dataset(self, dataset: Dataset) -> None:
        """Show another data set, keeping expanded topics and the cursor where they still exist."""
        expanded = {n.data for n in self._walk(self.root) if n.is_expanded and n.data}
        current = self.cursor_node.data if self.cursor_node is not None else None
        self.dataset = dataset
        self.clear()
        self._populate(self.root)
        self.root.expand()
        # Children appear as their parents expand, so walk while expanding.
        stack = list(self.root.children)
        while stack:
            node = stack.pop()
            if node.data in expanded:
                if not node.is_expanded:
                    self._toggle(node)
                stack.extend(node.children)
        if current is not None:
            self.select_topic(current)

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
