"""The compilation text as the UN lays it out: the options beside each paragraph.

* a modification: ``[Alt 1 (MEX, BRA): <the paragraph as it would read>]``, its words carried
  onto the exported text (see app/services/exports/applying.py); one in conflict with changes
  made since it was proposed is labelled so, shown as proposed, with a note saying why;
* a deletion: ``[USA: delete]``;
* a new paragraph: its own paragraph under a provisional number ("3bis") with "Proposed by:";
* after each option, the positions taken on it by delegation (supports, objections …).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from app.drafting import rebase
from app.drafting.export.model import ExportParagraph, ExportProposal, Segment
from app.drafting.export.strings import STANCE_ORDER, t

DELETE_PARAGRAPH = "delete_paragraph"
INSERT_PARAGRAPH = "insert_paragraph"


def sponsors_text(sponsors: Iterable[str]) -> str:
    return ", ".join(sponsors)


@dataclass(frozen=True)
class Option:
    """One pending proposal shown beside a paragraph in the compilation."""

    prefix: str  # "Alt 1"; "" for a deletion
    kind: str
    sponsors: tuple[str, ...]
    text: str  # the plain wording shown after the label
    segments: tuple[Segment, ...]  # what to show with insertions/deletions marked
    rationale: str
    applies: str = rebase.APPLIES_CLEANLY
    base_version: int = 0
    positions: tuple[tuple[str, str, str], ...] = ()
    proposed_at: datetime | None = None
    amendment_id: int = 0

    @property
    def conflict(self) -> bool:
        return self.applies == rebase.CONFLICT

    @property
    def deletion(self) -> bool:
        return self.kind == DELETE_PARAGRAPH

    @property
    def label(self) -> str:
        """ "Alt 1 (MEX, BRA)", "USA: delete", or "Alt 2 (SUR), in conflict"."""
        who = sponsors_text(self.sponsors)
        if self.deletion:
            return f"{who}: {t('option.delete')}"
        base = f"{self.prefix} ({who})"
        return f"{base}, {t('option.conflict')}" if self.conflict else base

    @property
    def short(self) -> str:
        """How its notes name it: "Alt 1 (MEX, BRA)" or "the deletion (USA)"."""
        who = sponsors_text(self.sponsors)
        return f"[{who}: {t('option.delete')}]" if self.deletion else f"{self.prefix} ({who})"

    @property
    def plain(self) -> str:
        return f"[{self.label}]" if self.deletion else f"[{self.label}: {self.text}]"

    def notes(self) -> list[str]:
        """The lines after the option: conflict, rationale, positions."""
        lines = []
        if self.conflict:
            lines.append(t("option.conflict_note", label=self.short, base=self.base_version))
        if self.rationale:
            lines.append(t("rationale", text=self.rationale))
        if self.positions:
            lines.append(t("positions_on", label=self.short, text=stances_text(self.positions)))
        return lines


def stances_text(positions: Iterable[tuple[str, str, str]]) -> str:
    """E.g. "supported by BRA, CHL; objections by ARG (too broad)"."""
    grouped: dict[str, list[str]] = {}
    for code, stance, note in positions:
        shown = f"{code} ({note})" if note and stance in ("objection", "reservation") else code
        grouped.setdefault(stance, []).append(shown)
    order = [*STANCE_ORDER, *(s for s in grouped if s not in STANCE_ORDER)]
    parts = []
    for stance in order:
        if stance in grouped:
            key = f"stance.{stance}"
            codes = ", ".join(grouped[stance])
            parts.append(t(key, codes=codes) if key in _STANCE_KEYS else f"{stance}: {codes}")
    return "; ".join(parts)


_STANCE_KEYS = frozenset(f"stance.{s}" for s in STANCE_ORDER)


def options_for(paragraph: ExportParagraph) -> tuple[Option, ...]:
    """The paragraph's pending modifications and deletions as options: alternatives are
    "Alt 1", "Alt 2", … in order; proposed new paragraphs are laid out as paragraphs."""
    options = []
    alt = 0
    segments: tuple[Segment, ...]
    for proposal in paragraph.proposals:
        if proposal.kind == INSERT_PARAGRAPH:
            continue
        if proposal.kind == DELETE_PARAGRAPH:
            prefix, text, segments = "", "", (("delete", paragraph.text),)
        else:
            alt += 1
            prefix = t("option.alt", n=alt)
            text = proposal.text
            segments = merge_segments(proposal.redline) or (("insert", proposal.text),)
        options.append(_option(proposal, prefix, text, segments))
    return tuple(options)


def _option(
    proposal: ExportProposal, prefix: str, text: str, segments: tuple[Segment, ...]
) -> Option:
    return Option(
        prefix=prefix,
        kind=proposal.kind,
        sponsors=proposal.sponsors,
        text=text,
        segments=segments,
        rationale=proposal.rationale,
        applies=proposal.applies,
        base_version=proposal.base_version,
        positions=proposal.positions,
        proposed_at=proposal.proposed_at,
        amendment_id=proposal.amendment_id,
    )


def new_paragraphs(paragraph: ExportParagraph, *, before: bool) -> list[ExportProposal]:
    """The proposed new paragraphs placed before (at a section's start) or after it."""
    return [
        p for p in paragraph.proposals if p.kind == INSERT_PARAGRAPH and p.placed_before == before
    ]


def new_paragraph_notes(proposal: ExportProposal) -> list[str]:
    lines = [t("proposed_by", sponsors=sponsors_text(proposal.sponsors))]
    if proposal.rationale:
        lines.append(t("rationale", text=proposal.rationale))
    if proposal.positions:
        lines.append(t("positions", text=stances_text(proposal.positions)))
    return lines


def merge_segments(segments: Iterable[Segment]) -> tuple[Segment, ...]:
    """Adjacent pieces with the same op joined and empty ones dropped: a word-level diff of a
    long paragraph becomes a few runs, which keeps DOCX and Markdown small and fast."""
    merged: list[list[str]] = []
    for op, text in segments:
        if not text:
            continue
        if merged and merged[-1][0] == op:
            merged[-1][1] += text
        else:
            merged.append([op, text])
    return tuple((op, text) for op, text in merged)
