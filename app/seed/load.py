"""Seed data: participants (always) and the demo accounts and document (on an empty database)."""

from __future__ import annotations

import csv
import secrets
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from importlib import resources
from pathlib import Path

from sqlmodel import Session, func, select

from app import security
from app.clock import SettableClock
from app.drafting.consensus import Stance
from app.models import Account, Amendment, Document, Paragraph, Participant, ParticipantKind, Role
from app.models.account import AccountCreate
from app.models.amendment import AmendmentCreate
from app.models.calendar import RoundCreate
from app.models.document import DocumentCreate
from app.models.participant import CHAIRS
from app.models.revision import RevisionCreate
from app.seed import demo_calendar, demo_document, demo_negotiation
from app.services.accounts import accounts as accounts_service
from app.services.accounts.actors import Actor
from app.services.amendments import discussion as discussion_service
from app.services.amendments import proposals as amendments_service
from app.services.amendments import sponsors as sponsors_service
from app.services.calendar import rounds as rounds_service
from app.services.positions import taking as taking_service
from app.services.record.rows import id_of
from app.services.revisions import revisions as revisions_service
from app.services.text import documents as documents_service
from app.services.text import paragraphs as paragraphs_service

AD_REFERENDUM_NOTE = "Pending confirmation by capital."


def participant_rows() -> list[dict[str, str]]:
    text = resources.files("app.seed").joinpath("participants.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


def load_participants(session: Session) -> int:
    """Insert the members and observers that are missing; returns how many were added."""
    existing = set(session.exec(select(Participant.code)).all())
    added = 0
    for row in participant_rows():
        if row["code"] in existing:
            continue
        session.add(
            Participant(
                code=row["code"],
                kind=ParticipantKind(row["kind"]),
                bloc=row["bloc"] or None,
                name_en=row["name_en"],
                name_es=row["name_es"],
                name_pt=row["name_pt"],
            )
        )
        added += 1
    for code, name_en, name_es, name_pt in CHAIRS:
        if code not in existing:
            session.add(
                Participant(
                    code=code,
                    kind=ParticipantKind.CHAIR,
                    name_en=name_en,
                    name_es=name_es,
                    name_pt=name_pt,
                )
            )
    session.flush()
    return added


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    speaks_for: str


def demo_accounts() -> list[AccountCreate]:
    """The predictable demo accounts (password filled in by the caller)."""
    accounts = [
        AccountCreate(
            username="chair.rcm",
            display_name="Co-chair (RCM PPT)",
            role=Role.CHAIR,
            chair_of="RCM",
            password="x" * 8,
        ),
        AccountCreate(
            username="chair.sacm",
            display_name="Co-chair (SACM PPT)",
            role=Role.CHAIR,
            chair_of="SACM",
            password="x" * 8,
        ),
        AccountCreate(
            username="secretariat",
            display_name="Technical Secretariat",
            role=Role.SECRETARIAT,
            password="x" * 8,
        ),
    ]
    for row in participant_rows():
        role = Role.DELEGATE if row["kind"] == "member" else Role.OBSERVER
        accounts.append(
            AccountCreate(
                username=row["code"].lower(),
                display_name=f"Delegation of {row['name_en']}"
                if role == Role.DELEGATE
                else row["name_en"],
                role=role,
                participant_code=row["code"],
                password="x" * 8,
            )
        )
    return accounts


def resolve_demo_password(explicit: str | None, store: Path) -> str:
    """CONSENSO_DEMO_PASSWORD when set, else one generated once and kept in var/ (not in git)."""
    if explicit:
        return explicit
    if store.exists():
        return store.read_text().strip()
    value = secrets.token_urlsafe(9)
    store.parent.mkdir(parents=True, exist_ok=True)
    store.write_text(value)
    store.chmod(0o600)
    return value


# How long before `now` the demo negotiation began (it ends before `now`).
STORY_SPAN = timedelta(days=3)


def is_empty(session: Session) -> bool:
    return (
        session.exec(select(func.count()).select_from(Account)).one() == 0
        and session.exec(select(func.count()).select_from(Document)).one() == 0
    )


def load(session: Session, *, password: str, now: datetime, negotiation: bool = True) -> Document:
    """Load participants, demo accounts and the demo document into an empty database.

    With `negotiation`, also a Zero draft and a first round of amendments and positions; the
    test suite starts from the bare text instead, so each test sets up only what it asserts.
    """
    load_participants(session)
    # The demo is a negotiation that took three days, ending at `now`: the text drafted, then
    # the Zero draft, then amendments, then positions, each a second after the one before, so
    # that comparisons and timelines read the story in the order it happened.
    story = SettableClock(now - STORY_SPAN, step=timedelta(seconds=1))
    # One hash for all demo accounts: they share the password, and argon2 is slow on purpose.
    password_hash = security.hash_password(password)
    for data in demo_accounts():
        accounts_service.create(session, data=data, now=story(), password_hash=password_hash)
    chair = _actor(session, "chair.rcm")
    document = documents_service.create(
        session,
        actor=chair,
        now=story(),
        data=DocumentCreate(
            title=demo_document.TITLE, sections=[t for t, _ in demo_document.SECTIONS]
        ),
    )
    for section in documents_service.sections(session, document_id=id_of(document)):
        after: int | None = None
        for text in demo_document.SECTIONS[section.position - 1][1]:
            paragraph = paragraphs_service.insert(
                session,
                document=document,
                section_ref=id_of(section),
                after=after,
                text=text,
                actor=chair,
                now=story(),
                note="Zero draft text",
            )
            after = id_of(paragraph)
    if negotiation:
        _negotiate(session, document, story)
        # The calendar comes last: the story's amendments are never measured against it,
        # whatever day the demo is loaded on.
        _calendar(session, document, story)
    return document


def _calendar(session: Session, document: Document, story: SettableClock) -> None:
    """The concept note's rounds, each with its deadline for amendments a week before."""
    chair = _actor(session, "chair.rcm")
    for name, place, zone, first, last, days in demo_calendar.ROUNDS:
        rounds_service.create(
            session,
            document=document,
            data=RoundCreate(
                name=name,
                place=place,
                timezone=zone,
                starts_on=first,
                ends_on=last,
                days=days,
                amendment_deadline=datetime.combine(first - timedelta(days=7), time(18)),
            ),
            actor=chair,
            now=story(),
        )


def _actor(session: Session, username: str) -> Actor:
    account = accounts_service.get_by_username(session, username=username)
    if account is None:
        raise LookupError(f"There is no demo account {username!r}.")
    return Actor.of(account)


# (section position, paragraph number) in the Zero draft, as demo_negotiation names paragraphs.
Grid = dict[tuple[int, int], Paragraph]


def _negotiate(session: Session, document: Document, story: SettableClock) -> None:
    """Zero draft, then amendments, co-sponsors, comments and positions (see demo_negotiation)."""
    grid = _grid(session, document)
    story.advance(timedelta(hours=1))
    revisions_service.issue(
        session,
        document=document,
        actor=_actor(session, "chair.rcm"),
        now=story(),
        data=RevisionCreate(note="Zero draft"),
    )
    story.advance(timedelta(days=1))
    amendments = _propose(session, grid, story)
    for username, index, body in demo_negotiation.COMMENTS:
        discussion_service.comment(
            session,
            amendment=amendments[index],
            body=body,
            actor=_actor(session, username),
            now=story(),
        )
    story.advance(timedelta(days=1))
    _take_positions(session, grid, story)


def _grid(session: Session, document: Document) -> Grid:
    grid: Grid = {}
    live = documents_service.live_paragraphs(session, document_id=id_of(document))
    for section in documents_service.sections(session, document_id=id_of(document)):
        in_section = [p for p in live if p.section_id == section.id]
        for number, paragraph in enumerate(in_section, start=1):
            grid[(section.position, number)] = paragraph
    return grid


def _propose(session: Session, grid: Grid, story: SettableClock) -> list[Amendment]:
    """The demo amendments with their co-sponsors, in demo_negotiation's order."""
    amendments = []
    for proposer, ref, (old, new), rationale, cosponsors in demo_negotiation.AMENDMENTS:
        paragraph = grid[ref]
        amendment = amendments_service.propose(
            session,
            paragraph=paragraph,
            data=AmendmentCreate(
                base_version=paragraph.head_version,
                text=paragraph.head_text.replace(old, new),
                rationale=rationale,
            ),
            actor=_actor(session, proposer),
            now=story(),
        )
        for username in cosponsors:
            sponsors_service.join(
                session,
                amendment=amendment,
                code=None,
                actor=_actor(session, username),
                now=story(),
            )
        amendments.append(amendment)
    return amendments


def _take_positions(session: Session, grid: Grid, story: SettableClock) -> None:
    """Every member on the paragraphs all support, then the positions that differ."""
    members = [row["code"].lower() for row in participant_rows() if row["kind"] == "member"]
    stances: list[tuple[str, tuple[int, int], Stance, str]] = []
    for ref in demo_negotiation.SUPPORTED_BY_ALL:
        for username in members:
            if demo_negotiation.AD_REFERENDUM.get(ref) == username:
                stances.append((username, ref, Stance.AD_REFERENDUM, AD_REFERENDUM_NOTE))
            else:
                stances.append((username, ref, Stance.SUPPORT, ""))
    stances += [(u, ref, Stance(s), note) for u, ref, s, note in demo_negotiation.POSITIONS]
    for username, ref, stance, note in stances:
        paragraph = grid[ref]
        taking_service.take_on_paragraph(
            session,
            paragraph=paragraph,
            version=paragraph.head_version,
            stance=stance,
            note=note,
            actor=_actor(session, username),
            now=story(),
        )


def logins() -> list[DemoLogin]:
    return [
        DemoLogin(a.username, str(a.role), a.chair_of or a.participant_code or "")
        for a in demo_accounts()
    ]
