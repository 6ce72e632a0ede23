"""An in-test fake of WeChat Pay's API server and the keys of both sides.

Real WeChat is unreachable from tests; the fake checks our request signatures with the
merchant's public key exactly as WeChat would, and signs its answers and notifications with a
platform key generated here.
"""

from __future__ import annotations

import base64
import json
import re
import secrets
import time
from dataclasses import dataclass, field
from typing import Any

import httpx
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from core.payments.signing import encrypt_resource, notification_message
from core.payments.wechat_v3 import WechatPayConfig, rsa_sign

PLATFORM_SERIAL = "PUB_KEY_ID_0114232134912410000000000000"
MCHID = "1900000109"
APPID = "wxd678efh567hg6787"
MERCHANT_SERIAL = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1"


def _pem_private(key: rsa.RSAPrivateKey) -> bytes:
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())


def _pem_public(key: rsa.RSAPrivateKey) -> bytes:
    return key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)


@dataclass
class WechatFake:
    merchant_key: rsa.RSAPrivateKey
    platform_key: rsa.RSAPrivateKey
    apiv3_key: bytes
    transactions: dict[str, dict[str, Any]] = field(default_factory=dict)
    requests: list[httpx.Request] = field(default_factory=list)
    refunds: list[dict[str, Any]] = field(default_factory=list)
    # Another merchant (a second shop's account) uses other ids as well as other keys.
    mchid: str = MCHID
    appid: str = APPID
    merchant_serial: str = MERCHANT_SERIAL

    @classmethod
    def create(cls, **ids: str) -> WechatFake:
        return cls(
            merchant_key=rsa.generate_private_key(public_exponent=65537, key_size=2048),
            platform_key=rsa.generate_private_key(public_exponent=65537, key_size=2048),
            apiv3_key=secrets.token_hex(16).encode(),
            **ids,
        )

    def config(self, **overrides: Any) -> WechatPayConfig:
        values: dict[str, Any] = {
            "mchid": self.mchid,
            "appid": self.appid,
            "merchant_serial_no": self.merchant_serial,
            "merchant_private_key_pem": _pem_private(self.merchant_key),
            "apiv3_key": self.apiv3_key,
            "platform_keys": {PLATFORM_SERIAL: _pem_public(self.platform_key)},
            "notify_url": "https://shop.example.com/api/pay/notify/1/wechat_jsapi",
            "base_url": "https://api.mch.weixin.qq.com",
        }
        values.update(overrides)
        return WechatPayConfig(**values)

    # -- the platform side ------------------------------------------------------------------

    def signed(self, body: bytes, *, timestamp: int | None = None, key: rsa.RSAPrivateKey | None = None, serial: str = PLATFORM_SERIAL) -> dict[str, str]:
        stamp = str(int(time.time()) if timestamp is None else timestamp)
        nonce = secrets.token_hex(16)
        return {
            "Wechatpay-Timestamp": stamp,
            "Wechatpay-Nonce": nonce,
            "Wechatpay-Serial": serial,
            "Wechatpay-Signature": rsa_sign(key or self.platform_key, notification_message(stamp, nonce, body)),
            "Wechatpay-Signature-Type": "WECHATPAY2-SHA256-RSA2048",
        }

    def transaction(self, order_no: str, amount_fen: int, **changes: Any) -> dict[str, Any]:
        data = {
            "appid": self.appid,
            "mchid": self.mchid,
            "out_trade_no": order_no,
            "transaction_id": "4200000000" + secrets.token_hex(9),
            "trade_type": "JSAPI",
            "trade_state": "SUCCESS",
            "trade_state_desc": "支付成功",
            "bank_type": "CMC",
            "success_time": "2026-11-25T10:00:00+08:00",
            "payer": {"openid": "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"},
            "amount": {"total": amount_fen, "payer_total": amount_fen, "currency": "CNY", "payer_currency": "CNY"},
        }
        data.update(changes)
        return data

    def notification(self, transaction: dict[str, Any], **sign_options: Any) -> tuple[dict[str, str], bytes]:
        envelope = {
            "id": "EV-" + secrets.token_hex(8),
            "create_time": "2026-11-25T10:00:01+08:00",
            "resource_type": "encrypt-resource",
            "event_type": "TRANSACTION.SUCCESS" if transaction.get("trade_state") == "SUCCESS" else "TRANSACTION.FAIL",
            "summary": "支付成功",
            "resource": encrypt_resource(self.apiv3_key, transaction),
        }
        body = json.dumps(envelope, ensure_ascii=False).encode()
        return self.signed(body, **sign_options), body

    def refund_notification(self, refund: dict[str, Any], status: str = "SUCCESS", **changes: Any) -> tuple[dict[str, str], bytes]:
        """A signed refund result for a refund request this fake received."""
        data = {
            "mchid": self.mchid,
            "out_trade_no": refund["out_trade_no"],
            "out_refund_no": refund["out_refund_no"],
            "refund_id": "50000" + secrets.token_hex(6),
            "refund_status": status,
            "amount": {"total": refund["amount"]["total"], "refund": refund["amount"]["refund"], "payer_total": refund["amount"]["total"], "payer_refund": refund["amount"]["refund"]},
            **changes,
        }
        envelope = {
            "id": "EV-" + secrets.token_hex(8),
            "create_time": "2026-11-25T10:05:00+08:00",
            "resource_type": "encrypt-resource",
            "event_type": f"REFUND.{status}",
            "summary": "退款成功",
            "resource": encrypt_resource(self.apiv3_key, data, associated_data="refund"),
        }
        body = json.dumps(envelope, ensure_ascii=False).encode()
        return self.signed(body), body

    # -- the API server ---------------------------------------------------------------------

    def _authorised(self, request: httpx.Request) -> bool:
        header = request.headers.get("authorization", "")
        if not header.startswith("WECHATPAY2-SHA256-RSA2048 "):
            return False
        fields = dict(re.findall(r'(\w+)="([^"]*)"', header))
        url = request.url.raw_path.decode()
        message = f"{request.method}\n{url}\n{fields.get('timestamp')}\n{fields.get('nonce_str')}\n{request.content.decode()}\n"
        try:
            self.merchant_key.public_key().verify(
                base64.b64decode(fields.get("signature", "")), message.encode(), padding.PKCS1v15(), hashes.SHA256()
            )
        except Exception:
            return False
        return fields.get("mchid") == self.mchid and fields.get("serial_no") == self.merchant_serial

    def _answer(self, status: int, data: dict[str, Any]) -> httpx.Response:
        body = json.dumps(data).encode()
        return httpx.Response(status, content=body, headers={"Content-Type": "application/json", **self.signed(body)})

    def handle(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if not self._authorised(request):
            return self._answer(401, {"code": "SIGN_ERROR", "message": "签名错误"})
        path = request.url.path
        if request.method == "POST" and path == "/v3/pay/transactions/jsapi":
            payload = json.loads(request.content)
            prepay_id = "wx" + secrets.token_hex(14)
            self.transactions[payload["out_trade_no"]] = {"payload": payload, "prepay_id": prepay_id}
            return self._answer(200, {"prepay_id": prepay_id})
        match = re.fullmatch(r"/v3/pay/transactions/out-trade-no/([^/]+)", path)
        if request.method == "GET" and match:
            known = self.transactions.get(match.group(1))
            if known is None:
                return self._answer(404, {"code": "ORDER_NOT_EXIST", "message": "订单不存在"})
            total = known["payload"]["amount"]["total"]
            state = "SUCCESS" if known.get("paid") else "NOTPAY"
            return self._answer(200, self.transaction(match.group(1), total, trade_state=state))
        if request.method == "POST" and path == "/v3/refund/domestic/refunds":
            payload = json.loads(request.content)
            self.refunds.append(payload)
            return self._answer(200, {"refund_id": "50000" + secrets.token_hex(6), "out_refund_no": payload["out_refund_no"], "status": "PROCESSING"})
        return self._answer(404, {"code": "NOT_FOUND", "message": "no such API"})

    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self.handle)
