"""Message rules shared by WeChat Pay v3 and the sandbox: signed text, clock window, AEAD.

WeChat Pay v3 signs ``timestamp\\nnonce\\nbody\\n`` and encrypts a notification's ``resource``
with AEAD_AES_256_GCM under the merchant's APIv3 key. The sandbox follows the same rules
with its own keys, so the demo exercises the same code path as production.
"""

from __future__ import annotations

import base64
import json
import secrets
import time
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from core.payments.provider import NotificationRejected

# WeChat's rule: a notification whose timestamp is more than 5 minutes off is refused.
MAX_CLOCK_SKEW_S = 300
# WeChat sends probes with this signature prefix to check that merchants really verify.
SIGNATURE_PROBE_PREFIX = "WECHATPAY/SIGNTEST/"
AEAD_ALGORITHM = "AEAD_AES_256_GCM"


def lower_headers(headers: Any) -> dict[str, str]:
    return {str(key).lower(): str(value) for key, value in dict(headers).items()}


def notification_message(timestamp: str, nonce: str, body: bytes) -> bytes:
    return timestamp.encode() + b"\n" + nonce.encode() + b"\n" + body + b"\n"


def signed_headers(headers: dict[str, str]) -> tuple[str, str, str, str]:
    """``(timestamp, nonce, signature, serial)`` after the checks that need no key."""
    try:
        timestamp = headers["wechatpay-timestamp"]
        nonce = headers["wechatpay-nonce"]
        signature = headers["wechatpay-signature"]
        serial = headers["wechatpay-serial"]
    except KeyError as exc:
        raise NotificationRejected(f"missing header {exc.args[0]}", 401) from None
    if signature.startswith(SIGNATURE_PROBE_PREFIX):
        raise NotificationRejected("signature probe refused", 401)
    check_timestamp(timestamp)
    return timestamp, nonce, signature, serial


def check_timestamp(timestamp: str, now: float | None = None) -> None:
    try:
        sent = int(timestamp)
    except ValueError:
        raise NotificationRejected("malformed timestamp", 401) from None
    current = time.time() if now is None else now
    if abs(current - sent) > MAX_CLOCK_SKEW_S:
        raise NotificationRejected("timestamp outside the 300 s window", 401)


def decrypt_resource(apiv3_key: bytes, resource: Any) -> dict[str, Any]:
    if not isinstance(resource, dict) or resource.get("algorithm") != AEAD_ALGORITHM:
        raise NotificationRejected("unsupported or missing resource algorithm")
    try:
        nonce = str(resource["nonce"]).encode()
        associated = resource.get("associated_data")
        ciphertext = base64.b64decode(resource["ciphertext"], validate=True)
        plain = AESGCM(apiv3_key).decrypt(nonce, ciphertext, associated.encode() if associated else None)
        data = json.loads(plain)
    except (KeyError, ValueError, InvalidTag, TypeError):
        raise NotificationRejected("resource could not be decrypted") from None
    if not isinstance(data, dict):
        raise NotificationRejected("resource is not an object")
    return data


def encrypt_resource(apiv3_key: bytes, data: dict[str, Any], associated_data: str = "transaction") -> dict[str, str]:
    """The inverse of ``decrypt_resource`` (sandbox notifications and test fakes)."""
    nonce = secrets.token_hex(6)  # WeChat uses 12-character nonces
    ciphertext = AESGCM(apiv3_key).encrypt(
        nonce.encode(), json.dumps(data, ensure_ascii=False).encode(), associated_data.encode()
    )
    return {
        "algorithm": AEAD_ALGORITHM,
        "ciphertext": base64.b64encode(ciphertext).decode(),
        "associated_data": associated_data,
        "original_type": "transaction",
        "nonce": nonce,
    }


def parse_json_object(body: bytes) -> dict[str, Any]:
    try:
        data = json.loads(body)
    except ValueError:
        raise NotificationRejected("body is not JSON") from None
    if not isinstance(data, dict):
        raise NotificationRejected("body is not an object")
    return data


def transaction_notification(data: dict[str, Any]) -> tuple[str, str, int, bool]:
    """``(out_trade_no, transaction_id, total_fen, succeeded)`` from a decrypted transaction."""
    try:
        amount = int(data["amount"]["total"])
        return str(data["out_trade_no"]), str(data.get("transaction_id") or ""), amount, data.get("trade_state") == "SUCCESS"
    except (KeyError, TypeError, ValueError):
        raise NotificationRejected("transaction lacks out_trade_no or amount") from None


def refund_notification(data: dict[str, Any]) -> tuple[str, str, int, bool]:
    """``(out_refund_no, out_trade_no, refund_fen, succeeded)`` from a decrypted refund result."""
    try:
        return str(data["out_refund_no"]), str(data["out_trade_no"]), int(data["amount"]["refund"]), data.get("refund_status") == "SUCCESS"
    except (KeyError, TypeError, ValueError):
        raise NotificationRejected("refund result lacks out_refund_no or amount") from None
