"""Does this file match the database's history at the moment it says it shows?

`check` reads the record an export carries (`app/drafting/export/record.py`: document, event
sequence number and hash, text hash, variant, revision, export time) and answers "matches",
"does not match: <why>" or "unreadable: <why>":

1. the document's record must verify first (else `RecordDamaged`, 503: a damaged record vouches
   for nothing);
2. the event at that sequence number must exist and have that hash (else the file comes from
   another database, or from a history that was rewritten);
3. the export is rebuilt as it was made, in the language its record names (beside the
   negotiating text when parallel): at revision N with `build(revision=N)`, the current text
   with `build` while the log has not moved since, or as it stood then with `build_then`;
   its canonical text hash must be the one the file prints (else the text, with its printed
   hash, was changed);
4. the rebuilt export, rendered in the file's format with the file's export time, must be the
   file byte for byte (else the file was edited after it was exported, its footer left alone).

A JSON dump passes 1 and 2, then: a dump of the last event must be the database's dump byte for
byte; an older one must hold exactly the database's events up to its own, chained, and rows that
hash to what those events vouched for.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from typing import Any

from sqlmodel import Session, col, select

from app.drafting.export import export_hash, render
from app.drafting.export import parallel as export_parallel
from app.drafting.export import record as record_core
from app.drafting.export.model import ExportDocument
from app.drafting.export.record import ExportRecord, Unreadable
from app.drafting.export.strings import using
from app.drafting.integrity import ChainedEvent, check_chain
from app.errors import Invalid, NotFound
from app.models import Document, Event, Revision, RevisionEntry
from app.models.translation import LANGUAGES
from app.services.exports import dump as dump_service
from app.services.exports import exports as exports_service
from app.services.exports import moments
from app.services.record import audit as audit_service
from app.services.record import events as events_service
from app.services.record import vouching
from app.services.revisions import revisions as revisions_service

MATCHES = "matches"
DOES_NOT_MATCH = "does not match"
UNREADABLE = "unreadable"


@dataclass(frozen=True)
class FileCheck:
    verdict: str  # MATCHES, DOES_NOT_MATCH or UNREADABLE
    reason: str
    record: ExportRecord | None = None

    @property
    def matches(self) -> bool:
        return self.verdict == MATCHES

    @property
    def message(self) -> str:
        """E.g. "does not match: event 41 of document 1 has hash 3f2a…, the file says 9c1e…"."""
        return f"{self.verdict}: {self.reason}"


class _Mismatch(Exception):
    """Why the file is not what the database holds for its moment."""


def check(session: Session, *, content: bytes) -> FileCheck:
    """Whether the file matches the database's history at the moment it names."""
    try:
        record = record_core.read(content)
    except Unreadable as exc:
        return FileCheck(UNREADABLE, f"{exc}.")
    try:
        document = _document(session, record)
        _event_matches(session, document, record)
        if record.format == "json":
            _dump_matches(session, document, record, content)
        else:
            _export_matches(session, document, record, content)
    except _Mismatch as exc:
        return FileCheck(DOES_NOT_MATCH, str(exc), record)
    return FileCheck(MATCHES, _what_matched(record), record)


def _what_matched(record: ExportRecord) -> str:
    where = f"document {record.document_id} at event {record.audit_seq} ({record.audit_head[:12]})"
    if record.format == "json":
        return f"the dump holds the record of {where} as the database does."
    moment = "the current text" if record.revision_number is None else "the text"
    if record.revision_number is not None:
        moment += f" of revision {record.revision_number}"
    return f"{moment} ({record.variant}, {record.format}) is what the database gives for {where}."


def _document(session: Session, record: ExportRecord) -> Document:
    document = session.get(Document, record.document_id)
    if document is None:
        raise _Mismatch(
            f"this database has no document {record.document_id}: the file comes from another one."
        )
    audit_service.require_intact(
        session, document=document, refusing="A file cannot be checked against it."
    )
    return document


def _event_matches(session: Session, document: Document, record: ExportRecord) -> None:
    assert document.id is not None
    event = moments.event_at(session, document_id=document.id, seq=record.audit_seq)
    where = f"document {document.id}"
    if event is None:
        raise _Mismatch(
            f"{where}'s log has {document.event_seq} events, the file names event "
            f"{record.audit_seq}: it comes from another database."
        )
    if event.hash != record.audit_head:
        raise _Mismatch(
            f"event {record.audit_seq} of {where} has hash {event.hash[:12]}…, the file says "
            f"{record.audit_head[:12]}…: it comes from another database or another history."
        )


def _export_matches(
    session: Session, document: Document, record: ExportRecord, content: bytes
) -> None:
    assert record.generated_at is not None and record.variant is not None
    rebuilt = _rebuilt(session, document, record)
    with using(rebuilt.strings):  # the text in its own language's labels, as rendered
        expected = export_hash(rebuilt, record.variant)
    if expected != record.text_hash:
        raise _Mismatch(
            f"its text hash is {(record.text_hash or '')[:12]}…, the text the database gives for "
            f"event {record.audit_seq} hashes to {expected[:12]}…: the text was changed."
        )
    again = _rendered(session, document, record, rebuilt)
    if again != content:
        raise _Mismatch(
            "its footer is right, but the file is not the export the database rebuilds for that "
            f"moment ({_first_difference(again, content)}): it was edited after it was exported."
        )


