"""Amendments as people read them: redline, rebase status against the head, disposition, overlaps.

Nothing here writes. Base texts are rebuilt once per (paragraph, version) per call, so listing
fifty amendments written against the same version rebuilds that version once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from itertools import combinations

from sqlmodel import Session, select

from app.drafting import rebase as rebase_core
from app.drafting.labels import paragraph_label
from app.drafting.worddiff import DELETE, INSERT, redline_html, word_diff
from app.models import (
    Amendment,
    AmendmentKind,
    AmendmentSponsor,
    AmendmentStatus,
    AmendmentVersion,
    Paragraph,
    ParagraphVersion,
    Section,
    VersionAmendment,
)
from app.models.amendment import (
    AmendmentPublic,
    AmendmentVersionPublic,
    ConflictPublic,
    OverlapPublic,
    OverlapReport,
    RebaseStatus,
    SetAside,
    SponsorPublic,
)
from app.services.accounts import accounts as accounts_service
from app.services.text import versions as versions_service

NOT_APPLICABLE = "not_applicable"


class BaseTexts:
    """Paragraph texts by (paragraph, version), each rebuilt at most once."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._texts: dict[tuple[int, int], str] = {}

    def prefetch(self, wanted: Iterable[tuple[Paragraph, int]]) -> None:
        """One forward pass per paragraph that needs two or more past versions."""
        needed: dict[int, set[int]] = defaultdict(set)
        for paragraph, number in wanted:
            if number != paragraph.head_version and (paragraph.id, number) not in self._texts:
                needed[paragraph.id].add(number)
        for paragraph_id, numbers in needed.items():
            if len(numbers) > 1:
                texts = versions_service.all_texts(self.session, paragraph_id=paragraph_id)
                self._texts.update({(paragraph_id, n): t for n, t in texts.items()})

    def text(self, paragraph: Paragraph, number: int) -> str:
        if number == paragraph.head_version:
            return paragraph.head_text
        key = (paragraph.id, number)
        if key not in self._texts:
            self._texts[key] = versions_service.text_of(
                self.session, paragraph_id=paragraph.id, number=number
            )
        return self._texts[key]


def conflicts_public(conflicts: Iterable[rebase_core.Conflict]) -> list[ConflictPublic]:
    return [
        ConflictPublic(
            base_start=c.base_start,
            base_end=c.base_end,
            base_text=c.base_text,
            head_text=c.head_text,
            amendment_text=c.amendment_text,
        )
        for c in conflicts
    ]


def rebase_status(
    amendment: Amendment, paragraph: Paragraph | None, bases: BaseTexts, anchor_live: bool = True
) -> RebaseStatus:
    """Whether the amendment still applies to the head, with the rebased text or the conflicts."""
    head = paragraph.head_version if paragraph is not None else 0
    if amendment.status != AmendmentStatus.PENDING:
        return RebaseStatus(
            status=NOT_APPLICABLE, head_version=head, reason=f"The amendment is {amendment.status}."
        )
    if amendment.kind == AmendmentKind.INSERT_PARAGRAPH:
        if not anchor_live:
            return RebaseStatus(
                status=NOT_APPLICABLE,
                head_version=0,
                reason=f"Paragraph {amendment.after_paragraph_id}, which the new paragraph was to "
                "follow, has been deleted.",
            )
        return RebaseStatus(status=rebase_core.APPLIES_CLEANLY, head_version=0, text=amendment.text)
    if paragraph is None or paragraph.deleted_at is not None:
        return RebaseStatus(
            status=NOT_APPLICABLE,
            head_version=head,
            reason=f"Paragraph {amendment.paragraph_id} has been deleted.",
        )
    if amendment.kind == AmendmentKind.DELETE_PARAGRAPH:
        moved = head != amendment.base_version
        return RebaseStatus(
            status=rebase_core.APPLIES_CLEANLY,
            head_version=head,
            text="",
            reason=f"The paragraph has changed since version {amendment.base_version}."
            if moved
            else "",
        )
    base = bases.text(paragraph, amendment.base_version)
    result = rebase_core.rebase(base, paragraph.head_text, amendment.text)
    return RebaseStatus(
        status=result.status,
        head_version=head,
        text=result.text,
        conflicts=conflicts_public(result.conflicts),
    )


