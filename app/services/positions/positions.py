"""The positions service under its former single-module name.

Taking and withdrawing live in `taking`, the views in `reading`, the member list in `members`.
Callers that still import `positions` keep working until they name those modules.
"""

from __future__ import annotations

from app.services.positions.members import members, members_from
from app.services.positions.reading import for_amendment, for_paragraph, public_row
from app.services.positions.taking import (
    WITHDRAWN,
    take_on_amendment,
    take_on_paragraph,
    withdraw_on_amendment,
    withdraw_on_paragraph,
)

__all__ = [
    "WITHDRAWN",
    "for_amendment",
    "for_paragraph",
    "members",
    "members_from",
    "public_row",
    "take_on_amendment",
    "take_on_paragraph",
    "withdraw_on_amendment",
    "withdraw_on_paragraph",
]
