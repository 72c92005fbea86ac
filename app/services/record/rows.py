"""Rows as the database holds them: once flushed, a row has its primary key."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Protocol, TypeVar

import sqlalchemy as sa
from sqlalchemy.orm import make_transient_to_detached
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import Session, SQLModel

M = TypeVar("M", bound=SQLModel)


class _Keyed(Protocol):
    @property
    def id(self) -> int | None: ...


def id_of(row: _Keyed) -> int:
    """The id of a stored row. The models type ids optional (unset until the first flush), so a
    row that reaches a service without one is a bug, and it fails here rather than as a NULL."""
    if row.id is None:
        raise RuntimeError(f"{type(row).__name__} has no id: it was never flushed.")
    return row.id


# --- Core inserts for the hot writes ------------------------------------------------------------


_INSERTS: dict[str, tuple[sa.Insert, tuple[str, ...]]] = {}


def insert(session: Session, row: SQLModel, *, attach: bool = True) -> int:
    """Store a new row with one Core INSERT … RETURNING id, and give the object its id.

    For the hot writes (a proposal, a position): a unit-of-work flush costs several times the
    statement here. Every column is written as the object holds it, as a flush would (a column
    left None is stored NULL). The object then joins the session as a
    loaded row, not a new one: a later flush never inserts it again. With `attach=False` it
    stays out of the session (for a row the request only reports): nothing tracks it."""
    table: sa.Table = row.__table__  # type: ignore[attr-defined]  # a table model's
    prepared = _INSERTS.get(table.name)
    if prepared is None:
        columns = tuple(c.name for c in table.columns if c.name != "id")
        prepared = sa.insert(table).returning(table.c.id), columns
        _INSERTS[table.name] = prepared
    statement, columns = prepared
    values = {name: getattr(row, name) for name in columns}
    new_id: int = session.connection().execute(statement, values).scalar_one()
    set_committed_value(row, "id", new_id)
    if attach:
        make_transient_to_detached(row)
        session.add(row)
    return new_id


# --- New row objects for the hot writes ---------------------------------------------------------

# Per table model: its fields' plain defaults, and those made by a factory.
_PLANS: dict[type[SQLModel], tuple[dict[str, Any], tuple[tuple[str, Callable[[], Any]], ...]]] = {}


def new(model: type[M], **values: Any) -> M:
    """A new row object, as `model(**values)` makes it, at a fraction of the cost.

    A table model's constructor sets every field through SQLAlchemy's attribute instrumentation
    and looks up each default in turn (78 us for an amendment, 1.8 us for what this does);
    a hot write builds four or five rows. Here the values go straight into the object's
    attributes: a flush, or `insert` above, stores them as it would the constructor's. Like
    the constructor, it validates nothing: the services check what they store."""
    plan = _PLANS.get(model)
    if plan is None:
        plan = _PLANS[model] = _plan(model)
    defaults, factories = plan
    row: M = model._sa_class_manager.new_instance()  # type: ignore[attr-defined]
    attributes = row.__dict__
    attributes.update(defaults)
    for name, factory in factories:
        if name not in values:
            attributes[name] = factory()
    attributes.update(values)
    object.__setattr__(row, "__pydantic_fields_set__", set(values))
    object.__setattr__(row, "__pydantic_extra__", None)
    object.__setattr__(row, "__pydantic_private__", None)
    return row


def read(model: type[M], values: Mapping[str, Any]) -> M:
    """A row as a Core statement returned it (every column), for reading: it is in no session,
    so nothing flushes it; a change to the row is another statement."""
    return new(model, **values)


def loaded(session: Session, model: type[M], values: Mapping[str, Any]) -> M:
    """A row as a Core statement returned it (every column), in the session as if the ORM had
    loaded it: later changes to it flush as UPDATEs. For a hot read by primary key, where an
    ORM load costs more Python than the statement (the caller looks in the identity map first)."""
    row = new(model, **values)
    make_transient_to_detached(row)
    session.add(row)
    return row


def _plan(
    model: type[SQLModel],
) -> tuple[dict[str, Any], tuple[tuple[str, Callable[[], Any]], ...]]:
    if model.__pydantic_post_init__ or model.__sqlmodel_relationships__:
        raise TypeError(f"{model.__name__} needs its constructor (post-init or relationships)")
    defaults: dict[str, Any] = {}
    factories: list[tuple[str, Callable[[], Any]]] = []
    for name, field in model.model_fields.items():
        if field.is_required():
            continue
        if field.default_factory is not None:
            factories.append((name, field.default_factory))  # type: ignore[arg-type]
        else:
            defaults[name] = field.default
    return defaults, tuple(factories)
