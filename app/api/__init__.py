"""Thin routers: parse, authorize, call one service, return a *Public schema."""

from app.api import (
    amendments,
    audit,
    auth,
    documents,
    exports,
    health,
    inbox,
    invitations,
    paragraphs,
    participants,
    plenary,
    positions,
    revisions,
    rounds,
    stream,
    translations,
)

ROUTERS = [
    health.router,
    auth.router,
    participants.router,
    documents.router,
    paragraphs.router,
    amendments.router,
    revisions.router,
    positions.router,
    exports.router,
    audit.router,
    translations.router,
    stream.router,
    plenary.router,
    rounds.router,
    invitations.router,
    inbox.router,
]
