"""A served worker keeps what it holds for long out of the cycle collector's walks (app/heap.py)."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from app import heap
from app.main import create_app
from app.settings import Settings


@pytest.fixture
def unfrozen(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(heap, "_serving", False)
    gc.unfreeze()
    yield
    gc.unfreeze()  # the test process goes on collecting everything


@pytest.mark.usefixtures("unfrozen")
def test_a_process_that_is_not_serving_collects_as_before():
    heap.settle()
    assert gc.get_freeze_count() == 0


@pytest.mark.usefixtures("unfrozen")
def test_a_served_worker_freezes_what_it_loaded_and_each_structure_it_keeps(settings: Settings):
    with TestClient(create_app(settings)):  # the lifespan runs, as under uvicorn
        loaded = gc.get_freeze_count()
        assert loaded > 0
        kept = [[n] for n in range(1000)]  # a board built whole, to be kept (lists: tracked)
        heap.settle()
        assert gc.get_freeze_count() >= loaded + len(kept)


class _Node:
    def __init__(self) -> None:
        self.itself = self  # a cycle: only the collector frees it


@pytest.mark.usefixtures("unfrozen")
def test_young_garbage_is_collected_before_the_freeze_not_kept_for_ever():
    heap.started()
    node = _Node()
    gone = weakref.ref(node)
    del node
    heap.settle()
    assert gone() is None
