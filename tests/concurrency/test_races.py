"""Rival requests sent at the same instant to a real server: one winner, every loser a 409.

Each round puts amendments on a paragraph, then releases at once (a barrier across threads):
an accept, a reject and a withdrawal of the same amendment, its proposer's revision, a merge of
two others and an accept of one of them (all on the same head version), a rejection, positions
on the paragraph and on the amendments, two silence procedures, a co-sponsor joining and a move.
Every other round a second paragraph is deleted while its amendment is accepted and revised.

Afterwards the record must agree with itself: one decision per amendment (its status and the
event log say the same), each version's text the text of the decision that wrote it, no
position taken on a version after the next one was written nor on an amendment after it was
decided, no amendment pending on a deleted paragraph, at most one running silence per version,
and the audit of the whole record passes.
"""

from __future__ import annotations

import threading
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlmodel import Session, col, select

from app.db import get_engine
from app.models import (
    Amendment,
    AmendmentStatus,
    Document,
    Event,
    Paragraph,
    ParagraphVersion,
    SilenceProcedure,
    VersionAmendment,
)
from app.services.record import audit
from app.services.text import versions as versions_service

ROUNDS = 10
OK = {200, 201, 204}
DECIDED_BY = {
    "amendment.accepted": AmendmentStatus.ACCEPTED,
    "amendment.rejected": AmendmentStatus.REJECTED,
    "amendment.withdrawn": AmendmentStatus.WITHDRAWN,
    "amendment.superseded": AmendmentStatus.SUPERSEDED,
}


@dataclass(frozen=True)
class Call:
    """One request of a round: who sends what, and which amendments it would decide."""

    who: str
    method: str
    path: str
    body: dict | None = None
    decides: tuple[int, ...] = ()

    @property
    def kind(self) -> str:
        """The request without its ids: "POST amendments/accept", "PUT amendments" (revise)."""
        return f"{self.method} " + "/".join(p for p in self.path.split("/")[1:] if not p.isdigit())


@dataclass
class Tally:
    statuses: Counter = field(default_factory=Counter)
    won: Counter = field(default_factory=Counter)  # Call.kind -> how many of them won
    decisions: Counter = field(default_factory=Counter)  # amendment id -> winning decisions
    merge_texts: set[str] = field(default_factory=set)
    silence_wins: list[int] = field(default_factory=list)
    must_be_decided: list[int] = field(default_factory=list)
    unexpected: list[str] = field(default_factory=list)


def _propose(client, paragraph: dict, text: str) -> int:
    response = client.post(
        f"/paragraphs/{paragraph['id']}/amendments",
        json={"base_version": paragraph["head_version"], "text": text},
    )
    assert response.status_code == 201, response.text
    return response.json()["id"]


