"""Share links: a customer or staff member shares a claimable template, others claim through
the link within the template's quantity, per-customer limit and validity, and each claim is
credited to the sharer."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from core.accounts.models import StaffRole
from core.testing import add_staff, assert_other_shop_gets_404, customer_login, unique
from plugins.coupons.models import Coupon, CouponShare, CouponTemplate

TEMPLATES = "/api/admin/coupons/templates"


async def _share(client, shop, template) -> dict:
    response = await client.post(f"/api/shop/coupons/templates/{template['id']}/share", headers=shop.customer)
    assert response.status_code == 201, response.text
    return response.json()


async def test_a_customer_shares_and_a_friend_claims_through_the_link(kaidian_client, shop, make_template):
    template = await make_template(shop, total_quantity=5)
    await kaidian_client.patch(f"/api/shop/me", json={"nickname": "小美"}, headers=shop.customer)
    link = await _share(kaidian_client, shop, template)
    assert link["sharer_kind"] == "customer" and link["sharer_id"] == shop.customer_id and link["claims"] == 0
    assert len(link["code"]) >= 12
    assert (await _share(kaidian_client, shop, template))["code"] == link["code"]  # one link per sharer

    friend, friend_id = await customer_login(kaidian_client, shop.shop_id, unique("friend"))
    offer = (await kaidian_client.get(f"/api/shop/coupons/shares/{link['code']}", headers=friend)).json()
    assert offer["sharer_name"] == "小美" and offer["coupon"]["id"] == template["id"] and offer["coupon"]["can_claim"] is True
    claimed = await kaidian_client.post(f"/api/shop/coupons/shares/{link['code']}/claim", headers=friend)
    assert claimed.status_code == 201, claimed.text
    assert claimed.json()["source"] == "share"
    coupon = await Coupon.get(id=claimed.json()["id"])
    assert coupon.customer_id == friend_id and coupon.share_id == link["id"]  # type: ignore[attr-defined]

    # the per-customer limit holds through a link as in the claim centre
    again = await kaidian_client.post(f"/api/shop/coupons/shares/{link['code']}/claim", headers={**friend, "Accept-Language": "en"})
    assert again.status_code == 409 and again.json()["message"] == "you have reached the limit for this coupon"
    offer = (await kaidian_client.get(f"/api/shop/coupons/shares/{link['code']}", headers=friend)).json()
    assert offer["coupon"]["can_claim"] is False and offer["coupon"]["claimed"] == 1

    shares = (await kaidian_client.get(f"{TEMPLATES}/{template['id']}/shares", headers=shop.owner)).json()
    assert [(row["sharer_name"], row["claims"]) for row in shares] == [("小美", 1)]
    assert (await kaidian_client.get(f"/api/shop/coupons/shares/nope-{link['code']}", headers=friend)).status_code == 404


async def test_staff_share_links_are_tracked_per_staff_member(kaidian_client, shop, make_template):
    template = await make_template(shop)
    operator = await add_staff(kaidian_client, shop, StaffRole.OPERATOR)
    by_owner = (await kaidian_client.post(f"{TEMPLATES}/{template['id']}/shares", headers=shop.owner)).json()
    by_operator = (await kaidian_client.post(f"{TEMPLATES}/{template['id']}/shares", headers=operator)).json()
    assert by_owner["sharer_kind"] == "staff" and by_owner["sharer_name"] == "店主"
    assert by_owner["code"] != by_operator["code"]
    service = await add_staff(kaidian_client, shop, StaffRole.CUSTOMER_SERVICE)
    assert (await kaidian_client.post(f"{TEMPLATES}/{template['id']}/shares", headers=service)).status_code == 403
    claimed = await kaidian_client.post(f"/api/shop/coupons/shares/{by_operator['code']}/claim", headers=shop.customer)
    assert claimed.status_code == 201
    shares = (await kaidian_client.get(f"{TEMPLATES}/{template['id']}/shares", headers=shop.owner)).json()
    assert [(row["code"], row["claims"]) for row in shares] == [(by_operator["code"], 1), (by_owner["code"], 0)]


async def test_links_respect_claimability_window_validity_and_stock(kaidian_client, shop, make_template):
    hidden = await make_template(shop, claimable=False)
    response = await kaidian_client.post(f"/api/shop/coupons/templates/{hidden['id']}/share", headers=shop.customer)
    assert response.status_code == 404
    later = await make_template(shop, claim_starts_at=(datetime.now(UTC) + timedelta(hours=1)).isoformat())
    response = await kaidian_client.post(f"/api/shop/coupons/templates/{later['id']}/share", headers=shop.customer)
    assert response.status_code == 409 and response.json()["message"] == "尚未开始领取"

    template = await make_template(shop, total_quantity=1)
    link = await _share(kaidian_client, shop, template)
    first, _ = await customer_login(kaidian_client, shop.shop_id, unique("first"))
    second, _ = await customer_login(kaidian_client, shop.shop_id, unique("second"))
    assert (await kaidian_client.post(f"/api/shop/coupons/shares/{link['code']}/claim", headers=first)).status_code == 201
    sold_out = await kaidian_client.post(f"/api/shop/coupons/shares/{link['code']}/claim", headers=second)
    assert sold_out.status_code == 409 and sold_out.json()["message"] == "优惠券已领完"

    expiring = await make_template(shop)
    link = await _share(kaidian_client, shop, expiring)
    await CouponTemplate.filter(id=expiring["id"]).update(valid_until=datetime.now(UTC) - timedelta(minutes=1))
    expired = await kaidian_client.post(f"/api/shop/coupons/shares/{link['code']}/claim", headers=second)
    assert expired.status_code == 409 and expired.json()["message"] == "已过期"
    stopped = await make_template(shop)
    link = await _share(kaidian_client, shop, stopped)
    await kaidian_client.patch(f"{TEMPLATES}/{stopped['id']}", json={"claimable": False}, headers=shop.owner)
    offer = (await kaidian_client.get(f"/api/shop/coupons/shares/{link['code']}", headers=second)).json()
    assert offer["coupon"]["can_claim"] is False
    assert (await kaidian_client.post(f"/api/shop/coupons/shares/{link['code']}/claim", headers=second)).status_code == 409


async def test_racing_claims_through_one_link_never_exceed_the_total(kaidian_client, shop, make_template):
    from core.accounts.models import Customer
    from core.errors import Conflict
    from plugins.coupons import services

    template = await make_template(shop, total_quantity=5)
    link = await _share(kaidian_client, shop, template)
    await Customer.bulk_create([Customer(shop_id=shop.shop_id, openid=unique("o")) for _ in range(30)])
    customers = await Customer.filter(shop_id=shop.shop_id).order_by("-id").limit(30).values_list("id", flat=True)
    now = datetime.now(UTC)
    results = await asyncio.gather(
        *(services.claim_through_share(shop.shop_id, link["code"], customer, now) for customer in customers), return_exceptions=True
    )
    assert not [r for r in results if isinstance(r, BaseException) and not isinstance(r, Conflict)]
    assert sum(isinstance(r, Coupon) for r in results) == 5
    assert (await CouponShare.get(id=link["id"])).claims == 5
    assert (await CouponTemplate.get(id=template["id"])).issued_count == 5


async def test_share_routes_are_shop_scoped(kaidian_client, two_shops, make_template):
    a, b = two_shops
    template = await make_template(a)
    link = await _share(kaidian_client, a, template)
    await assert_other_shop_gets_404(
        kaidian_client,
        [
            ("POST", f"/api/shop/coupons/templates/{template['id']}/share", None),
            ("GET", f"/api/shop/coupons/shares/{link['code']}", None),
            ("POST", f"/api/shop/coupons/shares/{link['code']}/claim", None),
        ],
        b.customer,
    )
    await assert_other_shop_gets_404(
        kaidian_client,
        [("POST", f"{TEMPLATES}/{template['id']}/shares", None), ("GET", f"{TEMPLATES}/{template['id']}/shares", None)],
        b.owner,
    )
    assert await Coupon.filter(template_id=template["id"]).count() == 0
