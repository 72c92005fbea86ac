"""Export renderers: document data in, bytes out, one module per format behind one interface.

    render(doc, format="docx", variant="compilation") -> Rendered(content, media_type, extension)

Every format renders the same view (`common.build_view`) of an `ExportDocument`, so header,
numbering, options and footer agree across formats, and every footer prints
`export_hash(doc, variant)`: the SHA-256 of `canonical_text(doc, variant)`. Adding a format
means one new module with a `RENDERER` object and one line in `FORMATS`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from app.drafting.export import akn, csv, docx, html, markdown, pdf
from app.drafting.export.common import (
    VARIANTS,
    UnknownExportOption,
    canonical_text,
    check_variant,
    export_hash,
)
from app.drafting.export.model import ExportDocument


class Renderer(Protocol):
    format: str
    media_type: str
    extension: str

    def render(self, doc: ExportDocument, variant: str) -> bytes: ...


@dataclass(frozen=True)
class Rendered:
    content: bytes
    media_type: str
    extension: str


FORMATS: dict[str, Renderer] = {
    module.RENDERER.format: module.RENDERER for module in (markdown, html, pdf, docx, akn, csv)
}


def render(doc: ExportDocument, *, format: str, variant: str) -> Rendered:
    """Render `doc` in one format and variant; unknown names raise UnknownExportOption."""
    renderer = FORMATS.get(format)
    if renderer is None:
        raise UnknownExportOption(
            f"Unknown export format {format!r}; valid formats: {', '.join(FORMATS)}"
        )
    check_variant(variant)
    return Rendered(renderer.render(doc, variant), renderer.media_type, renderer.extension)


__all__ = [
    "FORMATS",
    "VARIANTS",
    "Renderer",
    "Rendered",
    "UnknownExportOption",
    "canonical_text",
    "export_hash",
    "render",
]
