"""Staff login and roles, customer login, encrypted phone numbers and addresses."""

from __future__ import annotations

from core.accounts.models import Customer, CustomerAddress, StaffRole
from core.testing import TEST_PASSWORD, add_staff, customer_login, staff_login, unique


async def test_staff_login_returns_token_for_first_shop(kaidian_client, shop):
    response = await kaidian_client.post(
        "/api/admin/auth/login", json={"email": shop.owner_email, "password": TEST_PASSWORD}
    )
    assert response.status_code == 201
    body = response.json()
    assert body["shop_id"] == shop.shop_id and body["role"] == "owner"
    me = await kaidian_client.get("/api/admin/auth/me", headers={"Authorization": f"Bearer {body['access_token']}"})
    assert me.json()["email"] == shop.owner_email


async def test_wrong_password_is_401_naming_the_field(kaidian_client, shop):
    response = await kaidian_client.post(
        "/api/admin/auth/login",
        json={"email": shop.owner_email, "password": "nope-nope"},
        headers={"Accept-Language": "en"},
    )
    assert response.status_code == 401
    assert response.json() == {"code": "login_failed", "message": "Wrong email or password", "field": "password"}
    unknown = await kaidian_client.post("/api/admin/auth/login", json={"email": "x@y.zz", "password": "whatever1"})
    assert unknown.status_code == 401 and unknown.json()["message"] == "账号或密码错误"


def client_from(app, address: str):
    import httpx

    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app, client=(address, 40000)), base_url="http://testserver.local")


async def test_staff_logins_are_throttled_per_account_and_per_address(kaidian_client, shop, caplog):
    import logging

    app = kaidian_client.app
    login = "/api/admin/auth/login"
    english = {"Accept-Language": "en"}
    async with client_from(app, "203.0.113.7") as attacker, client_from(app, "198.51.100.2") as office:
        for _ in range(5):
            wrong = await attacker.post(login, json={"email": shop.owner_email, "password": "guess-guess"})
            assert wrong.status_code == 401
        with caplog.at_level(logging.WARNING, logger="kaidian.accounts.login"):
            locked = await attacker.post(login, json={"email": shop.owner_email.upper(), "password": TEST_PASSWORD}, headers=english)
        # Locked: even the right password is refused, and the answer says for how long.
        assert locked.status_code == 429, locked.text
        assert locked.json() == {"code": "login_locked", "field": "email", "message": "Too many failed logins; try again in 15 minutes"}
        assert 800 < int(locked.headers["Retry-After"]) <= 900
        # The account is locked from every address (the guesser may rotate addresses)...
        assert (await office.post(login, json={"email": shop.owner_email, "password": TEST_PASSWORD})).status_code == 429
        assert "locked for 15 minutes after 5 failures: account" in caplog.text
        # ...other accounts are not, and successful logins never count.
        from core.accounts.services import create_staff, grant_role

        operator_email = f"{unique('operator')}@example.com"
        operator = await create_staff(agency_id=shop.agency_id, email=operator_email, password=TEST_PASSWORD, display_name="运营")
        await grant_role(operator.id, shop.shop_id, StaffRole.OPERATOR)
        for _ in range(6):
            assert (await attacker.post(login, json={"email": operator_email, "password": TEST_PASSWORD})).status_code == 201

        # Per address: 30 failures across many accounts lock the address, whatever the account.
        for number in range(25):
            wrong = await attacker.post(login, json={"email": f"spray-{number}@example.com", "password": "guess-guess"})
            assert wrong.status_code == 401, (number, wrong.text)
        spray = await attacker.post(login, json={"email": operator_email, "password": TEST_PASSWORD})
        assert spray.status_code == 429 and "field" not in spray.json()
        assert (await office.post(login, json={"email": operator_email, "password": TEST_PASSWORD})).status_code == 201


async def test_agency_admin_opens_second_shop_and_switches(kaidian_client, shop):
    created = await kaidian_client.post(
        "/api/admin/shops", json={"name": "二店", "slug": unique("second")}, headers=shop.owner
    )
    assert created.status_code == 201, created.text
    second_id = created.json()["id"]
    switched = await kaidian_client.post("/api/admin/auth/switch-shop", json={"shop_id": second_id}, headers=shop.owner)
    assert switched.status_code == 201
    assert {s["shop_id"] for s in switched.json()["shops"]} == {shop.shop_id, second_id}
    token = {"Authorization": f"Bearer {switched.json()['access_token']}"}
    current = await kaidian_client.get("/api/admin/shop", headers=token)
    assert current.json()["name"] == "二店"


