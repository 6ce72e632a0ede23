"""HTTP routes: merchant admin (activities, bargains with their cuts, plan audit) and customers
(activities, start, help cut, bargain detail for the share page, my bargains). Controllers
parse and authorise; services hold the rules."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from litestar import Controller, Request, delete, get, patch, post
from litestar.params import FromPath, HeaderParameter, JSONBody, Parameter

from core import clock
from core.auth import SKIP_AUTH, AuthUser, customer_only, managers, optional_customer, staff_only
from core.catalog.storefront import require_open_shop
from core.errors import InvalidInput, TooManyRequests
from core.i18n import negotiate_locale, pick
from core.openapi import AUTHED, problems
from core.schemas import LARGEST_ID
from plugins.bargain import activities, services
from plugins.bargain.models import ActivityStatus, Bargain, BargainActivity, BargainCut, BargainStatus
from plugins.bargain.ratelimit import limiter_for
from plugins.bargain.schemas import (
    ActivityCreate,
    ActivityRead,
    ActivityUpdate,
    AdminBargainRead,
    AdminCutRead,
    AuditRead,
    BargainRead,
    CutRead,
    HelperRead,
    ShopActivityRead,
    ShopBargainRead,
)

AuthedRequest = Request[AuthUser, Any, Any]
TAGS = ["plugin: bargain"]
DeviceHeader = Annotated[
    str,
    HeaderParameter(
        name="X-Device-Id",
        required=True,
        min_length=8,
        max_length=128,
        description="the device token the mini-program keeps in storage (8–128 characters)",
    ),
]


def _now() -> datetime:
    return clock.now()


def activity_read(activity: BargainActivity) -> ActivityRead:
    return ActivityRead(**{name: getattr(activity, name) for name in ActivityRead.model_fields})


def bargain_values(bargain: Bargain, now: datetime) -> dict[str, Any]:
    activity: BargainActivity = bargain.activity  # type: ignore[assignment]
    price, _ = services.buy_price(bargain, activity, now)
    return {
        "id": bargain.id,
        "activity_id": activity.id,
        "activity_name": activity.name,
        "sku_id": activity.sku_id,
        "status": services.effective_status(bargain, now),
        "start_price_fen": bargain.start_price_fen,
        "floor_price_fen": bargain.floor_price_fen,
        "current_price_fen": bargain.current_price_fen,
        "cut_fen": bargain.start_price_fen - bargain.current_price_fen,
        "cut_count": bargain.cut_count,
        "cuts_needed": bargain.cuts_needed,
        "expires_at": bargain.expires_at,
        "order_id": bargain.order_id,
        "buy_price_fen": price,
        "created_at": bargain.created_at,
    }


def _client_ip(request: AuthedRequest, settings: dict[str, Any]) -> str:
    if settings["trust_forwarded_for"]:
        forwarded = request.headers.get("x-forwarded-for", "").split(",")[0].strip()
        if forwarded:
            return forwarded
    return request.client.host if request.client else "unknown"


class BargainAdminController(Controller):
    path = "/api/admin/bargain"
    tags = TAGS
    guards = [staff_only]

    @get("/activities", operation_id="bargainListActivities", responses=problems(*AUTHED))
    async def list_activities(self, request: AuthedRequest) -> list[ActivityRead]:
        """The shop's bargain activities, newest first, with how many bargains each started."""
        return [activity_read(a) for a in await activities.list_activities(request.user.shop_id)]

    @post("/activities", operation_id="bargainCreateActivity", guards=[managers], responses=problems(*AUTHED))
    async def create_activity(self, request: AuthedRequest, data: JSONBody[ActivityCreate]) -> ActivityRead:
        """Create an activity: the SKU, start and floor price, helpers needed (or a range), how
        long one bargain stays open, and the limits per customer and helper."""
        return activity_read(await activities.create_activity(request.user.shop_id, data.model_dump()))

    @get("/activities/{activity_id:int}", operation_id="bargainGetActivity", responses=problems(*AUTHED))
    async def get_activity(self, request: AuthedRequest, activity_id: FromPath[int]) -> ActivityRead:
        """One activity of the shop."""
        return activity_read(await activities.get_activity(request.user.shop_id, activity_id))

    @patch("/activities/{activity_id:int}", operation_id="bargainUpdateActivity", guards=[managers], responses=problems(*AUTHED))
    async def update_activity(self, request: AuthedRequest, activity_id: FromPath[int], data: JSONBody[ActivityUpdate]) -> ActivityRead:
        """Rename, move the end, stop, or change the limits; prices and helper counts are fixed
        once created."""
        changes = data.model_dump(exclude_unset=True)
        return activity_read(await activities.update_activity(request.user.shop_id, activity_id, changes))

    @delete("/activities/{activity_id:int}", operation_id="bargainDeleteActivity", guards=[managers], responses=problems(*AUTHED, 409))
    async def delete_activity(self, request: AuthedRequest, activity_id: FromPath[int]) -> None:
        """Delete an activity nobody has started a bargain of (409 otherwise: stop it instead)."""
        await activities.delete_activity(request.user.shop_id, activity_id)

    @get("/bargains", operation_id="bargainListBargains", responses=problems(*AUTHED))
    async def list_bargains(
        self,
        request: AuthedRequest,
        activity_id: int | None = Parameter(default=None, ge=1, le=LARGEST_ID, description="only this activity's bargains"),
        status: BargainStatus | None = Parameter(default=None, description="only bargains in this stored status"),
    ) -> list[AdminBargainRead]:
        """Bargains of the shop, newest first (at most 200), each with its cuts: helper, amount,
        time, and the salted hashes of the device and IP it came from."""
        query = Bargain.filter(shop_id=request.user.shop_id)
        if activity_id is not None:
            query = query.filter(activity_id=activity_id)
        if status is not None:
            query = query.filter(status=status)
        bargains = await query.prefetch_related("activity").order_by("-id").limit(200)
        return await _admin_reads(bargains)

    @get("/bargains/{bargain_id:int}", operation_id="bargainGetBargain", responses=problems(*AUTHED))
    async def get_bargain(self, request: AuthedRequest, bargain_id: FromPath[int]) -> AdminBargainRead:
        """One bargain with every cut."""
        bargain = await services.get_bargain(request.user.shop_id, bargain_id)
        return (await _admin_reads([bargain]))[0]

    @get("/bargains/{bargain_id:int}/audit", operation_id="bargainAudit", responses=problems(*AUTHED))
    async def audit(self, request: AuthedRequest, bargain_id: FromPath[int]) -> AuditRead:
        """Recompute the bargain's cut plan from its stored seed and check every recorded cut
        against it."""
        bargain = await services.get_bargain(request.user.shop_id, bargain_id)
        cuts = await BargainCut.filter(bargain_id=bargain.id).order_by("step")
        plan, consistent = services.audit(bargain, cuts)
        return AuditRead(
            bargain_id=bargain.id,
            seed=bargain.seed,
            plan_version=bargain.plan_version,
            plan_fen=plan,
            recorded_fen=[item.amount_fen for item in cuts],
            consistent=consistent,
        )


