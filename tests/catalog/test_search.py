"""The built-in search index follows catalog changes product by product."""

from __future__ import annotations

from core.catalog.cache import bump_version
from core.catalog.models import Product, ProductStatus
from core.catalog.search import BuiltinSearchBackend, ShopIndex
from tests.catalog.helpers import make_product


def test_sync_applies_only_the_differences():
    index = ShopIndex()
    rows = [(1, "华为手机", 5, ""), (2, "手表", 1, "|新品|")]
    assert index.sync(rows) == 2
    assert index.sync(rows) == 0  # nothing changed: nothing re-keyed
    assert [entry.title for entry in index.ranked("sj", 10)] == ["华为手机"]
    assert index.sync([(1, "荣耀手机", 5, ""), (3, "耳机", 9, "")]) == 3  # retitled, added, removed
    assert index.ranked("sb", 10) == [] and index.ranked("hw", 10) == []
    assert [entry.title for entry in index.ranked("rongyso", 10)] == ["荣耀手机"]  # one typo
    assert [entry.title for entry in index.ranked("j", 10)] == ["耳机", "荣耀手机"]  # contains, by sales
    assert all(pid in index.entries for bucket in index.by_first_char.values() for _, pid in bucket)


async def test_backend_follows_edits_after_commit(kaidian_client, shop):
    backend = BuiltinSearchBackend()
    product, _ = await make_product(shop.shop_id, title="华为手机")
    await make_product(shop.shop_id, title="手表")
    assert await backend.suggest(shop.shop_id, "sj") == [("华为手机", product.id)]
    await Product.filter(id=product.id).update(title="荣耀手机")
    assert await backend.suggest(shop.shop_id, "sj") == [("华为手机", product.id)]  # not yet committed as a change
    await bump_version(shop.shop_id)
    assert await backend.suggest(shop.shop_id, "sj") == [("荣耀手机", product.id)]
    await Product.filter(id=product.id).update(status=ProductStatus.OFF_SALE)
    await bump_version(shop.shop_id)
    assert await backend.suggest(shop.shop_id, "sj") == []
    assert [title for title, _ in await backend.suggest(shop.shop_id, "shoubiao")] == ["手表"]
