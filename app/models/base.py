"""Shared pieces of the table definitions: constraint naming and UTC timestamps."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

# Alembic needs stable constraint names to alter them later (SQLite batch mode included).
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(sa.types.TypeDecorator[datetime]):
    """Stores UTC without a zone (SQLite has none) and always hands back aware UTC datetimes."""

    impl = sa.DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC)


def timestamp(**kwargs: Any) -> Any:
    """A UTC timestamp column (not null unless `nullable=True`). Typed `Any` like
    `sqlmodel.Field`, so that it serves as the default of `datetime` and `datetime | None`."""
    nullable = kwargs.pop("nullable", False)
    return Field(sa_type=UTCDateTime, nullable=nullable, **kwargs)


__all__ = ["SQLModel", "UTCDateTime", "timestamp"]
