"""What the points plugin declares about itself, including its per-shop settings."""

from __future__ import annotations

from core.manifest import PluginManifest


def _integer(default: int, minimum: int, maximum: int, description: str) -> dict[str, object]:
    return {"type": "integer", "minimum": minimum, "maximum": maximum, "default": default, "description": description}


manifest = PluginManifest(
    name="points",
    version="0.1.0",
    title={"zh-CN": "积分", "en": "Points"},
    description={
        "zh-CN": "消费、评价、签到和分享得积分，结算时积分抵现；积分有效期、退款扣回，流水不可篡改",
        "en": "Points for purchases, reviews, daily sign-ins and shares, redeemed at checkout; "
        "expiry, reversal on refund and an append-only ledger",
    },
    requires_core=">=0.1,<1",
    settings_schema={
        "type": "object",
        "properties": {
            "earn_points_per_yuan": _integer(1, 0, 1000, "Points earned per yuan paid (0 = none)."),
            "review_points": _integer(10, 0, 100_000, "Points for a published review (0 = none)."),
            "sign_in_points": _integer(5, 0, 100_000, "Points for the first day of a sign-in streak (0 = no sign-in)."),
            "sign_in_streak_bonus": _integer(1, 0, 100_000, "Extra points per consecutive day after the first."),
            "sign_in_streak_cap_days": _integer(7, 1, 366, "The streak bonus stops growing after this many days."),
            "expire_after_months": _integer(12, 0, 120, "Earned points expire this many months later (0 = never)."),
            "redeem_points_per_yuan": _integer(100, 1, 100_000, "Points that take one yuan off at checkout."),
            "redeem_max_percent": _integer(50, 0, 100, "Points pay at most this percentage of the goods (0 = no redemption)."),
            "share_reward_points": _integer(100, 0, 1_000_000, "Points for the sharer when an invitee's first order is past the refund window (0 = none)."),
            "share_reward_after_days": _integer(7, 0, 90, "The refund window: days after the invitee's payment before the sharer is rewarded."),
        },
        "additionalProperties": False,
    },
)