def _disposition(
    a: Amendment,
    sponsors: Sequence[str],
    decided_by: str | None,
    merged: tuple[str, list[int]] | None,
) -> str:
    """One sentence saying what happened to the amendment, for the record."""
    if a.status == AmendmentStatus.PENDING:
        return f"Pending, sponsored by {', '.join(sponsors)}."
    by = f" by {decided_by}" if decided_by else ""
    if a.status == AmendmentStatus.REJECTED:
        return f"Rejected{by}: {a.decision_reason}"
    if a.status == AmendmentStatus.WITHDRAWN:
        reason = f": {a.decision_reason}" if a.decision_reason else "."
        return f"Withdrawn{by}{reason}"
    if a.status == AmendmentStatus.SUPERSEDED:
        return f"Superseded: {a.decision_reason}"
    if a.kind == AmendmentKind.DELETE_PARAGRAPH:
        return f"Accepted{by}: paragraph {a.paragraph_id} was deleted."
    if a.kind == AmendmentKind.INSERT_PARAGRAPH:
        return f"Accepted{by}: it became paragraph {a.paragraph_id}."
    if merged is not None and merged[0] == "merge":
        others = [i for i in merged[1] if i != a.id]
        with_others = (
            f" together with amendment{'s' if len(others) > 1 else ''} "
            f"{', '.join(map(str, others))}"
            if others
            else ""
        )
        if a.status == AmendmentStatus.ACCEPTED:
            return (
                f"Accepted in full{by} in the compromise text, version {a.result_version}, merged"
                f"{with_others}."
            )
        return (
            f"Partly accepted{by}: merged{with_others} into the compromise text, "
            f"version {a.result_version}."
        )
    if a.decision_reason:
        return f"Accepted{by}: {a.decision_reason}"
    return f"Accepted{by} as version {a.result_version}."


def public_many(session: Session, amendments: Sequence[Amendment]) -> list[AmendmentPublic]:
    """The API view of several amendments, loading what they share once."""
    if not amendments:
        return []
    ids = [a.id for a in amendments]
    sponsor_rows = session.exec(
        select(AmendmentSponsor)
        .where(AmendmentSponsor.amendment_id.in_(ids))
        .order_by(AmendmentSponsor.joined_at, AmendmentSponsor.id)
    ).all()
    version_rows = session.exec(
        select(AmendmentVersion)
        .where(AmendmentVersion.amendment_id.in_(ids))
        .order_by(AmendmentVersion.number)
    ).all()
    paragraph_ids = {a.paragraph_id for a in amendments if a.paragraph_id}
    paragraph_ids |= {a.after_paragraph_id for a in amendments if a.after_paragraph_id}
    paragraphs = {
        p.id: p for p in session.exec(select(Paragraph).where(Paragraph.id.in_(paragraph_ids)))
    }
    account_ids = {a.author_account_id for a in amendments}
    account_ids |= {a.decided_by_account_id for a in amendments if a.decided_by_account_id}
    account_ids |= {s.joined_by_account_id for s in sponsor_rows}
    account_ids |= {v.author_account_id for v in version_rows}
    names = accounts_service.usernames(session, account_ids)
    merged = _result_versions(session, [a.id for a in amendments if a.result_version])
    labels = _labels(session, paragraphs.values())

    sponsors = defaultdict(list)
    for row in sponsor_rows:
        sponsors[row.amendment_id].append(row)
    versions = defaultdict(list)
    for row in version_rows:
        versions[row.amendment_id].append(row)
    bases = BaseTexts(session)
    bases.prefetch(
        (paragraphs[a.paragraph_id], a.base_version)
        for a in amendments
        if a.paragraph_id and a.kind != AmendmentKind.INSERT_PARAGRAPH
    )
    result = []
    for a in amendments:
        rows = sponsors[a.id]
        current = [a.proposer_code] + [
            s.participant_code
            for s in rows
            if s.left_at is None and s.participant_code != a.proposer_code
        ]
        paragraph = paragraphs.get(a.paragraph_id) if a.paragraph_id else None
        anchor = paragraphs.get(a.after_paragraph_id) if a.after_paragraph_id else None
        redline = _redline(a, paragraph, bases)
        result.append(
            AmendmentPublic(
                id=a.id,
                document_id=a.document_id,
                kind=a.kind,
                status=a.status,
                paragraph_id=a.paragraph_id,
                paragraph_label=labels.get(a.paragraph_id) if a.paragraph_id else None,
                section_id=a.section_id,
                after_paragraph_id=a.after_paragraph_id,
                base_version=a.base_version,
                text=a.text,
                rationale=a.rationale,
                revision=a.revision,
                proposer=a.proposer_code,
                sponsors=current,
                sponsor_history=[
                    SponsorPublic(
                        code=s.participant_code,
                        joined_at=s.joined_at,
                        joined_by=names.get(s.joined_by_account_id),
                        left_at=s.left_at,
                    )
                    for s in rows
                ],
                versions=[
                    AmendmentVersionPublic(
                        number=v.number,
                        base_version=v.base_version,
                        text=v.text,
                        rationale=v.rationale,
                        author=names.get(v.author_account_id),
                        created_at=v.created_at,
                    )
                    for v in versions[a.id]
                ],
                author=names.get(a.author_account_id),
                created_at=a.created_at,
                updated_at=a.updated_at,
                decided_at=a.decided_at,
                decided_by=names.get(a.decided_by_account_id),
                decision_reason=a.decision_reason,
                result_version=a.result_version,
                disposition=_disposition(
                    a, current, names.get(a.decided_by_account_id), merged.get(a.id)
                ),
                redline=redline,
                redline_html=redline_html(redline),
                rebase=rebase_status(
                    a, paragraph, bases, anchor_live=anchor is None or anchor.deleted_at is None
                ),
            )
        )
    return result


