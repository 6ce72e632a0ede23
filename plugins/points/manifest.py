"""What the points plugin declares about itself, including its per-shop settings."""

from __future__ import annotations

from core.manifest import PluginManifest, setting


POINTS = ("积分", "points")


def _integer(default: int, minimum: int, maximum: int, title: tuple[str, str], description: tuple[str, str], unit: tuple[str, str] = POINTS) -> dict[str, object]:
    return setting("integer", default, title, description, minimum=minimum, maximum=maximum, unit=unit)


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
            "earn_points_per_yuan": _integer(1, 0, 1000, ("每消费 1 元得积分", "Points per yuan paid"), ("0 表示消费不得积分", "0 = no points for purchases")),
            "review_points": _integer(10, 0, 100_000, ("评价奖励积分", "Points per review"), ("评价发布后奖励；0 表示不奖励", "For a published review; 0 = none")),
            "sign_in_points": _integer(5, 0, 100_000, ("签到积分", "Sign-in points"), ("连续签到第一天获得；0 表示关闭签到", "For the first day of a sign-in streak; 0 = no sign-in")),
            "sign_in_streak_bonus": _integer(1, 0, 100_000, ("连续签到每日加送", "Streak bonus per day"), ("第二天起每多连续一天多送的积分", "Extra points per consecutive day after the first")),
            "sign_in_streak_cap_days": _integer(7, 1, 366, ("连续签到加送上限天数", "Streak bonus cap"), ("连续签到超过此天数后加送不再增加", "The streak bonus stops growing after this many days"), ("天", "days")),
            "expire_after_months": _integer(12, 0, 120, ("积分有效期", "Points expire after"), ("获得后多少个月过期；0 表示永不过期", "Earned points expire this many months later; 0 = never"), ("个月", "months")),
            "redeem_points_per_yuan": _integer(100, 1, 100_000, ("多少积分抵 1 元", "Points per yuan off"), ("结算时抵扣 1 元所需的积分", "Points that take one yuan off at checkout")),
            "redeem_max_percent": _integer(50, 0, 100, ("积分最多抵扣比例", "Points pay at most"), ("积分最多抵扣商品金额的百分比；0 表示不可抵扣", "Share of the goods points may pay; 0 = no redemption"), ("%", "%")),
            "share_reward_points": _integer(100, 0, 1_000_000, ("分享奖励积分", "Share reward"), ("被邀请人首单过了退款期后奖励分享人；0 表示不奖励", "For the sharer once an invitee's first order is past the refund window; 0 = none")),
            "share_reward_after_days": _integer(7, 0, 90, ("分享奖励等待天数", "Share reward after"), ("被邀请人付款后等待多少天（退款期）再奖励分享人", "The refund window: days after the invitee's payment before the sharer is rewarded"), ("天", "days")),
        },
        "additionalProperties": False,
    },
)