async def test_roles_are_enforced_by_the_api(kaidian_client, shop):
    operator = await add_staff(kaidian_client, shop, StaffRole.OPERATOR)
    service = await add_staff(kaidian_client, shop, StaffRole.CUSTOMER_SERVICE)
    body = {"email": f"{unique('x')}@example.com", "display_name": "新人", "password": "password-123", "role": "operator"}
    assert (await kaidian_client.post("/api/admin/staff", json=body, headers=operator)).status_code == 403
    assert (await kaidian_client.patch("/api/admin/shop", json={"name": "改名"}, headers=operator)).status_code == 403
    assert (await kaidian_client.put("/api/admin/plugins/anything", json={"enabled": True}, headers=service)).status_code == 403
    added = await kaidian_client.post("/api/admin/staff", json=body, headers=shop.owner)
    assert added.status_code == 201 and added.json()["role"] == "operator"
    listed = await kaidian_client.get("/api/admin/staff", headers=service)
    assert body["email"] in {row["email"] for row in listed.json()}
    # customers cannot use staff routes and vice versa
    assert (await kaidian_client.get("/api/admin/staff", headers=shop.customer)).status_code == 403
    assert (await kaidian_client.get("/api/shop/me", headers=shop.owner)).status_code == 403


async def test_last_owner_cannot_be_removed(kaidian_client, shop):
    staff = (await kaidian_client.get("/api/admin/staff", headers=shop.owner)).json()
    owner_row = next(row for row in staff if row["email"] == shop.owner_email)
    response = await kaidian_client.delete(f"/api/admin/staff/{owner_row['id']}", headers=shop.owner)
    assert response.status_code == 409 and response.json()["field"] == "role"


async def test_agency_staff_are_managed_by_the_agency(kaidian_client, two_shops):
    shop, other_agency = two_shops  # shop.owner is the agency's admin
    merchant = await add_staff(kaidian_client, shop, StaffRole.OWNER)  # the merchant's own owner
    operator = await add_staff(kaidian_client, shop, StaffRole.OPERATOR)
    rows = {row["email"]: row for row in (await kaidian_client.get("/api/admin/staff", headers=merchant)).json()}
    agency_row = rows[shop.owner_email]
    assert agency_row["agency_staff"] is True
    assert {row["agency_staff"] for email, row in rows.items() if email != shop.owner_email} == {False}

    # The merchant's owner can neither remove nor demote the agency's admin…
    removed = await kaidian_client.delete(f"/api/admin/staff/{agency_row['id']}", headers={**merchant, "Accept-Language": "en"})
    assert removed.status_code == 403, removed.text
    assert removed.json()["code"] == "agency_managed" and removed.json()["field"] == "membership_id"
    assert "managed by the agency" in removed.json()["message"]
    demoted = await kaidian_client.patch(f"/api/admin/staff/{agency_row['id']}", json={"role": "operator"}, headers=merchant)
    assert demoted.status_code == 403 and demoted.json()["field"] == "role"
    assert (await kaidian_client.get("/api/admin/shop", headers=shop.owner)).status_code == 200
    # …but manages the shop's own staff as before.
    operator_row = next(row for row in rows.values() if row["role"] == "operator")
    assert (await kaidian_client.delete(f"/api/admin/staff/{operator_row['id']}", headers=merchant)).status_code == 204
    assert (await kaidian_client.get("/api/admin/shop", headers=operator)).status_code == 401

    # The agency manages its own: it demotes the merchant's owner, and may change its admin's role.
    merchant_row = next(row for email, row in rows.items() if row["role"] == "owner" and email != shop.owner_email)
    changed = await kaidian_client.patch(f"/api/admin/staff/{merchant_row['id']}", json={"role": "operator"}, headers=shop.owner)
    assert changed.status_code == 200 and changed.json()["role"] == "operator"
    assert (await kaidian_client.patch(f"/api/admin/staff/{merchant_row['id']}", json={"role": "owner"}, headers=shop.owner)).status_code == 200


