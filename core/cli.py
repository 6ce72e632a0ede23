"""The ``kaidian`` command line: demo, serve, worker, database migrations, plugins, shops and staff accounts.

Heavy imports (Litestar, Tortoise, uvicorn) happen inside the commands so ``kaidian --help``
answers at once. Every expected failure (bad settings, unreachable database, invalid input)
ends with one readable paragraph on stderr and a non-zero exit code, never a traceback.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import typer
from typer.core import TyperGroup
from rich.console import Console
from rich.table import Table

if TYPE_CHECKING:
    from litestar import Litestar

    from core.settings import Settings

# Exit codes: 1 = the operation failed, 2 = the configuration or the command line is wrong.
EXIT_FAILED = 1
EXIT_USAGE = 2
DEMO_DATABASE_URL = "sqlite://./var/kaidian.sqlite3"

class CommandsWithPlugins(TyperGroup):
    """kaidian's commands and those plugins add through ``kaidian_register_commands`` (the
    builder's ``build``…). Plugins are loaded only when a command is not core's own (or for
    ``--help``), so ``serve`` and ``worker`` start without importing every plugin twice."""

    _from_plugins: dict[str, Any] | None = None

    def plugin_commands(self) -> dict[str, Any]:
        if self._from_plugins is None:
            self._from_plugins = plugin_commands()
        return self._from_plugins

    def list_commands(self, ctx: Any) -> list[str]:
        own = super().list_commands(ctx)
        return own + sorted(name for name in self.plugin_commands() if name not in own)

    def get_command(self, ctx: Any, name: str) -> Any:
        return super().get_command(ctx, name) or self.plugin_commands().get(name)


def plugin_commands() -> dict[str, Any]:
    """Click commands of ``kaidian_register_commands``: ``register(function, name=None)`` with
    a Typer command function (its parameters are the options)."""
    from core.plugin_host import PluginHost
    from core.registries import bind

    host = PluginHost()
    host.load()
    commands: dict[str, Any] = {}
    for item in host.registrations("kaidian_register_commands"):
        values = bind(item, ("function", "name"))
        single = typer.Typer(add_completion=False, pretty_exceptions_enable=False)
        single.command(name=values.get("name"))(values["function"])
        command = typer.main.get_command(single)
        commands.setdefault(command.name, command)
    return commands


cli = typer.Typer(
    cls=CommandsWithPlugins,
    name="kaidian",
    help="kaidian 开店 — plugin-based storefront builder for e-commerce mini-programs.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
db_cli = typer.Typer(help="Database migrations.", no_args_is_help=True)
plugin_cli = typer.Typer(help="Installed plugins and new plugin projects.", no_args_is_help=True)
cli.add_typer(db_cli, name="db")
cli.add_typer(plugin_cli, name="plugin")

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


def fail(message: str, code: int = EXIT_FAILED) -> NoReturn:
    err.print(f"[bold red]error:[/] {message}", soft_wrap=True)
    raise typer.Exit(code)


def process_age_seconds() -> float:
    """Seconds since this process started (interpreter start-up included), from /proc on Linux."""
    try:
        start_ticks = int(Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()[19])
        uptime = float(Path("/proc/uptime").read_text().split()[0])
        return max(0.0, uptime - start_ticks / os.sysconf("SC_CLK_TCK"))
    except (OSError, ValueError, IndexError):
        return time.perf_counter() - _IMPORTED_AT


_IMPORTED_AT = time.perf_counter()


def load_cli_settings(**overrides: Any) -> Settings:
    from core.settings import SettingsError, load_settings

    try:
        return load_settings(**overrides)
    except SettingsError as exc:
        fail(f"{exc}\nSet the variables in the environment or in ./.env and try again.", EXIT_USAGE)


def build_app(settings: Settings) -> Litestar:
    """The same app ``serve`` runs, so migrations and listings see the same plugins."""
    from core.app import create_app

    try:
        return create_app(settings)
    except Exception as exc:  # a plugin that registers something invalid stops start-up
        fail(f"the app could not be built: {exc}")


def describe_database(settings: Settings) -> str:
    """The database URL with any password hidden, for messages."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(settings.database_url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        return urlunsplit(parts._replace(netloc=netloc))
    return settings.database_url


async def _database_reachable(config: dict[str, Any]) -> bool:
    from tortoise import Tortoise, connections

    try:
        await Tortoise.init(config=config)
        await connections.get("default").execute_query("SELECT 1")
        return True
    except Exception:
        return False
    finally:
        await Tortoise.close_connections()


