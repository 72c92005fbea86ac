"""The checks a proposal or a revision passes: the proposer speaks for the amendment, its base
version exists and its text changes it, and the paragraph is not frozen."""

from __future__ import annotations

from sqlmodel import Session

from app import i18n
from app.drafting import consensus
from app.errors import Conflict, Forbidden, Invalid
from app.i18n.errors_core import core_code
from app.models import Amendment, Paragraph, Role
from app.services.accounts.actors import Actor
from app.services.accounts.members import member_code
from app.services.amendments.access import current_sponsors
from app.services.record.rows import id_of
from app.services.text import limits
from app.services.text import versions as versions_service
from app.services.text.cleaning import paragraph_text


def require_proposer(session: Session, amendment: Amendment, actor: Actor, action: str) -> str:
    """The proposing delegation speaks for the amendment; a co-sponsor can only leave it."""
    if amendment.chairs_text and actor.role == Role.CHAIR:
        return amendment.proposer_code  # either co-chair speaks for the chairs' text
    code = member_code(session, actor, f"{action} amendments")
    proposer = amendment.proposer_code
    if code == proposer:
        return code
    params = {
        "code": code,
        "id": id_of(amendment),
        "proposer": proposer,
        "action": i18n.code_of("action.", f"{action} it"),
    }
    if code in current_sponsors(session, amendment=amendment):
        raise Forbidden(
            f"{code} co-sponsors amendment {amendment.id}; only its proposer, {proposer}, can "
            f"{action} it. A co-sponsor can leave it instead.",
            code="amendment.co_sponsor_not_proposer",
            params=params,
        )
    raise Forbidden(
        f"Only the proposer of amendment {amendment.id} ({proposer}) can {action} it.",
        code="amendment.proposer_only",
        params=params,
    )


def named_base(base_version: int | None) -> int:
    if base_version is None:
        raise Invalid(
            "Name the base_version: the version of the paragraph you are amending.",
            code="proposal.base_version",
        )
    return base_version


def base_text(paragraph: Paragraph, base_version: int, session: Session) -> str:
    if not 1 <= base_version <= paragraph.head_version:
        raise Invalid(
            f"Paragraph {paragraph.id} has versions 1 to {paragraph.head_version}; "
            f"there is no version {base_version}.",
            code="paragraph.no_version",
            params={
                "paragraph": id_of(paragraph),
                "head": paragraph.head_version,
                "n": base_version,
            },
        )
    if base_version == paragraph.head_version:
        return paragraph.head_text
    return versions_service.text_of(session, paragraph_id=id_of(paragraph), number=base_version)


def modify_text(
    session: Session, paragraph: Paragraph, base_version: int, text: str
) -> tuple[str, str]:
    """(cleaned text, base text) of a wording amendment, or 422 if it changes nothing."""
    text = paragraph_text(text, limits=limits.of(session), what="The proposed text")
    base = base_text(paragraph, base_version, session)
    if text == base:
        raise Invalid(
            f"The amendment changes nothing: the proposed text is the same as version "
            f"{base_version}.",
            code="proposal.changes_nothing",
            params={"version": base_version},
        )
    return text, base


def refuse_if_frozen(paragraph: Paragraph) -> None:
    error = consensus.amendment_error(frozen=paragraph.frozen)
    if error:
        raise Conflict(error, code=core_code(error))
