"""Long background work that never holds up `q`.

Textual runs a thread worker in the event loop's default executor, whose
threads are joined when the loop closes: `q` pressed while a 100,000-fact data
set was still loading (or its search index being built) left the terminal
restored but the process alive for the seconds the work had left. Here the
work runs in a daemon thread of its own, and the worker that called
`in_daemon_thread` only waits for it, or for its own cancellation (every worker
is cancelled when the App exits), whichever comes first. The worker then ends
at once, and the interpreter does not wait for daemon threads at exit.

Keeping the Textual worker around the daemon thread keeps what workers give:
`app.workers`, their groups, and waiting for them in tests.
"""

from __future__ import annotations

import threading
from typing import Callable, TypeVar

from textual.worker import get_current_worker

T = TypeVar("T")

# How often the waiting worker looks at its cancellation: small beside a key
# press, and a sleeping thread costs nothing meanwhile.
POLL_SECONDS = 0.05


class Abandoned(Exception):
    """The worker was cancelled (the App is closing) before the work finished."""


def in_daemon_thread(work: Callable[[], T], name: str) -> T:
    """Run `work` in a daemon thread; return its result, or raise what it raised.

    Must be called from a Textual thread worker. Raises `Abandoned` as soon as
    that worker is cancelled; the daemon thread then runs on, unseen, until it
    ends or the process does.
    """
    worker = get_current_worker()
    done = threading.Event()
    results: list[T] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            results.append(work())
        except BaseException as error:  # noqa: BLE001  # handed to the waiting worker, which raises it
            errors.append(error)
        finally:
            done.set()

    threading.Thread(target=run, name=name, daemon=True).start()
    while not done.wait(POLL_SECONDS):
        if worker.is_cancelled:
            raise Abandoned
    if errors:
        raise errors[0]
    return results[0]