async def _admin_reads(bargains: list[Bargain]) -> list[AdminBargainRead]:
    now = _now()
    helpers = await services.helpers_of([b.id for b in bargains])
    return [
        AdminBargainRead(
            **bargain_values(bargain, now),
            customer_id=bargain.customer_id,  # type: ignore[attr-defined]
            cuts=[
                AdminCutRead(
                    step=item.step,
                    helper_id=helper.id,
                    nickname=helper.nickname,
                    amount_fen=item.amount_fen,
                    price_after_fen=item.price_after_fen,
                    device_hash=item.device_hash,
                    ip_hash=item.ip_hash,
                    created_at=item.created_at,
                )
                for item, helper in helpers.get(bargain.id, [])
            ],
        )
        for bargain in bargains
    ]


async def _open_activity_reads(shop_id: int, customer_id: int | None) -> list[ShopActivityRead]:
    now = _now()
    rows = [a for a in await activities.list_activities(shop_id, ActivityStatus.ACTIVE) if activities.open_problem(a, now) is None]
    return await _shop_activity_reads(shop_id, customer_id or 0, rows, now)


class BargainPublicController(Controller):
    """Reads a guest may make: the storefront lists open bargains before anyone logs in;
    starting or helping one (``BargainShopController``) needs a customer."""

    path = "/api/shop/{shop_id:int}/bargain"
    tags = TAGS

    @get("/activities", operation_id="bargainPublicActivities", opt={SKIP_AUTH: True}, responses=problems(404))
    async def list_activities(self, request: Request[Any, Any, Any], shop_id: FromPath[int]) -> list[ShopActivityRead]:
        """Activities open now, public. A customer's Bearer token of this shop, when sent, fills
        in how many bargains they started (``started``, ``can_start``)."""
        await require_open_shop(shop_id)
        return await _open_activity_reads(shop_id, await optional_customer(request, shop_id))


