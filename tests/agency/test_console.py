"""The agency console over HTTP: isolation, commission rates, shops from templates, owner
invitations, entering shops, statements."""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta

from openpyxl import load_workbook

from builder.models import PageConfigVersion, VersionStatus
from builder.versions import seed_starter
from core import clock
from core.accounts.models import StaffMembership, StaffRole
from core.agency.models import OutboxMail, OwnerInvitation, ShopCommission
from core.shop_plugins.models import ShopPlugin
from core.shops.models import Shop
from core.shops.services import create_shop
from core.testing import TEST_PASSWORD, add_staff, make_shop, staff_login, unique
from core.trade.models import Order
from tests.agency.helpers import completed_order

EN = {"Accept-Language": "en"}


async def test_console_is_for_agency_staff_and_shows_only_their_shops(kaidian_client, shop):
    other = await make_shop(kaidian_client, name="别家")
    mine = (await kaidian_client.get("/api/agency/shops", headers=shop.owner)).json()
    assert [row["id"] for row in mine] == [shop.shop_id]
    assert mine[0]["today"] == {"gmv_fen": 0, "orders": 0, "commission_fen": 0}
    # shop staff never see the console
    operator = await add_staff(kaidian_client, shop, StaffRole.OWNER)
    refused = await kaidian_client.get("/api/agency/shops", headers={**operator, **EN})
    assert refused.status_code == 403 and refused.json()["code"] == "agency_only"
    # another agency's shop is unknown to every console route
    for method, url, body in (
        ("put", f"/api/agency/shops/{other.shop_id}/commission", {"rate_bp": 100}),
        ("get", f"/api/agency/shops/{other.shop_id}/ledger", None),
        ("get", f"/api/agency/shops/{other.shop_id}/statements/2026-04", None),
        ("get", f"/api/agency/shops/{other.shop_id}/statements/2026-04/xlsx", None),
        ("post", f"/api/agency/shops/{other.shop_id}/invitations", {"email": "x@example.com"}),
        ("post", "/api/admin/auth/switch-shop", {"shop_id": other.shop_id}),
    ):
        kwargs = {"json": body} if body is not None else {}
        answer = await kaidian_client.request(method.upper(), url, headers=shop.owner, **kwargs)
        assert answer.status_code == 404, (url, answer.text)
    assert not await ShopCommission.exists(shop_id=other.shop_id)


async def test_rate_outside_0_to_10000_is_422_naming_rate_bp_and_nothing_written(kaidian_client, shop):
    url = f"/api/agency/shops/{shop.shop_id}/commission"
    for bad in (-1, 10_001, 2.5, True, None, "abc"):
        answer = await kaidian_client.put(url, json={"rate_bp": bad}, headers={**shop.owner, **EN})
        assert answer.status_code == 422, (bad, answer.text)
        assert answer.json()["field"] == "rate_bp"
    assert not await ShopCommission.exists(shop_id=shop.shop_id)
    good = await kaidian_client.put(url, json={"rate_bp": 350}, headers=shop.owner)
    assert good.status_code == 200 and good.json() == {"shop_id": shop.shop_id, "rate_bp": 350}
    listed = (await kaidian_client.get("/api/agency/shops", headers=shop.owner)).json()
    assert listed[0]["rate_bp"] == 350


