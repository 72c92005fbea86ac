"""Amendments as people read them: redline, rebase status against the head, disposition, overlaps.

Nothing here writes. What several amendments share (sponsors, versions, paragraphs, names,
base texts) is loaded once per call, however many amendments are shown.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

from sqlmodel import Session, col, select

from app.drafting import rebase as rebase_core
from app.drafting.worddiff import DELETE, INSERT, redline_html, word_diff
from app.models import (
    Amendment,
    AmendmentKind,
    AmendmentSponsor,
    AmendmentStatus,
    AmendmentVersion,
    Paragraph,
    ParagraphVersion,
    VersionAmendment,
)
from app.models.amendment import (
    AmendmentPublic,
    AmendmentVersionPublic,
    OverlapPublic,
    OverlapReport,
    SetAside,
    SponsorPublic,
)
from app.services.accounts import accounts as accounts_service
from app.services.amendments.outcome import decision_message, disposition
from app.services.amendments.rebasing import BaseTexts, conflicts_public, rebase_status
from app.services.record.rows import id_of
from app.services.text import kept_labels
from app.services.text import numbering as numbering_service


@dataclass(frozen=True)
class _Shared:
    """What the views of several amendments share, each loaded once."""

    sponsors: dict[int, list[AmendmentSponsor]]
    versions: dict[int, list[AmendmentVersion]]
    paragraphs: dict[int, Paragraph]
    names: dict[int, str]
    merged: dict[int, tuple[str, list[int]]]
    labels: dict[int, str]
    bases: BaseTexts
    provisional: dict[int, str]  # pending proposed new paragraphs: amendment id -> "3bis"

    def name(self, account_id: int | None) -> str | None:
        return None if account_id is None else self.names.get(account_id)


@dataclass(frozen=True)
class Written:
    """What a write has just stored, held by the request that stored it: its answer is built
    from these instead of reading them back (no statement whose answer the request has)."""

    sponsors: Sequence[AmendmentSponsor]
    versions: Sequence[AmendmentVersion]
    paragraph: Paragraph
    names: dict[int, str]


def _read_back(
    session: Session, amendments: Sequence[Amendment]
) -> tuple[Sequence[AmendmentSponsor], Sequence[AmendmentVersion], dict[int, Paragraph]]:
    ids = [id_of(a) for a in amendments]
    sponsor_rows = session.exec(
        select(AmendmentSponsor)
        .where(col(AmendmentSponsor.amendment_id).in_(ids))
        .order_by(col(AmendmentSponsor.joined_at), col(AmendmentSponsor.id))
    ).all()
    version_rows = session.exec(
        select(AmendmentVersion)
        .where(col(AmendmentVersion.amendment_id).in_(ids))
        .order_by(col(AmendmentVersion.number))
    ).all()
    paragraph_ids = {a.paragraph_id for a in amendments if a.paragraph_id}
    paragraph_ids |= {a.after_paragraph_id for a in amendments if a.after_paragraph_id}
    paragraphs = {
        id_of(p): p
        for p in session.exec(select(Paragraph).where(col(Paragraph.id).in_(paragraph_ids)))
    }
    return sponsor_rows, version_rows, paragraphs


def _load(
    session: Session, amendments: Sequence[Amendment], written: Written | None = None
) -> _Shared:
    if written is None:
        sponsor_rows, version_rows, paragraphs = _read_back(session, amendments)
    else:
        sponsor_rows, version_rows = written.sponsors, written.versions
        paragraphs = {id_of(written.paragraph): written.paragraph}
    account_ids = {a.author_account_id for a in amendments}
    account_ids |= {a.decided_by_account_id for a in amendments if a.decided_by_account_id}
    account_ids |= {s.joined_by_account_id for s in sponsor_rows}
    account_ids |= {v.author_account_id for v in version_rows}
    known = written.names if written is not None else {}
    sponsors: dict[int, list[AmendmentSponsor]] = defaultdict(list)
    for sponsor in sponsor_rows:
        sponsors[sponsor.amendment_id].append(sponsor)
    versions: dict[int, list[AmendmentVersion]] = defaultdict(list)
    for version in version_rows:
        versions[version.amendment_id].append(version)
    bases = BaseTexts(session)
    bases.prefetch(
        (paragraphs[a.paragraph_id], a.base_version)
        for a in amendments
        if a.paragraph_id and a.kind != AmendmentKind.INSERT_PARAGRAPH
    )
    return _Shared(
        sponsors=sponsors,
        versions=versions,
        paragraphs=paragraphs,
        names=known | accounts_service.usernames(session, account_ids - set(known)),
        merged=_result_versions(session, [id_of(a) for a in amendments if a.result_version]),
        bases=bases,
        **_labels(
            session,
            {a.document_id for a in amendments},
            insertions=any(a.paragraph_id is None for a in amendments),
        ),
    )


def public_many(session: Session, amendments: Sequence[Amendment]) -> list[AmendmentPublic]:
    """The API view of several amendments, loading what they share once."""
    if not amendments:
        return []
    shared = _load(session, amendments)
    return [_public(a, shared) for a in amendments]


def _public(a: Amendment, shared: _Shared) -> AmendmentPublic:
    amendment_id = id_of(a)
    rows = shared.sponsors.get(amendment_id, [])
    current = [a.proposer_code] + [
        s.participant_code
        for s in rows
        if s.left_at is None and s.participant_code != a.proposer_code
    ]
    paragraph = shared.paragraphs.get(a.paragraph_id) if a.paragraph_id else None
    anchor = shared.paragraphs.get(a.after_paragraph_id) if a.after_paragraph_id else None
    redline = _redline(a, paragraph, shared.bases)
    decided_by = shared.name(a.decided_by_account_id)
    return AmendmentPublic(
        id=amendment_id,
        document_id=a.document_id,
        kind=a.kind,
        status=a.status,
        paragraph_id=a.paragraph_id,
        paragraph_label=(
            shared.labels.get(a.paragraph_id)
            if a.paragraph_id
            else shared.provisional.get(amendment_id)
        ),
        section_id=a.section_id,
        after_paragraph_id=a.after_paragraph_id,
        base_version=a.base_version,
        text=a.text,
        rationale=a.rationale,
        revision=a.revision,
        proposer=a.proposer_code,
        sponsors=current,
        sponsor_history=[_sponsor_public(a, s, shared) for s in rows],
        revised_since_joined=[s.participant_code for s in rows if _revised_since_joined(a, s)],
        versions=[_version_public(v, shared) for v in shared.versions.get(amendment_id, [])],
        author=shared.name(a.author_account_id),
        created_at=a.created_at,
        updated_at=a.updated_at,
        decided_at=a.decided_at,
        decided_by=decided_by,
        decision_reason=a.decision_reason,
        decision_message=decision_message(a),
        result_version=a.result_version,
        disposition=disposition(a, current, decided_by, shared.merged.get(amendment_id)),
        redline=redline,
        redline_html=redline_html(redline),
        rebase=rebase_status(
            a, paragraph, shared.bases, anchor_live=anchor is None or anchor.deleted_at is None
        ),
        late=a.late,
        chairs_text=a.chairs_text,
        replaces=list(a.replaces or []),
    )


def _revised_since_joined(a: Amendment, row: AmendmentSponsor) -> bool:
    """A current co-sponsor that joined an earlier text than the amendment's latest."""
    current_co_sponsor = row.left_at is None and row.participant_code != a.proposer_code
    return current_co_sponsor and row.joined_revision < a.revision


