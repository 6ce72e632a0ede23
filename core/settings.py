"""Settings read from the environment (prefix ``KAIDIAN_``) or a ``.env`` file.

The embedded default needs nothing: SQLite under ``./var/`` and in-process cache.
Production points the same code at MySQL/PostgreSQL and Redis by URL.
"""

from __future__ import annotations

import base64
import binascii
import ipaddress
from pathlib import Path
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

SUPPORTED_DB_SCHEMES = ("sqlite", "mysql", "postgres", "asyncpg", "psycopg")
INSECURE_DEV_SECRET = "kaidian-dev-secret-change-me-0123456789abcdef"
# 32 zero-ish bytes are fine for the embedded demo only; production must set its own.
INSECURE_DEV_DATA_KEY = "dev1:" + base64.b64encode(b"kaidian-dev-data-key-32-bytes!!!").decode()


class SettingsError(RuntimeError):
    """Raised at start-up when the environment describes an unusable configuration."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="KAIDIAN_", env_file=".env", extra="ignore", validate_default=True
    )

    database_url: str = Field(
        default="sqlite://./var/kaidian.sqlite3",
        description="Tortoise DB URL: sqlite://PATH, mysql://user:pw@host:3306/db, postgres://…",
    )
    database_pool_size: int = Field(default=10, ge=1, le=500)
    redis_url: str | None = Field(
        default=None, description="redis://host:6379/0; unset = in-process fallbacks"
    )
    redis_key_prefix: str = Field(default="kaidian:", min_length=1)
    secret_key: str = Field(default=INSECURE_DEV_SECRET, min_length=32)
    data_encryption_keys: Annotated[list[str], NoDecode] = Field(
        default=[INSECURE_DEV_DATA_KEY],
        description="Comma-separated 'keyid:base64(32 bytes)'; the first one encrypts, all decrypt",
    )
    enabled_plugins: Annotated[list[str] | None, NoDecode] = Field(
        default=None, description="Comma-separated plugin names to load; unset = all installed"
    )
    disabled_plugins: Annotated[list[str], NoDecode] = Field(default=[])
    public_base_url: str = Field(default="http://127.0.0.1:8000")
    access_token_minutes: int = Field(default=120, ge=1, le=60 * 24 * 30)
    max_body_bytes: int = Field(default=2 * 1024 * 1024, ge=1024)
    media_dir: str = Field(default="./var/media", description="where uploaded product media are stored (local storage)")
    media_base_url: str | None = Field(
        default=None, description="public URL of the media store; unset = <public_base_url>/media served by this app"
    )
    search_backend: str = Field(
        default="builtin",
        description="product search: builtin = an index in each worker's memory; postgres = pg_trgm in the "
        "PostgreSQL database, shared by every instance (no index in any worker); or a plugin's backend",
    )
    trace_hooks: bool = False
    debug: bool = False
    wechat_provider: str = Field(
        default="wechat",
        pattern="^(sandbox|wechat)$",
        description="wechat = real WeChat login and payments; sandbox = free sandbox payments and "
        "`sandbox:<user>` logins for development (`kaidian demo` and the tests turn it on)",
    )
    development_mode: bool = Field(
        default=False,
        description="this server is for development: lets `kaidian serve`/`worker` run with "
        "KAIDIAN_WECHAT_PROVIDER=sandbox (anyone can pay without paying); never in production",
    )
    wechat_app_id: str | None = None
    wechat_app_secret: str | None = None
    run_jobs: bool = Field(
        default=True,
        description="run scheduled jobs and timers in this process; with Redis this makes each web "
        "process a queue worker too — set false when dedicated `kaidian worker` processes run them",
    )
    worker_concurrency: int = Field(default=10, ge=1, le=200, description="jobs one queue worker runs at once")
    webhook_allow_private_targets: bool = Field(
        default=False, description="let merchant webhooks target private/loopback addresses (development and tests only)"
    )
    business_timezone: str = Field(
        default="Asia/Shanghai", description="IANA zone whose calendar days the dashboard's 'today' and daily figures use"
    )
    commission_refund_window_days: int = Field(
        default=7, ge=0, le=365,
        description="days after an order is completed (receipt confirmed) before the agency's commission on it is booked; later refunds reverse their share",
    )
    mail_provider: str = Field(
        default="outbox", pattern="^(outbox|smtp)$",
        description="outbox = mails (owner invitations) are only kept in kd_agency_outbox_mail (the sandbox); smtp = also sent through KAIDIAN_SMTP_URL",
    )
    smtp_url: str | None = Field(default=None, description="smtp://user:password@host:587 (STARTTLS) or smtps://…:465 for mail_provider=smtp")
    mail_from: str = Field(default="kaidian@localhost", description="the From address of platform mail")
    analytics_url: str | None = Field(
        default=None,
        description="clickhouse://user:password@host:8123/database to keep analytics events in ClickHouse; unset = the main database",
    )
    analytics_retention_days: int = Field(default=400, ge=1, le=3650, description="days raw analytics events are kept (daily rollups stay)")
    analytics_batches_per_minute_per_device: int = Field(default=120, ge=1, description="event batches one device may send a minute")
    analytics_batches_per_minute_per_ip: int = Field(default=1200, ge=1, description="event batches one client address may send a minute")
    cors_allow_origins: Annotated[list[str], NoDecode] = Field(
        default=[], description="Comma-separated browser origins (e.g. an H5 storefront) allowed to call the API; empty = no CORS"
    )
    trusted_proxies: Annotated[list[str], NoDecode] = Field(
        default=["127.0.0.1", "::1"],
        description="Comma-separated addresses or networks (CIDR) of the reverse proxies whose X-Forwarded-For and "
        "X-Forwarded-Proto `kaidian serve` believes; '*' = any peer (only when nothing but the proxy can reach "
        "the server); empty = none. Everything that reads the client address (rate limits, the access log) "
        "then sees the customer's, not the proxy's",
    )

    @field_validator("data_encryption_keys", "enabled_plugins", "disabled_plugins", "cors_allow_origins", "trusted_proxies", mode="before")
    @classmethod
    def _split_csv(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

    @field_validator("trusted_proxies")
    @classmethod
    def _check_trusted_proxies(cls, value: list[str]) -> list[str]:
        for entry in value:
            if entry == "*":
                continue
            try:
                ipaddress.ip_network(entry, strict=False)
            except ValueError:
                raise ValueError(f"{entry!r} is not an IP address, a network such as 10.0.0.0/8, or '*'") from None
        return value

    @field_validator("database_url")
    @classmethod
    def _check_database_url(cls, value: str) -> str:
        scheme = value.split("://", 1)[0] if "://" in value else ""
        if scheme not in SUPPORTED_DB_SCHEMES:
            raise ValueError(
                f"unsupported scheme {scheme!r}; use one of {', '.join(SUPPORTED_DB_SCHEMES)}"
            )
        return value

    @field_validator("business_timezone")
    @classmethod
    def _check_business_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r}; use an IANA name such as Asia/Shanghai") from exc
        return value

    @field_validator("analytics_url")
    @classmethod
    def _check_analytics_url(cls, value: str | None) -> str | None:
        if value in (None, ""):
            return None
        if not value.startswith(("clickhouse://", "clickhouses://")):
            raise ValueError("must start with clickhouse:// or clickhouses://")
        return value

    @field_validator("redis_url")
    @classmethod
    def _check_redis_url(cls, value: str | None) -> str | None:
        if value in (None, ""):
            return None
        if not value.startswith(("redis://", "rediss://", "unix://")):
            raise ValueError("must start with redis://, rediss:// or unix://")
        return value

    @field_validator("data_encryption_keys")
    @classmethod
    def _check_data_keys(cls, value: list[str]) -> list[str]:
        if not value:
            raise ValueError("at least one key is required")
        seen: set[str] = set()
        for entry in value:
            key_id, sep, encoded = entry.partition(":")
            if not sep or not key_id:
                raise ValueError(f"{entry[:8]}… is not 'keyid:base64key'")
            if key_id in seen:
                raise ValueError(f"key id {key_id!r} appears twice")
            seen.add(key_id)
            try:
                raw = base64.b64decode(encoded, validate=True)
            except binascii.Error as exc:
                raise ValueError(f"key {key_id!r} is not valid base64") from exc
            if len(raw) != 32:
                raise ValueError(f"key {key_id!r} must decode to 32 bytes, got {len(raw)}")
        return value

    @model_validator(mode="after")
    def _check_public_url(self) -> Settings:
        if not self.public_base_url.startswith(("http://", "https://")):
            raise ValueError("public_base_url must start with http:// or https://")
        return self

    @property
    def database_scheme(self) -> str:
        return self.database_url.split("://", 1)[0]

    @property
    def is_sqlite(self) -> bool:
        return self.database_scheme == "sqlite"

    @property
    def sandbox_enabled(self) -> bool:
        """Sandbox payments (free) and ``sandbox:<user>`` logins are on."""
        return self.wechat_provider == "sandbox"

    def decoded_data_keys(self) -> list[tuple[str, bytes]]:
        keys = []
        for entry in self.data_encryption_keys:
            key_id, _, encoded = entry.partition(":")
            keys.append((key_id, base64.b64decode(encoded)))
        return keys

    def ensure_local_dirs(self) -> None:
        if self.is_sqlite:
            path = self.database_url.split("://", 1)[1].split("?", 1)[0]
            if path and path != ":memory:":
                Path(path).parent.mkdir(parents=True, exist_ok=True)


def load_settings(**overrides: object) -> Settings:
    """Build settings, turning pydantic's report into one readable start-up error."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        lines = []
        for error in exc.errors():
            name = ".".join(str(part) for part in error["loc"]) or "settings"
            lines.append(f"  KAIDIAN_{name.upper()}: {error['msg']}")
        raise SettingsError("invalid kaidian settings:\n" + "\n".join(lines)) from None


