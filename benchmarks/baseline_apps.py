"""Bare Textual apps that coop-tui is measured against, in the same run and environment.

usage: python benchmarks/baseline_apps.py hello
       python benchmarks/baseline_apps.py tree N

`hello` is the smallest Textual app: the floor for start-up time. `tree N` is a
Textual Tree of N topics under four branches (the first one expanded) with a
detail pane updated on each highlight: the floor for a key press in a tree.
"""

from __future__ import annotations

import sys

from rich.text import Text
from textual.app import App, ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Static, Tree

BRANCHES = ("Center", "Industry", "Pharma", "Trade")


class Hello(App[None]):
    BINDINGS = [("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Static("hello ready")


class TreeApp(App[None]):
    CSS = """
    Tree { width: 40%; border: round $accent; }
    #right { width: 60%; border: round $secondary; padding: 0 1; }
    #detail { height: auto; }
    """
    BINDINGS = [("q", "quit", "Quit")]

    def __init__(self, n: int) -> None:
        super().__init__()
        self.n = n

    def compose(self) -> ComposeResult:
        tree: Tree[tuple[str, int]] = Tree("Topics", id="tree")
        tree.root.expand()
        per = max(1, self.n // len(BRANCHES))
        for index, branch in enumerate(BRANCHES):
            node = tree.root.add(branch, data=(branch, -1), expand=index == 0)
            for i in range(per):
                node.add_leaf(f"{branch} topic {i:06d}", data=(branch, i))
        with Horizontal():
            yield tree
            with Vertical(id="right"):
                yield Static("select a topic", id="detail")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(Tree).focus()

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted[tuple[str, int]]) -> None:
        branch, index = event.node.data or ("Topics", -1)
        text = Text()
        text.append(str(event.node.label), style="bold underline")
        text.append(f"\nbranch: {branch}   index: {index}\n", style="cyan")
        text.append(("Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 4).strip())
        self.query_one("#detail", Static).update(text)


if __name__ == "__main__":
    if sys.argv[1:2] == ["hello"]:
        Hello().run()
    elif sys.argv[1:2] == ["tree"] and len(sys.argv) == 3:
        TreeApp(int(sys.argv[2])).run()
    else:
        sys.exit(__doc__)
