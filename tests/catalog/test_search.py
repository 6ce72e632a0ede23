"""The built-in search index follows catalog changes product by product."""

from __future__ import annotations

import asyncio
import random

import pytest

from core.catalog.cache import bump_version
from core.catalog.models import Product, ProductStatus
from core.catalog import search_index
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
    assert set().union(*(index.holders(key) for key in index.keys())) == {1, 3}


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


WORDS = ["华为", "小米", "手机", "手表", "耳机", "平板", "智能", "无线", "vivo", "Pro", "充电宝", "音箱"]
QUERIES = ["sj", "s", "hw", "huawei", "huawie", "shoujj", "shouu", "手机", "手", "华为手", "华外", "华为收机", "小来手", "vivo", "vovo", "pr",
               "新品", "ji", "xiaomishuo", "zhinengs", "zhineng", "12", "1", "wxej", "wuxin", "cdb", "chongdianbai"]


def random_row(rng: random.Random, pid: int) -> tuple[int, str, int, str]:
    return (pid, "".join(rng.sample(WORDS, 3)) + f" {pid}", rng.randint(0, 20), rng.choice(["", "|新品|", "|热卖|"]))


def assert_ranks_like_the_rules(index: ShopIndex) -> None:
    entries = list(index.entries.values())
    for query in QUERIES:
        for limit in (10, 50):
            got = [entry.product_id for entry in index.ranked(query, limit)]
            assert got == reference_ranking(entries, query, limit), (query, limit)


@pytest.mark.parametrize("small", [False, True], ids=["default-layout", "small-blocks"])
def test_staged_lookup_ranks_exactly_like_the_rules(small, monkeypatch):
    if small:  # many blocks, splits, and the scanning paths rather than gathering from keys
        monkeypatch.setattr(search_index, "BLOCK", 8)
        monkeypatch.setattr(search_index, "DIRECT", 2)
        monkeypatch.setattr(search_index._Keys, "SCAN_LIMIT", 4)
    rng = random.Random(7)
    index = ShopIndex()
    index.sync([random_row(rng, pid) for pid in range(1, 400)])
    assert_ranks_like_the_rules(index)


def test_edits_one_by_one_rank_like_a_fresh_build(monkeypatch):
    """Products added, retitled, re-ranked by sales and removed one at a time (each touching a
    block or two) leave the index answering exactly like one built from the final rows."""
    monkeypatch.setattr(search_index, "BLOCK", 16)
    monkeypatch.setattr(search_index, "DIRECT", 3)
    rng = random.Random(11)
    rows = {pid: random_row(rng, pid) for pid in range(1, 200)}
    index = ShopIndex()
    index.sync(list(rows.values()))
    for step in range(600):
        pid = rng.randint(1, 260)
        action = rng.random()
        if action < 0.25 and pid in rows:
            del rows[pid]
            index.apply([], [pid])
        elif action < 0.5 and pid in rows:
            rows[pid] = (pid, rows[pid][1], rng.randint(0, 20), rows[pid][3])
            index.set_sales(pid, rows[pid][2])
        else:
            rows[pid] = random_row(rng, pid)
            index.apply([rows[pid]], [pid])
    assert len(index._order.blocks) > 5
    fresh = ShopIndex()
    fresh.load(list(rows.values()))
    assert set(index.entries) == set(rows)
    for query in QUERIES:
        assert [e.product_id for e in index.ranked(query, 50)] == [e.product_id for e in fresh.ranked(query, 50)], query
    assert_ranks_like_the_rules(index)


BACKENDS = pytest.mark.parametrize("backend_name", ["builtin", "postgres"])


def backend_for(name: str, client, **options):
    """The backend to test; the PostgreSQL one only in the PostgreSQL pass of the suite."""
    if name == "postgres":
        if client.app.state.settings.database_scheme not in ("postgres", "postgresql", "asyncpg"):
            pytest.skip("the postgres search backend is tested in the PostgreSQL pass (KAIDIAN_DATABASE_URL=postgres://…)")
        from core.catalog.search_pg import PostgresSearchBackend

        return PostgresSearchBackend(**options)
    return BuiltinSearchBackend(**options)


@BACKENDS
async def test_backend_follows_edits_after_commit(kaidian_client, shop, backend_name):
    backend = backend_for(backend_name, kaidian_client)
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


@BACKENDS
async def test_an_edit_re_reads_only_the_products_it_changed(kaidian_client, shop, backend_name):
    from core.catalog import products as product_service

    backend = backend_for(backend_name, kaidian_client)
    phone, _ = await make_product(shop.shop_id, title="华为手机")
    watch, _ = await make_product(shop.shop_id, title="华为手表")
    assert {title for title, _ in await backend.suggest(shop.shop_id, "hw")} == {"华为手机", "华为手表"}
    # A row changed behind the catalog's back (no change recorded) is not re-read by an edit
    # of another product: the index reads what the edit changed, not the shop.
    await Product.filter(id=watch.id).update(title="小米手表")
    await product_service.update_product(shop.shop_id, phone.id, {"title": "荣耀手机"})
    assert {title for title, _ in await backend.suggest(shop.shop_id, "sj")} == {"荣耀手机"}
    assert [pid for _, pid in await backend.suggest(shop.shop_id, "hwsb")] == [watch.id]
    # A bump naming no products re-reads the whole shop.
    await bump_version(shop.shop_id)
    assert await backend.suggest(shop.shop_id, "xmsb") == [("小米手表", watch.id)]
    await product_service.delete_product(shop.shop_id, phone.id)
    assert await backend.suggest(shop.shop_id, "rongyao") == []


