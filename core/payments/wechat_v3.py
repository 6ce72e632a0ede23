"""WeChat Pay API v3 for mini-programs (JSAPI): prepay, ``wx.requestPayment``, notifications,
order query and refunds.

* Requests are signed with the merchant's private key: SHA256withRSA over
  ``METHOD\\nURL\\nTIMESTAMP\\nNONCE\\nBODY\\n`` (URL = path and query), sent as
  ``Authorization: WECHATPAY2-SHA256-RSA2048 mchid=…,nonce_str=…,signature=…,timestamp=…,serial_no=…``.
* Notifications and API responses are signed by WeChat over ``timestamp\\nnonce\\nbody\\n``.
  The key is chosen by ``Wechatpay-Serial``: a platform public key (``PUB_KEY_ID_…``,
  public-key mode) or a platform certificate's serial number. Unknown serials, probes
  (``WECHATPAY/SIGNTEST/``) and timestamps more than 300 s off are refused.
* A notification's ``resource`` is decrypted with AEAD_AES_256_GCM under the APIv3 key.
"""

from __future__ import annotations

import base64
import json
import secrets
import time
from dataclasses import dataclass, field
from typing import Any

import httpx
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from core.payments.provider import (
    NotificationRejected,
    PaymentNotification,
    PaymentRequest,
    ProviderError,
    ProviderUnavailable,
    RefundNotification,
    RefundRequest,
)
from core.payments.signing import (
    decrypt_resource,
    lower_headers,
    notification_message,
    parse_json_object,
    refund_notification,
    signed_headers,
    transaction_notification,
)

DEFAULT_BASE_URL = "https://api.mch.weixin.qq.com"
TITLE = {"zh-CN": "微信支付", "en": "WeChat Pay"}
AUTH_SCHEMA = "WECHATPAY2-SHA256-RSA2048"


def load_public_key(pem: bytes) -> rsa.RSAPublicKey:
    """A platform public key, from a public-key PEM or a platform certificate PEM."""
    if b"BEGIN CERTIFICATE" in pem:
        key = x509.load_pem_x509_certificate(pem).public_key()
    else:
        key = serialization.load_pem_public_key(pem)
    if not isinstance(key, rsa.RSAPublicKey):
        raise ValueError("WeChat Pay platform keys are RSA keys")
    return key


def rsa_sign(private_key: rsa.RSAPrivateKey, message: bytes) -> str:
    return base64.b64encode(private_key.sign(message, padding.PKCS1v15(), hashes.SHA256())).decode()


def rsa_verify(public_key: rsa.RSAPublicKey, message: bytes, signature: str) -> bool:
    try:
        public_key.verify(base64.b64decode(signature, validate=True), message, padding.PKCS1v15(), hashes.SHA256())
    except (InvalidSignature, ValueError):
        return False
    return True


@dataclass(frozen=True)
class WechatPayConfig:
    """One merchant account. ``platform_keys`` maps serial (``PUB_KEY_ID_…`` or certificate
    serial) to a PEM public key or certificate; several may be active during a key rotation."""

    mchid: str
    appid: str
    merchant_serial_no: str
    merchant_private_key_pem: bytes
    apiv3_key: bytes
    platform_keys: dict[str, bytes]
    notify_url: str
    refund_notify_url: str | None = None
    base_url: str = DEFAULT_BASE_URL
    timeout_s: float = 10.0
    extra: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if len(self.apiv3_key) != 32:
            raise ValueError("the APIv3 key is 32 bytes")


