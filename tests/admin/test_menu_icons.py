"""Every menu entry core and the bundled plugins register names an icon Element Plus has: the
admin shows a plain menu icon for a name it lacks, and that fallback hid three typos before."""

from __future__ import annotations

from pathlib import Path

import pytest

ICONS = Path(__file__).resolve().parents[2] / "admin" / "node_modules" / "@element-plus" / "icons-vue" / "dist" / "types" / "components"


async def test_every_menu_icon_is_an_element_plus_icon(kaidian_client, shop):
    if not ICONS.is_dir():
        pytest.skip("the admin's npm packages are not installed (make admin)")
    known = {path.name.removesuffix(".vue.d.ts") for path in ICONS.glob("*.vue.d.ts")}
    assert {"menu", "ticket", "wallet"} <= known  # the folder holds what it is expected to
    entries = (await kaidian_client.get("/api/admin/menu", headers=shop.owner)).json()
    assert len(entries) >= 10
    unknown = {entry["key"]: entry["icon"] for entry in entries if entry.get("icon") and entry["icon"] not in known}
    assert unknown == {}