def _labels(session: Session, paragraphs: Iterable[Paragraph]) -> dict[int, str]:
    """Current labels ("2.3") of live paragraphs, reading only their sections' numbering.

    Same rule as documents_service.numbering, without loading every paragraph's text.
    """
    section_ids = {p.section_id for p in paragraphs if p.deleted_at is None}
    if not section_ids:
        return {}
    rows = session.exec(
        select(Paragraph.id, Paragraph.section_id, Section.position)
        .join(Section, Section.id == Paragraph.section_id)
        .where(Paragraph.section_id.in_(section_ids), Paragraph.deleted_at.is_(None))
        .order_by(Paragraph.section_id, Paragraph.position)
    ).all()
    labels, counters = {}, defaultdict(int)
    for paragraph_id, section_id, section_position in rows:
        counters[section_id] += 1
        labels[paragraph_id] = paragraph_label(section_position, counters[section_id])
    return labels


def public(session: Session, *, amendment: Amendment) -> AmendmentPublic:
    """One amendment with its redline against its base and its rebase status against the head."""
    return public_many(session, [amendment])[0]


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
        select(VersionAmendment.amendment_id, ParagraphVersion.id, ParagraphVersion.source)
        .join(ParagraphVersion, ParagraphVersion.id == VersionAmendment.version_id)
        .where(VersionAmendment.amendment_id.in_(ids))
    ).all()
    version_ids = {version_id for _, version_id, _ in rows}
    named = defaultdict(list)
    for link in session.exec(
        select(VersionAmendment).where(VersionAmendment.version_id.in_(version_ids))
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
    return public_many(session, session.exec(query.order_by(Amendment.id)).all())


def list_for_document(
    session: Session, *, document_id: int, status: str | None = None
) -> list[AmendmentPublic]:
    """Every amendment on a document, paragraph insertions included, oldest first."""
    query = select(Amendment).where(Amendment.document_id == document_id)
    if status:
        query = query.where(Amendment.status == status)
    return public_many(session, session.exec(query.order_by(Amendment.id)).all())


def overlaps(session: Session, *, paragraph: Paragraph) -> OverlapReport:
    """Which pending amendments on a paragraph collide with each other, and which combine.

    Each is first rebased onto the head; those that conflict with the head (or that the head
    already carries) are set aside with the reason, the rest are compared on the head's words.
    A pending deletion of the paragraph touches every word, so it overlaps any rewording.
    """
    pending = session.exec(
        select(Amendment)
        .where(Amendment.paragraph_id == paragraph.id, Amendment.status == AmendmentStatus.PENDING)
        .order_by(Amendment.id)
    ).all()
    bases = BaseTexts(session)
    bases.prefetch((paragraph, a.base_version) for a in pending)
    texts: dict[int, str] = {}
    set_aside = []
    for a in pending:
        status = rebase_status(a, paragraph, bases)
        if status.status == rebase_core.APPLIES_CLEANLY:
            texts[a.id] = status.text
            continue
        if status.status == rebase_core.CONFLICT:
            words = "; ".join(repr(c.base_text) for c in status.conflicts)
            reason = f"Conflicts with version {paragraph.head_version} at {words}."
        elif status.status == rebase_core.ALREADY_APPLIED:
            reason = f"Version {paragraph.head_version} already carries its changes."
        else:
            reason = status.reason
        set_aside.append(SetAside(amendment_id=a.id, status=status.status, reason=reason))
    found = rebase_core.overlaps(paragraph.head_text, texts)
    colliding = {(o.a, o.b) for o in found}
    compared = sorted(texts)
    combined = None
    if compared and not found:
        combined = rebase_core.combine(paragraph.head_text, [texts[i] for i in compared]).text
    return OverlapReport(
        paragraph_id=paragraph.id,
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
