"""The private Textual and Rich names coop-tui relies on still exist and still work.

Every one is used from tui/ui/textual_private.py alone (the last test checks
that). After a Textual or Rich upgrade, a failure here names the installed
version and the one the name was checked in: read that module's docstring,
then the new version's source, before changing the pin.
"""

from __future__ import annotations

import asyncio
import inspect
import re
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pytest
import rich
import textual
from rich.segment import Segment
from textual.app import App, ComposeResult
from textual.command import CommandPalette
from textual.content import Content
from textual.css.stylesheet import Stylesheet
from textual.geometry import Size
from textual.reactive import Reactive
from textual.scroll_view import ScrollView
from textual.scrollbar import ScrollBar
from textual.strip import Strip
from textual.widgets import Static

from tui.ui.textual_private import (
    RICH_CHECKED,
    TEXTUAL_CHECKED,
    QuietBorderTitle,
    ThemeVariablesLater,
    UnhandledErrorHook,
    move_scrollbar_quietly,
    notices,
    pace_pilot,
    rich_width_table,
    screen_strips,
    set_virtual_size_quietly,
    start_focused,
    start_with_theme,
)
from tui.ui.themes import COOP_LIGHT

ROOT = Path(__file__).resolve().parent.parent
GUARD = ROOT / "tui" / "ui" / "textual_private.py"


def upgraded(what: str) -> str:
    return (
        f"{what} — Textual {version('textual')} is installed, the private names in "
        f"tui/ui/textual_private.py were checked in Textual {TEXTUAL_CHECKED} "
        f"(Rich {version('rich')} installed, checked in {RICH_CHECKED})"
    )


