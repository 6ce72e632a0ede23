"""An order's history in a merchant's words: what core writes in its logs reads as a sentence in
zh-CN and en; a plugin's own reason stays as written, and "中文 / English" is split."""

from __future__ import annotations

import pytest

from core.trade.history_words import actor_words, reason_words


@pytest.mark.parametrize(
    ("reason", "zh", "en"),
    [
        ("checkout", "顾客下单", "Order placed"),
        ("unpaid timeout", "超时未支付，自动取消", "Cancelled: not paid in time"),
        ("transaction 4200001", "支付流水号 4200001", "Transaction 4200001"),
        ("积分过期 / points expired", "积分过期", "points expired"),
        ("拼团已结束", "拼团已结束", "拼团已结束"),
        ("SF SF1234567890", "SF SF1234567890", "SF SF1234567890"),
    ],
)
def test_reasons_in_both_languages(reason, zh, en):
    assert reason_words(reason) == {"zh-CN": zh, "en": en}


@pytest.mark.parametrize(
    ("actor", "zh", "en"),
    [
        ("customer:12", "顾客 #12", "Customer #12"),
        ("staff:3", "店员 #3", "Staff #3"),
        ("system", "系统", "System"),
        ("payment:wechat_pay", "支付渠道", "Payment provider"),
        ("plugin:group_buy", "插件 group_buy", "Plugin group_buy"),
        ("someone-else", "someone-else", "someone-else"),
    ],
)
def test_actors_in_both_languages(actor, zh, en):
    assert actor_words(actor) == {"zh-CN": zh, "en": en}
