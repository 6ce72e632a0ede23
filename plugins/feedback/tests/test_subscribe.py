"""Subscribe-message consent at checkout: the preview asks for the shop's template, the app's
answer is reported with the order (``POST /api/shop/subscriptions``), and when the feedback
request is made the sandbox sender gets exactly one message for a customer who allowed it and
none for one who did not."""

from __future__ import annotations

import asyncio

from plugins.feedback.models import FeedbackRequest, SubscribeGrant
from plugins.feedback.subscribe import SANDBOX, send_for_request
from tests.trade.helpers import make_sku

TEMPLATE = "tpl_feedback_nps_01"


async def use_template(world, template_id=TEMPLATE):
    changed = await world.client.put("/api/admin/plugins/feedback", json={"settings": {"subscribe_template_id": template_id}}, headers=world.shop.owner)
    assert changed.status_code in (200, 201), changed.text


async def report(world, headers, results, order_id=None):
    return await world.client.post("/api/shop/subscriptions", json={"results": results, "order_id": order_id}, headers=headers)


def sent_to(openid):
    return [message for message in SANDBOX.outbox if message.openid == openid]


async def openid_of(customer_id):
    from core.accounts.models import Customer

    return (await Customer.get(id=customer_id)).openid


async def test_the_checkout_preview_asks_for_the_shops_template_only_when_set(world):
    sku = await make_sku(world.shop.shop_id, stock=5)
    body = {"lines": [{"sku_id": sku.id, "quantity": 1}]}
    before = await world.client.post("/api/shop/checkout/preview", json=body, headers=world.shop.customer)
    assert before.status_code == 200, before.text
    assert "feedback" not in before.json()["sections"]
    await use_template(world)
    after = await world.client.post("/api/shop/checkout/preview", json=body, headers=world.shop.customer)
    assert after.json()["sections"]["feedback"] == {"subscribe_template_ids": [TEMPLATE]}


async def test_a_grant_sends_one_message_and_a_refusal_none(world):
    await use_template(world)
    granted_headers, granted_id = world.shop.customer, world.shop.customer_id
    refused_headers, refused_id = await world.customer(name="拒绝者")

    granted_order = await world.received_order(granted_headers)
    refused_order = await world.received_order(refused_headers)
    # What the checkout page reports after placing each order: another plugin's template in the
    # same answer is not ours to count.
    answered = await report(world, granted_headers, {TEMPLATE: "accept", "tpl_other": "accept"}, granted_order["id"])
    assert answered.status_code == 204, answered.text
    assert (await report(world, refused_headers, {TEMPLATE: "reject"}, refused_order["id"])).status_code == 204

    grants = await SubscribeGrant.filter(shop_id=world.shop.shop_id).values("customer_id", "template_id", "remaining")
    assert grants == [{"customer_id": granted_id, "template_id": TEMPLATE, "remaining": 1}]

    granted_openid, refused_openid = await openid_of(granted_id), await openid_of(refused_id)
    request = await world.asked(granted_order["id"])
    messages = sent_to(granted_openid)
    assert len(messages) == 1
    assert messages[0].template_id == TEMPLATE and messages[0].shop_id == world.shop.shop_id
    assert messages[0].page == f"kd_feedback/pages/feedback_form/index?order_id={granted_order['id']}"
    assert (await SubscribeGrant.get(customer_id=granted_id)).remaining == 0, "the grant is spent"
    await request.refresh_from_db()
    assert request.notified

    await world.asked(refused_order["id"])
    assert sent_to(refused_openid) == []
    # The timer fired again (a retry) sends nothing more.
    timer = await world.ask_timer(granted_order["id"])
    await world.fire(timer)
    assert len(sent_to(granted_openid)) == 1


async def test_each_accept_is_one_grant(world):
    await use_template(world)
    for _ in range(2):
        assert (await report(world, world.shop.customer, {TEMPLATE: "accept"})).status_code == 204
    assert (await SubscribeGrant.get(customer_id=world.shop.customer_id)).remaining == 2


async def test_bad_reports_name_the_field_and_count_nothing(world):
    await use_template(world)
    other_headers, _ = await world.customer(name="别人")
    others_order = await world.received_order(other_headers)
    # Someone else's order.
    stolen = await report(world, world.shop.customer, {TEMPLATE: "accept"}, others_order["id"])
    assert stolen.status_code == 404 and stolen.json()["field"] == "order_id", stolen.text
    # Too many ids, an empty id, a missing body field.
    too_many = await report(world, world.shop.customer, {f"tpl_{index}": "accept" for index in range(21)})
    assert too_many.status_code == 422 and too_many.json()["field"].startswith("results"), too_many.text
    empty_id = await report(world, world.shop.customer, {"": "accept"})
    assert empty_id.status_code == 422 and empty_id.json()["field"].startswith("results"), empty_id.text
    missing = await world.client.post("/api/shop/subscriptions", json={}, headers=world.shop.customer)
    assert missing.status_code == 422 and missing.json()["field"] == "results", missing.text
    assert await SubscribeGrant.filter(shop_id=world.shop.shop_id).count() == 0
    # Staff tokens and anonymous callers cannot report.
    assert (await report(world, world.shop.owner, {TEMPLATE: "accept"})).status_code in (401, 403)
    assert (await world.client.post("/api/shop/subscriptions", json={"results": {TEMPLATE: "accept"}})).status_code == 401


async def test_two_requests_racing_for_the_last_grant_send_one_message_and_keep_the_other(world):
    await use_template(world)
    headers, customer_id = world.shop.customer, world.shop.customer_id
    orders = [await world.received_order(headers) for _ in range(2)]
    requests = []
    for order in orders:  # the requests are made while the customer holds no grant: no message yet
        requests.append(await world.asked(order["id"]))
    assert sent_to(await openid_of(customer_id)) == []
    assert (await report(world, headers, {TEMPLATE: "accept"})).status_code == 204  # one grant

    settings = world.client.app.state.settings
    sent = await asyncio.gather(*(send_for_request(world.host, settings, request) for request in requests))
    assert sorted(sent) == [False, True]
    assert len(sent_to(await openid_of(customer_id))) == 1
    assert (await SubscribeGrant.get(customer_id=customer_id)).remaining == 0
    notified = await FeedbackRequest.filter(id__in=[request.id for request in requests]).values_list("notified", flat=True)
    assert sorted(notified) == [False, True], "the request that lost the grant is not marked as notified"