class Shown(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("every cell on show", id="text")


def test_the_private_names_are_where_they_were() -> None:
    params = list(inspect.signature(App._handle_exception).parameters)
    assert params == ["self", "error"], upgraded(f"App._handle_exception({params})")
    assert isinstance(App()._exit_renderables, list), upgraded("App._exit_renderables")
    for name in ("_fatal_error", "_close_messages_no_wait"):
        method = getattr(App, name, None)
        assert callable(method), upgraded(f"App.{name}")
        assert list(inspect.signature(method).parameters) == ["self"], upgraded(f"App.{name}()")
    assert isinstance(App()._notifications, object), upgraded("App._notifications")
    for name in ("_start_no_matches_countdown", "_stop_no_matches_countdown"):
        assert callable(getattr(CommandPalette, name, None)), upgraded(f"CommandPalette.{name}")
    start = list(inspect.signature(CommandPalette._start_no_matches_countdown).parameters)
    assert start == ["self", "search_value"], upgraded("CommandPalette._start_no_matches_countdown")
    assert isinstance(getattr(CommandPalette, "_NO_MATCHES", None), str), upgraded(
        "CommandPalette._NO_MATCHES"
    )
    assert isinstance(getattr(CommandPalette, "_NO_MATCHES_COUNTDOWN", None), float), upgraded(
        "CommandPalette._NO_MATCHES_COUNTDOWN"
    )
    assert "_list_visible" in CommandPalette._reactives, upgraded("CommandPalette._list_visible")
    source = inspect.getsource(CommandPalette)
    assert "self._no_matches_timer" in source, upgraded("CommandPalette._no_matches_timer")


def test_rich_width_table_is_a_list_of_ranges() -> None:
    widths = getattr(rich_width_table(), "widths", None)
    assert isinstance(widths, list) and widths, upgraded("rich._unicode_data.load('auto').widths")
    assert all(isinstance(row, tuple) and len(row) == 3 for row in widths[:50]), upgraded(
        "rich._unicode_data width rows"
    )


def test_the_undocumented_behaviours_keep_their_shape() -> None:
    params = inspect.signature(ScrollBar.renderer.render_bar).parameters
    for name in ("size", "virtual_size", "window_size", "position", "thickness", "vertical"):
        assert name in params, upgraded(f"ScrollBarRender.render_bar({name}=...)")
    assert isinstance(vars(ScrollBar).get("window_virtual_size"), Reactive), upgraded(
        "ScrollBar.window_virtual_size"
    )
    assert isinstance(ScrollView.virtual_size, Reactive), upgraded("ScrollView.virtual_size")


async def test_pilot_waits_for_idle_in_the_window_the_tests_set(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """tests/conftest.py's window is the one Pilot's idle check sleeps in, key by key."""
    import textual._wait as wait
    from conftest import PILOT_IDLE_WINDOW

    for name in ("SLEEP_GRANULARITY", "SLEEP_IDLE", "sleep"):
        assert hasattr(wait, name), upgraded(f"textual._wait.{name}")
    assert wait.SLEEP_GRANULARITY == PILOT_IDLE_WINDOW, upgraded("pace_pilot")
    slept: list[float] = []

    async def sleep(delay: float) -> None:
        slept.append(delay)
        await asyncio.sleep(delay)  # what textual._wait.sleep is

    async with Shown().run_test() as pilot:
        monkeypatch.setattr(wait, "sleep", sleep)
        await pilot.press("x", "y")
        await pilot.pause()
    assert slept and set(slept) == {PILOT_IDLE_WINDOW}, upgraded(f"Pilot's idle waits: {slept}")
    monkeypatch.setattr(wait, "SLEEP_GRANULARITY", wait.SLEEP_GRANULARITY)
    monkeypatch.setattr(wait, "SLEEP_IDLE", wait.SLEEP_IDLE)
    pace_pilot(0.004)
    assert (wait.SLEEP_GRANULARITY, wait.SLEEP_IDLE) == (0.004, 0.004 / 20)


async def test_screen_strips_are_the_screen_as_the_terminal_shows_it() -> None:
    app = Shown()
    async with app.run_test(size=(40, 5)) as pilot:
        await pilot.pause()
        strips = screen_strips(app.screen)
        assert len(strips) == 5 and all(isinstance(strip, Strip) for strip in strips)
        assert [strip.cell_length for strip in strips] == [40] * 5, upgraded("render_strips")
        assert strips[0].text.startswith("every cell on show"), upgraded("render_strips")


async def test_notices_lists_what_is_on_show() -> None:
    app = Shown()
    async with app.run_test(size=(60, 10)) as pilot:
        app.notify("a notice on show", markup=False)
        await pilot.pause()
        assert notices(app) == ["a notice on show"], upgraded("App._notifications")


class Themed(App[None]):
    """An App that takes its theme before it runs, one way or the other."""

    CSS = "Static { background: $primary; color: $text; }"

    def __init__(self, theme: str, quick: bool) -> None:
        super().__init__()
        self.register_theme(COOP_LIGHT)
        if quick:
            start_with_theme(self, theme)
        else:
            self.theme = theme

    def compose(self) -> ComposeResult:
        yield Static("[red]ansi red[/] on the theme's colours", id="text")


class ThemedLater(ThemeVariablesLater, Themed):
    """Themed, making no CSS variables before it is given its theme."""

    TITLE = "Themed"  # the screenshots' title


@pytest.mark.parametrize("theme", ["coop-light", "ansi-light", "nord", "textual-dark"])
async def test_a_theme_started_with_is_the_theme_textual_would_set(
    theme: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    reparsed: list[str] = []
    reparse = Stylesheet.reparse

    def counted(stylesheet: Stylesheet) -> None:
        reparsed.append("reparse")
        reparse(stylesheet)

    monkeypatch.setattr(Stylesheet, "reparse", counted)
    seen = []
    for quick, app_class in ((False, Themed), (True, Themed), (True, ThemedLater)):
        reparsed.clear()
        app = app_class(theme, quick)
        async with app.run_test(size=(40, 3)) as pilot:
            await pilot.pause()
            filters = [
                (type(f).__name__, getattr(f, "_terminal_theme", None)) for f in app._filters
            ]
            seen.append(
                (
                    app.theme,
                    sorted(app.classes),
                    app.stylesheet._variables,
                    filters,
                    app.export_screenshot(),
                )
            )
            # Textual's way parses the stylesheets again once the App runs (a
            # theme other than its default); the quick way never does.
            assert len(reparsed) == (0 if quick or theme == "textual-dark" else 1)
    assert seen[1] == seen[0], upgraded("what App._watch_theme does")
    assert seen[2] == seen[0], upgraded("the CSS variables App.__init__ makes")


def test_an_app_that_takes_its_theme_later_makes_no_variables_before(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    themes: list[str] = []
    get_variables = App.get_css_variables

    def noted(app: App[None]) -> dict[str, str]:
        themes.append(app.theme)
        return get_variables(app)

    monkeypatch.setattr(App, "get_css_variables", noted)
    Themed("nord", quick=True)
    # Textual's App.__init__ makes its default theme's variables, then nord's.
    assert themes == ["textual-dark", "nord"], upgraded("when App.__init__ makes CSS variables")
    themes.clear()
    ThemedLater("nord", quick=True)
    assert themes == ["nord"]


async def test_a_running_app_takes_its_theme_as_textual_sets_it() -> None:
    app = Themed("textual-dark", quick=True)
    async with app.run_test(size=(40, 3)) as pilot:
        start_with_theme(app, "coop-light")
        await pilot.pause()
        assert app.theme == "coop-light" and "-light-mode" in app.classes
        with pytest.raises(Exception, match="has not been registered"):
            start_with_theme(app, "no-such-theme")


class Focusable(Static, can_focus=True):
    DEFAULT_CSS = """
    Focusable { background: red; }
    Focusable:focus { background: blue; }
    """

    def __init__(self) -> None:
        super().__init__("focus me")
        self.focus_events = 0

    def on_focus(self) -> None:
        self.focus_events += 1


class FocusedFirst(App[None]):
    def __init__(self, quick: bool) -> None:
        super().__init__()
        self.widget = Focusable()
        if quick:
            start_focused(self.widget)

    def compose(self) -> ComposeResult:
        yield Static("not focusable")
        yield self.widget


async def test_a_widget_started_focused_is_focused_as_textual_would_and_styled_once_less(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    styled: list[object] = []
    apply = Stylesheet.apply

    def counted(stylesheet: Stylesheet, node: Any, **kwargs: Any) -> None:
        styled.append(node)
        apply(stylesheet, node, **kwargs)

    monkeypatch.setattr(Stylesheet, "apply", counted)
    seen = []
    for quick in (False, True):
        styled.clear()
        app = FocusedFirst(quick)
        async with app.run_test(size=(20, 3)) as pilot:
            await pilot.pause()
            widget = app.widget
            seen.append(
                (
                    app.screen.focused is widget,
                    widget.has_focus,
                    widget.focus_events,
                    widget.styles.background,
                    app.export_screenshot(),
                )
            )
            times = styled.count(widget)
            # Styled when mounted and when the screen resumes; the auto focus
            # styled it a third time, unless it was started focused.
            assert times == (2 if quick else 3), upgraded(f"styled {times} times")
    assert seen[0][:3] == (True, True, 1), upgraded("the screen's auto focus")
    assert seen[1] == seen[0], upgraded("what a widget's focus does")


class Breaks(UnhandledErrorHook, App[None]):
    quiet_traceback = True

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[Exception] = []

    def on_unhandled_error(self, error: Exception) -> None:
        self.seen.append(error)

    def on_mount(self) -> None:
        raise ValueError("boom")


async def test_the_unhandled_error_hook_sees_the_error_and_silences_the_traceback(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import rich.traceback

    rendered: list[object] = []
    monkeypatch.setattr(
        rich.traceback, "Traceback", lambda *args, **kwargs: rendered.append(kwargs)
    )
    app = Breaks()
    with pytest.raises(ValueError, match="boom"):
        async with app.run_test() as pilot:
            await pilot.pause()
    assert [str(error) for error in app.seen] == ["boom"], upgraded("App._handle_exception")
    assert app.return_code == 1
    assert app._exit_renderables == [], upgraded("App._exit_renderables")
    assert rendered == [], upgraded("App._fatal_error")  # no traceback rendered to be thrown away


class Titled(QuietBorderTitle, Static):
    def __init__(self) -> None:
        super().__init__("body")
        self.repaints: list[tuple[Any, ...]] = []

    def refresh(self, *regions: Any, **kwargs: Any) -> Any:
        self.repaints.append(regions)
        return super().refresh(*regions, **kwargs)


class TitleApp(App[None]):
    CSS = "Titled { border: round white; }"

    def compose(self) -> ComposeResult:
        yield Titled()


async def test_setting_a_border_title_quietly_repaints_nothing_of_itself() -> None:
    app = TitleApp()
    async with app.run_test(size=(40, 6)) as pilot:
        box = app.query_one(Titled)
        await pilot.pause()
        box.repaints.clear()
        box.border_title = "loud"
        assert () in box.repaints, upgraded("Widget.border_title's setter calls refresh()")
        box.repaints.clear()
        box.set_border_title_quietly(Content("quiet"))
        assert box.border_title == "quiet"
        assert box.repaints == [()], upgraded("Widget.border_title's setter")


class Long(ScrollView):
    def render_line(self, y: int) -> Strip:
        return Strip([Segment(f"line {y + int(self.scroll_y)}")])


class LongApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Long()


async def test_a_new_length_moves_the_scrollbar_without_a_layout() -> None:
    app = LongApp()
    async with app.run_test(size=(30, 10)) as pilot:
        view = app.query_one(Long)
        view.virtual_size = Size(20, 100)
        await pilot.pause()
        bar = view.vertical_scrollbar
        set_virtual_size_quietly(view, Size(20, 400))
        assert view.virtual_size == Size(20, 400)
        move_scrollbar_quietly(bar, 100, 400)
        assert bar.window_virtual_size == 400, upgraded("ScrollBar.window_virtual_size")
        await pilot.pause()
        assert view.max_scroll_y == 400 - view.scrollable_content_region.height, upgraded(
            "ScrollView.virtual_size set with set_reactive"
        )


# ------------------------------------------------------------ nothing else touches them

PRIVATE_IMPORT = re.compile(r"^(textual|rich)(\.\w+)*\._\w+")


DEFINED = re.compile(
    r"(?:\bdef|\bclass)\s+(_\w+)"  # methods, functions, classes
    r"|\.(_\w+)\s*(?::[^=\n]+)?=(?!=)"  # attributes set: self._x = …, self._x: T = …
    r"|^\s*(_\w+)\s*(?::[^=\n]+)?=(?!=)",  # class attributes and module names
    re.MULTILINE,
)


def _private_names(package: Any) -> set[str]:
    """Every `_name` that Textual or Rich defines: methods, attributes, module names.

    Read with a pattern rather than parsed: parsing every module of both
    packages takes seconds.
    """
    names: set[str] = set()
    for path in Path(package.__file__).parent.rglob("*.py"):
        for match in DEFINED.finditer(path.read_text(encoding="utf-8")):
            names.update(group for group in match.groups() if group)
    return {n for n in names if not n.startswith("__")}


ARGUMENT = re.compile(r"[(,]\s*\*{0,2}(_\w+)\s*[:=,)]")
ACCESS = re.compile(r"\.(_[A-Za-z]\w*)\b")
IMPORT = re.compile(r"^\s*(?:from|import)\s+((?:textual|rich)[\w.]*)", re.MULTILINE)


def _our_definitions(texts: list[str]) -> set[str]:
    """Every `_name` coop-tui defines itself (a name both define is not counted as theirs)."""
    names: set[str] = set()
    for text in texts:
        for pattern in (DEFINED, ARGUMENT):
            for match in pattern.finditer(text):
                names.update(group for group in match.groups() if group)
    return names


def test_no_module_but_the_guard_touches_a_private_textual_or_rich_name() -> None:
    """Private imports anywhere, and `x._name` where only Textual or Rich defines `_name`.

    Read line by line, comments left out. A name that coop-tui defines too (its
    own `_exit`, say) cannot be told apart from Textual's by reading the code;
    those are left to review.
    """
    files = [
        path
        for path in sorted([*(ROOT / "tui").rglob("*.py"), *(ROOT / "tests").rglob("*.py")])
        if path not in (GUARD, Path(__file__).resolve())
    ]
    texts = [path.read_text(encoding="utf-8") for path in files]
    theirs = (_private_names(textual) | _private_names(rich)) - _our_definitions(texts)
    found: list[str] = []
    for path, text in zip(files, texts):
        where = path.relative_to(ROOT)
        for number, line in enumerate(text.splitlines(), 1):
            code = line.split("#", 1)[0]
            for module in IMPORT.findall(code):
                if PRIVATE_IMPORT.match(module):
                    found.append(f"{where}:{number}: {module}")
            found.extend(
                f"{where}:{number}: .{name}" for name in ACCESS.findall(code) if name in theirs
            )
    assert not found, "private Textual/Rich names outside tui/ui/textual_private.py:\n" + "\n".join(
        found
    )
