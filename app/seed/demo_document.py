"""The demo common position, written in the project's own words (not a negotiated UN text)."""

TITLE = "Bi-regional common position of the RCM and the SACM on the Global Compact for Migration"

SECTIONS: list[tuple[str, list[str]]] = [
    (
        "Principles",
        [
            "The member states of the Regional Conference on Migration and of the South American "
            "Conference on Migration recognise that migration has always been part of the history "
            "of the Americas and that it enriches countries of origin, transit and destination.",
            "The human rights of all migrants must be respected, protected and fulfilled, "
            "regardless of their migration status, in accordance with international law.",
            "States retain the sovereign right to determine their national migration policies, "
            "exercised in a manner consistent with their international obligations.",
        ],
    ),
    (
        "Commitments",
        [
            "We commit to expand and diversify pathways for safe, orderly and regular migration, "
            "including labour mobility, family reunification and study.",
            "We commit to strengthen consular assistance and protection for our nationals abroad, "
            "and to cooperate so that every migrant can prove their legal identity.",
            "We commit to prevent, combat and eradicate trafficking in persons and the smuggling "
            "of migrants, with particular attention to women, children and adolescents.",
        ],
    ),
    (
        "Understandings",
        [
            "Regular migration is best achieved through cooperation between countries of origin, "
            "transit and destination, sharing responsibilities in a balanced way.",
            "The Global Compact is not legally binding and respects the sovereignty of each state.",
        ],
    ),
    (
        "Bi-regional strategy on extra-regional and extra-continental flows",
        [
            "Extra-regional and extra-continental migrants who transit through the Americas shall "
            "receive information, humanitarian assistance and access to protection procedures.",
            "The two conferences will exchange information on extra-continental flows and will "
            "coordinate their positions in the intergovernmental negotiation in New York.",
        ],
    ),
]
