"""Export renderers: document data in, bytes out, one module per format behind one interface.

    render(doc, format="docx", variant="compilation") -> Rendered(content, media_type, extension)

Every format renders the same view (`common.build_view`) of an `ExportDocument`, so header,
numbering, options and footer agree across formats, and every footer prints
`export_hash(doc, variant)`: the SHA-256 of `canonical_text(doc, variant)`. Adding a format
means one new module with a `RENDERER` object and one line in `FORMATS`.

A renderer's module is imported when its format is first asked for: the Word and XML ones
bring python-docx and lxml (~20 MB a process), which a worker that only serves the room never
needs.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Protocol, cast

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


DOCX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

# format -> the module (in this package) whose RENDERER renders it
FORMATS: dict[str, str] = {
    "md": "markdown",
    "html": "html",
    "pdf": "pdf",
    "docx": "docx",
    "akn": "akn",
    "csv": "csv",
}


def renderer(format: str) -> Renderer:
    """The renderer of a format named in FORMATS, its module imported on first use."""
    module = importlib.import_module(f"{__name__}.{FORMATS[format]}")
    return cast(Renderer, module.RENDERER)


def render(doc: ExportDocument, *, format: str, variant: str) -> Rendered:
    """Render `doc` in one format and variant; unknown names raise UnknownExportOption."""
    if format not in FORMATS:
        raise UnknownExportOption(
            f"Unknown export format {format!r}; valid formats: {', '.join(FORMATS)}"
        )
    check_variant(variant)
    chosen = renderer(format)
    return Rendered(chosen.render(doc, variant), chosen.media_type, chosen.extension)


__all__ = [
    "DOCX_MEDIA_TYPE",
    "FORMATS",
    "VARIANTS",
    "Renderer",
    "Rendered",
    "UnknownExportOption",
    "canonical_text",
    "export_hash",
    "render",
    "renderer",
]
