"""The durable timer makes exactly one feedback request per order, a configurable delay after
delivery or confirmation; unanswered requests expire; the app prompt offers the open ones."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from core import clock
from core.trade.models import Timer
from plugins.feedback import services
from plugins.feedback.models import FeedbackRequest, RequestStatus


async def test_one_request_per_order_after_the_delay(world):
    order = await world.received_order()
    timers = await Timer.filter(kind=services.ASK, target_id=order["id"])
    assert len(timers) == 1, "delivered then completed arms one timer"
    delay = timers[0].run_at - clock.now()
    assert timedelta(hours=23, minutes=59) < delay <= timedelta(hours=24)
    # Not yet due: nothing is made and nothing is offered.
    assert (await world.client.get("/api/shop/feedback/prompt", headers=world.shop.customer)).json() == {"request": None, "open_count": 0}
    request = await world.asked(order["id"])
    assert request.status == RequestStatus.PENDING and request.customer_id == world.shop.customer_id
    assert timedelta(days=7) - timedelta(seconds=5) < request.expires_at - request.created_at <= timedelta(days=7)
    # The handler run again (a retry after a crash) and concurrent runs make no second request.
    await asyncio.gather(*(services.create_request(world.shop.shop_id, order["id"], clock.now()) for _ in range(5)))
    assert await FeedbackRequest.filter(order_id=order["id"]).count() == 1
    # Its expiry is armed on the durable timers too.
    assert await Timer.filter(kind=services.EXPIRE, target_id=request.id).count() == 1
    prompt = (await world.client.get("/api/shop/feedback/prompt", headers=world.shop.customer)).json()
    assert prompt["request"]["order_id"] == order["id"] and prompt["open_count"] == 1


async def test_the_delay_is_the_shops_setting(world):
    changed = await world.client.put("/api/admin/plugins/feedback", json={"settings": {"delay_hours": 2}}, headers=world.shop.owner)
    assert changed.status_code in (200, 201), changed.text
    order = await world.received_order()
    timer = await world.ask_timer(order["id"])
    assert timedelta(hours=1, minutes=59) < timer.run_at - clock.now() <= timedelta(hours=2)


async def test_a_refunded_order_gets_no_request(world):
    order = await world.received_order()
    from core.trade.models import Order, OrderStatus

    await Order.filter(id=order["id"]).update(status=OrderStatus.REFUNDED)
    timer = await world.ask_timer(order["id"])
    assert await world.fire(timer)
    assert not await FeedbackRequest.exists(order_id=order["id"])


async def test_unanswered_requests_expire_after_seven_days(world):
    order = await world.received_order()
    request = await world.asked(order["id"])
    expiry = await Timer.get(kind=services.EXPIRE, target_id=request.id)
    assert expiry.run_at == request.expires_at
    assert await world.fire(expiry)
    await request.refresh_from_db()
    assert request.status == RequestStatus.EXPIRED
    with clock.pinned(request.expires_at + timedelta(minutes=1)):
        assert (await world.client.get("/api/shop/feedback/prompt", headers=world.shop.customer)).json()["request"] is None
        late = await world.answer(world.shop.customer, order["id"])
    assert late.status_code == 409 and late.json()["field"] == "order_id"
