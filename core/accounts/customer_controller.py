"""Customer-facing account routes: WeChat login, profile and addresses."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, delete, get, patch, post
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody

from core.accounts import customers as service
from core.accounts.schemas import (
    AddressRead,
    AddressUpdate,
    AddressWrite,
    CustomerLogin,
    CustomerProfileUpdate,
    CustomerRead,
    CustomerSession,
)
from core.accounts.wechat import code2session_for_shop
from core.auth import SKIP_AUTH, AuthUser, customer_only, issue_customer_token
from core.openapi import AUTHED, problems
from core.plugin_host import PluginHost
from core.security.crypto import FieldCipher
from core.settings import Settings

CustomerRequest = Request[AuthUser, Any, Any]


class CustomerAuthController(Controller):
    path = "/api/shop/auth"
    tags = ["shop: auth"]

    @post("/login", operation_id="customerLogin", opt={SKIP_AUTH: True}, responses=problems(404, 503))
    async def login(self, request: Request[Any, Any, Any], data: JSONBody[CustomerLogin], settings: NamedDependency[Settings], host: NamedDependency[PluginHost]) -> CustomerSession:
        """Exchange a mini-program ``wx.login()`` code for a customer token of one shop.

        The first login creates the customer; ``share_code`` (from a shared link) then reaches
        plugins through ``kaidian_on_customer_registered``.
        """
        customer, created = await service.login_customer(
            data.shop_id, data.code, await code2session_for_shop(host, settings, data.shop_id)
        )
        if created:
            await host.notify(
                "kaidian_on_customer_registered", shop_id=data.shop_id, customer_id=customer.id, share_code=data.share_code
            )
        from core.trade.cart import DEVICE_TOKEN_HEADER, merge_on_login

        # The device's guest cart (X-Device-Token) joins the customer's cart.
        await merge_on_login(data.shop_id, customer.id, request.headers.get(DEVICE_TOKEN_HEADER))
        return CustomerSession(
            access_token=issue_customer_token(request.app.state.jwt_auth, customer),
            expires_in=settings.access_token_minutes * 60,
            customer_id=customer.id,
            shop_id=data.shop_id,
        )


def _address(address: Any, cipher: FieldCipher) -> AddressRead:
    view = service.address_view(address, cipher)
    return AddressRead(**view.__dict__)


class CustomerAccountController(Controller):
    path = "/api/shop"
    tags = ["shop: account"]
    guards = [customer_only]

    @get("/me", operation_id="customerMe", responses=problems(*AUTHED))
    async def me(self, request: CustomerRequest, cipher: NamedDependency[FieldCipher]) -> CustomerRead:
        """The logged-in customer, with their own phone number in full."""
        customer = await service.get_customer(request.user.shop_id, request.user.account_id)
        return service.customer_read(customer, cipher, masked=False)

    @patch("/me", operation_id="updateCustomerMe", responses=problems(*AUTHED, 409))
    async def update_me(self, request: CustomerRequest, data: JSONBody[CustomerProfileUpdate], cipher: NamedDependency[FieldCipher]) -> CustomerRead:
        """Update nickname, avatar, phone (an empty phone removes it) or birthday (once: 409 after)."""
        customer = await service.update_profile(
            request.user.shop_id, request.user.account_id, data.model_dump(exclude_unset=True), cipher
        )
        return service.customer_read(customer, cipher, masked=False)

    @get("/addresses", operation_id="listAddresses", responses=problems(*AUTHED))
    async def list_addresses(self, request: CustomerRequest, cipher: NamedDependency[FieldCipher]) -> list[AddressRead]:
        """The customer's delivery addresses, default first."""
        rows = await service.list_addresses(request.user.shop_id, request.user.account_id)
        return [_address(row, cipher) for row in rows]

    @post("/addresses", operation_id="addAddress", responses=problems(*AUTHED))
    async def add_address(self, request: CustomerRequest, data: JSONBody[AddressWrite], cipher: NamedDependency[FieldCipher]) -> AddressRead:
        """Add a delivery address (stored encrypted)."""
        row = await service.add_address(request.user.shop_id, request.user.account_id, data.model_dump(), cipher)
        return _address(row, cipher)

    @patch("/addresses/{address_id:int}", operation_id="updateAddress", responses=problems(*AUTHED))
    async def update_address(
        self, request: CustomerRequest, address_id: FromPath[int], data: JSONBody[AddressUpdate], cipher: NamedDependency[FieldCipher]
    ) -> AddressRead:
        """Change a delivery address."""
        row = await service.update_address(
            request.user.shop_id,
            request.user.account_id,
            address_id,
            data.model_dump(exclude_unset=True, exclude_none=True),
            cipher,
        )
        return _address(row, cipher)

    @delete("/addresses/{address_id:int}", operation_id="deleteAddress", responses=problems(*AUTHED))
    async def delete_address(self, request: CustomerRequest, address_id: FromPath[int]) -> None:
        """Delete a delivery address."""
        await service.delete_address(request.user.shop_id, request.user.account_id, address_id)
