"""HTTP routes: merchant admin (activities, groups with members) and customers (activity list
and detail, open a group, join one, my groups, a group's share page and its status stream).
Controllers parse and authorise; services and groups hold the rules."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from litestar import Controller, Request, Response, delete, get, patch, post
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody, Parameter
from litestar.response import ServerSentEvent

from core import clock
from core.auth import SKIP_AUTH, AuthUser, customer_only, managers, optional_customer, staff_only
from core.catalog.storefront import require_open_shop
from core.openapi import AUTHED, problems
from core.plugin_host import PluginHost
from core.trade.controllers import IdempotencyHeader, check_address
from plugins.group_buy import services, views
from plugins.group_buy.groups import ensure_found
from plugins.group_buy.models import GroupBuyGroup, GroupBuyMember, GroupStatus
from plugins.group_buy.schemas import (
    ActivityCreate,
    ActivityRead,
    ActivityUpdate,
    AdminGroupRead,
    GroupOrderCreate,
    GroupOrderRead,
    GroupRead,
    MyGroupRead,
    ShopActivityDetail,
    ShopActivityRead,
)

AuthedRequest = Request[AuthUser, Any, Any]
TAGS = ["plugin: group_buy"]


def _now() -> datetime:
    return clock.now()


class GroupBuyAdminController(Controller):
    path = "/api/admin/group-buy"
    tags = TAGS
    guards = [staff_only]

    @get("/activities", operation_id="groupBuyListActivities", responses=problems(*AUTHED))
    async def list_activities(self, request: AuthedRequest) -> list[ActivityRead]:
        """The shop's group-buy activities, newest first."""
        return [await views.activity_read(a) for a in await services.list_activities(request.user.shop_id)]

    @post("/activities", operation_id="groupBuyCreateActivity", guards=[managers], responses=problems(*AUTHED))
    async def create_activity(self, request: AuthedRequest, data: JSONBody[ActivityCreate]) -> ActivityRead:
        """Create an activity: the product's SKUs with a group price per group size (one size or
        a ladder such as 2/3/5), the window a group stays open, the activity period, the
        per-customer limit, optional virtual fill and leader discount."""
        values = data.model_dump()
        values["skus"] = [sku.model_dump() for sku in data.skus]
        return await views.activity_read(await services.create_activity(request.user.shop_id, values))

    @get("/activities/{activity_id:int}", operation_id="groupBuyGetActivity", responses=problems(*AUTHED))
    async def get_activity(self, request: AuthedRequest, activity_id: FromPath[int]) -> ActivityRead:
        """One activity of the shop."""
        return await views.activity_read(await services.get_activity(request.user.shop_id, activity_id))

    @patch("/activities/{activity_id:int}", operation_id="groupBuyUpdateActivity", guards=[managers], responses=problems(*AUTHED, 409))
    async def update_activity(self, request: AuthedRequest, activity_id: FromPath[int], data: JSONBody[ActivityUpdate]) -> ActivityRead:
        """Rename, stop or resume, extend or shorten, change limits; prices only before the
        first group opens (409 after). Groups already open keep their terms."""
        changes = data.model_dump(exclude_unset=True)
        if data.skus is not None:
            changes["skus"] = [sku.model_dump() for sku in data.skus]
        return await views.activity_read(await services.update_activity(request.user.shop_id, activity_id, changes))

    @delete("/activities/{activity_id:int}", operation_id="groupBuyDeleteActivity", guards=[managers], responses=problems(*AUTHED, 409))
    async def delete_activity(self, request: AuthedRequest, activity_id: FromPath[int]) -> None:
        """Delete an activity nobody has opened a group in (409 otherwise: stop it instead)."""
        await services.delete_activity(request.user.shop_id, activity_id)

    @get("/activities/{activity_id:int}/groups", operation_id="groupBuyListGroups", responses=problems(*AUTHED))
    async def list_groups(
        self,
        request: AuthedRequest,
        activity_id: FromPath[int],
        status: GroupStatus | None = Parameter(default=None, description="only groups in this state"),
    ) -> list[AdminGroupRead]:
        """The activity's groups, newest first, each with its members and their orders."""
        activity = await services.get_activity(request.user.shop_id, activity_id)
        query = GroupBuyGroup.filter(activity_id=activity.id)
        if status is not None:
            query = query.filter(status=status)
        return [await views.admin_group_read(group) for group in await query.order_by("-id").limit(200)]

    @get("/groups/{group_id:int}", operation_id="groupBuyAdminGetGroup", responses=problems(*AUTHED))
    async def get_group(self, request: AuthedRequest, group_id: FromPath[int]) -> AdminGroupRead:
        """One group of the shop with its members."""
        group = ensure_found(await GroupBuyGroup.get_or_none(id=group_id, shop_id=request.user.shop_id))
        return await views.admin_group_read(group)


