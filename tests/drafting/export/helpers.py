"""Reading exports back: plain text out of each format."""

from __future__ import annotations

import io
import zipfile
from html.parser import HTMLParser


class TextOf(HTMLParser):
    """The character data of an HTML page (entities decoded), skipping <style> and <head>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.tags: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag in ("style", "head"):
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in ("style", "head"):
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def html_text(content: bytes) -> str:
    parser = TextOf()
    parser.feed(content.decode("utf-8"))
    parser.close()
    return "".join(parser.parts)


def pdf_text(content: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def docx_paragraphs(content: bytes) -> list[str]:
    """Each paragraph as Word shows it with every tracked change accepted (python-docx's
    `paragraph.text` leaves out the text inside `w:ins`)."""
    import docx

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    shown = {f"{w}t": None, f"{w}br": "\n", f"{w}cr": "\n", f"{w}tab": "\t"}

    def text(p) -> str:
        pieces = []
        for e in p.iter(*shown):
            if any(a.tag == f"{w}del" for a in e.iterancestors()):
                continue
            pieces.append(e.text or "" if shown[e.tag] is None else shown[e.tag])
        return "".join(pieces)

    return [text(p._p) for p in docx.Document(io.BytesIO(content)).paragraphs]


def docx_part_text(content: bytes, fragment: str) -> str:
    """The raw XML of the package parts whose name contains `fragment` (e.g. "footer")."""
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        return "\n".join(
            package.read(name).decode() for name in package.namelist() if fragment in name
        )


def text_of(format: str, content: bytes) -> str:
    """The readable text of an export in any format."""
    if format == "pdf":
        return pdf_text(content)
    if format == "docx":
        return "\n".join(docx_paragraphs(content)) + "\n" + docx_part_text(content, "footer")
    if format == "html":
        return html_text(content)
    if format == "akn":
        from lxml import etree

        return "".join(etree.fromstring(content).itertext())
    return content.decode("utf-8-sig")