def _rendered(
    session: Session, document: Document, record: ExportRecord, rebuilt: ExportDocument
) -> bytes:
    """The rebuilt export in the file's format (beside the negotiating text when parallel)."""
    assert record.variant is not None
    if not record.parallel:
        return render(rebuilt, format=record.format, variant=record.variant).content
    if record.format not in export_parallel.FORMATS:
        raise _Mismatch(f"it says it is a parallel export, which a {record.format} never is.")
    original = _rebuilt(session, document, replace(record, language=None))
    return export_parallel.render(
        original, rebuilt, format=record.format, variant=record.variant
    ).content


def _rebuilt(session: Session, document: Document, record: ExportRecord) -> ExportDocument:
    """The export document as it was made for the record's moment."""
    assert record.generated_at is not None
    now, lang = record.generated_at, record.language
    if lang is not None and lang not in LANGUAGES:
        raise _Mismatch(f"it says it is in {lang!r}, a language Consenso does not keep.")
    if record.revision_number is not None:
        assert document.id is not None
        try:
            revision = revisions_service.get_or_raise(
                session, document_id=document.id, number=record.revision_number
            )
        except NotFound as exc:
            raise _Mismatch(f"{exc.detail} The file names it.") from exc
        issued = moments.of_revision(session, document=document, revision=revision)
        if issued.seq != record.audit_seq:
            raise _Mismatch(
                f"revision {record.revision_number} was issued at event {issued.seq}, "
                f"the file says event {record.audit_seq}."
            )
        return exports_service.build(
            session, document=document, now=now, revision=record.revision_number, lang=lang
        )
    if record.audit_seq == document.event_seq:
        return exports_service.build(session, document=document, now=now, lang=lang)
    assert document.id is not None
    moved = moments.moved_since(session, document_id=document.id, seq=record.audit_seq)
    if moved is not None:
        raise _Mismatch(
            f"paragraph {moved} was moved after event {record.audit_seq}, and the order the "
            "text had then is not on record, so this current-text export cannot be rebuilt "
            "(an export at a revision always can)."
        )
    moment = moments.Moment(record.audit_seq, record.audit_head)
    return exports_service.build_then(session, document=document, moment=moment, now=now, lang=lang)


def _first_difference(expected: bytes, found: bytes) -> str:
    at = next(
        (i for i, (a, b) in enumerate(zip(expected, found, strict=False)) if a != b),
        min(len(expected), len(found)),
    )
    if expected.startswith((b"%PDF", b"PK")):
        return f"they differ from byte {at + 1}"
    line = expected[:at].count(b"\n") + 1
    return f"they differ from line {line}"


# --- the JSON dump ------------------------------------------------------------------------------


def _dump_matches(
    session: Session, document: Document, record: ExportRecord, content: bytes
) -> None:
    assert document.id is not None
    if record.audit_seq == document.event_seq:
        fresh = dump_service.to_bytes(dump_service.dump(session, document_id=document.id))
        if fresh != content:
            raise _Mismatch(
                f"it names event {record.audit_seq}, the database's last, but it is not the "
                f"database's dump ({_first_difference(fresh, content)}): it was edited."
            )
        return
    try:
        data = json.loads(content)
        events = [Event(**row) for row in dump_service.rows_of(data, "event")]
        problem = _dump_problem(session, document.id, record, data, events)
    except (Invalid, TypeError, ValueError, AttributeError, KeyError) as exc:
        raise _Mismatch(f"its rows cannot be read ({exc}).") from exc
    if problem is not None:
        raise _Mismatch(problem)


def _dump_problem(
    session: Session, document_id: int, record: ExportRecord, data: Any, events: list[Event]
) -> str | None:
    ours = session.exec(
        select(Event.hash)
        .where(Event.document_id == document_id, Event.seq <= record.audit_seq)
        .order_by(col(Event.seq))
    ).all()
    if [e.hash for e in events] != list(ours):
        return f"its log is not the database's log up to event {record.audit_seq}."
    chained = (
        ChainedEvent(e.seq, e.prev_hash, e.hash, events_service.chained_fields(e)) for e in events
    )
    problem, _, _ = check_chain(
        chained, expected_count=record.audit_seq, expected_head=record.audit_head
    )
    if problem is None:
        problem = vouching.first_problem_in(
            vouching.covered_rows(_dumped_rows(data)), vouched=vouching.vouched(events)
        )
    return None if problem is None else f"{problem.where}: {problem.what}."


def _dumped_rows(data: dict[str, Any]) -> dict[str, list[Any]]:
    """The dump's covered tables as model rows, for the audit's hash checks."""
    models = {k.table: k.model for k in vouching.KINDS}
    models |= {"revision": Revision, "revision_entry": RevisionEntry}
    return {
        name: [model(**r) for r in dump_service.rows_of(data, name)]
        for name, model in models.items()
    }