async def _group_page(shop_id: int, group_id: int, viewer_id: int | None) -> GroupRead:
    group = ensure_found(await GroupBuyGroup.get_or_none(id=group_id, shop_id=shop_id))
    if group.status == GroupStatus.PENDING and group.leader_id != viewer_id:  # type: ignore[attr-defined]
        ensure_found(None)  # not shared before the leader paid
    return await views.group_read(group, viewer_id, _now())


class GroupBuyPublicController(Controller):
    """Reads a guest may make: running activities and a shared group's page show before anyone
    logs in; opening or joining a group (``GroupBuyShopController``) needs a customer."""

    path = "/api/shop/{shop_id:int}/group-buy"
    tags = TAGS

    @get("/activities", operation_id="groupBuyPublicActivities", opt={SKIP_AUTH: True}, responses=problems(404))
    async def activities(self, shop_id: FromPath[int]) -> list[ShopActivityRead]:
        """Group-buy activities running now, ending soonest first. Public."""
        await require_open_shop(shop_id)
        return [await views.shop_activity_read(a) for a in await services.running_activities(shop_id, _now())]

    @get("/activities/{activity_id:int}", operation_id="groupBuyPublicActivity", opt={SKIP_AUTH: True}, responses=problems(404))
    async def activity(self, shop_id: FromPath[int], activity_id: FromPath[int]) -> ShopActivityDetail:
        """A running activity: its SKUs with group prices per size, and groups open to join. Public."""
        await require_open_shop(shop_id)
        now = _now()
        return await views.shop_activity_detail(await services.running_activity(shop_id, activity_id, now), now)

    @get("/groups/{group_id:int}", operation_id="groupBuyPublicGroup", opt={SKIP_AUTH: True}, responses=problems(404))
    async def group(self, request: Request[Any, Any, Any], shop_id: FromPath[int], group_id: FromPath[int]) -> GroupRead:
        """A shared group's page, public (a friend opens the link before logging in). A customer's
        Bearer token of this shop, when sent, says whether they are a member; a group whose
        leader has not paid yet is shown to its leader only."""
        await require_open_shop(shop_id)
        return await _group_page(shop_id, group_id, await optional_customer(request, shop_id))


