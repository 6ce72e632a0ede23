"""The owner's WeChat Pay account API: validation naming the field, secrets encrypted and never
returned, updates keeping secrets, removal, the signed self-check, roles and shop isolation."""

from __future__ import annotations

import asyncio
import base64
import datetime
import json

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID

from core.accounts.models import StaffRole
from core.testing import add_staff, assert_other_shop_gets_404, make_shop
from plugins.wechat_pay import services
from plugins.wechat_pay.models import WechatPayAccount
from plugins.wechat_pay.runtime import runtime
from plugins.wechat_pay.tests.conftest import ACCOUNT, account_body, pem_platform, pem_private
from tests.trade.wechat_fake import PLATFORM_SERIAL, WechatFake


def secrets_of(fake: WechatFake) -> list[str]:
    """Distinctive pieces of every secret: none may appear in a response or a stored row."""
    private_body = pem_private(fake).splitlines()[5]
    return [private_body, fake.apiv3_key.decode(), "a" * 32]


async def test_account_is_saved_masked_and_secrets_never_come_back(kaidian_client, shop, merchants, wechat):
    fake = merchants[0]
    assert (await kaidian_client.get(ACCOUNT, headers=shop.owner)).status_code == 404
    saved = await kaidian_client.put(ACCOUNT, json=account_body(fake, app_secret="a" * 32), headers=shop.owner)
    assert saved.status_code == 200, saved.text
    read = await kaidian_client.get(ACCOUNT, headers=shop.owner)
    for response in (saved, read):
        body = response.json()
        assert body["mchid"] == fake.mchid and body["appid"] == fake.appid
        assert body["merchant_private_key"]["is_set"] and body["merchant_private_key"]["fingerprint"].startswith("SHA256:")
        assert body["apiv3_key"] == {"is_set": True, "fingerprint": None} and body["app_secret"]["is_set"]
        assert body["platform_keys"][0]["serial"] == PLATFORM_SERIAL and body["platform_keys"][0]["kind"] == "public_key"
        assert body["notify_url"].endswith(f"/api/pay/notify/{shop.shop_id}/wechat_jsapi")
        assert body["refund_notify_url"].endswith(f"/api/pay/notify/refund/{shop.shop_id}/wechat_jsapi")
        for secret in secrets_of(fake):
            assert secret not in response.text
    # At rest: encrypted with core's field cipher (v1.<key id>.…), nothing readable.
    row = await WechatPayAccount.get(shop_id=shop.shop_id)
    stored = json.dumps([row.merchant_private_key_enc, row.apiv3_key_enc, row.app_secret_enc])
    assert row.merchant_private_key_enc.startswith("v1.") and row.apiv3_key_enc.startswith("v1.")
    for secret in secrets_of(fake):
        assert secret not in stored


async def test_setup_names_the_notification_urls_and_the_sandbox_before_saving(kaidian_client, shop, merchants, wechat):
    before = await kaidian_client.get(f"{ACCOUNT}/setup", headers=shop.owner)
    assert before.status_code == 200, before.text
    assert before.json()["has_account"] is False
    assert before.json()["sandbox"] is kaidian_client.app.state.settings.sandbox_enabled
    assert before.json()["notify_url"].endswith(f"/api/pay/notify/{shop.shop_id}/wechat_jsapi")
    assert before.json()["refund_notify_url"].endswith(f"/api/pay/notify/refund/{shop.shop_id}/wechat_jsapi")
    await kaidian_client.put(ACCOUNT, json=account_body(merchants[0]), headers=shop.owner)
    assert (await kaidian_client.get(f"{ACCOUNT}/setup", headers=shop.owner)).json()["has_account"] is True


