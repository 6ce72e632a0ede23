"""Customers hear how their group ended: ``kaidian_on_customer_notice`` from a durable timer,
to the members who count (completed) or to everyone who joined (failed)."""

from __future__ import annotations

from datetime import timedelta

import plugins.group_buy as group_buy_plugin
from core.hookspecs import hookimpl
from core.manifest import PluginManifest
from core.testing import make_shop
from plugins.group_buy.tests.conftest import GroupBuyWorld


class Inbox:
    """A temporary channel plugin keeping every notice."""

    def __init__(self) -> None:
        self.manifest = PluginManifest(name="inbox", version="0.1.0", title={"zh-CN": "站内信", "en": "inbox"})
        self.notices: list[dict] = []

    @hookimpl
    def kaidian_on_customer_notice(self, shop_id, customer_id, topic, message, data):
        self.notices.append({"shop_id": shop_id, "customer_id": customer_id, "topic": topic, "message": message["zh-CN"], **data})

    def of(self, shop_id: int) -> list[dict]:
        return [row for row in self.notices if row["shop_id"] == shop_id]


async def test_members_are_told_when_their_group_completes_or_fails(kaidian_client_for):
    from core.accounts.models import Customer

    inbox = Inbox()
    async with kaidian_client_for(plugins=[group_buy_plugin, inbox]) as client:
        world = GroupBuyWorld(client, await make_shop(client))
        await world.make_activity(sizes=[2], prices={"2": 5000})
        _, done = await world.open_paid()
        _, joined = await world.join_paid(done["group_id"])
        _, lonely = await world.open_paid()
        await world.run_timers()  # the completion notice is due at once
        members = {row["order_id"]: row for row in inbox.of(world.shop.shop_id)}
        assert set(members) == {done["order_id"], joined["order_id"]}
        assert {row["topic"] for row in inbox.of(world.shop.shop_id)} == {"group_buy.completed"}
        assert members[joined["order_id"]]["message"] == "拼团成功，商家将尽快发货"
        owner = await Customer.get(id=members[joined["order_id"]]["customer_id"])
        assert owner.shop_id == world.shop.shop_id
        inbox.notices.clear()
        await world.run_timers(timedelta(hours=25))  # the lonely group expires and fails
        assert [(row["topic"], row["order_id"], row["group_id"]) for row in inbox.of(world.shop.shop_id)] == [
            ("group_buy.failed", lonely["order_id"], lonely["group_id"])
        ]
