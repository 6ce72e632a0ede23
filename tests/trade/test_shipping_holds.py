"""``kaidian_collect_shipping_holds``: a plugin's hold stops an order from shipping (single and
batch) until it lifts; a failing hold check is a 503, never a shipment."""

from __future__ import annotations

from core.hookspecs import hookimpl
from core.manifest import PluginManifest
from core.testing import make_shop
from tests.trade.helpers import checkout, make_sku

REASON = {"zh-CN": "拼团尚未成功，暂不能发货", "en": "the group buy has not completed yet"}


class Holder:
    """A temporary plugin holding the orders in ``held`` (and failing when ``broken``)."""

    def __init__(self) -> None:
        self.manifest = PluginManifest(name="holder", version="0.1.0", title={"zh-CN": "暂扣", "en": "holder"})
        self.held: set[int] = set()
        self.broken = False
        self.asked: list[tuple[int, int]] = []

    @hookimpl
    async def kaidian_collect_shipping_holds(self, shop_id, order_id):
        self.asked.append((shop_id, order_id))
        if self.broken:
            raise RuntimeError("hold store down")
        return [REASON] if order_id in self.held else None


async def test_a_hold_stops_shipping_until_it_lifts(kaidian_client_for):
    holder = Holder()
    async with kaidian_client_for(plugins=[holder]) as client:
        shop = await make_shop(client)
        sku = await make_sku(shop.shop_id)
        order = (await checkout(client, shop.customer, [(sku.id, 1)])).json()
        assert (await client.post(f"/api/shop/orders/{order['id']}/sandbox-pay", headers=shop.customer)).json()["status"] == "paid"
        holder.held.add(order["id"])
        ship = {"carrier": "SF", "tracking_no": "SF1234567890"}
        held = await client.post(f"/api/admin/orders/{order['id']}/ship", json=ship, headers=shop.owner)
        assert held.status_code == 409 and held.json()["message"] == REASON["zh-CN"]
        assert holder.asked[-1] == (shop.shop_id, order["id"])
        batch = await client.post(
            "/api/admin/orders/ship-batch", json={"csv": f"{order['order_no']},SF,SF1234567890"}, headers={**shop.owner, "Accept-Language": "en"}
        )
        assert batch.json() == [{"row": 1, "order_no": order["order_no"], "ok": False, "error": REASON["en"]}]
        holder.broken = True
        assert (await client.post(f"/api/admin/orders/{order['id']}/ship", json=ship, headers=shop.owner)).status_code == 503
        holder.broken = False
        holder.held.clear()
        shipped = await client.post(f"/api/admin/orders/{order['id']}/ship", json=ship, headers=shop.owner)
        assert shipped.status_code == 201 and shipped.json()["status"] == "shipped"
