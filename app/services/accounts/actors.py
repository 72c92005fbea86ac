"""Who is acting: an account with its role and the delegation it speaks for."""

from __future__ import annotations

from dataclasses import dataclass

from app import i18n
from app.errors import Forbidden
from app.models import Account, Role
from app.services.record.rows import id_of


@dataclass(frozen=True)
class Actor:
    account_id: int
    username: str
    role: Role
    participant_code: str | None
    chair_of: str | None = None
    # Whether `participant_code` names a member delegation, when sign-in read it (None: not
    # known, `members.member_code` looks it up).
    member: bool | None = None

    @classmethod
    def of(cls, account: Account) -> Actor:
        return cls(
            account_id=id_of(account),
            username=account.username,
            role=Role(account.role),
            participant_code=account.participant_code,
            chair_of=account.chair_of,
        )

    @property
    def is_chair_side(self) -> bool:
        """Co-chairs, and the secretariat acting on their instruction."""
        return self.role in (Role.CHAIR, Role.SECRETARIAT)

    @property
    def is_member_delegate(self) -> bool:
        return self.role == Role.DELEGATE and self.participant_code is not None

    @property
    def delegation(self) -> str | None:
        """The code recorded on what this actor writes (a delegation, organisation or chair)."""
        if self.participant_code:
            return self.participant_code
        if self.role == Role.CHAIR and self.chair_of:
            return f"PPT-{self.chair_of}"
        return None


def action_params(action: str) -> dict[str, str]:
    """The `action` parameter of a refusal: the code of the phrase, shown in the reader's
    language (app.i18n.TERMS)."""
    return {"action": i18n.code_of("action.", action)}


def require_chair_side(actor: Actor, action: str) -> None:
    if not actor.is_chair_side:
        raise Forbidden(
            f"Only the co-chairs or the secretariat can {action}.",
            code="access.chair_side",
            params=action_params(action),
        )


def require_chair(actor: Actor, action: str) -> None:
    if actor.role != Role.CHAIR:
        raise Forbidden(
            f"Only a co-chair can {action}.", code="access.chair", params=action_params(action)
        )


def require_member(actor: Actor, action: str) -> str:
    """The member delegation the actor speaks for, or 403 (observers, chairs, secretariat)."""
    code = actor.participant_code
    if code is None or not actor.is_member_delegate:
        if actor.role == Role.OBSERVER:
            raise Forbidden(
                f"Observers read and comment; they cannot {action}.",
                code="access.observer",
                params=action_params(action),
            )
        raise Forbidden(
            f"Only a member delegation can {action}; the chairs do not take sides.",
            code="access.member",
            params=action_params(action),
        )
    return code
