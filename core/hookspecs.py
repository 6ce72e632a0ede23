"""The one place where kaidian's plugin hooks are specified.

Families (see STYLE.md):

* ``kaidian_register_*(register)`` — contribute things. Call ``register(...)`` once per item;
  core validates each contribution and tags it with your plugin's name.
* ``kaidian_collect_*`` — return a list of contributions for one situation (e.g. a cart).
  Core orders the gathered items itself, so plugin registration order never matters.
* ``kaidian_resolve_*`` — first non-None result wins (``firstresult``).
* ``kaidian_reserve_*`` — claim what an operation uses, inside core's transaction for it.
  Raise a ``core.errors.KaidianError`` (e.g. ``Conflict``) to refuse: the whole operation rolls
  back and the client gets your problem response. Any other exception is a 503.
* ``kaidian_on_*`` — notifications after the fact. Return None. An exception raised here is
  logged with the plugin's name and never breaks the request that fired it.

Any hook implementation may be ``async def``; core awaits it.
Per-shop hooks receive ``shop_id``; a plugin disabled for that shop is not called for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    from collections.abc import Callable

    from core.accounts.wechat import Code2SessionProvider
    from core.demo_history import DemoHistory
    from core.payments.provider import PaymentProvider
    from core.plugin_host import PluginHost
    from core.pricing.types import PriceAdjustment, PricingContext
    from core.settings import Settings

PROJECT_NAME = "kaidian"
hookspec = pluggy.HookspecMarker(PROJECT_NAME)
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)


# ---------------------------------------------------------------------------------------------
# Start-up: configuration and contributions, called once per app while it is being built
# ---------------------------------------------------------------------------------------------


@hookspec
def kaidian_configure(host: PluginHost, settings: Settings) -> None:
    """Called once, after every plugin is loaded and before anything is registered.

    :param host: the app's plugin host (read-only use: names, manifests, enabled state).
    :param settings: the process-wide settings.
    :return: None.
    """


@hookspec
def kaidian_register_routes(register: Callable[..., None]) -> None:
    """Contribute HTTP route handlers, controllers or routers.

    Call ``register(handler)`` for each Litestar route handler, ``Controller`` subclass or
    ``Router``. Plugin routes are guarded: a request whose shop has the plugin disabled
    answers 404. Use paths under ``/api/shop/<plugin>/`` (customers) or
    ``/api/admin/<plugin>/`` (staff).

    :param register: ``register(handler) -> None``.
    :return: None.
    """


@hookspec
def kaidian_register_models(register: Callable[..., None]) -> None:
    """Contribute Tortoise ORM model modules.

    Call ``register(module_path, migrations=None)`` once per models module, e.g.
    ``register("plugins.coupons.models")``. Each plugin's models form their own Tortoise app,
    labelled with the plugin's name, with migrations in ``<package>.migrations`` unless
    ``migrations`` names another package. (Core alone also passes ``app=`` to keep each of
    its domains in its own app.)

    :param register: ``register(module_path: str, migrations: str | None = None) -> None``.
    :return: None.
    """


@hookspec
def kaidian_register_page_components(register: Callable[..., None]) -> None:
    """Contribute page components for the mini-program builder.

    Call ``register(component)`` with a ``builder.registry.ComponentDefinition`` (name, titles,
    category, props JSON Schema, templates per target and the editor's ``preview`` template,
    see ``builder.preview``). Two components with the same name are refused at registration,
    naming both plugins.

    :param register: ``register(component) -> None``.
    :return: None.
    """


@hookspec
def kaidian_register_page_templates(register: Callable[..., None]) -> None:
    """Contribute page templates merchants start a page from in the page editor (首页, 活动页…).

    Call ``register(name, title, page, description=None, order=100)``: ``title`` and
    ``description`` are ``{"zh-CN": …, "en": …}``; ``page`` is one page of a page configuration,
    ``{"route", "title", "components": [{"type", "props"}]}``, whose blocks' props are completed
    from the components' defaults. Every block's component must be registered and its props
    valid, else start-up stops naming the plugin; names are unique across plugins. A template
    is offered to a shop only while its plugin and the plugins of all its blocks are enabled.

    :param register: ``register(name: str, title: dict, page: dict, description: dict | None = None, order: int = 100) -> None``.
    :return: None.
    """


@hookspec
def kaidian_register_page_slots(register: Callable[..., None]) -> None:
    """Contribute components to the slots of the generated system pages (product detail
    actions, checkout sections, order detail sections, user-centre entries…).

    Call ``register(component)`` with a ``builder.slots.SlotComponent`` (name, slot, templates
    per target, order). The page hands the component its state as one ``context`` prop;
    ``builder.slots.SLOTS`` lists the slots and their context. Two slot components with the
    same name are refused at start-up, naming both plugins.

    :param register: ``register(component) -> None``.
    :return: None.
    """


@hookspec
def kaidian_register_app_pages(register: Callable[..., None]) -> None:
    """Contribute whole pages to every generated mini-program (a coupon centre, a points mall…).

    Call ``register(page)`` with a ``builder.app_pages.AppPage`` (name, title, templates per
    target, subpackage, optional user-centre entry, order). The page is fixed code on the
    customer runtime, lives in the subpackage ``kd_<package>`` and opens with
    ``go(name, query)``; with an ``entry`` the user centre links to it. A name already used by a
    system page or another plugin's page is refused at start-up, naming both plugins.
    ``native_components`` (tag -> folder of a native WeChat component: ``index.js``,
    ``index.json``, ``index.wxml``, optional ``index.wxss``) ships such a component with the page:
    copied into its subpackage and named in the page's ``usingComponents`` for mp-weixin/weapp.

    :param register: ``register(page) -> None``.
    :return: None.
    """


@hookspec
def kaidian_register_app_dependencies(register: Callable[..., None]) -> None:
    """Contribute npm packages the generated apps' code imports (a viewer library for an H5
    component, say), bundled by the official CLIs: no CDN.

    Call ``register(dependencies)`` once with a ``builder.app_dependencies.AppDependencies``:
    ``folder`` holds a ``package.json`` whose ``dependencies`` pin exact versions and the
    ``package-lock.json`` npm made for it (lockfileVersion 3); ``targets`` is ``("uniapp",
    "taro")`` or one of them. Generated projects list the packages in their package.json and
    lock, and ``builder.toolchain.build`` installs them once per lock beside the toolchain. A
    package the app already has at another version is refused, naming the plugin. Import a
    heavy package with a dynamic ``import()`` so only the pages that use it load it.

    :param register: ``register(dependencies) -> None``.
    :return: None.
    """


@hookspec
def kaidian_register_registries(register: Callable[..., None]) -> None:
    """Contribute a collection of registrations, for a part that owns a family of hooks (the
    builder collects page components, slots, app pages and page templates this way).

    Call ``register(name, collect)``: at start-up core calls ``collect(host, registries)`` and
    keeps what it returns as ``app.state.registries.<name>``; collections are built in
    registration order (core, then the builder, then by plugin name), so ``collect`` may read those before
    it. Raise ``core.registries.RegistrationError`` to refuse a contribution; start-up stops
    with the message. A name already taken is refused.

    :param register: ``register(name: str, collect: Callable[[PluginHost, Registries], Any]) -> None``.
    :return: None.
    """


@hookspec
def kaidian_register_commands(register: Callable[..., None]) -> None:
    """Contribute ``kaidian`` sub-commands (the builder's ``kaidian build``).

    Call ``register(function, name=None)`` with a Typer command function: its parameters are
    the options (``typer.Option``), its docstring the help, and the name defaults to the
    function's. Core's own commands keep their names. Plugins are loaded for ``kaidian --help``
    and for a command that is not core's own.

    :param register: ``register(function: Callable[..., None], name: str | None = None) -> None``.
    :return: None.
    """


@hookspec
def kaidian_register_themes(register: Callable[..., None]) -> None:
    """Contribute themes (token sets of colours, radii, font sizes, spacing).

    Call ``register(name, tokens, title=None)``; ``title`` is ``{"zh-CN": …, "en": …}``.

    :param register: ``register(name: str, tokens: dict, title: dict | None = None) -> None``.
    :return: None.
    """


@hookspec
def kaidian_register_jobs(register: Callable[..., None]) -> None:
    """Contribute scheduled jobs.

    Call ``register(name, func, every_seconds)``: ``func`` is ``async def func(ctx) -> None``
    and runs every ``every_seconds`` seconds while the app runs. With Redis configured it runs
    on the job queue, each tick once across all instances (see ``core.job_queue``).

    :param register: ``register(name: str, func, every_seconds: int) -> None``.
    :return: None.
    """


@hookspec
def kaidian_register_timer_handlers(register: Callable[..., None]) -> None:
    """Contribute handlers for durable timers (rows that fire once at a set time).

    Call ``register(kind, handler)``: ``handler`` is ``async def handler(host, settings, timer)``
    and runs once the timer of that ``kind`` falls due, even across restarts and with several
    app instances. Schedule with ``core.trade.timers.schedule(shop_id, kind, target_id, run_at)``
    and cancel with ``core.trade.timers.disarm(kind, target_id)``. A handler that raises is
    retried a minute later, up to 10 attempts, and one whose process died is run again once
    its claim's lease runs out, so make it idempotent.

    :param register: ``register(kind: str, handler) -> None``; ``kind`` is unique across plugins.
    :return: None.
    """


@hookspec
def kaidian_register_admin_menu(register: Callable[..., None]) -> None:
    """Contribute entries to the merchant admin's navigation menu.

    Call ``register(key, title, path, icon=None, roles=None, order=100)`` where ``title`` is
    ``{"zh-CN": …, "en": …}`` and ``roles`` limits the entry to those staff roles. Entries of
    plugins disabled for the current shop are hidden.

    :param register: see above.
    :return: None.
    """


@hookspec
def kaidian_register_event_types(register: Callable[..., None]) -> None:
    """Contribute analytics event types the generated apps (or your own code) may record.

    Call ``register(name, schema, title, client=True)``: ``name`` is lower-case letters,
    digits, ``_`` and ``.`` (prefix it with your plugin's name, e.g. ``"coupons.claim"``),
    unique across plugins; ``schema`` is the JSON Schema (an object) of the event's ``props``,
    closed by core (no properties beyond those it names) — keep personal data out of it;
    ``title`` is ``{"zh-CN": …, "en": …}``; ``client=False`` makes a type only the server may
    write (``POST /api/shop/{shop_id}/events`` refuses it). A bad name or schema stops start-up
    naming the plugin.

    :param register: ``register(name: str, schema: dict, title: dict, client: bool = True) -> None``.
    :return: None.
    """


@hookspec
def kaidian_register_webhook_events(register: Callable[..., None]) -> None:
    """Contribute events the shop's webhooks may subscribe to (``feedback.low_score``…).

    Call ``register(name, title)``: ``name`` is ``<plugin>.<event>`` (lower-case letters, digits,
    ``_`` and one or more ``.``), unique across plugins; ``title`` is ``{"zh-CN": …, "en": …}``.
    ``POST /api/admin/webhooks`` accepts registered names in ``events``. Send one with
    ``core.trade.webhooks.enqueue(shop_id, name, payload)``: signed, retried and logged like
    core's order events. A bad or taken name stops start-up naming the plugin.

    :param register: ``register(name: str, title: dict) -> None``.
    :return: None.
    """


@hookspec
def kaidian_register_admin_screens(register: Callable[..., None]) -> None:
    """Contribute screens to the merchant admin, shipped as a built ES module in your package.

    Call ``register(path, component, bundle)`` once per screen: ``path`` is the admin route
    (``/gift-cards``; a menu entry with the same path links to it), ``component`` the name of
    the export of ``bundle/index.js`` that draws it, and ``bundle`` the directory of your built
    files (``index.js`` and any ``*.css`` beside it). The module imports ``vue``,
    ``vue-router``, ``element-plus``, ``@element-plus/icons-vue`` and ``@kaidian/admin`` from
    the admin at run time (an import map), so installing the plugin never rebuilds the admin.
    A plugin has one bundle; its screens are offered only to shops that enable the plugin.

    :param register: ``register(path: str, component: str, bundle: Path) -> None``.
    :return: None.
    """


@hookspec
def kaidian_register_admin_extensions(register: Callable[..., None]) -> None:
    """Put your own controls into core admin screens, drawn by components of your admin bundle
    (the one of ``kaidian_register_admin_screens``).

    Call ``register(point, component, bundle)``: ``point`` is where the admin mounts it (see
    ``core.admin_ui.screens.EXTENSION_POINTS``: ``editor.block-actions`` beside the selected
    block's tools, ``editor.block-badges`` over every block of the canvas,
    ``editor.page-actions`` in the editor's toolbar), ``component`` the name of the export of
    ``bundle/index.js`` (a Vue component; it receives the ``editor`` prop, and ``block`` at the
    block points), ``bundle`` your built files. Shown only to shops that enable the plugin.

    :param register: ``register(point: str, component: str, bundle: Path) -> None``.
    :return: None.
    """


@hookspec
def kaidian_register_data_sources(register: Callable[..., None]) -> None:
    """Contribute reads that the customer batch endpoint (``POST /api/shop/batch``) answers.

    Call ``register(name, handler)`` once per source. ``name`` is what a page component's
    ``data_source`` names (lower-case letters, digits, ``_`` and ``.``; a clash with another
    plugin's source stops start-up naming both plugins). ``handler`` is
    ``async def handler(shop_id: int, params: dict, request) -> data``: ``params`` are the
    component's parameters as sent by the client (untrusted: check them), ``request`` is the
    Litestar request whose ``request.user`` is the shop's customer (``core.auth.AuthUser``)
    when the call carried a valid Bearer token of that shop, else None. Return JSON-serialisable
    data; raise a ``core.errors.KaidianError`` to fail just this read (it is answered as
    ``{"ok": false, "error": {code, message, field}}`` while the batch's other reads succeed).
    A source of a plugin disabled for the shop answers ``plugin_disabled``.

    :param register: ``register(name: str, handler) -> None``.
    :return: None.
    """


@hookspec
def kaidian_register_blind_indexes(register: Callable[..., None]) -> None:
    """Declare encrypted fields that carry a blind index, so ``kaidian db reindex`` moves their
    indexes to the active data key (after upgrading, after rotating data keys).

    Store personal data with the app's field cipher (``app.state.cipher``, or the ``cipher``
    dependency of a route): ``cipher.encrypt(value, context=context)`` in ``value_field`` and
    ``cipher.blind_index(value, context=context)`` in ``index_field``; look rows up with
    ``index_field__in=cipher.blind_indexes(value, context=context)``. Call
    ``register(model, value_field, index_field, context)`` once per such field; ``context`` (e.g.
    ``"customer.phone"``) is unique across plugins. A data migration that encrypts existing
    rows gets the cipher from ``core.db.migration_cipher()``.

    :param register: ``register(model: type[tortoise.models.Model], value_field: str, index_field: str, context: str) -> None``.
    :return: None.
    """


@hookspec
def kaidian_register_search_backends(register: Callable[..., None]) -> None:
    """Contribute a product search backend, chosen with ``KAIDIAN_SEARCH_BACKEND=<name>``.

    Call ``register(name, factory)``: ``factory(settings)`` returns an object with
    ``async suggest(shop_id, text, limit) -> [(title, product_id)]`` and
    ``async search(shop_id, text, limit) -> [product_id]``, best first (the
    ``core.catalog.search.SearchBackend`` protocol); it may raise ``ValueError`` when the
    settings cannot serve it (start-up then stops with that reason). Core registers
    ``builtin`` (an index in each worker) and ``postgres`` (pg_trgm). An engine outside the
    database follows catalog edits from ``core.catalog.cache.changes_since`` — the products
    each committed catalog version changed — as the built-in ones do.

    :param register: ``register(name: str, factory) -> None``.
    :return: None.
    """


@hookspec
def kaidian_register_checkout_inputs(register: Callable[..., None]) -> None:
    """Contribute your plugin's part of the checkout body (a coupon choice, points to redeem,
    a gift-wrap note…), so customers can send it without core knowing your fields.

    Call ``register(schema, deprecated_fields=None)`` once. ``schema`` is the JSON Schema
    (draft 2020-12, ``"type": "object"``) of your part: a checkout or checkout-preview body
    carries it as ``plugins.<your plugin>``, e.g. ``{"plugins": {"points": {"points_to_redeem":
    100}}}``. Core validates the part before pricing (422 naming ``plugins.<plugin>.<field>``
    and why; a part for an unknown plugin is 422 ``unknown_plugin``, for a plugin the shop
    switched off 422 ``plugin_disabled``), shows it in the OpenAPI document, and hands it to
    your hooks as ``context.inputs["<your plugin>"]`` (pricing, shipping fee, checkout
    preview) and ``inputs["<your plugin>"]`` (``kaidian_reserve_for_order``). A part that was
    not sent is absent. ``deprecated_fields`` maps old top-level body fields to the key of your
    part they fill (None: the field's value is your whole part); they are taken for one release
    and answered with a ``Deprecation`` header. A schema that is not valid stops start-up
    naming the plugin.

    :param register: ``register(schema: dict, deprecated_fields: dict[str, str | None] | None = None) -> None``.
    :return: None.
    """


@hookspec
def kaidian_register_reference_kinds(register: Callable[..., None]) -> None:
    """Name a kind of record that a page configuration (or another stored setting) may refer to
    by id, so kaidian can check the id names a record of the shop it is saved for.

    Call ``register(kind, model, filters=None, title=None, link_page=None, label_field=None)``:
    ``model`` is a Tortoise model with a ``shop_id`` field, ``filters`` narrows which rows count
    (e.g. ``{"deleted": False}``), ``title`` (``{"zh-CN": …, "en": …}``) is how a problem names
    the record to a merchant. Core registers ``product`` and ``category``. A component's props
    schema points at a kind with ``"x-reference": "<kind>"`` on an integer or an array of
    integers (the ``product``, ``products`` and ``category`` editor widgets imply theirs).
    With ``link_page`` (an app page of ``kaidian_register_app_pages``, which the generated app
    opens with ``?id=<id>``) the kind is also a link target: links ``<kind>:<id>`` may name it,
    the editor's link picker offers the shop's records (labelled by ``label_field``), and the
    app's ``openLink`` opens that page. A link to a kind without one is a problem on that field.
    A draft naming another shop's record (or none) is saved with a problem on that field;
    publishing it is refused. A kind already taken stops start-up naming the plugin.

    :param register: ``register(kind: str, model: type[tortoise.Model], filters: dict | None = None, title: dict[str, str] | None = None, link_page: str | None = None, label_field: str | None = None) -> None``.
    :return: None.
    """


# ---------------------------------------------------------------------------------------------
# Generation: what the generated app compiles in, per shop
# ---------------------------------------------------------------------------------------------


@hookspec
def kaidian_collect_block_variants(shop_id: int) -> list[dict[str, Any]] | None:
    """Offer run-time variants of page blocks, compiled into the generated app (A/B tests).

    Generation (the admin's export and H5 preview, ``GET /api/admin/builder/variants``) asks
    this for the shop; each item is ``{"page": route, "block_id": id, "component": type,
    "source": data source name, "variants": {variant key: props}}``. Every variant's props go
    into the generated code next to the block's own (nothing is fetched as code at run time);
    only such a block switches at run time: its page adds ``{"source": source, "params":
    {"page": route}}`` to its usual batch read, and the source answers ``{"assignments":
    {experiment key: variant key}, "blocks": {block id: {"variant": key}}}`` — the block shows
    that variant's props (its own props for an unknown key or a failed read), and the app's
    analytics events carry ``assignments`` as their ``experiments`` map. A variant changes the
    block's props only, not its data request. Items naming a block the page does not have (or
    of another component) are left out. An exception fails the generation with a 503.

    :param shop_id: the shop whose app is generated.
    :return: variant items, or None for none.
    """


@hookspec
def kaidian_collect_page_variants(shop_id: int) -> list[dict[str, Any]] | None:
    """Offer run-time variants of whole pages (A/B tests of block order), compiled into the
    generated app.

    Generation asks this with ``kaidian_collect_block_variants`` (the same 503 on an
    exception; ``GET /api/admin/builder/variants`` lists both); each item is ``{"page": route,
    "source": data source name, "variants": {variant key: [block id, …]}}``: a variant is an
    order, or a subset, of the page's own blocks, named by the ids analytics events carry
    (the block's ``id``, else ``<route>.<index>``), so every variant is made of code the page
    already has. Only such a page switches at run time: it adds ``{"source": source,
    "params": {"page": route}}`` to its usual batch read, and the source answers
    ``{"assignments": {experiment key: variant key}, "page": {"variant": key}}``; the page
    renders its blocks in that variant's order (in its own order, all of them, for an unknown
    key — the holdout — or a failed read, and nothing before the read answers), and the app's
    analytics events carry ``assignments`` as their ``experiments`` map. An item with a
    variant naming a block the page does not have (or none) is left out whole, so no device is
    told one arm while shown another.

    :param shop_id: the shop whose app is generated.
    :return: page variant items, or None for none.
    """


# ---------------------------------------------------------------------------------------------
# Customers: what plugins know of a customer, per shop
# ---------------------------------------------------------------------------------------------


@hookspec
def kaidian_collect_customer_segments(shop_id: int, customer_id: int | None) -> list[dict[str, Any]] | None:
    """Name the segments a customer belongs to (a membership tier, a tag), or every segment
    the shop has, so other plugins can target them without knowing who keeps them.

    Each item is ``{"kind": kind, "key": key, "title": {"zh-CN": …, "en": …}}``: ``kind`` is
    ``"tier"`` (a membership level; a customer is in one at most) or ``"tag"`` (a label a shop
    puts on customers; any number), ``key`` a string stable across renames (e.g. the tier's id),
    ``title`` what the admin shows. Other kinds are allowed and ignored by whoever does not know
    them. With ``customer_id=None`` answer every segment of the shop (what an admin form offers,
    what a target list is checked against); with a customer, only theirs (a guest has none and
    is never asked). Called per read of whoever targets (the ads plugin once per served ad at
    most), so keep it to a query or a cached read. An exception fails that read with a 503.

    :param shop_id: the customer's shop.
    :param customer_id: a customer of that shop, or None for the shop's every segment.
    :return: segment items, or None for none.
    """


# ---------------------------------------------------------------------------------------------
# Trade: gathering contributions and resolving providers, per shop
# ---------------------------------------------------------------------------------------------


@hookspec
def kaidian_collect_price_adjustments(
    context: PricingContext,
) -> list[PriceAdjustment] | None:
    """Offer price adjustments for a cart or order being priced.

    Return a list of ``core.pricing.types.PriceAdjustment`` (amount in fen, kind, stacking
    group, priority, human reason in zh-CN/en), or None. Core sets ``source`` to your plugin
    name, orders adjustments deterministically and applies them; a line or total never goes
    below zero. An exception here fails the pricing call with a clean 503 problem response:
    kaidian never charges a price it could not compute completely.

    :param context: shop, customer, lines, shipping and the pricing time.
    :return: adjustments, or None for none.
    """


@hookspec
def kaidian_collect_shipping_holds(shop_id: int, order_id: int) -> list[dict[str, str]] | None:
    """Say why a paid order must not ship yet (e.g. its group-buy group is still forming).

    Return reasons as ``{"zh-CN": …, "en": …}`` dicts, or None when you hold nothing. Core
    refuses to ship an order with any hold (409 naming the first reason, also per row of a
    batch shipment); the hold lifts as soon as no plugin returns one. An exception fails the
    shipment with a 503: an order is never shipped past a hold that could not be checked.

    :param shop_id: the order's shop.
    :param order_id: the order about to ship.
    :return: reasons, or None for none.
    """


@hookspec
def kaidian_collect_shop_template_copy(shop_id: int, template_shop_id: int) -> list[str] | None:
    """An agency is opening a shop from a template shop of its own: copy your per-shop
    configuration (pages, settings rows of your own tables) from ``template_shop_id`` to
    ``shop_id`` — never customers, orders or anything a customer made.

    Called inside the transaction that creates the shop, only for plugins enabled in the
    template (core has already copied which plugins are enabled and their settings). Write
    with the ORM as usual: the writes join that transaction. An exception rolls the whole new
    shop back (the request answers 503): a shop is never opened half-copied.

    :param shop_id: the new shop (empty apart from what core copied).
    :param template_shop_id: the shop it is made from, of the same agency.
    :return: names of what you copied (e.g. ``["page_config"]``), or None.
    """


@hookspec(firstresult=True)
def kaidian_resolve_payment_provider(shop_id: int, method: str) -> PaymentProvider | None:
    """Return the payment provider serving ``method`` (e.g. ``"wechat_jsapi"``) for a shop.

    Stops at the first non-None result. Without an answer, core uses the sandbox where it is
    switched on (development), else answers 503 ``payment_unavailable``. A shop for which a
    plugin serves ``wechat_jsapi`` never gets the sandbox, whatever the method.

    :param shop_id: the shop taking the payment.
    :param method: the payment method the customer chose.
    :return: a ``core.payments.provider.PaymentProvider``, or None if you do not serve it.
    """


@hookspec(firstresult=True)
def kaidian_resolve_wechat_login(shop_id: int) -> Code2SessionProvider | None:
    """Return the ``code2session`` provider for a shop's own mini-program (its AppID/AppSecret).

    Stops at the first non-None result. Without an answer, core uses the sandbox where it is
    switched on (development), else the settings-level app
    (``KAIDIAN_WECHAT_APP_ID``/``KAIDIAN_WECHAT_APP_SECRET``), else refuses logins (503
    ``login_unavailable``).

    :param shop_id: the shop a customer is logging in to.
    :return: a ``core.accounts.wechat.Code2SessionProvider``, or None.
    """


@hookspec(firstresult=True)
def kaidian_resolve_shipping_fee(shop_id: int, context: PricingContext) -> int | None:
    """Return the shipping fee, in fen (≥ 0), of the shipping method the customer chose.

    Called at checkout when the body names a ``shipping_method``, before the price adjustments
    are collected: the fee becomes ``context.shipping_fen`` (so shipping coupons see it) and the
    order's ``shipping_fen``. The method is ``context.extra["shipping_method"]``; details of the
    choice (a pickup point…) come in your checkout part, ``context.inputs["<your plugin>"]``.
    The order keeps the method and the part of the plugin that served it as ``Order.shipping``
    (``{"method": "pickup", "pickup_point_id": 7}``). Stops at the first non-None result; if
    nobody serves the method, checkout answers 422 naming ``shipping_method``.

    :param shop_id: the shop being ordered from.
    :param context: the cart being priced (shipping not yet included).
    :return: the fee in fen, or None if you do not serve ``context.extra["shipping_method"]``.
    """


@hookspec
def kaidian_collect_checkout_preview(
    context: PricingContext, adjustments: list[dict[str, Any]], locale: str
) -> dict[str, Any] | None:
    """Describe your part of a checkout for the customer's checkout page, before it is placed.

    Called by ``POST /api/shop/checkout/preview`` after the cart was priced exactly as the
    checkout would price it; nothing is written, so read only. Return one JSON-serialisable
    dict (your *section*, e.g. the coupons a customer could choose and why the others cannot
    be used) or None; core answers it as ``sections["<your plugin>"]``. Texts in ``locale``.
    A section may carry ``"subscribe_template_ids": [...]`` (WeChat subscribe-message
    templates): the checkout page asks the customer to allow them just before placing the
    order, and the answers reach ``kaidian_on_subscribe_results`` with the order's id.
    Raise a ``core.errors.KaidianError`` to fail the preview as the checkout would fail
    (e.g. a 422 naming a choice you would refuse); any other exception is a 503.

    :param context: the priced cart: shop, customer, lines, shipping fee, the pricing time,
        ``inputs`` (each plugin's validated part of the body, ``kaidian_register_checkout_inputs``)
        and ``extra`` (core's choices: ``shipping_method``, ``shipping_address_id``).
    :param adjustments: every adjustment offered, as ``{"source", "kind", "key", "amount_fen",
        "reason", "applied"}``: applied ones with the amount they took, the others with the
        amount offered and why they did not apply (``reason`` is ``{"zh-CN": …, "en": …}``).
    :param locale: ``"zh-CN"`` or ``"en"``, from the request.
    :return: your section, or None.
    """


# ---------------------------------------------------------------------------------------------
# Trade: inside the transaction that writes an order
# ---------------------------------------------------------------------------------------------


@hookspec
def kaidian_reserve_for_order(
    shop_id: int,
    customer_id: int,
    order_id: int,
    adjustments: list[dict[str, Any]],
    extra: dict[str, Any],
    inputs: dict[str, dict[str, Any]],
) -> None:
    """Claim what a new order was priced with, inside the transaction that writes the order.

    Called once per checkout, after the stock is reserved and the order row is written, before
    commit. The order's INSERT, the first statement of that transaction, locks the customer's
    row, so one customer's checkouts take turns here: a per-customer limit can count and write
    without locking the customer again (a lock taken only here would deadlock on databases
    whose foreign-key checks share-lock the customer row for the order's insert). Use a
    conditional UPDATE (``…WHERE status='available'``) so two checkouts racing for one thing
    cannot both take it; raise a ``core.errors.KaidianError`` (``Conflict``,
    naming what was lost) to refuse the order: nothing of it is kept and the customer gets your
    409. Queries run on the order's transaction (the ambient one). Any other exception fails the
    checkout with a 503.

    :param shop_id: the order's shop.
    :param customer_id: the customer placing it.
    :param order_id: the order being written (not committed yet).
    :param adjustments: the applied adjustments as stored on the order
        (``source``, ``kind``, ``key``, ``amount_fen``, ``reason``).
    :param extra: core's choices as the pricing saw them (``context.extra``: ``shipping_method``…).
    :param inputs: each plugin's validated part of the checkout body, by plugin name
        (``context.inputs``), so you can refuse a choice you could not honour.
    :return: None.
    """


# ---------------------------------------------------------------------------------------------
# Notifications: after the fact, never able to break the caller
# ---------------------------------------------------------------------------------------------


@hookspec
def kaidian_on_shop_created(shop_id: int) -> None:
    """A shop was created (after commit). Seed your plugin's per-shop defaults here.

    :param shop_id: the new shop.
    :return: None.
    """


@hookspec
def kaidian_on_demo_shop_created(shop_id: int, base_url: str, images: dict[str, str]) -> None:
    """``kaidian demo`` just seeded its demo shop (once, on an empty database, after commit).

    Add your feature's sample data so the demo shows it (a coupon to claim, an activity…).
    The shop has categories and on-sale products with SKUs, stock and pictures.

    :param shop_id: the demo shop.
    :param base_url: where the demo serves (e.g. ``http://127.0.0.1:8000``).
    :param images: URLs of the pictures seeded into the shop's media library for its pages, by
        name: ``banner-1``, ``banner-2`` and ``nav:<category name>`` / ``nav:购物车``.
    :return: None.
    """


@hookspec
def kaidian_on_demo_history(history: DemoHistory) -> None:
    """``kaidian demo`` is writing the demo shop's past month (after
    ``kaidian_on_demo_shop_created``): plan your feature's part of it, so the demo's screens
    show it in use (coupons used, groups completed and expired, a bargain bought…).

    Plan steps with ``history.at(moment, step, owner="<your plugin>")``: ``step`` is an async
    callable without arguments, run in time order among everyone's steps with ``core.clock``
    pinned at ``moment``, so your services stamp that moment as they would have then; timers
    due in between fire at their own moments. A step may plan later ones. Draw every choice
    from ``history.rng("<your plugin>")`` so the same seed writes the same history. Inside a
    step, ``history.place_order(customer, [(sku_id, quantity)], **checkout)`` checks out as a
    customer (``checkout``: ``place_order``'s keywords), ``history.pay(order)`` pays in the
    sandbox and ``history.ship(order_id, rng)`` sends the parcel; ``history.customers`` (id, nickname, ``joined_at``) have joined by then, and
    ``history.start``/``history.end``/``history.shop_id`` frame it. A step the services refuse
    (a ``KaidianError``) is skipped and reported.

    :param history: the demo's history being planned (``core.demo_history.DemoHistory``).
    :return: None.
    """


@hookspec
def kaidian_on_customer_registered(shop_id: int, customer_id: int, share_code: str | None) -> None:
    """A customer's first login created them in a shop (after commit; never for a returning one).

    :param shop_id: the shop they joined.
    :param customer_id: the new customer.
    :param share_code: the share code of the link that brought them (``share_code`` in the
        login body), as sent — unchecked — or None.
    :return: None.
    """


@hookspec
def kaidian_on_order_placed(
    shop_id: int, order_id: int, customer_id: int, total_fen: int, attribution: dict[str, Any] | None
) -> None:
    """A customer placed an order (called once per order, after the transaction commits; the
    order is ``pending_payment``).

    :param shop_id: the order's shop.
    :param order_id: the new order.
    :param customer_id: who placed it.
    :param total_fen: the amount to pay, in fen.
    :param attribution: what the checkout sent for analytics — ``{"device_id": …,
        "experiments": {key: variant}}`` — or None (kept on the order as ``attribution``).
    :return: None.
    """


@hookspec
def kaidian_on_order_status_changed(
    shop_id: int, order_id: int, old_status: str, new_status: str, reason: str | None
) -> None:
    """An order moved between states (called after the transaction commits).

    :param shop_id: the order's shop.
    :param order_id: the order.
    :param old_status: the state it left.
    :param new_status: the state it entered.
    :param reason: why, as written to the audit log, if known.
    :return: None.
    """


@hookspec
def kaidian_on_payment_succeeded(
    shop_id: int, order_id: int, amount_fen: int, payment: dict[str, Any]
) -> None:
    """A payment was confirmed by its provider (called once per payment, after commit).

    :param shop_id: the order's shop.
    :param order_id: the paid order.
    :param amount_fen: the amount paid, in fen.
    :param payment: provider, transaction id and paid time.
    :return: None.
    """


@hookspec
def kaidian_on_refund_succeeded(
    shop_id: int, order_id: int, refund_id: int, amount_fen: int, lines: list[dict[str, Any]]
) -> None:
    """A refund was confirmed by its provider (called once per refund, after commit).

    :param shop_id: the order's shop.
    :param order_id: the refunded order.
    :param refund_id: the refund.
    :param amount_fen: the refunded amount, in fen.
    :param lines: refunded lines with quantities and allocated amounts.
    :return: None.
    """


@hookspec
def kaidian_on_refund_stuck(shop_id: int, order_id: int, refund_id: int, amount_fen: int, attempts: int, error: str) -> None:
    """A refund could not be sent to its provider after its last automatic attempt: it stays
    ``processing`` until staff retry it (called once per give-up, after commit).

    :param shop_id: the order's shop.
    :param order_id: the order being refunded.
    :param refund_id: the refund.
    :param amount_fen: the amount still to return, in fen.
    :param attempts: provider calls made so far.
    :param error: the last failure, e.g. ``ConnectError: …``.
    :return: None.
    """


@hookspec
def kaidian_on_inventory_low(shop_id: int, sku_id: int, stock: int, threshold: int) -> None:
    """A SKU's stock fell to or below its low-stock threshold (after the commit that did it).

    Fired exactly once per crossing, however many orders raced to cause it; stock rising above
    the threshold again re-arms it. The threshold is the SKU's own, else the shop's default.

    :param shop_id: the SKU's shop.
    :param sku_id: the SKU now low on stock.
    :param stock: its stock right after the crossing.
    :param threshold: the threshold it crossed.
    :return: None.
    """


@hookspec
def kaidian_on_subscribe_results(shop_id: int, customer_id: int, results: dict[str, str], order_id: int | None) -> None:
    """A customer answered the app's WeChat subscribe-message request (``wx.requestSubscribeMessage``
    through the customer runtime's ``askSubscribe``), e.g. at checkout for the template ids the
    checkout preview's sections asked for (a section's ``subscribe_template_ids``).

    Reported by the app with ``POST /api/shop/subscriptions``; core checks the body and the
    order and keeps no record itself. Count the grants of your own templates (WeChat lets one
    ``accept`` send one message) and ignore the others'. The checkout page reports once per
    order placed, in the background: it never waits for you.

    :param shop_id: the customer's shop.
    :param customer_id: who answered.
    :param results: template id → ``"accept"``, ``"reject"``, ``"ban"`` or ``"filter"`` (only
        the ids the customer was asked for; none on H5, where the app never asks).
    :param order_id: the customer's order placed with the answer (checkout), or None.
    :return: None.
    """


@hookspec
def kaidian_on_customer_notice(
    shop_id: int, customer_id: int, topic: str, message: dict[str, str], data: dict[str, Any]
) -> None:
    """A plugin has something to tell one customer (e.g. their group buy completed or failed).

    Fired by feature plugins with ``host.notify(…)``; channel plugins (WeChat subscribe
    messages, SMS, an in-app inbox) deliver it. Fired at least once per notice: a retried
    sender may repeat one, so deduplicate on ``(topic, data)`` if that matters.

    :param shop_id: the customer's shop.
    :param customer_id: who to tell.
    :param topic: what happened, ``<plugin>.<event>`` (e.g. ``"group_buy.completed"``).
    :param message: the text to show, ``{"zh-CN": …, "en": …}``.
    :param data: ids a channel may link to (e.g. ``group_id``, ``order_id``).
    :return: None.
    """
