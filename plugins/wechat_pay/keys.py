"""Checking what a merchant pastes in (PEM keys, ids) and describing keys without revealing
them: a fingerprint is the SHA-256 of the public key, so it identifies a private key too."""

from __future__ import annotations

import hashlib
import re
from datetime import datetime

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from core.errors import InvalidInput
from core.payments.wechat_v3 import load_public_key

MCHID = re.compile(r"^\d{8,12}$")
APPID = re.compile(r"^wx[0-9A-Za-z]{16}$")
SERIAL = re.compile(r"^[0-9A-Fa-f]{8,64}$")
PUBLIC_KEY_ID = re.compile(r"^PUB_KEY_ID_[0-9A-Za-z_]{8,64}$")
APP_SECRET = re.compile(r"^[0-9A-Za-z]{32}$")
MIN_RSA_BITS = 2048


def invalid(field: str, zh: str, en: str) -> InvalidInput:
    return InvalidInput(field=field, reason={"zh-CN": zh, "en": en})


def check_pattern(field: str, value: str, pattern: re.Pattern[str], zh: str, en: str) -> str:
    if not pattern.match(value):
        raise invalid(field, zh, en)
    return value


def fingerprint(public_key: rsa.RSAPublicKey) -> str:
    der = public_key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return "SHA256:" + hashlib.sha256(der).hexdigest()[:32]


def parse_private_key(field: str, pem: str) -> rsa.RSAPrivateKey:
    """The merchant API key (apiclient_key.pem): an unencrypted RSA private key of ≥ 2048 bits."""
    try:
        key = serialization.load_pem_private_key(pem.encode(), password=None)
    except (ValueError, TypeError):
        raise invalid(field, "不是有效的 PEM 私钥（apiclient_key.pem，无密码）", "not a PEM private key (apiclient_key.pem, without a password)") from None
    if not isinstance(key, rsa.RSAPrivateKey):
        raise invalid(field, "商户 API 私钥须为 RSA 私钥", "the merchant API key must be an RSA private key")
    if key.key_size < MIN_RSA_BITS:
        raise invalid(field, "RSA 私钥至少 2048 位", "the RSA key must have at least 2048 bits")
    return key


def check_apiv3_key(field: str, value: str) -> bytes:
    raw = value.encode()
    if len(raw) != 32:
        raise invalid(field, "APIv3 密钥须为 32 个字节", "the APIv3 key must be exactly 32 bytes")
    return raw


def describe_platform_key(field: str, serial: str, pem: str) -> tuple[str, str, datetime | None]:
    """``(kind, fingerprint, expires_at)`` of a platform key; 422 naming ``field`` if it is not one.

    A ``PUB_KEY_ID_…`` serial takes a public key PEM; any other serial a platform certificate
    whose serial number it is.
    """
    is_key_id = serial.startswith("PUB_KEY_ID_")
    if is_key_id:
        check_pattern(f"{field}.serial", serial, PUBLIC_KEY_ID, "公钥 ID 格式应为 PUB_KEY_ID_…", "a public key id looks like PUB_KEY_ID_…")
    else:
        check_pattern(f"{field}.serial", serial, SERIAL, "平台证书序列号应为十六进制", "a platform certificate serial is hexadecimal")
    try:
        public_key = load_public_key(pem.encode())
    except (ValueError, TypeError):
        raise invalid(f"{field}.pem", "不是有效的 RSA 公钥或平台证书（PEM）", "not a PEM RSA public key or platform certificate") from None
    if "BEGIN CERTIFICATE" not in pem:
        if not is_key_id:
            raise invalid(f"{field}.pem", "证书序列号须配平台证书", "a certificate serial takes the platform certificate")
        return "public_key", fingerprint(public_key), None
    if is_key_id:
        raise invalid(f"{field}.pem", "公钥 ID 须配平台公钥（pub_key.pem）", "a public key id takes the platform public key (pub_key.pem)")
    certificate = x509.load_pem_x509_certificate(pem.encode())
    if certificate.serial_number != int(serial, 16):
        raise invalid(f"{field}.serial", "序列号与证书不符", "the serial does not match the certificate")
    return "certificate", fingerprint(public_key), certificate.not_valid_after_utc
