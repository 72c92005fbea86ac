"""The shared view: numbering, options, statements, header."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

from app.drafting.export.common import (
    NOTHING_OPEN,
    build_view,
    format_date,
    open_statement,
    options_for,
    paragraph_lines,
    status_summary,
)


def test_agreed_numbers_run_through_the_document(doc):
    view = build_view(doc, "agreed")
    assert [[p.number for p in s.paragraphs] for s in view.sections] == [["1", "2"], ["3"]]
    assert [p.ad_ref for s in view.sections for p in s.paragraphs] == [False, True, False]


def test_compilation_keeps_labels_and_brackets_what_is_not_agreed(doc):
    view = build_view(doc, "compilation")
    numbers = [[p.number for p in s.paragraphs] for s in view.sections]
    # The new paragraph ARG and URY propose after paragraph 1 sits under a provisional number.
    assert numbers == [["1", "2", "3"], ["1", "1bis", "2"]]
    assert [p.bracketed for s in view.sections for p in s.paragraphs] == [
        False, False, True, True, True, False,
    ]  # fmt: skip
    new = view.sections[1].paragraphs[1]
    assert new.status == "proposed" and new.key == "new-43"
    assert new.display_text.startswith("[") and "Proposed by: ARG, URY" in paragraph_lines(new)


def test_option_labels_name_sponsors_proposer_first(doc):
    bracketed = doc.sections[0].paragraphs[2]
    options = options_for(bracketed)
    assert [o.label for o in options] == ["Alt 1 (MEX, BRA)", "USA, CAN, GTM: delete"]
    assert options[1].plain == "[USA, CAN, GTM: delete]"
    assert options[1].segments == (("delete", bracketed.text),)
    # A proposed new paragraph is not an option of the paragraph it follows.
    assert options_for(doc.sections[1].paragraphs[0]) == ()


def test_modify_without_redline_shows_the_whole_text_inserted(doc):
    bracketed = doc.sections[0].paragraphs[2]
    bare = replace(bracketed.proposals[0], redline=())
    (option,) = options_for(replace(bracketed, proposals=(bare,)))
    assert option.segments == (("insert", bare.text),)


def test_open_statement(doc, empty_doc, blank_doc):
    assert open_statement(doc) == (
        "2 paragraphs remain open or bracketed: 3 (I. Guiding principles — Principios rectores);"
        ' 1 (II. Commitments & "strategy").'
    )
    one = replace(doc, sections=doc.sections[1:])
    assert open_statement(one) == (
        '1 paragraph remains open or bracketed: 1 (II. Commitments & "strategy").'
    )
    assert open_statement(blank_doc) == NOTHING_OPEN
    assert open_statement(empty_doc).startswith("5 paragraphs remain open or bracketed: 1, 2, 3")


def test_header_counts_and_date(doc):
    assert status_summary(doc) == (
        "2 agreed, 1 agreed ad referendum, 1 bracketed, 1 open (5 paragraphs)"
    )
    header = dict(build_view(doc, "agreed").header)
    assert header == {
        "Distr.": "General",
        "Original": "English",
        "Document": doc.title,
        "Revision": "Rev.1",
        "Date": "2025-03-14 10:30 UTC",
        "Status": status_summary(doc),
    }
    moment = datetime(2025, 3, 14, 7, 30)
    assert format_date(replace(doc, generated_at=moment)) == "2025-03-14 07:30"
    bogota = moment.replace(tzinfo=timezone(timedelta(hours=-5)))
    assert format_date(replace(doc, generated_at=bogota)) == "2025-03-14 07:30 UTC-0500"
    assert format_date(replace(doc, generated_at=moment.replace(tzinfo=UTC))).endswith(" UTC")


def test_all_agreed_says_nothing_remains_open(doc):
    sections = tuple(
        replace(s, paragraphs=tuple(replace(p, status="agreed") for p in s.paragraphs))
        for s in doc.sections
    )
    view = build_view(replace(doc, sections=sections), "agreed")
    assert view.closing == (NOTHING_OPEN,)
