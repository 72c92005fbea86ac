"""A valid request for every route of the authorization matrix, built on objects of its own.

Each recipe makes what its request needs (a fresh document, paragraph, amendment, revision)
through the API as the chairs and the delegations would, so the status the actor gets says
what their role may do, not what an earlier row left behind. `object` is the delegate's
relation to the amendment: `own` (MEX proposed it), `cosponsor` (MEX co-sponsors BRA's) or
`other` (USA's, co-sponsored by BRA); `-` where it does not apply.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from fastapi.testclient import TestClient

from tests.conftest import DEMO_PASSWORD, STARTED, Api

USERS = {"observer": "iom", "delegate": "mex", "chair": "chair.rcm", "secretariat": "secretariat"}
DEADLINE = (STARTED + timedelta(days=60)).isoformat()
_numbers = itertools.count(1)


@dataclass
class Call:
    path: str
    json: Any = None
    token: str | None = None  # instead of the actor's planted one (a fresh sign-in)
    content: bytes | None = None  # a raw body (a file) instead of JSON


@dataclass
class World:
    api: Api
    clients: dict[str, TestClient] = field(default_factory=dict)

    def as_(self, username: str) -> TestClient:
        if username not in self.clients:
            self.clients[username] = self.api.as_(username)
        return self.clients[username]

    def ok(self, username: str, method: str, path: str, json: Any = None) -> Any:
        response = self.as_(username).request(method, path, json=json)
        assert response.status_code < 300, f"arranging {method} {path}: {response.text}"
        return response.json() if response.content else None

    def document(self) -> tuple[int, int]:
        """A fresh document with two sections and one paragraph: (document id, paragraph id)."""
        title = f"Matrix document {next(_numbers)}"
        doc = self.ok("chair.rcm", "POST", "/api/documents", {"title": title, "sections": S})
        return doc["id"], self.paragraph(doc["id"])

    def paragraph(self, document_id: int) -> int:
        body = {"section": "one", "text": f"States agree on point {next(_numbers)}."}
        return self.ok("chair.rcm", "POST", f"/api/documents/{document_id}/paragraphs", body)["id"]

    def amendment(self, proposer: str = "usa", cosponsors: tuple[str, ...] = ("bra",)) -> int:
        _, paragraph_id = self.document()
        body = {"base_version": 1, "text": f"States resolve on point {next(_numbers)}."}
        path = f"/api/paragraphs/{paragraph_id}/amendments"
        amendment_id: int = self.ok(proposer, "POST", path, body)["id"]
        for cosponsor in cosponsors:
            self.ok(cosponsor, "POST", f"/api/amendments/{amendment_id}/sponsors", {})
        return amendment_id

    def owned(self, obj: str) -> int:
        """The amendment the delegate MEX stands in this relation to."""
        if obj == "own":
            return self.amendment(proposer="mex", cosponsors=("bra",))
        if obj == "cosponsor":
            return self.amendment(proposer="bra", cosponsors=("mex",))
        return self.amendment()

    def revision(self, document_id: int) -> int:
        number: int = self.ok("chair.rcm", "POST", f"/api/documents/{document_id}/revisions")[
            "number"
        ]
        return number

    def paragraph_of(self, amendment_id: int) -> int:
        paragraph_id: int = self.ok("chair.rcm", "GET", f"/api/amendments/{amendment_id}")[
            "paragraph_id"
        ]
        return paragraph_id

    def fresh_token(self, username: str) -> str:
        body = {"username": username, "password": DEMO_PASSWORD}
        token: str = self.ok(username, "POST", "/api/auth/login", body)["token"]
        return token


S = ["One", "Two"]
Recipe = Callable[[World, str, str], Call]
RECIPES: dict[tuple[str, str], Recipe] = {}


def recipe(method: str, path: str) -> Callable[[Recipe], Recipe]:
    def register(function: Recipe) -> Recipe:
        RECIPES[(method, path)] = function
        return function

    return register


def _document(w: World) -> int:
    return w.document()[0]


def _paragraph(w: World) -> int:
    return w.document()[1]


# --- accounts, participants, documents ------------------------------------------------------


@recipe("POST", "/api/auth/login")
def _login(w: World, actor: str, obj: str) -> Call:
    username, password = USERS.get(actor, "nobody"), DEMO_PASSWORD
    if actor == "anonymous":
        password = "not-the-password"
    return Call("/api/auth/login", {"username": username, "password": password})


@recipe("POST", "/api/auth/logout")
def _logout(w: World, actor: str, obj: str) -> Call:
    # A fresh session of the actor's, so the planted token other rows use stays valid.
    token = w.fresh_token(USERS[actor]) if actor in USERS else None
    return Call("/api/auth/logout", token=token)


for _path in ("/api/health", "/api/me", "/api/participants", "/api/documents"):
    RECIPES[("GET", _path)] = lambda w, actor, obj, _path=_path: Call(_path)


@recipe("POST", "/api/documents")
def _create_document(w: World, actor: str, obj: str) -> Call:
    return Call("/api/documents", {"title": f"New {next(_numbers)}", "sections": ["A"]})


@recipe("POST", "/api/documents/{document_id}/exports")
def _request_export(w: World, actor: str, obj: str) -> Call:
    return Call(f"/api/documents/{_document(w)}/exports", {"format": "md"})


def _export_job(w: World, *, built: bool) -> int:
    job = w.ok("chair.rcm", "POST", f"/api/documents/{_document(w)}/exports", {"format": "md"})
    if built:
        w.api.app.state.export_runner.run_all()  # type: ignore[attr-defined]
    job_id: int = job["id"]
    return job_id


@recipe("GET", "/api/exports/{job_id}")
def _export_status(w: World, actor: str, obj: str) -> Call:
    return Call(f"/api/exports/{_export_job(w, built=False)}")


@recipe("GET", "/api/exports/{job_id}/file")
def _export_file(w: World, actor: str, obj: str) -> Call:
    return Call(f"/api/exports/{_export_job(w, built=True)}/file")


@recipe("PATCH", "/api/documents/{document_id}")
def _document_settings(w: World, actor: str, obj: str) -> Call:
    return Call(f"/api/documents/{_document(w)}", {"numbering": "consecutive"})


@recipe("PATCH", "/api/sections/{section_id}")
def _section_kind(w: World, actor: str, obj: str) -> Call:
    document = w.ok("chair.rcm", "GET", f"/api/documents/{_document(w)}")
    return Call(f"/api/sections/{document['sections'][0]['id']}", {"kind": "preambular"})


@recipe("POST", "/api/documents/{document_id}/paragraphs")
def _create_paragraph(w: World, actor: str, obj: str) -> Call:
    path = f"/api/documents/{_document(w)}/paragraphs"
    return Call(path, {"section": "one", "text": "A new paragraph."})


@recipe("PATCH", "/api/paragraphs/{paragraph_id}")
def _edit(w: World, actor: str, obj: str) -> Call:
    body = {"text": "States agree otherwise.", "expected_version": 1}
    return Call(f"/api/paragraphs/{_paragraph(w)}", body)


@recipe("POST", "/api/paragraphs/{paragraph_id}/move")
def _move(w: World, actor: str, obj: str) -> Call:
    return Call(f"/api/paragraphs/{_paragraph(w)}/move", {"section": "two"})


@recipe("GET", "/api/paragraphs/{paragraph_id}/versions/{n}")
def _version(w: World, actor: str, obj: str) -> Call:
    return Call(f"/api/paragraphs/{_paragraph(w)}/versions/1")


@recipe("GET", "/api/paragraphs/{paragraph_id}/diff")
def _diff(w: World, actor: str, obj: str) -> Call:
    return Call(f"/api/paragraphs/{_paragraph(w)}/diff?from=1")


@recipe("GET", "/api/documents/{document_id}/stream")
def _stream(w: World, actor: str, obj: str) -> Call:
    return Call(f"/api/documents/{_document(w)}/stream?after=0")


@recipe("GET", "/api/documents/{document_id}/compilation")
def _compilation(w: World, actor: str, obj: str) -> Call:
    return Call(f"/api/documents/{_document(w)}/compilation")


@recipe("GET", "/api/documents/{document_id}/events")
def _events(w: World, actor: str, obj: str) -> Call:
    return Call(f"/api/documents/{_document(w)}/events?after=0")


# --- amendments -------------------------------------------------------------------------------


@recipe("POST", "/api/paragraphs/{paragraph_id}/amendments")
def _propose(w: World, actor: str, obj: str) -> Call:
    body = {"base_version": 1, "text": "States resolve instead.", "rationale": "Clearer."}
    return Call(f"/api/paragraphs/{_paragraph(w)}/amendments", body)


@recipe("POST", "/api/documents/{document_id}/amendments")
def _propose_structural(w: World, actor: str, obj: str) -> Call:
    document_id, paragraph_id = w.document()
    body = {"kind": "delete_paragraph", "paragraph_id": paragraph_id, "base_version": 1}
    return Call(f"/api/documents/{document_id}/amendments", body)


@recipe("PUT", "/api/amendments/{amendment_id}")
def _revise(w: World, actor: str, obj: str) -> Call:
    return Call(f"/api/amendments/{w.owned(obj)}", {"text": "States resolve, revised."})


@recipe("POST", "/api/amendments/{amendment_id}/withdraw")
def _withdraw(w: World, actor: str, obj: str) -> Call:
    return Call(f"/api/amendments/{w.owned(obj)}/withdraw", {"reason": "Overtaken."})


@recipe("POST", "/api/amendments/{amendment_id}/sponsors")
def _join(w: World, actor: str, obj: str) -> Call:
    return Call(f"/api/amendments/{w.owned(obj)}/sponsors", {})


@recipe("DELETE", "/api/amendments/{amendment_id}/sponsors/{code}")
def _leave(w: World, actor: str, obj: str) -> Call:
    # The delegate leaves for MEX (own, cosponsor) or tries to remove BRA (other); anyone
    # else removes BRA, a co-sponsor of USA's amendment.
    code = "MEX" if obj in ("own", "cosponsor") else "BRA"
    return Call(f"/api/amendments/{w.owned(obj)}/sponsors/{code}")


@recipe("POST", "/api/amendments/{amendment_id}/accept")
def _accept(w: World, actor: str, obj: str) -> Call:
    return Call(f"/api/amendments/{w.amendment()}/accept", {"expected_version": 1})


@recipe("POST", "/api/amendments/{amendment_id}/reject")
def _reject(w: World, actor: str, obj: str) -> Call:
    return Call(f"/api/amendments/{w.amendment()}/reject", {"reason": "No consensus."})


@recipe("POST", "/api/paragraphs/{paragraph_id}/merge")
def _merge(w: World, actor: str, obj: str) -> Call:
    amendment_id = w.amendment()
    body = {"amendment_ids": [amendment_id], "text": "A compromise.", "expected_version": 1}
    return Call(f"/api/paragraphs/{w.paragraph_of(amendment_id)}/merge", body)


@recipe("POST", "/api/amendments/{amendment_id}/comments")
def _comment(w: World, actor: str, obj: str) -> Call:
    return Call(f"/api/amendments/{w.amendment()}/comments", {"body": "We have a question."})


# --- revisions ----------------------------------------------------------------------------------


@recipe("POST", "/api/documents/{document_id}/revisions")
def _issue(w: World, actor: str, obj: str) -> Call:
    return Call(f"/api/documents/{_document(w)}/revisions", {"note": "Zero draft"})


@recipe("GET", "/api/documents/{document_id}/revisions/{n}")
def _revision(w: World, actor: str, obj: str) -> Call:
    document_id = _document(w)
    return Call(f"/api/documents/{document_id}/revisions/{w.revision(document_id)}")


@recipe("GET", "/api/documents/{document_id}/compare")
def _compare(w: World, actor: str, obj: str) -> Call:
    document_id = _document(w)
    return Call(f"/api/documents/{document_id}/compare?from={w.revision(document_id)}&to=now")


@recipe("POST", "/api/documents/{document_id}/revisions/{n}/silence")
def _revision_silence(w: World, actor: str, obj: str) -> Call:
    document_id = _document(w)
    path = f"/api/documents/{document_id}/revisions/{w.revision(document_id)}/silence"
    return Call(path, {"deadline": DEADLINE})


# --- positions, silence, freezing -------------------------------------------------------------


@recipe("PUT", "/api/paragraphs/{paragraph_id}/positions/mine")
def _take(w: World, actor: str, obj: str) -> Call:
    body = {"version": 1, "stance": "support"}
    return Call(f"/api/paragraphs/{_paragraph(w)}/positions/mine", body)


@recipe("DELETE", "/api/paragraphs/{paragraph_id}/positions/mine")
def _untake(w: World, actor: str, obj: str) -> Call:
    path = f"/api/paragraphs/{_paragraph(w)}/positions/mine"
    w.ok("mex", "PUT", path, {"version": 1, "stance": "support"})
    return Call(path)


@recipe("PUT", "/api/amendments/{amendment_id}/positions/mine")
def _take_on_amendment(w: World, actor: str, obj: str) -> Call:
    return Call(f"/api/amendments/{w.amendment()}/positions/mine", {"stance": "support"})


@recipe("DELETE", "/api/amendments/{amendment_id}/positions/mine")
def _untake_on_amendment(w: World, actor: str, obj: str) -> Call:
    path = f"/api/amendments/{w.amendment()}/positions/mine"
    w.ok("mex", "PUT", path, {"stance": "support"})
    return Call(path)


@recipe("POST", "/api/paragraphs/{paragraph_id}/silence")
def _silence(w: World, actor: str, obj: str) -> Call:
    body = {"version": 1, "deadline": DEADLINE}
    return Call(f"/api/paragraphs/{_paragraph(w)}/silence", body)


@recipe("POST", "/api/paragraphs/{paragraph_id}/unfreeze")
def _unfreeze(w: World, actor: str, obj: str) -> Call:
    paragraph_id = _paragraph(w)
    w.ok("chair.rcm", "POST", f"/api/paragraphs/{paragraph_id}/freeze")
    return Call(f"/api/paragraphs/{paragraph_id}/unfreeze")


@recipe("POST", "/api/verify")
def _verify(w: World, actor: str, obj: str) -> Call:
    exported = w.as_("chair.rcm").get(f"/api/documents/{_document(w)}/export?format=md")
    assert exported.status_code == 200, exported.text
    return Call("/api/verify", content=exported.content)


# --- translations -----------------------------------------------------------------------------


@recipe("PUT", "/api/paragraphs/{paragraph_id}/versions/{n}/translations/{lang}")
def _translate(w: World, actor: str, obj: str) -> Call:
    path = f"/api/paragraphs/{_paragraph(w)}/versions/1/translations/es"
    return Call(path, {"text": "Los Estados acuerdan."})


@recipe("PUT", "/api/documents/{document_id}/languages")
def _languages(w: World, actor: str, obj: str) -> Call:
    body = {"negotiating_language": "en", "languages": ["en", "es"]}
    return Call(f"/api/documents/{_document(w)}/languages", body)


@recipe("POST", "/api/documents/{document_id}/translations/{lang}/import")
def _import_translations(w: World, actor: str, obj: str) -> Call:
    path = f"/api/documents/{_document(w)}/translations/pt/import"
    return Call(path, content=b"1.1\tOs Estados acordam.\n")


def _edited_docx(w: World) -> tuple[int, bytes]:
    """A fresh document's DOCX export with its paragraph's words edited, as in Word."""
    import io
    import zipfile

    document_id = _document(w)
    path = f"/api/documents/{document_id}/export?format=docx&variant=compilation"
    exported = w.as_("chair.rcm").get(path).content
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(exported)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                data = data.replace(b"States agree on point", b"States resolve on point")
            dst.writestr(item, data)
    return document_id, out.getvalue()


@recipe("POST", "/api/documents/{document_id}/imports/docx")
def _import_docx(w: World, actor: str, obj: str) -> Call:
    document_id, content = _edited_docx(w)
    return Call(f"/api/documents/{document_id}/imports/docx", content=content)


@recipe("POST", "/api/documents/{document_id}/imports/docx/file")
def _file_docx(w: World, actor: str, obj: str) -> Call:
    document_id, content = _edited_docx(w)
    return Call(f"/api/documents/{document_id}/imports/docx/file", content=content)


# --- plenary ----------------------------------------------------------------------------------

PLENARY = "/api/documents/{document_id}/plenary"


def _reading(w: World, *, asking: tuple[str, ...] = ()) -> tuple[str, dict]:
    """A fresh document with a paragraph under reading and requests for the floor: (the
    plenary's path, its state)."""
    document_id, paragraph_id = w.document()
    path = PLENARY.format(document_id=document_id)
    state = w.ok("chair.rcm", "PUT", path, {"paragraph_id": paragraph_id})
    for delegate in asking:
        state = w.ok(delegate, "POST", f"{path}/floor", {"paragraph_id": paragraph_id})
    return path, state


@recipe("PUT", PLENARY)
def _take_up(w: World, actor: str, obj: str) -> Call:
    document_id, paragraph_id = w.document()
    return Call(PLENARY.format(document_id=document_id), {"paragraph_id": paragraph_id})


@recipe("DELETE", PLENARY)
def _end_reading(w: World, actor: str, obj: str) -> Call:
    return Call(_reading(w)[0])


@recipe("POST", PLENARY + "/floor")
def _ask_floor(w: World, actor: str, obj: str) -> Call:
    path, state = _reading(w)
    return Call(f"{path}/floor", {"paragraph_id": state["reading"]["paragraph_id"]})


@recipe("DELETE", PLENARY + "/floor/{request_id}")
def _withdraw_floor(w: World, actor: str, obj: str) -> Call:
    # The delegate MEX withdraws its own request (own) or tries BRA's (other).
    path, state = _reading(w, asking=("mex", "bra"))
    code = "MEX" if obj == "own" else "BRA"
    request = next(r for r in state["reading"]["waiting"] if r["participant_code"] == code)
    return Call(f"{path}/floor/{request['id']}")


@recipe("POST", PLENARY + "/floor/{request_id}/give")
def _give_floor(w: World, actor: str, obj: str) -> Call:
    path, state = _reading(w, asking=("bra",))
    return Call(f"{path}/floor/{state['reading']['waiting'][0]['id']}/give")


@recipe("POST", PLENARY + "/next")
def _next_speaker(w: World, actor: str, obj: str) -> Call:
    return Call(f"{_reading(w, asking=('bra',))[0]}/next")


@recipe("POST", PLENARY + "/close")
def _close_list(w: World, actor: str, obj: str) -> Call:
    return Call(f"{_reading(w)[0]}/close")


@recipe("POST", PLENARY + "/reopen")
def _reopen_list(w: World, actor: str, obj: str) -> Call:
    path, _ = _reading(w)
    w.ok("chair.rcm", "POST", f"{path}/close")
    return Call(f"{path}/reopen")


# --- the calendar, invitations, the inbox ------------------------------------------------------

ROUND = {"name": "Round", "starts_on": "2027-01-11", "ends_on": "2027-01-15"}


@recipe("POST", "/api/documents/{document_id}/rounds")
def _create_round(w: World, actor: str, obj: str) -> Call:
    return Call(f"/api/documents/{_document(w)}/rounds", ROUND)


@recipe("PATCH", "/api/rounds/{round_id}")
def _update_round(w: World, actor: str, obj: str) -> Call:
    made = w.ok("chair.rcm", "POST", f"/api/documents/{_document(w)}/rounds", ROUND)
    return Call(f"/api/rounds/{made['id']}", {"room": "Conference Room 2"})


@recipe("POST", "/api/amendments/{amendment_id}/invitations")
def _invite(w: World, actor: str, obj: str) -> Call:
    amendment_id = w.amendment(proposer="mex", cosponsors=())
    return Call(f"/api/amendments/{amendment_id}/invitations", {"codes": ["CHL"]})


def _invitation(w: World) -> int:
    """An invitation from USA to MEX (the delegate of the matrix)."""
    amendment_id = w.amendment(cosponsors=())
    path = f"/api/amendments/{amendment_id}/invitations"
    return int(w.ok("usa", "POST", path, {"codes": ["MEX"]})[0]["id"])


@recipe("POST", "/api/invitations/{invitation_id}/accept")
def _accept_invitation(w: World, actor: str, obj: str) -> Call:
    return Call(f"/api/invitations/{_invitation(w)}/accept")


@recipe("POST", "/api/invitations/{invitation_id}/decline")
def _decline_invitation(w: World, actor: str, obj: str) -> Call:
    return Call(f"/api/invitations/{_invitation(w)}/decline")


@recipe("POST", "/api/silence/{procedure_id}/cancel")
def _cancel_silence(w: World, actor: str, obj: str) -> Call:
    paragraph_id = _paragraph(w)
    body = {"version": 1, "deadline": DEADLINE}
    made = w.ok("chair.rcm", "POST", f"/api/paragraphs/{paragraph_id}/silence", body)
    return Call(f"/api/silence/{made['id']}/cancel", {"reason": "Consultations continue."})


@recipe("GET", "/api/documents/{document_id}/undoable")
def _undoable(w: World, actor: str, obj: str) -> Call:
    return Call(f"/api/documents/{_document(w)}/undoable")


@recipe("POST", "/api/paragraphs/{paragraph_id}/undo")
def _undo(w: World, actor: str, obj: str) -> Call:
    amendment_id = w.amendment(cosponsors=())
    w.ok("chair.rcm", "POST", f"/api/amendments/{amendment_id}/accept", {"expected_version": 1})
    return Call(f"/api/paragraphs/{w.paragraph_of(amendment_id)}/undo", {"expected_version": 2})


@recipe("POST", "/api/me/inbox/seen")
def _inbox_seen(w: World, actor: str, obj: str) -> Call:
    return Call("/api/me/inbox/seen", {"keys": ["decided/1/accepted"]})


def call_for(w: World, method: str, path: str, actor: str, obj: str) -> Call:
    """The request of one matrix row: its recipe's, or the path filled with fresh objects."""
    template, _, query = path.partition("?")
    made = RECIPES.get((method, template))
    if made is not None:
        return made(w, actor, obj)
    filled = template
    if "{document_id}" in filled:
        filled = filled.replace("{document_id}", str(_document(w)))
    if "{paragraph_id}" in filled:
        filled = filled.replace("{paragraph_id}", str(_paragraph(w)))
    if "{amendment_id}" in filled:
        filled = filled.replace("{amendment_id}", str(w.amendment()))
    assert "{" not in filled, f"no recipe for {method} {path}"
    return Call(f"{filled}?{query}" if query else filled)
