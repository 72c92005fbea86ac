"""What the core says, as data: a code with parameters, rendered by the reader's catalogue.

The core names a reason (`consensus.objects` with `{"code": "VEN"}`) instead of writing a
sentence; `app/i18n` holds the sentences in English, Spanish and Portuguese and the interface
has the same codes in `frontend/i18n`. The English templates of the core's own codes live here,
so that the core can still give its English reading (`english`) without leaving its layer.
Times travel as ISO 8601 UTC strings and are rendered with their zone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

Param = str | int

# Parameters that hold a moment ("2026-12-03T18:00:00Z"), rendered "2026-12-03 18:00 UTC".
TIME_PARAMS = frozenset({"deadline", "at"})

ENGLISH = {
    "consensus.objects": "{code} objects",
    "consensus.reserves": "{code} reserves",
    "consensus.pending_amendment": "{count} pending amendment",
    "consensus.pending_amendments": "{count} pending amendments",
    "consensus.silence_running": "silence running until {deadline}",
    "consensus.silence_held": "silence held until {deadline}",
    "consensus.silence_cancelled": "silence cancelled at {at}",
    "consensus.silence_broken": "silence broken",
    "consensus.silence_broken_by": "silence broken by {by}",
    "consensus.silence_broken_at": "silence broken at {at}",
    "consensus.silence_broken_by_at": "silence broken by {by} at {at}",
    "consensus.no_position": "{missing} of {size} members have taken no position",
    "consensus.ad_referendum": "{code} agrees ad referendum",
    "consensus.all_agree": "all {size} members agree",
    "consensus.no_members": "no members",
    # What became of an amendment, and why it no longer applies, when the server says so.
    "decision.superseded_by_deletion": (
        "paragraph {paragraph} was deleted by accepting amendment {amendment}."
    ),
    "decision.already_contained": "Version {version} already contained its changes.",
    "decision.replaced_by_chairs": (
        "Replaced by the chairs' proposal (amendment {amendment}), adopted as version {version}."
    ),
    "decision.adopted_replacing": (
        "Adopted as version {version}, replacing amendments {amendments}."
    ),
    "decision.adopted": "Adopted as version {version}.",
    "rebase.not_pending_accepted": "The amendment is accepted.",
    "rebase.not_pending_partly_accepted": "The amendment is partly accepted.",
    "rebase.not_pending_rejected": "The amendment is rejected.",
    "rebase.not_pending_withdrawn": "The amendment is withdrawn.",
    "rebase.not_pending_superseded": "The amendment is superseded.",
    "rebase.anchor_deleted": (
        "Paragraph {paragraph}, which the new paragraph was to follow, has been deleted."
    ),
    "rebase.paragraph_deleted": "Paragraph {paragraph} has been deleted.",
    "rebase.paragraph_changed": "The paragraph has changed since version {version}.",
}


@dataclass(frozen=True, slots=True)
class Message:
    code: str
    params: dict[str, Param] = field(default_factory=dict)


def iso(t: datetime) -> str:
    """A moment as a message parameter: ISO 8601 in UTC ("2026-12-03T18:00:00Z")."""
    if t.tzinfo is not None:
        t = t.astimezone(UTC)
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def shown_time(value: str) -> str:
    """'2026-12-03T18:00:00Z' as '2026-12-03 18:00 UTC' (the zone always shown)."""
    return datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ").strftime("%Y-%m-%d %H:%M UTC")


def fill(template: str, params: dict[str, Param]) -> str:
    """The template with its `{name}` placeholders filled (moments with their zone)."""
    shown = {
        k: shown_time(v) if k in TIME_PARAMS and isinstance(v, str) else v
        for k, v in params.items()
    }
    return template.format(**shown)


def english(message: Message) -> str:
    return fill(ENGLISH[message.code], message.params)
