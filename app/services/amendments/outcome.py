"""What became of an amendment, in words: the disposition sentence for the record, and the
reason the server gave for its decision as a message the reader's language renders."""

from __future__ import annotations

from collections.abc import Sequence

from app.models import Amendment, AmendmentKind, AmendmentStatus
from app.models.position import MessagePublic


def decision_message(a: Amendment) -> MessagePublic | None:
    """The reason the server gave for the decision, as a message (None: typed, or none)."""
    code = a.decision_code
    if not code or not isinstance(code.get("code"), str):
        return None
    params = code.get("params")
    return MessagePublic(
        code=str(code["code"]), params=dict(params) if isinstance(params, dict) else {}
    )


def disposition(
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
