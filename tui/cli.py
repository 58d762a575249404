"""The command line. Imports Textual only when the TUI is about to start.

`--version`, `--help`, `check`, `schema`, `export` and `serve` import neither
Textual nor the UI modules (a test checks it), so they answer in tens of
milliseconds; each subcommand's work lives in its own module, imported when
it runs.
"""

from __future__ import annotations

import sys

from . import __version__

# Not `typing.TYPE_CHECKING`: importing typing, argparse or pathlib up front
# would cost `--version` a third of its time.
TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence
    from pathlib import Path

    from .model import Lang
    from .ui.app import CoopApp

EXIT_OK = 0
EXIT_BAD_DATA = 1
EXIT_USAGE = 2

# Kept in step with loader.MAX_FILE_BYTES by a test; repeated here so that
# `--help` does not have to import the loader.
SIZE_LIMIT_TEXT = "16 MiB"
# Kept in step with model.LANGS by a test, for the same reason.
LANGS = ("ru", "en")

EXIT_CODES = (
    "exit codes: 0 success; 1 the data has problems (each printed as "
    "file:line:column: key.path: what is wrong (what was expected)); "
    "2 usage error (an unknown option or command, an unknown topic id)"
)


def build_parser() -> argparse.ArgumentParser:
    import argparse
    from pathlib import Path

    parser = argparse.ArgumentParser(
        prog="coop-tui",
        description=(
            "A keyboard-driven terminal explorer of St Petersburg–Belarus industrial, "
            "pharmaceutical and trade cooperation. When standard output is not a terminal "
            "it prints the text report instead (same as `export --format text`)."
        ),
        epilog="In the explorer press ? for every key, q to quit. " + EXIT_CODES,
    )
    parser.add_argument("--version", action="version", version=f"coop-tui {__version__}")
    _add_lang(parser, argparse.SUPPRESS)
    _add_data(parser)
    parser.add_argument(
        "--theme",
        metavar="NAME",
        help=(
            "colour theme: coop-dark, coop-light, ansi-dark, ansi-light (the terminal's 16 "
            "colours) or another Textual theme (default: the one last chosen with Ctrl+P, "
            "else ansi-dark on 16-colour terminals, else coop-dark)"
        ),
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = commands.add_parser(
        "check",
        help="validate data files and folders; print every problem",
        description=(
            "Validate coop-tui data (default: the bundled data) and print every problem, one "
            "per line, as file:line:column: key.path: what is wrong (what was expected). "
            f"A data file must be UTF-8 TOML and smaller than {SIZE_LIMIT_TEXT}; "
            "a folder is read for its *.toml files (not recursively)."
        ),
        epilog=EXIT_CODES,
    )
    check.add_argument(
        "paths", metavar="PATH", nargs="*", type=Path, help="a TOML file or a folder of them"
    )
    _add_data(check)

    commands.add_parser(
        "schema",
        help="print the JSON Schema of the data format",
        description=(
            "Print the JSON Schema (draft-07) of one data file. A copy ships as "
            "tui/schema/coop-tui.schema.json; data files name it on their first line "
            "(#:schema ...) for taplo / Even Better TOML."
        ),
    )

    export = commands.add_parser(
        "export",
        help="write the report as text, Markdown or JSON",
        description=(
            "Write every topic with its facts, quotes, figures and sources to standard "
            "output: text (as the detail pane shows it; width from $COLUMNS, else 80), "
            "Markdown, or JSON (the whole model, both languages; --lang does not apply)."
        ),
        epilog=EXIT_CODES,
    )
    export.add_argument(
        "--format", choices=("text", "md", "json"), default="text", help="default: text"
    )
    export.add_argument(
        "--topic", metavar="ID", help="only this topic and its subtopics (e.g. trade)"
    )
    _add_lang(export, argparse.SUPPRESS)
    _add_data(export)

    serve = commands.add_parser(
        "serve",
        help="serve coop-tui to web browsers, one session per tab (the web extra)",
        description=(
            "Serve coop-tui to web browsers: each tab gets its own coop-tui, drawn by "
            "xterm.js. Listens on loopback unless --host says otherwise; there is no "
            "login, so anyone who can reach the port can read the data. Needs the web "
            "extra: pip install 'coop-tui[web]'. Ctrl+C or SIGTERM stops the server and "
            "every session."
        ),
        epilog=EXIT_CODES,
    )
    serve.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)"
    )
    serve.add_argument(
        "--port", type=int, default=8000, help="port (default: 8000; 0: any free port)"
    )
    serve.add_argument(
        "--max-sessions",
        type=int,
        default=8,
        metavar="N",
        help="tabs served at once; the next one is told to wait (default: 8)",
    )
    _add_lang(serve, argparse.SUPPRESS)
    _add_data(serve)

    history = commands.add_parser(
        "timeline",
        help="print every dated item in date order",
        description=(
            "Print every dated item (events, dated facts and quotes, figures and targets) "
            "in date order, under a heading per year, one item a line: its date, kind, "
            "text, topic and source marker; then the sources cited, with their addresses. "
            "Plain text, no escape sequences."
        ),
        epilog=EXIT_CODES,
    )
    history.add_argument(
        "--from", dest="first_year", metavar="YYYY", type=_year, help="from this year on"
    )
    history.add_argument(
        "--to", dest="last_year", metavar="YYYY", type=_year, help="up to this year"
    )
    history.add_argument(
        "--topic", metavar="ID", help="only this topic and its subtopics (e.g. trade)"
    )
    _add_lang(history, argparse.SUPPRESS)
    _add_data(history)
    return parser


