"""Markdown (GitHub-flavoured): deletions as ``~~struck~~``, insertions as ``<ins>…</ins>``.

Every piece of document text is escaped so it renders as the literal characters typed:
inline markup characters get a backslash, block markers at the start of a line too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from app.drafting.export.common import ExportView, ParagraphView, ViewRenderer, positions_lines
from app.drafting.export.model import Segment

_INLINE = re.compile(r"([\\`*_\[\]<>&|~])")
_BLOCK_MARKER = r"([ \t]*)([#>+=-]|\d+(?=[.)]))"
_FIRST_LINE = re.compile(r"\A" + _BLOCK_MARKER)
_NEXT_LINES = re.compile(r"(?<=\n)" + _BLOCK_MARKER)
_CR = re.compile(r"\r\n?")


def escape(text: str, *, line_start: bool = True) -> str:
    """Text -> Markdown that renders exactly as `text`, line breaks kept as hard breaks.

    `line_start=False` for pieces that follow other text on their line (redline segments),
    where a leading "-" or "3." cannot start a block."""
    text = _INLINE.sub(r"\\\1", text)
    if line_start:
        text = _FIRST_LINE.sub(_escape_line_start, text)
    if "\r" in text:
        text = _CR.sub("\n", text)
    if "\n" in text:
        text = _NEXT_LINES.sub(_escape_line_start, text).replace("\n", "\\\n")
    return text


def _escape_line_start(match: re.Match[str]) -> str:
    space, marker = match.groups()
    if marker[0].isdigit():  # "3." or "3)" would start an ordered list: escape the dot
        return f"{space}{marker}\\"
    return f"{space}\\{marker}"


def _wrap(opening: str, closing: str, text: str) -> str:
    """Markers hug the words: `~~ a ~~` would not strike, so spaces stay outside."""
    stripped = text.strip()
    if not stripped:
        return text
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()) :]
    return f"{lead}{opening}{escape(stripped, line_start=False)}{closing}{trail}"


def _segments(segments: Iterable[Segment]) -> str:
    out = []
    for op, text in segments:
        if op == "insert":
            out.append(_wrap("<ins>", "</ins>", text))
        elif op == "delete":
            out.append(_wrap("~~", "~~", text))
        else:
            out.append(escape(text, line_start=False))
    return "".join(out)


def _paragraph(paragraph: ParagraphView) -> list[str]:
    if paragraph.compilation:
        lines = [f"**{escape(paragraph.number)}.** {escape(paragraph.display_text)}", ""]
        for option in paragraph.options:
            if option.deletion:
                lines.append(f"- \\[{escape(option.label)}\\]")
            else:
                lines.append(f"- \\[{escape(option.label)}: {_segments(option.segments)}\\]")
            lines.extend(f"  - *{escape(note)}*" for note in option.notes())
        lines.extend(f"- {escape(note)}" for note in positions_lines(paragraph))
        return [*lines, ""]
    # Agreed: a real ordered list; its start number carries the numbering across sections.
    return [f"{paragraph.number}. {escape(paragraph.display_text)}"]


def render_view(view: ExportView) -> bytes:
    lines = [f"# {escape(view.doc.title)}", "", f"**{view.heading}**", ""]
    lines += [f"- **{label}:** {escape(value)}" for label, value in view.header]
    lines.append("")
    for section in view.sections:
        lines += [f"## {escape(section.title)}", ""]
        for paragraph in section.paragraphs:
            lines += _paragraph(paragraph)
        if lines[-1]:
            lines.append("")
    for statement in view.closing:
        lines += [escape(statement), ""]
    lines += ["---", ""]
    lines += [f"{label}: {value}  " for label, value in view.footer]
    lines[-1] = lines[-1].rstrip()
    return ("\n".join(lines) + "\n").encode("utf-8")


RENDERER = ViewRenderer("md", "text/markdown; charset=utf-8", "md", render_view)
