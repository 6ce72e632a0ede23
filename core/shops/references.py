"""One check for ids in a request that refer to other records: each must name a record of the
caller's shop. Another shop's id and an id that does not exist get the same answer (422 naming
the field and the id), so nothing about other shops leaks.

Core and every plugin call it for each id a client sends that names another record (products,
SKUs, categories, media, coupon templates, customers, pickup points…): a query filtered by
shop would often just find nothing, but a write would keep the foreign id for good."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
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
    found = await shop_record_ids(model, shop_id, {record_id for _, record_id in refs}, **filters)
    for field, record_id in refs:
        if record_id not in found:
            raise InvalidInput("unknown_reference", field=field, record_id=record_id)


async def shop_record_ids(model: type[Model], shop_id: int, ids: Iterable[int], **filters: Any) -> set[int]:
    """Which of ``ids`` are ``model`` rows of this shop (``filters`` narrow what counts): one query."""
    ids = set(ids)
    if not ids:
        return set()
    return set(await model.filter(shop_id=shop_id, id__in=ids, **filters).values_list("id", flat=True))


async def ensure_shop_ids(model: type[Model], shop_id: int, ids: Iterable[int], *, field: str) -> None:
    """Raise 422 ``unknown_reference`` — ``field`` with the position of the first bad id, e.g.
    ``scope_ids[2]`` — unless every id in ``ids`` is a ``model`` row with this ``shop_id``."""
    await ensure_shop_refs(model, shop_id, ((f"{field}[{position}]", record_id) for position, record_id in enumerate(ids)))


async def ensure_shop_id(model: type[Model], shop_id: int, record_id: int | None, *, field: str) -> None:
    """The same for one optional id: ``field`` names it as it is (``category_id``)."""
    await ensure_shop_refs(model, shop_id, [(field, record_id)])


REFERENCE_KIND = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


@dataclass(frozen=True)
class ReferenceKind:
    kind: str
    model: type[Model]
    filters: dict[str, Any]
    plugin: str
    title: dict[str, str]  # {"zh-CN": …, "en": …}: how a problem names the record to a merchant
    # The app page (``kaidian_register_app_pages``, or core's ``product``/``category`` page) that
    # opens a record with ``?id=<id>``: links ``<kind>:<id>`` may name the kind. None: not linkable.
    link_page: str | None = None
    label_field: str | None = None  # the field the admin's link picker shows (``name``)


@dataclass
class ReferenceKinds:
    """The record kinds stored settings may name by id (``kaidian_register_reference_kinds``)."""

    kinds: dict[str, ReferenceKind] = field(default_factory=dict)

    def add(
        self, kind: Any, model: Any, filters: Any, plugin: str, title: Any = None, link_page: Any = None, label_field: Any = None
    ) -> None:
        if not isinstance(kind, str) or not REFERENCE_KIND.match(kind):
            raise ValueError(f"plugin {plugin!r} registered the reference kind {kind!r}; use lower-case letters, digits and _")
        if kind in self.kinds:
            raise ValueError(f"reference kind {kind!r} from plugin {plugin!r} clashes with plugin {self.kinds[kind].plugin!r}")
        if not (isinstance(model, type) and issubclass(model, Model) and {"shop", "shop_id"} & set(model._meta.fields_map)):
            raise ValueError(f"reference kind {kind!r} from plugin {plugin!r} needs a Tortoise model with a shop_id field")
        if title is None:
            title = {"zh-CN": kind, "en": kind}
        if not (isinstance(title, dict) and all(isinstance(title.get(language), str) and title[language] for language in ("zh-CN", "en"))):
            raise ValueError(f"reference kind {kind!r} from plugin {plugin!r} needs a title {{'zh-CN': …, 'en': …}}")
        if link_page is not None and not (isinstance(link_page, str) and REFERENCE_KIND.match(link_page)):
            raise ValueError(f"reference kind {kind!r} from plugin {plugin!r}: link_page {link_page!r} must name an app page")
        if label_field is not None and label_field not in model._meta.fields_map:
            raise ValueError(f"reference kind {kind!r} from plugin {plugin!r}: label_field {label_field!r} is not a field of its model")
        self.kinds[kind] = ReferenceKind(kind, model, dict(filters or {}), plugin, dict(title), link_page, label_field)

    def __contains__(self, kind: object) -> bool:
        return kind in self.kinds

    def title(self, kind: str, language: str) -> str:
        entry = self.kinds.get(kind)
        return entry.title[language] if entry else kind

    def linkable(self) -> dict[str, ReferenceKind]:
        """The kinds links may name (``<kind>:<id>``): those registered with a ``link_page``."""
        return {kind: entry for kind, entry in self.kinds.items() if entry.link_page}

    async def link_problems(self, shop_id: int, refs: Iterable[tuple[str, str, int]]) -> list[tuple[str, dict[str, str]]]:
        """``(path, message)`` for each link ``(path, kind, id)`` of ``refs`` that leads nowhere:
        a kind no installed plugin makes linkable, or an id naming no record of this shop."""
        refs = list(refs)
        problems = []
        for path, kind, _ in refs:
            if kind not in self.linkable():
                problems.append((path, {"zh-CN": f"不支持的链接类型 {kind}", "en": f"links cannot lead to {kind}"}))
        for path, kind, record_id in await self.missing(shop_id, [ref for ref in refs if ref[1] in self.linkable()]):
            problems.append((path, self.missing_message(kind, record_id)))
        return problems

    async def link_targets(self, shop_id: int, *, limit: int = 50) -> list[dict[str, Any]]:
        """What the editor's link picker offers besides pages: per linkable kind, its title and
        the shop's newest ``limit`` records ``{id, label}`` (labelled by ``label_field``)."""
        targets = []
        for kind, entry in sorted(self.linkable().items()):
            rows = await entry.model.filter(shop_id=shop_id, **entry.filters).order_by("-id").limit(limit).values("id", *filter(None, [entry.label_field]))
            records = [{"id": row["id"], "label": str(row.get(entry.label_field) or f"#{row['id']}") if entry.label_field else f"#{row['id']}"} for row in rows]
            targets.append({"kind": kind, "title": dict(entry.title), "records": records})
        return targets

    def missing_message(self, kind: str, record_id: int) -> dict[str, str]:
        return {"zh-CN": f"引用的{self.title(kind, 'zh-CN')} {record_id} 不存在或不属于本店", "en": f"{self.title(kind, 'en')} {record_id} does not exist in this shop"}

    async def missing(self, shop_id: int, refs: Iterable[tuple[str, str, int]]) -> list[tuple[str, str, int]]:
        """Which ``(path, kind, id)`` of ``refs`` name no record of this shop: one query per
        kind. Kinds nobody registered (a plugin since removed) are left to the schema checks."""
        by_kind: dict[str, set[int]] = {}
        refs = list(refs)
        for _, kind, record_id in refs:
            if kind in self.kinds:
                by_kind.setdefault(kind, set()).add(record_id)
        found = {kind: await shop_record_ids(self.kinds[kind].model, shop_id, ids, **self.kinds[kind].filters) for kind, ids in by_kind.items()}
        return [ref for ref in refs if ref[1] in found and ref[2] not in found[ref[1]]]