async def _upgrade(settings: Settings, config: dict[str, Any]) -> None:
    from core.db import upgrade
    from core.security.crypto import cipher_for

    # A server database that does not exist yet is created; SQLite creates its file itself.
    create_db = not settings.is_sqlite and not await _database_reachable(config)
    await upgrade(config, create_db=create_db, cipher=cipher_for(settings))


def run_upgrade(settings: Settings, config: dict[str, Any]) -> None:
    try:
        asyncio.run(_upgrade(settings, config))
    except Exception as exc:
        fail(f"migrating {describe_database(settings)} failed: {type(exc).__name__}: {exc}")


# ------------------------------------------------------------------------------------------
# demo and serve
# ------------------------------------------------------------------------------------------


def demo_settings(host: str, port: int) -> Settings:
    """SQLite under ./var/ (or the SQLite URL in KAIDIAN_DATABASE_URL), the sandbox; other settings from env."""
    overrides: dict[str, Any] = {}
    if not os.environ.get("KAIDIAN_DATABASE_URL", "").startswith("sqlite"):
        overrides["database_url"] = DEMO_DATABASE_URL
    if not os.environ.get("KAIDIAN_PUBLIC_BASE_URL"):
        overrides["public_base_url"] = f"http://{host}:{port}"
    settings = load_cli_settings(**overrides)
    if "wechat_provider" not in settings.model_fields_set:
        # The demo pays and logs in with the sandbox unless the environment or .env names a provider.
        settings = settings.model_copy(update={"wechat_provider": "sandbox"})
    return settings


async def _seed(config: dict[str, Any], app: Litestar) -> Any:
    from core.catalog.media_storage import media_storage
    from core.db import close_db, init_db
    from core.demo import seed_demo

    await init_db(config)
    try:
        from core.analytics.store import app_store

        analytics = (app_store(app), app.state.settings.business_timezone)
        return await seed_demo(app.state.host, media_storage(app), app.state.settings.public_base_url, analytics, app.state.settings)
    finally:
        await close_db()


def _serve_with_banner(app: Litestar, host: str, port: int, banner: Any) -> None:
    import uvicorn

    class AnnouncingServer(uvicorn.Server):
        async def startup(self, sockets: Any = None) -> None:
            await super().startup(sockets)
            if self.started:
                banner(process_age_seconds())

    config = uvicorn.Config(app, host=host, port=port, log_level="info", access_log=False)
    AnnouncingServer(config).run()


@cli.command()
def demo(
    host: str = typer.Option("127.0.0.1", help="Interface to listen on."),
    port: int = typer.Option(8000, help="Port to listen on."),
) -> None:
    """Migrate a local SQLite database, seed a demo shop and serve it."""
    settings = demo_settings(host, port)
    app = build_app(settings)
    run_upgrade(settings, app.state.db_config)
    try:
        seed = asyncio.run(_seed(app.state.db_config, app))
    except Exception as exc:
        fail(f"seeding the demo shop failed: {type(exc).__name__}: {exc}")
    base = f"http://{host}:{port}"

    def banner(started_in: float) -> None:
        out.print(f"\n[bold]kaidian 开店 demo[/] — ready in [bold green]{started_in:.2f} s[/]")
        out.print(f"  demo shop     {seed.shop_name} (id {seed.shop_id})")
        out.print(f"  staff login   {seed.email} / {seed.password}")
        out.print(f"  admin         {base}/admin  (log in with the staff login above)")
        if seed.history is not None:
            history = seed.history
            out.print(
                f"  history       {len(history.purchases)} orders of {history.customers} customers over the last month "
                f"(written in {history.seconds:.1f} s)"
            )
        out.print(f"  home          {base}/")
        out.print(f"  API docs      {base}/schema")
        out.print(f"  login API     POST {base}/api/admin/auth/login")
        out.print(f"  plugins       {base}/api/plugins")
        out.print(f"  database      {describe_database(settings)}")
        out.print("  stop with Ctrl+C\n")

    _serve_with_banner(app, host, port, banner)


def refuse_development_settings(settings: Settings, command: str) -> None:
    """Stop ``serve``/``worker`` on public development secrets or the sandbox (exit 2)."""
    from core.settings import production_refusals

    refusals = production_refusals(settings)
    if refusals:
        reasons = "\n".join(f"  - {reason}" for reason in refusals)
        fail(
            f"kaidian {command} refuses to start with development settings:\n{reasons}\n"
            "Set the variables in the environment or in ./.env (`kaidian demo` runs a development server).",
            EXIT_USAGE,
        )
    if settings.sandbox_enabled:
        err.print(
            "[bold yellow]warning:[/] KAIDIAN_DEVELOPMENT_MODE=true with the sandbox: orders can be paid "
            "without money and anyone can log in — never let real customers use this server.",
            soft_wrap=True,
        )


