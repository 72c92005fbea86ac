"""Reading an export back: which moment of the record it says it shows.

Every format prints the same footer (`common.build_view`): the SHA-256 of the text, the
audit-chain head and its sequence number, and the export record (document, variant, revision
or current text, the exact export time, the export's language, "parallel" for a parallel text).
Its labels and the record stay English in every language. `read` finds them in the bytes of
any format: the text of Markdown, HTML, Akoma Ntoso and CSV, the footer parts of a DOCX
package, the Keywords of a PDF (`html.py` puts the footer there, since a PDF's page text
cannot be read back without a PDF library). A file in which they cannot all be found is
`Unreadable`, with the reason.

The JSON dump carries its moment as `audit_seq` and `audit_head` (`app/services/exports/dump.py`);
`read` returns those with format "json" and no text hash.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
import zlib
from dataclasses import dataclass
from datetime import datetime

from app.drafting.export.common import AUDIT_LABEL, HASH_LABEL, RECORD_LABEL, SEQ_LABEL

MAX_UNZIPPED = 50_000_000  # bytes read out of a DOCX or PDF at most
MAX_NUMBER = 2**31 - 1  # the largest id or sequence number the database holds
_HEX = r"([0-9a-f]{64})"
_PATTERNS = {
    "text_hash": re.compile(re.escape(HASH_LABEL) + r"\W{1,3}" + _HEX),
    "audit_head": re.compile(re.escape(AUDIT_LABEL) + r"\W{1,3}" + _HEX),
    "audit_seq": re.compile(re.escape(SEQ_LABEL) + r"\W{1,3}(\d{1,12})\b"),
    "record": re.compile(
        re.escape(RECORD_LABEL) + r"\W{1,3}document (\d{1,12}) / (agreed|compilation) / "
        r"(current text|revision (\d{1,12})) / (\d{4}-\d\d-\d\dT[0-9:.+-]+)"
        # the export's language (older files have none: the negotiating language), and
        # "parallel" when it shows the negotiating text beside it (parallel.PARALLEL_MARK)
        r"(?: / ([a-z]{2,3}))?( / parallel)?"
    ),
}
_TAG = re.compile(r"<[^>]*>")
_DOCX_TEXT = re.compile(r"<w:t(?:\s[^>]*)?>([^<]*)</w:t>")
_PDF_STREAM = re.compile(rb"stream\r?\n")
_PDF_KEYWORDS = re.compile(rb"/Keywords\s*\(((?:[^()\\]|\\.)*)\)")


class Unreadable(ValueError):
    """The file is not an export whose record can be read; the message says why."""


@dataclass(frozen=True)
class ExportRecord:
    format: str  # md, html, pdf, docx, akn, csv or json
    document_id: int
    audit_seq: int
    audit_head: str
    text_hash: str | None = None  # None for the JSON dump
    variant: str | None = None
    revision_number: int | None = None  # None: the current text (or the dump)
    generated_at: datetime | None = None
    language: str | None = None  # None: not said (an older file), the negotiating language
    parallel: bool = False  # the negotiating text beside the translation (HTML, DOCX)


def format_of(content: bytes) -> str:
    """The export format these bytes are in, from how they begin."""
    if content.startswith(b"%PDF-"):
        return "pdf"
    if content.startswith(b"PK\x03\x04"):
        return "docx"
    head = content[:200].lstrip()
    if content.startswith(b"\xef\xbb\xbf"):  # only the CSV starts with a byte-order mark
        return "csv"
    if head.startswith(b"<?xml") and b"akomaNtoso" in content[:500]:
        return "akn"
    if head[:15].lower() == b"<!doctype html>":
        return "html"
    if head.startswith(b"{"):
        return "json"
    if head.startswith(b"# "):
        return "md"
    raise Unreadable("it is not a Consenso export (Markdown, HTML, PDF, DOCX, AKN, CSV or JSON)")


def read(content: bytes) -> ExportRecord:
    """The record an export carries, or Unreadable saying why not."""
    format = format_of(content)
    if format == "json":
        return _dump_record(content)
    text = _footer_text(format, content)
    found = {name: pattern.search(text) for name, pattern in _PATTERNS.items()}
    missing = [name for name, match in found.items() if match is None]
    if missing:
        what = ", ".join(n.replace("_", " ") for n in missing)
        raise Unreadable(f"its footer lacks the {what}: it is cut short or not from Consenso")
    text_hash, head, seq, record = (found[n] for n in _PATTERNS)
    assert text_hash is not None and head is not None and seq is not None and record is not None
    try:
        generated_at = datetime.fromisoformat(record.group(5))
    except ValueError as exc:
        raise Unreadable(f"its export time {record.group(5)!r} is not a moment") from exc
    revision = record.group(4)
    _in_range(int(record.group(1)), int(seq.group(1)), int(revision or 0))
    return ExportRecord(
        format=format,
        document_id=int(record.group(1)),
        audit_seq=int(seq.group(1)),
        audit_head=head.group(1),
        text_hash=text_hash.group(1),
        variant=record.group(2),
        revision_number=int(revision) if revision is not None else None,
        generated_at=generated_at,
        language=record.group(6),
        parallel=record.group(7) is not None,
    )


def _in_range(*numbers: int) -> None:
    if any(n > MAX_NUMBER for n in numbers):
        raise Unreadable("a number in its footer is larger than any this database holds")


def _footer_text(format: str, content: bytes) -> str:
    if format == "docx":
        return _docx_footer(content)
    if format == "pdf":
        return _pdf_keywords(content)
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Unreadable(f"it is not UTF-8 text (byte {exc.start + 1})") from exc
    return _TAG.sub("", text) if format in ("html", "akn") else text


def _docx_footer(content: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as package:
            parts = [
                info
                for info in package.infolist()
                if info.filename.startswith("word/footer") and info.file_size < MAX_UNZIPPED
            ]
            xml = [package.read(info).decode("utf-8") for info in parts]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, UnicodeDecodeError, EOFError, zlib.error,
            NotImplementedError, RuntimeError, ValueError, OSError) as exc:  # fmt: skip
        raise Unreadable(f"it is not a whole DOCX package ({exc})") from exc
    return "\n".join(match for part in xml for match in _DOCX_TEXT.findall(part))


def _pdf_keywords(content: bytes) -> str:
    """The PDF's Keywords: in its object streams (compressed) or in plain objects."""
    candidates = [content]
    view, budget = memoryview(content), MAX_UNZIPPED
    for start in _PDF_STREAM.finditer(content):
        try:
            inflated = zlib.decompressobj().decompress(view[start.end() :], budget)
        except zlib.error:
            continue
        candidates.append(inflated)
        budget -= len(inflated)
        if budget <= 0:
            break
    for blob in candidates:
        match = _PDF_KEYWORDS.search(blob)
        if match:
            return re.sub(rb"\\(.)", rb"\1", match.group(1)).decode("latin-1")
    raise Unreadable("it is a PDF without the export's keywords: cut short or not from Consenso")


def _dump_record(content: bytes) -> ExportRecord:
    try:
        data = json.loads(content.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise Unreadable(f"it is not whole JSON ({exc})") from exc
    if not isinstance(data, dict) or data.get("format") != "consenso-dump":
        raise Unreadable("it is JSON, but not a Consenso dump")
    document_id, seq, head = data.get("document_id"), data.get("audit_seq"), data.get("audit_head")
    numbers = [n for n in (document_id, seq) if isinstance(n, int) and not isinstance(n, bool)]
    if len(numbers) != 2 or not isinstance(head, str) or min(numbers) < 0:
        raise Unreadable("this dump does not say which moment of the record it holds")
    _in_range(*numbers)
    assert isinstance(document_id, int) and isinstance(seq, int)
    return ExportRecord(format="json", document_id=document_id, audit_seq=seq, audit_head=head)
