"""A parallel-column export: the negotiating text beside its translation, paragraph by
paragraph, in HTML or DOCX.

Both columns are the ordinary view (`common.build_view`) of the same text, one built in the
negotiating language and one in the other (`ExportDocument.language`), each under its own
strings; rows pair them by paragraph, in the document's order. A stale or missing translation
carries its mark in the right column, as in a single-language export.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC
from html import escape

from app.drafting.export import DOCX_MEDIA_TYPE, Rendered
from app.drafting.export.common import (
    RECORD_LABEL,
    UnknownExportOption,
    build_view,
    paragraph_lines,
    xml_safe,
)
from app.drafting.export.languages import language_names
from app.drafting.export.model import ExportDocument
from app.drafting.export.strings import using

FORMATS = ("html", "docx")
PARALLEL_MARK = "parallel"  # the export record's last part in a parallel export (record.py)


@dataclass(frozen=True)
class Column:
    language: str
    name: str  # "English", "Español": each column names its language in that language
    heading: str
    header: tuple[tuple[str, str], ...]
    # One block per row: ("section", title) or ("paragraph", key, lines).
    blocks: tuple[tuple[str, str, tuple[str, ...]], ...]
    footer: tuple[tuple[str, str], ...]


def _column(doc: ExportDocument, variant: str) -> Column:
    with using(doc.strings):
        view = build_view(doc, variant)
        blocks: list[tuple[str, str, tuple[str, ...]]] = []
        for section in view.sections:
            blocks.append(("section", section.title, ()))
            for p in section.paragraphs:
                blocks.append(("paragraph", p.key, tuple(paragraph_lines(p))))
        for statement in view.closing:
            blocks.append(("closing", "", (statement,)))
        return Column(
            doc.language,
            language_names().get(doc.language, doc.language),
            view.heading,
            view.header,
            tuple(blocks),
            _parallel_record(view.footer),
        )


def _parallel_record(footer: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    """The footer with its export record marked parallel, so a check rebuilds both columns."""
    return tuple(
        (label, f"{value} / {PARALLEL_MARK}" if label == RECORD_LABEL else value)
        for label, value in footer
    )


def rows(left: Column, right: Column) -> Iterator[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    """(kind, left lines, right lines) in the document's order, paired by paragraph."""
    for a, b in zip(left.blocks, right.blocks, strict=True):
        if a[0] == "section":
            yield "section", (a[1],), (b[1],)
        else:
            yield a[0], a[2], b[2]


def _html(left: Column, right: Column, doc: ExportDocument) -> bytes:
    def cell(lang: str, lines: tuple[str, ...], tag: str = "td") -> str:
        inner = "".join(f"<p>{escape(line)}</p>" for line in lines)
        return f'<{tag} lang="{escape(lang)}">{inner}</{tag}>'

    out = [
        "<!DOCTYPE html>",
        f'<html lang="{escape(right.language)}">',
        '<head><meta charset="utf-8">',
        f"<title>{escape(doc.title)}: {escape(right.heading)}</title>",
        "<style>table{border-collapse:collapse;width:100%}td,th{vertical-align:top;"
        "border:1px solid #999;padding:4pt;width:50%}.section td{font-weight:bold}</style>",
        "</head><body>",
        f"<h1>{escape(doc.title)}</h1>",
        f'<p class="variant">{escape(right.heading)}</p>',
        '<table class="parallel"><thead><tr>',
        cell(left.language, (left.name,), "th") + cell(right.language, (right.name,), "th"),
        "</tr></thead><tbody>",
    ]
    for kind, a, b in rows(left, right):
        out.append(f'<tr class="{kind}">{cell(left.language, a)}{cell(right.language, b)}</tr>')
    out.append("</tbody></table><footer>")
    out += [f"<p>{escape(label)}: <code>{escape(v)}</code></p>" for label, v in right.footer]
    out.append("</footer></body></html>")
    return ("\n".join(out) + "\n").encode("utf-8")


def _docx(left: Column, right: Column, doc: ExportDocument) -> bytes:
    # imported late, as the renderers are (app/drafting/export/__init__.py): python-docx
    from docx import Document
    from docx.shared import Pt

    from app.drafting.export.word_language import set_language, set_run_language

    document = Document()
    set_language(document, right.language)
    document.add_heading(xml_safe(doc.title), level=0)
    document.add_paragraph(right.heading, style="Subtitle")
    table = document.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    for cell, column in zip(table.rows[0].cells, (left, right), strict=True):
        run = cell.paragraphs[0].add_run(column.name)
        run.bold = True
        set_run_language(run, column.language)
    for kind, a, b in rows(left, right):
        cells = table.add_row().cells
        for cell, lines, lang in ((cells[0], a, left.language), (cells[1], b, right.language)):
            for i, line in enumerate(lines):
                para = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
                run = para.add_run(xml_safe(line))
                run.bold = kind == "section"
                set_run_language(run, lang)
    footer = document.sections[0].footer.paragraphs[0]
    footer.add_run("; ".join(f"{label}: {v}" for label, v in right.footer)).font.size = Pt(7)
    props = document.core_properties
    props.title = xml_safe(doc.title)
    props.subject = f"{right.heading}, {xml_safe(doc.revision)}"
    props.author = props.last_modified_by = "Consenso"
    moment = doc.generated_at
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    props.created = props.modified = props.last_printed = moment
    props.revision = 1
    buffer = io.BytesIO()
    document.save(buffer)
    return _restamped(buffer.getvalue(), doc)


def _restamped(blob: bytes, doc: ExportDocument) -> bytes:
    """The package with every entry dated `generated_at` (python-docx stamps the wall clock)."""
    stamp = doc.generated_at.timetuple()[:6]
    stamp = (max(stamp[0], 1980), *stamp[1:])
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(blob)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(info, src.read(item.filename))
    return out.getvalue()


def render(
    original: ExportDocument, translated: ExportDocument, *, format: str, variant: str
) -> Rendered:
    """The two texts side by side; `original` in the negotiating language is the left column."""
    if format not in FORMATS:
        raise UnknownExportOption(f"A parallel export is made in html or docx, not {format!r}")
    left, right = _column(original, variant), _column(translated, variant)
    if format == "html":
        return Rendered(_html(left, right, translated), "text/html; charset=utf-8", "html")
    return Rendered(_docx(left, right, translated), DOCX_MEDIA_TYPE, "docx")
