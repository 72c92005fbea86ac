"""Akoma Ntoso 3.0 XML: a `<doc name="commonPosition">` valid against the OASIS schema.

Layout: `<meta>` (FRBR identification, one TLCOrganization per delegation), `<preface>` (the
header: variant, title, revision, date, status counts), `<mainBody>` with one `<section>` per
section and one `<paragraph>` per paragraph (`<num>`, `<content><p>`), the closing statement
as final `<p>`s, and `<conclusions>` holding the footer (SHA-256 of the text, audit-chain head
and sequence, export record).

Compilation: each option is a `<p class="option">` whose redline is written with `<ins>` and
`<del>`, sponsors as `<organization refersTo="#mex">MEX</organization>`; objections,
reservations and status as `<p class="…">` after it. eIds follow the AKN naming convention
(`sec_1`, `sec_1__para_3`, `sec_1__para_3__p_2`) and are made unique when labels repeat.
"""

from __future__ import annotations

import re

from lxml import etree  # type: ignore[import-untyped]  # lxml ships no type hints

from app.drafting.export.common import (
    AUDIT_LABEL,
    HASH_LABEL,
    RECORD_LABEL,
    SEQ_LABEL,
    ExportView,
    Option,
    ParagraphView,
    ViewRenderer,
    positions_notes,
    xml_safe,
)
from app.drafting.export.strings import t

NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
_FOOTER_CLASSES = {
    HASH_LABEL: "hash",
    AUDIT_LABEL: "auditHead",
    SEQ_LABEL: "auditSeq",
    RECORD_LABEL: "exportRecord",
}
_EID_UNSAFE = re.compile(r"[^A-Za-z0-9-]+")


