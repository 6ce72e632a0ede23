"""WeChat Pay down, for real: a closed local port (connection refused) and a local HTTP server
answering 500. Paying, resending a refund and the account check answer a 503 problem naming
WeChat Pay and asking to retry (zh-CN and en), never a 500, and leave the order as it was."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from core.trade.models import Order, OrderStatus, Refund, RefundStatus
from plugins.wechat_pay import wechat_api
from plugins.wechat_pay.tests.conftest import ACCOUNT, APP_SECRETS, account_body
from plugins.wechat_pay.tests.test_payments import login, notify, order_of


def closed_port() -> int:
    """A local port nobody listens on: connecting is refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Answers500(BaseHTTPRequestHandler):
    def _fail(self) -> None:
        body = b"<html>502 Bad Gateway from the egress proxy</html>"
        self.send_response(500)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _fail

    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def server_answering_500() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Answers500)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def wechat_down(kind: str) -> Iterator[None]:
    if kind == "refused":
        with wechat_api(base_url=f"http://127.0.0.1:{closed_port()}"):
            yield
    else:
        with server_answering_500() as base_url, wechat_api(base_url=base_url):
            yield


def assert_provider_unavailable(response, locale: str = "zh-CN") -> None:
    assert response.status_code == 503, response.text
    problem = response.json()
    assert problem["code"] == "payment_provider_unavailable"
    assert response.headers["retry-after"] == "30"
    if locale == "en":
        assert problem["message"] == "WeChat Pay cannot be reached right now; please try again in a moment"
    else:
        assert problem["message"] == "微信支付暂时无法连接，请稍后重试"


@pytest.mark.parametrize("kind", ["refused", "answers_500"])
async def test_paying_while_wechat_pay_is_down_is_a_503_and_the_order_is_untouched(kaidian_client, shop, merchants, wechat, kind):
    merchant = merchants[0]
    await kaidian_client.put(ACCOUNT, json=account_body(merchant, app_secret=APP_SECRETS[merchant.appid]), headers=shop.owner)
    customer = await login(kaidian_client, shop.shop_id, "code-down")
    order = await order_of(kaidian_client, shop.shop_id, customer, 1500)
    before = await Order.get(id=order["id"])

    with wechat_down(kind):
        refused = await kaidian_client.post(f"/api/shop/orders/{order['id']}/pay", json={"method": "wechat_jsapi"}, headers=customer)
        assert_provider_unavailable(refused)
        in_english = await kaidian_client.post(
            f"/api/shop/orders/{order['id']}/pay", json={"method": "wechat_jsapi"}, headers={**customer, "Accept-Language": "en"}
        )
        assert_provider_unavailable(in_english, "en")
    after = await Order.get(id=order["id"])
    assert (after.status, after.payment_method, after.pay_deadline, after.total_fen) == (
        OrderStatus.PENDING_PAYMENT, None, before.pay_deadline, before.total_fen
    )
    # WeChat back: the same order pays.
    started = await kaidian_client.post(f"/api/shop/orders/{order['id']}/pay", json={"method": "wechat_jsapi"}, headers=customer)
    assert started.status_code == 201, started.text


@pytest.mark.parametrize("kind", ["refused", "answers_500"])
async def test_the_account_check_while_wechat_pay_is_down_is_a_503(kaidian_client, shop, merchants, wechat, kind):
    await kaidian_client.put(ACCOUNT, json=account_body(merchants[0]), headers=shop.owner)
    with wechat_down(kind):
        assert_provider_unavailable(await kaidian_client.post(f"{ACCOUNT}/check", headers=shop.owner))
        assert_provider_unavailable(await kaidian_client.post(f"{ACCOUNT}/check", headers={**shop.owner, "Accept-Language": "en"}), "en")


async def test_a_refund_sent_while_wechat_pay_is_down_is_kept_and_its_resend_is_a_503(kaidian_client, shop, merchants, wechat):
    merchant = merchants[0]
    await kaidian_client.put(ACCOUNT, json=account_body(merchant, app_secret=APP_SECRETS[merchant.appid]), headers=shop.owner)
    customer = await login(kaidian_client, shop.shop_id, "code-refund-down")
    order = await order_of(kaidian_client, shop.shop_id, customer, 2000)
    assert (await kaidian_client.post(f"/api/shop/orders/{order['id']}/pay", json={"method": "wechat_jsapi"}, headers=customer)).status_code == 201
    assert (await notify(kaidian_client, shop.shop_id, *merchant.notification(merchant.transaction(order["order_no"], 2000)))).status_code == 204
    line_id = order["lines"][0]["id"]

    with wechat_down("refused"):
        # The refund is recorded before the provider is called (money owed is never lost): the
        # answer shows it processing, the failed send and when it is resent by itself.
        created = await kaidian_client.post(
            f"/api/admin/orders/{order['id']}/refunds", json={"lines": [{"line_id": line_id, "quantity": 1}], "reason": "缺货"}, headers=shop.owner
        )
        assert created.status_code == 201, created.text
        refund = created.json()
        assert refund["status"] == "processing" and "unreachable" in refund["send_error"] and refund["retry_at"] is not None
        # Staff resending it now, WeChat still down: the provider's 503 problem, nothing lost.
        retried = await kaidian_client.post(f"/api/admin/refunds/{refund['id']}/retry", headers=shop.owner)
        assert_provider_unavailable(retried)
    row = await Refund.get(id=refund["id"])
    assert (row.status, row.send_attempts, row.amount_fen) == (RefundStatus.PROCESSING, 2, 2000)
    assert row.retry_at is not None and row.send_error
    # WeChat back: the resend goes through.
    resent = await kaidian_client.post(f"/api/admin/refunds/{refund['id']}/retry", headers=shop.owner)
    assert resent.status_code == 201 and resent.json()["send_error"] == "", resent.text
