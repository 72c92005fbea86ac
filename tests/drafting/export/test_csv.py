"""CSV: the positions matrix, paragraph x delegation, read back with the csv module."""

from __future__ import annotations

import csv
import io
from dataclasses import replace

from app.drafting.export import render
from app.drafting.export.common import NOTHING_AGREED
from app.drafting.export.csv import MATRIX_HEADER
from tests.drafting.export.conftest import CODES


def _read(content: bytes) -> tuple[dict[str, str], list[list[str]], list[list[str]]]:
    """(header block, matrix with its header row, rows after the matrix)."""
    assert content.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8 accents right
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))
    start = rows.index([])
    end = rows.index([], start + 1)
    return dict(rows[:start]), rows[start + 1 : end], rows[end + 1 :]


def test_compilation_matrix_has_every_paragraph_and_delegation(rendered):
    header, matrix, after = _read(rendered("csv", "compilation"))
    assert matrix[0] == [*MATRIX_HEADER, *CODES]
    assert len(CODES) == 23 and matrix[0][5:16] == list(CODES[:11])  # RCM first, then SACM
    keys = [(r[0][:3], r[1], r[2], r[3], r[4]) for r in matrix[1:]]
    assert keys == [
        ("I. ", "1", "agreed", "3", "1"),
        ("I. ", "2", "agreed_ad_ref", "2", "2"),
        ("I. ", "3", "bracketed", "4", "3"),
        ("II.", "1", "open", "1", "4"),
        ("II.", "2", "agreed", "2", "5"),
    ]
    cells = dict(zip(matrix[0], matrix[3], strict=True))
    assert (cells["MEX"], cells["BRA"], cells["VEN"], cells["CHL"], cells["ARG"]) == (
        "support", "support", "objection", "reservation", "",
    )  # fmt: skip
    assert dict(zip(matrix[0], matrix[2], strict=True))["PER"] == "ad_referendum"
    assert matrix[4][0] == 'II. Commitments & "strategy"'
    assert header["Document"] == "Bi-regional common position RCM–SACM on migración & migração"
    assert header["Variant"] == "Compilation text"
    assert after[0][0] == "SHA-256 of the text"


def test_agreed_matrix_lists_agreed_paragraphs_numbered_as_the_text(rendered):
    _, matrix, after = _read(rendered("csv", "agreed"))
    assert [(r[1], r[4]) for r in matrix[1:]] == [("1", "1"), ("2", "2"), ("3", "5")]
    assert after[0][0].startswith("2 paragraphs remain open or bracketed")


def test_nothing_agreed_keeps_the_matrix_header_and_says_so(rendered):
    _, matrix, after = _read(rendered("csv", "agreed", "empty"))
    assert matrix == [[*MATRIX_HEADER, *CODES]]
    assert after[0] == [NOTHING_AGREED]


def test_cells_a_spreadsheet_would_run_are_defused(doc):
    section = replace(doc.sections[0], title='=HYPERLINK("http://x","y")')
    changed = replace(doc, sections=(section,))
    _, matrix, _ = _read(render(changed, format="csv", variant="agreed").content)
    assert matrix[1][0] == '\'=HYPERLINK("http://x","y")'


def test_a_spanish_csv_names_its_columns_statuses_and_stances_in_spanish(doc):
    from app.i18n import exports

    spanish = replace(doc, strings=exports.ES)
    header, matrix, after = _read(render(spanish, format="csv", variant="compilation").content)
    assert matrix[0][:5] == ["sección", "número", "estado", "versión", "id_párrafo"]
    assert [r[2] for r in matrix[1:]] == [
        "acordado",
        "acordado ad referéndum",
        "entre corchetes",
        "abierto",
        "acordado",
    ]
    cells = dict(zip(matrix[0], matrix[3], strict=True))
    assert (cells["MEX"], cells["VEN"], cells["CHL"], cells["ARG"]) == (
        "apoyo", "objeción", "reserva", "",
    )  # fmt: skip
    assert dict(zip(matrix[0], matrix[2], strict=True))["PER"] == "ad referéndum"
    assert header["Variante"] == "Texto de compilación"
    assert after[0][0] == "SHA-256 of the text"  # the record's labels stay fixed
