"""How a paragraph is called in the room, in the API, on the board and on paper.

One document setting, `numbering`, picks the scheme:

* ``section`` (the default): section.paragraph, "2.3" is the third paragraph of the second
  section;
* ``consecutive``: 1, 2, 3 … across the whole document, as UN outcome texts (the GCM) number;
* ``pp_op``: preambular and operative paragraphs counted apart, "PP1" … and "OP1" …, by the
  kind its section is marked with (a section left unmarked counts as operative).

A proposed new paragraph has no number until it is adopted: it carries a provisional label
after the paragraph it follows, "3bis", "3ter" … (`provisional_label`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Final

SECTION: Final = "section"
CONSECUTIVE: Final = "consecutive"
PP_OP: Final = "pp_op"
SCHEMES: Final = (CONSECUTIVE, PP_OP, SECTION)
PREAMBULAR: Final = "preambular"
OPERATIVE: Final = "operative"
SECTION_KINDS: Final = (PREAMBULAR, OPERATIVE)
_LATIN: Final = (
    "bis", "ter", "quater", "quinquies", "sexies", "septies", "octies", "novies", "decies",
)  # fmt: skip


def label(
    scheme: str,
    *,
    section_position: int,
    number: int,
    ordinal: int,
    kind: str | None,
    kind_ordinal: int,
) -> str:
    """The label of one paragraph under `scheme`: `number` within its section, `ordinal`
    across the document, `kind_ordinal` among the paragraphs of its kind."""
    if scheme == CONSECUTIVE:
        return str(ordinal)
    if scheme == PP_OP:
        return f"{'PP' if kind == PREAMBULAR else 'OP'}{kind_ordinal}"
    return f"{section_position}.{number}"  # "2.3": the second section's third paragraph


def labels_for(
    scheme: str,
    *,
    sections: Sequence[tuple[int, int, str | None]],
    paragraphs: Iterable[tuple[int, int]],
) -> dict[int, str]:
    """Paragraph id -> label: the one place a paragraph's label is computed (the room, the API,
    the board, events and every export call it). `sections`: (section id, position, kind) in
    document order; `paragraphs`: (paragraph id, section id) in document order. An unknown
    scheme numbers as ``section``."""
    order = {section_id: k for k, (section_id, _pos, _kind) in enumerate(sections)}
    by_section: dict[int, list[int]] = {}
    for paragraph_id, section_id in paragraphs:
        by_section.setdefault(section_id, []).append(paragraph_id)
    result: dict[int, str] = {}
    ordinal = 0
    kind_counts: dict[str, int] = {}
    for section_id, position, kind in sorted(sections, key=lambda s: order[s[0]]):
        counted = PREAMBULAR if kind == PREAMBULAR else OPERATIVE
        for number, paragraph_id in enumerate(by_section.get(section_id, ()), start=1):
            ordinal += 1
            kind_counts[counted] = kind_counts.get(counted, 0) + 1
            result[paragraph_id] = label(
                scheme,
                section_position=position,
                number=number,
                ordinal=ordinal,
                kind=kind,
                kind_ordinal=kind_counts[counted],
            )
    return result


def provisional_label(after: str, k: int) -> str:
    """The k-th proposed new paragraph after the one labelled `after`: "3bis", "3ter" …"""
    suffix = _LATIN[k - 1] if 1 <= k <= len(_LATIN) else f"-{k + 1}"
    return f"{after}{suffix}"
