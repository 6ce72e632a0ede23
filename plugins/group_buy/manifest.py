"""What the group-buy plugin declares about itself."""

from __future__ import annotations

from core.manifest import PluginManifest

manifest = PluginManifest(
    name="group_buy",
    version="0.1.0",
    title={"zh-CN": "拼团", "en": "Group buy"},
    description={
        "zh-CN": "团长付款开团、好友付款参团，满员成团后发货；到期未满自动退款（可设置虚拟成团）",
        "en": "A leader opens a group by paying, friends join by paying; orders ship once the group is full. "
        "Groups not full in time are refunded automatically (or completed by virtual fill)",
    },
    requires_core=">=0.1,<1",
)
