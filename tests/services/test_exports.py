"""Building the export document from the database: now, at a revision, and where proposals go."""

from datetime import timedelta

import pytest
from sqlmodel import Session

from app.drafting.export import canonical_text
from app.models import Document
from app.services.consensus import board as board_service
from app.services.exports import exports as exports_service
from tests.api.test_exports import agree, paragraphs_of, propose
from tests.api.test_exports_history import issue_revision


def build(app, document_id, revision=None, now=None):
    with Session(app.state.engine) as session:
        document = session.get(Document, document_id)
        return exports_service.build(
            session, document=document, now=now or app.state.clock(), revision=revision
        )


def by_id(export_doc):
    return {p.paragraph_id: p for s in export_doc.sections for p in s.paragraphs}


@pytest.mark.parametrize(
    ("title", "revision", "variant", "extension", "expected"),
    [
        (
            "Posición común: migración",
            None,
            "agreed",
            "pdf",
            "posicion-comun-migracion-current-agreed.pdf",
        ),
        (
            "Common position",
            0,
            "compilation",
            "docx",
            "common-position-zero-draft-compilation.docx",
        ),
        ("Common position", 3, "agreed", "xml", "common-position-rev3-agreed.xml"),
        ("Common position", 3, "agreed", "json", "common-position-dump.json"),
        ("<>&\u200f", None, "agreed", "md", "document-7-current-agreed.md"),
        (
            "Bi-regional common position of the RCM and the SACM",
            1,
            "compilation",
            "docx",
            "bi-regional-common-position-of-the-rcm-rev1-compilation.docx",
        ),
    ],
)
def test_file_names_are_readable_ascii(title, revision, variant, extension, expected):
    document = Document(id=7, title=title)
    name = exports_service.file_name(
        document, revision=revision, variant=variant, extension=extension
    )
    assert name == expected


def test_now_the_export_says_what_the_consensus_board_says(api, app, doc, document_id):
    paragraphs = paragraphs_of(doc)
    agree(api, paragraphs[0]["id"])
    agree(api, paragraphs[1]["id"], stance="ad_referendum")
    api.as_("usa").put(
        f"/api/paragraphs/{paragraphs[2]['id']}/positions/mine",
        json={"version": 1, "stance": "reservation", "note": "Awaiting instructions."},
    )
    propose(api, paragraphs[3], paragraphs[3]["text"] + " Now.", cosponsors=["arg"])
    now = app.state.clock()
    exported = by_id(build(app, document_id, now=now))
    with Session(app.state.engine) as session:
        board = board_service.board(session, document=session.get(Document, document_id), now=now)
    for row in board.paragraphs:
        p = exported[row.id]
        assert (p.status, p.label, p.version) == (row.status, row.label, 1)
        assert [c for c, _ in p.objections] == list(row.objections)
        assert [c for c, _ in p.reservations] == list(row.reservations)
        assert list(p.ad_referendum) == list(row.ad_referendum)
    third = exported[paragraphs[2]["id"]]
    assert third.reservations == (("USA", "Awaiting instructions."),)
    assert third.positions == {"USA": "reservation"}
    assert exported[paragraphs[1]["id"]].ad_referendum == tuple(sorted(exported[
        paragraphs[1]["id"]].positions))  # fmt: skip
    (proposal,) = exported[paragraphs[3]["id"]].proposals
    assert proposal.sponsors == ("MEX", "ARG")
    assert "".join(text for op, text in proposal.redline if op != "delete") == proposal.text
    assert [text.strip(" .") for op, text in proposal.redline if op != "equal"] == ["Now"]


def test_right_after_issuing_a_revision_it_exports_like_the_current_text(
    api, app, doc, document_id
):
    paragraphs = paragraphs_of(doc)
    agree(api, paragraphs[0]["id"])
    api.as_("bra").put(
        f"/api/paragraphs/{paragraphs[5]['id']}/positions/mine",
        json={"version": 1, "stance": "objection", "note": "Too broad."},
    )
    propose(api, paragraphs[6], paragraphs[6]["text"] + " Also.", cosponsors=["col", "per"])
    issue_revision(api, document_id)
    now, then = build(app, document_id), build(app, document_id, revision=0)
    assert then.revision == "Zero draft" and now.revision == "Current text"
    for variant in ("agreed", "compilation"):
        body = canonical_text(now, variant).split("\n", 2)[2]
        assert canonical_text(then, variant).split("\n", 2)[2] == body
    assert [p.positions for p in by_id(then).values()] == [p.positions for p in by_id(now).values()]
    assert then.delegations == now.delegations and len(now.delegations) == 23
    assert [d.bloc for d in now.delegations] == ["RCM"] * 11 + ["SACM"] * 12


