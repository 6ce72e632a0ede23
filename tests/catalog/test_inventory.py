"""The stock contract: atomic reservations, no overselling under concurrency, one alert per crossing."""

from __future__ import annotations

import asyncio

import pytest
from tortoise.transactions import in_transaction

from core.catalog.inventory import (
    StockStatus,
    announce_inventory_alerts,
    release_stock,
    reserve_stock,
    sku_snapshot,
)
from core.catalog.models import InventoryAlert, ProductStatus, Sku
from core.errors import Conflict, InvalidInput
from core.hookspecs import hookimpl
from tests.catalog.helpers import make_product


async def test_reserve_and_release(shop):
    _, sku = await make_product(shop.shop_id, stock=10)
    await reserve_stock(shop.shop_id, {sku.id: 3})
    assert (await Sku.get(id=sku.id)).stock == 7
    await release_stock(shop.shop_id, {sku.id: 3})
    assert (await Sku.get(id=sku.id)).stock == 10


async def test_reserve_is_all_or_nothing(shop):
    _, plenty = await make_product(shop.shop_id, stock=10)
    _, scarce = await make_product(shop.shop_id, stock=1)
    with pytest.raises(Conflict) as caught:
        await reserve_stock(shop.shop_id, {plenty.id: 2, scarce.id: 2})
    assert caught.value.field == "sku_id" and caught.value.params["sku_id"] == scarce.id
    assert caught.value.code == "out_of_stock"
    assert (await Sku.get(id=plenty.id)).stock == 10


async def test_reserve_inside_callers_transaction_rolls_back_with_it(shop):
    _, sku = await make_product(shop.shop_id, stock=10)
    with pytest.raises(RuntimeError):
        async with in_transaction():
            await reserve_stock(shop.shop_id, {sku.id: 4})
            raise RuntimeError("order creation failed after reserving")
    assert (await Sku.get(id=sku.id)).stock == 10


async def test_unknown_foreign_or_unsellable_skus_are_refused(two_shops):
    shop_a, shop_b = two_shops
    _, foreign = await make_product(shop_b.shop_id, stock=10)
    _, draft = await make_product(shop_a.shop_id, stock=10, status=ProductStatus.DRAFT)
    for sku_id in (foreign.id, draft.id, 999_999):
        with pytest.raises(Conflict) as caught:
            await reserve_stock(shop_a.shop_id, {sku_id: 1})
        assert caught.value.code == "sku_unavailable" and caught.value.params["sku_id"] == sku_id
    with pytest.raises(InvalidInput):
        await reserve_stock(shop_a.shop_id, {draft.id: 0})
    assert (await Sku.get(id=foreign.id)).stock == 10


async def test_concurrent_reservations_never_oversell_and_alert_once(kaidian_client, shop):
    _, sku = await make_product(shop.shop_id, stock=30, threshold=10)

    async def order() -> bool:
        try:
            async with in_transaction():
                await reserve_stock(shop.shop_id, {sku.id: 1})
            return True
        except Conflict:
            return False

    results = await asyncio.gather(*(order() for _ in range(50)))
    assert sum(results) == 30
    assert (await Sku.get(id=sku.id)).stock == 0
    assert await InventoryAlert.filter(sku_id=sku.id).count() == 1


async def test_checkouts_taking_stock_with_known_limits_never_oversell_and_alert_once(shop):
    # Checkout passes the limits it read (one UPDATE per SKU while stock stays above them);
    # racing checkouts that all read "plenty" still cross the limit once and stop at zero.
    _, sku = await make_product(shop.shop_id, stock=30, threshold=10)
    limits = {sku.id: (await sku_snapshot(shop.shop_id, [sku.id]))[sku.id].low_stock_limit}
    assert limits == {sku.id: 10}

    async def order() -> list[int] | None:
        try:
            async with in_transaction():
                return await reserve_stock(shop.shop_id, {sku.id: 1}, on_sale_checked=True, limits=limits)
        except Conflict:
            return None

    results = await asyncio.gather(*(order() for _ in range(50)))
    assert sum(result is not None for result in results) == 30
    assert (await Sku.get(id=sku.id)).stock == 0
    alerts = await InventoryAlert.filter(sku_id=sku.id).values_list("id", "stock")
    assert len(alerts) == 1 and alerts[0][1] == 10
    assert [result for result in results if result] == [[alerts[0][0]]]  # returned by the crossing checkout only


async def test_a_known_limit_above_the_stock_left_takes_the_full_path(shop):
    _, sku = await make_product(shop.shop_id, stock=8, threshold=5)
    assert await reserve_stock(shop.shop_id, {sku.id: 2}, limits={sku.id: 5}) == []  # 6: above, no read
    crossing = await reserve_stock(shop.shop_id, {sku.id: 2}, limits={sku.id: 5})  # 4: at or below
    assert len(crossing) == 1 and (await Sku.get(id=sku.id)).low_stock_alerted
    with pytest.raises(Conflict) as caught:
        await reserve_stock(shop.shop_id, {sku.id: 5}, limits={sku.id: 5})
    assert caught.value.code == "out_of_stock" and (await Sku.get(id=sku.id)).stock == 4


