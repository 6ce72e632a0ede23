"""Cart routes: the customer's cart, a guest's cart by device token, and merging on login."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Controller, Request, delete, get, post, put
from litestar.params import FromPath, HeaderParameter, JSONBody

from core.auth import SKIP_AUTH, AuthUser, customer_only
from core.catalog.storefront import require_open_shop
from core.openapi import AUTHED, problems
from core.trade import cart
from core.trade.schemas import CartItemWrite, CartMergeRead, CartRead

AuthedRequest = Request[AuthUser, Any, Any]
DeviceToken = Annotated[
    str,
    HeaderParameter(
        name=cart.DEVICE_TOKEN_HEADER,
        required=True,
        pattern=cart.DEVICE_TOKEN_PATTERN.pattern,
        description="a random string (16–128 of A-Z a-z 0-9 - _) the client generates once and keeps on the device",
    ),
]


class CartController(Controller):
    path = "/api/shop/cart"
    tags = ["shop: cart"]
    guards = [customer_only]

    @get("/", operation_id="getCart", responses=problems(*AUTHED))
    async def get_cart(self, request: AuthedRequest) -> CartRead:
        """The cart revalidated against the catalog now; each line says what changed
        since it was last seen ("价格已变动", sold out, no longer on sale)."""
        return CartRead.model_validate(await cart.read_cart(cart.customer_cart(request.user.shop_id, request.user.account_id)))

    @put("/items", operation_id="setCartItem", responses=problems(*AUTHED, 409))
    async def set_item(self, request: AuthedRequest, data: JSONBody[CartItemWrite]) -> CartRead:
        """Set how many units of a SKU are in the cart (0 removes it)."""
        owner = cart.customer_cart(request.user.shop_id, request.user.account_id)
        await cart.set_quantity(owner, data.sku_id, data.quantity)
        return CartRead.model_validate(await cart.read_cart(owner))

    @delete("/items/{item_id:int}", operation_id="removeCartItem", responses=problems(*AUTHED))
    async def remove_item(self, request: AuthedRequest, item_id: FromPath[int]) -> None:
        """Remove a line from the cart."""
        await cart.remove_item(cart.customer_cart(request.user.shop_id, request.user.account_id), item_id)

    @post("/merge", operation_id="mergeGuestCart", responses=problems(*AUTHED, 409))
    async def merge(self, request: AuthedRequest, device_token: DeviceToken = None) -> CartMergeRead:
        """Move the guest cart of ``X-Device-Token`` into the customer's cart (login does this
        too when it carries the header): quantities of a SKU are added, capped at the per-line
        limit; SKUs gone from the shop are dropped. Repeating it merges nothing more."""
        user = request.user
        report = await cart.merge_guest_cart(user.shop_id, user.account_id, device_token)
        return CartMergeRead.model_validate(
            {"merged": report.merged, "dropped": report.dropped, "cart": await cart.read_cart(cart.customer_cart(user.shop_id, user.account_id))}
        )


class GuestCartController(Controller):
    path = "/api/shop/{shop_id:int}/guest-cart"
    tags = ["shop: cart"]

    @get("/", operation_id="getGuestCart", opt={SKIP_AUTH: True}, responses=problems(404))
    async def get_cart(self, shop_id: FromPath[int], device_token: DeviceToken = None) -> CartRead:
        """A not-logged-in visitor's cart (by ``X-Device-Token``), revalidated like a customer's."""
        owner = cart.guest_cart(shop_id, device_token)
        await require_open_shop(shop_id)
        return CartRead.model_validate(await cart.read_cart(owner))

    @put("/items", operation_id="setGuestCartItem", opt={SKIP_AUTH: True}, responses=problems(404, 409))
    async def set_item(self, shop_id: FromPath[int], data: JSONBody[CartItemWrite], device_token: DeviceToken = None) -> CartRead:
        """Set how many units of a SKU are in the visitor's cart (0 removes it)."""
        owner = cart.guest_cart(shop_id, device_token)
        await require_open_shop(shop_id)
        await cart.set_quantity(owner, data.sku_id, data.quantity)
        return CartRead.model_validate(await cart.read_cart(owner))

    @delete("/items/{item_id:int}", operation_id="removeGuestCartItem", opt={SKIP_AUTH: True}, responses=problems(404))
    async def remove_item(self, shop_id: FromPath[int], item_id: FromPath[int], device_token: DeviceToken = None) -> None:
        """Remove a line from the visitor's cart."""
        await cart.remove_item(cart.guest_cart(shop_id, device_token), item_id)