@cli.command()
def serve(
    host: str = typer.Option("127.0.0.1", help="Interface to listen on (0.0.0.0 for all)."),
    port: int = typer.Option(8000, help="Port to listen on."),
    workers: int = typer.Option(1, min=1, help="Worker processes."),
) -> None:
    """Serve the app with production settings from the environment (run `db upgrade` first)."""
    settings = load_cli_settings()  # fail here, once, rather than in every worker
    refuse_development_settings(settings, "serve")
    import uvicorn

    from core.access_log import serve_log_config

    uvicorn.run(
        "core.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        # X-Forwarded-For/-Proto only from KAIDIAN_TRUSTED_PROXIES (uvicorn would otherwise fall
        # back to its own FORWARDED_ALLOW_IPS variable): a client cannot pick its own address.
        proxy_headers=bool(settings.trusted_proxies),
        forwarded_allow_ips=",".join(settings.trusted_proxies) or "127.0.0.1",
        log_level="info",
        log_config=serve_log_config(),  # phone numbers and other personal query values masked
    )


async def _work(app: Litestar) -> None:
    from core.db import close_db, init_db
    from core.job_queue import QueueWorker

    settings = app.state.settings
    await init_db(app.state.db_config)
    try:
        worker = QueueWorker(
            app, app.state.registries.jobs, concurrency=settings.worker_concurrency, handle_signals=True
        )
        out.print(
            f"kaidian worker on queue {worker.queue.name} ({len(app.state.registries.jobs)} scheduled jobs, "
            f"up to {settings.worker_concurrency} at once); stop with Ctrl+C"
        )
        await worker.run()
    finally:
        await close_db()


@cli.command()
def worker() -> None:
    """Run scheduled jobs and durable timers from the Redis queue until stopped (SIGINT/SIGTERM).

    Start as many as you like: each job tick and each timer runs on one of them. Set
    KAIDIAN_RUN_JOBS=false on `serve` processes to leave the jobs to the workers.
    """
    settings = load_cli_settings()
    if not settings.redis_url:
        fail(
            "kaidian worker needs KAIDIAN_REDIS_URL (the job queue lives in Redis); "
            "without Redis, `kaidian serve` runs the jobs in process.",
            EXIT_USAGE,
        )
    refuse_development_settings(settings, "worker")
    app = build_app(settings)
    try:
        asyncio.run(_work(app))
    except Exception as exc:
        fail(f"the worker stopped: {type(exc).__name__}: {exc}")


# ------------------------------------------------------------------------------------------
# db
# ------------------------------------------------------------------------------------------


@db_cli.command("upgrade")
def db_upgrade() -> None:
    """Apply pending migrations of core and every loaded plugin (creates the database if missing)."""
    settings = load_cli_settings()
    app = build_app(settings)
    run_upgrade(settings, app.state.db_config)
    apps = ", ".join(app.state.db_config["apps"])
    out.print(f"database {describe_database(settings)} is up to date ({apps})")


async def _reindex(config: dict[str, Any], cipher: Any, indexes: list[Any]) -> int:
    from core.db import close_db, init_db
    from core.security.blind_indexes import reindex_blind_indexes

    await init_db(config)
    try:
        return await reindex_blind_indexes(cipher, indexes)
    finally:
        await close_db()


@db_cli.command("reindex")
def db_reindex() -> None:
    """Re-index blind-indexed values (phone numbers of customers, addresses and plugins' records)
    under the active data key (after upgrading or rotating keys)."""
    settings = load_cli_settings()
    app = build_app(settings)
    try:
        changed = asyncio.run(_reindex(app.state.db_config, app.state.cipher, app.state.registries.blind_indexes))
    except Exception as exc:
        fail(f"re-indexing failed: {type(exc).__name__}: {exc}")
    out.print(f"{changed} blind-indexed values (phone numbers) re-indexed under data key {app.state.cipher.active_key_id}")


