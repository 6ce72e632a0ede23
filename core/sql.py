"""Hand-written SQL for the statements every checkout runs.

Through the ORM a statement costs about three times its driver's work in query building: the
same one-row SELECT on MariaDB took 325 µs of CPU as ``Model.filter().values_list()`` and
102 µs as SQL text through the same connection (``bench/checkout.py`` profile, docs/trade.md).
Checkout runs a dozen statements per order, so the ones it runs every time are written here
once as SQL — ``%s`` placeholders, identifiers that need quoting in double quotes — and
translated once per dialect.

They run on the connection the ORM would use for the model (the current transaction's inside
``in_transaction``), and values cross through the model fields' own ``to_db_value`` and
``to_python_value`` (``db_value``, ``python_values``), so what is written and read is exactly
what the ORM would write and read. Everything else keeps using the ORM: this is for hot paths
measured to matter, not a second data layer.
"""

from __future__ import annotations

import functools
import re
import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

from tortoise.models import Model


@functools.lru_cache(maxsize=512)
def translate(text: str, dialect: str) -> str:
    """``text`` for ``dialect``: placeholders (``%s`` for MySQL, ``$1…`` for PostgreSQL, ``?``
    for SQLite) and identifier quotes (backticks for MySQL). SQLite has no ``FOR UPDATE``: its
    writing transactions take turns anyway, as the ORM's ``select_for_update`` assumes."""
    if dialect == "mysql":
        return text.replace('"', "`")
    if dialect == "sqlite":
        return text.replace(" FOR UPDATE", "").replace("%s", "?")
    pieces = text.split("%s")
    return "".join(piece + (f"${number}" if number < len(pieces) else "") for number, piece in enumerate(pieces, start=1))


def table(model: type[Model]) -> str:
    return model._meta.db_table


def marks(count: int) -> str:
    """``%s,%s,…`` for an ``IN (…)`` of ``count`` values."""
    return ",".join(["%s"] * count)


def db_value(model: type[Model], field: str, value: Any) -> Any:
    """``value`` as the ORM would send it for ``model.field`` (JSON text, UTC datetimes…)."""
    return model._meta.fields_map[field].to_db_value(value, model)


def python_values(model: type[Model], fields: Sequence[str], row: Any) -> list[Any]:
    """A row's ``fields`` (read under those names) as the ORM would give them back."""
    fields_map = model._meta.fields_map
    return [fields_map[name].to_python_value(row[name]) for name in fields]


async def execute(model: type[Model], text: str, values: Iterable[Any]) -> int:
    """Run an UPDATE or DELETE on ``model``'s connection; the rows it changed (what the ORM's
    ``update()`` answers). Not for INSERT: Tortoise's asyncpg client reads no count from it."""
    client = model._meta.db
    count, _ = await client.execute_query(translate(text, client.capabilities.dialect), list(values))
    return count


async def fetch(model: type[Model], text: str, values: Iterable[Any]) -> Sequence[Any]:
    """Run a SELECT on ``model``'s connection; rows whose columns are read by name."""
    client = model._meta.db
    _, rows = await client.execute_query(translate(text, client.capabilities.dialect), list(values))
    return rows


@functools.lru_cache(maxsize=128)
def _insert_sql(
    model: type[Model], dialect: str, rows: int, returning: tuple[str, ...] = (), locking: type[Model] | None = None
) -> tuple[str, tuple[str, ...]]:
    """An INSERT of ``rows`` rows of every column the ORM writes (all but generated ones),
    answering the ``returning`` columns, and the field names in column order. With ``locking``
    (one row), the row is written only beside a lock on that model's row whose id is the last
    parameter: ``INSERT … SELECT … FROM it WHERE id = %s FOR UPDATE``."""
    meta = model._meta
    names = tuple(name for name in meta.fields_db_projection if not meta.fields_map[name].generated)
    columns = ", ".join(f'"{meta.fields_db_projection[name]}"' for name in names)
    if locking is not None:
        source = f'SELECT {marks(len(names))} FROM "{table(locking)}" WHERE "{locking._meta.db_pk_column}" = %s FOR UPDATE'
        text = f'INSERT INTO "{meta.db_table}" ({columns}) {source}'
    else:
        text = f'INSERT INTO "{meta.db_table}" ({columns}) VALUES ' + ", ".join([f"({marks(len(names))})"] * rows)
    if returning:
        text += " RETURNING " + ", ".join(f'"{column}"' for column in returning)
    return translate(text, dialect), names


