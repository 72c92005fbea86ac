"""Time zones of the calendar: IANA names checked, moments shown in a zone."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from app.errors import Invalid


def zone(name: str) -> ZoneInfo:
    """The IANA zone `name`, or a 422 naming it."""
    try:
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError, TypeError) as exc:
        raise Invalid(
            f"{name!r} is not a time zone name; use an IANA name such as America/New_York.",
            code="calendar.unknown_zone",
            params={"zone": repr(name)},
        ) from exc


def in_zone(moment: datetime, name: str) -> datetime:
    """A moment without a zone is read in `name`; any moment is returned in UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone(name))
    return moment.astimezone(UTC)


def local(moment: datetime, name: str) -> str:
    """The moment as a reader in `name` sees it: "2018-03-05 18:00 EST (America/New_York)"."""
    shown = moment.astimezone(zone(name))
    return f"{shown:%Y-%m-%d %H:%M} {shown.tzname()} ({name})"


def day_end(day: date, name: str) -> datetime:
    """The first moment after `day` in the zone `name`, in UTC."""
    return datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone(name)).astimezone(UTC)


def day_start(day: date, name: str) -> datetime:
    return datetime.combine(day, time(0), tzinfo=zone(name)).astimezone(UTC)
