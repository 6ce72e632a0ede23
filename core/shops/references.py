"""One check for ids in a request that refer to other records: each must name a record of the
caller's shop. Another shop's id and an id that does not exist get the same answer (422 naming
the field and the id), so nothing about other shops leaks.

Core and every plugin call it for each id a client sends that names another record (products,
SKUs, categories, media, coupon templates, customers, pickup points…): a query filtered by
shop would often just find nothing, but a write would keep the foreign id for good."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from tortoise.models import Model

from core.errors import InvalidInput


async def ensure_shop_refs(model: type[Model], shop_id: int, refs: Iterable[tuple[str, Any]], **filters: Any) -> None:
    """Raise 422 ``unknown_reference`` naming the first ``(field, id)`` of ``refs`` (e.g.
    ``("lines[2].sku_id", 7)``) whose id is not a ``model`` row of this shop. ``filters``
    narrow what counts (e.g. ``kind="video"``). ``None`` ids are skipped."""
    refs = [(field, record_id) for field, record_id in refs if record_id is not None]
    if not refs:
        return
    ids = {record_id for _, record_id in refs}
    found = set(await model.filter(shop_id=shop_id, id__in=ids, **filters).values_list("id", flat=True))
    for field, record_id in refs:
        if record_id not in found:
            raise InvalidInput("unknown_reference", field=field, record_id=record_id)


async def ensure_shop_ids(model: type[Model], shop_id: int, ids: Iterable[int], *, field: str) -> None:
    """Raise 422 ``unknown_reference`` — ``field`` with the position of the first bad id, e.g.
    ``scope_ids[2]`` — unless every id in ``ids`` is a ``model`` row with this ``shop_id``."""
    await ensure_shop_refs(model, shop_id, ((f"{field}[{position}]", record_id) for position, record_id in enumerate(ids)))


async def ensure_shop_id(model: type[Model], shop_id: int, record_id: int | None, *, field: str) -> None:
    """The same for one optional id: ``field`` names it as it is (``category_id``)."""
    await ensure_shop_refs(model, shop_id, [(field, record_id)])
