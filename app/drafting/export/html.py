"""HTML, print-ready: A4 pages numbered "Page n of N" by CSS @page rules, styles inline.

Every piece of document text goes through `html.escape` (quotes included), so user text can
never become markup. No external resource is referenced: the page renders offline, and
WeasyPrint (pdf.py) has nothing to fetch.
"""

from __future__ import annotations

import re
from html import escape

from app.drafting.export.common import (
    ExportView,
    Option,
    ParagraphView,
    ViewRenderer,
    footer_line,
    positions_notes,
)
from app.drafting.export.strings import t

CSS = """
@page {
  size: A4;
  margin: 22mm 20mm 26mm 20mm;
  @top-left { content: string(doc-title); font-size: 8pt; color: #555; }
  @top-right { content: string(doc-revision); font-size: 8pt; color: #555; }
  @bottom-center { content: "Page " counter(page) " of " counter(pages); font-size: 8pt; }
}
html { font-family: "DejaVu Serif", "Liberation Serif", Georgia, serif; font-size: 10.5pt;
  line-height: 1.4; color: #111; }
body { margin: 0; }
h1 { font-size: 16pt; margin: 0 0 4pt; string-set: doc-title content(); }
h2 { font-size: 12pt; margin: 14pt 0 6pt; break-after: avoid; }
.variant { font-variant: small-caps; letter-spacing: 0.05em; margin: 0; }
.doc-header dl { display: grid; grid-template-columns: max-content auto; gap: 1pt 8pt;
  margin: 6pt 0 10pt; font-size: 9pt; }
.doc-header dt { font-weight: bold; }
.doc-header dd { margin: 0; }
.revision { string-set: doc-revision content(); }
.para { margin: 0 0 7pt; }
.para > p:first-child { break-after: avoid; }
.options li { break-inside: avoid; }
.para p { margin: 0; }
.num { font-weight: bold; display: inline-block; min-width: 2.2em; }
.adref { font-style: italic; }
.options { margin: 2pt 0 2pt 2.2em; padding-left: 0; list-style: none; }
.label { font-weight: bold; }
.rationale, .note { font-size: 9pt; color: #333; margin-left: 2.2em; }
ins { text-decoration: underline; background: #e6f4ea; }
del { text-decoration: line-through; background: #fce8e6; }
.closing { margin-top: 12pt; font-weight: bold; }
footer { margin-top: 18pt; border-top: 0.5pt solid #999; padding-top: 4pt; font-size: 8pt; }
footer code { font-family: "DejaVu Sans Mono", monospace; word-break: break-all; }
@media screen { body { max-width: 48em; margin: 2em auto; padding: 0 1em; } }
"""


def _text(text: str) -> str:
    return escape(text, quote=True)


def _lines(text: str) -> str:
    """Escaped, each line break inside the text a `<br>` (sub-paragraphs (a), (b) kept)."""
    return "<br>".join(_text(line) for line in re.split(r"\r\n|\r|\n", text))


def _segments(option: Option) -> str:
    out = []
    for op, text in option.segments:
        tag = {"insert": "ins", "delete": "del"}.get(op)
        out.append(f"<{tag}>{_lines(text)}</{tag}>" if tag else _lines(text))
    return "".join(out)


def _paragraph(p: ParagraphView) -> list[str]:
    text = _lines(f"[{p.text}]" if p.bracketed else p.text)
    if p.ad_ref:
        text += f' <span class="adref">{_text(t("ad_ref_mark"))}</span>'
    lines = [
        f'<div class="para status-{_text(p.status)}" id="para-{_text(p.key)}">',
        f'<p><span class="num">{_text(p.number)}.</span> {text}</p>',
    ]
    if p.options:
        lines.append('<ul class="options">')
        for option in p.options:
            label = f'<span class="label">{_text(option.label)}</span>'
            shown = f"[{label}]" if option.deletion else f"[{label}: {_segments(option)}]"
            lines.append(f"<li>{shown}")
            lines += [f'<p class="rationale">{_text(note)}</p>' for note in option.notes()]
            lines.append("</li>")
        lines.append("</ul>")
    lines += [f'<p class="note {kind}">{_text(line)}</p>' for kind, line in positions_notes(p)]
    lines.append("</div>")
    return lines


def _page_css() -> str:
    """The style sheet with "Page n of N" in the export's language."""
    before, _, rest = t("page").partition("{page}")
    middle, _, after = rest.partition("{pages}")
    parts = (f'"{before}"', "counter(page)", f'"{middle}"', "counter(pages)", f'"{after}"')
    counter = " ".join(p for p in parts if p != '""')
    return CSS.replace('"Page " counter(page) " of " counter(pages)', counter)


def render_view(view: ExportView) -> str:
    doc = view.doc
    created = doc.generated_at.isoformat()
    lines = [
        "<!DOCTYPE html>",
        f'<html lang="{_text(doc.language)}">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{_text(doc.title)} ({_text(doc.revision)}): {_text(view.heading)}</title>",
        '<meta name="generator" content="Consenso">',
        f'<meta name="dcterms.created" content="{_text(created)}">',
        f'<meta name="dcterms.modified" content="{_text(created)}">',
        f'<meta name="description" content="{_text(view.heading)}">',
        # WeasyPrint makes this the PDF's Keywords: the footer where a check can read it back.
        f'<meta name="keywords" content="{_text(footer_line(view))}">',
        f"<style>{_page_css()}</style>",
        "</head>",
        "<body>",
        '<header class="doc-header">',
        f'<p class="variant">{_text(view.heading)}</p>',
        f"<h1>{_text(doc.title)}</h1>",
        "<dl>",
    ]
    for label, value in view.header:
        css = ' class="revision"' if label == t("header.revision") else ""
        lines.append(f"<dt>{_text(label)}</dt><dd{css}>{_text(value)}</dd>")
    lines += ["</dl>", "</header>", "<main>"]
    for section in view.sections:
        lines += [f'<section id="sec-{section.ordinal}">', f"<h2>{_text(section.title)}</h2>"]
        for paragraph in section.paragraphs:
            lines += _paragraph(paragraph)
        lines.append("</section>")
    lines += [f'<p class="closing">{_text(statement)}</p>' for statement in view.closing]
    lines += ["</main>", "<footer>"]
    lines += [f"<p>{_text(label)}: <code>{_text(value)}</code></p>" for label, value in view.footer]
    lines += ["</footer>", "</body>", "</html>"]
    return "\n".join(lines) + "\n"


RENDERER = ViewRenderer(
    "html", "text/html; charset=utf-8", "html", lambda view: render_view(view).encode("utf-8")
)