class BargainShopController(Controller):
    path = "/api/shop/bargain"
    tags = TAGS
    guards = [customer_only]

    @get("/activities", operation_id="bargainShopActivities", responses=problems(*AUTHED))
    async def list_activities(self, request: AuthedRequest) -> list[ShopActivityRead]:
        """Activities open now, with the product and how many bargains the caller started."""
        return await _open_activity_reads(request.user.shop_id, request.user.account_id)

    @get("/activities/{activity_id:int}", operation_id="bargainShopActivity", responses=problems(*AUTHED))
    async def get_activity(self, request: AuthedRequest, activity_id: FromPath[int]) -> ShopActivityRead:
        """One activity of the shop as customers see it."""
        activity = await activities.get_activity(request.user.shop_id, activity_id)
        return (await _shop_activity_reads(request.user.shop_id, request.user.account_id, [activity], _now()))[0]

    @post("/activities/{activity_id:int}/start", operation_id="bargainStart", responses=problems(*AUTHED, 409))
    async def start(self, request: AuthedRequest, activity_id: FromPath[int]) -> ShopBargainRead:
        """Start a bargain of an activity (409 when it is not open or the caller reached the
        activity's per-customer limit); share it so friends can cut."""
        user = request.user
        bargain = await services.start(user.shop_id, activity_id, user.account_id, _now())
        return await _shop_bargain_read(user.shop_id, bargain.id, user.account_id)

    @get("/bargains/mine", operation_id="bargainMine", responses=problems(*AUTHED))
    async def mine(self, request: AuthedRequest) -> list[BargainRead]:
        """The caller's bargains, newest first."""
        now = _now()
        bargains = await Bargain.filter(shop_id=request.user.shop_id, customer_id=request.user.account_id).prefetch_related("activity").order_by("-id").limit(100)
        return [BargainRead(**bargain_values(b, now)) for b in bargains]

    @get("/bargains/{bargain_id:int}", operation_id="bargainDetail", responses=problems(*AUTHED))
    async def detail(self, request: AuthedRequest, bargain_id: FromPath[int]) -> ShopBargainRead:
        """A bargain as its share page shows it: progress, the helpers with their cuts, and
        whether the caller may still cut."""
        return await _shop_bargain_read(request.user.shop_id, bargain_id, request.user.account_id)

    @post("/bargains/{bargain_id:int}/cut", operation_id="bargainCut", responses=problems(*AUTHED, 409, 429))
    async def cut(self, request: AuthedRequest, bargain_id: FromPath[int], device_id: DeviceHeader = None) -> CutRead:
        """Help a friend: cut the bargain's price by the next step of its plan.

        Needs the ``X-Device-Id`` header. Refused with 409 and the reason — already helped,
        your own bargain, expired or finished, account too new, a per-helper, per-device or
        per-IP daily limit reached — or 429 when attempts come too fast.
        """
        user = request.user
        if not device_id or not 8 <= len(device_id) <= 128:
            raise InvalidInput(field="X-Device-Id", reason={"zh-CN": "缺少设备标识", "en": "the X-Device-Id header (8–128 characters) is required"})
        settings = await services.shop_settings(user.shop_id)
        ip = _client_ip(request, settings)
        salt = request.app.state.settings.secret_key
        helper = services.Helper(
            customer_id=user.account_id,
            device_hash=services.salted_hash(salt, user.shop_id, "device", device_id),
            ip_hash=services.salted_hash(salt, user.shop_id, "ip", ip),
            timezone=request.app.state.settings.business_timezone,
        )
        allowed = await limiter_for(request.app).allow(
            settings["cut_attempts_per_minute"],
            f"{user.shop_id}:customer:{user.account_id}",
            f"{user.shop_id}:device:{helper.device_hash}",
            f"{user.shop_id}:ip:{helper.ip_hash}",
        )
        if not allowed:
            raise TooManyRequests()
        record = await services.cut(user.shop_id, bargain_id, helper, _now())
        bargain = await services.get_bargain(user.shop_id, bargain_id)
        locale = negotiate_locale(request.headers.get("accept-language"))
        yuan = f"{record.amount_fen / 100:.2f}"
        return CutRead(
            bargain_id=bargain.id,
            amount_fen=record.amount_fen,
            current_price_fen=bargain.current_price_fen,
            cut_count=bargain.cut_count,
            cuts_needed=bargain.cuts_needed,
            status=services.effective_status(bargain, _now()),
            message=pick({"zh-CN": f"帮好友砍掉了¥{yuan}", "en": f"You cut ¥{yuan} off"}, locale),
        )


