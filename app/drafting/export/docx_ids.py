"""What a Consenso DOCX embeds so that it can come back (`POST …/imports/docx`), and reading it.

* Each paragraph of the text carries a bookmark `consenso-p{paragraph_id}-v{version}`: the
  paragraph and the version the file was exported from. An import matches on it, never on a
  paragraph's position or wording.
* What the export prints around the paragraph's own words (its label as text, the brackets of an
  unagreed paragraph, "(agreed ad referendum)") is in runs of the character style
  "Consenso Mark", so reading back leaves it out.
* `docProps/custom.xml` names the document, the revision ("current" for the current text), the
  variant and the export hash (`consenso.document_id`, `consenso.revision`, …).

`read` gives each marked paragraph's text as it reads with every tracked change accepted
(insertions kept, deletions dropped) and whether it holds tracked changes.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lxml import etree  # type: ignore[import-untyped]  # lxml ships no type hints

MARK_STYLE = "Consenso Mark"
MARK_STYLE_ID = "ConsensoMark"
PREFIX = "consenso"
BOOKMARK = re.compile(r"^consenso-p(\d{1,18})-v(\d{1,9})$")
DOCUMENT_ID, REVISION, VARIANT, EXPORT_HASH = (
    f"{PREFIX}.{name}" for name in ("document_id", "revision", "variant", "export_hash")
)
CURRENT = "current"
MAX_PART = 64 * 1024 * 1024  # an unzipped part larger than this is not a Consenso export

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def qn(tag: str) -> str:
    """A `w:` tag in Clark notation, as python-docx's `qn` writes it (without loading it: an
    import reads a file with lxml alone, and the server loads neither until then)."""
    return _W + tag.removeprefix("w:")


W_P, W_R, W_T, W_TAB, W_BR, W_CR = (qn(t) for t in ("w:p", "w:r", "w:t", "w:tab", "w:br", "w:cr"))
W_INS, W_DEL, W_MOVE_FROM, W_MOVE_TO = (qn(t) for t in ("w:ins", "w:del", "w:moveFrom", "w:moveTo"))
W_RPR, W_RSTYLE, W_VAL, W_NAME = (qn(t) for t in ("w:rPr", "w:rStyle", "w:val", "w:name"))
W_BOOKMARK_START = qn("w:bookmarkStart")
W_BOOKMARK_END = qn("w:bookmarkEnd")
W_ID = qn("w:id")
CUSTOM = "{http://schemas.openxmlformats.org/officeDocument/2006/custom-properties}"
_DROPPED = frozenset({W_DEL, W_MOVE_FROM})


class Unreadable(ValueError):
    """Not a DOCX that can be read; the message says why."""


def bookmark_name(paragraph_id: int, version: int) -> str:
    return f"{PREFIX}-p{paragraph_id}-v{version}"


def proposal_bookmark(amendment_id: int) -> str:
    """A proposed new paragraph's: not a paragraph of the text, so an import passes over it."""
    return f"{PREFIX}-a{amendment_id}"


@dataclass(frozen=True)
class ReadParagraph:
    paragraph_id: int
    version: int
    text: str  # as it reads with every tracked change accepted, marks left out
    tracked: bool  # the paragraph holds tracked insertions or deletions


@dataclass(frozen=True)
class ReadFile:
    properties: dict[str, str]
    paragraphs: tuple[ReadParagraph, ...]
    unmarked: tuple[str, ...]  # numbered paragraphs with no Consenso bookmark (their text)


def _is_mark(run: etree._Element) -> bool:
    rpr = run.find(W_RPR)
    style = rpr.find(W_RSTYLE) if rpr is not None else None
    return style is not None and style.get(W_VAL) == MARK_STYLE_ID


def _dropped(element: etree._Element, p: etree._Element) -> bool:
    parent = element.getparent()
    while parent is not None and parent is not p:
        if parent.tag in _DROPPED:
            return True
        parent = parent.getparent()
    return False


def accepted_text(p: etree._Element) -> str:
    """The paragraph's words with all changes accepted, runs in "Consenso Mark" left out."""
    pieces = []
    for run in p.iter(W_R):
        if _is_mark(run) or _dropped(run, p):
            continue
        for child in run:
            if child.tag == W_T:
                pieces.append(child.text or "")
            elif child.tag == W_TAB:
                pieces.append("\t")
            elif child.tag in (W_BR, W_CR):
                pieces.append("\n")
    return "".join(pieces).strip()


def _identity(p: etree._Element) -> tuple[int, int] | None | bool:
    """(paragraph id, version); True for a proposed new paragraph; None: no identifier."""
    for start in p.iter(W_BOOKMARK_START):
        name = start.get(W_NAME) or ""
        found = BOOKMARK.match(name)
        if found:
            return int(found.group(1)), int(found.group(2))
        if name.startswith(f"{PREFIX}-a"):
            return True
    return None


def _parts(content: bytes) -> tuple[bytes, bytes | None]:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as package:
            sizes = {info.filename: info.file_size for info in package.infolist()}
            if sizes.get("word/document.xml", MAX_PART + 1) > MAX_PART:
                raise Unreadable("it has no word/document.xml part of a readable size")
            body = package.read("word/document.xml")
            custom = None
            if sizes.get("docProps/custom.xml", MAX_PART + 1) <= MAX_PART:
                custom = package.read("docProps/custom.xml")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, EOFError, zlib.error,
            NotImplementedError, RuntimeError, OSError) as exc:  # fmt: skip
        raise Unreadable(f"it is not a whole DOCX package ({exc})") from exc
    return body, custom


def _xml(blob: bytes) -> etree._Element:
    from lxml import etree  # imported late: see qn

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        return etree.fromstring(blob, parser)
    except etree.XMLSyntaxError as exc:
        raise Unreadable(f"its XML is damaged ({exc})") from exc


def properties_of(custom: bytes | None) -> dict[str, str]:
    if custom is None:
        return {}
    found = {}
    for prop in _xml(custom).iter(f"{CUSTOM}property"):
        name = prop.get("name") or ""
        if name.startswith(f"{PREFIX}."):
            found[name] = "".join(prop.itertext()).strip()
    return found


def read(content: bytes, *, list_style_id: str = "ListNumber") -> ReadFile:
    """The Consenso paragraphs of a DOCX, in document order; Unreadable if it is not one."""
    body, custom = _parts(content)
    root = _xml(body)
    paragraphs, unmarked = [], []
    for p in root.iter(W_P):
        identity = _identity(p)
        if identity is True:
            continue
        if identity is None or identity is False:
            style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
            if style is not None and style.get(W_VAL) == list_style_id:
                unmarked.append(accepted_text(p))
            continue
        tracked = any(True for tag in (W_INS, W_DEL) for _ in p.iter(tag))
        paragraphs.append(ReadParagraph(*identity, text=accepted_text(p), tracked=tracked))
    return ReadFile(properties_of(custom), tuple(paragraphs), tuple(unmarked))