async def test_agency_admin_takes_back_a_shop_of_its_agency(kaidian_client, two_shops):
    shop, other_agency = two_shops
    second = await kaidian_client.post("/api/admin/shops", json={"name": "二店", "slug": unique("second")}, headers=shop.owner)
    assert second.status_code == 201
    # A removal from before agency staff were protected: the agency admin is no longer staff of shop A.
    from core.accounts.models import StaffAccount, StaffMembership

    admin = await StaffAccount.get(email=shop.owner_email)
    merchant = await add_staff(kaidian_client, shop, StaffRole.OWNER)
    await StaffMembership.filter(staff_id=admin.id, shop_id=shop.shop_id).delete()
    in_second = await staff_login(kaidian_client, shop.owner_email)
    path = f"/api/admin/shops/{shop.shop_id}/agency-owner"
    assert (await kaidian_client.post(path, headers=merchant)).status_code == 403  # not agency staff
    assert (await kaidian_client.post(path, headers=other_agency.owner)).status_code == 404  # another agency
    back = await kaidian_client.post(path, headers=in_second)
    assert back.status_code == 201 and back.json()["id"] == shop.shop_id
    again = await staff_login(kaidian_client, shop.owner_email, shop_id=shop.shop_id)
    assert (await kaidian_client.get("/api/admin/staff", headers=again)).status_code == 200


async def test_password_change_revokes_old_tokens(kaidian_client, shop):
    response = await kaidian_client.post(
        "/api/admin/auth/password",
        json={"old_password": TEST_PASSWORD, "new_password": "brand-new-pass"},
        headers=shop.owner,
    )
    assert response.status_code == 204
    assert (await kaidian_client.get("/api/admin/auth/me", headers=shop.owner)).status_code == 401
    fresh = await staff_login(kaidian_client, shop.owner_email, "brand-new-pass")
    assert (await kaidian_client.get("/api/admin/auth/me", headers=fresh)).status_code == 200


async def test_customer_login_is_per_shop_and_stable(kaidian_client, two_shops):
    a, b = two_shops
    first, id_a = await customer_login(kaidian_client, a.shop_id, "bob")
    again, id_again = await customer_login(kaidian_client, a.shop_id, "bob")
    _, id_b = await customer_login(kaidian_client, b.shop_id, "bob")
    assert id_a == id_again and id_a != id_b
    bad = await kaidian_client.post("/api/shop/auth/login", json={"shop_id": a.shop_id, "code": "garbage"})
    assert bad.status_code == 422 and bad.json()["field"] == "code"
    missing = await kaidian_client.post("/api/shop/auth/login", json={"shop_id": 987654321, "code": "sandbox:x"})
    assert missing.status_code == 404


async def test_phone_is_encrypted_at_rest_and_masked_for_staff(kaidian_client, shop):
    response = await kaidian_client.patch("/api/shop/me", json={"phone": "+86 138-1234-5678"}, headers=shop.customer)
    assert response.status_code == 200 and response.json()["phone"] == "13812345678"
    row = await Customer.get(id=shop.customer_id)
    assert "13812345678" not in (row.phone_encrypted or "") and row.phone_encrypted.startswith("v1.")
    staff_view = await kaidian_client.get(f"/api/admin/customers/{shop.customer_id}", headers=shop.owner)
    assert staff_view.json()["phone"] == "138****5678"
    found = await kaidian_client.get("/api/admin/customers", params={"phone": "13812345678"}, headers=shop.owner)
    assert [c["id"] for c in found.json()] == [shop.customer_id]
    bad = await kaidian_client.patch("/api/shop/me", json={"phone": "12345"}, headers=shop.customer)
    assert bad.status_code == 422 and bad.json()["field"] == "phone"


