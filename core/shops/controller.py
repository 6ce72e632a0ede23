"""Staff routes for the current shop and, for agency admins, creating shops."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get, patch, post
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody

from core.accounts import services as account_services
from core.accounts.models import StaffRole
from core.auth import AuthUser, owner_only, staff_only
from core.errors import PermissionDenied
from core.openapi import AUTHED, problems
from core.plugin_host import PluginHost
from core.shops import services
from core.shops.schemas import ShopCreate, ShopRead, ShopUpdate

StaffRequest = Request[AuthUser, Any, Any]


def _shop_read(request: StaffRequest, shop: Any) -> ShopRead:
    # the zone the shop does business in: the admin shows every time in it, wherever staff sit
    return ShopRead.model_validate(shop).model_copy(update={"time_zone": request.app.state.settings.business_timezone})


class ShopController(Controller):
    tags = ["admin: shop"]
    guards = [staff_only]

    @get("/api/admin/shop", operation_id="getCurrentShop", responses=problems(*AUTHED))
    async def current(self, request: StaffRequest) -> ShopRead:
        """The shop the token works in."""
        return _shop_read(request, await services.get_shop(request.user.shop_id))

    @patch("/api/admin/shop", operation_id="updateCurrentShop", guards=[owner_only], responses=problems(*AUTHED))
    async def update(self, request: StaffRequest, data: JSONBody[ShopUpdate]) -> ShopRead:
        """Rename the shop or change its default language (owners only)."""
        shop = await services.update_shop(request.user.shop_id, data.model_dump(exclude_unset=True, exclude_none=True))
        return _shop_read(request, shop)

    @post("/api/admin/shops", operation_id="createShop", responses=problems(*AUTHED, 409))
    async def create(self, request: StaffRequest, data: JSONBody[ShopCreate], host: NamedDependency[PluginHost]) -> ShopRead:
        """Open a new shop in the agency (agency admins); the creator becomes its owner."""
        if not request.user.is_agency_admin or request.user.agency_id is None:
            raise PermissionDenied()
        shop = await services.create_shop(agency_id=request.user.agency_id, name=data.name, slug=data.slug, host=host)
        await account_services.grant_role(request.user.account_id, shop.id, StaffRole.OWNER)
        return _shop_read(request, shop)

    @post("/api/admin/shops/{shop_id:int}/agency-owner", operation_id="rejoinShopAsAgency", responses=problems(*AUTHED))
    async def rejoin(self, request: StaffRequest, shop_id: FromPath[int]) -> ShopRead:
        """An agency admin takes the owner role in any shop of its agency: the agency's way back
        into a shop it manages (e.g. whose owner removed it before agency staff were protected).
        Other staff get 403; a shop of another agency is 404."""
        if not request.user.is_agency_admin or request.user.agency_id is None:
            raise PermissionDenied()
        shop = await services.agency_shop(request.user.agency_id, shop_id)
        await account_services.grant_role(request.user.account_id, shop.id, StaffRole.OWNER)
        return _shop_read(request, shop)
