"""A worker loads the libraries of the files it makes (Word, XML, PDF, calendars) when one is
first asked for, not to serve the room: each worker's memory is the board and the streams."""

from __future__ import annotations

import json
import subprocess
import sys

LATE = ("docx", "lxml", "icalendar", "weasyprint")


def _loaded_after(code: str) -> list[str]:
    script = f"import json, sys\n{code}\nprint(json.dumps(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120
    )
    loaded = set(json.loads(done.stdout.splitlines()[-1]))
    return [name for name in LATE if name in loaded]


def test_a_served_app_has_not_loaded_the_file_libraries():
    assert _loaded_after("from app.main import create_app; create_app()") == []


def test_asking_for_a_word_file_loads_python_docx_then():
    loaded = _loaded_after("from app.drafting import export; export.renderer('docx')")
    assert loaded == ["docx", "lxml"]
