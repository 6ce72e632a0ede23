"""HTTP routes: customers (apply as leader, nearby pickup points, my pickup code), leaders
(my orders and batches, verify a pickup code, my commission statements) and staff (review
leaders, rates, delivery batches and picking lists, settlements and statements).
Controllers parse and authorise; the service modules hold the rules."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from litestar import Controller, Request, Response, get, post, put
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody, Parameter

from core.auth import AuthUser, customer_only, managers, staff_only
from core.errors import InvalidInput
from core.openapi import AUTHED, problems
from core.schemas import LARGEST_ID
from core.plugin_host import PluginHost
from core.security.crypto import FieldCipher
from core.trade.models import Order
from plugins.community_group import attempts, batches, commission, leaders, pickup, services
from plugins.community_group.models import DeliveryBatch, Leader, LeaderStatus, PickupPoint
from plugins.community_group.schemas import (
    BatchCreate,
    BatchRead,
    CommissionRead,
    EntryRead,
    LeaderApply,
    LeaderBatchRead,
    LeaderOrderRead,
    LeaderRateWrite,
    LeaderRead,
    NearbyPointRead,
    PickupCodeRead,
    PickupPointRead,
    ProductRateRead,
    ProductRateWrite,
    ReviewWrite,
    SettleCreate,
    SettlementRead,
    StatementRead,
    VerifyRead,
    VerifyWrite,
)

AuthedRequest = Request[AuthUser, Any, Any]
TAGS = ["plugin: community_group"]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def leader_read(leader: Leader, cipher: FieldCipher, *, full: bool) -> LeaderRead:
    point: PickupPoint = leader.pickup_point  # type: ignore[assignment]
    contact = leaders.contact_of(leader, cipher, full=full)
    return LeaderRead(
        id=leader.id,
        customer_id=leader.customer_id,  # type: ignore[attr-defined]
        name=contact.name,
        phone=contact.phone,
        contact_masked=contact.masked,
        status=leader.status,
        commission_bp=leader.commission_bp,
        review_note=leader.review_note,
        reviewed_at=leader.reviewed_at,
        created_at=leader.created_at,
        pickup_point=PickupPointRead.model_validate(point),
    )


def statement_read(statement: commission.Statement, cipher: FieldCipher, *, full: bool) -> StatementRead:
    contact = leaders.contact_of(statement.leader, cipher, full=full)
    return StatementRead(
        settlement_id=statement.settlement.id,
        period=statement.settlement.period,
        leader_id=statement.leader.id,
        leader_name=contact.name,
        leader_phone=contact.phone,
        accrued_fen=statement.accrued_fen,
        reversed_fen=statement.reversed_fen,
        total_fen=statement.total_fen,
        entries=[EntryRead.model_validate(entry) for entry in statement.entries],
    )


class CommunityShopController(Controller):
    path = "/api/shop/community_group"
    tags = TAGS
    guards = [customer_only]

    @post("/leader-application", operation_id="communityApplyLeader", responses=problems(*AUTHED, 409))
    async def apply(self, request: AuthedRequest, data: JSONBody[LeaderApply], cipher: NamedDependency[FieldCipher]) -> LeaderRead:
        """Apply to become a leader (团长) with a pickup point; staff review it. A rejected
        applicant may apply again; a pending or approved one gets 409. Name and phone are
        stored encrypted."""
        values = data.model_dump()
        leader = await services.apply(request.user.shop_id, request.user.account_id, values, cipher)
        return leader_read(leader, cipher, full=True)

    @get("/leader-application", operation_id="communityMyApplication", responses=problems(*AUTHED))
    async def my_application(self, request: AuthedRequest, cipher: NamedDependency[FieldCipher]) -> LeaderRead | None:
        """The caller's leader application and its status; ``null`` if they never applied (a
        customer without one is the usual case, not an error: the entry card asks on every view)."""
        leader = await services.application_of(request.user.shop_id, request.user.account_id)
        return leader_read(leader, cipher, full=True) if leader is not None else None

    @get("/pickup-points", operation_id="communityNearbyPoints", responses=problems(*AUTHED))
    async def nearby(
        self,
        request: AuthedRequest,
        cipher: NamedDependency[FieldCipher],
        latitude: float | None = Parameter(default=None, ge=-90, le=90, description="the customer's latitude (WGS-84)"),
        longitude: float | None = Parameter(default=None, ge=-180, le=180, description="the customer's longitude (WGS-84)"),
        limit: int = Parameter(default=20, ge=1, le=services.MAX_NEARBY),
    ) -> list[NearbyPointRead]:
        """Open pickup points, nearest first (great-circle distance) when a location is given;
        leaders' names masked."""
        found = await services.nearby_points(request.user.shop_id, latitude, longitude, limit)
        return [
            NearbyPointRead(
                **PickupPointRead.model_validate(item.point).model_dump(),
                leader_name=leaders.contact_of(item.leader, cipher, full=False).name,
                distance_m=item.distance_m,
            )
            for item in found
        ]

    @get("/orders/{order_id:int}/pickup", operation_id="communityMyPickupCode", responses=problems(*AUTHED, 409))
    async def my_pickup_code(self, request: AuthedRequest, order_id: FromPath[int]) -> PickupCodeRead:
        """The pickup code (and QR payload) of one of the caller's paid pickup orders."""
        shop_id = request.user.shop_id
        found, order = await pickup.customer_pickup(shop_id, request.user.account_id, order_id)
        return PickupCodeRead(
            order_id=order.id,
            order_status=order.status,
            pickup_code=found.pickup_code,
            scan_payload=pickup.scan_payload(shop_id, found.pickup_code),
            picked_up_at=found.picked_up_at,
            pickup_point=PickupPointRead.model_validate(found.pickup_point),
        )