async def test_an_update_keeps_secrets_left_out_and_clears_the_app_secret(kaidian_client, shop, merchants, wechat):
    fake = merchants[0]
    await kaidian_client.put(ACCOUNT, json=account_body(fake, app_secret="a" * 32), headers=shop.owner)
    before = await WechatPayAccount.get(shop_id=shop.shop_id)
    changed = await kaidian_client.put(
        ACCOUNT, json={"mchid": fake.mchid, "appid": fake.appid, "merchant_serial_no": fake.merchant_serial, "app_secret": ""}, headers=shop.owner
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["merchant_private_key"]["is_set"] and not changed.json()["app_secret"]["is_set"]
    after = await WechatPayAccount.get(shop_id=shop.shop_id)
    assert after.merchant_private_key_enc == before.merchant_private_key_enc and after.version == before.version + 1
    assert (await kaidian_client.post(f"{ACCOUNT}/check", headers=shop.owner)).json()["ok"] is True


async def test_racing_first_saves_leave_one_account(kaidian_client, shop, merchants):
    bodies = [account_body(merchants[index % 2]) for index in range(6)]
    responses = await asyncio.gather(*[kaidian_client.put(ACCOUNT, json=body, headers=shop.owner) for body in bodies])
    assert [response.status_code for response in responses] == [200] * 6, [r.text for r in responses if r.status_code != 200]
    rows = await WechatPayAccount.filter(shop_id=shop.shop_id)
    assert len(rows) == 1 and rows[0].version == 6


def _certificate(key: rsa.RSAPrivateKey, serial: int) -> str:
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Tenpay.com Root CA")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key()).serial_number(serial)
        .not_valid_before(now).not_valid_after(now + datetime.timedelta(days=365)).sign(key, hashes.SHA256())
    )
    return certificate.public_bytes(serialization.Encoding.PEM).decode()


async def test_bad_input_is_refused_naming_the_field_and_nothing_is_written(kaidian_client, shop, merchants):
    fake = merchants[0]
    small_key = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    ec_key = ec.generate_private_key(ec.SECP256R1()).private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()).decode()
    cases = [
        ({"mchid": "19000A0109"}, "mchid"),
        ({"appid": "wx123"}, "appid"),
        ({"merchant_serial_no": "not-hex!"}, "merchant_serial_no"),
        ({"merchant_private_key_pem": "-----BEGIN PRIVATE KEY-----\nnope\n-----END PRIVATE KEY-----"}, "merchant_private_key_pem"),
        ({"merchant_private_key_pem": ec_key}, "merchant_private_key_pem"),
        ({"merchant_private_key_pem": small_key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()).decode()}, "merchant_private_key_pem"),
        ({"merchant_private_key_pem": None}, "merchant_private_key_pem"),
        ({"apiv3_key": "x" * 31}, "apiv3_key"),
        ({"apiv3_key": "密" * 11}, "apiv3_key"),  # 33 bytes in UTF-8
        ({"platform_keys": [{"serial": PLATFORM_SERIAL, "pem": "garbage"}]}, "platform_keys[0].pem"),
        ({"platform_keys": [{"serial": "PUB_KEY_ID_x", "pem": pem_platform(fake)}]}, "platform_keys[0].serial"),
        ({"platform_keys": [{"serial": PLATFORM_SERIAL, "pem": pem_platform(fake)}, {"serial": PLATFORM_SERIAL, "pem": pem_platform(fake)}]}, "platform_keys[1].serial"),
        ({"platform_keys": [{"serial": "3775B6A4", "pem": _certificate(fake.platform_key, 0x1234)}]}, "platform_keys[0].serial"),
        ({"platform_keys": [{"serial": "3775B6A4", "pem": pem_platform(fake)}]}, "platform_keys[0].pem"),
        ({"platform_keys": []}, "platform_keys"),
        ({"app_secret": "short"}, "app_secret"),
        ({"surprise": 1}, "surprise"),
    ]
    for overrides, field in cases:
        response = await kaidian_client.put(ACCOUNT, json=account_body(fake, **overrides), headers={**shop.owner, "Accept-Language": "en"})
        assert response.status_code == 422, (field, response.text)
        assert response.json()["field"] == field, (field, response.json())
    assert not await WechatPayAccount.filter(shop_id=shop.shop_id).exists()
    # A certificate whose serial it is, next to a public key (a rotation), is accepted.
    rotation = [{"serial": "3775B6A4", "pem": _certificate(fake.platform_key, 0x3775B6A4)}, {"serial": PLATFORM_SERIAL, "pem": pem_platform(fake)}]
    saved = await kaidian_client.put(ACCOUNT, json=account_body(fake, platform_keys=rotation), headers=shop.owner)
    assert saved.status_code == 200, saved.text
    assert [(key["kind"], key["expires_at"] is not None) for key in saved.json()["platform_keys"]] == [("certificate", True), ("public_key", False)]