# Settings that hold a secret (or a URL that may carry a password): the README's "Secrets in
# production" lists each of them (tests/test_docs.py).
SECRET_SETTINGS = ("secret_key", "data_encryption_keys", "wechat_app_secret", "database_url", "redis_url", "analytics_url")
MAKE_SECRET_KEY = "python3 -c 'import secrets; print(secrets.token_urlsafe(48))'"
MAKE_DATA_KEY = "python3 -c 'import base64, os; print(\"k1:\" + base64.b64encode(os.urandom(32)).decode())'"


def production_refusals(settings: Settings) -> list[str]:
    """Why ``kaidian serve``/``worker`` must not start with these settings (empty: they may).

    The development secrets are public (they are in this repository), so tokens could be forged
    and personal data decrypted; the sandbox takes orders as paid without money and logs anyone
    in. ``kaidian demo`` and the test fixtures use them on purpose and never call this.
    """
    refusals = []
    if settings.secret_key == INSECURE_DEV_SECRET:
        refusals.append(
            "KAIDIAN_SECRET_KEY is the public development value: anyone could forge staff and customer "
            f"tokens. Make one with: {MAKE_SECRET_KEY}"
        )
    if INSECURE_DEV_DATA_KEY in settings.data_encryption_keys:
        refusals.append(
            "KAIDIAN_DATA_ENCRYPTION_KEYS contains the public development key: anyone could decrypt the personal "
            f"data it protects (customers' phone numbers and addresses, plugins' encrypted fields). Make one with: {MAKE_DATA_KEY}"
        )
    if settings.sandbox_enabled and not settings.development_mode:
        refusals.append(
            "KAIDIAN_WECHAT_PROVIDER=sandbox lets any customer mark orders paid without paying and log in as "
            "anyone (sandbox:<user> codes). Set KAIDIAN_WECHAT_PROVIDER=wechat (with KAIDIAN_WECHAT_APP_ID and "
            "KAIDIAN_WECHAT_APP_SECRET, or each shop's own mini-program), or KAIDIAN_DEVELOPMENT_MODE=true on a "
            "development server"
        )
    return refusals
