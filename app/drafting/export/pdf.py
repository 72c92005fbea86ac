"""PDF: WeasyPrint on the HTML export, offline.

The HTML references no external resource and `base_url=None` plus a refusing URL fetcher
make sure nothing is fetched. Creation and modification dates come from the document's
`generated_at` (HTML `dcterms.*` metas), so the same input gives the same bytes.
"""

from __future__ import annotations

from typing import NoReturn

from app.drafting.export import html
from app.drafting.export.common import ExportView, ViewRenderer


def _no_fetch(url: str, *args: object, **kwargs: object) -> NoReturn:
    raise ValueError(f"PDF export fetches nothing (asked for {url!r})")


def render_view(view: ExportView) -> bytes:
    from weasyprint import HTML  # imported late: WeasyPrint takes ~1 s to load Pango

    page = HTML(string=html.render_view(view), base_url=None, url_fetcher=_no_fetch)
    pdf: bytes = page.write_pdf()
    return pdf


RENDERER = ViewRenderer("pdf", "application/pdf", "pdf", render_view)