async def test_self_check_signs_a_request_and_names_what_is_wrong(kaidian_client, shop, merchants, wechat):
    fake, other = merchants
    await kaidian_client.put(ACCOUNT, json=account_body(fake), headers=shop.owner)
    check = await kaidian_client.post(f"{ACCOUNT}/check", headers=shop.owner)
    assert check.status_code == 200 and check.json()["ok"] is True and check.json()["problem"] is None
    signed = wechat.fakes[fake.mchid].requests[-1]
    assert signed.headers["authorization"].startswith("WECHATPAY2-SHA256-RSA2048 ") and "/v3/pay/transactions/out-trade-no/KDCHECK" in signed.url.path
    # Another merchant's private key: WeChat refuses the signature.
    await kaidian_client.put(ACCOUNT, json=account_body(fake, merchant_private_key_pem=pem_private(other)), headers=shop.owner)
    refused = (await kaidian_client.post(f"{ACCOUNT}/check", headers=shop.owner)).json()
    assert (refused["ok"], refused["problem"]) == (False, "merchant_signature") and "商户" in refused["message"]
    # The wrong platform key: WeChat's answer does not verify.
    await kaidian_client.put(
        ACCOUNT, json=account_body(fake, platform_keys=[{"serial": PLATFORM_SERIAL, "pem": pem_platform(other)}]), headers=shop.owner
    )
    unverified = (await kaidian_client.post(f"{ACCOUNT}/check", headers={**shop.owner, "Accept-Language": "en"})).json()
    assert (unverified["ok"], unverified["problem"]) == (False, "platform_keys") and "platform keys" in unverified["message"]


async def test_only_the_owner_manages_the_account(kaidian_client, shop, merchants):
    operator = await add_staff(kaidian_client, shop, StaffRole.OPERATOR)
    assert (await kaidian_client.get(f"{ACCOUNT}/setup", headers=operator)).status_code == 403
    for method in ("GET", "PUT", "DELETE"):
        response = await kaidian_client.request(method, ACCOUNT, json=account_body(merchants[0]) if method == "PUT" else None, headers=operator)
        assert response.status_code == 403, (method, response.text)
    assert (await kaidian_client.post(f"{ACCOUNT}/check", headers=operator)).status_code == 403
    assert (await kaidian_client.get(ACCOUNT, headers=shop.customer)).status_code in (401, 403)


async def test_routes_only_reach_the_token_shop(kaidian_client, two_shops, merchants, wechat):
    shop_a, shop_b = two_shops
    await kaidian_client.put(ACCOUNT, json=account_body(merchants[0]), headers=shop_a.owner)
    assert (await kaidian_client.get(f"{ACCOUNT}/setup", headers=shop_b.owner)).json()["has_account"] is False
    await assert_other_shop_gets_404(
        kaidian_client, [("GET", ACCOUNT, None), ("POST", f"{ACCOUNT}/check", None), ("DELETE", ACCOUNT, None)], shop_b.owner
    )
    # B's save writes B's account only; A's stays as it was, and B's removal leaves A's.
    before = await WechatPayAccount.get(shop_id=shop_a.shop_id)
    assert (await kaidian_client.put(ACCOUNT, json=account_body(merchants[1]), headers=shop_b.owner)).status_code == 200
    assert (await kaidian_client.delete(ACCOUNT, headers=shop_b.owner)).status_code == 204
    after = await WechatPayAccount.get(shop_id=shop_a.shop_id)
    assert (after.mchid, after.version) == (before.mchid, before.version)
    assert (await kaidian_client.get(ACCOUNT, headers=shop_a.owner)).json()["mchid"] == merchants[0].mchid
    assert (await kaidian_client.delete(ACCOUNT, headers=shop_a.owner)).status_code == 204
    assert (await kaidian_client.get(ACCOUNT, headers=shop_a.owner)).status_code == 404


async def test_secrets_stay_readable_after_the_data_key_rotates(kaidian_client_for, kaidian_settings, merchants, wechat):
    """A new active data key (old one kept for reading): the account still pays, and its
    secrets are re-encrypted under the new key when next used."""
    async with kaidian_client_for() as client:
        shop = await make_shop(client)
        await client.put(ACCOUNT, json=account_body(merchants[0]), headers=shop.owner)
    new_key = "k2:" + base64.b64encode(b"n" * 32).decode()
    rotated = kaidian_settings.model_copy(update={"data_encryption_keys": [new_key, *kaidian_settings.data_encryption_keys]})
    async with kaidian_client_for(settings=rotated):
        settings, cipher = runtime.require()
        assert cipher.active_key_id == "k2"
        provider = await services.provider_for_shop(shop.shop_id, cipher, settings)
        assert provider is not None and provider.config.mchid == merchants[0].mchid
        row = await WechatPayAccount.get(shop_id=shop.shop_id)
        assert row.merchant_private_key_enc.startswith("v1.k2.") and row.apiv3_key_enc.startswith("v1.k2.")
