"""The app's plugin host: discovery, compatibility checks and safe hook calling.

One ``PluginHost`` per app (no module globals). Loading is idempotent. Plugins come from the
``kaidian.plugins`` entry-point group (core itself included) plus any objects passed to
``create_app(plugins=[...])``.
"""

from __future__ import annotations

import inspect
import logging
import os
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import metadata
from types import ModuleType
from typing import Any

import pluggy
from pydantic import ValidationError

from core import __version__ as CORE_VERSION
from core import hookspecs
from core.manifest import PluginManifest

logger = logging.getLogger("kaidian.plugins")
ENTRY_POINT_GROUP = "kaidian.plugins"
CORE_PLUGIN = "core"
# Parts of kaidian itself, loaded through the entry point like any plugin (core never imports
# the builder) but always on: a shop cannot switch them off, and their routes and models are
# kaidian's own.
SYSTEM_PLUGINS = frozenset({CORE_PLUGIN, "builder"})


def system_first(name: str) -> tuple[bool, bool, str]:
    """Core, then the other system plugins, then by name: a plugin never takes a name first."""
    return (name not in SYSTEM_PLUGINS, name != CORE_PLUGIN, name)
# Names of core's own model apps and of core itself; no plugin may take them.
RESERVED_NAMES = frozenset({"core", "catalog", "trade", "builder", "analytics", "admin", "shop", "system"})
# How long a shop's enabled-plugin set is reused before it is read again (seconds).
SHOP_STATE_TTL = 2.0


@dataclass
class LoadedPlugin:
    name: str
    manifest: PluginManifest
    obj: Any
    distribution: str | None

    @property
    def package(self) -> str | None:
        module = self.obj if isinstance(self.obj, ModuleType) else inspect.getmodule(self.obj)
        if module is None:
            return None
        return module.__name__.rsplit(".", 1)[0] if not hasattr(module, "__path__") else module.__name__


@dataclass
class RefusedPlugin:
    name: str
    version: str | None
    distribution: str | None
    reason: str


@dataclass
class Contribution:
    """One ``register(...)`` call made by a plugin during a ``kaidian_register_*`` hook."""

    plugin: str
    args: tuple[Any, ...]
    kwargs: dict[str, Any] = field(default_factory=dict)


class PluginError(RuntimeError):
    """A plugin broke a contract in a way that stops the current operation."""

    def __init__(self, plugin: str, hook: str, original: BaseException) -> None:
        self.plugin = plugin
        self.hook = hook
        self.original = original
        super().__init__(f"plugin {plugin!r} failed in {hook}: {original!r}")


def manifest_of(obj: Any) -> PluginManifest:
    manifest = getattr(obj, "manifest", None)
    if isinstance(manifest, PluginManifest):
        return manifest
    if isinstance(manifest, dict):
        return PluginManifest(**manifest)
    raise TypeError(f"{obj!r} has no 'manifest' (a core.manifest.PluginManifest)")


