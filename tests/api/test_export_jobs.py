"""Exports built in the background: a job any worker answers for, its progress, its file, and
the cache keyed by what the file shows (a second request for the same state is not rebuilt)."""

import time

import pytest
from sqlmodel import Session

from app.models import ExportJob
from app.services.exports import building
from app.services.exports import exports as exports_service
from app.services.exports import jobs as jobs_service
from app.services.exports.runner import HeldRunner, ThreadRunner
from tests.api.test_exports import paragraphs_of
from tests.api.test_exports_history import issue_revision
from tests.conftest import problem_of


def _request(api, document_id, who="mex", **body):
    return api.as_(who).post(f"/api/documents/{document_id}/exports", json=body)


def _job(api, job_id, who="mex"):
    return api.as_(who).get(f"/api/exports/{job_id}").json()


def _runner(app) -> HeldRunner:
    runner = app.state.export_runner
    assert isinstance(runner, HeldRunner)  # under the tests: jobs wait until run
    return runner


def _edit(api, doc):
    paragraph = paragraphs_of(doc)[0]
    edited = api.as_("chair.rcm").patch(
        f"/api/paragraphs/{paragraph['id']}",
        json={"text": paragraph["text"] + " Again.", "expected_version": paragraph["head_version"]},
    )
    assert edited.status_code == 200, edited.text


def test_a_job_is_queued_then_built_and_its_file_served(api, app, document_id):
    response = _request(api, document_id, format="md", variant="compilation")
    assert response.status_code == 202, response.text
    job = response.json()
    assert response.headers["location"] == f"/api/exports/{job['id']}"
    assert (job["status"], job["stage"], job["progress"], job["file"]) == (
        "queued",
        "queued",
        0,
        None,
    )
    not_ready = api.as_("mex").get(f"/api/exports/{job['id']}/file")
    assert not_ready.status_code == 409
    assert problem_of(not_ready)["code"] == "export_jobs.not_ready"

    assert _runner(app).run_all() == 1
    done = _job(api, job["id"], who="iom")  # any reader may follow it
    assert (done["status"], done["stage"], done["progress"]) == ("done", "done", 100)
    assert done["file"] == f"/api/exports/{job['id']}/file"
    file = api.as_("mex").get(done["file"])
    assert file.status_code == 200
    assert file.headers["content-type"].startswith("text/markdown")
    assert file.headers["content-disposition"] == f'attachment; filename="{done["filename"]}"'
    assert done["filename"].endswith("-current-compilation.md")
    assert len(file.content) == done["size"] > 0
    assert "Compilation text" in file.content.decode()


def test_progress_is_reported_stage_by_stage(api, app, document_id, monkeypatch):
    seen = []
    render = exports_service.export_core.render

    def watching(doc, *, format, variant):
        with Session(app.state.engine) as session:
            job = session.get(ExportJob, job_id)
            seen.append((job.status, job.stage, job.progress))
        return render(doc, format=format, variant=variant)

    monkeypatch.setattr(exports_service.export_core, "render", watching)
    job_id = _request(api, document_id, format="html").json()["id"]
    _runner(app).run_all()
    assert seen == [("running", "rendering", 40)]
    assert _job(api, job_id)["progress"] == 100


def test_a_second_request_for_the_same_state_is_served_from_the_cache(api, app, document_id):
    first = _request(api, document_id, format="docx", variant="agreed").json()
    _runner(app).run_all()
    again = _request(api, document_id, who="bra", format="docx", variant="agreed")
    assert again.status_code == 200
    cached = again.json()
    assert (cached["id"], cached["key"], cached["cached"]) == (first["id"], first["key"], True)
    assert _runner(app).waiting == 0  # nothing was rebuilt
    # While a job is being built, the same request joins it instead of queueing another.
    pending = _request(api, document_id, format="docx", variant="compilation").json()
    joined = _request(api, document_id, format="docx", variant="compilation")
    assert (joined.status_code, joined.json()["id"]) == (202, pending["id"])
    assert _runner(app).waiting == 1


def test_a_change_to_the_text_gives_a_new_key(api, app, document_id, doc):
    first = _request(api, document_id, format="md").json()
    _runner(app).run_all()
    _edit(api, doc)
    second = _request(api, document_id, format="md")
    assert second.status_code == 202
    assert second.json()["key"] != first["key"]
    _runner(app).run_all()
    content = api.as_("mex").get(f"/api/exports/{second.json()['id']}/file").content.decode()
    assert "Again." in content
    other_format = _request(api, document_id, format="html").json()
    assert other_format["key"] not in (first["key"], second.json()["key"])


