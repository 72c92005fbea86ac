"""The rows an amendment's writes store beside it (its sponsorships and versions), made in one
place so that a write's answer can be built from them as the request holds them."""

from __future__ import annotations

from app.models import Amendment, AmendmentSponsor, AmendmentVersion, Paragraph
from app.services.accounts.actors import Actor
from app.services.amendments import views as views_service
from app.services.record import rows
from app.services.record.rows import id_of


def first_rows(amendment: Amendment, actor: Actor) -> tuple[AmendmentSponsor, AmendmentVersion]:
    """The proposer's sponsorship and version 1: what proposing writes beside the amendment."""
    proposer = rows.new(
        AmendmentSponsor,
        amendment_id=id_of(amendment),
        participant_code=amendment.proposer_code,
        joined_by_account_id=actor.account_id,
        joined_at=amendment.created_at,
    )
    return proposer, version_row(amendment, actor)


def written(amendment: Amendment, *, paragraph: Paragraph, actor: Actor) -> views_service.Written:
    """What proposing on `paragraph` wrote, as the request holds it, for its answer."""
    proposer, version = first_rows(amendment, actor)
    return views_service.Written(
        sponsors=[proposer],
        versions=[version],
        paragraph=paragraph,
        names={actor.account_id: actor.username},
    )


def version_row(amendment: Amendment, actor: Actor) -> AmendmentVersion:
    return rows.new(
        AmendmentVersion,
        amendment_id=id_of(amendment),
        number=amendment.revision,
        base_version=amendment.base_version,
        text=amendment.text,
        patch=amendment.patch,
        text_sha256=amendment.text_sha256,
        rationale=amendment.rationale,
        author_account_id=actor.account_id,
        created_at=amendment.updated_at,
    )
