"""Every use of a Textual or Rich private name in coop-tui, in this one module.

Textual and Rich offer no public way to do the things below; each is kept
here, small, so that a Textual or Rich upgrade that changes one breaks a named
test (tests/test_textual_private.py, which names the versions checked) instead
of failing silently somewhere in the UI. No other module of tui/ or tests/ may
touch a private name of Textual or Rich (tests/test_textual_private.py greps
for that too). Checked against Textual 8.2.8 and Rich 15.0.0.

- `App._handle_exception(error)`: the one place where Textual hands over an
  unhandled exception from its loop (handlers, workers, rendering). Textual
  has no public hook; `UnhandledErrorHook` calls the App's
  `on_unhandled_error` first, then Textual's own handling (which ends the
  App with return code 1).
- `App._exit_renderables`: what Textual prints after restoring the terminal,
  here the Rich traceback with local variables that the crash log already
  holds; `UnhandledErrorHook` clears it.
- `App._fatal_error()` and `App._close_messages_no_wait()`: Textual's end of
  an unhandled error renders that Rich traceback, local variables and all,
  before it closes the App: seconds of CPU on a big data set, for text that
  is then thrown away. With `quiet_traceback` the hook only closes the App.
- `Screen._compositor.render_strips()`: the cells of the whole screen, the
  background screens under a modal included, as the driver writes them. Only
  the tests read it (`screen_strips`): `App.export_screenshot()` gives the
  same cells as SVG, without the links and the reverse attribute the tests
  check.
- `App._notifications`: the notices on show, for tests (`notices`); Textual
  lists them nowhere public.
- `CommandPalette._start_no_matches_countdown`, `_stop_no_matches_countdown`,
  `_NO_MATCHES`, `_NO_MATCHES_COUNTDOWN`, `_no_matches_timer` and
  `_list_visible`: Textual writes its "No matches found" in English from
  inside these; `LocalisedNoMatches` writes the palette's own words instead.
- `rich._unicode_data.load`: the table of character widths Rich measures
  with (see tui/cellwidth.py for why coop-tui corrects it).
- `App._refresh_truecolor_filter(theme)`: what Textual's theme watcher does to
  map ANSI colours for a light or a dark theme; `start_with_theme` does the
  watcher's work itself (below).

Public names used for undocumented behaviour, kept here for the same reason
(each spares bytes that every key press sends to the terminal, over SSH too;
tests/test_repaint.py counts them):

- `Widget.border_title`'s setter repaints the whole widget (`refresh()` with
  no region); `QuietBorderTitle` sets it without that repaint, for a caller
  that repaints the title's row itself.
- `ScrollView.virtual_size` set with `set_reactive`: the new length without
  the layout its watcher asks for (`set_virtual_size_quietly`).
- `ScrollBar.renderer.render_bar(...)` and `ScrollBar.window_virtual_size`:
  which of a scrollbar's rows change for a new length, so that only those are
  repainted (`move_scrollbar_quietly`).

And three that spare start-up time (benchmarks/profile_paint.py measures them):

- `Widget.has_focus` set with `set_reactive` before the widget is mounted
  (`start_focused`): the screen focuses its first focusable widget once its
  children are mounted (`Screen.AUTO_FOCUS`), after they were first styled,
  and `has_focus` turning True then styles the widget and its component
  classes again (the topic tree and its seven: about 2 ms of the first
  paint). Already True, it changes nothing; the screen still focuses the
  widget and sends it Focus as ever.
- `App.theme` set with `set_reactive`, and what Textual's theme watcher
  (`App._watch_theme`) would do done here (`start_with_theme`): setting
  `App.theme` on an App that is not running yet schedules `refresh_css`,
  which parses every stylesheet again once the App runs, and so forgets the
  parse cache that the widgets' CSS would have used (the first paint parsed
  the App's CSS three times: about 7 ms).
- `App.get_css_variables()` answered with no variables while Textual's
  `App.__init__` runs (`ThemeVariablesLater`): it asks for those of its own
  default theme there, which `start_with_theme` replaces before anything is
  parsed (some 1.5 ms of making a theme's colours, for nothing).

And one for the tests' pace (only tests/conftest.py calls it):

- `textual._wait.SLEEP_GRANULARITY` and `SLEEP_IDLE`: after every key and
  `pause()`, Textual's `Pilot` waits until the test process has used almost no
  CPU for one whole window of `SLEEP_GRANULARITY` seconds (1/50), at least twice
  a key: 60 ms a key, most of the suite's time. `pace_pilot` shortens the
  window; its docstring says why 10 ms still waits for the screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from rich.align import Align
from rich.text import Text
from textual.command import CommandList
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.scrollbar import ScrollBar
from textual.widget import Widget
from textual.widgets.option_list import Option

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.segment import Segment
    from textual.app import App
    from textual.content import Content
    from textual.screen import Screen
    from textual.strip import Strip
    from typing_extensions import Self

TEXTUAL_CHECKED = "8.2.8"
"""The Textual version these private names were read in."""
RICH_CHECKED = "15.0.0"
"""The Rich version `rich_width_table` was read in."""


class UnhandledErrorHook:
    """Mixed into an App before `App`: `on_unhandled_error` sees every unhandled exception.

    With `quiet_traceback` set, Textual prints nothing after it restores the
    terminal (the App reports the error its own way).
    """

    quiet_traceback: ClassVar[bool] = False

    def on_unhandled_error(self, error: Exception) -> None:
        """Called first with an exception that Textual will end the App for."""

    def _handle_exception(self, error: Exception) -> None:
        self.on_unhandled_error(error)
        super()._handle_exception(error)  # type: ignore[misc]
        if self.quiet_traceback:
            self._exit_renderables.clear()  # type: ignore[attr-defined]

    def _fatal_error(self) -> None:
        if not self.quiet_traceback:
            super()._fatal_error()  # type: ignore[misc]
            return
        # What Textual's does, without rendering the traceback nobody will see.
        app: Any = self
        app.bell()
        app._close_messages_no_wait()


def screen_strips(screen: Screen[Any]) -> list[Strip]:
    """Every row of `screen` as the terminal shows it (a modal's background included)."""
    strips: list[Strip] = screen._compositor.render_strips()
    return strips


def notices(app: App[Any]) -> list[str]:
    """The text of every notice on show."""
    return [str(notice.message) for notice in app._notifications]


class LocalisedNoMatches:
    """Mixed into a CommandPalette before it: "no matches" in the palette's own words."""

    def no_matches_text(self) -> RenderableType:
        """What the palette shows when a search finds nothing."""
        return Text("No matches found")

    def _start_no_matches_countdown(self, search_value: str) -> None:
        palette: Any = self
        palette._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                palette.query_one(CommandList).add_option(
                    Option(
                        Align.center(self.no_matches_text()),
                        disabled=True,
                        id=palette._NO_MATCHES,
                    )
                )
                palette._list_visible = True
            else:
                palette._list_visible = False

        palette._no_matches_timer = palette.set_timer(
            palette._NO_MATCHES_COUNTDOWN, show_no_matches
        )


def start_focused(widget: Widget) -> None:
    """Style a widget that is not mounted yet as focused from its first styling.

    For the widget its screen focuses first (`Screen.AUTO_FOCUS`, and the
    screen's own `focus()` of it once mounted, in case): its styles are then
    right from the start, not made again when the focus arrives.
    """
    widget.set_reactive(Widget.has_focus, True)


class ThemeVariablesLater:
    """Mixed into an App before `App`: no CSS variables until `start_with_theme` gives it a theme.

    Textual's `App.__init__` makes the variables of its default theme for the
    stylesheet; the App's own theme, given by `start_with_theme` right after,
    replaces them before any CSS is parsed.
    """

    _theme_given = False

    def get_css_variables(self) -> dict[str, str]:
        if not self._theme_given:
            return {}
        variables: dict[str, str] = super().get_css_variables()  # type: ignore[misc]
        return variables


def start_with_theme(app: App[Any], name: str) -> None:
    """Give an App that is not running yet its theme, without a second parse of its CSS.

    Does what `App.theme = name` does (Textual 8.2.8's `App._watch_theme`): the
    `-theme-NAME`, `-dark-mode` and `-light-mode` classes, the ANSI colour
    filter of a light or a dark theme and the stylesheet's variables, but
    schedules no `refresh_css`: nothing is styled yet, and the stylesheet is
    first parsed with these variables. A running App, or a name that is not a
    registered theme, goes through `App.theme` (which raises for the latter).
    """
    from textual.app import App

    if isinstance(app, ThemeVariablesLater):
        app._theme_given = True
    if app.is_running or name not in app.available_themes:
        app.theme = name
        return
    if app.theme == name:
        # As `App.theme`: the same value again runs no watcher (but an App
        # that made no variables yet needs them).
        app.stylesheet.set_variables(app.get_css_variables())
        return
    app.set_reactive(App.theme, name)
    theme = app.current_theme
    classes = {c: False for c in app.classes if c.startswith("-theme-")}
    classes[f"-theme-{theme.name}"] = True
    classes["-dark-mode"] = theme.dark
    classes["-light-mode"] = not theme.dark
    app.update_classes(classes, update=False)
    app._refresh_truecolor_filter(app.ansi_theme)
    app.stylesheet.set_variables(app.get_css_variables())


def rich_width_table() -> Any:
    """Rich's table of character widths (an object whose `widths` is a list of ranges)."""
    from rich._unicode_data import load

    return load("auto")


class QuietBorderTitle:
    """Mixed into a Widget before it: `set_border_title_quietly` sets the title without a repaint."""

    _quiet_title = False

    def set_border_title_quietly(self, title: Content) -> None:
        """Set `border_title`; the caller repaints the title's row itself."""
        widget: Any = self
        self._quiet_title = True
        try:
            widget.border_title = title
        finally:
            self._quiet_title = False

    def refresh(
        self, *regions: Region, repaint: bool = True, layout: bool = False, recompose: bool = False
    ) -> Self:
        # Setting border_title calls refresh() with nothing else: the whole widget.
        if self._quiet_title and not regions and not layout and not recompose:
            return self
        return super().refresh(  # type: ignore[misc, no-any-return]
            *regions, repaint=repaint, layout=layout, recompose=recompose
        )


def set_virtual_size_quietly(view: ScrollView, size: Size) -> None:
    """Give a scroll view a new virtual size without the layout that setting it asks for.

    For a view whose own size stays the same: only its scrollbars change.
    """
    view.set_reactive(ScrollView.virtual_size, size)


def move_scrollbar_quietly(bar: ScrollBar, old_height: int, new_height: int) -> None:
    """Tell a vertical scrollbar its view's new length; repaint only its rows that change."""
    window = bar.window_size

    def rows(height: int) -> list[Segment]:
        return list(
            bar.renderer.render_bar(
                size=bar.size.height,
                virtual_size=height,
                window_size=window if window < height else 0,
                position=bar.position,
                thickness=bar.thickness,
                vertical=True,
            ).segments
        )

    old_rows, new_rows = rows(old_height), rows(new_height)
    bar.set_reactive(ScrollBar.window_virtual_size, new_height)
    for y, (old, new) in enumerate(zip(old_rows, new_rows)):
        if old != new:
            bar.refresh(Region(0, y, bar.size.width, 1))


def pace_pilot(window: float) -> None:
    """Make `Pilot`'s idle check look at windows of `window` seconds (Textual's: 1/50 s).

    The check stays what it was: the process counts as idle after a window in
    which it used under a twentieth of it in CPU (worker threads included). A
    window must not be much shorter than Textual's screen refresh (1/60 s after
    a change): a key is followed by at least two windows, and the refresh must
    fall inside them for the test to read the new screen. Tests still wait on
    states for what takes longer (workers, timers, pages built in threads).
    """
    import textual._wait as wait

    wait.SLEEP_GRANULARITY = window
    wait.SLEEP_IDLE = window / 20
