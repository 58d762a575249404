"""Page keys for Textual's option lists that wait for the list's first layout.

Textual's `OptionList` pages by its laid-out lines, and has none until it is
shown with a size: a PageUp or PageDown typed ahead of that (B or Ctrl+P and
the page key in one burst) raised a KeyError from inside Textual.
"""

from __future__ import annotations

from textual.widgets import OptionList


def can_page(options: OptionList) -> bool:
    """Whether `options` has laid-out lines to page through."""
    return bool(options.option_count and options.scrollable_content_region)


class PagedOptionList(OptionList):
    """Textual's option list, whose page keys wait for its first layout."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("page_up", "page_down"):
            return can_page(self)
        return super().check_action(action, parameters)