async def _shop_activity_reads(shop_id: int, customer_id: int, rows: list[BargainActivity], now: datetime) -> list[ShopActivityRead]:
    from core.catalog.inventory import sku_snapshot
    from plugins.bargain.models import BargainQuota

    skus = await sku_snapshot(shop_id, [a.sku_id for a in rows])
    keys = {f"start:{a.id}:{customer_id}": a.id for a in rows}
    used = dict(await BargainQuota.filter(shop_id=shop_id, key__in=list(keys)).values_list("key", "used"))
    reads = []
    for activity in rows:
        info = skus.get(activity.sku_id)
        started = used.get(f"start:{activity.id}:{customer_id}", 0)
        reads.append(
            ShopActivityRead(
                **{name: getattr(activity, name) for name in ShopActivityRead.model_fields if hasattr(activity, name)},
                title=f"{info.title} {info.spec_text}".strip() if info else activity.name,
                image=info.image if info else "",
                started=started,
                can_start=started < activity.bargains_per_customer and activities.open_problem(activity, now) is None,
            )
        )
    return reads


async def _shop_bargain_read(shop_id: int, bargain_id: int, customer_id: int) -> ShopBargainRead:
    now = _now()
    bargain = await services.get_bargain(shop_id, bargain_id)
    cuts = (await services.helpers_of([bargain.id])).get(bargain.id, [])
    is_mine = bargain.customer_id == customer_id  # type: ignore[attr-defined]
    cut_by_me = any(helper.id == customer_id for _, helper in cuts)
    open_now = services.effective_status(bargain, now) == BargainStatus.IN_PROGRESS
    return ShopBargainRead(
        **bargain_values(bargain, now),
        is_mine=is_mine,
        cut_by_me=cut_by_me,
        can_cut=open_now and not cut_by_me and (not is_mine or bargain.activity.allow_self_cut),  # type: ignore[attr-defined]
        helpers=[
            HelperRead(nickname=helper.nickname, avatar_url=helper.avatar_url, amount_fen=item.amount_fen, created_at=item.created_at)
            for item, helper in cuts
        ],
    )
