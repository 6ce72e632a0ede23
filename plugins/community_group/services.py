"""Leaders (团长) and their pickup points: applying, reviewing, and finding the nearest point.
Also the plugin's per-shop settings and the pickup fee rule."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from core import clock
from core.schemas import LARGEST_ID
from core.errors import Conflict, InvalidInput, NotFound
from core.security.crypto import FieldCipher
from core.shop_plugins.models import ShopPlugin
from plugins.community_group.leaders import encrypted_contact
from plugins.community_group.manifest import manifest
from plugins.community_group.models import Leader, LeaderStatus, PickupPoint

EARTH_RADIUS_M = 6_371_008.8  # mean Earth radius (IUGG)
MAX_NEARBY = 50


def invalid(field: str, zh: str, en: str) -> InvalidInput:
    return InvalidInput(field=field, reason={"zh-CN": zh, "en": en})


def conflict(field: str, zh: str, en: str) -> Conflict:
    return Conflict(field=field, reason={"zh-CN": zh, "en": en})


async def shop_settings(shop_id: int) -> dict[str, Any]:
    """The plugin's effective settings for a shop (hooks get no host, so read the row here)."""
    row = await ShopPlugin.get_or_none(shop_id=shop_id, plugin=manifest.name)
    return {**manifest.settings_defaults(), **(row.settings if row else {})}


def pickup_fee(settings: dict[str, Any], goods_subtotal_fen: int) -> int:
    """The pickup fee: the shop's fee, waived once the goods reach the free-pickup threshold."""
    threshold = settings["free_pickup_over_fen"]
    if threshold and goods_subtotal_fen >= threshold:
        return 0
    return int(settings["pickup_fee_fen"])


def distance_m(lat1: float, lng1: float, lat2: float, lng2: float) -> int:
    """Great-circle (haversine) distance in metres, rounded."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lng2 - lng1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return round(2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a))))


# -- applying and reviewing -----------------------------------------------------------------------


async def apply(shop_id: int, customer_id: int, values: dict[str, Any], cipher: FieldCipher) -> Leader:
    """A customer applies to lead a pickup point; a rejected applicant may apply again. Their
    name and phone are stored encrypted (``leaders``)."""
    point = values.pop("pickup_point")
    values = encrypted_contact(cipher, values.pop("name"), values.pop("phone"))
    try:
        return await _apply(shop_id, customer_id, values, point)
    except IntegrityError:  # a second first application of the same customer raced this one
        raise conflict("status", "申请正在审核中", "your application is being reviewed") from None


async def _apply(shop_id: int, customer_id: int, values: dict[str, Any], point: dict[str, Any]) -> Leader:
    from core.accounts.models import Customer

    async with in_transaction():
        # Lock the (existing) customer row first: two first applications then queue up instead
        # of both taking gap locks on the missing leader row and deadlocking (MariaDB).
        await Customer.filter(id=customer_id, shop_id=shop_id).select_for_update().first()
        leader = await Leader.filter(shop_id=shop_id, customer_id=customer_id).first()
        if leader is not None and leader.status != LeaderStatus.REJECTED:
            if leader.status == LeaderStatus.APPROVED:
                raise conflict("status", "您已经是团长", "you are already a leader")
            raise conflict("status", "申请正在审核中", "your application is being reviewed")
        if leader is None:
            leader = await Leader.create(shop_id=shop_id, customer_id=customer_id, **values)
            await PickupPoint.create(shop_id=shop_id, leader_id=leader.id, **point)
        else:
            await Leader.filter(id=leader.id).update(status=LeaderStatus.PENDING, review_note="", reviewed_at=None, **values)
            await PickupPoint.filter(leader_id=leader.id).update(**point)
    return await get_leader(shop_id, leader.id)


async def get_leader(shop_id: int, leader_id: int) -> Leader:
    leader = await Leader.filter(id=leader_id, shop_id=shop_id).prefetch_related("pickup_point").first()
    if leader is None:
        raise NotFound()
    return leader


async def application_of(shop_id: int, customer_id: int) -> Leader | None:
    return await Leader.filter(shop_id=shop_id, customer_id=customer_id).prefetch_related("pickup_point").first()


async def approved_leader(shop_id: int, customer_id: int) -> Leader:
    """The caller as an approved leader, else 403 (leader routes are for approved leaders only)."""
    from core.errors import PermissionDenied

    leader = await Leader.filter(shop_id=shop_id, customer_id=customer_id, status=LeaderStatus.APPROVED).prefetch_related("pickup_point").first()
    if leader is None:
        raise PermissionDenied()
    return leader


async def list_leaders(shop_id: int, status: str | None, by_phone: dict[str, Any] | None = None) -> list[Leader]:
    """``by_phone``: ``leaders.phone_filter(cipher, phone)`` for an exact phone look-up."""
    query = Leader.filter(shop_id=shop_id)
    if status:
        query = query.filter(status=status)
    if by_phone:
        query = query.filter(**by_phone)
    return await query.prefetch_related("pickup_point").order_by("-id").limit(500)


async def review(shop_id: int, leader_id: int, *, approve: bool, note: str, commission_bp: int | None) -> Leader:
    """Approve or reject a pending application (409 once it was reviewed)."""
    leader = await get_leader(shop_id, leader_id)
    changes: dict[str, Any] = {
        "status": LeaderStatus.APPROVED if approve else LeaderStatus.REJECTED,
        "review_note": note,
        "reviewed_at": clock.now(),
    }
    if approve:
        changes["commission_bp"] = commission_bp if commission_bp is not None else (await shop_settings(shop_id))["default_commission_bp"]
    moved = await Leader.filter(id=leader.id, status=LeaderStatus.PENDING).update(**changes)
    if not moved:
        raise conflict("status", f"申请已处理（{leader.status}）", f"the application was already reviewed ({leader.status})")
    return await get_leader(shop_id, leader_id)


async def set_leader_rate(shop_id: int, leader_id: int, commission_bp: int) -> Leader:
    """Change a leader's commission rate; orders already placed keep the rate they had."""
    leader = await get_leader(shop_id, leader_id)
    await Leader.filter(id=leader.id).update(commission_bp=commission_bp)
    return await get_leader(shop_id, leader_id)


