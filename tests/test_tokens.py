"""Access tokens: a token this process has verified once is not checked again in full, yet a
changed byte, another secret or the passing of its expiry still refuse it."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from core.accounts.models import Customer
from core.auth import issue_customer_token


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def test_a_verified_token_still_expires_and_a_changed_one_is_refused(kaidian_client, shop):
    app = kaidian_client.app
    jwt_auth = app.state.jwt_auth
    customer = await Customer.create(shop_id=shop.shop_id, openid="token-cache-test")
    token = issue_customer_token(jwt_auth, customer)
    for _ in range(2):  # the second use is answered from what the first verified
        mine = await kaidian_client.get("/api/shop/orders", headers=bearer(token))
        assert mine.status_code == 200, mine.text

    header, payload, signature = token.split(".")
    flipped = signature[:-2] + ("A" if signature[-2] != "A" else "B") + signature[-1]
    forged = await kaidian_client.get("/api/shop/orders", headers=bearer(f"{header}.{payload}.{flipped}"))
    assert forged.status_code == 401

    short = jwt_auth.create_token(identifier=f"customer:{customer.id}", token_extras={"shop_id": shop.shop_id}, token_expiration=timedelta(seconds=1))
    assert (await kaidian_client.get("/api/shop/orders", headers=bearer(short))).status_code == 200
    await asyncio.sleep(1.2)
    expired = await kaidian_client.get("/api/shop/orders", headers=bearer(short))
    assert expired.status_code == 401, expired.text
    assert expired.json()["code"] == "token_expired"
