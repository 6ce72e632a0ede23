"""Encryption of personal data at rest (AES-256-GCM with key ids) and blind indexes.

Ciphertexts look like ``v1.<key id>.<base64url(nonce | ciphertext+tag)>``: the key id lets
old rows stay readable after the active key rotates. Blind indexes are HMAC-SHA256 of the
normalised value under a key derived from a data key, so equality look-ups work without
decrypting every row. New values are indexed under the active data key; look-ups try every
data key's index (rotation) and the legacy one derived from the token secret (rows written
before — ``kaidian db reindex`` moves them to the active key, after which the token secret can
rotate without breaking phone look-ups).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

FORMAT_VERSION = "v1"
NONCE_BYTES = 12


class DecryptionError(ValueError):
    pass


def cipher_for(settings: Any) -> FieldCipher:
    """The app's field cipher from its settings (``core.settings.Settings``). The token secret
    only finds phone numbers indexed before the data keys indexed them (``kaidian db reindex``)."""
    return FieldCipher(settings.decoded_data_keys(), legacy_index_secret=settings.secret_key)


class FieldCipher:
    def __init__(self, keys: list[tuple[str, bytes]], legacy_index_secret: str | None = None) -> None:
        if not keys:
            raise ValueError("at least one data key is required")
        self.active_key_id = keys[0][0]
        self._keys = {key_id: AESGCM(raw) for key_id, raw in keys}
        self._index_keys = [hmac.new(raw, b"kaidian-blind-index", hashlib.sha256).digest() for _, raw in keys]
        self._legacy_index_key = (
            hashlib.sha256(b"kaidian-blind-index|" + legacy_index_secret.encode()).digest() if legacy_index_secret else None
        )

    def encrypt(self, plaintext: str, *, context: str = "") -> str:
        """Encrypt ``plaintext``; ``context`` (e.g. "customer.phone") is bound as associated data."""
        nonce = os.urandom(NONCE_BYTES)
        sealed = self._keys[self.active_key_id].encrypt(
            nonce, plaintext.encode(), context.encode()
        )
        payload = base64.urlsafe_b64encode(nonce + sealed).decode().rstrip("=")
        return f"{FORMAT_VERSION}.{self.active_key_id}.{payload}"

    def decrypt(self, token: str, *, context: str = "") -> str:
        try:
            version, key_id, payload = token.split(".", 2)
        except ValueError as exc:
            raise DecryptionError("malformed ciphertext") from exc
        if version != FORMAT_VERSION or key_id not in self._keys:
            raise DecryptionError(f"unknown key id {key_id!r}")
        raw = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
        try:
            plain = self._keys[key_id].decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], context.encode())
        except InvalidTag as exc:
            raise DecryptionError("ciphertext failed authentication") from exc
        return plain.decode()

    def needs_rotation(self, token: str) -> bool:
        return token.split(".", 2)[1] != self.active_key_id

    def blind_index(self, value: str, *, context: str) -> str:
        """The index to store with a new value (under the active data key)."""
        return _index(self._index_keys[0], value, context)

    def blind_indexes(self, value: str, *, context: str) -> list[str]:
        """Every index a stored row of ``value`` may carry: look up with ``…_index__in``."""
        keys = [*self._index_keys, *([self._legacy_index_key] if self._legacy_index_key else [])]
        return list(dict.fromkeys(_index(key, value, context) for key in keys))


def _index(key: bytes, value: str, context: str) -> str:
    return hmac.new(key, f"{context}|{value}".encode(), hashlib.sha256).hexdigest()


PHONE_PATTERN = re.compile(r"^1[3-9]\d{9}$")
# What request bodies accept as a mainland mobile number (documented in the OpenAPI schema):
# an optional +86/86 prefix, then 1[3-9] and nine digits, with spaces or dashes between groups.
# It also bounds the length (no maxLength: surrounding whitespace is trimmed before checks).
PHONE_INPUT_PATTERN = r"^\s*(?:\+?86[\s-]?)?1[3-9](?:[\s-]?\d){9}\s*$"


def normalize_phone(phone: str) -> str:
    """Mainland mobile numbers: strip spaces, dashes and a +86/86 prefix."""
    digits = re.sub(r"[\s\-()]", "", phone)
    if digits.startswith("+86"):
        digits = digits[3:]
    elif digits.startswith("86") and len(digits) == 13:
        digits = digits[2:]
    return digits


def is_valid_phone(phone: str) -> bool:
    return bool(PHONE_PATTERN.match(normalize_phone(phone)))


def mask_phone(phone: str | None) -> str | None:
    """138****1234 — what staff-facing responses and logs show."""
    if not phone:
        return phone
    if len(phone) < 7:
        return "*" * len(phone)
    return f"{phone[:3]}****{phone[-4:]}"


def mask_text(text: str | None, keep: int = 1) -> str | None:
    """Mask names and street addresses: keep the first ``keep`` characters."""
    if not text:
        return text
    return text[:keep] + "*" * max(len(text) - keep, 1)