def _round_calls(server, r: int, main: dict, victim: dict | None, tally: Tally) -> list[Call]:
    """Arrange one round (amendments on the head) and return its rival requests."""
    v, text, pid = main["head_version"], main["text"], main["id"]
    a1 = _propose(server.client("mex"), main, f"{text} Alpha {r}.")
    a2 = _propose(server.client("bra"), main, f"{text} Beta {r}.")
    a3 = _propose(server.client("usa"), main, f"{text} Gamma {r}.")
    assert server.client("arg").post(f"/amendments/{a1}/sponsors").status_code == 201
    compromise = f"{text} Beta {r}, gamma {r}."
    tally.merge_texts.add(compromise)
    tally.must_be_decided.append(a1)
    deadline = (datetime.now(UTC) + timedelta(days=1)).isoformat()
    on_p, expected = f"/paragraphs/{pid}", {"expected_version": v}
    silence = {"version": v, "deadline": deadline}
    objection = {"stance": "objection", "note": "Not yet."}
    calls = [
        Call("chair.rcm", "POST", f"/amendments/{a1}/accept", {"expected_version": v}, (a1,)),
        Call("chair.sacm", "POST", f"/amendments/{a1}/reject", {"reason": "No."}, (a1,)),
        Call("mex", "POST", f"/amendments/{a1}/withdraw", {"reason": "Later."}, (a1,)),
        Call("mex", "PUT", f"/amendments/{a1}", {"text": f"{text} Alpha {r}, revised."}),
        Call("arg", "PUT", f"/amendments/{a1}/positions/mine", {"stance": "support"}),
        Call("bra", "POST", f"/amendments/{a1}/sponsors"),
        Call(
            "chair.sacm",
            "POST",
            f"/paragraphs/{pid}/merge",
            {"amendment_ids": [a2, a3], "text": compromise, "expected_version": v},
            (a2, a3),
        ),
        Call("chair.rcm", "POST", f"/amendments/{a2}/accept", {"expected_version": v}, (a2,)),
        Call("chair.rcm", "POST", f"/amendments/{a3}/reject", {"reason": "Overlaps."}, (a3,)),
        Call("gtm", "PUT", f"/amendments/{a2}/positions/mine", {"stance": "reservation"}),
        Call("chl", "PUT", f"{on_p}/positions/mine", {"version": v, "stance": "support"}),
        Call("per", "PUT", f"{on_p}/positions/mine", {"version": v, **objection}),
        Call("chair.rcm", "POST", f"{on_p}/silence", silence),
        Call("chair.sacm", "POST", f"{on_p}/silence", silence),
        Call("chair.rcm", "POST", f"{on_p}/move", {"section": main["section_id"], **expected}),
    ]
    if victim is not None:
        qv, qtext, qid = victim["head_version"], victim["text"], victim["id"]
        b1 = _propose(server.client("col"), victim, f"{qtext} Delta {r}.")
        tally.must_be_decided.append(b1)
        calls += [
            Call("chair.sacm", "DELETE", f"/paragraphs/{qid}"),
            Call("chair.rcm", "POST", f"/amendments/{b1}/accept", {"expected_version": qv}, (b1,)),
            Call("col", "PUT", f"/amendments/{b1}", {"text": f"{qtext} Delta {r}, revised."}),
            Call("ecu", "PUT", f"/amendments/{b1}/positions/mine", {"stance": "support"}),
        ]
    return calls


def _race(server, calls: list[Call], tally: Tally) -> None:
    """Send every call at the same instant; tally who won and check every loser got a 409."""
    clients = [server.client(c.who) for c in calls]
    barrier = threading.Barrier(len(calls))

    def send(i: int):
        barrier.wait()
        c = calls[i]
        return clients[i].request(c.method, c.path, json=c.body)

    with ThreadPoolExecutor(len(calls)) as pool:
        responses = list(pool.map(send, range(len(calls))))
    for c, response in zip(calls, responses, strict=True):
        tally.statuses[response.status_code] += 1
        if response.status_code in OK:
            tally.won[c.kind] += 1
            for amendment_id in c.decides:
                tally.decisions[amendment_id] += 1
            if c.path.endswith("/silence"):
                tally.silence_wins.append(response.json()["id"])
        elif response.status_code != 409:
            tally.unexpected.append(f"{c.method} {c.path}: {response.status_code} {response.text}")
        else:
            assert response.headers["content-type"].startswith("application/problem+json")
            assert response.json()["detail"]
    for client in clients:
        client.close()


def _paragraphs(server, document_id: int) -> list[dict]:
    doc = server.client("chair.rcm").get(f"/documents/{document_id}").json()
    return [p for s in doc["sections"] for p in s["paragraphs"]]


