"""What an event vouches for: the hash of each row it wrote, keyed by the row.

Every write puts `{"content": {"<table>/<id>": sha256, …}}` in its event's payload, so the hash
chain covers the texts, positions, amendments and sponsorships themselves, not only the fact
that something happened. The audit (`record/audit.py`) recomputes each row's hash and compares
it with the last event that vouched for that row: a hand edit to any of them is named.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from app.models import (
    Amendment,
    AmendmentSponsor,
    ParagraphTranslation,
    ParagraphVersion,
    Position,
)
from app.services.record.rows import id_of

Content = tuple[str, str]  # (row reference such as "position/12", sha256 of what it holds)


def digest(fields: dict[str, Any]) -> str:
    body = json.dumps(
        fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str
    )
    return hashlib.sha256(body.encode()).hexdigest()


def of_version(version: ParagraphVersion) -> Content:
    """A paragraph version is its text; its stored hash is already the text's SHA-256."""
    return f"paragraph_version/{id_of(version)}", digest(
        {"paragraph_id": version.paragraph_id, "number": version.number, "sha256": version.sha256}
    )


def of_amendment(amendment: Amendment) -> Content:
    return f"amendment/{id_of(amendment)}", digest(
        {
            "kind": amendment.kind,
            "status": amendment.status,
            "paragraph_id": amendment.paragraph_id,
            "base_version": amendment.base_version,
            "text": amendment.text,
            "rationale": amendment.rationale,
            "revision": amendment.revision,
            "proposer_code": amendment.proposer_code,
            "result_version": amendment.result_version,
        }
    )


def of_position(position: Position) -> Content:
    return f"position/{id_of(position)}", digest(
        {
            "paragraph_id": position.paragraph_id,
            "version_number": position.version_number,
            "amendment_id": position.amendment_id,
            "participant_code": position.participant_code,
            "stance": position.stance,
            "note": position.note,
            "account_id": position.account_id,
        }
    )


def of_sponsor(sponsor: AmendmentSponsor) -> Content:
    return f"amendment_sponsor/{id_of(sponsor)}", digest(
        {
            "amendment_id": sponsor.amendment_id,
            "participant_code": sponsor.participant_code,
            "joined_at": sponsor.joined_at.isoformat(),
            "left_at": sponsor.left_at.isoformat() if sponsor.left_at else None,
        }
    )


def of_translation(translation: ParagraphTranslation) -> Content:
    return f"paragraph_translation/{id_of(translation)}", digest(
        {
            "paragraph_id": translation.paragraph_id,
            "lang": translation.lang,
            "version": translation.version,
            "text": hashlib.sha256(translation.text.encode()).hexdigest(),
            "account_id": translation.author_account_id,
        }
    )
