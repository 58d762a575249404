"""Wide terminals: the page keeps a readable measure; the tree takes the rest and shows it all."""

from __future__ import annotations

from helpers import screen_lines

from tui.factory import make_app
from tui.ui.layout import DETAIL_MAX, MEASURE
from tui.ui.widgets import DetailPane, TopicTree


async def test_at_200_columns_the_text_keeps_a_measure_and_the_tree_takes_the_rest() -> None:
    app = make_app(lang="en")
    async with app.run_test(size=(200, 60)) as pilot:
        await pilot.press("j")
        await pilot.pause()
        pane = app.query_one(DetailPane)
        assert pane.scrollable_content_region.width <= MEASURE
        tree = app.query_one(TopicTree)
        assert tree.outer_size.width + app.query_one("#detail-box").outer_size.width == 200
        assert app.query_one("#detail-box").outer_size.width == DETAIL_MAX
        # Every row of the pane: text within the measure.
        left = pane.region.x
        for line in screen_lines(app)[2:-2]:
            text = line[left : left + pane.region.width].strip(" │▁▃▅▇█")
            assert len(text) <= MEASURE, text
        # All the topics fit in the tree's height, so all show.
        labels = [str(n.label) for n in tree.root.children]
        assert len(labels) == len(app.dataset.roots)
        for topic in app.dataset.topics.values():
            assert any(topic.label("en") in line for line in screen_lines(app))


async def test_below_that_the_panes_share_as_before_and_a_resize_undoes_it() -> None:
    app = make_app(lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        tree = app.query_one(TopicTree)
        assert tree.outer_size.width == 40  # a third
        assert not tree.cursor_node.is_expanded  # type: ignore[union-attr]
        await pilot.resize_terminal(220, 40)
        await pilot.pause()
        assert tree.outer_size.width == 220 - DETAIL_MAX
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert tree.outer_size.width == 40