def _year(text: str) -> int:
    import argparse

    if len(text) != 4 or not text.isdigit():
        raise argparse.ArgumentTypeError(f"not a year: {text!r} (expected four digits, e.g. 2022)")
    return int(text)


def _add_lang(parser: argparse.ArgumentParser, default: object) -> None:
    parser.add_argument(
        "--lang",
        choices=LANGS,
        default=default,
        help=(
            "language (default: on screen, the one chosen last time; otherwise, and for "
            "reports, from LC_ALL, LC_MESSAGES or LANG: ru_* gives ru)"
        ),
    )


def _add_data(parser: argparse.ArgumentParser) -> None:
    import argparse
    from pathlib import Path

    # SUPPRESS: a subcommand's own --data must not reset one given before it.
    parser.add_argument(
        "--data",
        metavar="PATH",
        type=Path,
        action="append",
        default=argparse.SUPPRESS,
        help="a TOML file or a folder of them, instead of the bundled data (repeatable)",
    )


def main(argv: Sequence[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else list(argv)
    if arguments == ["--version"]:
        # The commonest scripted call answers before argparse and the model load.
        return _write(f"coop-tui {__version__}\n")
    args = _explorer_options(arguments)
    parser = None
    if args is None:
        parser = build_parser()
        args = parser.parse_args(arguments)
    from .i18n import lang_from_environment

    lang: Lang = getattr(args, "lang", None) or lang_from_environment()
    data: list[Path] | None = getattr(args, "data", None)
    theme: str | None = getattr(args, "theme", None)
    if theme is not None:
        # Checked here rather than with `choices`: the names come from Textual,
        # which `--help` and `--version` should not have to import.
        from .ui.themes import theme_names

        names = theme_names()
        if theme not in names:
            (parser or build_parser()).error(
                f"argument --theme: unknown theme {theme!r} (choose from {', '.join(names)})"
            )
    if args.command == "schema":
        from .loader.format_schema import json_schema_text

        return _write(json_schema_text())
    if args.command == "check":
        from .check import run_check

        return run_check([*(data or []), *args.paths])
    if args.command == "serve":
        from .serve import run_serve

        return run_serve(args.host, args.port, args.max_sessions, lang, data)
    if args.command == "export":
        from .export import run_export

        return run_export(data, args.format, args.topic, lang)
    if args.command == "timeline":
        if (
            args.first_year is not None
            and args.last_year is not None
            and args.first_year > args.last_year
        ):
            (parser or build_parser()).error(
                f"--from {args.first_year} is after --to {args.last_year}"
            )
        from .export import run_timeline

        return run_timeline(data, lang, args.topic, args.first_year, args.last_year)
    if not sys.stdout.isatty():
        # A pipe or a file: the report, never a screen full of escape sequences.
        from .export import run_export

        return run_export(data, "text", None, lang)
    # The screen's language: --lang, else the one chosen last time, else the locale.
    return run_tui(data, getattr(args, "lang", None), theme)


def _explorer_options(arguments: Sequence[str]) -> argparse.Namespace | None:
    """What argparse would make of a start of the explorer, without it: None if unsure.

    The explorer is started with no arguments, or with `--lang`, `--data` and
    `--theme` only, each as `--name VALUE` or `--name=VALUE`; those are read
    here. Importing argparse and building the parser of every command cost
    some 3 ms of the first paint. Anything else (a command, `--help`, an
    abbreviation, a value that starts with `-`, a language that does not
    exist ...) is left to argparse, which says what is wrong with it;
    tests/test_cli.py checks that both read the same.
    """
    from pathlib import Path
    from types import SimpleNamespace

    options: dict[str, object] = {"command": None, "theme": None}
    rest = list(arguments)
    while rest:
        name, equals, value = rest.pop(0).partition("=")
        if name not in ("--lang", "--data", "--theme"):
            return None
        if not equals:
            if not rest:
                return None
            value = rest.pop(0)
        if not value or value.startswith("-"):
            return None
        if name == "--lang":
            if value not in LANGS:
                return None
            options["lang"] = value
        elif name == "--data":
            paths = options.setdefault("data", [])
            assert isinstance(paths, list)
            paths.append(Path(value))
        else:
            options["theme"] = value
    return SimpleNamespace(**options)  # type: ignore[return-value]


def _write(text: str) -> int:
    from .stdout import write_stdout

    return write_stdout(text)


def run_tui(data: list[Path] | None, lang: Lang | None, theme: str | None = None) -> int:
    import gc

    # Almost everything made from here until the first frame is on screen (the
    # modules, Textual's among them, the data, the App, the first screen's
    # widgets) lives as long as the process: the cyclic collector would walk
    # it again and again for nothing while it is made (collections of every
    # generation, some 10 ms of CPU time before the App runs and 2-3 ms more
    # until the first frame), so it is off until then: the App turns it back
    # on once the first frame is written (`collect_after_first_paint`).
    gc.disable()
    try:
        app = _make_tui(data, lang, theme)
    except BaseException:
        gc.enable()
        raise
    # Out of the collector's sight from now on: the full collection that
    # later allocations trigger no longer walks it all (10-50 ms, measured
    # with benchmarks/profile_paint.py).
    gc.freeze()
    if app is None:
        gc.enable()
        return EXIT_BAD_DATA
    app.collect_after_first_paint = True
    from .ui.lifecycle import run_app

    # Restores the terminal on SIGTERM/SIGHUP and turns a crash into one line
    # plus a log file, with a non-zero exit code.
    code = run_app(app)
    if getattr(app, "load_error", None) is not None:
        # Big data is checked while the screen is already open; the verdict is
        # the same as for small data, printed once the terminal is restored.
        print(f"coop-tui: the data has errors:\n{app.load_error}", file=sys.stderr)
        return EXIT_BAD_DATA
    return code


def _make_tui(data: list[Path] | None, lang: Lang | None, theme: str | None) -> CoopApp | None:
    """The App on the data (None: the data has errors, printed here)."""
    from .dataload import data_paths

    paths = data_paths(data)
    from .cache import DatasetCache
    from .factory import make_app

    try:
        return make_app(paths, lang, theme=theme, remember=True, watch=True, cache=DatasetCache())
    except Exception as error:
        from .loader import DataError  # only now: a start from the cache never needs the loader

        if not isinstance(error, DataError):
            raise
        print(f"coop-tui: the data has errors:\n{error}", file=sys.stderr)
        return None