class CommunityLeaderController(Controller):
    path = "/api/shop/community_group/leader"
    tags = TAGS
    guards = [customer_only]

    @get("/orders", operation_id="communityLeaderOrders", responses=problems(*AUTHED))
    async def orders(
        self, request: AuthedRequest, status: str | None = Parameter(default=None, pattern="^[a-z_]{1,24}$")
    ) -> list[LeaderOrderRead]:
        """Orders to be collected at the caller's pickup point, newest first (approved leaders)."""
        leader = await services.approved_leader(request.user.shop_id, request.user.account_id)
        rows = await pickup.leader_orders(request.user.shop_id, leader.id, status)
        return [
            LeaderOrderRead(
                order_id=order.id,
                order_no=order.order_no,
                status=order.status,
                total_fen=order.total_fen,
                batch_id=found.batch_id,  # type: ignore[attr-defined]
                picked_up_at=found.picked_up_at,
                created_at=order.created_at,
            )
            for found, order in rows
        ]

    @get("/batches", operation_id="communityLeaderBatches", responses=problems(*AUTHED))
    async def my_batches(self, request: AuthedRequest, cipher: NamedDependency[FieldCipher]) -> list[LeaderBatchRead]:
        """Delivery batches that bring goods to the caller's point, with what each brings."""
        shop_id = request.user.shop_id
        leader = await services.approved_leader(shop_id, request.user.account_id)
        result = []
        for batch in await batches.list_batches(shop_id, leader.id):
            rows = await batches.picking_rows(shop_id, batch.id, cipher, full_contact=True, leader_id=leader.id)
            result.append(LeaderBatchRead(**BatchRead.model_validate(batch).model_dump(), picking=rows))
        return result

    @post("/verify", operation_id="communityVerifyPickup", responses=problems(*AUTHED, 409, 429))
    async def verify(self, request: AuthedRequest, data: JSONBody[VerifyWrite], host: NamedDependency[PluginHost]) -> VerifyRead:
        """Hand an order over: the code typed (``code``) or scanned (``scan``) must belong to the
        caller's point, be unused, and the goods must have arrived. The order completes.
        Too many wrong codes in an hour answer 429 for a while."""
        shop_id = request.user.shop_id
        leader = await services.approved_leader(shop_id, request.user.account_id)
        await attempts.refuse_if_locked(request.app, shop_id, leader.id)
        try:
            code = data.code if data.code is not None else pickup.code_from_scan(shop_id, data.scan or "")
            done = await pickup.verify(host, shop_id, leader, code, actor=f"leader:{leader.id}")
        except InvalidInput:
            await attempts.count_wrong_code(request.app, shop_id, leader.id)
            raise
        order = await Order.get(id=done.order_id)
        return VerifyRead(order_id=order.id, order_no=order.order_no, status=order.status, picked_up_at=done.picked_up_at)  # type: ignore[arg-type]

    @get("/commission", operation_id="communityLeaderCommission", responses=problems(*AUTHED))
    async def my_commission(self, request: AuthedRequest, cipher: NamedDependency[FieldCipher]) -> CommissionRead:
        """The caller's commission: settled statements (entries and totals) and what is not
        settled yet."""
        shop_id = request.user.shop_id
        leader = await services.approved_leader(shop_id, request.user.account_id)
        settlements = await commission.list_settlements(shop_id)
        found = await commission.statements(shop_id, settlements, leader.id)
        return CommissionRead(
            unsettled_fen=await commission.unsettled_total(shop_id, leader.id),
            statements=[statement_read(statement, cipher, full=True) for statement in found],
        )


