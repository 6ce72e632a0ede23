"""Collections of what plugins registered at start-up: themes, admin menu entries and screens,
jobs, the data sources of the customer batch endpoint, event types, blind-indexed encrypted
fields, plugins' parts of the checkout body, the kinds of records settings refer to by id — and the collections a part adds through ``kaidian_register_registries`` (the
builder's page components, slots, app pages and page templates)."""

from __future__ import annotations

import inspect
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from core.admin_ui.screens import AdminBundle, AdminExtension, AdminScreen, ScreenRegistrationError, add_extension, add_screen
from core.analytics.event_types import EventTypeRegistry
from core.plugin_host import PluginHost
from core.security.blind_indexes import BlindIndex
from core.shops.references import ReferenceKinds
from core.trade.checkout_inputs import CheckoutInputs
from themes import token_errors


class RegistrationError(ValueError):
    """A plugin registered something invalid; start-up stops with the plugin named."""


@dataclass(frozen=True)
class Theme:
    name: str
    tokens: dict[str, Any]
    title: dict[str, str]
    plugin: str


@dataclass(frozen=True)
class AdminMenuEntry:
    key: str
    title: dict[str, str]
    path: str
    plugin: str
    icon: str | None = None
    roles: tuple[str, ...] = ()
    order: int = 100


@dataclass(frozen=True)
class ScheduledJob:
    name: str
    func: Callable[[Any], Awaitable[None]]
    every_seconds: int
    plugin: str


THEME_NAME = re.compile(r"^[a-z][a-z0-9_-]{0,39}$")
DATA_SOURCE_NAME = re.compile(r"^[a-z][a-z0-9_.]{0,59}$")
WEBHOOK_EVENT_NAME = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$")


@dataclass(frozen=True)
class DataSource:
    """A read the customer batch endpoint can answer: ``await handler(shop_id, params, request)``."""

    name: str
    handler: Callable[[int, dict[str, Any], Any], Awaitable[Any]]
    plugin: str


@dataclass
class Registries:
    """Core's collections; those of ``kaidian_register_registries`` are set as attributes too
    (``registries.components``…)."""

    themes: dict[str, Theme] = field(default_factory=dict)
    admin_menu: list[AdminMenuEntry] = field(default_factory=list)
    admin_screens: list[AdminScreen] = field(default_factory=list)
    admin_bundles: dict[str, AdminBundle] = field(default_factory=dict)
    admin_extensions: list[AdminExtension] = field(default_factory=list)
    jobs: dict[str, ScheduledJob] = field(default_factory=dict)
    data_sources: dict[str, DataSource] = field(default_factory=dict)
    event_types: EventTypeRegistry = field(default_factory=EventTypeRegistry)
    # Webhook event name -> its title {"zh-CN", "en"} (``kaidian_register_webhook_events``).
    webhook_events: dict[str, dict[str, str]] = field(default_factory=dict)
    blind_indexes: list[BlindIndex] = field(default_factory=list)
    # Search backend name -> (factory(settings), plugin) (``kaidian_register_search_backends``).
    search_backends: dict[str, tuple[Callable[[Any], Any], str]] = field(default_factory=dict)
    checkout_inputs: CheckoutInputs = field(default_factory=CheckoutInputs)
    reference_kinds: ReferenceKinds = field(default_factory=ReferenceKinds)
    # The media store's public URL: its files are the shop's own and count as safe image sources
    # even where the store serves plain http (a demo on a LAN address).
    media_url_prefix: str = ""


