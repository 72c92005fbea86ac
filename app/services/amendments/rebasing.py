"""Whether an amendment still applies to the paragraph's head, and the base texts it is read
against.

Base texts are rebuilt once per (paragraph, version) per `BaseTexts`, so listing fifty
amendments written against the same version rebuilds that version once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sqlmodel import Session

from app.drafting import rebase as rebase_core
from app.drafting.messages import Message, english
from app.models import Amendment, AmendmentKind, AmendmentStatus, Paragraph
from app.models.amendment import ConflictPublic, RebaseStatus
from app.models.position import MessagePublic
from app.services.record.rows import id_of
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
            key = (id_of(paragraph), number)
            if number != paragraph.head_version and key not in self._texts:
                needed[key[0]].add(number)
        for paragraph_id, numbers in needed.items():
            if len(numbers) > 1:
                texts = versions_service.all_texts(self.session, paragraph_id=paragraph_id)
                self._texts.update({(paragraph_id, n): t for n, t in texts.items()})

    def text(self, paragraph: Paragraph, number: int) -> str:
        if number == paragraph.head_version:
            return paragraph.head_text
        key = (id_of(paragraph), number)
        if key not in self._texts:
            self._texts[key] = versions_service.text_of(
                self.session, paragraph_id=key[0], number=number
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


def _message(message: Message) -> MessagePublic:
    return MessagePublic(code=message.code, params=dict(message.params))


def _not_applicable(head: int, reason: Message) -> RebaseStatus:
    return RebaseStatus(
        status=NOT_APPLICABLE,
        head_version=head,
        reason=english(reason),
        reason_code=_message(reason),
    )


def rebase_status(
    amendment: Amendment, paragraph: Paragraph | None, bases: BaseTexts, anchor_live: bool = True
) -> RebaseStatus:
    """Whether the amendment still applies to the head, with the rebased text or the conflicts."""
    head = paragraph.head_version if paragraph is not None else 0
    if amendment.status != AmendmentStatus.PENDING:
        return _not_applicable(head, Message(f"rebase.not_pending_{amendment.status}"))
    if amendment.kind == AmendmentKind.INSERT_PARAGRAPH:
        if not anchor_live:
            anchor = amendment.after_paragraph_id or 0
            return _not_applicable(0, Message("rebase.anchor_deleted", {"paragraph": anchor}))
        return RebaseStatus(status=rebase_core.APPLIES_CLEANLY, head_version=0, text=amendment.text)
    if paragraph is None or paragraph.deleted_at is not None:
        deleted = amendment.paragraph_id or 0
        return _not_applicable(head, Message("rebase.paragraph_deleted", {"paragraph": deleted}))
    if amendment.kind == AmendmentKind.DELETE_PARAGRAPH:
        changed = Message("rebase.paragraph_changed", {"version": amendment.base_version})
        moved = head != amendment.base_version
        return RebaseStatus(
            status=rebase_core.APPLIES_CLEANLY,
            head_version=head,
            text="",
            reason=english(changed) if moved else "",
            reason_code=_message(changed) if moved else None,
        )
    base = bases.text(paragraph, amendment.base_version)
    result = rebase_core.rebase(base, paragraph.head_text, amendment.text)
    return RebaseStatus(
        status=result.status,
        head_version=head,
        text=result.text,
        conflicts=conflicts_public(result.conflicts),
    )
