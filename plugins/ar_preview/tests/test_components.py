"""What the plugin adds to generated projects, rendered without a toolchain: the 3D/AR block,
the product-detail entry, the viewer page in its own subpackage with the xr-frame native
component declared where mp-weixin/weapp look for it, and @google/model-viewer as a locked npm
package (builder hooks any plugin may use: AppPage.native_components and
kaidian_register_app_dependencies). Official CLI builds: see the README's figures and the
shared end-to-end H5 builds (tests/e2e)."""

from __future__ import annotations

import json

import pytest

from builder.app_dependencies import AppDependencies, DependencyConflict, merged_lock, merged_package
from builder.generate import render_project
from builder.samples import demo_config
from builder.targets import toolchain_lock_path, toolchain_package


@pytest.fixture(scope="module")
def registries():
    import builder.plugin
    import core.builtin
    import plugins.ar_preview
    from core.app import create_app

    return create_app(plugins=[core.builtin, builder.plugin, plugins.ar_preview], entry_points=False).state.registries


def _config() -> dict:
    config = demo_config()
    config["pages"].append({"route": "show", "title": "3D 展示", "components": [{"type": "ar_viewer", "props": {"title": "</script><x>", "product_id": 1}}]})
    return config


def test_the_block_reads_its_data_source_and_offers_every_field_to_the_editor(registries):
    block = registries.components.get("ar_viewer")
    assert block.plugin == "ar_preview" and block.data_source == "ar_preview.model"
    assert block.data_params({"product_id": 7}) == {"product_id": 7} and block.data_params({}) == {}
    assert block.catalogue_entry()["targets"] == ["style", "taro", "uniapp"] and "preview" in block.templates
    assert block.props_schema["properties"]["product_id"]["x-widget"] == "product"
    assert [slot.name for slot in registries.slots.by_slot()["product_detail.info"]] == ["ar_entry"]


def test_uniapp_project_ships_xr_frame_in_the_subpackage_and_model_viewer_for_h5(registries):
    files = render_project(_config(), "uniapp", registries).files
    native = {path for path in files if "/wxcomponents/" in path}
    assert native == {f"src/kd_ar_preview/wxcomponents/kd-xr-viewer/index.{ext}" for ext in ("js", "json", "wxml", "wxss")}
    assert json.loads(files["src/kd_ar_preview/wxcomponents/kd-xr-viewer/index.json"]) == {"component": True, "renderer": "xr-frame", "usingComponents": {}}
    pages = json.loads(files["src/pages.json"])
    package = next(item for item in pages["subPackages"] if item["root"] == "kd_ar_preview")
    assert package["pages"][0]["style"]["usingComponents"] == {"kd-xr-viewer": "/kd_ar_preview/wxcomponents/kd-xr-viewer/index"}
    # xr-frame's app setting (the WeChat guide), which every generated app already has
    assert json.loads(files["src/manifest.json"])["mp-weixin"]["lazyCodeLoading"] == "requiredComponents"
    viewer = files["src/kd_ar_preview/pages/ar_view/index.vue"]
    assert '<kd-xr-viewer\n        v-if="!isH5 && mode !== \'poster\'"' in viewer
    assert "MIN_SDK = '2.32.0'" in viewer and "wx.isVKSupport('v2')" in viewer
    block = next(text for path, text in files.items() if path.endswith("kd-ar-viewer.vue"))
    # model-viewer only in H5 builds (a build-time constant), loaded on first use
    assert "if (process.env.UNI_PLATFORM === 'h5') return import('@google/model-viewer')" in block
    assert "</script><x>" not in "\n".join(files.values())
    assert json.loads(files["package.json"])["dependencies"]["@google/model-viewer"] == "4.4.0"
    lock = json.loads(files["package-lock.json"])
    assert lock["packages"][""]["dependencies"]["@google/model-viewer"] == "4.4.0"
    assert lock["packages"]["node_modules/@google/model-viewer"]["version"] == "4.4.0"
    assert "node_modules/three" in lock["packages"]
    assert json.loads(files["npm/ar_preview/package.json"])["dependencies"] == {"@google/model-viewer": "4.4.0"}


def test_taro_project_declares_the_native_component_on_its_page(registries):
    files = render_project(_config(), "taro", registries).files
    assert "src/kd_ar_preview/native/kd-xr-viewer/index.wxml" in files
    config = files["src/kd_ar_preview/pages/ar_view/index.config.js"]
    assert '"usingComponents"' in config and '"kd-xr-viewer": "../../native/kd-xr-viewer/index"' in config
    page = files["src/kd_ar_preview/pages/ar_view/index.jsx"]
    assert "process.env.TARO_ENV === 'weapp' && mode !== 'poster'" in page and "<kd-xr-viewer" in page
    # the import sits in an `if` on the build's constant target: weapp never bundles the viewer
    assert "if (process.env.TARO_ENV === 'h5') return import('@google/model-viewer')" in page
    assert json.loads(files["package.json"])["dependencies"]["@google/model-viewer"] == "4.4.0"
    entry = next(text for path, text in files.items() if "kd-slot-ar-entry" in path)
    assert "getPublic('/ar-preview/model?product_id='" in entry


def test_a_package_the_app_has_at_another_version_is_refused(tmp_path):
    folder = tmp_path / "npm"
    folder.mkdir()
    (folder / "package.json").write_text(json.dumps({"dependencies": {"vue": "3.0.0"}}))
    (folder / "package-lock.json").write_text(json.dumps({
        "lockfileVersion": 3, "packages": {"": {"dependencies": {"vue": "3.0.0"}}, "node_modules/vue": {"version": "3.0.0"}},
    }))
    item = AppDependencies(folder, plugin="clash")
    item.validate()
    with pytest.raises(DependencyConflict, match="clash.*vue@3.0.0"):
        merged_package(toolchain_package("uniapp"), [item])
    with pytest.raises(DependencyConflict, match="node_modules/vue"):
        merged_lock(json.loads(toolchain_lock_path("uniapp").read_text()), [item])
    (folder / "package.json").write_text(json.dumps({"dependencies": {"left-pad": "^1.3.0"}}))
    with pytest.raises(ValueError, match="exact versions"):
        AppDependencies(folder, plugin="loose").validate()