def collect_registries(host: PluginHost) -> Registries:
    registries = Registries()
    for item in host.registrations("kaidian_register_registries"):
        values = bind(item, ("name", "collect"))
        name = values.get("name")
        if not isinstance(name, str) or not name.isidentifier() or hasattr(registries, name):
            raise RegistrationError(f"plugin {item.plugin!r} registered the collection {name!r}, which is taken or not a name")
        setattr(registries, name, values["collect"](host, registries))
    for item in host.registrations("kaidian_register_themes"):
        theme = bind(item, ("name", "tokens", "title"))
        name = theme.get("name")
        if not isinstance(name, str) or not THEME_NAME.match(name):
            raise RegistrationError(
                f"plugin {item.plugin!r} registered the theme name {name!r}; use lower-case letters, "
                "digits, _ and - (starting with a letter, at most 40)"
            )
        problems = token_errors(theme.get("tokens"))
        if problems:
            raise RegistrationError(
                f"theme {name!r} from plugin {item.plugin!r} has invalid tokens: " + "; ".join(problems[:10])
            )
        title = theme.get("title")
        if title is not None and (not isinstance(title, dict) or {"zh-CN", "en"} - title.keys()):
            raise RegistrationError(f"theme {name!r} from plugin {item.plugin!r}: title needs zh-CN and en")
        if name in registries.themes:
            other = registries.themes[name].plugin
            raise RegistrationError(
                f"theme {name!r} from plugin {item.plugin!r} clashes with plugin {other!r}"
            )
        registries.themes[name] = Theme(
            name, dict(theme["tokens"]), theme.get("title") or {"zh-CN": name, "en": name}, item.plugin
        )

    for item in host.registrations("kaidian_register_admin_menu"):
        entry = bind(item, ("key", "title", "path", "icon", "roles", "order"))
        registries.admin_menu.append(
            AdminMenuEntry(
                key=entry["key"],
                title=entry["title"],
                path=entry["path"],
                plugin=item.plugin,
                icon=entry.get("icon"),
                roles=tuple(entry.get("roles") or ()),
                order=int(entry.get("order", 100)),
            )
        )
    registries.admin_menu.sort(key=lambda entry: (entry.order, entry.key))

    # screens of their own, and components inside core screens, from the plugin's one bundle
    for hook, where, add, target in (
        ("kaidian_register_admin_screens", "path", add_screen, registries.admin_screens),
        ("kaidian_register_admin_extensions", "point", add_extension, registries.admin_extensions),
    ):
        for item in host.registrations(hook):
            values = bind(item, (where, "component", "bundle"))
            try:
                add(target, registries.admin_bundles, item.plugin, values.get(where), values.get("component"), values.get("bundle"))
            except ScreenRegistrationError as error:
                raise RegistrationError(str(error)) from None

    for item in host.registrations("kaidian_register_jobs"):
        job = bind(item, ("name", "func", "every_seconds"))
        name = f"{item.plugin}.{job['name']}"
        if int(job["every_seconds"]) < 1:
            raise RegistrationError(f"job {name!r} must run at most once a second")
        registries.jobs[name] = ScheduledJob(name, job["func"], int(job["every_seconds"]), item.plugin)

    for item in host.registrations("kaidian_register_data_sources"):
        source = bind(item, ("name", "handler"))
        name, handler = source.get("name"), source.get("handler")
        if not isinstance(name, str) or not DATA_SOURCE_NAME.match(name):
            raise RegistrationError(
                f"plugin {item.plugin!r} registered the data source name {name!r}; use lower-case "
                "letters, digits, _ and . (starting with a letter, at most 60)"
            )
        if not inspect.iscoroutinefunction(handler):
            raise RegistrationError(f"data source {name!r} from plugin {item.plugin!r} needs an async def handler")
        if name in registries.data_sources:
            other = registries.data_sources[name].plugin
            raise RegistrationError(f"data source {name!r} from plugin {item.plugin!r} clashes with plugin {other!r}")
        registries.data_sources[name] = DataSource(name, handler, item.plugin)

    for item in host.registrations("kaidian_register_event_types"):
        values = bind(item, ("name", "schema", "title", "client"))
        try:
            registries.event_types.add(values.get("name"), values.get("schema"), values.get("title"), item.plugin, client=values.get("client", True))
        except ValueError as error:
            raise RegistrationError(str(error)) from None
    owners: dict[str, str] = {}
    for item in host.registrations("kaidian_register_webhook_events"):
        values = bind(item, ("name", "title"))
        name, title = values.get("name"), values.get("title")
        if not isinstance(name, str) or not WEBHOOK_EVENT_NAME.match(name):
            raise RegistrationError(f"plugin {item.plugin!r} registered the webhook event {name!r}; use <plugin>.<event> in lower-case letters, digits and _")
        if not isinstance(title, dict) or {"zh-CN", "en"} - title.keys():
            raise RegistrationError(f"webhook event {name!r} from plugin {item.plugin!r}: title needs zh-CN and en")
        if name in registries.webhook_events:
            raise RegistrationError(f"webhook event {name!r} from plugin {item.plugin!r} clashes with plugin {owners[name]!r}")
        registries.webhook_events[name], owners[name] = dict(title), item.plugin
    for item in host.registrations("kaidian_register_blind_indexes"):
        values = bind(item, ("model", "value_field", "index_field", "context"))
        entry = BlindIndex(values.get("model"), values.get("value_field"), values.get("index_field"), values.get("context"), item.plugin)  # type: ignore[arg-type]
        problem = entry.check()
        if problem:
            raise RegistrationError(f"plugin {item.plugin!r} registered a blind index wrongly: {problem}")
        if any(other.context == entry.context for other in registries.blind_indexes):
            raise RegistrationError(f"blind index context {entry.context!r} from plugin {item.plugin!r} is already registered")
        registries.blind_indexes.append(entry)
    for item in host.registrations("kaidian_register_search_backends"):
        values = bind(item, ("name", "factory"))
        name, factory = values.get("name"), values.get("factory")
        if not isinstance(name, str) or not DATA_SOURCE_NAME.match(name) or not callable(factory):
            raise RegistrationError(f"plugin {item.plugin!r} registered the search backend {name!r} without a name and a factory")
        if name in registries.search_backends:
            raise RegistrationError(
                f"search backend {name!r} from plugin {item.plugin!r} clashes with plugin {registries.search_backends[name][1]!r}"
            )
        registries.search_backends[name] = (factory, item.plugin)
    for item in host.registrations("kaidian_register_reference_kinds"):
        values = bind(item, ("kind", "model", "filters", "title", "link_page", "label_field"))
        try:
            registries.reference_kinds.add(
                values.get("kind"), values.get("model"), values.get("filters"), item.plugin, values.get("title"), values.get("link_page"), values.get("label_field")
            )
        except ValueError as error:
            raise RegistrationError(str(error)) from None
    for item in host.registrations("kaidian_register_checkout_inputs"):
        values = bind(item, ("schema", "deprecated_fields"))
        try:
            registries.checkout_inputs.add(item.plugin, values.get("schema"), values.get("deprecated_fields"))
        except ValueError as error:
            raise RegistrationError(str(error)) from None
    return registries


def bind(item: Any, names: tuple[str, ...]) -> dict[str, Any]:
    """A registration's arguments by name; unknown ones are refused, naming the plugin."""
    values = dict(zip(names, item.args))
    values.update(item.kwargs)
    unknown = set(values) - set(names)
    if unknown:
        raise RegistrationError(f"plugin {item.plugin!r} passed unknown arguments {sorted(unknown)}")
    return values
