"""Keeping Python's cycle collector off what a served worker holds for long.

A worker keeps large structures in memory on purpose: the imported code and its messages, and
the consensus board with its history per document (`services/consensus/cache.py`, ~200,000
objects at UN scale). CPython's full collection walks every tracked object, so with all of that
in the oldest generation each full pass took 200–340 ms on this machine, and while it ran the
worker sent nothing: it was the tail of the live room's event latency (docs/performance.md).

`gc.freeze()` moves every object alive now out of the collector's sight (reference counting still
frees them when their last reference goes). It is cheap (the generations' lists are merged, not
walked), so the worker freezes once it has started and again after each cold build of a kept
structure, which is rare (the first board of a document, or after a change of structure: the
board is otherwise updated in place). A cycle that becomes garbage after it was frozen is never
collected; the young generations are collected first, so only what was already long-lived is
frozen, and a cold build happens a handful of times in a worker's life.

Only served workers do this (`started()` from the app's lifespan): a test process that builds
hundreds of apps and databases leaves its collector as it is.
"""

from __future__ import annotations

import gc
import threading

_LOCK = threading.Lock()
_serving = False


def started() -> None:
    """The worker has started serving: collect once, fully, then freeze what it holds."""
    global _serving
    with _LOCK:
        gc.collect()
        gc.freeze()
        _serving = True


def settle() -> None:
    """A large structure meant to live long was just built: freeze it (served workers only)."""
    if not _serving:
        return
    with _LOCK:
        gc.collect(1)  # what is young and already garbage is not frozen
        gc.freeze()