def test_at_a_revision_positions_withdrawn_before_count_for_nothing_and_later_ones_wait(
    api, app, doc, document_id
):
    paragraphs = paragraphs_of(doc)
    first, second = paragraphs[0]["id"], paragraphs[1]["id"]
    agree(api, first)
    url = f"/api/paragraphs/{second}/positions/mine"
    api.as_("mex").put(url, json={"version": 1, "stance": "objection", "note": "No."})
    assert api.as_("mex").delete(url).status_code == 204
    issue_revision(api, document_id)
    assert api.as_("can").delete(f"/api/paragraphs/{first}/positions/mine").status_code == 204
    api.as_("chl").put(url, json={"version": 1, "stance": "reservation", "note": "Later."})

    then = by_id(build(app, document_id, revision=0))
    assert then[first].status == "agreed" and then[first].positions["CAN"] == "support"
    assert then[second].status == "open" and then[second].positions == {}
    now = by_id(build(app, document_id))
    assert now[first].status == "open" and "CAN" not in now[first].positions
    assert now[second].reservations == (("CHL", "Later."),)


def test_a_silence_procedure_that_held_before_the_revision_makes_it_agreed_then(
    api, app, doc, document_id
):
    paragraph = paragraphs_of(doc)[4]
    clock = app.state.clock
    started = clock() - timedelta(days=2)
    app.state.clock = lambda: started
    response = api.as_("chair.sacm").post(
        f"/api/paragraphs/{paragraph['id']}/silence",
        json={"version": 1, "deadline": (started + timedelta(days=1)).isoformat()},
    )
    assert response.status_code == 201, response.text
    app.state.clock = clock
    issue_revision(api, document_id)
    assert by_id(build(app, document_id, revision=0))[paragraph["id"]].status == "agreed"
    with Session(app.state.engine) as session:
        counts = board_service.revision_counts(session, document_id=document_id)[0]
    assert counts["agreed"] == 1


def test_proposals_at_a_revision_are_as_they_stood(api, app, doc, document_id):
    paragraphs = paragraphs_of(doc)
    target = paragraphs[2]
    first_text = target["text"] + " First wording."
    amendment = propose(api, target, first_text, rationale="Why, first.")
    issue_revision(api, document_id)
    revised = api.as_("mex").put(
        f"/api/amendments/{amendment}",
        json={"text": target["text"] + " Second wording.", "rationale": "Why, second."},
    )
    assert revised.status_code == 200, revised.text
    assert api.as_("gtm").post(f"/api/amendments/{amendment}/sponsors").status_code == 201

    (then,) = by_id(build(app, document_id, revision=0))[target["id"]].proposals
    assert (then.text, then.rationale, then.sponsors) == (first_text, "Why, first.", ("MEX",))
    (now,) = by_id(build(app, document_id))[target["id"]].proposals
    assert (now.rationale, now.sponsors) == ("Why, second.", ("MEX", "GTM"))


