"""Tiers: CRUD by owners and operators, a ladder whose thresholds rise strictly with the
level, validation naming the field, and shop isolation on every admin route."""

from __future__ import annotations

from core.accounts.models import StaffRole
from core.testing import add_staff, assert_other_shop_gets_404
from plugins.membership.tests.conftest import TIERS, tier_body


async def test_tiers_are_listed_by_level_with_their_benefits(kaidian_client, shop, ladder):
    silver, gold = await ladder(shop)
    assert silver["benefits"] == [{"zh-CN": "全场9.5折", "en": "5% off everything"}]
    assert gold["benefits"] == [{"zh-CN": "全场9折", "en": "10% off everything"}, {"zh-CN": "包邮", "en": "free shipping"}]
    listed = (await kaidian_client.get(TIERS, headers=shop.owner)).json()
    assert [t["name"] for t in listed] == ["银卡", "金卡"]
    seen_by_customer = (await kaidian_client.get("/api/shop/membership/tiers", headers=shop.customer)).json()
    assert [t["threshold"] for t in seen_by_customer] == [100, 1000]


async def test_bad_tiers_are_refused_naming_the_field(kaidian_client, shop, ladder):
    await ladder(shop)
    cases = [
        (tier_body(level=3, name="铂金", threshold=1000), "threshold"),  # not above 金卡
        (tier_body(level=3, name="铂金", threshold=500), "threshold"),  # below a lower level's
        (tier_body(level=0, name="x", threshold=5000), "level"),
        (tier_body(level=2, name="x", threshold=5000), "level"),  # level taken
        (tier_body(level=3, name="金卡", threshold=5000), "name"),
        (tier_body(level=3, name="铂金", threshold=5000, discount_percent=0), "discount_percent"),
        (tier_body(level=3, name="铂金", threshold=5000, discount_percent=101), "discount_percent"),
        (tier_body(level=3, name="铂金", threshold=-1), "threshold"),
        (tier_body(level=3, name="", threshold=5000), "name"),
        (tier_body(level=3, name="铂金", threshold=5000, surprise=1), "surprise"),
    ]
    for body, field in cases:
        response = await kaidian_client.post(TIERS, json=body, headers=shop.owner)
        assert response.status_code == 422, (body, response.text)
        assert field in (response.json().get("field") or ""), (body, response.json())
    english = await kaidian_client.post(TIERS, json=tier_body(level=3, name="铂金", threshold=10), headers={**shop.owner, "Accept-Language": "en"})
    assert english.json()["message"] == "thresholds must strictly increase with the level (金卡: 1000)"
    assert len((await kaidian_client.get(TIERS, headers=shop.owner)).json()) == 2


async def test_update_and_delete_keep_the_ladder_valid(kaidian_client, shop, ladder):
    silver, gold = await ladder(shop)
    path = f"{TIERS}/{silver['id']}"
    too_high = await kaidian_client.patch(path, json={"threshold": 1000}, headers=shop.owner)
    assert too_high.status_code == 422 and too_high.json()["field"] == "threshold"
    changed = await kaidian_client.patch(path, json={"threshold": 200, "discount_percent": None, "free_shipping": True}, headers=shop.owner)
    assert changed.status_code == 200, changed.text
    assert changed.json()["threshold"] == 200 and changed.json()["discount_percent"] is None
    assert changed.json()["benefits"] == [{"zh-CN": "包邮", "en": "free shipping"}]
    assert (await kaidian_client.delete(f"{TIERS}/{gold['id']}", headers=shop.owner)).status_code == 204
    assert (await kaidian_client.get(f"{TIERS}/{gold['id']}", headers=shop.owner)).status_code == 404


async def test_operators_manage_tiers_customer_service_and_customers_cannot(kaidian_client, shop):
    operator = await add_staff(kaidian_client, shop, StaffRole.OPERATOR)
    assert (await kaidian_client.post(TIERS, json=tier_body(), headers=operator)).status_code == 201
    service = await add_staff(kaidian_client, shop, StaffRole.CUSTOMER_SERVICE)
    assert (await kaidian_client.post(TIERS, json=tier_body(level=2, name="金卡", threshold=900), headers=service)).status_code == 403
    assert (await kaidian_client.get(TIERS, headers=service)).status_code == 200
    assert (await kaidian_client.post(TIERS, json=tier_body(), headers=shop.customer)).status_code == 403


async def test_a_birthday_coupon_must_be_a_template_of_the_shop(kaidian_client, two_shops):
    a, b = two_shops
    from plugins.coupons.tests.conftest import template_body

    template = (await kaidian_client.post("/api/admin/coupons/templates", json=template_body(), headers=a.owner)).json()
    made = await kaidian_client.post(TIERS, json=tier_body(birthday_template_id=template["id"]), headers=a.owner)
    assert made.status_code == 201 and {"zh-CN": "生日礼券", "en": "a birthday coupon"} in made.json()["benefits"]
    foreign = await kaidian_client.post(TIERS, json=tier_body(birthday_template_id=template["id"]), headers=b.owner)
    assert foreign.status_code == 422 and foreign.json()["field"] == "birthday_template_id"
    # without the coupons plugin enabled there is no birthday coupon to give
    await kaidian_client.put("/api/admin/plugins/coupons", json={"enabled": False}, headers=b.owner)
    own = (await kaidian_client.post("/api/admin/coupons/templates", json=template_body(), headers=a.owner)).json()
    refused = await kaidian_client.post(TIERS, json=tier_body(birthday_template_id=own["id"]), headers=b.owner)
    assert refused.status_code == 422 and refused.json()["message"] == "生日券需要启用优惠券插件"


async def test_admin_routes_are_shop_scoped(kaidian_client, two_shops, make_tier):
    a, b = two_shops
    tier = await make_tier(a)
    await assert_other_shop_gets_404(
        kaidian_client,
        [
            ("GET", f"{TIERS}/{tier['id']}", None),
            ("PATCH", f"{TIERS}/{tier['id']}", {"name": "hijack"}),
            ("DELETE", f"{TIERS}/{tier['id']}", None),
            ("GET", f"/api/admin/membership/members/{a.customer_id}", None),
        ],
        b.owner,
    )
    assert (await kaidian_client.get(TIERS, headers=b.owner)).json() == []
    # B may reuse A's level and threshold: ladders are per shop
    assert (await kaidian_client.post(TIERS, json=tier_body(), headers=b.owner)).status_code == 201
    assert (await kaidian_client.get(f"{TIERS}/{tier['id']}", headers=a.owner)).json()["name"] == "银卡"


async def test_routes_answer_404_when_the_shop_disables_the_plugin(kaidian_client, shop):
    response = await kaidian_client.put("/api/admin/plugins/membership", json={"enabled": False}, headers=shop.owner)
    assert response.status_code == 200, response.text
    assert (await kaidian_client.get(TIERS, headers=shop.owner)).status_code == 404
    assert (await kaidian_client.get("/api/shop/membership/me", headers=shop.customer)).status_code == 404
