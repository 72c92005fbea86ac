"""CSV of the positions matrix: one row per paragraph, one column per member delegation.

Layout (RFC 4180, CRLF line ends, UTF-8 **with** a byte-order mark so Excel shows accents
right; `csv` readers that open with encoding "utf-8-sig" drop it):

    Document,<title>                     the header block: label, value
    Revision,<revision>
    Date,<date>
    Status,<counts>
    Variant,<Agreed common position | Compilation text>
    <blank row>
    section,number,status,version,paragraph_id,ARG,BOL,…   the matrix header, codes RCM then SACM
    <one row per paragraph>                                   cells: stance on the head version,
    <blank row>                                               or empty
    <closing statement rows (agreed variant)>
    SHA-256 of the text,<hex>            the footer: label, value
    Audit-chain head,<hex>

In English, statuses and stances are the machine values (agreed, bracketed…; support,
ad_referendum, reservation, objection); in Spanish and Portuguese the column names, statuses
and stances are in that language (`csv.*` in strings.py), like the header block. The agreed
variant lists only agreed paragraphs, numbered as in its text; the compilation lists all, by
label. Cells that a spreadsheet would run as a formula (leading = + - @) get a leading
apostrophe; no other text is altered.
"""

from __future__ import annotations

import csv
import io

from app.drafting.export.common import ExportView, ViewRenderer
from app.drafting.export.strings import t

MATRIX_HEADER = ("section", "number", "status", "version", "paragraph_id")


def _matrix_header() -> list[str]:
    return [t(f"csv.{column}") for column in MATRIX_HEADER]


def _stance(stance: str) -> str:
    return t(f"csv.stance.{stance}") if stance else ""


def _cell(value: object) -> str:
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def render_view(view: ExportView) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    codes = [d.code for d in view.doc.delegations]
    # "Document" first: it is how a check recognises the file (record.py).
    header = sorted(view.header, key=lambda pair: pair[0] != "Document")
    rows: list[list[object]] = [list(pair) for pair in header]
    rows += [[t("header.variant"), view.heading], [], [*_matrix_header(), *codes]]
    for section in view.sections:
        for p in section.paragraphs:
            if p.proposal is not None:  # a proposed new paragraph holds no positions yet
                continue
            positions = p.source.positions
            rows.append(
                [
                    section.title,
                    p.number,
                    t(f"csv.status.{p.status}"),
                    p.version,
                    p.paragraph_id,
                    *(_stance(positions.get(code, "")) for code in codes),
                ]
            )
    rows.append([])
    rows += [[statement] for statement in view.closing]
    rows += [list(pair) for pair in view.footer]
    writer.writerows([[_cell(value) for value in row] for row in rows])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


RENDERER = ViewRenderer("csv", "text/csv; charset=utf-8", "csv", render_view)
