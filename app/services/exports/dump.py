"""A lossless JSON dump of one document with its whole history, and its restore.

The dump holds every row that belongs to the document (sections, paragraphs, every version's
patch and hash, amendments with their versions and sponsors, comments, positions, silence
procedures, revisions, the event log with its hash chain) plus the participants and accounts
they refer to, with their ids. Credentials are never dumped: restored accounts must be given a
password (`consenso accounts password NAME`) before they can sign in.

The output is canonical (rows by id, keys in column order, UTC ISO timestamps), so dumping,
restoring into another engine and dumping again gives the same bytes.
"""

from __future__ import annotations

import enum
import json
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session

from app.drafting.integrity import Problem
from app.errors import Invalid, NotFound
from app.models import Document, SQLModel
from app.models.base import UTCDateTime
from app.services.record import audit as audit_service
from app.services.record.rows import id_of

FORMAT = "consenso-dump"
VERSION = 1
UNUSABLE_PASSWORD = "!restored-account-without-password"

# Tables in the order they can be inserted (foreign keys point backwards), with how each one's
# rows are selected for document :doc.
_SELECTION: list[tuple[str, str]] = [
    ("participant", "true"),
    ("account", "true"),
    ("document", "id = :doc"),
    ("section", "document_id = :doc"),
    ("paragraph", "document_id = :doc"),
    ("paragraph_version", "paragraph_id IN (SELECT id FROM paragraph WHERE document_id = :doc)"),
    (
        "paragraph_translation",
        "paragraph_id IN (SELECT id FROM paragraph WHERE document_id = :doc)",
    ),
    ("amendment", "document_id = :doc"),
    ("amendment_version", "amendment_id IN (SELECT id FROM amendment WHERE document_id = :doc)"),
    ("amendment_sponsor", "amendment_id IN (SELECT id FROM amendment WHERE document_id = :doc)"),
    (
        "version_amendment",
        "amendment_id IN (SELECT id FROM amendment WHERE document_id = :doc)",
    ),
    ("comment", "document_id = :doc"),
    ("position", "document_id = :doc"),
    ("silence_procedure", "document_id = :doc"),
    ("revision", "document_id = :doc"),
    ("revision_entry", "revision_id IN (SELECT id FROM revision WHERE document_id = :doc)"),
    ("plenary_reading", "document_id = :doc"),
    ("floor_request", "document_id = :doc"),
    ("round", "document_id = :doc"),
    ("invitation", "document_id = :doc"),
    ("event", "document_id = :doc"),
]
_SKIPPED_COLUMNS = {("account", "password_hash")}
# Tables a dump leaves out on purpose: sign-in sessions (credentials), and which inbox items a
# delegation has put aside (a reader's convenience across documents, not the record).
NOT_DUMPED = frozenset({"auth_session", "inbox_dismissal", "export_job"})  # export_job: a cache


def _table(name: str) -> sa.Table:
    return SQLModel.metadata.tables[name]


def _order(table: sa.Table) -> list[sa.Column[Any]]:
    return list(table.primary_key.columns)


def _encode(column: sa.Column[Any], value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime | date):  # a round's days are dates
        return value.isoformat()
    return value


def _decode(column: sa.Column[Any], value: Any) -> Any:
    if value is None:
        return None
    if isinstance(column.type, UTCDateTime):
        return datetime.fromisoformat(value)
    if isinstance(column.type, sa.Date):
        return date.fromisoformat(value)
    enum_class = getattr(column.type, "enum_class", None)
    if enum_class is not None:
        return enum_class(value)
    return value


def dump(session: Session, *, document_id: int) -> dict[str, Any]:
    """Every row of the document and what it refers to, as plain JSON-ready data; refused
    (RecordDamaged, 503) when the document's record does not verify."""
    document = session.get(Document, document_id)
    if document is None:
        raise NotFound(
            f"There is no document {document_id}.",
            code="document.not_found",
            params={"id": document_id},
        )
    audit_service.require_intact(
        session, document=document, refusing="A dump of a damaged record is not made."
    )
    tables: dict[str, list[dict[str, Any]]] = {}
    for name, where in _SELECTION:
        table = _table(name)
        columns = [c for c in table.columns if (name, c.name) not in _SKIPPED_COLUMNS]
        rows = session.execute(
            sa.select(*columns).where(sa.text(where)).order_by(*_order(table)),
            {"doc": document_id},
        ).all()
        tables[name] = [
            {c.name: _encode(c, value) for c, value in zip(columns, row, strict=True)}
            for row in rows
        ]
    return {
        "format": FORMAT,
        "version": VERSION,
        "document_id": document_id,
        # The moment of the record the dump holds (`consenso verify FILE` checks it).
        "audit_seq": document.event_seq,
        "audit_head": document.event_head,
        "tables": tables,
    }


def _not_a_list(name: str) -> Invalid:
    return Invalid(
        f"The dump's {name!r} table is not a list of rows.",
        code="dump.table_not_list",
        params={"table": name},
    )


