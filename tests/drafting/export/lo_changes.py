"""Run by the system Python (which has LibreOffice's `uno`): open a DOCX in headless
LibreOffice, accept or reject every tracked change, save it as DOCX.

    python3 lo_changes.py accept|reject IN.docx OUT.docx PROFILE_DIR
"""

import contextlib
import subprocess
import sys
import time
from pathlib import Path

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]


def _prop(name, value):
    prop = PropertyValue()
    prop.Name, prop.Value = name, value
    return prop


def _connect(pipe):
    resolver = uno.getComponentContext().ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", uno.getComponentContext()
    )
    for _ in range(120):
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except Exception:  # noqa: BLE001 - LibreOffice is still starting
            time.sleep(0.5)
    raise SystemExit("LibreOffice did not start")


def main(action, source, target, profile):
    pipe = f"consenso{abs(hash(profile))}"
    office = subprocess.Popen(
        [
            "soffice", "--headless", "--invisible", "--norestore", "--nologo",
            f"-env:UserInstallation={Path(profile).resolve().as_uri()}",
            f"--accept=pipe,name={pipe};urp;",
        ]
    )  # fmt: skip
    try:
        context = _connect(pipe)
        manager = context.ServiceManager
        desktop = manager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        url = Path(source).resolve().as_uri()
        document = desktop.loadComponentFromURL(url, "_blank", 0, (_prop("Hidden", True),))
        dispatcher = manager.createInstanceWithContext("com.sun.star.frame.DispatchHelper", context)
        command = (
            ".uno:AcceptAllTrackedChanges" if action == "accept" else ".uno:RejectAllTrackedChanges"
        )
        frame = document.getCurrentController().getFrame()
        dispatcher.executeDispatch(frame, command, "", 0, ())
        out = Path(target).resolve().as_uri()
        document.storeToURL(out, (_prop("FilterName", "MS Word 2007 XML"),))
        document.close(True)
        with contextlib.suppress(Exception):  # the bridge drops as LibreOffice quits
            desktop.terminate()
    finally:
        try:
            office.wait(timeout=30)
        except subprocess.TimeoutExpired:
            office.kill()


if __name__ == "__main__":
    main(*sys.argv[1:5])
