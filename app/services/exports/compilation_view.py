"""The compilation text for the screen, laid out exactly as the exports lay it out: every
pending proposal as the text it would produce now (or at the revision shown), a deletion as
"[USA: delete]", a proposed new paragraph under its provisional number ("3bis"), conflicts
marked, the positions on each option. The text is the negotiating language's; the labels and
notes are in the reader's language (`ui_lang`)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from datetime import datetime

from sqlmodel import Session

from app import i18n
from app.drafting.export.common import ParagraphView, build_view, positions_lines
from app.drafting.export.layout import Option
from app.drafting.export.strings import using
from app.models import Document
from app.models.compilation import (
    CompilationPublic,
    CompiledOption,
    CompiledParagraph,
    CompiledSection,
)
from app.services.exports import exports as exports_service
from app.services.record.rows import id_of


def _option(option: Option) -> CompiledOption:
    return CompiledOption(
        amendment_id=option.amendment_id,
        kind=option.kind,
        label=option.label,
        sponsors=list(option.sponsors),
        text=option.text,
        segments=[(op, text) for op, text in option.segments],
        conflict=option.conflict,
        deletion=option.deletion,
        notes=option.notes(),
    )


def _paragraph(view: ParagraphView) -> CompiledParagraph:
    return CompiledParagraph(
        key=view.key,
        paragraph_id=view.paragraph_id,
        number=view.number,
        status=view.status,
        status_label=view.status_label,
        text=view.display_text,
        version=view.version,
        proposal_amendment_id=view.proposal.amendment_id if view.proposal else None,
        options=[_option(o) for o in view.options],
        notes=positions_lines(view),
    )


# Every screen on the compilation reloads it after each burst of events: the view of one state
# in one language is built once per worker. A state is the head of the document's event chain
# (every change records an event, and the head's hash covers all of them), in its database.
# A handful of entries: the documents, revisions and languages being read.
_KEPT = 32
_Key = tuple[str, int, int, str, int | None, str]
_built: OrderedDict[_Key, CompilationPublic] = OrderedDict()
_lock = threading.Lock()


def compilation(
    session: Session,
    *,
    document: Document,
    now: datetime,
    revision: int | None = None,
    ui_lang: str = i18n.DEFAULT,
) -> CompilationPublic:
    database = session.get_bind().engine.url.render_as_string(hide_password=True)
    state = (document.event_seq, document.event_head)
    key = (database, id_of(document), *state, revision, ui_lang)
    with _lock:
        if key in _built:
            _built.move_to_end(key)
            return _built[key]
    shown = _build(session, document=document, now=now, revision=revision, ui_lang=ui_lang)
    with _lock:
        _built[key] = shown
        while len(_built) > _KEPT:
            _built.popitem(last=False)
    return shown


def _build(
    session: Session,
    *,
    document: Document,
    now: datetime,
    revision: int | None,
    ui_lang: str,
) -> CompilationPublic:
    doc = exports_service.build(session, document=document, now=now, revision=revision)
    with using(i18n.export_strings(ui_lang)):
        view = build_view(doc, "compilation")
        sections = [
            CompiledSection(title=s.title, paragraphs=[_paragraph(p) for p in s.paragraphs])
            for s in view.sections
        ]
    return CompilationPublic(
        document_id=id_of(document),
        revision=doc.revision,
        revision_number=doc.revision_number,
        language=ui_lang,
        heading=view.heading,
        header=list(view.header),
        sections=sections,
        closing=list(view.closing),
    )
