"""Leaders' names and phones: encrypted at rest with a blind-indexed phone, masked for staff
lists and customer service, in full only for the leader and for owners/operators where their
work needs it; the migration encrypts leaders stored in plaintext before."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from core.accounts.models import StaffRole
from core.testing import add_staff
from plugins.community_group.commission import SHOP_TZ
from plugins.community_group.leaders import NAME, PHONE
from plugins.community_group.models import CommissionEntry, Leader
from plugins.community_group.tests.conftest import make_leader, new_batch, pickup_code, pickup_order
from tests.trade.helpers import make_sku

BASE = "/api/admin/community_group"
FULL = {"name": "王团长", "phone": "13800138000"}
MASKED = {"name": "王**", "phone": "138****8000"}


def contact(row: dict, name: str = "name", phone: str = "phone") -> dict:
    return {"name": row[name], "phone": row[phone]}


async def test_leader_contact_is_encrypted_and_found_by_phone(client, shop):
    leader = await make_leader(client, shop, "王团长")
    row = await Leader.get(id=leader.id)
    assert "王团长" not in row.name_encrypted and "13800138000" not in row.phone_encrypted
    assert not hasattr(row, "name") and not hasattr(row, "phone")
    stored = await Leader.filter(id=leader.id).values()
    assert not any(isinstance(value, str) and ("13800138000" in value or "王团长" in value) for value in stored[0].values())
    cipher = client.app.state.cipher
    assert cipher.decrypt(row.phone_encrypted, context=PHONE) == "13800138000"
    assert row.phone_index == cipher.blind_index("13800138000", context=PHONE)

    other = await make_leader(client, shop, "李团长")
    for typed in ("13800138000", "+86 138-0013-8000"):
        found = await client.get(f"{BASE}/leaders", params={"phone": typed}, headers=shop.owner)
        assert found.status_code == 200, found.text
        assert [item["id"] for item in found.json()] == [other.id, leader.id]  # both applied with this phone
    assert (await client.get(f"{BASE}/leaders", params={"phone": "13900000000"}, headers=shop.owner)).json() == []


async def test_who_sees_leader_contact_in_full(client, shop):
    leader = await make_leader(client, shop, "王团长", commission_bp=1000)
    operator = await add_staff(client, shop, StaffRole.OPERATOR)
    service = await add_staff(client, shop, StaffRole.CUSTOMER_SERVICE)

    # The leader: their own application and commission in full.
    mine = (await client.get("/api/shop/community_group/leader-application", headers=leader.headers)).json()
    assert contact(mine) == FULL and mine["contact_masked"] is False
    # Customers choosing a point: the name masked, no phone at all.
    points = (await client.get("/api/shop/community_group/pickup-points", headers=shop.customer)).json()
    assert points[0]["leader_name"] == "王**" and "phone" not in str(points)
    body = {"shop_id": shop.shop_id, "requests": [{"id": "p", "source": "community_group.pickup_points", "params": {}}]}
    batch_read = (await client.post("/api/shop/batch", json=body)).json()["results"]["p"]
    assert batch_read["ok"] and [item["leader_name"] for item in batch_read["data"]["items"]] == ["王**"]

    # Staff lists are masked for every role.
    for headers in (shop.owner, operator, service):
        listed = (await client.get(f"{BASE}/leaders", headers=headers)).json()
        assert [contact(item) for item in listed] == [MASKED] and listed[0]["contact_masked"] is True
    # One leader's detail: in full for owners and operators, masked for customer service.
    for headers, expected in ((shop.owner, FULL), (operator, FULL), (service, MASKED)):
        detail = await client.get(f"{BASE}/leaders/{leader.id}", headers=headers)
        assert detail.status_code == 200 and contact(detail.json()) == expected

    # Picking list (delivery) and statements (paying the leader): the same rule.
    sku = await make_sku(shop.shop_id, stock=10)
    order = await pickup_order(client, shop.customer, leader.point_id, [(sku.id, 1)])
    batch = await new_batch(client, shop)
    picking = f"{BASE}/batches/{batch['id']}/picking-list"
    for headers, expected in ((shop.owner, FULL), (operator, FULL), (service, MASKED)):
        rows = (await client.get(picking, headers=headers)).json()
        assert contact(rows[0], "leader_name", "leader_phone") == expected
        csv_text = (await client.get(picking, params={"format": "csv"}, headers=headers)).content.decode("utf-8-sig")
        assert (expected["phone"] in csv_text) and (("13800138000" in csv_text) == (expected == FULL))
    code = (await pickup_code(client, shop.customer, order["id"]))["pickup_code"]
    assert (await client.post("/api/shop/community_group/leader/verify", json={"code": code}, headers=leader.headers)).status_code == 201
    last_month = datetime.now(SHOP_TZ).replace(day=1) - timedelta(days=2)
    await CommissionEntry.filter(shop_id=shop.shop_id).update(occurred_at=last_month.astimezone(UTC))
    settlement = (await client.post(f"{BASE}/settlements", json={"period": f"{last_month:%Y-%m}"}, headers=shop.owner)).json()
    statements = f"{BASE}/settlements/{settlement['id']}/statements"
    for headers, expected in ((shop.owner, FULL), (operator, FULL), (service, MASKED)):
        found = (await client.get(statements, headers=headers)).json()
        assert contact(found[0], "leader_name", "leader_phone") == expected
    own = (await client.get("/api/shop/community_group/leader/commission", headers=leader.headers)).json()
    assert contact(own["statements"][0], "leader_name", "leader_phone") == FULL


@pytest.mark.slow  # migrates a database of its own, step by step
def test_migration_encrypts_leaders_stored_in_plaintext(kaidian_settings):
    """A database at community_group 0001 (plaintext name and phone) upgrades to encrypted
    columns with a blind-indexed phone, under the data keys of the app that upgrades it."""
    from pypika_tortoise import Table
    from tortoise import Tortoise, connections
    from tortoise.migrations.api.migrate import migrate

    from core.accounts.models import Customer
    from core.app import create_app
    from core.db import upgrade
    from core.shops.services import create_agency, create_shop
    from core.testing import unique
    from core.testing.database import base_database_url, derive_test_database_url, drop_test_database
    from plugins.community_group.leaders import phone_filter

    url = derive_test_database_url(base_database_url())
    app = create_app(kaidian_settings.model_copy(update={"database_url": url}))
    config, cipher = app.state.db_config, app.state.cipher

    async def scenario() -> None:
        await Tortoise.init(config=config, _create_db=True)
        await Tortoise.close_connections()
        await migrate(config=config, target="community_group.0001_initial")
        for label in config["apps"]:
            if label != "community_group":
                await migrate(config=config, target=label)
        await Tortoise.close_connections()

        await Tortoise.init(config=config)
        agency = await create_agency(unique("agency"))
        shop = await create_shop(agency_id=agency.id, name="旧店", slug=unique("old"))
        customer = await Customer.create(shop_id=shop.id, openid=unique("openid"))
        client = connections.get("default")
        table = Table("community_group_leader")
        insert = client.query_class.into(table).columns(
            "shop_id", "customer_id", "name", "phone", "status", "commission_bp", "review_note", "created_at"
        ).insert(shop.id, customer.id, "老团长", "+86 139-1234-5678", "approved", 500, "", "2026-01-01 00:00:00")
        await client.execute_query(insert.get_sql())
        await Tortoise.close_connections()

        await upgrade(config, cipher=cipher)

        await Tortoise.init(config=config)
        try:
            leader = await Leader.get(shop_id=shop.id)
            assert cipher.decrypt(leader.name_encrypted, context=NAME) == "老团长"
            assert cipher.decrypt(leader.phone_encrypted, context=PHONE) == "13912345678"  # normalised
            assert await Leader.filter(shop_id=shop.id, **phone_filter(cipher, "13912345678")).count() == 1
            columns = (await client_of().execute_query_dict("SELECT * FROM community_group_leader"))[0]
            assert "name" not in columns and "phone" not in columns
        finally:
            await Tortoise.close_connections()

    def client_of():
        return connections.get("default")

    async def run() -> None:
        try:
            await scenario()
        finally:  # an open aiosqlite connection would keep the process alive after a failure
            await Tortoise.close_connections()

    try:
        asyncio.run(run())
    finally:
        drop_test_database(config, url)