class WechatPayV3Provider:
    name = "wechat_jsapi"
    title = TITLE

    def __init__(self, config: WechatPayConfig, *, transport: httpx.AsyncBaseTransport | None = None) -> None:
        self.config = config
        key = serialization.load_pem_private_key(config.merchant_private_key_pem, password=None)
        if not isinstance(key, rsa.RSAPrivateKey):
            raise ValueError("the merchant API key is an RSA private key")
        self._private_key = key
        self._platform_keys = {serial: load_public_key(pem) for serial, pem in config.platform_keys.items()}
        self._transport = transport

    # -- signing ----------------------------------------------------------------------------

    def authorization(
        self, method: str, url: str, body: str = "", *, timestamp: int | None = None, nonce: str | None = None
    ) -> str:
        """The ``Authorization`` header for a request to ``url`` (path + query)."""
        timestamp = int(time.time()) if timestamp is None else timestamp
        nonce = nonce or secrets.token_hex(16)
        message = f"{method.upper()}\n{url}\n{timestamp}\n{nonce}\n{body}\n".encode()
        signature = rsa_sign(self._private_key, message)
        return (
            f'{AUTH_SCHEMA} mchid="{self.config.mchid}",nonce_str="{nonce}",'
            f'signature="{signature}",timestamp="{timestamp}",serial_no="{self.config.merchant_serial_no}"'
        )

    def request_payment_params(self, prepay_id: str, *, timestamp: int | None = None, nonce: str | None = None) -> dict[str, str]:
        """Arguments for ``wx.requestPayment`` in the mini-program."""
        params = {
            "appId": self.config.appid,
            "timeStamp": str(int(time.time()) if timestamp is None else timestamp),
            "nonceStr": nonce or secrets.token_hex(16),
            "package": f"prepay_id={prepay_id}",
            "signType": "RSA",
        }
        message = f"{params['appId']}\n{params['timeStamp']}\n{params['nonceStr']}\n{params['package']}\n"
        params["paySign"] = rsa_sign(self._private_key, message.encode())
        return params

    def verify_signed_message(self, headers: Any, body: bytes) -> None:
        """Check WeChat's signature headers over ``body``; raise ``NotificationRejected``."""
        timestamp, nonce, signature, serial = signed_headers(lower_headers(headers))
        key = self._platform_keys.get(serial)
        if key is None:
            raise NotificationRejected(f"unknown platform key serial {serial}", 401)
        if not rsa_verify(key, notification_message(timestamp, nonce, body), signature):
            raise NotificationRejected("signature does not verify", 401)

    # -- notifications ----------------------------------------------------------------------

    async def parse_notification(self, headers: dict[str, str], body: bytes) -> PaymentNotification:
        self.verify_signed_message(headers, body)
        envelope = parse_json_object(body)
        data = decrypt_resource(self.config.apiv3_key, envelope.get("resource"))
        if data.get("mchid") != self.config.mchid or data.get("appid") != self.config.appid:
            raise NotificationRejected("notification is for another merchant or app")
        order_no, transaction_id, amount, succeeded = transaction_notification(data)
        succeeded = succeeded and envelope.get("event_type") == "TRANSACTION.SUCCESS"
        return PaymentNotification(order_no, transaction_id, amount, succeeded, {"event_id": envelope.get("id"), **data})

    async def parse_refund_notification(self, headers: dict[str, str], body: bytes) -> RefundNotification:
        self.verify_signed_message(headers, body)
        envelope = parse_json_object(body)
        data = decrypt_resource(self.config.apiv3_key, envelope.get("resource"))
        if data.get("mchid") != self.config.mchid:
            raise NotificationRejected("notification is for another merchant")
        refund_no, order_no, amount, succeeded = refund_notification(data)
        return RefundNotification(refund_no, order_no, amount, succeeded, {"event_id": envelope.get("id"), **data})

    # -- API calls --------------------------------------------------------------------------

    async def _call(self, method: str, url: str, payload: dict[str, Any] | None = None) -> dict[str, Any]:
        body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")) if payload is not None else ""
        headers = {
            "Authorization": self.authorization(method, url, body),
            "Accept": "application/json",
            "Content-Type": "application/json",
            "User-Agent": "kaidian",
        }
        try:
            async with httpx.AsyncClient(
                base_url=self.config.base_url, transport=self._transport, timeout=self.config.timeout_s
            ) as client:
                response = await client.request(method, url, content=body.encode() or None, headers=headers)
        except httpx.HTTPError as exc:  # refused, reset, DNS, timed out
            raise ProviderUnavailable(f"WeChat Pay unreachable: {exc!r}", provider=TITLE) from exc
        if response.status_code == 429 or response.status_code >= 500:
            # Down or throttling: nothing was decided, and the same call (same out_trade_no or
            # out_refund_no) may be made again. Checked before the signature: a gateway's error
            # page is not signed by WeChat.
            raise ProviderUnavailable(f"WeChat Pay answered {response.status_code}", provider=TITLE)
        # Answers are signed too: an unsigned or forged answer must not move money.
        try:
            self.verify_signed_message(response.headers, response.content)
        except NotificationRejected as exc:
            raise ProviderError(f"WeChat Pay answer failed verification: {exc.message}", provider=TITLE) from exc
        try:
            data = json.loads(response.content) if response.content else {}
        except ValueError as exc:
            raise ProviderError(f"WeChat Pay answered {response.status_code} with a body that is not JSON", provider=TITLE) from exc
        if response.status_code >= 300:
            raise ProviderError(f"WeChat Pay {response.status_code}: {data.get('code')} {data.get('message')}", provider=TITLE)
        return data

    async def create_payment(self, request: PaymentRequest) -> dict[str, Any]:
        if not request.payer_openid:
            raise ProviderError("JSAPI payments need the payer's openid", provider=TITLE)
        data = await self._call(
            "POST",
            "/v3/pay/transactions/jsapi",
            {
                "appid": self.config.appid,
                "mchid": self.config.mchid,
                "description": request.description[:127],
                "out_trade_no": request.order_no,
                "notify_url": self.config.notify_url,
                "amount": {"total": request.amount_fen, "currency": "CNY"},
                "payer": {"openid": request.payer_openid},
            },
        )
        prepay_id = data.get("prepay_id")
        if not prepay_id:
            raise ProviderError("WeChat Pay returned no prepay_id", provider=TITLE)
        return {"provider": self.name, "request_payment": self.request_payment_params(prepay_id)}

    async def query_payment(self, order_no: str) -> PaymentNotification | None:
        try:
            data = await self._call("GET", f"/v3/pay/transactions/out-trade-no/{order_no}?mchid={self.config.mchid}")
        except ProviderError as exc:
            if not isinstance(exc, ProviderUnavailable) and ("ORDER_NOT_EXIST" in str(exc) or "404" in str(exc)):
                return None
            raise
        order_no, transaction_id, amount, succeeded = transaction_notification(data)
        return PaymentNotification(order_no, transaction_id, amount, succeeded, data)

    async def refund(self, request: RefundRequest) -> dict[str, Any]:
        payload: dict[str, Any] = {
            "out_trade_no": request.order_no,
            "out_refund_no": request.refund_no,
            "reason": request.reason[:80],
            "amount": {"refund": request.refund_fen, "total": request.total_fen, "currency": "CNY"},
        }
        if self.config.refund_notify_url:
            payload["notify_url"] = self.config.refund_notify_url
        return await self._call("POST", "/v3/refund/domestic/refunds", payload)
