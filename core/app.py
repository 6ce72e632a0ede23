"""The application factory: ``create_app(settings, plugins)`` wires everything in one place."""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from typing import Any

from litestar import Litestar, Router
from litestar.channels import ChannelsPlugin
from litestar.config.cors import CORSConfig
from litestar.channels.backends.memory import MemoryChannelsBackend
from litestar.channels.backends.redis import RedisChannelsPubSubBackend
from litestar.connection import ASGIConnection
from litestar.di import Provide
from litestar.logging.config import LoggingConfig
from litestar.handlers.base import BaseRouteHandler
from litestar.openapi import OpenAPIConfig
from litestar.openapi.spec import Components, SecurityScheme
from litestar.stores.base import Store
from litestar.stores.memory import MemoryStore
from litestar.stores.redis import RedisStore
from litestar.stores.registry import StoreRegistry

from core import __version__
from core.auth import build_jwt_auth, request_shop_id
from core.catalog.media_storage import media_base_url
from core.db import close_db, db_ready, init_db, tortoise_config
from core.errors import EXCEPTION_HANDLERS, InvalidInput, NotFound
from core.jobs import JobRunner
from core.plugin_host import SYSTEM_PLUGINS, PluginHost
from core.registries import collect_registries
from core.schemas import LARGEST_ID, closed_body_schema_plugin, int_limit, is_id_field
from core.security.crypto import cipher_for
from core.trade.checkout_inputs import checkout_schema_plugin
from core.settings import Settings, SettingsError, load_settings

logger = logging.getLogger("kaidian")


def plugin_enabled_guard(plugin: str):
    """Routes of a plugin answer 404 for shops that have the plugin disabled."""

    async def guard(connection: ASGIConnection, _: BaseRouteHandler) -> None:
        host: PluginHost = connection.app.state.host
        shop_id = request_shop_id(connection)
        if shop_id is None or plugin not in await host.enabled_for_shop(shop_id):
            raise NotFound("plugin_disabled")

    return guard


def _route_handlers(host: PluginHost) -> list[Any]:
    core_handlers: list[Any] = []
    by_plugin: dict[str, list[Any]] = {}
    for item in host.registrations("kaidian_register_routes"):
        handler = item.args[0] if item.args else item.kwargs["handler"]
        if item.plugin in SYSTEM_PLUGINS:
            core_handlers.append(handler)
        else:
            by_plugin.setdefault(item.plugin, []).append(handler)
    # One router per plugin, so the plugin's handlers share paths and one enabled-guard.
    plugin_routers = [
        Router(path="/", route_handlers=handlers, guards=[plugin_enabled_guard(plugin)])
        for plugin, handlers in by_plugin.items()
    ]
    return core_handlers + plugin_routers


def _redis_client(settings: Settings) -> Any:
    from redis.asyncio import Redis

    return Redis.from_url(settings.redis_url, decode_responses=False)


def _stores(settings: Settings) -> StoreRegistry:
    if settings.redis_url:
        client = _redis_client(settings)

        def redis_store(name: str) -> Store:
            return RedisStore(client, namespace=f"{settings.redis_key_prefix}{name}")

        return StoreRegistry(default_factory=redis_store)
    return StoreRegistry(default_factory=lambda _name: MemoryStore())


def _channels(settings: Settings) -> ChannelsPlugin:
    if settings.redis_url:
        backend: Any = RedisChannelsPubSubBackend(
            redis=_redis_client(settings), key_prefix=f"{settings.redis_key_prefix}channels"
        )
    else:
        backend = MemoryChannelsBackend()
    return ChannelsPlugin(backend=backend, arbitrary_channels_allowed=True)


def _search_backend(settings: Settings, registries: Any) -> Any:
    """The backend ``KAIDIAN_SEARCH_BACKEND`` names, among those registered (start-up stops
    with the reason when it is unknown or cannot serve these settings)."""
    entry = registries.search_backends.get(settings.search_backend)
    if entry is None:
        known = ", ".join(sorted(registries.search_backends))
        raise SettingsError(f"KAIDIAN_SEARCH_BACKEND={settings.search_backend!r} is not a search backend (installed: {known})")
    try:
        return entry[0](settings)
    except ValueError as error:
        raise SettingsError(str(error)) from None


