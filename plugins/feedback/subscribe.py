"""WeChat one-time subscribe messages for feedback requests.

A grant is recorded when the customer accepts the shop's template (asked at checkout through the
customer runtime's ``askSubscribe``, reported through ``kaidian_on_subscribe_results``); WeChat lets one grant send one message and
offers no way to ask how many are left, so ``SubscribeGrant.remaining`` counts them. When a
request is made and the customer holds a grant, one message goes out through a sender:

* ``SandboxSender`` where the server runs the development sandbox (``KAIDIAN_WECHAT_PROVIDER=
  sandbox``): nothing leaves the machine; the message is kept in ``SandboxSender.outbox``.
* ``WeChatSender`` otherwise, with the settings-level mini-program (``KAIDIAN_WECHAT_APP_ID`` /
  ``KAIDIAN_WECHAT_APP_SECRET``): ``cgi-bin/stable_token`` then ``message/subscribe/send``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any, Protocol

import httpx
from tortoise.exceptions import IntegrityError
from tortoise.expressions import F
from tortoise.transactions import in_transaction

from core.accounts.models import Customer
from plugins.feedback.models import FeedbackRequest, SubscribeGrant

logger = logging.getLogger("kaidian.plugins.feedback.subscribe")

FEEDBACK_PAGE = "feedback_form"  # the app page the message opens (``builder.app_pages``)
API = "https://api.weixin.qq.com"


@dataclass(frozen=True)
class SubscribeMessage:
    shop_id: int
    openid: str
    template_id: str
    page: str
    data: dict[str, dict[str, str]]


class SubscribeSender(Protocol):
    async def send(self, message: SubscribeMessage) -> None: ...


@dataclass
class SandboxSender:
    """Development: keeps what would have been sent (per process)."""

    outbox: list[SubscribeMessage] = field(default_factory=list)

    async def send(self, message: SubscribeMessage) -> None:
        self.outbox.append(message)
        logger.info("sandbox subscribe message to %s: %s", message.openid, message.template_id)


SANDBOX = SandboxSender()


class WeChatSender:
    def __init__(self, app_id: str, app_secret: str, transport: httpx.AsyncBaseTransport | None = None) -> None:
        self.app_id, self.app_secret, self.transport = app_id, app_secret, transport

    async def send(self, message: SubscribeMessage) -> None:
        async with httpx.AsyncClient(base_url=API, timeout=5.0, transport=self.transport) as client:
            token = await client.post(
                "/cgi-bin/stable_token", json={"grant_type": "client_credential", "appid": self.app_id, "secret": self.app_secret}
            )
            access_token = token.json().get("access_token")
            if not access_token:
                raise RuntimeError(f"stable_token refused: {token.text[:200]}")
            sent = await client.post(
                "/cgi-bin/message/subscribe/send",
                params={"access_token": access_token},
                json={"touser": message.openid, "template_id": message.template_id, "page": message.page, "data": message.data},
            )
            body = sent.json()
            if body.get("errcode", 0) != 0:
                raise RuntimeError(f"subscribe/send refused: {body}")


def sender_for(app_settings: Any) -> SubscribeSender | None:
    if app_settings is None or app_settings.sandbox_enabled:
        return SANDBOX
    if app_settings.wechat_app_id and app_settings.wechat_app_secret:
        return WeChatSender(app_settings.wechat_app_id, app_settings.wechat_app_secret)
    return None


async def record_results(shop_id: int, customer_id: int, results: dict[str, str]) -> bool:
    """Count the grant the customer just gave for this shop's feedback template (answers for
    other templates are other plugins'). True when one was counted."""
    from plugins.feedback.services import shop_settings

    template_id = (await shop_settings(shop_id))["subscribe_template_id"]
    if not template_id or results.get(template_id) != "accept":
        return False
    try:
        grant, _ = await SubscribeGrant.get_or_create(shop_id=shop_id, customer_id=customer_id, template_id=template_id)
    except IntegrityError:  # a racing report made the row
        grant = await SubscribeGrant.get(shop_id=shop_id, customer_id=customer_id, template_id=template_id)
    # In the database, so two reports at once count two grants.
    await SubscribeGrant.filter(id=grant.id).update(remaining=F("remaining") + 1)
    return True


class _NotSpent(Exception):
    pass


async def _mark_and_spend(request_id: int, grant_id: int) -> bool:
    """Mark the request notified and spend one use of the grant, both or neither: two requests
    of one customer racing for the last use send one message, and the other request stays
    unmarked (marked first and refused the grant, it would be lost without a message)."""
    try:
        async with in_transaction():
            if not await FeedbackRequest.filter(id=request_id, notified=False).update(notified=True):
                raise _NotSpent  # another run has sent it
            if not await SubscribeGrant.filter(id=grant_id, remaining__gt=0).update(remaining=F("remaining") - 1):
                raise _NotSpent  # the last use went to another request
    except _NotSpent:
        return False
    return True


async def send_for_request(host: Any, app_settings: Any, request: FeedbackRequest, sender: SubscribeSender | None = None) -> bool:
    """One message for a new request, if the shop has a template and the customer a grant.
    The grant is spent and the request marked before sending, so a retried timer never sends twice."""
    from plugins.feedback.services import shop_settings

    template_id = (await shop_settings(request.shop_id))["subscribe_template_id"]  # type: ignore[attr-defined]
    if not template_id:
        return False
    sender = sender or sender_for(app_settings)
    if sender is None:
        return False
    grant = await SubscribeGrant.get_or_none(shop_id=request.shop_id, customer_id=request.customer_id, template_id=template_id)  # type: ignore[attr-defined]
    if grant is None or grant.remaining <= 0:
        return False
    if not await _mark_and_spend(request.id, grant.id):
        return False
    customer = await Customer.get(id=request.customer_id)  # type: ignore[attr-defined]
    message = SubscribeMessage(
        shop_id=request.shop_id,  # type: ignore[attr-defined]
        openid=customer.openid,
        template_id=template_id,
        page=f"kd_feedback/pages/{FEEDBACK_PAGE}/index?order_id={request.order_id}",
        data={"character_string1": {"value": request.order_no[:32]}, "thing2": {"value": "邀请您评价本次购物"}},
    )
    try:
        await sender.send(message)
    except Exception:
        logger.exception("subscribe message for feedback request %s failed", request.id)
        return False
    return True
