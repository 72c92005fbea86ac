"""Attribution: which version, amendment and delegation wrote each phrase of a paragraph.

The pure walk is `app.drafting.blame`; this module loads the history in bulk (one query per
table, whatever the number of versions) and words each span the way a delegate reads it: "From
Mexico's amendment (MEX, BRA), accepted in Rev.2".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from app.drafting import history
from app.drafting.blame import BlameSpan, blame
from app.errors import NotFound
from app.models import (
    Account,
    Amendment,
    AmendmentSponsor,
    AmendmentStatus,
    Paragraph,
    ParagraphVersion,
    Participant,
    Revision,
    RevisionEntry,
    Role,
    VersionAmendment,
)
from app.models.revision import BlamePublic, BlameSpanPublic
from app.services.record.rows import id_of
from app.services.text import rebuilding

# Names that read better with an article: "the United States' amendment".
_WITH_ARTICLE = {"USA", "DOM"}
_VERBS = {"create": "Drafted", "edit": "Edited", "restore": "Restored"}


def histories(session: Session, *, paragraph_ids: Iterable[int]) -> dict[int, dict[int, str]]:
    """paragraph id -> {version number: text}, every paragraph rebuilt from one query."""
    ids = sorted(set(paragraph_ids))
    if not ids:
        return {}
    rows: dict[int, list[history.StoredVersion]] = {pid: [] for pid in ids}
    for v in session.exec(
        select(ParagraphVersion)
        .where(col(ParagraphVersion.paragraph_id).in_(ids))
        .order_by(col(ParagraphVersion.paragraph_id), col(ParagraphVersion.number))
    ):
        rows[v.paragraph_id].append(
            history.StoredVersion(
                number=v.number, patch=v.patch, sha256=v.sha256, snapshot=v.snapshot
            )
        )
    return {pid: rebuilding.texts(pid, stored) for pid, stored in rows.items()}


def spans_at(texts: dict[int, str], version: int) -> list[BlameSpan]:
    """Blame of `version` given every version's text (versions after it are ignored)."""
    return blame([(n, texts[n]) for n in sorted(texts) if n <= version])


@dataclass(frozen=True)
class _Origin:
    """Everything a span's wording needs about the version that wrote it."""

    version: ParagraphVersion
    amendments: list[Amendment]
    delegations: list[str]
    author: str | None
    author_role: str | None
    revision_label: str | None


def sponsors_at(rows: Iterable[AmendmentSponsor], proposer: str, moment: datetime) -> list[str]:
    """Codes sponsoring at `moment`, the proposer first, then in the order they joined."""
    active = sorted(
        (r for r in rows if r.joined_at <= moment and (r.left_at is None or r.left_at > moment)),
        key=lambda r: r.joined_at,
    )
    codes = [r.participant_code for r in active]
    if proposer in codes:
        codes.remove(proposer)
        codes.insert(0, proposer)
    return codes


