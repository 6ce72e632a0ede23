"""The group-buy HTTP API: admin activities with validation and groups with members, the
customer activity list and detail, and shop isolation on every route."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from core.testing import assert_other_shop_gets_404, make_shop
from plugins.group_buy.tests.conftest import ACTIVITIES, GroupBuyWorld, activity_body
from tests.trade.helpers import make_sku


async def test_bad_activities_are_refused_naming_the_field(world):
    client, owner = world.client, world.shop.owner
    sku = world.sku
    other_product = await make_sku(world.shop.shop_id, price_fen=10000)
    past = (datetime.now(UTC) - timedelta(days=1)).isoformat()
    cases = [
        ({"sizes": [1]}, "sizes"),
        ({"sizes": [3, 2], "prices": {"2": 5000, "3": 4000}}, "sizes"),
        ({"prices": {"3": 20000}}, "skus.prices_fen"),
        ({"prices": {"3": 0}}, "skus.prices_fen"),
        ({"prices": {"2": 5000}}, "skus.prices_fen"),
        ({"sizes": [2, 3], "prices": {"2": 5000, "3": 6000}}, "skus.prices_fen"),
        ({"product_id": other_product.product_id}, "skus.sku_id"),
        ({"product_id": 999999}, "product_id"),
        ({"ends_at": past}, "ends_at"),
        ({"leader_discount_fen": 6000}, "leader_discount_fen"),
        ({"window_hours": 0}, "window_hours"),
        ({"virtual_fill_percent": 100}, "virtual_fill_percent"),
        ({"surprise": 1}, "surprise"),
    ]
    for overrides, field in cases:
        body = activity_body([sku.id], **{"product_id": sku.product_id, **overrides})
        response = await client.post(ACTIVITIES, json=body, headers=owner)
        assert response.status_code == 422, (overrides, response.text)
        assert field in (response.json()["field"] or str(response.json())), (overrides, response.json())
    english = await client.post(ACTIVITIES, json=activity_body([sku.id], product_id=sku.product_id, prices={"3": 20000}), headers={**owner, "Accept-Language": "en"})
    assert english.json()["message"] == "a group price cannot be above the normal price"
    assert (await client.post(ACTIVITIES, json=activity_body([sku.id], product_id=sku.product_id), headers=world.shop.customer)).status_code == 403


async def test_activity_crud_and_the_customer_view(world):
    client, owner, customer = world.client, world.shop.owner, world.shop.customer
    activity = world.activity
    listed = (await client.get(ACTIVITIES, headers=owner)).json()
    assert [row["id"] for row in listed] == [activity["id"]]
    assert activity["skus"] == [{"sku_id": world.sku.id, "prices_fen": {"3": 6000}}]
    patched = await client.patch(f"{ACTIVITIES}/{activity['id']}", json={"name": "周末三人团", "skus": [{"sku_id": world.sku.id, "prices_fen": {"3": 5500}}]}, headers=owner)
    assert patched.status_code == 200 and patched.json()["name"] == "周末三人团"
    assert patched.json()["skus"][0]["prices_fen"] == {"3": 5500}
    shop_list = (await client.get("/api/shop/group-buy/activities", headers=customer)).json()
    assert [(row["id"], row["group_price_fen"], row["price_fen"], row["title"]) for row in shop_list] == [(activity["id"], 5500, 10000, "拼团好物")]

    _, opened = await world.open_paid()
    detail = (await client.get(f"/api/shop/group-buy/activities/{activity['id']}", headers=customer)).json()
    assert [(g["id"], g["remaining"], g["leader_nickname"]) for g in detail["open_groups"]] == [(opened["group_id"], 2, "团*")]
    assert detail["skus"][0]["prices_fen"] == {"3": 5500} and detail["skus"][0]["price_fen"] == 10000
    # prices are fixed once a group exists; the activity cannot be deleted, only stopped
    locked = await client.patch(f"{ACTIVITIES}/{activity['id']}", json={"skus": [{"sku_id": world.sku.id, "prices_fen": {"3": 1000}}]}, headers=owner)
    assert locked.status_code == 409 and locked.json()["field"] == "skus"
    assert (await client.delete(f"{ACTIVITIES}/{activity['id']}", headers=owner)).status_code == 409
    groups = (await client.get(f"{ACTIVITIES}/{activity['id']}/groups?status=open", headers=owner)).json()
    assert [(g["id"], g["paid_count"], [m["is_leader"] for m in g["members"]]) for g in groups] == [(opened["group_id"], 1, [True])]
    assert (await client.get(f"{ACTIVITIES}/{activity['id']}/groups?status=failed", headers=owner)).json() == []
    stopped = await client.patch(f"{ACTIVITIES}/{activity['id']}", json={"status": "stopped"}, headers=owner)
    assert stopped.json()["status"] == "stopped"
    assert (await client.get("/api/shop/group-buy/activities", headers=customer)).json() == []
    assert (await client.get(f"/api/shop/group-buy/activities/{activity['id']}", headers=customer)).status_code == 404
    fresh = await world.make_activity()
    assert (await client.delete(f"{ACTIVITIES}/{fresh['id']}", headers=owner)).status_code == 204
    assert (await client.get(f"{ACTIVITIES}/{fresh['id']}", headers=owner)).status_code == 404


async def test_guests_see_running_group_buys_and_a_shared_group(world):
    client, activity = world.client, world.activity
    base = f"/api/shop/{world.shop.shop_id}/group-buy"
    listed = await client.get(f"{base}/activities")
    assert listed.status_code == 200 and [row["id"] for row in listed.json()] == [activity["id"]], listed.text
    leader, opened = await world.open_paid()
    detail = (await client.get(f"{base}/activities/{activity['id']}")).json()
    assert [g["id"] for g in detail["open_groups"]] == [opened["group_id"]]
    page = (await client.get(f"{base}/groups/{opened['group_id']}")).json()
    assert page["joinable"] and page["remaining"] == 2 and page["is_member"] is False
    assert (await client.get(f"{base}/groups/{opened['group_id']}", headers=leader)).json()["is_member"] is True
    assert (await client.post(f"/api/shop/group-buy/groups/{opened['group_id']}/join", json={"sku_id": world.sku.id})).status_code == 401
    # a group whose leader has not paid is not shown; another shop's path shows nothing of this one
    pending = (await world.open(await world.customer())).json()["group_id"]
    assert (await client.get(f"{base}/groups/{pending}")).status_code == 404
    other = await make_shop(client, name="别家店")
    assert (await client.get(f"/api/shop/{other.shop_id}/group-buy/activities")).json() == []
    assert (await client.get(f"/api/shop/{other.shop_id}/group-buy/groups/{opened['group_id']}")).status_code == 404
    assert (await client.get(f"/api/shop/{other.shop_id}/group-buy/activities/{activity['id']}")).status_code == 404


async def test_the_group_status_stream_ends_when_the_group_closes(world):
    leader, opened = await world.open_paid()
    for _ in range(2):
        await world.join_paid(opened["group_id"])
    response = await world.client.get(f"/api/shop/group-buy/groups/{opened['group_id']}/events", headers=leader)
    assert response.status_code == 200
    kinds = [line.split('"kind": "')[1].split('"')[0] for line in response.text.splitlines() if line.startswith("data:")]
    assert kinds == ["opened", "joined", "joined", "completed"]
    assert "customer_id" not in response.text


async def test_admin_routes_are_shop_scoped(kaidian_client_for):
    import plugins.group_buy as group_buy_plugin

    async with kaidian_client_for(plugins=[group_buy_plugin]) as client:
        world = GroupBuyWorld(client, await make_shop(client, name="店铺A"))
        other = await make_shop(client, name="店铺B")
        activity = await world.make_activity()
        _, opened = await world.open_paid()
        base = f"{ACTIVITIES}/{activity['id']}"
        await assert_other_shop_gets_404(
            client,
            [
                ("GET", base, None),
                ("PATCH", base, {"name": "偷改"}),
                ("DELETE", base, None),
                ("GET", f"{base}/groups", None),
                ("GET", f"/api/admin/group-buy/groups/{opened['group_id']}", None),
            ],
            other.owner,
        )
        assert (await client.get(ACTIVITIES, headers=other.owner)).json() == []
        # creating with another shop's product is refused, not created
        body = activity_body([world.sku.id], product_id=world.sku.product_id)
        assert (await client.post(ACTIVITIES, json=body, headers=other.owner)).status_code == 422
        assert (await client.get(base, headers=world.shop.owner)).json()["name"] == "三人团"


async def test_customer_routes_are_shop_scoped(kaidian_client_for):
    import plugins.group_buy as group_buy_plugin

    async with kaidian_client_for(plugins=[group_buy_plugin]) as client:
        world = GroupBuyWorld(client, await make_shop(client, name="店铺A"))
        other = await make_shop(client, name="店铺B")
        activity = await world.make_activity()
        _, opened = await world.open_paid()
        group = f"/api/shop/group-buy/groups/{opened['group_id']}"
        await assert_other_shop_gets_404(
            client,
            [
                ("GET", f"/api/shop/group-buy/activities/{activity['id']}", None),
                ("GET", group, None),
                ("GET", f"{group}/events", None),
            ],
            other.customer,
        )
        for path, body in ((f"/api/shop/group-buy/activities/{activity['id']}/open", {"sku_id": world.sku.id}), (f"{group}/join", {"sku_id": world.sku.id})):
            response = await client.post(path, json=body, headers={**other.customer, "Idempotency-Key": "x1"})
            assert response.status_code == 404, (path, response.text)
        assert (await client.get("/api/shop/group-buy/activities", headers=other.customer)).json() == []
        assert (await client.get("/api/shop/group-buy/mine", headers=other.customer)).json() == []
        from plugins.group_buy.models import GroupBuyMember

        assert await GroupBuyMember.filter(shop_id=other.shop_id).count() == 0


async def test_null_in_an_update_leaves_the_field_unchanged(world):
    # The document admits null for every optional field; a null `name` or `leader_discount_fen`
    # was written to a column that cannot hold it (a 500). Null clears only `virtual_fill_percent`.
    activity = world.activity
    body = {"name": None, "window_hours": None, "ends_at": None, "per_customer_limit": None, "leader_discount_fen": None, "status": None, "skus": None, "virtual_fill_percent": None}
    changed = await world.client.patch(f"{ACTIVITIES}/{activity['id']}", json=body, headers=world.shop.owner)
    assert changed.status_code == 200, changed.text
    after = changed.json()
    for field in ("name", "window_hours", "ends_at", "per_customer_limit", "leader_discount_fen", "status", "skus"):
        assert after[field] == activity[field], field
    assert after["virtual_fill_percent"] is None