def _sponsor_public(a: Amendment, row: AmendmentSponsor, shared: _Shared) -> SponsorPublic:
    return SponsorPublic(
        code=row.participant_code,
        joined_at=row.joined_at,
        joined_by=shared.name(row.joined_by_account_id),
        left_at=row.left_at,
        joined_revision=row.joined_revision,
        revised_since_joined=_revised_since_joined(a, row),
    )


def _version_public(row: AmendmentVersion, shared: _Shared) -> AmendmentVersionPublic:
    return AmendmentVersionPublic(
        number=row.number,
        base_version=row.base_version,
        text=row.text,
        rationale=row.rationale,
        author=shared.name(row.author_account_id),
        created_at=row.created_at,
    )


def _labels(
    session: Session, document_ids: set[int], *, insertions: bool
) -> dict[str, dict[int, str]]:
    """Current labels of live paragraphs (the documents' numbering, without their text) and,
    when a proposed new paragraph is among the amendments shown (`insertions`), the provisional
    labels of the pending ones: a hot write on an existing paragraph reads none of them."""
    labels: dict[int, str] = {}
    provisional: dict[int, str] = {}
    for document_id in sorted(document_ids):
        live = kept_labels.live_labels(session, document_id=document_id)
        labels.update(live)
        if insertions:
            provisional.update(
                numbering_service.provisional_labels(session, document_id=document_id, labels=live)
            )
    return {"labels": labels, "provisional": provisional}


def public(
    session: Session, *, amendment: Amendment, written: Written | None = None
) -> AmendmentPublic:
    """One amendment with its redline against its base and its rebase status against the head;
    after a write on one paragraph, from the rows it wrote (`written`)."""
    if written is None:
        return public_many(session, [amendment])[0]
    return _public(amendment, _load(session, [amendment], written))


