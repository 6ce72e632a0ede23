"""WeChat Pay v3: request signing, JSAPI prepay, notification verification, query and refund,
against an in-test fake of WeChat's API server with keys generated here."""

from __future__ import annotations

import base64
import json
import time

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from core.payments.provider import NotificationRejected, PaymentRequest, ProviderError, RefundRequest
from core.payments.sandbox import SandboxProvider
from core.payments.wechat_v3 import WechatPayV3Provider
from tests.trade.wechat_fake import APPID, MCHID, PLATFORM_SERIAL, WechatFake


@pytest.fixture(scope="module")
def fake() -> WechatFake:
    return WechatFake.create()


@pytest.fixture
def provider(fake: WechatFake) -> WechatPayV3Provider:
    return WechatPayV3Provider(fake.config(), transport=fake.transport())


def _verify(key: rsa.RSAPrivateKey, message: str, signature: str) -> None:
    key.public_key().verify(base64.b64decode(signature), message.encode(), padding.PKCS1v15(), hashes.SHA256())


def test_authorization_header_signs_method_url_time_nonce_body(fake, provider):
    header = provider.authorization("POST", "/v3/pay/transactions/jsapi", '{"a":1}', timestamp=1554208460, nonce="593BEC0C930BF1AFEB40B4A08C8FB242")
    assert header.startswith("WECHATPAY2-SHA256-RSA2048 mchid=\"1900000109\",nonce_str=\"593BEC0C930BF1AFEB40B4A08C8FB242\",")
    assert 'timestamp="1554208460"' in header and 'serial_no="5157F09EFDC096DE15EBE81A47057A7232F1B8E1"' in header
    signature = header.split('signature="', 1)[1].split('"', 1)[0]
    _verify(fake.merchant_key, 'POST\n/v3/pay/transactions/jsapi\n1554208460\n593BEC0C930BF1AFEB40B4A08C8FB242\n{"a":1}\n', signature)


async def test_jsapi_prepay_returns_signed_request_payment_params(fake, provider):
    result = await provider.create_payment(PaymentRequest(1, "KD0001", 12345, "测试订单", payer_openid="openid-1"))
    params = result["request_payment"]
    sent = json.loads(fake.requests[-1].content)
    assert sent["amount"] == {"total": 12345, "currency": "CNY"} and sent["payer"] == {"openid": "openid-1"}
    assert sent["mchid"] == MCHID and sent["appid"] == APPID and sent["out_trade_no"] == "KD0001"
    prepay_id = fake.transactions["KD0001"]["prepay_id"]
    assert params["package"] == f"prepay_id={prepay_id}" and params["signType"] == "RSA" and params["appId"] == APPID
    _verify(fake.merchant_key, f"{APPID}\n{params['timeStamp']}\n{params['nonceStr']}\n{params['package']}\n", params["paySign"])


async def test_an_answer_not_signed_by_the_platform_is_refused(fake):
    impostor = WechatFake(merchant_key=fake.merchant_key, platform_key=rsa.generate_private_key(public_exponent=65537, key_size=2048), apiv3_key=fake.apiv3_key)
    provider = WechatPayV3Provider(fake.config(), transport=impostor.transport())
    with pytest.raises(ProviderError, match="verification"):
        await provider.create_payment(PaymentRequest(1, "KD0002", 100, "x", payer_openid="o"))


async def test_genuine_notification_is_verified_and_decrypted(fake, provider):
    headers, body = fake.notification(fake.transaction("KD0003", 990))
    notification = await provider.parse_notification(headers, body)
    assert (notification.order_no, notification.amount_fen, notification.succeeded) == ("KD0003", 990, True)
    assert notification.transaction_id.startswith("4200000000")


async def test_certificate_serials_work_like_public_key_ids(fake):
    import datetime

    from cryptography import x509
    from cryptography.hazmat.primitives import serialization
    from cryptography.x509.oid import NameOID

    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Tenpay.com Root CA")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(fake.platform_key.public_key())
        .serial_number(0x3775B6A45ACD588826FE2D8C11A8A2B13F9EDE93).not_valid_before(now).not_valid_after(now + datetime.timedelta(days=1))
        .sign(fake.platform_key, hashes.SHA256())
    )
    serial = "3775B6A45ACD588826FE2D8C11A8A2B13F9EDE93"
    provider = WechatPayV3Provider(fake.config(platform_keys={serial: certificate.public_bytes(serialization.Encoding.PEM)}))
    headers, body = fake.notification(fake.transaction("KD0004", 1), serial=serial)
    assert (await provider.parse_notification(headers, body)).order_no == "KD0004"


