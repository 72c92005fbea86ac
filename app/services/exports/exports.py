"""Exports: the agreed common position and the compilation text, built from the database.

`build` turns a document, now or as it stood at revision N, into the renderers' input
(`app.drafting.export.model.ExportDocument`); `export` renders it in one format and names the file.

Where each part comes from:

* **Now**: statuses, objections, reservations, ad referendum, positions and the pending amendments
  with their sponsors come from the consensus board (`consensus.board.board`, read by
  `snapshots.current`), so an export says exactly what the co-chairs' board says at the same
  moment.
* **Revision N**: the board only counts statuses at past moments, so each paragraph version the
  revision pinned is evaluated with the consensus rules (`consensus.evaluate_paragraph`, in
  `on_record.at_revision`) on what was on record when the revision was issued: positions taken
  by then and not withdrawn, amendments filed by then and not yet decided (with their text,
  rationale and sponsors as they stood), the silence procedure started on that version. The
  counts agree with the board's timeline (`consensus.board.revision_counts`); a test holds them
  to it.
* **Proposals**: a proposal to delete a paragraph is shown with that paragraph; a proposal of a new
  paragraph with the paragraph it would follow (the first paragraph of its section when it goes at
  the start, or when the paragraph it follows is not in the exported text). A modify proposal
  shows its text as filed, redlined word by word against the paragraph text being exported.
* **format=json** is the lossless dump of the whole document with its whole history
  (`dump.to_bytes(dump.dump(...))`), the file `consenso import` restores. `variant` and
  `revision` do not change it; they are still checked, so a mistyped one is not silently ignored.
* **Audit-chain head and sequence**: the document's `event_head` and `event_seq` now; at revision
  N, the hash and number of the event that issued the revision (the chain as it stood when the
  text was frozen). With the export record (document, variant, revision, export time) in the
  footer, they let `verifying.check` rebuild the export later and compare.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime

from sqlmodel import Session

from app.drafting import export as export_core
from app.drafting.export import parallel as export_parallel
from app.drafting.export.model import ExportDocument, ExportParagraph, ExportSection
from app.errors import Invalid
from app.models import Document
from app.services.consensus import queries as board_queries
from app.services.consensus.queries import saved_id
from app.services.exports import applying, moments, on_record, snapshots
from app.services.exports import dump as dump_service
from app.services.revisions import revisions as revisions_service
from app.services.translations import exporting as translated_service

JSON = "json"
JSON_MEDIA_TYPE = "application/json"
FORMATS: tuple[str, ...] = (*export_core.FORMATS, JSON)
VARIANTS: tuple[str, ...] = tuple(export_core.VARIANTS)
CURRENT_TEXT = "Current text"
SLUG_MAX = 40
SNAPSHOT_TRIES = 3


@dataclass(frozen=True)
class Exported:
    content: bytes
    media_type: str
    filename: str
    language: str = "en"


# --- options and file names ---------------------------------------------------------------------


def checked_options(*, format: str | None, variant: str | None) -> tuple[str, str]:
    """(format, variant), or 422 naming the valid formats and variants when either is missing
    or unknown."""
    valid = {"valid_formats": list(FORMATS), "valid_variants": list(VARIANTS)}
    formats, variants = ", ".join(FORMATS), ", ".join(VARIANTS)
    if not format:
        raise Invalid(
            f"Choose an export format: {formats}.",
            code="exports.format_missing",
            params={"formats": formats},
            **valid,
        )
    if format not in FORMATS:
        raise Invalid(
            f"Unknown export format {format!r}; valid formats: {formats}.",
            code="exports.unknown_format",
            params={"format": repr(format), "formats": formats},
            **valid,
        )
    if variant not in VARIANTS:
        raise Invalid(
            f"Unknown export variant {variant!r}; valid variants: {variants}.",
            code="exports.unknown_variant",
            params={"variant": repr(variant), "variants": variants},
            **valid,
        )
    return format, variant


def slug(title: str, *, fallback: str) -> str:
    """ASCII, lower case, hyphens; cut at a word boundary so file names stay readable."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    text = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    if len(text) > SLUG_MAX:
        cut = text[: SLUG_MAX + 1]
        text = cut[: cut.rfind("-")] if "-" in cut else text[:SLUG_MAX]
    return text or fallback


def file_name(document: Document, *, revision: int | None, variant: str, extension: str) -> str:
    """E.g. "bi-regional-common-position-of-the-rcm-rev1-compilation.docx"."""
    base = slug(document.title, fallback=f"document-{document.id}")
    if extension == JSON:
        return f"{base}-dump.json"
    moment = "current" if revision is None else "zero-draft" if revision == 0 else f"rev{revision}"
    return f"{base}-{moment}-{variant}.{extension}"


# --- the use case -------------------------------------------------------------------------------