@BACKENDS
async def test_sales_re_rank_in_the_background(kaidian_client, shop, backend_name):
    backend = backend_for(backend_name, kaidian_client, sales_refresh_seconds=0)
    first, _ = await make_product(shop.shop_id, title="华为手机")
    second, _ = await make_product(shop.shop_id, title="华为平板")
    assert [pid for _, pid in await backend.suggest(shop.shop_id, "hw")] == [first.id, second.id]
    await Product.filter(id=second.id).update(sales=50)  # a paid order: no catalog bump
    for _ in range(100):
        if [pid for _, pid in await backend.suggest(shop.shop_id, "hw")] == [second.id, first.id]:
            break
        await asyncio.sleep(0.01)
    assert [pid for _, pid in await backend.suggest(shop.shop_id, "hw")] == [second.id, first.id]


async def test_postgres_keys_carry_what_ranking_and_filtering_read(kaidian_client, shop):
    """The key rows hold status, on-sale time and sales (a query reads no other table): a
    scheduled product is found once its time passes, with no catalog change; sales a paid
    order moved re-rank at the next refresh, not before."""
    from datetime import timedelta

    from core import clock

    backend = backend_for("postgres", kaidian_client)
    first, _ = await make_product(shop.shop_id, title="华为手机")
    second, _ = await make_product(shop.shop_id, title="华为平板")
    later, _ = await make_product(shop.shop_id, title="华为手表", status=ProductStatus.DRAFT)
    start = clock.now()
    await Product.filter(id=later.id).update(on_sale_at=start + timedelta(hours=1))
    await bump_version(shop.shop_id)
    assert [pid for _, pid in await backend.suggest(shop.shop_id, "hw")] == [first.id, second.id]
    await Product.filter(id=second.id).update(sales=50)  # a paid order: no catalog bump
    assert [pid for _, pid in await backend.suggest(shop.shop_id, "hw")] == [first.id, second.id]
    with clock.pinned(start + timedelta(hours=2)):  # past the scheduled time and the sales refresh
        assert [pid for _, pid in await backend.suggest(shop.shop_id, "hw")] == [second.id, first.id, later.id]


async def test_postgres_ranks_exactly_like_the_rules(kaidian_client, shop):
    """The database backend over the same products answers every query like the rules the
    built-in index is checked against: same relevance stages, typo rule and order."""
    backend = backend_for("postgres", kaidian_client)
    rng = random.Random(7)
    rows = [random_row(rng, pid) for pid in range(1, 400)]
    await Product.bulk_create([
        Product(shop_id=shop.shop_id, title=title, sales=sales, tag_text=tags, status=ProductStatus.ON_SALE)
        for _, title, sales, tags in rows
    ])
    await Product.create(shop_id=shop.shop_id, title="华为手机 草稿", sales=99, status=ProductStatus.DRAFT)
    await bump_version(shop.shop_id)
    index = ShopIndex()
    index.sync([tuple(row) for row in await Product.filter(shop_id=shop.shop_id, status=ProductStatus.ON_SALE)
                .values_list("id", "title", "sales", "tag_text")])
    entries = list(index.entries.values())
    for query in QUERIES:
        for limit in (10, 50):
            assert await backend.search(shop.shop_id, query, limit) == reference_ranking(entries, query, limit), (query, limit)


def test_the_backend_is_chosen_among_registered_ones(kaidian_settings):
    """KAIDIAN_SEARCH_BACKEND names a backend of core or of a plugin; an unknown name, or the
    postgres backend on another database, stops start-up with the reason."""
    from core.app import create_app
    from core.settings import SettingsError
    from tests.test_plugin_system import plugin

    class EngineBackend:
        async def suggest(self, shop_id, text, limit=10):
            return [(f"engine:{text}", 1)]

        async def search(self, shop_id, text, limit=50):
            return [1]

    engine = plugin("engine", kaidian_register_search_backends=lambda register: register("engine", lambda settings: EngineBackend()))
    app = create_app(kaidian_settings.model_copy(update={"search_backend": "engine"}), plugins=[engine])
    assert isinstance(app.state.catalog_search, EngineBackend)
    assert isinstance(create_app(kaidian_settings).state.catalog_search, BuiltinSearchBackend)
    with pytest.raises(SettingsError, match="'typo'.*builtin, postgres"):
        create_app(kaidian_settings.model_copy(update={"search_backend": "typo"}))
    if kaidian_settings.database_scheme not in ("postgres", "postgresql", "asyncpg"):
        with pytest.raises(SettingsError, match="PostgreSQL"):
            create_app(kaidian_settings.model_copy(update={"search_backend": "postgres"}))