def _damaged_row(name: str, exc: Exception) -> Invalid:
    return Invalid(
        f"A row of {name!r} in the dump is damaged: {exc}",
        code="dump.row_damaged",
        params={"table": name, "reason": str(exc)},
    )


def rows_of(data: dict[str, Any], name: str) -> list[dict[str, Any]]:
    """One table of a dump, decoded to column values (timestamps, enums); Invalid if damaged."""
    table = _table(name)
    tables = data.get("tables")
    rows = tables.get(name, []) if isinstance(tables, dict) else None
    if not isinstance(rows, list):
        raise _not_a_list(name)
    try:
        return [
            {c.name: _decode(c, row[c.name]) for c in table.columns if c.name in row}
            for row in rows
        ]
    except (KeyError, ValueError, TypeError) as exc:
        raise _damaged_row(name, exc) from exc


def to_bytes(data: dict[str, Any]) -> bytes:
    """Canonical JSON: the same data always gives the same bytes."""
    return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n").encode()


def restore(session: Session, *, data: dict[str, Any]) -> int:
    """Insert a dump into an empty database (participants may already be there); returns the id.

    The restored record is verified before it is returned: a dump that does not verify (edited
    by hand, cut short) is refused with a 422 naming its first bad entry, and the caller's
    transaction, which holds every row inserted, is rolled back."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise Invalid(
            "This file is not a Consenso dump (its 'format' is not consenso-dump).",
            code="dump.not_a_dump",
        )
    if data.get("version") != VERSION:
        raise Invalid(
            f"This dump has version {data.get('version')!r}; this Consenso reads {VERSION}.",
            code="dump.version",
            params={"version": repr(data.get("version")), "reads": VERSION},
        )
    tables = data.get("tables")
    if not isinstance(tables, dict):
        raise Invalid("This dump has no 'tables'.", code="dump.no_tables")
    for name in ("account", "document"):
        count = session.execute(sa.select(sa.func.count()).select_from(_table(name))).scalar_one()
        if count:
            raise Invalid(
                f"The database already has {name} rows; a dump is restored into an empty "
                "database (run the migrations on a new one).",
                code="dump.database_not_empty",
                params={"table": name},
            )
    known_participants = set(session.execute(sa.select(_table("participant").c.code)).scalars())
    for name, _ in _SELECTION:
        table = _table(name)
        rows = tables.get(name, [])
        if not isinstance(rows, list):
            raise _not_a_list(name)
        decoded = []
        for row in rows:
            if name == "participant" and row.get("code") in known_participants:
                continue
            try:
                values = {c.name: _decode(c, row[c.name]) for c in table.columns if c.name in row}
            except (KeyError, ValueError, TypeError) as exc:
                raise _damaged_row(name, exc) from exc
            if name == "account":
                values["password_hash"] = UNUSABLE_PASSWORD
            decoded.append(values)
        if decoded:
            session.execute(table.insert(), decoded)
    session.flush()
    _reset_sequences(session)
    _mark_unmarked(session)
    return _verified(session, data)


def _mark_unmarked(session: Session) -> None:
    """A dump from before the marks (migration 0012) has none: marked at the head, as the
    migration marks an existing document (`record/marks.py`)."""
    documents = _table("document")
    session.execute(
        sa.update(documents)
        .where(documents.c.labels_seq == 0)
        .values(
            labels_seq=documents.c.event_seq,
            labels_hash=documents.c.event_head,
            rounds_seq=documents.c.event_seq,
            rounds_hash=documents.c.event_head,
        )
    )


def _verified(session: Session, data: dict[str, Any]) -> int:
    """The restored document's id once its record verifies; else roll back and say why."""
    document_id = data.get("document_id")
    document = session.get(Document, document_id) if isinstance(document_id, int) else None
    if document is None:
        session.rollback()
        raise Invalid(
            f"This dump has no document {document_id!r}; nothing was restored.",
            code="dump.no_document",
            params={"document": repr(document_id)},
        )
    problem = audit_service.verify(session, document=document).problem
    claimed = (data.get("audit_seq"), data.get("audit_head"))
    if problem is None and claimed not in ((None, None), (document.event_seq, document.event_head)):
        problem = Problem("the dump", "the audit_seq and audit_head it names are not its log's")
    if problem is not None:
        session.rollback()
        raise Invalid(
            f"This dump does not verify: {problem.where}: {problem.what}. Nothing was restored.",
            code="dump.not_verified",
            params={"where": problem.where, "problem": problem.what},
            where=problem.where,
            what=problem.what,
        )
    return id_of(document)


def _reset_sequences(session: Session) -> None:
    """PostgreSQL's id sequences do not see explicit ids: move them past the restored rows."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for name, _ in _SELECTION:
        table = _table(name)
        if "id" not in table.c or not table.c.id.autoincrement:
            continue
        if not isinstance(table.c.id.type, sa.Integer):
            continue
        session.execute(
            sa.text(
                f"SELECT setval(pg_get_serial_sequence('\"{name}\"', 'id'), "
                f'COALESCE((SELECT MAX(id) FROM "{name}"), 0) + 1, false)'
            )
        )
