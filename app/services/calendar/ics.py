"""The calendar as iCalendar (RFC 5545), made with the `icalendar` library.

Each round's meeting days are all-day events (one per run of consecutive days: "20, 22 and 23
February" is two events); each deadline is a short event at its moment, in UTC.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from app.models import Document, Round
from app.services.calendar import zones
from app.services.record.rows import id_of

if TYPE_CHECKING:
    from icalendar import Event

PRODID = "-//Consenso//Negotiation calendar//EN"
HOST = "consenso"  # the UIDs' domain part: stable wherever the app is served


def _stretches(row: Round) -> list[tuple[date, date]]:
    """(first, last) day of each run of consecutive meeting days."""
    days = [date.fromisoformat(d) for d in row.days] or [
        row.starts_on + timedelta(days=n) for n in range((row.ends_on - row.starts_on).days + 1)
    ]
    runs: list[tuple[date, date]] = []
    for day in days:
        if runs and runs[-1][1] + timedelta(days=1) == day:
            runs[-1] = (runs[-1][0], day)
        else:
            runs.append((day, day))
    return runs


def _where(row: Round) -> str:
    return ", ".join(part for part in (row.room, row.place) if part)


def _meetings(row: Round, stamp: datetime) -> list[Event]:
    from icalendar import Event  # imported late: a worker loads it when a calendar is asked for

    events = []
    for n, (first, last) in enumerate(_stretches(row)):
        event = Event()
        event.add("uid", f"round-{id_of(row)}-{n}@{HOST}")
        event.add("dtstamp", stamp)
        event.add("summary", row.name)
        event.add("dtstart", first)
        event.add("dtend", last + timedelta(days=1))
        if _where(row):
            event.add("location", _where(row))
        event.add("description", f"Time zone of the meeting: {row.timezone}")
        events.append(event)
    return events


def _deadlines(row: Round, stamp: datetime) -> list[Event]:
    from icalendar import Event

    events = []
    for kind, moment, title in (
        ("amendments", row.amendment_deadline, "Deadline for amendments"),
        ("revision", row.revision_due, "Next revision due"),
    ):
        if moment is None:
            continue
        event = Event()
        event.add("uid", f"round-{id_of(row)}-{kind}@{HOST}")
        event.add("dtstamp", stamp)
        event.add("summary", f"{title}: {row.name}")
        event.add("dtstart", moment)
        event.add("dtend", moment + timedelta(minutes=15))
        event.add("description", zones.local(moment, row.timezone))
        events.append(event)
    return events


def render(document: Document, rounds: list[Round], *, now: datetime) -> bytes:
    """The document's calendar as an .ics file."""
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", document.title)
    for row in rounds:
        for event in _meetings(row, now) + _deadlines(row, now):
            calendar.add_component(event)
    body: bytes = calendar.to_ical()
    return body
