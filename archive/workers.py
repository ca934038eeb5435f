"""The pool of cleaning processes, for the crawl and for reprocessing.

Workers are spawned (a fork of a process running Twisted's reactor or holding SQLite handles is
unsafe) and exit when their parent dies: a crawl killed with ``kill -9`` must not leave workers
behind, and a worker blocked on its task queue would otherwise wait forever, since it holds a
handle on that queue itself.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor

#: How often a worker checks that its parent is alive, in seconds.
PARENT_CHECK = 1.0


def cleaning_pool(processes: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_start_worker, initargs=(os.getpid(),))


def _start_worker(parent: int) -> None:
    _exit_with_parent(parent)
    _load_models()


def _load_models() -> None:
    """Load langdetect's profiles and make a first signature now, not on the first page: CPU
    that would otherwise be charged to whatever page came first."""
    from archive.store.copies import signature
    from cleaners.language import detect

    detect("Die Stadt baut eine neue Brücke über den Fluss.")
    signature(" ".join(f"word{n}" for n in range(64)))


def _exit_with_parent(parent: int) -> None:
    def watch():
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK)
        os._exit(0)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()