def _row(instance: Model, names: tuple[str, ...]) -> list[Any]:
    fields_map = instance._meta.fields_map
    # With the instance, as save() passes it: auto_now fields stamp it and the row alike.
    return [fields_map[name].to_db_value(getattr(instance, name), instance) for name in names]


async def insert(instance: Model, *, locking: tuple[type[Model], int] | None = None) -> None:
    """Write a new instance as ``save()`` would (the defaults its constructor gave it, its
    ``auto_now`` stamps) in one INSERT, and set its id — without ``save()``'s own work
    (signals, finding the executor, looking for database-side defaults), so only for models
    with neither signals nor database-side defaults.

    ``locking=(Model, id)`` also locks that row (``SELECT … FOR UPDATE``) in the same statement,
    one round trip instead of two: inside a transaction, the lock is held until it ends. SQLite
    has no row locks (its writing transactions take turns), so there it is a plain INSERT. A
    missing row writes nothing and raises ``LookupError``."""
    model = type(instance)
    client = model._meta.db
    dialect = client.capabilities.dialect
    lock_model, lock_id = locking if locking is not None and dialect != "sqlite" else (None, None)
    # PostgreSQL's driver answers the new id only when asked.
    text, names = _insert_sql(model, dialect, 1, (model._meta.db_pk_column,) if dialect == "postgres" else (), lock_model)
    values = _row(instance, names)
    if lock_model is not None:
        values.append(lock_id)
    result = await client.execute_insert(text, values)
    new_id = (result[0] if result else None) if dialect == "postgres" else result
    if not new_id:  # only the locking INSERT … SELECT can write no row
        raise LookupError(f"no {lock_model.__name__ if lock_model else model.__name__} row {lock_id}")
    instance.pk = new_id
    instance._saved_in_db = True


async def insert_many(instances: Sequence[Model], returning: tuple[str, ...] = ()) -> Sequence[Any] | None:
    """Write new instances of one model in one INSERT, as ``bulk_create`` does (ids not set).
    With ``returning`` (column names), the new rows' values of those columns, in no promised
    order, where the database can return them (PostgreSQL, SQLite, MariaDB 10.5+); else None
    (MySQL), and the caller reads them another way."""
    if not instances:
        return [] if returning else None
    model = type(instances[0])
    client = model._meta.db
    returns = bool(returning) and await _returns_rows(client)
    text, names = _insert_sql(model, client.capabilities.dialect, len(instances), returning if returns else ())
    values = [value for instance in instances for value in _row(instance, names)]
    if not returns:
        await client.execute_query(text, values)
        return None
    # As rows: Tortoise's asyncpg client runs a statement starting with INSERT as one that
    # answers none.
    return await client.execute_query_dict(text, values)


# Connection name → whether its server knows INSERT … RETURNING (asked once per process).
_returning_known: dict[str, bool] = {}


async def _returns_rows(client: Any) -> bool:
    dialect = client.capabilities.dialect
    if dialect == "postgres":
        return True
    if dialect == "sqlite":
        return sqlite3.sqlite_version_info >= (3, 35)
    if client.connection_name not in _returning_known:
        _, rows = await client.execute_query("SELECT VERSION() AS version")
        version = str(rows[0]["version"])
        numbers = tuple(int(part) for part in re.findall(r"\d+", version)[:2])
        _returning_known[client.connection_name] = "mariadb" in version.lower() and numbers >= (10, 5)
    return _returning_known[client.connection_name]