@db_cli.command("makemigrations")
def db_makemigrations(
    name: str = typer.Option(None, help="Suffix for the new migration files."),
) -> None:
    """Write migration files for model changes (developer tool)."""
    from core.db import make_migrations

    settings = load_cli_settings()
    app = build_app(settings)
    try:
        written = asyncio.run(make_migrations(app.state.db_config, name=name))
    except Exception as exc:
        fail(f"makemigrations failed: {type(exc).__name__}: {exc}")
    if not written:
        out.print("no model changes")
    for path in written:
        out.print(f"wrote {path}")


# ------------------------------------------------------------------------------------------
# plugins
# ------------------------------------------------------------------------------------------


def plugin_rows(settings: Settings) -> list[dict[str, Any]]:
    from core.plugin_host import PluginHost

    # Listing needs discovery and compatibility checks only, not a whole app.
    host = PluginHost(only=settings.enabled_plugins, exclude=settings.disabled_plugins)
    host.load()
    return [
        {
            "name": row["name"],
            "version": row.get("version"),
            "status": row["status"],
            "enabled_by_default": row.get("enabled_by_default"),
            "distribution": row.get("distribution"),
            "requires_core": row.get("requires_core"),
            "hooks": row.get("hooks", []),
            "reason": row.get("reason"),
        }
        for row in host.describe()
    ]


@plugin_cli.command("list")
def plugin_list(
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
) -> None:
    """Installed plugins: version, loaded or refused (with the reason), source distribution."""
    settings = load_cli_settings()
    rows = plugin_rows(settings)
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    table = Table("name", "version", "status", "distribution", "reason")
    for row in rows:
        status = "[green]loaded[/]" if row["status"] == "loaded" else "[red]refused[/]"
        table.add_row(row["name"], row["version"] or "?", status, row["distribution"] or "-", row["reason"] or "")
    out.print(table)


@plugin_cli.command("new")
def plugin_new(
    name: str = typer.Argument(..., help="Plugin name: lower-case letters, digits and _ (e.g. gift_cards)."),
    out_dir: Path = typer.Option(None, "--out", help="Directory to create (default ./kaidian-NAME)."),
    title_zh: str = typer.Option(None, "--title-zh", help="Chinese title (default: NAME)."),
    title_en: str = typer.Option(None, "--title-en", help="English title (default: NAME in title case)."),
) -> None:
    """Scaffold a separately installable plugin distribution."""
    from core.scaffold import ScaffoldError, scaffold_plugin

    settings = load_cli_settings()
    taken = {row["name"] for row in plugin_rows(settings)}
    target = out_dir or Path(f"kaidian-{name.replace('_', '-')}")
    try:
        files = scaffold_plugin(name, target, taken=taken, title_zh=title_zh, title_en=title_en)
    except ScaffoldError as exc:
        fail(str(exc), EXIT_USAGE)
    out.print(f"created plugin [bold]{name}[/] in {target} ({len(files)} files)")
    out.print("next steps:")
    out.print(f"  pip install -e {target}")
    out.print(f"  pytest {target}")
    out.print("  kaidian db upgrade && kaidian plugin list")


# ------------------------------------------------------------------------------------------
# staff accounts
# ------------------------------------------------------------------------------------------


async def _create_staff(
    config: dict[str, Any], *, email: str, password: str | None, shop_id: int, role: str, display_name: str
) -> tuple[Any, bool]:
    from core.accounts.models import StaffAccount, StaffRole
    from core.accounts.services import create_staff, grant_role
    from core.db import close_db, init_db
    from core.shops.models import Shop

    await init_db(config)
    try:
        shop = await Shop.get_or_none(id=shop_id)
        if shop is None:
            raise LookupError(f"there is no shop with id {shop_id}")
        staff = await StaffAccount.get_or_none(email=email.strip().lower())
        created = staff is None
        if staff is None:
            if password is None:
                password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
            staff = await create_staff(
                agency_id=shop.agency_id,  # type: ignore[attr-defined]
                email=email,
                password=password,
                display_name=display_name,
            )
        await grant_role(staff.id, shop.id, StaffRole(role))
        return staff, created
    finally:
        await close_db()