class PluginHost:
    def __init__(
        self,
        *,
        only: Iterable[str] | None = None,
        exclude: Iterable[str] = (),
        trace: bool | None = None,
    ) -> None:
        self.pm = pluggy.PluginManager(hookspecs.PROJECT_NAME)
        self.pm.add_hookspecs(hookspecs)
        self.only = set(only) if only is not None else None
        self.exclude = set(exclude)
        self.trace = trace if trace is not None else os.environ.get("KAIDIAN_TRACE_HOOKS") == "1"
        self.plugins: dict[str, LoadedPlugin] = {}
        self.refused: list[RefusedPlugin] = []
        self._loaded = False
        self._shop_state: dict[int, tuple[float, frozenset[str]]] = {}

    # -- loading ----------------------------------------------------------------------------

    def load(self, extra: Iterable[Any] = (), *, entry_points: bool = True) -> None:
        """Discover, check and register plugins. Calling it again does nothing."""
        if self._loaded:
            return
        self._loaded = True
        candidates: list[tuple[Any, str | None]] = []
        if entry_points:
            candidates.extend(self._discover())
        candidates.extend((obj, None) for obj in extra)

        manifests: dict[str, tuple[PluginManifest, Any, str | None]] = {}
        for obj, distribution in candidates:
            try:
                manifest = manifest_of(obj)
            except (TypeError, ValidationError) as exc:
                name = getattr(obj, "__name__", repr(obj))
                self._refuse(name, None, distribution, f"invalid manifest: {exc}")
                continue
            if manifest.name in self.exclude or (
                self.only is not None
                and manifest.name not in self.only
                and manifest.name not in SYSTEM_PLUGINS
            ):
                continue
            if manifest.name in RESERVED_NAMES and manifest.name not in SYSTEM_PLUGINS:
                self._refuse(manifest.name, manifest.version, distribution, f"the name {manifest.name!r} is reserved for kaidian core")
                continue
            if manifest.name in manifests:
                previous = manifests[manifest.name][2] or "runtime"
                self._refuse(
                    manifest.name,
                    manifest.version,
                    distribution,
                    f"name already taken by {previous}",
                )
                continue
            if not manifest.core_accepts(CORE_VERSION):
                self._refuse(
                    manifest.name,
                    manifest.version,
                    distribution,
                    f"plugin {manifest.name} {manifest.version} requires kaidian core "
                    f"{manifest.requires_core}, but this core is {CORE_VERSION}",
                )
                continue
            manifests[manifest.name] = (manifest, obj, distribution)

        # Drop plugins whose dependencies are missing, repeating until stable (chains).
        changed = True
        while changed:
            changed = False
            for name, (manifest, _, distribution) in list(manifests.items()):
                missing = [dep for dep in manifest.depends_on if dep not in manifests]
                if missing:
                    del manifests[name]
                    self._refuse(
                        name,
                        manifest.version,
                        distribution,
                        f"plugin {name} {manifest.version} depends on "
                        f"{', '.join(missing)}, which is not available "
                        f"(kaidian core {CORE_VERSION})",
                    )
                    changed = True

        for name in sorted(manifests, key=system_first):
            manifest, obj, distribution = manifests[name]
            self.pm.register(obj, name=name)
            self.plugins[name] = LoadedPlugin(name, manifest, obj, distribution)
        # A misspelled hook implementation fails here, at start-up, not silently later.
        self.pm.check_pending()

    def _discover(self) -> list[tuple[Any, str | None]]:
        found = []
        for entry_point in metadata.entry_points(group=ENTRY_POINT_GROUP):
            distribution = entry_point.dist.name if entry_point.dist else None
            try:
                found.append((entry_point.load(), distribution))
            except Exception as exc:  # a broken third-party package must not stop start-up
                self._refuse(entry_point.name, None, distribution, f"import failed: {exc!r}")
        return found

    def _refuse(self, name: str, version: str | None, distribution: str | None, reason: str) -> None:
        logger.error("plugin refused: %s", reason if name in reason else f"{name}: {reason}")
        self.refused.append(RefusedPlugin(name, version, distribution, reason))

    # -- per-shop state ---------------------------------------------------------------------

    async def enabled_for_shop(self, shop_id: int | None) -> frozenset[str]:
        """Names of plugins active for ``shop_id`` (all loaded ones when no shop is involved)."""
        if shop_id is None:
            return frozenset(self.plugins)
        cached = self._shop_state.get(shop_id)
        now = time.monotonic()
        if cached and now - cached[0] < SHOP_STATE_TTL:
            return cached[1]
        from core.shop_plugins.models import ShopPlugin

        overrides = dict(
            await ShopPlugin.filter(shop_id=shop_id).values_list("plugin", "enabled")
        )
        enabled = frozenset(
            name
            for name, plugin in self.plugins.items()
            if name in SYSTEM_PLUGINS or overrides.get(name, plugin.manifest.enabled_by_default)
        )
        self._shop_state[shop_id] = (now, enabled)
        return enabled

    def forget_shop_state(self, shop_id: int) -> None:
        self._shop_state.pop(shop_id, None)

    # -- calling hooks ----------------------------------------------------------------------

    def _impls(self, hook_name: str, enabled: frozenset[str] | None = None) -> list[Any]:
        caller = getattr(self.pm.hook, hook_name)
        impls = [
            impl for impl in caller.get_hookimpls() if enabled is None or impl.plugin_name in enabled
        ]
        # Deterministic: core, then the builder, then by plugin name — never by registration order.
        return sorted(impls, key=lambda impl: system_first(impl.plugin_name))

    async def _call(self, hook_name: str, impl: Any, kwargs: dict[str, Any]) -> Any:
        started = time.perf_counter()
        try:
            result = impl.function(*[kwargs[arg] for arg in impl.argnames])
            if inspect.isawaitable(result):
                result = await result
            return result
        finally:
            self._trace(hook_name, impl, started)

    def _trace(self, hook_name: str, impl: Any, started: float) -> None:
        if self.trace:
            logger.info(
                "hook %s plugin=%s %.2fms", hook_name, impl.plugin_name, (time.perf_counter() - started) * 1000
            )

    def registrations(self, hook_name: str) -> list[Contribution]:
        """Run a ``kaidian_register_*`` hook and return every contribution, tagged by plugin."""
        collected: list[Contribution] = []
        for impl in self._impls(hook_name):

            def register(*args: Any, _plugin: str = impl.plugin_name, **kwargs: Any) -> None:
                collected.append(Contribution(_plugin, args, kwargs))

            started = time.perf_counter()
            result = impl.function(*[{"register": register}[arg] for arg in impl.argnames])
            if inspect.isawaitable(result):
                raise PluginError(
                    impl.plugin_name, hook_name, TypeError("register hooks must be synchronous")
                )
            self._trace(hook_name, impl, started)
        return collected

    def configure(self, **kwargs: Any) -> None:
        for impl in self._impls("kaidian_configure"):
            impl.function(*[kwargs[arg] for arg in impl.argnames])

    async def notify(self, hook_name: str, *, shop_id: int | None = None, **kwargs: Any) -> None:
        """Fire a ``kaidian_on_*`` hook. Failures are logged with the plugin's name, not raised."""
        enabled = await self.enabled_for_shop(shop_id)
        if shop_id is not None:
            kwargs["shop_id"] = shop_id
        for impl in self._impls(hook_name, enabled):
            try:
                await self._call(hook_name, impl, kwargs)
            except Exception:
                logger.exception("plugin %s failed in %s", impl.plugin_name, hook_name)

    async def collect(
        self, hook_name: str, *, shop_id: int | None, **kwargs: Any
    ) -> list[tuple[str, Any]]:
        """Run a ``kaidian_collect_*`` hook; returns ``(plugin, item)`` pairs.

        Any failure raises ``PluginError``: a partial collection must never be used.
        """
        enabled = await self.enabled_for_shop(shop_id)
        if shop_id is not None:
            kwargs["shop_id"] = shop_id
        gathered: list[tuple[str, Any]] = []
        for impl in self._impls(hook_name, enabled):
            try:
                result = await self._call(hook_name, impl, kwargs)
            except Exception as exc:
                raise PluginError(impl.plugin_name, hook_name, exc) from exc
            for item in result or ():
                gathered.append((impl.plugin_name, item))
        return gathered

    async def collect_by_plugin(self, hook_name: str, *, shop_id: int | None, **kwargs: Any) -> dict[str, Any]:
        """Run a ``kaidian_collect_*`` hook whose implementations answer one item each (or
        None); returns plugin name → item. Any failure raises ``PluginError``, except a
        ``KaidianError`` a plugin raises on purpose, which propagates unchanged."""
        from core.errors import KaidianError

        enabled = await self.enabled_for_shop(shop_id)
        if shop_id is not None:
            kwargs["shop_id"] = shop_id
        gathered: dict[str, Any] = {}
        for impl in self._impls(hook_name, enabled):
            try:
                result = await self._call(hook_name, impl, kwargs)
            except KaidianError:
                raise
            except Exception as exc:
                raise PluginError(impl.plugin_name, hook_name, exc) from exc
            if result is not None:
                gathered[impl.plugin_name] = result
        return gathered

    async def reserve(self, hook_name: str, *, shop_id: int, **kwargs: Any) -> None:
        """Run a ``kaidian_reserve_*`` hook inside the caller's transaction.

        A ``KaidianError`` (a plugin refusing, e.g. a coupon taken by a racing checkout)
        propagates unchanged so the caller rolls back and answers it; anything else raises
        ``PluginError``.
        """
        from core.errors import KaidianError

        enabled = await self.enabled_for_shop(shop_id)
        kwargs["shop_id"] = shop_id
        for impl in self._impls(hook_name, enabled):
            try:
                await self._call(hook_name, impl, kwargs)
            except KaidianError:
                raise
            except Exception as exc:
                raise PluginError(impl.plugin_name, hook_name, exc) from exc

    async def resolve(self, hook_name: str, *, shop_id: int | None, **kwargs: Any) -> Any:
        """Run a ``kaidian_resolve_*`` hook: the first non-None answer wins."""
        answer = await self.resolve_with_plugin(hook_name, shop_id=shop_id, **kwargs)
        return None if answer is None else answer[1]

    async def resolve_with_plugin(self, hook_name: str, *, shop_id: int | None, **kwargs: Any) -> tuple[str, Any] | None:
        """``resolve``, answering ``(plugin, result)`` so the caller knows who answered."""
        enabled = await self.enabled_for_shop(shop_id)
        if shop_id is not None:
            kwargs["shop_id"] = shop_id
        for impl in self._impls(hook_name, enabled):
            try:
                result = await self._call(hook_name, impl, kwargs)
            except Exception as exc:
                raise PluginError(impl.plugin_name, hook_name, exc) from exc
            if result is not None:
                return impl.plugin_name, result
        return None

    # -- introspection ----------------------------------------------------------------------

    def describe(self) -> list[dict[str, Any]]:
        rows = []
        for plugin in self.plugins.values():
            rows.append(
                {
                    "name": plugin.name,
                    "version": plugin.manifest.version,
                    "title": plugin.manifest.title,
                    "description": plugin.manifest.description,
                    "requires_core": plugin.manifest.requires_core,
                    "depends_on": list(plugin.manifest.depends_on),
                    "distribution": plugin.distribution,
                    "enabled_by_default": plugin.manifest.enabled_by_default,
                    "settings_schema": plugin.manifest.settings_schema,
                    "hooks": sorted(
                        caller.name for caller in self.pm.get_hookcallers(plugin.obj) or []
                    ),
                    "status": "loaded",
                }
            )
        for refused in self.refused:
            rows.append(
                {
                    "name": refused.name,
                    "version": refused.version,
                    "distribution": refused.distribution,
                    "status": "refused",
                    "reason": refused.reason,
                }
            )
        return rows