async def test_shop_from_template_copies_configuration_never_customers_and_invites_its_owner(kaidian_client, shop):
    app = kaidian_client.app
    base_url = app.state.settings.public_base_url
    await seed_starter(shop.shop_id, base_url)
    starter = await PageConfigVersion.get(shop_id=shop.shop_id, number=1)
    themed = {**starter.config, "app": {**starter.config["app"], "theme": "fresh"}}
    await PageConfigVersion.create(shop_id=shop.shop_id, number=2, status=VersionStatus.PUBLISHED, config=themed)
    await ShopPlugin.create(shop_id=shop.shop_id, plugin="coupons", enabled=False, settings={})
    await ShopPlugin.create(shop_id=shop.shop_id, plugin="points", enabled=True, settings={"yuan_per_point": 2})
    await kaidian_client.put(f"/api/agency/shops/{shop.shop_id}/commission", json={"rate_bp": 600}, headers=shop.owner)
    await completed_order(shop.shop_id, shop.customer_id, 1_000, clock.now() - timedelta(days=1))

    slug = unique("copy")
    created = await kaidian_client.post(
        "/api/agency/shops",
        json={"name": "分店", "slug": slug, "template_shop_id": shop.shop_id, "owner_email": "Boss@Example.com"},
        headers=shop.owner,
    )
    assert created.status_code == 201, created.text
    body = created.json()
    assert {"plugins", "commission_rate", "page_config", "theme"} <= set(body["copied"])
    new_id = body["id"]
    states = {row.plugin: (row.enabled, row.settings) for row in await ShopPlugin.filter(shop_id=new_id)}
    assert states == {"coupons": (False, {}), "points": (True, {"yuan_per_point": 2})}
    (version,) = await PageConfigVersion.filter(shop_id=new_id)
    assert version.status == VersionStatus.PUBLISHED and version.config["app"]["theme"] == "fresh"
    assert version.config["app"]["api"]["shop_id"] == new_id and version.config["app"]["name"] == "分店"
    assert (await ShopCommission.get(shop_id=new_id)).rate_bp == 600
    assert not await Order.exists(shop_id=new_id)  # never orders (nor customers: the shop has none)
    from core.accounts.models import Customer

    assert not await Customer.exists(shop_id=new_id)

    # the owner's one-time link, from the sandbox outbox
    mail = await OutboxMail.filter(to_address="boss@example.com").order_by("-id").first()
    token = re.search(r"#/invitation/([\w-]+)", mail.body)[1]
    preview = await kaidian_client.get(f"/api/invitations/{token}")
    assert preview.json()["shop_name"] == "分店" and preview.json()["has_account"] is False
    accepted = await kaidian_client.post(f"/api/invitations/{token}/accept", json={"password": "boss-password-1", "display_name": "老板"})
    assert accepted.status_code == 204, accepted.text
    again = await kaidian_client.post(f"/api/invitations/{token}/accept", json={"password": "boss-password-2"}, headers=EN)
    assert again.status_code == 410 and again.json()["code"] == "invitation_gone"
    boss = await staff_login(kaidian_client, "boss@example.com", "boss-password-1")
    assert (await kaidian_client.get("/api/admin/shop", headers=boss)).json()["id"] == new_id
    # the invited owner is shop staff: no console
    assert (await kaidian_client.get("/api/agency/shops", headers=boss)).status_code == 403


async def test_template_of_another_agency_is_422_naming_the_field_and_nothing_written(kaidian_client, shop):
    other = await make_shop(kaidian_client, name="别家")
    slug = unique("stolen")
    answer = await kaidian_client.post(
        "/api/agency/shops",
        json={"name": "偷", "slug": slug, "template_shop_id": other.shop_id, "owner_email": "a@example.com"},
        headers={**shop.owner, **EN},
    )
    assert answer.status_code == 422, answer.text
    assert answer.json()["field"] == "template_shop_id"
    assert not await Shop.exists(slug=slug)
    assert not await OutboxMail.exists(to_address="a@example.com")
    # a taken slug rolls the copy back whole as well
    taken = await kaidian_client.post(
        "/api/agency/shops", json={"name": "重名", "slug": (await Shop.get(id=shop.shop_id)).slug, "template_shop_id": shop.shop_id}, headers=shop.owner
    )
    assert taken.status_code == 409 and taken.json()["field"] == "slug"