@cli.command()
def createstaff(
    email: str = typer.Option(..., help="Login e-mail."),
    shop_id: int = typer.Option(..., "--shop-id", help="Shop the role applies to."),
    role: str = typer.Option("owner", help="owner, operator or customer_service."),
    password: str = typer.Option(None, help="Password (asked for when omitted)."),
    display_name: str = typer.Option(None, "--display-name", help="Name shown in the admin."),
) -> None:
    """Create a staff account with a role in one shop (an existing account just gets the role)."""
    from core.accounts.models import StaffRole
    from core.errors import KaidianError

    roles = [str(member) for member in StaffRole]
    if role not in roles:
        fail(f"--role must be one of {', '.join(roles)}, not {role!r}", EXIT_USAGE)
    settings = load_cli_settings()
    app = build_app(settings)
    try:
        staff, created = asyncio.run(
            _create_staff(
                app.state.db_config,
                email=email,
                password=password,
                shop_id=shop_id,
                role=role,
                display_name=display_name or email.split("@", 1)[0],
            )
        )
    except (typer.Abort, typer.Exit):
        raise
    except KaidianError as exc:
        fail(f"{exc.field or 'input'}: {exc.message('en')}")
    except LookupError as exc:
        fail(str(exc))
    except Exception as exc:
        fail(f"{type(exc).__name__}: {exc} (did you run `kaidian db upgrade`?)")
    action = "created as" if created else "already existed; now"
    out.print(f"staff {staff.email} (id {staff.id}) {action} {role} in shop {shop_id}")


def shop_slug(name: str) -> str:
    """A slug from the shop name's ASCII letters and digits, else a random one (Chinese names)."""
    import re
    import secrets

    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:48]
    return slug if len(slug) >= 3 else f"shop-{secrets.token_hex(4)}"


async def _create_shop(
    config: dict[str, Any], host: Any, *, name: str, slug: str, agency_name: str, email: str, password: str, display_name: str
) -> tuple[Any, Any, Any]:
    from tortoise.transactions import in_transaction

    from core.accounts.models import StaffAccount, StaffRole
    from core.accounts.services import check_password_rules, create_staff, grant_role
    from core.db import close_db, init_db
    from core.shops.models import Shop
    from core.shops.services import create_agency, create_shop

    await init_db(config)
    try:
        # Everything is checked before anything is written, so a refusal leaves no half-made shop.
        check_password_rules(password)
        if await StaffAccount.exists(email=email.strip().lower()):
            raise LookupError(f"a staff account {email} already exists; give it a role with `kaidian createstaff`")
        if await Shop.exists(slug=slug):
            raise LookupError(f"the slug {slug!r} is taken; choose another with --slug")
        async with in_transaction():
            agency = await create_agency(agency_name)
            shop = await create_shop(agency_id=agency.id, name=name, slug=slug)
            staff = await create_staff(
                agency_id=agency.id, email=email, password=password, display_name=display_name, is_agency_admin=True
            )
            await grant_role(staff.id, shop.id, StaffRole.OWNER)
        await host.notify("kaidian_on_shop_created", shop_id=shop.id)
        return agency, shop, staff
    finally:
        await close_db()


@cli.command()
def createshop(
    name: str = typer.Option(..., help="Shop name shown to customers (e.g. 开店旗舰店)."),
    owner_email: str = typer.Option(..., "--owner-email", help="The owner's login e-mail."),
    password: str = typer.Option(None, help="The owner's password (asked for when omitted)."),
    slug: str = typer.Option(None, help="Shop identifier: 3-64 of a-z, 0-9 and - (default: from the name)."),
    agency: str = typer.Option(None, help="Name of the new agency that owns the shop (default: the shop name)."),
    owner_name: str = typer.Option(None, "--owner-name", help="Name shown in the admin (default: from the e-mail)."),
) -> None:
    """Create a first shop on a new database: an agency, the shop and its owner (an agency admin)."""
    from core.errors import KaidianError

    settings = load_cli_settings()
    app = build_app(settings)
    if password is None:
        password = typer.prompt("Owner password", hide_input=True, confirmation_prompt=True)
    try:
        made_agency, shop, staff = asyncio.run(
            _create_shop(
                app.state.db_config,
                app.state.host,
                name=name,
                slug=slug or shop_slug(name),
                agency_name=agency or name,
                email=owner_email,
                password=password,
                display_name=owner_name or owner_email.split("@", 1)[0],
            )
        )
    except KaidianError as exc:
        fail(f"{exc.field or 'input'}: {exc.message('en')}", EXIT_USAGE)
    except LookupError as exc:
        fail(str(exc))
    except Exception as exc:
        fail(f"{type(exc).__name__}: {exc} (did you run `kaidian db upgrade`?)")
    out.print(f"shop {shop.name} (id {shop.id}, slug {shop.slug}) created in agency {made_agency.name} (id {made_agency.id})")
    out.print(f"owner {staff.email} logs in at {settings.public_base_url}/admin")


def main() -> None:
    cli()


if __name__ == "__main__":
    sys.exit(main())
