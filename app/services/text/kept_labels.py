"""The live paragraphs' labels, kept per document while only writes that cannot move a
paragraph happen.

Every answer about an amendment shows its paragraph's label, and a label depends on where
every live paragraph stands: reading and numbering them all costs a hot write more than the
write itself. Labels change only when a paragraph is added, deleted, moved or brought back, a
section's kind or the numbering scheme changes, a revision is issued, or a decision is taken or
undone; any event of another kind than `record/marks.LABELS_NEUTRAL` (including a kind added
later and not listed) marks the document (`labels_seq`, `labels_hash`). So the labels are kept
with the mark they were read at, and reused while the document's mark is the same: a write
knows it from its lock, or from its commit for its answer, with no statement; a read asks the
document row. The mark is read before the labels, so an entry is never older than its mark.
"""

from __future__ import annotations

import threading
import weakref
from dataclasses import dataclass

import sqlalchemy as sa
from sqlmodel import Session

from app.models import Document
from app.services.record import events as events_service
from app.services.record.marks import LABELS_NEUTRAL as NEUTRAL
from app.services.record.marks import Mark
from app.services.text import numbering

__all__ = ["NEUTRAL", "live_labels"]

_DOCUMENTS: sa.Table = Document.__table__  # type: ignore[attr-defined]
_MARK = sa.select(_DOCUMENTS.c.labels_seq, _DOCUMENTS.c.labels_hash).where(
    _DOCUMENTS.c.id == sa.bindparam("document")
)


@dataclass(frozen=True)
class _Kept:
    mark: Mark
    labels: dict[int, str]  # never changed once kept: callers get a copy


_KEPT: weakref.WeakKeyDictionary[sa.Engine, dict[int, _Kept]] = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()


def live_labels(session: Session, *, document_id: int) -> dict[int, str]:
    """The labels of the document's live paragraphs, as `numbering.live_labels` reads them.

    In a write, or after it (its answer), the mark read under the document's lock says whether
    the kept labels hold (the write's own events move it when they may move a paragraph): then
    no statement is needed at all. (Labels read in a transaction that then rolls back are kept
    under a mark the database never had: no later look finds it.)"""
    engine = session.get_bind().engine  # no transaction begun: an answer may need no statement
    with _LOCK:
        kept = _KEPT.get(engine, {}).get(document_id)
    known = events_service.head(session, document_id)
    if known is not None and known.labels.known:
        mark = known.labels
    else:
        seq, hash_ = session.connection().execute(_MARK, {"document": document_id}).one()
        mark = Mark(seq, hash_)
    if kept is not None and mark.known and kept.mark == mark:
        return dict(kept.labels)
    labels = numbering.live_labels(session, document_id=document_id)
    if mark.known:
        _keep(engine, document_id, _Kept(mark, dict(labels)))
    return labels


def _keep(engine: sa.Engine, document_id: int, kept: _Kept) -> None:
    with _LOCK:
        by_document = _KEPT.setdefault(engine, {})
        # The last read wins: each entry is right for its mark, and one kept in a transaction
        # that then rolled back (a mark the database never had) must not hold off the rest.
        by_document[document_id] = kept
