"""An order's or a refund's history in words a merchant reads, in zh-CN and en.

The logs keep what happened as it was written (``actor="customer:12"``, ``reason="unpaid
timeout"``); these turn each into a sentence for the admin's timeline. A reason core does not
know (a plugin's own, often already Chinese) is shown as written; ``"中文 / English"`` is split.
"""

from __future__ import annotations

import re

Words = dict[str, str]

_REASONS: dict[str, tuple[str, str]] = {
    "checkout": ("顾客下单", "Order placed"),
    "unpaid timeout": ("超时未支付，自动取消", "Cancelled: not paid in time"),
    "order no longer payable": ("订单已不可支付", "The order can no longer be paid"),
    "receipt confirmed": ("顾客确认收货", "Receipt confirmed by the customer"),
    "receipt confirmed automatically": ("超时自动确认收货", "Receipt confirmed automatically"),
    "delivered": ("已送达", "Delivered"),
    "provider result": ("支付渠道返回结果", "Result from the payment provider"),
    "waiting for the goods to come back": ("等待顾客寄回商品", "Waiting for the goods to come back"),
    "withdrawn by the customer": ("顾客撤回申请", "Withdrawn by the customer"),
}
_REASON_PATTERNS: list[tuple[re.Pattern[str], str, str]] = [
    (re.compile(r"^transaction (\S+)$"), "支付流水号 {0}", "Transaction {0}"),
    (re.compile(r"^return (.+)$"), "顾客寄回：{0}", "Returned by the customer: {0}"),
]
_ACTORS: dict[str, tuple[str, str]] = {
    "customer": ("顾客", "Customer"),
    "staff": ("店员", "Staff"),
    "leader": ("团长", "Leader"),
    "payment": ("支付渠道", "Payment provider"),
    "plugin": ("插件", "Plugin"),
    "rule": ("自动规则", "Rule"),
}


def reason_words(reason: str) -> Words:
    if not reason:
        return {"zh-CN": "", "en": ""}
    if reason in _REASONS:
        zh, en = _REASONS[reason]
        return {"zh-CN": zh, "en": en}
    for pattern, zh, en in _REASON_PATTERNS:
        if match := pattern.match(reason):
            return {"zh-CN": zh.format(*match.groups()), "en": en.format(*match.groups())}
    if " / " in reason:
        zh, _, en = reason.partition(" / ")
        return {"zh-CN": zh, "en": en}
    return {"zh-CN": reason, "en": reason}


def actor_words(actor: str) -> Words:
    if actor == "system":
        return {"zh-CN": "系统", "en": "System"}
    kind, _, who = actor.partition(":")
    if kind not in _ACTORS:
        return {"zh-CN": actor, "en": actor}
    zh, en = _ACTORS[kind]
    if kind == "payment":
        return {"zh-CN": zh, "en": en}
    detail = f" #{who}" if who.isdigit() else f" {who}" if who else ""
    return {"zh-CN": f"{zh}{detail}", "en": f"{en}{detail}"}
