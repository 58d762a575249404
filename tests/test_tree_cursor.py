"""The tree's cursor lands on the right row at once, right after an expand.

Textual's Tree lays its lines out again only when idle; keys that arrive in
one burst (a key repeat, a paste, a slow link catching up) and a jump to a
nested topic all move the cursor before that.
"""

from __future__ import annotations

from drive import type_text
from helpers import screen_cells

from tui.factory import make_app
from tui.widgets import TopicTree

SIZE = (100, 30)


def cursor_row_text(app: object) -> str:
    """The text of the row the tree's cursor is drawn on (its highlighted label)."""
    from textual.app import App

    assert isinstance(app, App)
    tree = app.query_one(TopicTree)
    row = tree.content_region.y + tree.cursor_line - int(tree.scroll_offset.y)
    return screen_cells(app)[row].text


async def test_l_twice_in_one_burst_lands_on_the_first_child() -> None:
    app = make_app(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        tree = app.query_one(TopicTree)
        first = app.dataset.roots[0]
        children = app.dataset.children(first.id)
        assert children
        await pilot.press("G")  # below the first topic, so that its line matters
        await pilot.press("g")
        assert tree.cursor_node is not None and tree.cursor_node.data == first.id
        await type_text(pilot, "ll")
        assert tree.cursor_node is not None and tree.cursor_node.data == children[0].id
        assert app.topic_id == children[0].id
        assert children[0].label("en") in cursor_row_text(app)


async def test_a_jump_to_a_nested_topic_puts_the_cursor_on_its_row() -> None:
    app = make_app(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        tree = app.query_one(TopicTree)
        target = "industry.tractors"
        assert tree.select_topic(target)
        # At once, before the tree has been idle to lay its lines out again.
        assert tree.cursor_node is not None and tree.cursor_node.data == target
        await pilot.pause()
        assert app.topic_id == target
        assert app.dataset.topics[target].label("en") in cursor_row_text(app)