# -- pickup points ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class NearbyPoint:
    point: PickupPoint
    leader: Leader
    distance_m: int | None


async def nearby_points(shop_id: int, latitude: float | None, longitude: float | None, limit: int) -> list[NearbyPoint]:
    """Pickup points of approved leaders, nearest first when a location is given."""
    if (latitude is None) != (longitude is None):
        field = "longitude" if longitude is None else "latitude"
        raise invalid(field, "请同时提供纬度和经度", "give both latitude and longitude")
    points = await PickupPoint.filter(shop_id=shop_id, leader__status=LeaderStatus.APPROVED).prefetch_related("leader")
    found = [
        NearbyPoint(
            point,
            point.leader,
            None if latitude is None or longitude is None else distance_m(latitude, longitude, point.latitude, point.longitude),
        )
        for point in points
    ]
    found.sort(key=lambda item: (item.distance_m if item.distance_m is not None else 0, item.point.id))
    return found[:limit]


# Where the checkout body names the pickup point: this plugin's part of it (hooks.py registers it).
CHOICE_FIELD = "plugins.community_group.pickup_point_id"
CHECKOUT_INPUT = {
    "type": "object",
    "properties": {
        "pickup_point_id": {
            "type": "integer", "minimum": 1, "maximum": LARGEST_ID,
            "description": 'the pickup point chosen with shipping_method "pickup"',
        }
    },
    "additionalProperties": False,
}


async def open_point(shop_id: int, point_id: Any) -> PickupPoint:
    """A pickup point customers may choose now (its leader is approved), else 422."""
    if not isinstance(point_id, int) or isinstance(point_id, bool):
        raise invalid(CHOICE_FIELD, "请选择自提点", "choose a pickup point")
    point = await PickupPoint.filter(id=point_id, shop_id=shop_id).prefetch_related("leader").first()
    if point is None or point.leader.status != LeaderStatus.APPROVED:
        raise invalid(CHOICE_FIELD, "该自提点不存在或已停用", "this pickup point does not exist or is closed")
    return point
