"""One check for ids in a request that refer to other records: each must name a record of the
caller's shop. Another shop's id and an id that does not exist get the same answer (422 naming
the field and the id), so nothing about other shops leaks."""

from __future__ import annotations

from collections.abc import Iterable

from tortoise.models import Model

from core.errors import InvalidInput


async def ensure_shop_ids(model: type[Model], shop_id: int, ids: Iterable[int], *, field: str) -> None:
    """Raise 422 ``unknown_reference`` — ``field`` with the position of the first bad id, e.g.
    ``scope_ids[2]`` — unless every id in ``ids`` is a ``model`` row with this ``shop_id``."""
    ids = list(ids)
    if not ids:
        return
    found = set(await model.filter(shop_id=shop_id, id__in=set(ids)).values_list("id", flat=True))
    for position, record_id in enumerate(ids):
        if record_id not in found:
            raise InvalidInput("unknown_reference", field=f"{field}[{position}]", record_id=record_id)