async def test_alert_hook_fires_once_per_crossing_and_rearms(kaidian_client_for, shop):
    seen: list[tuple[int, int, int, int]] = []

    class Listener:
        from core.manifest import PluginManifest

        manifest = PluginManifest(name="stock_listener", version="0.1.0", title={"zh-CN": "l", "en": "l"})

        @hookimpl
        def kaidian_on_inventory_low(self, shop_id, sku_id, stock, threshold):
            seen.append((shop_id, sku_id, stock, threshold))

    async with kaidian_client_for(plugins=[Listener()]) as client:
        host = client.app.state.host
        _, sku = await make_product(shop.shop_id, stock=8, threshold=5)
        await reserve_stock(shop.shop_id, {sku.id: 2})  # 6: above
        await reserve_stock(shop.shop_id, {sku.id: 2})  # 4: crossing
        await reserve_stock(shop.shop_id, {sku.id: 1})  # 3: still low, no new alert
        assert await announce_inventory_alerts(host, shop_id=shop.shop_id) == 1
        assert await announce_inventory_alerts(host, shop_id=shop.shop_id) == 0
        assert seen == [(shop.shop_id, sku.id, 4, 5)]
        await release_stock(shop.shop_id, {sku.id: 5})  # 8: re-armed
        await reserve_stock(shop.shop_id, {sku.id: 4})  # 4: second crossing
        await announce_inventory_alerts(host, shop_id=shop.shop_id)
        assert seen[-1] == (shop.shop_id, sku.id, 4, 5) and len(seen) == 2


async def test_snapshot_reports_price_and_status_without_counts(two_shops):
    shop_a, shop_b = two_shops
    product, sku = await make_product(shop_a.shop_id, stock=3, price_fen=1999, title="手机")
    _, foreign = await make_product(shop_b.shop_id)
    snapshot = await sku_snapshot(shop_a.shop_id, [sku.id, foreign.id])
    assert set(snapshot) == {sku.id}
    info = snapshot[sku.id]
    assert (info.price_fen, info.title, info.spec_text, info.sellable) == (1999, "手机", "颜色:红", True)
    assert info.stock_status == StockStatus.LOW
    await Sku.filter(id=sku.id).update(stock=0)
    info = (await sku_snapshot(shop_a.shop_id, [sku.id]))[sku.id]
    assert info.stock_status == StockStatus.SOLD_OUT and not info.sellable


async def test_low_stock_reaches_the_shops_signed_webhooks_once_per_crossing(kaidian_client, shop):
    import hashlib
    import hmac
    import json

    import httpx

    from core.trade.models import WebhookDelivery
    from core.trade.webhooks import deliver_due

    client = kaidian_client
    hook = (await client.post("/api/admin/webhooks", json={"url": "https://93.184.215.14/stock", "events": ["inventory.low"]},
                              headers=shop.owner)).json()
    orders_only = (await client.post("/api/admin/webhooks", json={"url": "https://93.184.215.15/orders", "events": ["order.paid"]},
                                     headers=shop.owner)).json()
    _, sku = await make_product(shop.shop_id, stock=30, threshold=10, title="限量手机")

    async def order() -> None:
        try:
            async with in_transaction():
                await reserve_stock(shop.shop_id, {sku.id: 1})
        except Conflict:
            pass

    await asyncio.gather(*(order() for _ in range(50)))
    host = client.app.state.host
    announced = await asyncio.gather(*(announce_inventory_alerts(host, shop_id=shop.shop_id) for _ in range(5)))
    assert sum(announced) == 1

    received: list[httpx.Request] = []
    transport = httpx.MockTransport(lambda request: received.append(request) or httpx.Response(200))
    await deliver_due(transport=transport)
    await deliver_due(transport=transport)
    assert len(received) == 1
    request = received[0]
    assert request.headers["X-Kaidian-Event"] == "inventory.low" and request.url.path == "/stock"
    timestamp, digest = (part.split("=", 1)[1] for part in request.headers["X-Kaidian-Signature"].split(","))
    expected = hmac.new(hook["secret"].encode(), f"{timestamp}.".encode() + request.content, hashlib.sha256).hexdigest()
    assert hmac.compare_digest(digest, expected)
    data = json.loads(request.content)["data"]
    assert (data["sku_id"], data["title"], data["threshold"]) == (sku.id, "限量手机", 10) and data["stock"] <= 10
    assert await WebhookDelivery.filter(endpoint_id=orders_only["id"]).count() == 0

    # Restocked above the threshold re-arms: the next crossing is one more event.
    await release_stock(shop.shop_id, {sku.id: 20})
    await reserve_stock(shop.shop_id, {sku.id: 15})
    await announce_inventory_alerts(host, shop_id=shop.shop_id)
    assert await WebhookDelivery.filter(endpoint_id=hook["id"], event="inventory.low").count() == 2
    await deliver_due(transport=transport)  # the database is shared by the session: leave nothing due
    assert len(received) == 2
