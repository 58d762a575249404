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
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    lang: Lang = args.lang or lang_from_environment()
    return run_tui(args.data, lang)


def run_tui(data: list[Path] | None, lang: Lang) -> int:
    from .factory import make_app
    from .loader import DataError

    try:
        app = make_app(data, lang)
    except DataError as error:
        print(f"coop-tui: the data has errors:\n{error}", file=sys.stderr)
        return EXIT_BAD_DATA
    app.run()
    if app.load_error is not None:
        # Big data is checked while the screen is already open; the verdict is
        # the same as for small data, printed once the terminal is restored.
        print(f"coop-tui: the data has errors:\n{app.load_error}", file=sys.stderr)
        return EXIT_BAD_DATA
    # An app that died from an exception would otherwise exit 0.
    return app.return_code or 0
