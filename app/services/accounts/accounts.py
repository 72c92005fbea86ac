"""Accounts and sign-in sessions."""

from __future__ import annotations

import builtins
from collections.abc import Iterable
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from app import security
from app.errors import Conflict, Invalid, NotAuthenticated, NotFound
from app.models import Account, AuthSession, Participant, ParticipantKind, Role
from app.models.account import AccountCreate, AccountPublic
from app.services.accounts.actors import Actor
from app.services.record import events as events_service
from app.services.record.rows import id_of

USERNAME_MAX = 64  # the column's length

# Built once: every request signs in, and building a statement costs more than running it here
# (docs/performance.md, "Statements built once"). The account's participant comes in the same
# statement: the request's later checks of the delegation it speaks for (`members.member_code`)
# find it loaded.
_SIGNED_IN = (
    select(AuthSession, Account, Participant)
    .join(Account, col(Account.id) == col(AuthSession.account_id))
    .join(Participant, col(Participant.code) == col(Account.participant_code), isouter=True)
    .where(col(AuthSession.token_hash) == sa.bindparam("digest"))
)


def public(account: Account, participant: Participant | None = None) -> AccountPublic:
    return AccountPublic(
        id=id_of(account),
        username=account.username,
        display_name=account.display_name,
        role=account.role,
        participant_code=account.participant_code,
        chair_of=account.chair_of,
        disabled=account.disabled,
        delegation_name=participant.name_en if participant else None,
    )


def get_by_username(session: Session, *, username: str) -> Account | None:
    """The account, or None; a name no account can have (too long, with a NUL or a lone
    surrogate, which PostgreSQL would refuse to compare) is not looked up."""
    if not _storable_name(username):
        return None
    return session.exec(select(Account).where(Account.username == username.lower())).first()


def _storable_name(username: str) -> bool:
    if len(username) > USERNAME_MAX or "\x00" in username:
        return False
    try:
        username.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def list(session: Session) -> builtins.list[Account]:  # noqa: A001 - the house verb
    """Every account, by username."""
    return builtins.list(session.exec(select(Account).order_by(col(Account.username))).all())


def _check_role(role: Role, participant: Participant | None, chair_of: str | None) -> None:
    """422 unless the role fits the participant the account speaks for (and a chair's bloc)."""
    if role == Role.DELEGATE and (
        participant is None or participant.kind != ParticipantKind.MEMBER
    ):
        raise Invalid(
            "A delegate account must belong to a member delegation.",
            code="account.delegate_member",
        )
    if role == Role.OBSERVER and (
        participant is None or participant.kind != ParticipantKind.OBSERVER
    ):
        raise Invalid(
            "An observer account must belong to an observer organisation.",
            code="account.observer_organisation",
        )
    if role in (Role.CHAIR, Role.SECRETARIAT) and participant is not None:
        raise Invalid(
            "Co-chairs and the secretariat do not speak for a delegation.",
            code="account.chair_side_delegation",
        )
    if role == Role.CHAIR and chair_of not in ("RCM", "SACM"):
        raise Invalid(
            "A co-chair account must name the conference it presides: RCM or SACM.",
            code="account.chair_conference",
        )


def create(
    session: Session,
    *,
    data: AccountCreate,
    now: datetime,
    actor: Actor | None = None,
    password_hash: str | None = None,
) -> Account:
    """Create an account after checking its role fits the participant it speaks for."""
    participant = session.get(Participant, data.participant_code) if data.participant_code else None
    if data.participant_code and participant is None:
        raise Invalid(
            f"Unknown participant code {data.participant_code!r}.",
            code="account.unknown_participant",
            params={"code": repr(data.participant_code)},
        )
    role = Role(data.role)
    _check_role(role, participant, data.chair_of)
    if get_by_username(session, username=data.username) is not None:
        raise _taken(data.username)
    account = Account(
        created_at=now,
        username=data.username,
        display_name=data.display_name or data.username,
        role=role,
        participant_code=data.participant_code,
        chair_of=data.chair_of if role == Role.CHAIR else None,
        password_hash=password_hash or security.hash_password(data.password),
    )
    session.add(account)
    try:
        session.flush()
    except IntegrityError as exc:
        raise _taken(data.username) from exc
    events_service.record(
        session,
        document_id=None,
        actor=actor,
        action="account.created",
        target_type="account",
        target_id=account.id,
        payload={"username": account.username, "role": str(role)},
        now=now,
    )
    return account


def _taken(username: str) -> Conflict:
    return Conflict(
        f"The username {username!r} is taken.",
        code="account.username_taken",
        params={"username": repr(username)},
    )


def _no_account(username: str) -> NotFound:
    return NotFound(
        f"No account named {username!r}.",
        code="account.not_found",
        params={"username": repr(username)},
    )


def set_disabled(
    session: Session, *, username: str, disabled: bool, now: datetime, actor: Actor | None = None
) -> Account:
    """Disable (or re-enable) an account; disabling also ends its sessions."""
    account = get_by_username(session, username=username)
    if account is None:
        raise _no_account(username)
    account.disabled = disabled
    if disabled:
        _revoke_sessions(session, account, now)
    events_service.record(
        session,
        document_id=None,
        actor=actor,
        action="account.disabled" if disabled else "account.enabled",
        target_type="account",
        target_id=account.id,
        now=now,
    )
    session.flush()
    return account


