"""Core's data sources for the batch endpoint, named by the core page components'
``data_source``: ``products``, ``product``, ``categories``, ``me`` and ``cart``.

The parameters are checked here so the contract with the generated client is fixed. The
catalog and trade domains do not offer customer-facing reads yet: until they do, product lists
and categories are empty, a single product is not found and the cart is empty.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from core.accounts.customers import get_customer
from core.errors import InvalidInput, NotAuthenticated, NotFound


class _Params(BaseModel):
    model_config = ConfigDict(extra="ignore")


class ProductListParams(_Params):
    by: Literal["category", "tag", "manual"] = "category"
    category_id: int | None = Field(default=None, ge=1)
    tag: str = Field(default="", max_length=30)
    ids: list[int] = Field(default_factory=list, max_length=50)
    limit: int = Field(default=6, ge=1, le=50)


class ProductParams(_Params):
    id: int = Field(ge=1)


class CategoryParams(_Params):
    with_products: bool = True


def _params(model: type[_Params], raw: dict[str, Any]) -> Any:
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise InvalidInput(
            field="params." + ".".join(str(part) for part in first["loc"]),
            reason={"zh-CN": "参数不正确", "en": first["msg"]},
        ) from None


def _customer_id(request: Any) -> int:
    user = request.scope.get("user")
    if user is None:
        raise NotAuthenticated()
    return user.account_id


async def products(shop_id: int, params: dict[str, Any], request: Any) -> dict[str, Any]:
    _params(ProductListParams, params)
    return {"items": []}  # the catalog has no customer listing yet


async def product(shop_id: int, params: dict[str, Any], request: Any) -> dict[str, Any]:
    _params(ProductParams, params)
    raise NotFound(field="id")  # the catalog has no customer product read yet


async def categories(shop_id: int, params: dict[str, Any], request: Any) -> dict[str, Any]:
    _params(CategoryParams, params)
    return {"items": []}


async def me(shop_id: int, params: dict[str, Any], request: Any) -> dict[str, Any]:
    customer = await get_customer(shop_id, _customer_id(request))
    return {"id": customer.id, "nickname": customer.nickname, "avatar": customer.avatar_url}


async def cart(shop_id: int, params: dict[str, Any], request: Any) -> dict[str, Any]:
    _customer_id(request)
    return {"items": [], "total_fen": 0}  # the trade domain has no cart read yet


def register_core_sources(register: Callable[..., None]) -> None:
    for name, handler in (("products", products), ("product", product), ("categories", categories), ("me", me), ("cart", cart)):
        register(name, handler)
