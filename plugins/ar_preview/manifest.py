"""What the AR preview plugin declares about itself, including its per-shop settings."""

from __future__ import annotations

from core.manifest import PluginManifest, setting

# Core's media library takes models up to 20 MB; a shop may allow up to that for AR.
MAX_MODEL_MB = 20

manifest = PluginManifest(
    name="ar_preview",
    version="0.1.0",
    title={"zh-CN": "3D/AR 展示", "en": "3D / AR preview"},
    description={
        "zh-CN": "为商品上传 3D 模型（GLB / glTF 2.0）与封面图：小程序用微信 xr-frame 旋转缩放查看并在平面上 AR 摆放，H5 用 model-viewer",
        "en": "Give products a 3D model (GLB / glTF 2.0) and a poster: the mini-program shows it with WeChat's xr-frame "
        "(orbit, zoom, AR placement on a detected plane), H5 builds with model-viewer",
    },
    requires_core=">=0.1,<1",
    settings_schema={
        "type": "object",
        "properties": {
            "max_model_mb": setting(
                "integer", 10, ("模型文件大小上限", "Model file size limit"),
                ("上传的 3D 模型（及 USDZ）最大多少 MB：越小，顾客打开越快", "The largest 3D model (and USDZ) upload, in MB: smaller opens faster for customers"),
                minimum=1, maximum=MAX_MODEL_MB, unit=("MB", "MB"),
            ),
        },
        "additionalProperties": False,
    },
)
