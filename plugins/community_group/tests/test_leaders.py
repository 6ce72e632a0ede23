"""Leader applications, staff review, and the nearest-first pickup point list."""

from __future__ import annotations

from core.testing import customer_login, unique
from plugins.community_group.services import distance_m
from plugins.community_group.tests.conftest import PEOPLES_SQUARE, POINTS, apply_body, make_leader

APPLY = "/api/shop/community_group/leader-application"
LEADERS = "/api/admin/community_group/leaders"


async def test_apply_review_and_apply_again_after_rejection(client, shop):
    headers, customer_id = await customer_login(client, shop.shop_id, unique("applicant"))
    none_yet = await client.get(APPLY, headers=headers)
    assert none_yet.status_code == 200 and none_yet.json() is None
    applied = await client.post(APPLY, json=apply_body("李团长"), headers=headers)
    assert applied.status_code == 201, applied.text
    leader = applied.json()
    assert leader["status"] == "pending" and leader["customer_id"] == customer_id
    assert leader["pickup_point"]["opening_hours"] == "每天 08:00-21:00"
    again = await client.post(APPLY, json=apply_body("李团长"), headers=headers)
    assert again.status_code == 409 and again.json()["message"] == "申请正在审核中"

    pending = (await client.get(f"{LEADERS}?status=pending", headers=shop.owner)).json()
    assert [row["id"] for row in pending] == [leader["id"]]
    rejected = await client.post(f"{LEADERS}/{leader['id']}/reject", json={"note": "地址不清楚"}, headers=shop.owner)
    assert rejected.status_code == 201 and rejected.json()["status"] == "rejected"
    twice = await client.post(f"{LEADERS}/{leader['id']}/approve", json={}, headers=shop.owner)
    assert twice.status_code == 409
    mine = (await client.get(APPLY, headers=headers)).json()
    assert mine["status"] == "rejected" and mine["review_note"] == "地址不清楚"

    reapplied = await client.post(APPLY, json=apply_body("李团长", name="新地址便利店"), headers=headers)
    assert reapplied.status_code == 201 and reapplied.json()["status"] == "pending"
    assert reapplied.json()["id"] == leader["id"] and reapplied.json()["pickup_point"]["name"] == "新地址便利店"
    approved = await client.post(f"{LEADERS}/{leader['id']}/approve", json={}, headers=shop.owner)
    assert approved.json()["status"] == "approved" and approved.json()["commission_bp"] == 500  # the shop default
    assert (await client.post(APPLY, json=apply_body(), headers=headers)).json()["message"] == "您已经是团长"
    rate = await client.put(f"{LEADERS}/{leader['id']}/commission", json={"commission_bp": 800}, headers=shop.owner)
    assert rate.status_code == 200 and rate.json()["commission_bp"] == 800


async def test_bad_applications_name_the_field(client, shop):
    cases = [
        (apply_body(latitude=91), "latitude"),
        (apply_body(longitude=-180.5), "longitude"),
        ({**apply_body(), "phone": "call me"}, "phone"),
        ({**apply_body(), "pickup_point": {**apply_body()["pickup_point"], "opening_hours": ""}}, "opening_hours"),
        ({**apply_body(), "pickup_point": {**apply_body()["pickup_point"], "latitude": "nan"}}, "latitude"),
        ({k: v for k, v in apply_body().items() if k != "pickup_point"}, "pickup_point"),
    ]
    for body, field in cases:
        response = await client.post(APPLY, json=body, headers=shop.customer)
        assert response.status_code == 422, (body, response.text)
        assert field in (response.json().get("field") or ""), (field, response.json())
    assert (await client.get(APPLY, headers=shop.customer)).json() is None  # nothing half-written


async def test_roles_are_enforced(client, shop):
    assert (await client.get(LEADERS, headers=shop.customer)).status_code == 403
    assert (await client.post(APPLY, json=apply_body(), headers=shop.owner)).status_code == 403
    # a customer who is not an approved leader cannot use the leader routes
    assert (await client.get("/api/shop/community_group/leader/orders", headers=shop.customer)).status_code == 403
    pending = await make_leader(client, shop, approve=False)
    assert (await client.post("/api/shop/community_group/leader/verify", json={"code": "0123456789"}, headers=pending.headers)).status_code == 403


def test_haversine_matches_known_distances():
    assert distance_m(*PEOPLES_SQUARE, *PEOPLES_SQUARE) == 0
    assert 1_060_000 < distance_m(*PEOPLES_SQUARE, *POINTS["beijing"]) < 1_075_000  # Shanghai–Beijing ≈ 1,067 km
    assert distance_m(0, 179.9, 0, -179.9) < 23_000  # across the antimeridian, not around the world


async def test_pickup_points_are_listed_nearest_first(client, shop):
    made = {name: await make_leader(client, shop, f"{name}团长", name=f"{name}自提点", latitude=lat, longitude=lng) for name, (lat, lng) in POINTS.items()}
    await make_leader(client, shop, "待审核", approve=False, latitude=31.2304, longitude=121.4737)  # not open yet
    lat, lng = PEOPLES_SQUARE
    found = (await client.get(f"/api/shop/community_group/pickup-points?latitude={lat}&longitude={lng}", headers=shop.customer)).json()
    assert [row["id"] for row in found] == [made["near"].point_id, made["mid"].point_id, made["beijing"].point_id]
    assert found[0]["distance_m"] < 100 and 1000 < found[1]["distance_m"] < 1500 and found[0]["leader_name"] == "n*****"  # masked for customers
    nearest = (await client.get(f"/api/shop/community_group/pickup-points?latitude=39.9&longitude=116.4&limit=1", headers=shop.customer)).json()
    assert [row["id"] for row in nearest] == [made["beijing"].point_id]
    anywhere = (await client.get("/api/shop/community_group/pickup-points", headers=shop.customer)).json()
    assert len(anywhere) == 3 and all(row["distance_m"] is None for row in anywhere)


async def test_bad_coordinates_are_refused(client, shop):
    base = "/api/shop/community_group/pickup-points"
    for query in ("latitude=91&longitude=0", "latitude=0&longitude=181", "latitude=abc&longitude=0", "limit=0"):
        response = await client.get(f"{base}?{query}", headers=shop.customer)
        assert response.status_code in (400, 422), (query, response.text)
    half = await client.get(f"{base}?latitude=31.2", headers=shop.customer)
    assert half.status_code == 422 and half.json()["field"] == "longitude"


async def test_racing_first_applications_make_one_leader(client, shop):
    from core.testing import race_same_customer
    from plugins.community_group.models import Leader

    outcome = await race_same_customer(lambda: client.post(APPLY, json=apply_body(), headers=shop.customer))
    outcome.assert_winners(1)
    assert await Leader.filter(shop_id=shop.shop_id, customer_id=shop.customer_id).count() == 1