@pytest.mark.parametrize(
    "tamper, message",
    [
        (lambda h, b: ({**h, "Wechatpay-Signature": "WECHATPAY/SIGNTEST/" + h["Wechatpay-Signature"]}, b), "probe"),
        (lambda h, b: (h, b.replace(b'"summary"', b'"Summary"')), "signature"),
        (lambda h, b: ({**h, "Wechatpay-Serial": "PUB_KEY_ID_UNKNOWN"}, b), "serial"),
        (lambda h, b: ({k: v for k, v in h.items() if k != "Wechatpay-Nonce"}, b), "missing header"),
        (lambda h, b: ({**h, "Wechatpay-Signature": base64.b64encode(b"x" * 256).decode()}, b), "signature"),
    ],
)
async def test_forged_or_probing_notifications_are_rejected(fake, provider, tamper, message):
    headers, body = tamper(*fake.notification(fake.transaction("KD0005", 100)))
    with pytest.raises(NotificationRejected, match=message) as raised:
        await provider.parse_notification(headers, body)
    assert raised.value.status_code == 401


@pytest.mark.parametrize("offset", [-301, 301])
async def test_stale_or_future_timestamps_are_rejected(fake, provider, offset):
    headers, body = fake.notification(fake.transaction("KD0006", 100), timestamp=int(time.time()) + offset)
    with pytest.raises(NotificationRejected, match="300 s"):
        await provider.parse_notification(headers, body)


async def test_signed_by_another_key_is_rejected(fake, provider):
    other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    headers, body = fake.notification(fake.transaction("KD0007", 100), key=other)
    with pytest.raises(NotificationRejected, match="signature"):
        await provider.parse_notification(headers, body)


async def test_resource_under_another_apiv3_key_is_rejected(fake):
    other = WechatFake(merchant_key=fake.merchant_key, platform_key=fake.platform_key, apiv3_key=b"0" * 32)
    provider = WechatPayV3Provider(fake.config())
    headers, body = other.notification(other.transaction("KD0008", 100))
    with pytest.raises(NotificationRejected, match="decrypt"):
        await provider.parse_notification(headers, body)


async def test_notification_for_another_merchant_is_rejected(fake, provider):
    headers, body = fake.notification(fake.transaction("KD0009", 100, mchid="1900000999"))
    with pytest.raises(NotificationRejected, match="another merchant"):
        await provider.parse_notification(headers, body)


async def test_order_query_and_refund(fake, provider):
    assert await provider.query_payment("KD-NEVER") is None
    await provider.create_payment(PaymentRequest(1, "KD0010", 500, "x", payer_openid="o"))
    assert (await provider.query_payment("KD0010")).succeeded is False
    fake.transactions["KD0010"]["paid"] = True
    paid = await provider.query_payment("KD0010")
    assert (paid.succeeded, paid.amount_fen) == (True, 500)
    answer = await provider.refund(RefundRequest(1, "KD0010", "RF1", 200, 500, "缺货"))
    assert answer["status"] == "PROCESSING"
    assert fake.refunds[-1]["amount"] == {"refund": 200, "total": 500, "currency": "CNY"}


async def test_sandbox_uses_the_same_rules():
    sandbox = SandboxProvider("s" * 40)
    headers, body = sandbox.notification("KD0011", 300)
    assert (await sandbox.parse_notification(headers, body)).amount_fen == 300
    with pytest.raises(NotificationRejected):
        await SandboxProvider("t" * 40).parse_notification(headers, body)
    stale_headers, stale_body = sandbox.notification("KD0011", 300, timestamp=int(time.time()) - 600)
    with pytest.raises(NotificationRejected, match="300 s"):
        await sandbox.parse_notification(stale_headers, stale_body)
    assert PLATFORM_SERIAL.startswith("PUB_KEY_ID_")
