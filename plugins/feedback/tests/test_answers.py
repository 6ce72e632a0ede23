"""Answers: once per order (also under concurrency), only the order's own customer, the score and
tags checked with the field named, nothing written on refusal; tenants isolated; low scores go
to the shop's webhooks as ``feedback.low_score``."""

from __future__ import annotations

import asyncio

from core.testing import make_shop
from core.trade.models import WebhookDelivery
from plugins.feedback.models import FeedbackAnswer, FeedbackRequest, RequestStatus


async def test_the_customer_answers_once(world):
    order = await world.received_order()
    await world.asked(order["id"])
    form = await world.client.get(f"/api/shop/feedback/orders/{order['id']}", headers=world.shop.customer)
    assert form.status_code == 200 and "物流快" in form.json()["tags"] and form.json()["answer"] is None
    done = await world.answer(world.shop.customer, order["id"], score=10, tags=["物流快", "包装好"], text="  很满意  ")
    assert done.status_code == 201, done.text
    assert done.json()["score"] == 10 and done.json()["text"] == "很满意"
    assert (await FeedbackRequest.get(order_id=order["id"])).status == RequestStatus.ANSWERED
    again = await world.answer(world.shop.customer, order["id"], score=3)
    assert again.status_code == 409 and again.json()["field"] == "order_id"
    assert await FeedbackAnswer.filter(order_id=order["id"]).count() == 1
    prompt = (await world.client.get("/api/shop/feedback/prompt", headers=world.shop.customer)).json()
    assert prompt["request"] is None


async def test_racing_answers_make_one(world):
    order = await world.received_order()
    await world.asked(order["id"])
    results = await asyncio.gather(*(world.answer(world.shop.customer, order["id"], score=score) for score in range(8)))
    codes = sorted(response.status_code for response in results)
    assert codes.count(201) == 1 and codes.count(409) == 7, codes
    assert await FeedbackAnswer.filter(order_id=order["id"]).count() == 1


async def test_bad_input_names_the_field_and_writes_nothing(world):
    order = await world.received_order()
    await world.asked(order["id"])
    stranger, _ = await world.customer(name="路人")
    cases = [
        (stranger, {"score": 9}, 404, "order_id"),  # someone else's order
        (world.shop.customer, {"score": 11}, 422, "score"),
        (world.shop.customer, {"score": -1}, 422, "score"),
        (world.shop.customer, {"score": 9, "tags": ["不存在的标签"]}, 422, "tags[0]"),
        (world.shop.customer, {"score": 9, "photo_ids": [999999]}, 422, "photo_ids[0]"),
    ]
    for headers, body, status, field in cases:
        response = await world.answer(headers, order["id"], **body)
        assert response.status_code == status, (body, response.text)
        assert response.json()["field"] == field, response.json()
        assert response.json()["message"]
    assert not await FeedbackAnswer.exists(order_id=order["id"])
    assert (await FeedbackRequest.get(order_id=order["id"])).status == RequestStatus.PENDING
    # An order of theirs not yet open for feedback (the delay has not passed).
    fresh = await world.received_order()
    early = await world.answer(world.shop.customer, fresh["id"])
    assert early.status_code == 422 and early.json()["field"] == "order_id"


async def test_tenants_are_isolated(world):
    order = await world.received_order()
    await world.asked(order["id"])
    other = await make_shop(world.client, name="别的店")
    # Shop B's customer cannot read or answer shop A's order; shop B's staff see none of A's answers.
    assert (await world.client.get(f"/api/shop/feedback/orders/{order['id']}", headers=other.customer)).status_code == 404
    assert (await world.answer(other.customer, order["id"])).status_code == 404
    assert (await world.client.get("/api/shop/feedback/prompt", headers=other.customer)).json()["request"] is None
    assert (await world.answer(world.shop.customer, order["id"], score=2)).status_code == 201
    summary_b = (await world.client.get("/api/admin/feedback/summary", headers=other.owner)).json()
    assert summary_b["answers"] == 0
    assert (await world.client.get("/api/admin/feedback/answers", headers=other.owner)).json() == {"items": [], "total": 0}
    listed = (await world.client.get("/api/admin/feedback/answers", headers=world.shop.owner)).json()
    assert listed["total"] == 1 and listed["items"][0]["order_no"] == order["order_no"]


async def test_low_scores_go_to_the_shops_webhooks_and_figures_add_up(world, monkeypatch):
    hooked = await world.client.post(
        "/api/admin/webhooks", json={"url": "http://127.0.0.1:9/hook", "events": ["feedback.low_score"]}, headers=world.shop.owner
    )
    if hooked.status_code == 422 and hooked.json()["field"] == "url":  # private targets refused in this configuration
        settings = world.client.app.state.settings
        monkeypatch.setattr(settings, "webhook_allow_private_targets", True, raising=False)
        hooked = await world.client.post(
            "/api/admin/webhooks", json={"url": "http://127.0.0.1:9/hook", "events": ["feedback.low_score"]}, headers=world.shop.owner
        )
    assert hooked.status_code == 201, hooked.text
    unknown = await world.client.post("/api/admin/webhooks", json={"url": "http://127.0.0.1:9/x", "events": ["feedback.nope"]}, headers=world.shop.owner)
    assert unknown.status_code == 422 and unknown.json()["field"] == "events"
    scores = [10, 9, 7, 6, 2]
    for score in scores:
        order = await world.received_order()
        await world.asked(order["id"])
        tags = ["物流快"] if score >= 9 else ["包装好"]
        assert (await world.answer(world.shop.customer, order["id"], score=score, tags=tags)).status_code == 201
    deliveries = await WebhookDelivery.filter(shop_id=world.shop.shop_id, event="feedback.low_score").order_by("id")
    assert [delivery.payload["score"] for delivery in deliveries] == [6, 2]
    summary = (await world.client.get("/api/admin/feedback/summary?days=7", headers=world.shop.owner)).json()
    assert summary["answers"] == 5 and (summary["promoters"], summary["passives"], summary["detractors"]) == (2, 1, 2)
    assert summary["nps"] == 0.0
    assert summary["trend"][-1]["answers"] == 5 and len(summary["trend"]) == 7
    assert summary["tags"] == [{"tag": "包装好", "count": 3}, {"tag": "物流快", "count": 2}]
    low = (await world.client.get("/api/admin/feedback/answers?max_score=6", headers=world.shop.owner)).json()
    assert [item["score"] for item in low["items"]] == [2, 6]