async def test_expired_invitation_is_gone(kaidian_client, shop):
    sent = await kaidian_client.post(f"/api/agency/shops/{shop.shop_id}/invitations", json={"email": "late@example.com"}, headers=shop.owner)
    assert sent.status_code == 201, sent.text
    await OwnerInvitation.filter(id=sent.json()["id"]).update(expires_at=clock.now() - timedelta(seconds=1))
    mail = await OutboxMail.filter(to_address="late@example.com").first()
    token = re.search(r"#/invitation/([\w-]+)", mail.body)[1]
    assert (await kaidian_client.get(f"/api/invitations/{token}")).status_code == 410
    assert (await kaidian_client.post(f"/api/invitations/{token}/accept", json={"password": "late-password-1"})).status_code == 410
    assert not await StaffMembership.filter(shop_id=shop.shop_id, staff__email="late@example.com").exists()


async def test_agency_staff_enter_any_shop_of_their_agency(kaidian_client, shop):
    unmanned = await create_shop(agency_id=shop.agency_id, name="无人店", slug=unique("unmanned"))
    switched = await kaidian_client.post("/api/admin/auth/switch-shop", json={"shop_id": unmanned.id}, headers=shop.owner)
    assert switched.status_code == 201, switched.text
    assert switched.json()["shop_id"] == unmanned.id and switched.json()["role"] == "owner"
    headers = {"Authorization": f"Bearer {switched.json()['access_token']}"}
    assert (await kaidian_client.get("/api/admin/shop", headers=headers)).json()["name"] == "无人店"


async def test_statement_downloads(kaidian_client, shop):
    from core.agency import commission

    await kaidian_client.put(f"/api/agency/shops/{shop.shop_id}/commission", json={"rate_bp": 500}, headers=shop.owner)
    completed = clock.now() - timedelta(days=8)
    order = await completed_order(shop.shop_id, shop.customer_id, 12_345, completed)
    await commission.settle_due(7)
    month = commission.clock.now().astimezone(__import__("zoneinfo").ZoneInfo("Asia/Shanghai")).strftime("%Y-%m")
    url = f"/api/agency/shops/{shop.shop_id}/statements/{month}"
    as_csv = await kaidian_client.get(url, headers=shop.owner)
    assert as_csv.status_code == 200 and as_csv.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(as_csv.content.decode("utf-8-sig"))))
    assert rows[2][1] == order.order_no and rows[-1][4:] == ["12345", "0", "617", "11728"]
    as_xlsx = await kaidian_client.get(f"{url}/xlsx", headers=shop.owner)
    sheet = load_workbook(io.BytesIO(as_xlsx.content)).active
    assert [cell.value for cell in list(sheet.iter_rows())[-1]][4:] == [12_345, 0, 617, 11_728]
    bad = await kaidian_client.get(f"/api/agency/shops/{shop.shop_id}/statements/0000-01", headers=shop.owner)
    assert bad.status_code == 422 and bad.json()["field"] == "month"
    listed = (await kaidian_client.get("/api/agency/shops", headers=shop.owner)).json()
    assert listed[0]["month"]["commission_fen"] == 617 and listed[0]["today"]["commission_fen"] == 617
    ledger = (await kaidian_client.get(f"/api/agency/shops/{shop.shop_id}/ledger", headers=shop.owner)).json()
    assert [(row["kind"], row["amount_fen"]) for row in ledger] == [("charge", 617)]


async def test_an_invitation_for_a_shop_with_a_long_name_is_sent(kaidian_client, shop):
    # The subject names the shop twice; a long name made it overflow its column (a 500).
    await Shop.filter(id=shop.shop_id).update(name="长" * 100)
    sent = await kaidian_client.post(f"/api/agency/shops/{shop.shop_id}/invitations", json={"email": "long@example.com"}, headers=shop.owner)
    assert sent.status_code == 201, sent.text
    mail = await OutboxMail.get(to_address="long@example.com")
    assert len(mail.subject) == 200 and mail.subject.endswith("…") and mail.body.count("长" * 100) == 2