def test_the_language_is_part_of_the_key_and_of_the_file(api, app, document_id):
    english = _request(api, document_id, format="html").json()
    spanish = _request(api, document_id, format="html", lang="es").json()
    assert spanish["key"] != english["key"] and spanish["lang"] == "es"
    _runner(app).run_all()
    done = _job(api, spanish["id"])
    assert done["language"] == "es" and done["filename"].endswith("-es.html")
    file = api.as_("mex").get(done["file"])
    assert file.headers["content-language"] == "es"
    assert '<html lang="es"' in file.text
    assert _request(api, document_id, format="html", lang="e").status_code == 422


def test_a_revision_is_keyed_by_its_number_so_later_edits_keep_its_cache(
    api, app, document_id, doc
):
    number = issue_revision(api, document_id)
    first = _request(api, document_id, format="md", revision=number).json()
    _runner(app).run_all()
    _edit(api, doc)
    again = _request(api, document_id, format="md", revision=number)
    assert (again.status_code, again.json()["id"]) == (200, first["id"])
    missing = _request(api, document_id, format="md", revision=number + 5)
    assert missing.status_code == 404


def test_a_large_documents_pdf_comes_from_a_job_through_the_export_route(
    api, app, document_id, monkeypatch
):
    monkeypatch.setattr(jobs_service, "PDF_INLINE_UNITS", 0)
    path = f"/api/documents/{document_id}/export?format=pdf&variant=compilation"
    response = api.as_("mex").get(path)
    assert response.status_code == 202, response.text
    job = response.json()
    assert response.headers["location"] == f"/api/exports/{job['id']}"
    assert job["status"] == "queued"
    assert api.as_("mex").get(f"/api/documents/{document_id}/export?format=md").status_code == 200
    _runner(app).run_all()
    served = api.as_("mex").get(path)  # the same state again: the built file, at once
    assert served.status_code == 200
    assert served.content.startswith(b"%PDF")
    assert served.content == api.as_("mex").get(f"/api/exports/{job['id']}/file").content
    assert _runner(app).waiting == 0


def test_the_cache_keeps_within_its_bound(api, app, document_id, session):
    ids = []
    for format in ("md", "html", "akn"):
        ids.append(_request(api, document_id, format=format).json()["id"])
        _runner(app).run_all()
    newest = session.get(ExportJob, ids[-1])
    assert building.prune(session, cache_bytes=newest.size) == 2
    session.commit()
    assert [_job(api, i)["status"] for i in ids] == ["expired", "expired", "done"]
    expired = api.as_("mex").get(f"/api/exports/{ids[0]}/file")
    assert problem_of(expired)["code"] == "export_jobs.expired"
    rebuilt = _request(api, document_id, format="md")
    assert rebuilt.status_code == 202 and rebuilt.json()["id"] not in ids


def test_a_failed_build_says_so(api, app, document_id, monkeypatch):
    def broken(doc, *, format, variant):
        raise RuntimeError("renderer broke")

    monkeypatch.setattr(exports_service.export_core, "render", broken)
    job_id = _request(api, document_id, format="csv").json()["id"]
    _runner(app).run_all()
    failed = _job(api, job_id)
    assert (failed["status"], failed["error"]) == ("failed", "RuntimeError: renderer broke")
    answer = api.as_("mex").get(f"/api/exports/{job_id}/file")
    assert problem_of(answer)["code"] == "export_jobs.failed"
    monkeypatch.undo()
    retried = _request(api, document_id, format="csv")
    assert retried.status_code == 202 and retried.json()["id"] != job_id


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"format": "json"}, 422, "export_jobs.json"),
        ({"format": "rtf"}, 422, None),
        ({"format": "md", "variant": "draft"}, 422, None),
    ],
)
def test_bad_requests_are_refused(api, document_id, body, status, code):
    response = _request(api, document_id, **body)
    assert response.status_code == status
    if code:
        assert problem_of(response)["code"] == code


def test_unknown_jobs_are_404(api):
    assert api.as_("mex").get("/api/exports/987654").status_code == 404
    assert api.as_("mex").get("/api/exports/987654/file").status_code == 404


def test_the_thread_pool_builds_in_the_background(api, app, document_id):
    runner = ThreadRunner(1)
    app.state.export_runner = runner
    try:
        job_id = _request(api, document_id, format="md").json()["id"]
        for _ in range(400):  # a bounded wait for the worker thread, not a reading of the clock
            if _job(api, job_id)["status"] in ("done", "failed"):
                break
            time.sleep(0.025)
    finally:
        runner.shutdown()
    assert _job(api, job_id)["status"] == "done"