def _el(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    element = etree.SubElement(parent, f"{{{NS}}}{tag}", {k: xml_safe(v) for k, v in attrs.items()})
    if text is not None:
        element.text = xml_safe(text)
    return element


def _append(element: etree._Element, text: str) -> None:
    """Append text at the end of `element`'s mixed content."""
    text = xml_safe(text)
    if len(element):
        element[-1].tail = (element[-1].tail or "") + text
    else:
        element.text = (element.text or "") + text


def _lines(element: etree._Element, text: str) -> None:
    """Append text, each line break inside it an `<eol/>` (sub-paragraphs (a), (b) kept)."""
    for k, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n")):
        if k:
            _el(element, "eol")
        _append(element, line)


_AKN_LANGUAGES = {"en": "eng", "es": "spa", "pt": "por"}


def _org_id(code: str) -> str:
    return "org_" + (_EID_UNSAFE.sub("-", code).lower() or "x")


class _Ids:
    def __init__(self) -> None:
        self.seen: set[str] = set()

    def unique(self, eid: str) -> str:
        candidate, n = eid, 1
        while candidate in self.seen:
            n += 1
            candidate = f"{eid}-{n}"
        self.seen.add(candidate)
        return candidate


def _meta(doc_el: etree._Element, view: ExportView, codes: list[str]) -> None:
    doc = view.doc
    # The work is the document (dated by its creation); the expression is one revision of it in
    # one language (dated by its issue); the manifestation is this XML of that expression. None
    # of them depends on when the file was made.
    created = (doc.created_at or doc.dated).date().isoformat()
    issued = doc.dated.date().isoformat()
    work = f"/akn/un/doc/commonPosition/{created}/consenso-{doc.document_id}-{view.variant}"
    version = _EID_UNSAFE.sub("-", doc.revision).strip("-").lower() or "text"
    language = _AKN_LANGUAGES.get(doc.language, "eng")  # this expression's language
    expression = f"{work}/{language}@{issued}-{version}"
    meta = _el(doc_el, "meta")
    ident = _el(meta, "identification", source="#consenso")
    for level, this, uri, day, name in (
        ("FRBRWork", f"{work}/!main", work, created, "Creation"),
        ("FRBRExpression", f"{expression}/!main", expression, issued, "Issue"),
        ("FRBRManifestation", f"{expression}/!main.xml", f"{expression}.akn", issued, "Issue"),
    ):
        frbr = _el(ident, level)
        _el(frbr, "FRBRthis", value=this)
        _el(frbr, "FRBRuri", value=uri)
        _el(frbr, "FRBRdate", date=day, name=name)
        _el(frbr, "FRBRauthor", href="#consenso")
        if level == "FRBRWork":
            _el(frbr, "FRBRcountry", value="un")
            _el(frbr, "FRBRname", value=doc.title)
        if level == "FRBRExpression":
            if doc.revision_number is not None:
                _el(frbr, "FRBRversionNumber", value=str(doc.revision_number))
            _el(frbr, "FRBRlanguage", language=language)
    refs = _el(meta, "references", source="#consenso")
    _el(
        refs,
        "TLCOrganization",
        eId="consenso",
        href="/ontology/organization/consenso",
        showAs="Consenso",
    )
    names = {d.code: d.name for d in doc.delegations}
    for code in codes:
        _el(
            refs,
            "TLCOrganization",
            eId=_org_id(code),
            href=f"/ontology/organization/{_org_id(code)[4:]}",
            showAs=names.get(code, code),
        )


def _option(p_el: etree._Element, option: Option) -> None:
    _append(p_el, "[" if option.deletion else f"[{option.prefix} (")
    for i, code in enumerate(option.sponsors):
        if i:
            _append(p_el, ", ")
        _el(p_el, "organization", code, refersTo=f"#{_org_id(code)}")
    if option.deletion:
        _append(p_el, f": {option.label.rsplit(': ', 1)[1]}]")
        return
    _append(p_el, f"), {option.label.rsplit(', ', 1)[1]}: " if option.conflict else "): ")
    for op, text in option.segments:
        if op in ("insert", "delete"):
            _lines(_el(p_el, "ins" if op == "insert" else "del"), text)
        else:
            _lines(p_el, text)
    _append(p_el, "]")


def _paragraph(section_el: etree._Element, p: ParagraphView, section_eid: str, ids: _Ids) -> None:
    label = _EID_UNSAFE.sub("-", p.number).strip("-") or "x"
    eid = ids.unique(f"{section_eid}__para_{label}")
    para = _el(section_el, "paragraph", eId=eid, **{"class": p.status})
    _el(para, "num", f"{p.number}.")
    content = _el(para, "content")
    text = _el(content, "p")
    _lines(text, f"[{p.text}]" if p.bracketed else p.text)
    if p.ad_ref:
        _append(text, " ")
        _el(text, "i", t("ad_ref_mark"))
    for option in p.options:
        _option(_el(content, "p", **{"class": "option"}), option)
        for note in option.notes():
            _el(content, "p", note, **{"class": "optionNote"})
    for kind, note in positions_notes(p):
        _el(content, "p", note, **{"class": kind})


def render_view(view: ExportView) -> bytes:
    codes = list(
        dict.fromkeys(
            [d.code for d in view.doc.delegations]
            + [
                c
                for s in view.sections
                for p in s.paragraphs
                for o in p.options
                for c in o.sponsors
            ]
        )
    )
    root = etree.Element(f"{{{NS}}}akomaNtoso", nsmap={None: NS})
    doc_el = _el(root, "doc", name="commonPosition")
    _meta(doc_el, view, codes)
    preface = _el(doc_el, "preface")
    _el(preface, "p", view.heading, **{"class": "variant"})
    header = dict(view.header)
    _el(_el(preface, "p", **{"class": "title"}), "docTitle", header[t("header.document")])
    revision = _el(preface, "p", "Revision: ", **{"class": "revision"})
    _el(revision, "docNumber", header[t("header.revision")])
    date = _el(preface, "p", "Date: ", **{"class": "date"})
    _el(date, "docDate", header[t("header.date")], date=view.doc.dated.date().isoformat())
    status = _el(preface, "p", "Status: ", **{"class": "status"})
    _el(status, "docStatus", header[t("header.status")])
    body = _el(doc_el, "mainBody")
    ids = _Ids()
    for section in view.sections:
        eid = ids.unique(f"sec_{section.ordinal}")
        section_el = _el(body, "section", eId=eid)
        _el(section_el, "heading", section.title)
        if not section.paragraphs:  # a hierarchy needs content: say the section is empty
            _el(
                _el(_el(section_el, "paragraph", eId=ids.unique(f"{eid}__para_none")), "content"),
                "p",
                "No paragraph.",
            )
        for paragraph in section.paragraphs:
            _paragraph(section_el, paragraph, eid, ids)
    for statement in view.closing:
        _el(body, "p", statement, **{"class": "closing"})
    if not len(body):
        _el(body, "p", "No paragraph.")
    conclusions = _el(doc_el, "conclusions")
    for label, value in view.footer:
        _el(conclusions, "p", f"{label}: {value}", **{"class": _FOOTER_CLASSES[label]})
    xml: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return xml


RENDERER = ViewRenderer("akn", "application/akn+xml", "xml", render_view)
