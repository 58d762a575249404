"""`coop-tui serve`: coop-tui in a web browser, one process per tab.

Needs the optional `web` extra (textual-serve, which brings aiohttp); without
it the command says how to install it and exits 2, and nothing else of
coop-tui depends on it. The data is checked before the server listens, so bad
data never reaches a browser (exit 1, the same messages as `check`).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from .model import Lang

EXIT_BAD_DATA = 1
EXIT_USAGE = 2

INSTALL_HINT = (
    "coop-tui serve: the web extra is not installed; install it with "
    "pip install 'coop-tui[web]' (from a clone: pip install '.[web]')"
)


def web_extra_missing() -> str | None:
    """The name of the first package of the web extra that cannot be imported, or None."""
    import importlib

    for name in ("aiohttp", "textual_serve.app_service"):
        try:
            importlib.import_module(name)
        except ImportError:
            return name
    return None


def public_warning(host: str) -> str:
    return (
        f"coop-tui serve: warning: listening on {host}, not on loopback: anyone who can reach "
        "this port can read the data and use the sessions (there is no login and no "
        "encryption). Put it behind a proxy with a login and HTTPS, or omit --host."
    )


def run_serve(
    host: str,
    port: int,
    max_sessions: int,
    lang: Lang,
    data: Sequence[Path] | None,
) -> int:
    if web_extra_missing() is not None:
        print(INSTALL_HINT, file=sys.stderr)
        return EXIT_USAGE
    if max_sessions < 1:
        print("coop-tui serve: --max-sessions must be 1 or more", file=sys.stderr)
        return EXIT_USAGE
    if not 0 <= port <= 65535:
        print("coop-tui serve: --port must be from 0 to 65535 (0: any free port)", file=sys.stderr)
        return EXIT_USAGE
    from .dataload import data_paths

    paths = [path.resolve() for path in data_paths(data)]
    problem = _check_data(paths)
    if problem is not None:
        print(f"coop-tui: the data has errors:\n{problem}", file=sys.stderr)
        return EXIT_BAD_DATA

    import asyncio

    from .web.server import SessionServer, is_loopback, serve, session_command

    loopback = is_loopback(host)
    if not loopback:
        print(public_warning(host), file=sys.stderr, flush=True)
    server = SessionServer(
        session_command(lang, paths), lang=lang, max_sessions=max_sessions, loopback=loopback
    )

    def ready(bound_host: str, bound_port: int) -> None:
        where = ""
        if bound_host in ("0.0.0.0", "::"):
            # Every address of the machine: the one a browser here can open.
            where = ", on every address of this machine"
            bound_host = "127.0.0.1"
        shown = f"[{bound_host}]" if ":" in bound_host else bound_host
        noun = "session" if max_sessions == 1 else "sessions"
        print(
            f"coop-tui serve: http://{shown}:{bound_port}/ (up to {max_sessions} {noun}{where}; "
            "Ctrl+C stops)",
            flush=True,
        )

    try:
        signum = asyncio.run(serve(server, host, port, ready))
    except OSError as error:
        reason = error.strerror or str(error)
        print(
            f"coop-tui serve: cannot listen on {host} port {port}: {reason} "
            "(choose another --port or --host)",
            file=sys.stderr,
        )
        return EXIT_USAGE
    print("coop-tui serve: stopped", flush=True)
    # As every coop-tui command ended by a signal: 128 + its number (130 for Ctrl+C).
    return 128 + signum


def _check_data(paths: list[Path]) -> str | None:
    """The loader's verdict on data small enough to load before the screen opens.

    Bigger data is checked by each session in the background, as the terminal
    App does (see factory.EAGER_BYTES).
    """
    from .factory import EAGER_BYTES
    from .loader import DataError, data_size, load_dataset

    try:
        if data_size(paths) <= EAGER_BYTES:
            load_dataset(paths)
    except DataError as error:
        return str(error)
    return None
