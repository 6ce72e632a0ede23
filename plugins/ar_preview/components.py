"""What the AR preview plugin adds to the generated apps: the "3D/AR 展示" block for any page,
the 3D entry on product detail (slot ``product_detail.info``), the full-screen viewer page in
its own subpackage (``kd_ar_preview``) carrying the xr-frame native component, and the npm
package of the H5 viewer (``@google/model-viewer``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from builder.app_dependencies import AppDependencies
from builder.app_pages import AppPage, app_page_templates
from builder.registry import ComponentDefinition, template_files
from builder.schema_parts import boolean, integer, props, t, text
from builder.slots import SlotComponent, slot_templates

PACKAGE = Path(__file__).resolve().parent
TEMPLATES = PACKAGE / "templates"
VIEWER_PAGE = "ar_view"
XR_TAG = "kd-xr-viewer"


def _params(values: dict[str, Any]) -> dict[str, Any]:
    return {"product_id": values["product_id"]} if values.get("product_id") else {}


def ar_block() -> ComponentDefinition:
    return ComponentDefinition(
        name="ar_viewer",
        title=t("3D/AR 展示", "3D / AR viewer"),
        description=t(
            "商品的 3D 模型：H5 可旋转缩放，小程序点开全屏 3D 与 AR 摆放；加载失败显示封面图",
            "A product's 3D model: orbit and zoom on H5, full-screen 3D and AR placement in the mini-program; the poster when it cannot load",
        ),
        category="product",
        icon="box",
        props_schema=props({
            "title": text("标题", "Title", "3D/AR 展示", max_length=20),
            "product_id": {
                "type": "integer", "minimum": 1, "x-widget": "product",
                "x-title": t("商品（不选：本店最新的 3D 模型）", "Product (none: the shop's latest 3D model)"),
            },
            "height_rpx": integer("展示高度（rpx）", "Height (rpx)", 600, 300, 1000),
            "auto_rotate": boolean("自动旋转", "Rotate by itself", True),
            "allow_ar": boolean("允许 AR 摆放", "Offer AR placement", True),
            "button_text": text("按钮文字", "Button text", "全屏查看 · AR 摆放", max_length=12),
        }),
        templates=template_files(TEMPLATES, "ar_viewer"),
        data_source="ar_preview.model",
        data_params=_params,
    )


def ar_entry() -> SlotComponent:
    return SlotComponent(name="ar_entry", slot="product_detail.info", templates=slot_templates(TEMPLATES, "ar_entry"), order=20)


def viewer_page() -> AppPage:
    return AppPage(
        name=VIEWER_PAGE,
        title={"zh-CN": "3D/AR 查看", "en": "3D / AR view"},
        templates=app_page_templates(TEMPLATES, VIEWER_PAGE),
        package="ar_preview",
        native_components={XR_TAG: str(PACKAGE / "native" / XR_TAG)},
    )


def viewer_dependencies() -> AppDependencies:
    return AppDependencies(PACKAGE / "admin")
