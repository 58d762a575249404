"""The command line. Imports Textual only when the TUI is about to start."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Sequence

from . import __version__
from .i18n import lang_from_environment
from .model import Lang

EXIT_OK = 0
EXIT_BAD_DATA = 1
EXIT_USAGE = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="coop-tui",
        description=(
            "A keyboard-driven terminal explorer of St Petersburg–Belarus industrial, "
            "pharmaceutical and trade cooperation."
        ),
        epilog="In the explorer press ? for every key, q to quit.",
    )
    parser.add_argument("--version", action="version", version=f"coop-tui {__version__}")
    parser.add_argument(
        "--lang",
        choices=("ru", "en"),
        help="language of the screen (default: from LC_ALL, LC_MESSAGES or LANG; ru_* gives ru)",
    )
    parser.add_argument(
        "--data",
        metavar="PATH",
        type=Path,
        action="append",
        help="a TOML file or a folder of them, instead of the bundled data (repeatable)",
    )
    parser.add_argument(
        "--theme",
        metavar="NAME",
        help=(
            "colour theme: coop-dark, coop-light, ansi-dark, ansi-light (the terminal's 16 "
            "colours) or another Textual theme (default: the one last chosen with Ctrl+P, "
            "else ansi-dark on 16-colour terminals, else coop-dark)"
        ),
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.theme is not None:
        # Checked here rather than with `choices`: the names come from Textual,
        # which `--help` and `--version` should not have to import.
        from .themes import theme_names

        names = theme_names()
        if args.theme not in names:
            parser.error(
                f"argument --theme: unknown theme {args.theme!r} (choose from {', '.join(names)})"
            )
    lang: Lang = args.lang or lang_from_environment()
    return run_tui(args.data, lang, args.theme)


def run_tui(data: list[Path] | None, lang: Lang, theme: str | None = None) -> int:
    from .factory import make_app
    from .loader import DataError

    try:
        app = make_app(data, lang, theme=theme, remember=True)
    except DataError as error:
        print(f"coop-tui: the data has errors:\n{error}", file=sys.stderr)
        return EXIT_BAD_DATA
    from .lifecycle import run_app

    # Restores the terminal on SIGTERM/SIGHUP and turns a crash into one line
    # plus a log file, with a non-zero exit code.
    code = run_app(app)
    if getattr(app, "load_error", None) is not None:
        # Big data is checked while the screen is already open; the verdict is
        # the same as for small data, printed once the terminal is restored.
        print(f"coop-tui: the data has errors:\n{app.load_error}", file=sys.stderr)
        return EXIT_BAD_DATA
    return code