class GroupBuyShopController(Controller):
    path = "/api/shop/group-buy"
    tags = TAGS
    guards = [customer_only]

    @get("/activities", operation_id="groupBuyShopActivities", responses=problems(*AUTHED))
    async def activities(self, request: AuthedRequest) -> list[ShopActivityRead]:
        """Group-buy activities running now, ending soonest first."""
        return [await views.shop_activity_read(a) for a in await services.running_activities(request.user.shop_id, _now())]

    @get("/activities/{activity_id:int}", operation_id="groupBuyShopActivity", responses=problems(*AUTHED))
    async def activity(self, request: AuthedRequest, activity_id: FromPath[int]) -> ShopActivityDetail:
        """A running activity: its SKUs with group prices per size, and groups open to join."""
        now = _now()
        return await views.shop_activity_detail(await services.running_activity(request.user.shop_id, activity_id, now), now)

    @post("/activities/{activity_id:int}/open", operation_id="groupBuyOpen", status_code=201, responses=problems(*AUTHED, 409, 503))
    async def open_group(
        self, request: AuthedRequest, activity_id: FromPath[int], data: JSONBody[GroupOrderCreate], host: NamedDependency[PluginHost], idempotency_key: IdempotencyHeader = None
    ) -> Response[GroupOrderRead]:
        """Open a group as its leader: places the order at the group price (plus any leader
        discount); the group opens for others once this order is paid."""
        await services.get_activity(request.user.shop_id, activity_id)  # 404 for another shop's
        return await _group_checkout(request, host, idempotency_key, data, {"activity_id": activity_id, "size": data.size})

    @post("/groups/{group_id:int}/join", operation_id="groupBuyJoin", status_code=201, responses=problems(*AUTHED, 409, 503))
    async def join_group(
        self, request: AuthedRequest, group_id: FromPath[int], data: JSONBody[GroupOrderCreate], host: NamedDependency[PluginHost], idempotency_key: IdempotencyHeader = None
    ) -> Response[GroupOrderRead]:
        """Join a group from its share link: holds a slot and places the order at the group
        price (409 when the group is full, closed, or you are in it already)."""
        group = ensure_found(await GroupBuyGroup.get_or_none(id=group_id, shop_id=request.user.shop_id))
        return await _group_checkout(request, host, idempotency_key, data, {"activity_id": group.activity_id, "group_id": group.id})  # type: ignore[attr-defined]

    @get("/mine", operation_id="groupBuyMine", responses=problems(*AUTHED))
    async def mine(self, request: AuthedRequest) -> list[MyGroupRead]:
        """The caller's groups, newest first, with their order and standing in each."""
        now = _now()
        members = await GroupBuyMember.filter(shop_id=request.user.shop_id, customer_id=request.user.account_id).prefetch_related("group").order_by("-id").limit(100)
        return [
            MyGroupRead(group=await views.group_read(member.group, request.user.account_id, now), order_id=member.order_id, member_status=member.status)
            for member in members
        ]

    @get("/groups/{group_id:int}", operation_id="groupBuyGroup", responses=problems(*AUTHED))
    async def group(self, request: AuthedRequest, group_id: FromPath[int]) -> GroupRead:
        """A group as its share page shows it: who paid, how many are missing, the countdown."""
        return await _group_page(request.user.shop_id, group_id, request.user.account_id)

    @get("/groups/{group_id:int}/events", operation_id="groupBuyGroupEvents", media_type="text/event-stream", responses=problems(*AUTHED))
    async def events(self, request: AuthedRequest, group_id: FromPath[int]) -> ServerSentEvent:
        """Server-sent ``group`` events (opened, joined, completed, failed, refunded) from the
        first (or after ``Last-Event-ID``) until the group closes."""
        group = ensure_found(await GroupBuyGroup.get_or_none(id=group_id, shop_id=request.user.shop_id))
        last = request.headers.get("last-event-id", "0")
        return ServerSentEvent(views.group_events(group.id, int(last) if last.isdigit() else 0))


async def _group_checkout(
    request: AuthedRequest, host: PluginHost, idempotency_key: str | None, data: GroupOrderCreate, choice: dict[str, Any]
) -> Response[GroupOrderRead]:
    """Place the order through core checkout with the group choice in its pricing context."""
    from core.trade import idempotency
    from core.trade.models import Order
    from core.trade.orders import LineRequest, place_order

    user = request.user
    key = idempotency.check_key(idempotency_key)
    request_hash = idempotency.body_hash({"path": request.url.path, **data.model_dump()})
    claim = await idempotency.claim(user.shop_id, user.account_id, key, request_hash)
    if claim.row is None:
        return Response(claim.response, status_code=claim.status_code or 201)  # type: ignore[arg-type]
    row = claim.row

    async def place() -> Order:
        address = await check_address(user.shop_id, user.account_id, data.address_id)
        shipping = {"address_id": data.address_id, "address": address} if data.address_id is not None else None
        return await place_order(
            host, user.shop_id, user.account_id, [LineRequest(data.sku_id, data.quantity)], note=data.note, inputs={"group_buy": choice},
            shipping=shipping, idempotency_key_id=row.id,
        )

    async def answer(order: Order) -> dict[str, Any]:
        member = await GroupBuyMember.get(order_id=order.id)
        return GroupOrderRead(
            group_id=member.group_id,  # type: ignore[attr-defined]
            order_id=order.id,
            order_no=order.order_no,
            total_fen=order.total_fen,
            pay_deadline=order.pay_deadline,
        ).model_dump(mode="json")

    body = await idempotency.place_once(claim, place, answer)
    return Response(body, status_code=201)  # type: ignore[arg-type]