def _redline(a: Amendment, paragraph: Paragraph | None, bases: BaseTexts) -> list[tuple[str, str]]:
    if a.kind == AmendmentKind.INSERT_PARAGRAPH:
        return [(INSERT, a.text)]
    if paragraph is None:
        return []
    base = bases.text(paragraph, a.base_version)
    if a.kind == AmendmentKind.DELETE_PARAGRAPH:
        return [(DELETE, base)]
    return word_diff(base, a.text)


def _result_versions(session: Session, ids: list[int]) -> dict[int, tuple[str, list[int]]]:
    """amendment id -> (source of the version it went into, every amendment that version names)."""
    if not ids:
        return {}
    rows = session.exec(
        select(VersionAmendment.amendment_id, VersionAmendment.version_id, ParagraphVersion.source)
        .join(ParagraphVersion, col(ParagraphVersion.id) == col(VersionAmendment.version_id))
        .where(col(VersionAmendment.amendment_id).in_(ids))
    ).all()
    version_ids = {version_id for _, version_id, _ in rows}
    named: dict[int, list[int]] = defaultdict(list)
    for link in session.exec(
        select(VersionAmendment).where(col(VersionAmendment.version_id).in_(version_ids))
    ):
        named[link.version_id].append(link.amendment_id)
    return {
        amendment_id: (source, sorted(named[version_id]))
        for amendment_id, version_id, source in rows
    }


def list_for_paragraph(
    session: Session, *, paragraph: Paragraph, status: str | None = None
) -> list[AmendmentPublic]:
    """The amendments on one paragraph, oldest first (optionally only those in one status)."""
    query = select(Amendment).where(Amendment.paragraph_id == paragraph.id)
    if status:
        query = query.where(Amendment.status == status)
    return public_many(session, session.exec(query.order_by(col(Amendment.id))).all())


def list_for_document(
    session: Session, *, document_id: int, status: str | None = None
) -> list[AmendmentPublic]:
    """Every amendment on a document, paragraph insertions included, oldest first."""
    query = select(Amendment).where(Amendment.document_id == document_id)
    if status:
        query = query.where(Amendment.status == status)
    return public_many(session, session.exec(query.order_by(col(Amendment.id))).all())


def overlaps(session: Session, *, paragraph: Paragraph) -> OverlapReport:
    """Which pending amendments on a paragraph collide with each other, and which combine.

    Each is first rebased onto the head; those that conflict with the head (or that the head
    already carries) are set aside with the reason, the rest are compared on the head's words.
    A pending deletion of the paragraph touches every word, so it overlaps any rewording.
    """
    pending = session.exec(
        select(Amendment)
        .where(Amendment.paragraph_id == paragraph.id, Amendment.status == AmendmentStatus.PENDING)
        .order_by(col(Amendment.id))
    ).all()
    texts, set_aside = _rebased_onto_head(session, paragraph, pending)
    found = rebase_core.overlaps(paragraph.head_text, texts)
    colliding = {(o.a, o.b) for o in found}
    compared = sorted(texts)
    combined = None
    if compared and not found:
        combined = rebase_core.combine(paragraph.head_text, [texts[i] for i in compared]).text
    return OverlapReport(
        paragraph_id=id_of(paragraph),
        head_version=paragraph.head_version,
        compared=compared,
        set_aside=set_aside,
        overlaps=[
            OverlapPublic(a=o.a, b=o.b, conflicts=conflicts_public(o.conflicts)) for o in found
        ],
        combinable_pairs=[pair for pair in combinations(compared, 2) if pair not in colliding],
        all_combinable=bool(compared) and not found,
        combined_text=combined,
    )


def _rebased_onto_head(
    session: Session, paragraph: Paragraph, pending: Sequence[Amendment]
) -> tuple[dict[int, str], list[SetAside]]:
    """(amendment id -> its text rebased onto the head, the amendments set aside and why)."""
    bases = BaseTexts(session)
    bases.prefetch((paragraph, a.base_version) for a in pending)
    texts: dict[int, str] = {}
    set_aside: list[SetAside] = []
    for a in pending:
        status = rebase_status(a, paragraph, bases)
        if status.status == rebase_core.APPLIES_CLEANLY and status.text is not None:
            texts[id_of(a)] = status.text
            continue
        if status.status == rebase_core.CONFLICT:
            words = "; ".join(repr(c.base_text) for c in status.conflicts)
            reason = f"Conflicts with version {paragraph.head_version} at {words}."
        elif status.status == rebase_core.ALREADY_APPLIED:
            reason = f"Version {paragraph.head_version} already carries its changes."
        else:
            reason = status.reason
        set_aside.append(SetAside(amendment_id=id_of(a), status=status.status, reason=reason))
    return texts, set_aside