def set_password(session: Session, *, username: str, password: str, now: datetime) -> Account:
    """Give an account a new password and end its sessions."""
    if len(password) < 8:
        raise Invalid("A password needs at least 8 characters.", code="account.password_short")
    account = get_by_username(session, username=username)
    if account is None:
        raise _no_account(username)
    account.password_hash = security.hash_password(password)
    _revoke_sessions(session, account, now)
    events_service.record(
        session,
        document_id=None,
        actor=None,
        action="account.password_changed",
        target_type="account",
        target_id=account.id,
        now=now,
    )
    session.flush()
    return account


def _revoke_sessions(session: Session, account: Account, now: datetime) -> None:
    for auth in session.exec(
        select(AuthSession).where(
            AuthSession.account_id == account.id, col(AuthSession.revoked_at).is_(None)
        )
    ):
        auth.revoked_at = now


def login(
    session: Session, *, username: str, password: str, secret_key: str, hours: int, now: datetime
) -> tuple[str, AuthSession, Account]:
    """Check the password and open a session; the same message for every failure."""
    account = get_by_username(session, username=username.strip())
    if account is None:
        security.burn_verification_time(password)
        raise NotAuthenticated("Wrong username or password.", code="auth.wrong_password", params={})
    if not security.verify_password(account.password_hash, password) or account.disabled:
        raise NotAuthenticated("Wrong username or password.", code="auth.wrong_password", params={})
    token = security.new_token()
    auth = AuthSession(
        token_hash=security.token_digest(secret_key, token),
        account_id=id_of(account),
        created_at=now,
        expires_at=now + timedelta(hours=hours),
    )
    session.add(auth)
    session.flush()
    return token, auth, account


SIGNED_IN_PARTICIPANT = "consenso.signed_in_participant"


def authenticate(session: Session, *, token: str, secret_key: str, now: datetime) -> Account:
    """The account behind a live session token, or 401."""
    digest = security.token_digest(secret_key, token)
    row = session.execute(_SIGNED_IN, {"digest": digest}).first()
    if row is None:
        raise NotAuthenticated(
            "Your session is not valid. Sign in again.", code="auth.session_invalid"
        )
    auth: AuthSession = row[0]
    account: Account = row[1]
    participant: Participant | None = row[2]
    if auth.revoked_at is not None or auth.expires_at <= now or account.disabled:
        raise NotAuthenticated("Your session has ended. Sign in again.", code="auth.session_ended")
    # The identity map holds loaded rows weakly: kept here, the participant stays in it for
    # the request, so `session.get` answers without a statement.
    session.info[SIGNED_IN_PARTICIPANT] = participant
    return account


_AUTH: sa.Table = AuthSession.__table__  # type: ignore[attr-defined]
_ACCOUNTS: sa.Table = Account.__table__  # type: ignore[attr-defined]
_PARTICIPANTS: sa.Table = Participant.__table__  # type: ignore[attr-defined]
# The same sign-in for the hot writes, as plain columns: an Actor needs no loaded rows.
_SIGNED_IN_ACTOR = (
    sa.select(
        _AUTH.c.revoked_at,
        _AUTH.c.expires_at,
        _ACCOUNTS.c.disabled,
        _ACCOUNTS.c.id,
        _ACCOUNTS.c.username,
        _ACCOUNTS.c.role,
        _ACCOUNTS.c.participant_code,
        _ACCOUNTS.c.chair_of,
        _PARTICIPANTS.c.kind,
    )
    .join(_ACCOUNTS, _ACCOUNTS.c.id == _AUTH.c.account_id)
    .join(_PARTICIPANTS, _PARTICIPANTS.c.code == _ACCOUNTS.c.participant_code, isouter=True)
    .where(_AUTH.c.token_hash == sa.bindparam("digest"))
)


def authenticate_actor(session: Session, *, token: str, secret_key: str, now: datetime) -> Actor:
    """Who acts with a live session token, or 401: `authenticate` without loading the rows
    (one Core statement), for the hot writes. The actor knows whether its delegation is a
    member, so `members.member_code` reads nothing more."""
    digest = security.token_digest(secret_key, token)
    row = session.connection().execute(_SIGNED_IN_ACTOR, {"digest": digest}).first()
    if row is None:
        raise NotAuthenticated(
            "Your session is not valid. Sign in again.", code="auth.session_invalid"
        )
    revoked_at, expires_at, disabled, account_id, username, role, code, chair_of, kind = row
    if revoked_at is not None or expires_at <= now or disabled:
        raise NotAuthenticated("Your session has ended. Sign in again.", code="auth.session_ended")
    return Actor(
        account_id=account_id,
        username=username,
        role=Role(role),
        participant_code=code,
        chair_of=chair_of,
        member=None if code is None else kind == ParticipantKind.MEMBER,
    )


def logout(session: Session, *, token: str, secret_key: str, now: datetime) -> None:
    """End the session behind a token (a no-op if it is already gone)."""
    auth = session.exec(
        select(AuthSession).where(
            AuthSession.token_hash == security.token_digest(secret_key, token)
        )
    ).first()
    if auth is not None and auth.revoked_at is None:
        auth.revoked_at = now
        session.flush()


def usernames(session: Session, ids: Iterable[int | None]) -> dict[int, str]:
    """Username of each account id (None and unknown ids are left out): who did what."""
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    rows = session.exec(select(Account.id, Account.username).where(col(Account.id).in_(wanted)))
    return {account_id: username for account_id, username in rows if account_id is not None}
