"""Settings: embedded defaults, production URLs, clear failure for invalid values."""

from __future__ import annotations

import base64

import pytest

from core.db import connection_url
from core.settings import SettingsError, load_settings


def test_defaults_are_the_embedded_setup(monkeypatch):
    for name in ("KAIDIAN_DATABASE_URL", "KAIDIAN_REDIS_URL"):
        monkeypatch.delenv(name, raising=False)
    settings = load_settings()
    assert settings.database_url.startswith("sqlite://./var/")
    assert settings.redis_url is None


def test_production_urls_and_pool_size_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("KAIDIAN_DATABASE_URL", "mysql://shop:pw@db.internal:3306/kaidian")
    monkeypatch.setenv("KAIDIAN_REDIS_URL", "redis://cache.internal:6379/0")
    monkeypatch.setenv("KAIDIAN_DATABASE_POOL_SIZE", "25")
    monkeypatch.setenv("KAIDIAN_ENABLED_PLUGINS", "coupons, group_buy")
    settings = load_settings()
    assert settings.redis_url == "redis://cache.internal:6379/0"
    assert settings.enabled_plugins == ["coupons", "group_buy"]
    url = connection_url(settings)
    assert "maxsize=25" in url and "charset=utf8mb4" in url


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("KAIDIAN_DATABASE_URL", "oracle://x", "KAIDIAN_DATABASE_URL: Value error, unsupported scheme 'oracle'"),
        ("KAIDIAN_REDIS_URL", "http://cache", "KAIDIAN_REDIS_URL: Value error, must start with redis://"),
        ("KAIDIAN_SECRET_KEY", "short", "KAIDIAN_SECRET_KEY: String should have at least 32 characters"),
        ("KAIDIAN_DATA_ENCRYPTION_KEYS", "k1:" + base64.b64encode(b"16-bytes-only!!!").decode(), "must decode to 32 bytes"),
        ("KAIDIAN_DATABASE_POOL_SIZE", "0", "KAIDIAN_DATABASE_POOL_SIZE"),
    ],
)
def test_invalid_settings_fail_with_a_message_naming_the_variable(monkeypatch, name, value, expected):
    monkeypatch.setenv(name, value)
    with pytest.raises(SettingsError) as caught:
        load_settings()
    assert expected in str(caught.value)


def test_rotated_data_keys_still_decrypt_old_rows():
    from core.security.crypto import FieldCipher

    old_key = ("k1", b"a" * 32)
    new_key = ("k2", b"b" * 32)
    before = FieldCipher([old_key], "secret").encrypt("13812345678", context="customer.phone")
    after = FieldCipher([new_key, old_key], "secret")
    assert after.decrypt(before, context="customer.phone") == "13812345678"
    assert after.needs_rotation(before)
    assert after.encrypt("x").startswith("v1.k2.")
    with pytest.raises(ValueError):
        after.decrypt(before, context="address.phone")  # bound to its column