async def test_phone_lookups_survive_a_new_token_secret_and_rotated_data_keys(kaidian_client_for, kaidian_settings):
    import base64
    import os
    import secrets

    from core.accounts.customers import PHONE
    from core.security.blind_indexes import reindex_blind_indexes
    from core.testing import make_shop

    async def search(client, owner, phone):
        found = await client.get("/api/admin/customers", params={"phone": phone}, headers=owner)
        assert found.status_code == 200, found.text
        return [row["id"] for row in found.json()]

    async with kaidian_client_for() as client:
        shop = await make_shop(client)
        other, other_id = await customer_login(client, shop.shop_id, unique("legacy"))
        assert (await client.patch("/api/shop/me", json={"phone": "13812345678"}, headers=shop.customer)).status_code == 200
        assert (await client.patch("/api/shop/me", json={"phone": "13900001111"}, headers=other)).status_code == 200
        # A row written before this version: indexed under the token secret.
        cipher = client.app.state.cipher
        legacy = cipher.blind_indexes("13900001111", context=PHONE)[-1]
        assert legacy != cipher.blind_index("13900001111", context=PHONE)
        await Customer.filter(id=other_id).update(phone_index=legacy)
        assert await search(client, shop.owner, "13900001111") == [other_id]  # still found before re-indexing
        assert await reindex_blind_indexes(cipher, client.app.state.registries.blind_indexes) >= 1  # the session's database holds other tests' customers too
        assert (await Customer.get(id=other_id)).phone_index == cipher.blind_index("13900001111", context=PHONE)
        assert await reindex_blind_indexes(cipher, client.app.state.registries.blind_indexes) == 0

    # The token secret changes and a new data key becomes active (the old one kept to decrypt).
    new_key = "k2:" + base64.b64encode(os.urandom(32)).decode()
    rotated = kaidian_settings.model_copy(
        update={"secret_key": secrets.token_urlsafe(48), "data_encryption_keys": [new_key, *kaidian_settings.data_encryption_keys]}
    )
    async with kaidian_client_for(settings=rotated) as client:
        owner = await staff_login(client, shop.owner_email)
        assert await search(client, owner, "13812345678") == [shop.customer_id]
        assert await search(client, owner, "+86 139-0000-1111") == [other_id]
        assert await reindex_blind_indexes(client.app.state.cipher, client.app.state.registries.blind_indexes) >= 2  # both move to the active key k2
        active = client.app.state.cipher.blind_index("13812345678", context=PHONE)
        assert (await Customer.get(id=shop.customer_id)).phone_index == active
        assert await search(client, owner, "13812345678") == [shop.customer_id]


async def test_addresses_are_encrypted_and_one_is_default(kaidian_client, shop):
    body = {"recipient": "张三", "phone": "13900001111", "province": "广东省", "city": "深圳市", "district": "南山区", "detail": "科技园路1号"}
    first = await kaidian_client.post("/api/shop/addresses", json=body, headers=shop.customer)
    assert first.status_code == 201 and first.json()["is_default"] is True
    second = await kaidian_client.post("/api/shop/addresses", json={**body, "detail": "二号", "is_default": True}, headers=shop.customer)
    listed = (await kaidian_client.get("/api/shop/addresses", headers=shop.customer)).json()
    assert [a["id"] for a in listed if a["is_default"]] == [second.json()["id"]]
    stored = await CustomerAddress.get(id=first.json()["id"])
    assert "张三" not in stored.recipient_encrypted and "科技园" not in stored.detail_encrypted
    updated = await kaidian_client.patch(f"/api/shop/addresses/{first.json()['id']}", json={"detail": "新地址"}, headers=shop.customer)
    assert updated.json()["detail"] == "新地址"
    deleted = await kaidian_client.delete(f"/api/shop/addresses/{first.json()['id']}", headers=shop.customer)
    assert deleted.status_code == 204


async def test_a_customer_sets_a_birthday_once(kaidian_client, shop):
    response = await kaidian_client.patch("/api/shop/me", json={"birthday": "1990-02-28"}, headers=shop.customer)
    assert response.status_code == 200, response.text
    assert response.json()["birthday"] == "1990-02-28"
    same = await kaidian_client.patch("/api/shop/me", json={"birthday": "1990-02-28", "nickname": "x"}, headers=shop.customer)
    assert same.status_code == 200
    moved = await kaidian_client.patch("/api/shop/me", json={"birthday": "1990-03-01"}, headers=shop.customer)
    assert moved.status_code == 409 and moved.json()["field"] == "birthday"
    assert (await kaidian_client.get("/api/shop/me", headers=shop.customer)).json()["birthday"] == "1990-02-28"
    other, _ = await customer_login(kaidian_client, shop.shop_id, unique("later"))
    for bad in ("2999-01-01", "1800-01-01", "1990-02-30"):
        response = await kaidian_client.patch("/api/shop/me", json={"birthday": bad}, headers=other)
        assert response.status_code in (400, 422) and "birthday" in response.text, (bad, response.text)