def possessive(code: str, names: dict[str, str]) -> str:
    name = names.get(code, code)
    if code in _WITH_ARTICLE:
        name = f"the {name}"
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def _joined(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _summary(origin: _Origin, names: dict[str, str]) -> str:
    """One sentence a delegate can read about where a phrase came from."""
    when = f" in {origin.revision_label}" if origin.revision_label else " (not yet in a revision)"
    codes = ", ".join(origin.delegations)
    amendments = origin.amendments
    merged = origin.version.source == "merge" or any(
        a.status == AmendmentStatus.PARTLY_ACCEPTED for a in amendments
    )
    if len(amendments) > 1 or (amendments and merged):
        whose = _joined(list(dict.fromkeys(possessive(a.proposer_code, names) for a in amendments)))
        noun = "amendment" if len(amendments) == 1 else "amendments"
        where = f", in {origin.revision_label}" if origin.revision_label else when
        return f"From the chairs' compromise merging {whose} {noun} ({codes}){where}"
    if amendments:
        whose = possessive(amendments[0].proposer_code, names)
        return f"From {whose} amendment ({codes}), accepted{when}"
    if origin.revision_label == "Zero draft":
        return "Zero draft text"
    code = origin.version.delegation_code
    if code and code.startswith("PPT-"):
        who = f"the {code[4:]} co-chair"
    elif origin.author_role == Role.SECRETARIAT:
        who = "the secretariat"
    elif code:
        who = names.get(code, code)
    else:
        who = origin.author or "an unknown author"
    verb = _VERBS.get(origin.version.source, "Changed")
    return f"{verb} by {who}{when}"


def _coded(code: str, **params: object) -> dict[str, object]:
    return {"code": code, "params": params}


def summary_code(origin: _Origin) -> dict[str, object]:
    """The same sentence as `_summary`, as data for the reader's catalogue: a code whose
    parameters may be codes themselves (who, how, when), delegations by their codes."""
    when = (
        _coded("blame.when.in", revision=origin.revision_label)
        if origin.revision_label
        else _coded("blame.when.pending")
    )
    codes = ", ".join(origin.delegations)
    amendments = origin.amendments
    merged = origin.version.source == "merge" or any(
        a.status == AmendmentStatus.PARTLY_ACCEPTED for a in amendments
    )
    if len(amendments) > 1 or (amendments and merged):
        proposers = ", ".join(dict.fromkeys(a.proposer_code for a in amendments))
        return _coded("blame.merged", proposers=proposers, codes=codes, when=when)
    if amendments:
        return _coded(
            "blame.amendment", proposer=amendments[0].proposer_code, codes=codes, when=when
        )
    if origin.revision_label == "Zero draft":
        return _coded("blame.zero_draft")
    code = origin.version.delegation_code
    if code and code.startswith("PPT-"):
        who = _coded("blame.who.chair", bloc=code[4:])
    elif origin.author_role == Role.SECRETARIAT:
        who = _coded("blame.who.secretariat")
    else:
        who = _coded("blame.who.named", name=code or origin.author or "?")
    how = _coded(
        f"blame.how.{origin.version.source}"
        if origin.version.source in _VERBS
        else "blame.how.other"
    )
    return _coded("blame.changed", how=how, who=who, when=when)


def _origins(session: Session, *, paragraph_id: int) -> dict[int, _Origin]:
    """version number -> its origin, loaded with one query per table."""
    versions = session.exec(
        select(ParagraphVersion).where(ParagraphVersion.paragraph_id == paragraph_id)
    ).all()
    links: dict[int, list[int]] = {}
    for link in session.exec(
        select(VersionAmendment).where(
            col(VersionAmendment.version_id).in_([id_of(v) for v in versions])
        )
    ):
        links.setdefault(link.version_id, []).append(link.amendment_id)
    amendment_ids = sorted({a for ids in links.values() for a in ids})
    amendments = {
        id_of(a): a
        for a in session.exec(select(Amendment).where(col(Amendment.id).in_(amendment_ids)))
    }
    sponsors: dict[int, list[AmendmentSponsor]] = {}
    for row in session.exec(
        select(AmendmentSponsor).where(col(AmendmentSponsor.amendment_id).in_(amendment_ids))
    ):
        sponsors.setdefault(row.amendment_id, []).append(row)
    # Keyed by the optional id a version names, so a version without an author finds nobody.
    accounts: dict[int | None, tuple[str | None, str | None]] = {
        account_id: (username, role)
        for account_id, username, role in session.exec(
            select(Account.id, Account.username, Account.role).where(
                col(Account.id).in_({v.author_account_id for v in versions if v.author_account_id})
            )
        )
    }
    # The revisions this paragraph is in, oldest first: a version "landed" in the first one
    # whose entry is at or past it.
    in_revisions = session.exec(
        select(Revision.number, Revision.label, RevisionEntry.version_number)
        .join(RevisionEntry, col(RevisionEntry.revision_id) == col(Revision.id))
        .where(RevisionEntry.paragraph_id == paragraph_id)
        .order_by(col(Revision.number))
    ).all()
    origins: dict[int, _Origin] = {}
    for v in versions:
        linked = [amendments[a] for a in sorted(links.get(id_of(v), [])) if a in amendments]
        author, role = accounts.get(v.author_account_id, (None, None))
        label = next((lbl for _, lbl, at in in_revisions if at >= v.number), None)
        origins[v.number] = _Origin(
            v, linked, _delegations(v, linked, sponsors), author, role, label
        )
    return origins


def _delegations(
    version: ParagraphVersion, linked: list[Amendment], sponsors: dict[int, list[AmendmentSponsor]]
) -> list[str]:
    """Who a version speaks for: its amendments' sponsors when decided, else its own delegation."""
    if not linked:
        return [version.delegation_code] if version.delegation_code else []
    delegations: list[str] = []
    for a in linked:
        moment = a.decided_at or version.created_at
        for code in sponsors_at(sponsors.get(id_of(a), []), a.proposer_code, moment):
            if code not in delegations:
                delegations.append(code)
    return delegations


def paragraph(session: Session, *, paragraph: Paragraph, version: int | None) -> BlamePublic:
    """Every character of one version of a paragraph, attributed to the version that wrote it."""
    number = paragraph.head_version if version is None else version
    if number < 1 or number > paragraph.head_version:
        raise NotFound(
            f"Paragraph {paragraph.id} has versions 1 to {paragraph.head_version}; "
            f"there is no version {number}.",
            code="paragraph.no_version",
            params={"paragraph": id_of(paragraph), "head": paragraph.head_version, "n": number},
        )
    paragraph_id = id_of(paragraph)
    texts = histories(session, paragraph_ids=[paragraph_id])[paragraph_id]
    origins = _origins(session, paragraph_id=paragraph_id)
    names = dict(session.exec(select(Participant.code, Participant.name_en)).all())
    spans: list[BlameSpanPublic] = []
    offset = 0
    for span in spans_at(texts, number):
        origin = origins[span.version]
        spans.append(
            BlameSpanPublic(
                text=span.text,
                start=offset,
                end=offset + len(span.text),
                version=span.version,
                source=origin.version.source,
                amendment_ids=[id_of(a) for a in origin.amendments],
                delegations=origin.delegations,
                author=origin.author,
                revision_label=origin.revision_label,
                created_at=origin.version.created_at,
                summary=_summary(origin, names),
                summary_code=summary_code(origin),
            )
        )
        offset += len(span.text)
    return BlamePublic(paragraph_id=paragraph_id, version=number, text=texts[number], spans=spans)
