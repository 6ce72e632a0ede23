"""What the experiments plugin declares about itself."""

from __future__ import annotations

from core.manifest import PluginManifest

manifest = PluginManifest(
    name="experiments",
    version="0.1.0",
    title={"zh-CN": "A/B 实验", "en": "A/B experiments"},
    description={
        "zh-CN": "对页面组件或整页做 A/B 实验：按设备稳定分流、曝光与转化统计、样本比例检查",
        "en": "A/B tests of a page block or a whole page: sticky per-device assignment, "
        "exposure and conversion statistics, sample-ratio check",
    },
    requires_core=">=0.1,<1",
)
