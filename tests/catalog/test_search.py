"""The built-in search index follows catalog changes product by product."""

from __future__ import annotations

import random

from core.catalog.cache import bump_version
from core.catalog.models import Product, ProductStatus
from core.catalog.search import BuiltinSearchBackend
from core.catalog.search_index import Entry, ShopIndex, within_one_edit
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
    assert {entry.product_id for entries in index.layout().by_key.values() for entry in entries} == {1, 3}


def reference_ranking(entries: list[Entry], query: str, limit: int) -> list[int]:
    """The ranking rules, spelled out one entry at a time."""
    scored = []
    for entry in entries:
        text = entry.keys[0]
        if text.startswith(query):
            score = 4
        elif any(key.startswith(query) for key in entry.keys[1:]):
            score = 3
        elif any(query in key for key in entry.keys) or query in entry.tags:
            score = 2
        elif len(query) >= 3 and any(key and key[0] == query[0] and within_one_edit(query, key) for key in entry.keys):
            score = 1
        else:
            continue
        scored.append((-score, -entry.sales, entry.product_id))
    return [product_id for _, _, product_id in sorted(scored)[:limit]]


def test_staged_lookup_ranks_exactly_like_the_rules():
    rng = random.Random(7)
    words = ["华为", "小米", "手机", "手表", "耳机", "平板", "智能", "无线", "vivo", "Pro", "充电宝", "音箱"]
    index = ShopIndex()
    index.sync([(pid, "".join(rng.sample(words, 3)) + f" {pid}", rng.randint(0, 20), rng.choice(["", "|新品|", "|热卖|"]))
                for pid in range(1, 400)])
    entries = list(index.entries.values())
    queries = ["sj", "s", "hw", "huawei", "huawie", "shoujj", "shouu", "手机", "手", "华为手", "华外", "华为收机", "小来手", "vivo", "vovo", "pr",
               "新品", "ji", "xiaomishuo", "zhinengs", "zhineng", "12", "1", "wxej", "wuxin", "cdb", "chongdianbai"]
    for query in queries:
        for limit in (10, 50):
            got = [entry.product_id for entry in index.ranked(query, limit)]
            assert got == reference_ranking(entries, query, limit), (query, limit)


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
