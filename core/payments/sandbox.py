"""The sandbox provider: WeChat Pay v3's notification flow without WeChat.

It plays both sides with keys derived from the app's secret: ``pay()`` produces a
notification exactly shaped like WeChat's (signed headers, AEAD-encrypted ``resource``) and
``parse_notification`` runs the same checks as production — clock window, probe refusal,
signature, decryption. The signature is HMAC-SHA256 instead of RSA, so nobody mistakes a
sandbox key for a merchant key.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
from typing import Any

from core import clock
from core.payments.provider import NotificationRejected, PaymentNotification, PaymentRequest, RefundNotification, RefundRequest
from core.payments.signing import (
    decrypt_resource,
    encrypt_resource,
    lower_headers,
    notification_message,
    parse_json_object,
    refund_notification,
    signed_headers,
    transaction_notification,
)

SANDBOX_SERIAL = "SANDBOX_KEY_1"
SANDBOX_MCHID = "sandbox-mch"


class SandboxProvider:
    name = "sandbox"

    def __init__(self, secret: str) -> None:
        self._sign_key = hashlib.sha256(b"kaidian-sandbox-sign:" + secret.encode()).digest()
        self._apiv3_key = hashlib.sha256(b"kaidian-sandbox-aead:" + secret.encode()).digest()
        self._payments: dict[str, PaymentNotification] = {}

    def _signature(self, message: bytes) -> str:
        return base64.b64encode(hmac.new(self._sign_key, message, hashlib.sha256).digest()).decode()

    async def create_payment(self, request: PaymentRequest) -> dict[str, Any]:
        # The client "pays" with POST /api/shop/orders/{id}/sandbox-pay (the demo's pay button).
        return {"provider": self.name, "order_no": request.order_no, "amount_fen": request.amount_fen, "sandbox": True}

    def notification(
        self,
        order_no: str,
        amount_fen: int,
        *,
        transaction_id: str | None = None,
        timestamp: int | None = None,
        succeeded: bool = True,
    ) -> tuple[dict[str, str], bytes]:
        """A signed success notification for ``order_no``, as ``(headers, body)``."""
        transaction = {
            "mchid": SANDBOX_MCHID,
            "appid": "sandbox",
            "out_trade_no": order_no,
            "transaction_id": transaction_id or f"sandbox{secrets.token_hex(10)}",
            "trade_type": "JSAPI",
            "trade_state": "SUCCESS" if succeeded else "PAYERROR",
            "success_time": clock.now().isoformat(timespec="seconds"),
            "amount": {"total": amount_fen, "payer_total": amount_fen, "currency": "CNY"},
        }
        envelope = {
            "id": secrets.token_hex(16),
            "create_time": transaction["success_time"],
            "resource_type": "encrypt-resource",
            "event_type": "TRANSACTION.SUCCESS" if succeeded else "TRANSACTION.FAIL",
            "summary": "支付成功",
            "resource": encrypt_resource(self._apiv3_key, transaction),
        }
        body = json.dumps(envelope, ensure_ascii=False).encode()
        stamp = str(int(time.time()) if timestamp is None else timestamp)
        nonce = secrets.token_hex(16)
        headers = {
            "Wechatpay-Timestamp": stamp,
            "Wechatpay-Nonce": nonce,
            "Wechatpay-Serial": SANDBOX_SERIAL,
            "Wechatpay-Signature": self._signature(notification_message(stamp, nonce, body)),
            "Wechatpay-Signature-Type": "HMAC-SHA256",
        }
        return headers, body

    def _verified_resource(self, headers: dict[str, str], body: bytes) -> dict[str, Any]:
        timestamp, nonce, signature, serial = signed_headers(lower_headers(headers))
        if serial != SANDBOX_SERIAL:
            raise NotificationRejected(f"unknown platform key serial {serial}", 401)
        expected = self._signature(notification_message(timestamp, nonce, body))
        if not hmac.compare_digest(expected, signature):
            raise NotificationRejected("signature does not verify", 401)
        envelope = parse_json_object(body)
        return decrypt_resource(self._apiv3_key, envelope.get("resource"))

    async def parse_refund_notification(self, headers: dict[str, str], body: bytes) -> RefundNotification:
        data = self._verified_resource(headers, body)
        refund_no, order_no, amount, succeeded = refund_notification(data)
        return RefundNotification(refund_no, order_no, amount, succeeded, data)

    async def parse_notification(self, headers: dict[str, str], body: bytes) -> PaymentNotification:
        data = self._verified_resource(headers, body)
        order_no, transaction_id, amount, succeeded = transaction_notification(data)
        notification = PaymentNotification(order_no, transaction_id, amount, succeeded, data)
        if succeeded:
            self._payments[order_no] = notification
        return notification

    async def query_payment(self, order_no: str) -> PaymentNotification | None:
        return self._payments.get(order_no)

    async def refund(self, request: RefundRequest) -> dict[str, Any]:
        return {"refund_id": f"sandbox-refund-{request.refund_no}", "status": "SUCCESS"}