class CommunityAdminController(Controller):
    path = "/api/admin/community_group"
    tags = TAGS
    guards = [staff_only]

    @get("/leaders", operation_id="communityListLeaders", responses=problems(*AUTHED))
    async def list_leaders(
        self,
        request: AuthedRequest,
        cipher: NamedDependency[FieldCipher],
        status: LeaderStatus | None = Parameter(default=None, description="pending | approved | rejected"),
        phone: str | None = Parameter(default=None, max_length=20, description="exact phone look-up"),
    ) -> list[LeaderRead]:
        """Leader applications of the shop, newest first, optionally of one status or one phone
        number; names and phones masked (one leader's detail shows them to owners and operators)."""
        by_phone = leaders.phone_filter(cipher, phone) if phone else None
        return [leader_read(leader, cipher, full=False) for leader in await services.list_leaders(request.user.shop_id, status, by_phone)]

    @get("/leaders/{leader_id:int}", operation_id="communityGetLeader", responses=problems(*AUTHED))
    async def get_leader(self, request: AuthedRequest, leader_id: FromPath[int], cipher: NamedDependency[FieldCipher]) -> LeaderRead:
        """One leader: name and phone in full for owners and operators (they review and call
        applicants and pay commission; each such read is logged), masked for customer service."""
        full = leaders.sees_full_contact(request.user)
        leader = await services.get_leader(request.user.shop_id, leader_id)
        if full:
            leaders.log_full_view(request.user, "leader detail", [leader.id])
        return leader_read(leader, cipher, full=full)

    @post("/leaders/{leader_id:int}/approve", operation_id="communityApproveLeader", guards=[managers], responses=problems(*AUTHED, 409))
    async def approve(self, request: AuthedRequest, leader_id: FromPath[int], data: JSONBody[ReviewWrite], cipher: NamedDependency[FieldCipher]) -> LeaderRead:
        """Approve a pending application: the pickup point opens to customers."""
        leader = await services.review(request.user.shop_id, leader_id, approve=True, note=data.note, commission_bp=data.commission_bp)
        return leader_read(leader, cipher, full=False)

    @post("/leaders/{leader_id:int}/reject", operation_id="communityRejectLeader", guards=[managers], responses=problems(*AUTHED, 409))
    async def reject(self, request: AuthedRequest, leader_id: FromPath[int], data: JSONBody[ReviewWrite], cipher: NamedDependency[FieldCipher]) -> LeaderRead:
        """Reject a pending application, with a note the applicant sees."""
        leader = await services.review(request.user.shop_id, leader_id, approve=False, note=data.note, commission_bp=None)
        return leader_read(leader, cipher, full=False)

    @put("/leaders/{leader_id:int}/commission", operation_id="communitySetLeaderRate", guards=[managers], responses=problems(*AUTHED))
    async def set_leader_rate(self, request: AuthedRequest, leader_id: FromPath[int], data: JSONBody[LeaderRateWrite], cipher: NamedDependency[FieldCipher]) -> LeaderRead:
        """Set a leader's commission rate (basis points) for orders placed from now on."""
        return leader_read(await services.set_leader_rate(request.user.shop_id, leader_id, data.commission_bp), cipher, full=False)

    @get("/product-rates", operation_id="communityListProductRates", responses=problems(*AUTHED))
    async def list_product_rates(self, request: AuthedRequest) -> list[ProductRateRead]:
        """Products with their own commission rate (it wins over the leader's)."""
        return [ProductRateRead.model_validate(row) for row in await commission.product_rates(request.user.shop_id)]

    @put("/product-rates/{product_id:int}", operation_id="communitySetProductRate", guards=[managers], responses=problems(*AUTHED))
    async def set_product_rate(self, request: AuthedRequest, product_id: FromPath[int], data: JSONBody[ProductRateWrite]) -> list[ProductRateRead]:
        """Give a product its own commission rate for orders placed from now on (null removes it)."""
        await commission.set_product_rate(request.user.shop_id, product_id, data.rate_bp)
        return [ProductRateRead.model_validate(row) for row in await commission.product_rates(request.user.shop_id)]

    @post("/batches", operation_id="communityCreateBatch", guards=[managers], responses=problems(*AUTHED, 409))
    async def create_batch(self, request: AuthedRequest, data: JSONBody[BatchCreate], host: NamedDependency[PluginHost]) -> BatchRead:
        """Gather every paid pickup order up to the cut-off that no batch took yet into a new
        delivery batch; its orders ship to their pickup points. 409 when there is none."""
        batch = await batches.create_batch(host, request.user.shop_id, data.cutoff, actor=f"staff:{request.user.account_id}")
        return BatchRead.model_validate(batch)

    @get("/batches", operation_id="communityListBatches", responses=problems(*AUTHED))
    async def list_batches(self, request: AuthedRequest) -> list[BatchRead]:
        """Delivery batches, newest first."""
        return [BatchRead.model_validate(batch) for batch in await batches.list_batches(request.user.shop_id)]

    @get("/batches/{batch_id:int}/picking-list", operation_id="communityPickingList", responses=problems(*AUTHED))
    async def picking_list(
        self,
        request: AuthedRequest,
        batch_id: FromPath[int],
        cipher: NamedDependency[FieldCipher],
        format: str = Parameter(default="json", pattern="^(json|csv|xlsx)$", description="json | csv | xlsx"),
        leader_id: int | None = Parameter(default=None, ge=1, le=LARGEST_ID, description="only this leader's point"),
    ) -> Response[Any]:
        """The batch's picking list per leader (units per SKU, refunded units left out), as
        JSON, CSV (UTF-8 with BOM) or XLSX (one sheet per leader). Leaders' names and phones
        in full for owners and operators (delivery calls the leader; logged), masked for
        customer service."""
        shop_id = request.user.shop_id
        full = leaders.sees_full_contact(request.user)
        batch: DeliveryBatch = await batches.get_batch(shop_id, batch_id)
        rows = await batches.picking_rows(shop_id, batch.id, cipher, full_contact=full, leader_id=leader_id)
        if full and rows:
            leaders.log_full_view(request.user, f"picking list of batch {batch.batch_no}", [row.leader_id for row in rows])
        if format == "json":
            return Response([row.model_dump() for row in rows])
        if format == "csv":
            content, media_type = batches.picking_csv(rows), "text/csv; charset=utf-8"
        else:
            content, media_type = batches.picking_xlsx(rows, batch.batch_no), XLSX
        filename = f"picking-{batch.batch_no}.{format}"
        return Response(
            content,
            media_type=media_type,
            headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(filename)}"},
        )

    @post("/settlements", operation_id="communitySettle", guards=[managers], responses=problems(*AUTHED, 409))
    async def settle(self, request: AuthedRequest, data: JSONBody[SettleCreate]) -> SettlementRead:
        """Settle a finished month exactly once: its unsettled commission entries (and late ones
        of earlier months) are fixed into it for good. 409 if already settled or not over."""
        settlement = await commission.settle(request.user.shop_id, data.period, actor=f"staff:{request.user.account_id}")
        return SettlementRead.model_validate(settlement)

    @get("/settlements", operation_id="communityListSettlements", responses=problems(*AUTHED))
    async def list_settlements(self, request: AuthedRequest) -> list[SettlementRead]:
        """Settled periods, newest first, with their entry count and total."""
        return [SettlementRead.model_validate(s) for s in await commission.list_settlements(request.user.shop_id)]

    @get("/settlements/{settlement_id:int}/statements", operation_id="communityStatements", responses=problems(*AUTHED))
    async def statements(self, request: AuthedRequest, settlement_id: FromPath[int], cipher: NamedDependency[FieldCipher]) -> list[StatementRead]:
        """One statement per leader for a settled period: every entry and the totals. Leaders'
        names and phones in full for owners and operators, who pay the leaders (logged);
        masked for customer service."""
        full = leaders.sees_full_contact(request.user)
        settlement = await commission.get_settlement(request.user.shop_id, settlement_id)
        found = await commission.statements(request.user.shop_id, [settlement])
        if full and found:
            leaders.log_full_view(request.user, f"statements of {settlement.period}", [s.leader.id for s in found])
        return [statement_read(s, cipher, full=full) for s in found]