def create_app(
    settings: Settings | None = None,
    plugins: Iterable[Any] | None = None,
    *,
    entry_points: bool = True,
) -> Litestar:
    """Build the kaidian ASGI app.

    :param settings: defaults to ``Settings()`` read from the environment.
    :param plugins: extra plugin objects (modules or instances with a ``manifest``) registered
        after the ``kaidian.plugins`` entry points — e.g. a temporary plugin in a test.
    :param entry_points: discover installed plugins (``False`` loads only ``plugins``).
    """
    settings = settings or load_settings()
    settings.ensure_local_dirs()
    host = PluginHost(
        only=settings.enabled_plugins, exclude=settings.disabled_plugins, trace=settings.trace_hooks or None
    )
    host.load(plugins or (), entry_points=entry_points)
    host.configure(host=host, settings=settings)
    registries = collect_registries(host)
    registries.media_url_prefix = media_base_url(settings)
    catalog_search = _search_backend(settings, registries)
    db_config = tortoise_config(settings, host)
    jwt_auth = build_jwt_auth(settings)
    cipher = cipher_for(settings)
    job_runner = JobRunner(registries.jobs)

    @asynccontextmanager
    async def lifespan(app: Litestar) -> AsyncIterator[None]:
        # Whoever opened the database closes it: a test fixture may have opened it on its own loop.
        owns_db = not db_ready()
        if owns_db:
            await init_db(db_config)
        queue_worker = None
        if settings.run_jobs and settings.redis_url:
            from core.job_queue import QueueWorker

            queue_worker = QueueWorker(app, registries.jobs, concurrency=settings.worker_concurrency)
            queue_worker.start()
        elif settings.run_jobs:
            job_runner.start(app)
        try:
            yield
        finally:
            if queue_worker is not None:
                await queue_worker.stop()
            await job_runner.stop()
            if owns_db:
                await close_db()

    state = {
        "settings": settings,
        "host": host,
        "registries": registries,
        "db_config": db_config,
        "jwt_auth": jwt_auth,
        "cipher": cipher,
        "job_runner": job_runner,
        "catalog_search": catalog_search,
    }

    app = Litestar(
        route_handlers=_route_handlers(host),
        before_request=reject_out_of_range_ids,
        lifespan=[lifespan],
        on_app_init=[jwt_auth.on_app_init],
        plugins=[_channels(settings), checkout_schema_plugin(registries.checkout_inputs), closed_body_schema_plugin()],
        stores=_stores(settings),
        exception_handlers=EXCEPTION_HANDLERS,  # type: ignore[arg-type]
        request_max_body_size=settings.max_body_bytes,
        # An H5 storefront is served from its own origin; only the origins the operator names may call us.
        # The admin's H5 preview runs sandboxed, as the opaque origin "null", and reads the
        # storefront API like a customer's H5 app. Tokens travel in headers, never cookies, so a
        # cross-origin page gains nothing it could not do with its own token.
        cors_config=CORSConfig(allow_origins=[*settings.cors_allow_origins, "null"], allow_credentials=False),
        dependencies={
            "settings": Provide(lambda: settings, use_cache=True, sync_to_thread=False),
            "host": Provide(lambda: host, use_cache=True, sync_to_thread=False),
            "cipher": Provide(lambda: cipher, use_cache=True, sync_to_thread=False),
        },
        openapi_config=OpenAPIConfig(
            title="kaidian 开店",
            version=__version__,
            path="/schema",
            use_handler_docstrings=True,
            description="Storefront, trade and merchant admin API. Errors are problem objects "
            "{code, message, field} in zh-CN (default) or en (Accept-Language).",
            components=Components(
                security_schemes={
                    "BearerToken": SecurityScheme(type="http", scheme="bearer", bearer_format="JWT")
                }
            ),
        ),
        # Leave the root logger to the process (CLI, uvicorn, pytest): kaidian logs under "kaidian".
        logging_config=LoggingConfig(configure_root_logger=False, log_exceptions="debug"),
        debug=settings.debug,
        state=_state(state),
    )
    return app


_INTEGER = re.compile(r"[-+]?\d+")


def _is_integer(field: Any) -> bool:
    """Whether a handler parameter is an integer (``int``, ``int | None``, ``list[int]``)."""
    annotations = [field.annotation, *(inner.annotation for inner in field.inner_types or ())]
    return any(annotation is int for annotation in annotations)


async def reject_out_of_range_ids(request: Any) -> None:
    """A path id outside 1..LARGEST_ID names nothing: 404 before a query could fail on it. An
    integer in the query string beyond what a column holds, or a value holding NUL, is refused
    with 422 (not a 500)."""
    for name, value in request.path_params.items():
        if isinstance(value, int) and not 1 <= value <= LARGEST_ID:
            raise NotFound(field=name)
    parameters = request.route_handler.parsed_fn_signature.parameters
    for name, value in request.query_params.multi_items():
        if "\x00" in value:  # PostgreSQL cannot compare or store text holding NUL (a 500 there)
            raise InvalidInput(field=name, reason={"zh-CN": "不能包含 NUL 字符", "en": "must not contain the NUL character"})
        if name in parameters and _is_integer(parameters[name]) and _INTEGER.fullmatch(value):
            limit = int_limit(name)
            lowest = 1 if is_id_field(name) else -limit - 1
            if not lowest <= int(value) <= limit:
                raise InvalidInput(field=name, reason={"zh-CN": f"数值超出范围（{lowest} 到 {limit}）", "en": f"out of range ({lowest} to {limit})"})


def _state(values: dict[str, Any]) -> Any:
    from litestar.datastructures import State

    return State(values)
