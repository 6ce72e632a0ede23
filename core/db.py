"""Data layer: Tortoise ORM configuration, start-up/shut-down and migrations.

Core's models and each plugin's models form separate Tortoise apps labelled by plugin name,
each with its own migrations package. Migrations are Tortoise's own operation-based files, so
one migration set serves SQLite, MariaDB/MySQL and PostgreSQL.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import AbstractAsyncContextManager, contextmanager, nullcontext
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from tortoise import Tortoise
from tortoise.migrations.api.migrate import migrate as tortoise_migrate

from core.plugin_host import CORE_PLUGIN, PluginHost
from core.shop_memo import forget_everything
from core.settings import Settings

if TYPE_CHECKING:
    from core.security.crypto import FieldCipher

logger = logging.getLogger("kaidian.db")
# The field cipher of the database being upgraded, for data migrations that encrypt rows.
_upgrading_cipher: ContextVar[FieldCipher | None] = ContextVar("kaidian_upgrading_cipher", default=None)


# Every MySQL/MariaDB connection reads at READ COMMITTED, as PostgreSQL does by default. Our
# rules lock a row and then check with plain reads ("this customer holds no other slot"); at
# InnoDB's default REPEATABLE READ those reads see the snapshot the transaction took at its
# first read, not what a transaction that held the lock before just committed, so two taps of
# one customer could both pass a "one per customer" check.
MYSQL_SESSION_SETUP = "SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED"


def connection_url(settings: Settings) -> str:
    """The database URL with the pool size applied where the driver pools connections, and
    (MySQL/MariaDB) each new connection set to READ COMMITTED."""
    url = settings.database_url
    if settings.is_sqlite:
        # WAL (tortoise's default) with synchronous=NORMAL: commits stop waiting for an fsync
        # each, and the file still cannot be corrupted by a crash (only the last commits lost).
        parts = urlsplit(url)
        query = dict(parse_qsl(parts.query))
        query.setdefault("synchronous", "NORMAL")
        return urlunsplit(parts._replace(query=urlencode(query)))
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    query.setdefault("maxsize", str(settings.database_pool_size))
    query.setdefault("minsize", "1")
    if settings.database_scheme == "mysql":
        query.setdefault("charset", "utf8mb4")
        query.setdefault("init_command", MYSQL_SESSION_SETUP)  # asyncmy runs it on every connection it opens
    return urlunsplit(parts._replace(query=urlencode(query)))


# Core keeps each domain in its own Tortoise app so domains migrate independently.
CORE_APP_LABELS = ("core", "catalog", "trade", "analytics", "agency")


def model_apps(host: PluginHost) -> dict[str, dict[str, Any]]:
    """Tortoise apps from every plugin's ``kaidian_register_models`` contributions.

    A plugin's models form the app labelled with the plugin's name; core alone may name
    its apps (``app=``), one per domain.
    """
    apps: dict[str, dict[str, Any]] = {}
    for contribution in host.registrations("kaidian_register_models"):
        names = ("module_path", "migrations", "app")
        values = {**dict(zip(names, contribution.args)), **contribution.kwargs}
        module_path = values["module_path"]
        label = contribution.plugin
        if values.get("app"):
            if contribution.plugin != CORE_PLUGIN or values["app"] not in CORE_APP_LABELS:
                raise ValueError(f"plugin {contribution.plugin!r} may not name the model app {values['app']!r}")
            label = values["app"]
        app = apps.setdefault(
            label,
            {
                "models": [],
                "default_connection": "default",
                "migrations": values.get("migrations") or module_path.rsplit(".", 1)[0] + ".migrations",
            },
        )
        app["models"].append(module_path)
    return apps


def tortoise_config(settings: Settings, host: PluginHost) -> dict[str, Any]:
    return {
        "connections": {"default": connection_url(settings)},
        "apps": model_apps(host),
        "use_tz": True,
        "timezone": "UTC",
    }


def db_ready() -> bool:
    """Whether an ORM context is already set up for this process (e.g. by a test fixture)."""
    from tortoise.context import get_current_context

    context = get_current_context()
    return context is not None and context.inited


def joined_transaction() -> AbstractAsyncContextManager[Any]:
    """The caller's transaction when there is one, else a new one. For a step whose callers
    roll back whole when it fails: a nested ``in_transaction`` would cost a SAVEPOINT and its
    RELEASE, two round trips on every checkout."""
    from tortoise.backends.base.client import TransactionalDBClient
    from tortoise.connection import get_connections
    from tortoise.transactions import in_transaction

    if isinstance(get_connections().get("default"), TransactionalDBClient):
        return nullcontext()
    return in_transaction()


async def init_db(config: dict[str, Any]) -> None:
    forget_everything()  # values remembered from another database must not be answered
    # The global fallback lets request tasks see the context the lifespan task created.
    await Tortoise.init(config=config, _enable_global_fallback=True)


async def close_db() -> None:
    await Tortoise.close_connections()


async def upgrade(config: dict[str, Any], *, create_db: bool = False, cipher: FieldCipher | None = None) -> None:
    """Apply every pending migration of core and of each loaded plugin. ``cipher`` (the app's,
    ``app.state.cipher``) is what data migrations encrypt existing rows with."""
    if create_db:
        await Tortoise.init(config=config, _create_db=True)
        await Tortoise.close_connections()
    with _cipher_for_migrations(cipher):
        await tortoise_migrate(config=config)
    await Tortoise.close_connections()


@contextmanager
def _cipher_for_migrations(cipher: FieldCipher | None) -> Iterator[None]:
    token = _upgrading_cipher.set(cipher)
    try:
        yield
    finally:
        _upgrading_cipher.reset(token)


def migration_cipher() -> FieldCipher:
    """For a data migration (``RunPython``) that encrypts existing rows: the data keys of the
    app being upgraded. Raises when ``upgrade`` was called without them and rows need them."""
    cipher = _upgrading_cipher.get()
    if cipher is None:
        raise RuntimeError("this migration encrypts existing rows: run it through `kaidian db upgrade` (core.db.upgrade(..., cipher=app.state.cipher))")
    return cipher


async def make_migrations(config: dict[str, Any], *, name: str | None = None) -> list[str]:
    """Write migration files for model changes (developer tool); returns the files written."""
    from tortoise.cli.cli import _ensure_migrations_package, tortoise_cli_context
    from tortoise.migrations.autodetector import MigrationAutodetector
    from tortoise.migrations.writer import format_migration_name

    apps_config = {label: dict(app) for label, app in config["apps"].items()}
    for label, app_config in apps_config.items():
        module, _ = _ensure_migrations_package(label, app_config)
        app_config["migrations"] = module
    full_config = {**config, "apps": apps_config}
    async with tortoise_cli_context(full_config) as ctx:
        writers = await MigrationAutodetector(ctx.apps, apps_config).changes()
    written = []
    for writer in writers:
        if name:
            number = int(writer.name.split("_", 1)[0]) if writer.name[:1].isdigit() else 1
            writer.name = format_migration_name(number, name)
        written.append(str(writer.write()))
    return written