def export(
    session: Session,
    *,
    document: Document,
    format: str | None,
    variant: str | None,
    now: datetime,
    revision: int | None = None,
    lang: str | None = None,
    parallel: bool = False,
    rendering: Callable[[ExportDocument], None] | None = None,
) -> Exported:
    """The document (now or at revision N) in one format and variant, with its file name, in
    `lang` (None: the negotiating language). `rendering` is told the text is read, before the
    file is laid out (a background job's progress, app/services/exports/building.py)."""
    format, variant = checked_options(format=format, variant=variant)
    document_id = saved_id(document)
    if revision is not None:
        revisions_service.get_or_raise(session, document_id=document_id, number=revision)
    if format == JSON:
        content = dump_service.to_bytes(dump_service.dump(session, document_id=document_id))
        name = file_name(document, revision=revision, variant=variant, extension=JSON)
        return Exported(content, JSON_MEDIA_TYPE, name)
    doc = build(session, document=document, now=now, revision=revision, lang=lang)
    if rendering is not None:
        rendering(doc)
    if parallel:
        translated_service.require_parallel(document, format=format, lang=doc.language)
        original = build(session, document=document, now=now, revision=revision)
        rendered = export_parallel.render(original, doc, format=format, variant=variant)
    else:
        rendered = export_core.render(doc, format=format, variant=variant)
    name = file_name(document, revision=revision, variant=variant, extension=rendered.extension)
    if doc.language != document.negotiating_language or parallel:
        name = name.replace(f".{rendered.extension}", f"-{doc.language}.{rendered.extension}")
    return Exported(rendered.content, rendered.media_type, name, doc.language)


def build(
    session: Session,
    *,
    document: Document,
    now: datetime,
    revision: int | None = None,
    lang: str | None = None,
) -> ExportDocument:
    """The renderers' input for the document now (`revision=None`) or at revision N, in `lang`
    (`translations.exporting`: None is the negotiating language)."""
    document_id = saved_id(document)
    if revision is None:
        moment, snapshot = _current(session, document, now)
        doc = _assemble(session, document, snapshot, CURRENT_TEXT, moment, now, at=None)
    else:
        rev = revisions_service.get_or_raise(session, document_id=document_id, number=revision)
        snapshot = on_record.at_revision(session, document=document, revision=rev)
        moment = moments.of_revision(session, document=document, revision=rev)
        doc = _assemble(
            session, document, snapshot, rev.label, moment, now, revision, at=rev.created_at
        )
    return translated_service.in_language(session, document=document, doc=doc, lang=lang)


def _current(
    session: Session, document: Document, now: datetime
) -> tuple[moments.Moment, snapshots.DocumentSnapshot]:
    """The current text and the event it reflects. Every write to a document moves its event
    counter in the same transaction, so a snapshot read between two equal readings of the
    counter is the text at that event, even where each query sees the latest commit (PostgreSQL's
    READ COMMITTED); a write committed meanwhile makes it read again (a few times at most)."""
    document_id = saved_id(document)
    for _ in range(SNAPSHOT_TRIES):
        before = moments.read_latest(session, document_id=document_id)
        snapshot = snapshots.current(session, document=document, now=now)
        if moments.read_latest(session, document_id=document_id) == before:
            break
    return before, snapshot


def build_then(
    session: Session,
    *,
    document: Document,
    moment: moments.Moment,
    now: datetime,
    lang: str | None = None,
) -> ExportDocument:
    """The current text as an export made at `now` showed it, the log then ending at `moment`:
    the paragraphs and versions of that moment, judged on what was on record then (see
    `moments.paragraphs_at`). Equal to `build(now=now)` while nothing has changed since."""
    entries = moments.paragraphs_at(session, document=document, t=now)
    snapshot = on_record.at_moment(session, document=document, entries=entries, t=now)
    doc = _assemble(session, document, snapshot, CURRENT_TEXT, moment, now, at=now)
    return translated_service.in_language(session, document=document, doc=doc, lang=lang)


def _proposals(
    session: Session, snapshot: snapshots.DocumentSnapshot, at: datetime | None
) -> list[snapshots.PendingProposal]:
    """The pending proposals as they would change the exported text, with the positions on
    them and (now) when each wording was filed: as of `at`, or now when `at` is None."""
    ids = [p.id for p in snapshot.proposals]
    stances = applying.positions_on(session, amendment_ids=ids, t=at)
    filed = applying.filed_at(session, amendment_ids=ids) if at is None else {}
    proposals = [
        replace(
            p,
            positions=stances.get(p.id, ()),
            proposed_at=p.proposed_at or filed.get(p.id),
        )
        for p in snapshot.proposals
    ]
    return applying.onto_text(session, paragraphs=snapshot.paragraphs, proposals=proposals)


def _assemble(
    session: Session,
    document: Document,
    snapshot: snapshots.DocumentSnapshot,
    label: str,
    moment: moments.Moment,
    now: datetime,
    revision: int | None = None,
    *,
    at: datetime | None,
) -> ExportDocument:
    document_id = saved_id(document)
    sections = board_queries.read_sections(board_queries.plain_connection(session), document_id)
    proposals = _proposals(session, snapshot, at)
    paragraphs = snapshots.attach(snapshot.paragraphs, proposals, [s.id for s in sections])
    by_section: dict[int, list[ExportParagraph]] = defaultdict(list)
    for p in paragraphs:
        by_section[p.section_id].append(
            ExportParagraph(
                paragraph_id=p.paragraph_id,
                label=p.label,
                text=p.text,
                version=p.version,
                status=p.status,
                proposals=p.proposals,
                objections=p.objections,
                reservations=p.reservations,
                ad_referendum=p.ad_referendum,
                positions=p.positions,
            )
        )
    return ExportDocument(
        document_id=document_id,
        title=document.title,
        revision=label,
        generated_at=now,
        sections=tuple(
            ExportSection(s.id, s.title, tuple(by_section.get(s.id, ())), s.kind) for s in sections
        ),
        delegations=snapshot.delegations,
        audit_head=moment.head,
        audit_seq=moment.seq if moment.head else None,
        revision_number=revision,
        issued_at=at if revision is not None else None,
        created_at=document.created_at,
        numbering=document.numbering,
        symbol=document.symbol,
        distribution=document.distribution,
        original_language=document.original_language or document.negotiating_language,
    )
