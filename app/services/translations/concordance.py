"""The concordance rule on the co-chairs' board: when the document requires it, a paragraph
agreed in substance is shown open until every other language has a current translation, with
the reason `translation.awaiting_concordance` naming the languages that lag."""

from __future__ import annotations

from dataclasses import replace

from sqlmodel import Session

from app.drafting.consensus import Status
from app.drafting.messages import Message
from app.models import Document, Paragraph
from app.services.consensus.view import Board, ParagraphRow
from app.services.translations import languages as languages_service
from app.services.translations import reading
from app.services.translations.exporting import AGREED

CODE = "translation.awaiting_concordance"
ENGLISH = "awaiting concordance: {languages}"


def _held(row: ParagraphRow, lagging: list[str]) -> ParagraphRow:
    message = Message(CODE, {"languages": ", ".join(lagging)})
    reason = ENGLISH.format(languages=message.params["languages"])
    return replace(
        row,
        status=Status.OPEN,
        reasons=(*row.reasons, reason),
        reason_codes=(*row.reason_codes, message),
    )


def _moved(counts: dict[str, int], status: str) -> dict[str, int]:
    moved = dict(counts)
    moved[status] = moved.get(status, 0) - 1
    moved["open"] = moved.get("open", 0) + 1
    return moved


def applied(session: Session, *, document: Document, board: Board) -> Board:
    """`board` with the document's concordance rule applied (unchanged when it has none)."""
    if not document.agreed_requires_concordance:
        return board
    agreed = [row for row in board.paragraphs if row.status in AGREED]
    if not agreed:
        return board
    paragraphs = [session.get(Paragraph, row.id) for row in agreed]
    states = reading.states(session, document=document, paragraphs=[p for p in paragraphs if p])
    others = languages_service.others(document)
    totals, sections = dict(board.totals), {s.id: s for s in board.sections}
    rows = []
    for row in board.paragraphs:
        lagging = [lang for lang in others if states.get((row.id, lang), "current") != "current"]
        if row.status in AGREED and lagging:
            totals = _moved(totals, row.status)
            if (section := sections.get(row.section_id)) is not None:
                counts = _moved(section.counts, row.status)
                sections[row.section_id] = replace(section, counts=counts)
            row = _held(row, lagging)
        rows.append(row)
    return replace(
        board,
        paragraphs=tuple(rows),
        totals=totals,
        sections=tuple(sections[s.id] for s in board.sections),
    )
