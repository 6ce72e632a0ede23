"""The merchant's side of an experiment in real headless Chromium, in Chinese: in the page
editor "新建实验" on a block (the variant edited in the editor's own property form), started;
a second one on the same block is refused with the API's 409 in plain words; the block is
marked on the canvas; the results screen shows the variants' counts, the verdict and the
sample-ratio check, exports CSV; shipping the winner writes it into the draft, which the
editor then shows, with the experiment named in the page's history. A page experiment whose
variant reorders the blocks is made from the toolbar. Screenshots for the
README are taken in English (the CI image may lack CJK fonts)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import httpx
import pytest

from tests.admin.test_admin_browser import CHROMIUM, SCREENSHOTS, _login, _token, browser, serve_seeded_shop  # noqa: F401 (fixture)

pytestmark = pytest.mark.slow

WINNING_TEXT = "新人首单立减 10 元"


@pytest.fixture(scope="module")
def live_shop(tmp_path_factory):
    import core.admin_ui as admin_ui

    if not CHROMIUM.exists():
        pytest.skip("needs the Debian chromium package")
    if not (admin_ui.STATIC_DIR / "index.html").is_file():
        pytest.fail("the admin app is not built: run `make admin`")
    with serve_seeded_shop(tmp_path_factory.mktemp("experiments"), []) as (base, seed):
        yield base, seed


def _admin(browser, base, seed, language):  # noqa: F811
    page = browser.new_page(viewport={"width": 1440, "height": 900}, accept_downloads=True)
    page.add_init_script(f"localStorage.setItem('kaidian.locale', '{language}')")
    failures: list[str] = []
    page.on("pageerror", lambda error: failures.append(str(error)))
    page.on("response", lambda response: failures.append(f"{response.status} {response.url}") if response.status >= 500 else None)
    _login(page, base, seed)
    return page, failures


def _open_editor(page):
    page.click("[data-menu=builder]")
    notice = page.locator("[data-test=canvas] [data-block=notice_bar]")
    notice.wait_for()
    page.wait_for_timeout(400)
    return notice


def _record(base: str, shop_id: int, key: str, block_id: str, variant: str, device: str, clicked: bool) -> None:
    now = datetime.now(UTC).isoformat()
    session = uuid.uuid4().hex[:16]
    event = {"session_id": session, "route": "pages/home/index", "block_id": block_id, "experiments": {key: variant}, "client_time": now, "props": {"component": "notice_bar"}}
    events = [{**event, "id": uuid.uuid4().hex[:20], "type": "block_exposure"}]
    if clicked:
        events.append({**event, "id": uuid.uuid4().hex[:20], "type": "block_click"})
    answer = httpx.post(f"{base}/api/shop/{shop_id}/events/", json={"events": events}, headers={"X-Device-Token": device}, timeout=30)
    assert answer.status_code == 200 and answer.json()["accepted"] == len(events), answer.text


def test_create_start_read_and_ship_an_experiment_from_the_editor(live_shop, browser):  # noqa: F811
    base, seed = live_shop
    page, failures = _admin(browser, base, seed, "zh-CN")
    headers = {"Authorization": f"Bearer {_token(page)}"}

    # ---- the editor: 新建实验 on the notice bar, variant B's text in the block's own form
    notice = _open_editor(page)
    original = notice.inner_text()
    notice.click()
    page.click("[data-test=new-experiment]")
    dialog = page.locator("[data-test=experiment-dialog]")
    dialog.get_by_text("新建实验").first.wait_for()
    assert "组件点击率" in dialog.inner_text() and "对照组（原版）" in dialog.inner_text()
    form_b = dialog.locator("[data-test=variant-form-b]")
    form_b.locator("[data-field=text] textarea").fill(WINNING_TEXT)
    dialog.locator("[data-test=experiment-minimum] input").fill("100")
    dialog.locator("[data-test=experiment-name]").fill("公告文案实验")
    page.click("[data-test=experiment-create-start]")
    page.locator(".el-message--success", has_text="实验已开始").wait_for()
    dialog.wait_for(state="hidden")
    badge = notice.locator("[data-test=experiment-badge][data-status=running]")
    badge.wait_for()
    assert "实验中" in badge.inner_text()
    # the canvas block itself is untouched: the variant lives in the experiment
    assert WINNING_TEXT not in notice.inner_text()

    experiment = next(item for item in httpx.get(f"{base}/api/admin/experiments", headers=headers, timeout=30).json() if item["name"] == "公告文案实验")
    assert experiment["status"] == "running" and experiment["minimum_sample"] == 100
    assert experiment["variants"][1]["props"]["text"] == WINNING_TEXT
    assert experiment["variants"][0]["props"]["text"] in original
    draft = httpx.get(f"{base}/api/admin/builder/config", headers=headers, timeout=30).json()["draft"]
    home = next(p for p in draft["config"]["pages"] if p["route"] == experiment["page_route"])
    assert any(block.get("id") == experiment["block_id"] for block in home["components"])  # the block is in the saved draft

    # ---- one running experiment per block: the second one's start is the API's 409, said plainly
    page.click("[data-test=new-experiment]")
    dialog.locator("[data-test=experiment-running]", has_text="同一组件同时只能进行一个实验").wait_for()
    page.click("[data-test=experiment-create-start]")
    refused = dialog.locator("[data-test=experiment-refused]")
    refused.wait_for()
    assert "无法开始" in refused.inner_text() and "该组件已有进行中的实验" in refused.inner_text()
    dialog.get_by_role("button", name="取消").click()

    # ---- a page experiment from the toolbar: variant B swaps the page's first two blocks
    page.click("[data-test=page-experiment]")
    dialog.get_by_text("新建页面实验").first.wait_for()
    blocks_b = dialog.locator("[data-test=variant-blocks-b] .page-block")
    order = blocks_b.evaluate_all("rows => rows.map(row => row.dataset.block)")
    blocks_b.nth(1).get_by_role("button", name="上移").click()
    assert blocks_b.evaluate_all("rows => rows.map(row => row.dataset.block)") == [order[1], order[0], *order[2:]]
    dialog.locator("[data-test=experiment-name]").fill("首页顺序实验")
    page.click("[data-test=experiment-save]")
    page.locator(".el-message--success", has_text="实验已创建").wait_for()
    page_experiment = next(item for item in httpx.get(f"{base}/api/admin/experiments", headers=headers, timeout=30).json() if item["name"] == "首页顺序实验")
    assert page_experiment["kind"] == "page" and page_experiment["status"] == "draft" and page_experiment["block_id"] is None
    assert [block["type"] for block in page_experiment["variants"][0]["components"]] == order
    assert [block["type"] for block in page_experiment["variants"][1]["components"]] == [order[1], order[0], *order[2:]]

    # ---- visitors: 120 devices per arm, control 12 click, B 48 click
    for number in range(240):
        variant = "control" if number % 2 == 0 else "b"
        clicked = (variant == "control" and number % 20 == 0) or (variant == "b" and number % 5 in (1, 3))
        _record(base, seed.shop_id, experiment["key"], experiment["block_id"], variant, f"experiment-device-{number:05d}", clicked)

    # ---- results screen, from the badge on the canvas
    badge.click()
    results = page.locator(f"[data-test=experiment-results][data-experiment='{experiment['id']}']")
    results.wait_for()
    table = results.locator("[data-test=variant-table]")
    table.locator("[data-verdict=variant_wins]").wait_for()
    rows = table.locator(".el-table__body tr")
    assert rows.count() == 2
    control_row, b_row = rows.nth(0).inner_text(), rows.nth(1).inner_text()
    assert "对照组" in control_row and "120" in control_row and "12" in control_row and "10.0%" in control_row
    assert "变体 B" in b_row and "120" in b_row and "48" in b_row and "40.0%" in b_row and "+300.0%" in b_row and "变体胜出" in b_row
    assert results.locator("[data-test=srm]").get_attribute("data-mismatch") == "false"
    assert "分流正常" in results.locator("[data-test=srm]").inner_text()
    assert "胜出：变体 B" in results.locator("[data-test=winner]").inner_text()
    results.locator("canvas").first.wait_for()  # the charts draw

    with page.expect_download() as download:
        page.click("[data-test=experiment-csv]")
    csv = open(download.value.path(), encoding="utf-8-sig").read().splitlines()
    assert csv[0].startswith("variant,visitors,conversions,rate")
    assert csv[1].startswith("control,120,12,0.1,") and csv[2].startswith("b,120,48,0.4,") and csv[2].endswith(",variant_wins")

    # ---- ship the winner: one click, it is preselected
    page.click("[data-test=experiment-ship]")
    ship = page.locator("[data-test=ship-dialog]")
    ship.wait_for()
    assert ship.locator("[data-test=ship-confirm]").count() == 0  # the winner needs no confirmation
    page.click("[data-test=ship-submit]")
    shipped = results.locator("[data-test=experiment-shipped]")
    shipped.wait_for()
    version = httpx.get(f"{base}/api/admin/experiments/{experiment['id']}", headers=headers, timeout=30).json()
    assert (version["status"], version["shipped_variant"]) == ("stopped", "b")
    assert f"页面草稿第 {version['shipped_version']} 版" in shipped.inner_text()

    # ---- the editor opens the new draft: the block now says what won; history names the experiment
    page.click("[data-test=open-editor]")
    notice = page.locator("[data-test=canvas] [data-block=notice_bar]")
    notice.locator(f"text={WINNING_TEXT}").wait_for()
    assert notice.locator("[data-test=experiment-badge][data-status=running]").count() == 0
    page.click("[data-test=history]")
    first = page.locator(".el-drawer .el-table__body tr").first
    first.wait_for()
    assert f"实验 #{experiment['id']}「公告文案实验」上线变体 b" in first.inner_text()
    assert not failures, failures
    page.close()

    # ---- screenshots for the README, in English
    page, failures = _admin(browser, base, seed, "en")
    page.goto(f"{base}/admin/#/experiments?id={experiment['id']}")
    page.locator("[data-test=experiment-results] canvas").first.wait_for()
    page.wait_for_timeout(600)
    page.screenshot(path=str(SCREENSHOTS / "experiment_results.png"), animations="disabled")
    notice = _open_editor(page)
    notice.click()
    page.click("[data-test=new-experiment]")
    english = page.locator("[data-test=experiment-dialog]")
    english.get_by_text("New experiment").first.wait_for()
    english.locator("[data-test=variant-form-b] [data-field=text] textarea").fill("Free delivery today only")
    page.wait_for_timeout(300)
    page.screenshot(path=str(SCREENSHOTS / "experiment_editor.png"), animations="disabled")
    assert not failures, failures
    page.close()
