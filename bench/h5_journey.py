"""H5 customer benchmark: the demo shop's uni-app H5 build in Chromium against a live demo.

Prints ``key: value`` lines:

* ``home_load_ms`` — home page ``loadEventEnd`` (navigation timing);
* ``home_api_requests`` — API requests the home page makes until the network is idle (goal ≤ 2:
  the silent login and the page's one batch read);
* ``detail_load_ms`` — a product detail page opened directly (``loadEventEnd``) until its buy
  bar shows, in ms since navigation start.

Needs the uni-app toolchain (``KAIDIAN_TOOLCHAIN_DIR``) and /usr/bin/chromium.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != Path(__file__).resolve().parent]

from builder.generate import generate  # noqa: E402
from builder.toolchain import build  # noqa: E402
from core.app import create_app  # noqa: E402
from tests.builder.h5_browser import CHROMIUM, CHROMIUM_ARGS, serving  # noqa: E402
from tests.demo_server import DEMO_OWNER, call, running_demo  # noqa: E402


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        project_dir = root / "uniapp"
        with serving(project_dir / "dist/build/h5") as origin, running_demo(root, env={"KAIDIAN_CORS_ALLOW_ORIGINS": origin}) as demo:
            login = call(f"{demo.base_url}/api/admin/auth/login", DEMO_OWNER)
            config = call(f"{demo.base_url}/api/admin/builder/config", token=login["access_token"])["draft"]["config"]
            config["app"]["api"] |= {"base_url": demo.base_url, "shop_id": login["shop_id"]}
            project = generate(config, "uniapp", project_dir, create_app().state.registries)
            result = build(project_dir, "uniapp", "h5", [page.path for page in project.plan.pages])
            if not result.ok:
                raise SystemExit(result.log[-3000:])
            product_id = call(f"{demo.base_url}/api/shop/{login['shop_id']}/products?limit=1")["items"][0]["id"]
            product_path = next(page.path for page in project.plan.pages if "product_detail" in page.components)

            from playwright.sync_api import sync_playwright

            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
                context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
                page = context.new_page()
                requests: list[str] = []
                page.on("request", lambda request: request.url.startswith(demo.base_url + "/api/") and request.method != "OPTIONS" and requests.append(request.url))
                page.goto(f"{origin}/index.html")
                page.wait_for_selector(".kd-products__card", timeout=60000)
                page.wait_for_load_state("networkidle")
                home = json.loads(page.evaluate("JSON.stringify(performance.getEntriesByType('navigation')[0])"))
                print(f"home_load_ms: {home['loadEventEnd']:.0f}")
                print(f"home_api_requests: {len(requests)}")
                if "-v" in sys.argv:
                    print("\n".join(sorted(url.split("?")[0].replace(demo.base_url, "") for url in requests)), file=sys.stderr)
                detail = context.new_page()
                detail.goto(f"{origin}/index.html#/{product_path}?id={product_id}")
                detail.wait_for_selector(".kd-detail__button--cart", timeout=60000)
                shown = detail.evaluate("performance.now()")
                timing = json.loads(detail.evaluate("JSON.stringify(performance.getEntriesByType('navigation')[0])"))
                print(f"detail_load_ms: {max(timing['loadEventEnd'], shown):.0f}")
                browser.close()


if __name__ == "__main__":
    main()