def test_structural_proposals_go_with_the_paragraph_they_follow_or_delete(
    api, app, doc, document_id
):
    principles, commitments = doc["sections"][0], doc["sections"][1]
    url = f"/api/documents/{document_id}/amendments"
    mex = api.as_("mex")
    after = mex.post(
        url,
        json={
            "kind": "insert_paragraph",
            "section": principles["key"],
            "after": principles["paragraphs"][1]["id"],
            "text": "New one.",
        },
    )
    start = mex.post(
        url,
        json={"kind": "insert_paragraph", "section": commitments["key"], "text": "At the start."},
    )
    delete = mex.post(url, json={"kind": "delete_paragraph", "base_version": 1,
                                 "paragraph_id": principles["paragraphs"][2]["id"]})  # fmt: skip
    for response in (after, start, delete):
        assert response.status_code == 201, response.text
    issue_revision(api, document_id)
    accepted = api.as_("chair.rcm").post(f"/api/amendments/{after.json()['id']}/accept", json={})
    assert accepted.status_code == 200, accepted.text

    then = by_id(build(app, document_id, revision=0))
    (new_one,) = then[principles["paragraphs"][1]["id"]].proposals
    assert (new_one.kind, new_one.text, new_one.redline) == ("insert_paragraph", "New one.", ())
    (at_start,) = then[commitments["paragraphs"][0]["id"]].proposals
    assert at_start.text == "At the start."
    (deletion,) = then[principles["paragraphs"][2]["id"]].proposals
    assert (deletion.kind, deletion.text) == ("delete_paragraph", "")
    assert len(then) == 10

    now = build(app, document_id)
    assert [p.text for p in now.sections[0].paragraphs][2] == "New one."
    assert [p.label for p in now.sections[0].paragraphs] == ["1.1", "1.2", "1.3", "1.4"]
    assert not by_id(now)[principles["paragraphs"][1]["id"]].proposals
    # A new paragraph at a section's start goes under a provisional number after the paragraph
    # before it, with its sponsors.
    text = canonical_text(now, "compilation")
    assert "At the start." in text, text
    assert "1.4bis. [At the start.]\nProposed by: MEX" in text


def test_the_audit_head_is_the_chain_as_it_stood(api, app, doc, document_id):
    issue_revision(api, document_id)
    with Session(app.state.engine) as session:
        head_at_revision = session.get(Document, document_id).event_head
    agree(api, paragraphs_of(doc)[0]["id"])
    with Session(app.state.engine) as session:
        head_now = session.get(Document, document_id).event_head
    assert build(app, document_id, revision=0).audit_head == head_at_revision
    assert build(app, document_id).audit_head == head_now != head_at_revision


def test_the_audit_sequence_is_the_event_the_head_is_the_hash_of(api, app, doc, document_id):
    issue_revision(api, document_id)
    with Session(app.state.engine) as session:
        at_revision = session.get(Document, document_id).event_seq
    agree(api, paragraphs_of(doc)[0]["id"])
    with Session(app.state.engine) as session:
        seq_now = session.get(Document, document_id).event_seq
    then, now = build(app, document_id, revision=0), build(app, document_id)
    assert (then.audit_seq, then.revision_number) == (at_revision, 0)
    assert (now.audit_seq, now.revision_number) == (seq_now, None)
    assert seq_now > at_revision


@pytest.mark.parametrize("format", ["md", "html", "pdf", "docx", "akn", "csv"])
def test_every_format_carries_the_moment_it_shows_and_reads_back(app, document_id, format):
    from app.drafting.export import export_hash, render
    from app.drafting.export.record import read

    exported = build(app, document_id)
    content = render(exported, format=format, variant="agreed").content
    record = read(content)
    assert record.format == format
    assert (record.document_id, record.audit_seq, record.audit_head) == (
        document_id,
        exported.audit_seq,
        exported.audit_head,
    )
    assert record.text_hash == export_hash(exported, "agreed")
    assert (record.variant, record.revision_number) == ("agreed", None)
    assert record.generated_at == exported.generated_at


def test_a_write_committed_while_the_current_text_is_read_is_not_half_shown(
    api, app, doc, document_id, monkeypatch
):
    """On PostgreSQL each query sees the latest commit: the export reads its text again when the
    log moved meanwhile, so the event it names is the text it shows (checked by verifying)."""
    from app.drafting.export import render
    from app.services.exports import snapshots, verifying

    real, writes = snapshots.current, []

    def current_with_a_write_first(session, **kwargs):
        if not writes:  # another delegation's position commits between the two readings
            writes.append(agree(api, paragraphs_of(doc)[1]["id"]))
        return real(session, **kwargs)

    monkeypatch.setattr(snapshots, "current", current_with_a_write_first)
    exported = build(app, document_id)
    content = render(exported, format="md", variant="compilation").content
    monkeypatch.setattr(snapshots, "current", real)
    with Session(app.state.engine) as session:
        result = verifying.check(session, content=content)
    assert result.matches, result.message