def test_rival_requests_have_one_winner_and_the_record_agrees(server, database_url):
    chair = server.client("chair.rcm")
    document_id = chair.get("/documents").json()[0]["id"]
    first = _paragraphs(server, document_id)
    victims = [p["id"] for p in first[-3:]]
    mains = [p["id"] for p in first[:-3]]
    tally = Tally()
    for r in range(ROUNDS):
        by_id = {p["id"]: p for p in _paragraphs(server, document_id)}
        main = by_id[mains[r % len(mains)]]
        victim = by_id.get(victims[r // 2 % len(victims)]) if r % 2 else None
        _race(server, _round_calls(server, r, main, victim, tally), tally)

    assert tally.unexpected == [], tally.unexpected
    assert "Traceback" not in server.log_text(), server.log_text()
    with Session(get_engine(database_url)) as session:
        _check_the_record(session, document_id, tally)
    wins = sum(n for s, n in tally.statuses.items() if s in OK)
    print(
        f"\n{database_url.split(':')[0]} x{server.workers} worker(s): {ROUNDS} rounds, "
        f"{sum(tally.statuses.values())} requests, {wins} won, {tally.statuses[409]} got 409; "
        f"won: {dict(sorted(tally.won.items()))}"
    )


def _check_the_record(session: Session, document_id: int, tally: Tally) -> None:
    events = session.exec(
        select(Event).where(Event.document_id == document_id).order_by(col(Event.seq))
    ).all()
    decided = _decisions(events)
    amendments = session.exec(select(Amendment).where(Amendment.document_id == document_id)).all()
    for a in amendments:
        seen = decided.get(a.id, [])
        assert len(seen) <= 1, (a.id, seen)
        if not seen:
            assert a.status == AmendmentStatus.PENDING, (a.id, a.status)
            continue
        assert a.status == seen[0][1], (a.id, a.status, seen)
        by_request = 0 if seen[0][1] == AmendmentStatus.SUPERSEDED else 1
        assert tally.decisions[a.id] == by_request, (a.id, seen, tally.decisions[a.id])
    statuses = {a.id: a.status for a in amendments}
    assert all(statuses[i] != AmendmentStatus.PENDING for i in tally.must_be_decided)
    _check_texts(session, document_id, tally)
    _check_positions(events, decided)
    deleted = {e.target_id for e in events if e.action == "paragraph.deleted"}
    assert not [a.id for a in amendments if a.paragraph_id in deleted and a.status == "pending"]
    running = Counter(
        (p.paragraph_id, p.version_number)
        for p in session.exec(select(SilenceProcedure))
        if p.cancelled_at is None and p.broken_at is None
    )
    assert max(running.values(), default=0) <= 1, running
    assert len(tally.silence_wins) <= ROUNDS
    document = session.get_one(Document, document_id)
    verification = audit.verify(session, document=document)
    assert verification.intact, verification.summary


def _decisions(events) -> dict[int, list[tuple[int, str]]]:
    """amendment id -> [(event seq, the status the event gave it)]."""
    decided: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for e in events:
        if e.action in DECIDED_BY:
            decided[e.target_id].append((e.seq, DECIDED_BY[e.action]))
        elif e.action == "amendment.merged":
            for i in e.payload["amendment_ids"]:
                status = "accepted" if i in e.payload["accepted"] else "partly_accepted"
                decided[i].append((e.seq, status))
    return decided


def _check_texts(session: Session, document_id: int, tally: Tally) -> None:
    """Every version's text is the text of the decision that wrote it."""
    paragraphs = session.exec(select(Paragraph).where(Paragraph.document_id == document_id)).all()
    for paragraph in paragraphs:
        texts = versions_service.all_texts(session, paragraph_id=paragraph.id)
        assert texts[paragraph.head_version] == paragraph.head_text
        versions = session.exec(
            select(ParagraphVersion).where(ParagraphVersion.paragraph_id == paragraph.id)
        ).all()
        for version in versions:
            sources = session.exec(
                select(Amendment)
                .join(VersionAmendment, col(VersionAmendment.amendment_id) == col(Amendment.id))
                .where(VersionAmendment.version_id == version.id)
            ).all()
            if version.source == "amendment":
                assert [a.text for a in sources] == [texts[version.number]], version.number
            elif version.source == "merge":
                assert texts[version.number] in tally.merge_texts
                assert {a.status for a in sources} <= {"accepted", "partly_accepted"}


def _check_positions(events, decided: dict[int, list[tuple[int, str]]]) -> None:
    """No position on a version once the next was written, nor on a decided amendment."""
    written: dict[tuple[int, int], int] = {}  # (paragraph, version) -> seq of the write
    gone: dict[int, int] = {}  # paragraph -> seq of its deletion
    for e in events:
        if e.action == "amendment.accepted" and not e.payload.get("already_applied"):
            if "version" in e.payload:
                written[(e.payload["paragraph_id"], e.payload["version"])] = e.seq
        elif e.action in ("amendment.merged", "paragraph.edited"):
            written[(e.target_id, e.payload["version"])] = e.seq
        elif e.action == "paragraph.deleted":
            gone[e.target_id] = e.seq
    for e in events:
        if e.action != "position.taken":
            continue
        if e.target_type == "paragraph":
            superseded = written.get((e.target_id, e.payload["version"] + 1))
            assert superseded is None or e.seq < superseded, e.payload
            assert e.target_id not in gone or e.seq < gone[e.target_id], e.payload
        else:
            settled = decided.get(e.target_id)
            assert not settled or e.seq < settled[0][0], (e.target_id, e.payload)
