"""A few rounds of negotiation on the demo text, so the room is not empty on first sight.

Each step is (actor username, action, arguments); `app.seed.load` plays them through the
same services the API uses, so the demo data is exactly what real use would store.
"""

# Paragraph references are (section position, paragraph number) in the Zero draft.
HUMAN_RIGHTS = (1, 2)
SOVEREIGNTY = (1, 3)
PATHWAYS = (2, 1)
CONSULAR = (2, 2)
NOT_BINDING = (3, 2)
EXTRA_CONTINENTAL = (4, 1)

AMENDMENTS = [
    # (proposer, paragraph, (old words, new words), rationale, co-sponsors)
    (
        "mex",
        HUMAN_RIGHTS,
        (
            "regardless of their migration status",
            "regardless of their migration status, "
            "with special attention to children and adolescents",
        ),
        "Agreed language from the Global Compact's guiding principles.",
        ["bra", "col"],
    ),
    (
        "usa",
        HUMAN_RIGHTS,
        ("must be respected, protected and fulfilled", "should be respected and protected"),
        "Aligns the verb with the non-binding nature of the Compact.",
        [],
    ),
    (
        "arg",
        PATHWAYS,
        (
            "labour mobility, family reunification and study",
            "labour mobility, family reunification, study and humanitarian visas",
        ),
        "Reflects the humanitarian visa programmes several SACM members run.",
        ["ury", "chl"],
    ),
    (
        "can",
        EXTRA_CONTINENTAL,
        ("shall receive", "should receive"),
        "Consistency with the rest of the text.",
        [],
    ),
]

# Paragraphs every member supports (one ad referendum), so the board shows agreed text.
SUPPORTED_BY_ALL = [(1, 1), (3, 1)]
AD_REFERENDUM = {(1, 1): "per", (3, 1): "bol"}

# (delegation, paragraph, stance, note)
POSITIONS = [
    ("ven", SOVEREIGNTY, "objection", "The paragraph must name the right to leave any country."),
    ("usa", CONSULAR, "reservation", "Awaiting instructions from capital on legal identity."),
    ("mex", PATHWAYS, "support", ""),
    ("bra", PATHWAYS, "support", ""),
    ("gtm", NOT_BINDING, "support", ""),
    ("hnd", NOT_BINDING, "ad_referendum", "Pending confirmation by the ministry."),
]

COMMENTS = [
    ("iom", 0, "IOM can share the wording used in the regional consultations on this point."),
    ("bra", 1, "Brazil prefers to keep 'fulfilled': it is agreed language."),
]
