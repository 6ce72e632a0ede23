"""The AR preview plugin's 3D/AR block on both targets' shared H5 builds (the ``blocks`` page,
default props: the shop's latest model, which the demo seeded as a small GLB cube drawn by
``plugins.ar_preview.sample``): the page imports Google's <model-viewer> from the build's own
bundle (no CDN), the viewer fires its ``load`` event for the model (the block then hides its
poster), and the page logs no console error."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import BLOCKS_ROUTE, TARGETS

LOADED = """() => {
  const viewer = document.querySelector('.kd-ar-viewer model-viewer')
  return !!viewer && viewer.loaded === true
}"""


@pytest.mark.parametrize("target", TARGETS)
def test_model_viewer_loads_the_demo_model(target, h5_app, open_h5, live_demo):
    _, plan = h5_app(target)
    page_plan = next(page for page in plan.pages if page.route == BLOCKS_ROUTE)
    assert "ar_viewer" in {block["type"] for block in page_plan.blocks}
    with open_h5(target, page_plan.path) as h5:
        requested: list[str] = []
        h5.page.on("request", lambda request: requested.append(request.url))
        try:
            h5.page.wait_for_selector(".kd-ar-viewer model-viewer", state="attached", timeout=30000)
        except Exception:
            block = h5.page.evaluate("(() => { const b = document.querySelector('.kd-ar-viewer'); return b ? b.outerHTML.slice(0, 1500) : 'no block' })()")
            raise AssertionError(f"no <model-viewer>: {block}\nerrors: {h5.errors}\nrequests: {requested[-15:]}")
        h5.page.wait_for_function(LOADED, timeout=60000)
        viewer = h5.page.query_selector(".kd-ar-viewer model-viewer")
        assert viewer.get_attribute("src").startswith(live_demo.base_url) and viewer.get_attribute("src").endswith(".glb")
        assert viewer.get_attribute("ar-modes") == "webxr scene-viewer quick-look"
        # The block's own `load` listener ran: it hid the poster it showed while loading.
        h5.page.wait_for_function("() => !document.querySelector('.kd-ar-viewer .kd-ar-viewer__poster')", timeout=10000)
        # model-viewer came from the build itself, as a chunk of its own
        assert not [url for url in requested if "unpkg" in url or "jsdelivr" in url or "googleapis" in url]
        assert h5.errors == [], h5.errors
