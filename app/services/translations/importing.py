"""Importing translations from a file: plain text, one paragraph per line keyed by its label
("1.2<TAB>texto…" or "1.2: texto…"), or a DOCX that Consenso exported in that language (its
numbered paragraphs, in document order, are the document's paragraphs).

Every imported translation translates the paragraph's head version. A line whose text is the
current translation already is left alone; labels that name no paragraph are reported.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from datetime import datetime

from sqlmodel import Session

from app import i18n
from app.errors import Invalid
from app.models import Document, Paragraph
from app.models.translation import ImportResult
from app.services.accounts.actors import Actor, require_chair_side
from app.services.record.rows import id_of
from app.services.text import documents as documents_service
from app.services.text import locking
from app.services.translations import entering, reading
from app.services.translations import languages as languages_service

_LINE = re.compile(r"^\s*(\S+?)(?::|\t|\s)\s*(.*\S)\s*$")
LIST_STYLE_ID = "ListNumber"


def lines_of(content: bytes) -> list[tuple[str, str]]:
    """(label, text) per non-empty line of a UTF-8 text file."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise Invalid(
            "The file is neither a DOCX nor UTF-8 text.", code="import.unreadable", params={}
        ) from None
    pairs = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        found = _LINE.match(line)
        if found is None:
            raise Invalid(
                f"Line {number} has a label but no text.",
                code="import.line_without_text",
                params={"line": number},
            )
        pairs.append((found.group(1), found.group(2)))
    return pairs


def _marks() -> re.Pattern[str]:
    """The start of a stale or missing mark an export prints, in any of the three languages."""
    starts = []
    for lang in i18n.LANGUAGES:
        strings = i18n.export_strings(lang)
        for key in ("translation.stale", "translation.missing"):
            starts.append(re.escape(strings[key].lstrip("[").split("{")[0]))
    return re.compile(r"\[(?:" + "|".join(starts) + ")")


_MARKED = _marks()


def _docx_texts(content: bytes, markers: Sequence[str]) -> list[str]:
    """The numbered paragraphs of a Consenso DOCX, without what the export adds around them
    (a label printed as text, the brackets of an unagreed paragraph, the marks after it)."""
    from docx import Document as open_docx

    try:
        document = open_docx(io.BytesIO(content))
    except Exception:  # noqa: BLE001 - a broken file is the sender's: say so, never a 500
        raise Invalid(
            "The file is not a DOCX that can be read.", code="import.unreadable", params={}
        ) from None
    texts = []
    for paragraph in document.paragraphs:
        if paragraph.style is None or paragraph.style.style_id != LIST_STYLE_ID:
            continue
        runs = [r for r in paragraph.runs if not r.bold and not r.italic]
        text = "".join(r.text for r in runs).strip()
        for marker in markers:
            text = text.removeprefix(marker).strip()
        if text.startswith("[") and text.endswith("]") and "[" not in text[1:-1]:
            text = text[1:-1].strip()
        # Still under an export's stale or missing mark: not translated yet, never imported.
        marked = _MARKED.match(text) or _MARKED.match(text.removeprefix("["))
        texts.append("" if marked else text)
    return texts


def _keyed_docx(
    texts: list[str], paragraphs: Sequence[Paragraph], numbering: dict[int, tuple[int, str]]
) -> list[tuple[str, str]]:
    if len(texts) != len(paragraphs):
        raise Invalid(
            f"The DOCX has {len(texts)} numbered paragraphs; the document has "
            f"{len(paragraphs)}. Export the text again and translate that file.",
            code="import.docx_count",
            params={"found": len(texts), "expected": len(paragraphs)},
        )
    return [(numbering[id_of(p)][1], text) for p, text in zip(paragraphs, texts, strict=True)]


def import_file(
    session: Session,
    *,
    document: Document,
    lang: str,
    content: bytes,
    actor: Actor,
    now: datetime,
    markers: Sequence[str] = (),
) -> ImportResult:
    """Enter the translations a file holds, as one event; `markers` are the words an export in
    `lang` puts before a paragraph it could not show translated (stripped, never imported)."""
    require_chair_side(actor, entering.ACTION)
    languages_service.require_translatable(document, lang)
    document_id = id_of(document)
    locking.document(session, document_id=document_id)
    paragraphs = documents_service.live_paragraphs(session, document_id=document_id)
    numbering = documents_service.numbering(session, document_id=document_id)
    if content.startswith(b"PK") and zipfile.is_zipfile(io.BytesIO(content)):
        pairs = _keyed_docx(_docx_texts(content, markers), paragraphs, numbering)
    else:
        pairs = lines_of(content)
    by_label = {numbering[id_of(p)][1]: p for p in paragraphs}
    current = reading.latest(session, paragraph_ids=[id_of(p) for p in paragraphs], langs=[lang])
    result = ImportResult(lang=lang, imported=[], unchanged=[], unknown=[])
    entries = []
    for label, raw in pairs:
        paragraph = by_label.get(label)
        if paragraph is None:
            result.unknown.append(label)
            continue
        if not raw:  # a paragraph the file left under its mark (see _docx_texts)
            result.unchanged.append(label)
            continue
        text = entering.cleaned(session, raw)
        held = current.get((id_of(paragraph), lang))
        if held and held.text == text and held.version == paragraph.head_version:
            result.unchanged.append(label)
            continue
        entries.append(entering.Entry(paragraph, paragraph.head_version, text))
        result.imported.append(label)
    if entries:
        entering.store(
            session, document=document, entries=entries, lang=lang, source="import",
            actor=actor, now=now,
        )  # fmt: skip
    return result
