"""Authentication (JWT through Litestar's security module) and authorisation guards.

A token is always bound to one shop: staff tokens carry the shop they are working in and their
role there (switching shops issues a new token); customer tokens carry the customer's shop.
Every shop-scoped query filters by ``request.user.shop_id``, so a token of shop A can never
address shop B's records — they simply are not found.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import jwt
from litestar.config.app import AppConfig
from litestar.connection import ASGIConnection
from litestar.exceptions import NotAuthorizedException
from litestar.handlers.base import BaseRouteHandler
from litestar.plugins import ReceiveRoutePlugin
from litestar.routes import BaseRoute, HTTPRoute
from litestar.security.jwt import JWTAuth, Token

from core.accounts.models import Customer, StaffAccount, StaffMembership, StaffRole
from core.errors import NotAuthenticated, PermissionDenied
from core.settings import Settings
from core.schemas import LARGEST_ID
from core.shop_memo import ShopMemo

SKIP_AUTH = "skip_auth"
# Paths served without a token whatever their handler says (docs, probes, the admin's files).
PUBLIC_PATHS = ["^/schema", "^/healthz", "^/readyz", "^/$", "^/static/"]


# Tokens already verified by this process, by their exact text and the secret they were checked
# with: a client sends the same token with every request, and checking its signature again cost
# as much CPU as one database statement. A changed byte is another key, so only a token that
# passed the full check is ever found here; its expiry is checked again on every use.
_VERIFIED_MAX = 50_000
_verified: dict[tuple[str, str, tuple[str, ...], str, str], dict[str, Any]] = {}


class KaidianToken(Token):
    @classmethod
    def decode_payload(cls, encoded_token: str, secret: str, algorithms: list[str], **kwargs: Any) -> Any:
        key = (encoded_token, secret, tuple(algorithms), repr(kwargs.get("issuer")), repr(kwargs.get("audience")))
        payload = _verified.get(key)
        if payload is None:
            try:
                payload = super().decode_payload(encoded_token, secret, algorithms, **kwargs)
            except jwt.ExpiredSignatureError as exc:
                raise NotAuthorizedException("Token expired") from exc
            if isinstance(payload.get("exp"), int | float):  # Token.decode refuses any other
                if len(_verified) >= _VERIFIED_MAX:
                    _verified.pop(next(iter(_verified)))  # the longest remembered
                _verified[key] = payload
        elif payload["exp"] <= time.time():  # as PyJWT decides it (no leeway)
            _verified.pop(key, None)
            raise NotAuthorizedException("Token expired")
        return dict(payload)  # Token.decode rewrites the payload it gets


@dataclass(frozen=True)
class AuthUser:
    kind: str  # "staff" | "customer"
    account_id: int
    shop_id: int
    role: StaffRole | None = None
    agency_id: int | None = None
    is_agency_admin: bool = False

    @property
    def is_staff(self) -> bool:
        return self.kind == "staff"


async def retrieve_user(token: Token, connection: ASGIConnection) -> AuthUser | None:
    kind, _, raw_id = token.sub.partition(":")
    try:
        account_id = int(raw_id)
        shop_id = int(token.extras["shop_id"])
    except (KeyError, TypeError, ValueError):
        return None
    if kind == "staff":
        staff = await StaffAccount.get_or_none(id=account_id, is_active=True)
        if staff is None or staff.token_version != token.extras.get("ver"):
            return None
        membership = await StaffMembership.get_or_none(staff_id=account_id, shop_id=shop_id)
        if membership is None:
            return None
        return AuthUser(
            "staff",
            account_id,
            shop_id,
            StaffRole(membership.role),
            staff.agency_id,  # type: ignore[attr-defined]
            staff.is_agency_admin,
        )
    if kind == "customer":
        if await _shop_of_customer.get(account_id) != shop_id:
            return None
        return AuthUser("customer", account_id, shop_id)
    return None


async def _read_shop_of_customer(customer_id: int) -> int | None:
    shops = await Customer.filter(id=customer_id).values_list("shop_id", flat=True)
    return shops[0] if shops else None


# Every customer request checks that the token's customer exists in its shop. Customers are
# never deleted nor moved between shops, so the answer is remembered (per process, bounded):
# one round trip less on each customer request.
_shop_of_customer: ShopMemo[int | None] = ShopMemo(_read_shop_of_customer, ttl=60.0, max_entries=100_000)


class KaidianJWTAuth(JWTAuth[AuthUser, KaidianToken]):
    """Litestar's JWT auth, documented per operation: the OpenAPI document marks each operation
    that needs a token, so public ones (storefront reads, login, probes) carry no requirement —
    Litestar would otherwise require the token document-wide."""

    def on_app_init(self, app_config: AppConfig) -> AppConfig:
        app_config = super().on_app_init(app_config)
        if app_config.openapi_config and app_config.openapi_config.security:
            app_config.openapi_config.security = [
                requirement for requirement in app_config.openapi_config.security if requirement != self.security_requirement
            ] or None
        app_config.plugins.append(_OperationSecurity(self))
        return app_config


class _OperationSecurity(ReceiveRoutePlugin):
    def __init__(self, auth: KaidianJWTAuth) -> None:
        self._requirement = auth.security_requirement
        self._public = re.compile("|".join(PUBLIC_PATHS))

    def receive_route(self, route: BaseRoute) -> None:
        if not isinstance(route, HTTPRoute) or self._public.match(route.path):
            return
        for handler in route.route_handlers:
            if handler.opt.get(SKIP_AUTH):
                continue
            security = list(handler.security or [])
            if self._requirement not in security:
                handler.security = [*security, self._requirement]


def build_jwt_auth(settings: Settings) -> KaidianJWTAuth:
    return KaidianJWTAuth(
        retrieve_user_handler=retrieve_user,
        token_secret=settings.secret_key,
        token_cls=KaidianToken,
        default_token_expiration=timedelta(minutes=settings.access_token_minutes),
        exclude=PUBLIC_PATHS,
        exclude_opt_key=SKIP_AUTH,
    )


def issue_staff_token(
    jwt_auth: JWTAuth, staff: StaffAccount, shop_id: int, role: StaffRole
) -> str:
    return jwt_auth.create_token(
        identifier=f"staff:{staff.id}",
        token_extras={"shop_id": shop_id, "role": str(role), "ver": staff.token_version},
    )


def issue_customer_token(jwt_auth: JWTAuth, customer: Customer) -> str:
    return jwt_auth.create_token(
        identifier=f"customer:{customer.id}",
        token_extras={"shop_id": customer.shop_id},  # type: ignore[attr-defined]
    )


# -- guards -----------------------------------------------------------------------------------


def _user(connection: ASGIConnection) -> AuthUser:
    user = connection.scope.get("user")
    if not isinstance(user, AuthUser):
        raise NotAuthenticated()
    return user


# Guards are coroutines although they await nothing: Litestar runs a plain function guard in
# a worker thread, a thread hand-off on every request (~5 % of a checkout's CPU).


async def staff_only(connection: ASGIConnection, _: BaseRouteHandler) -> None:
    if not _user(connection).is_staff:
        raise PermissionDenied()


async def customer_only(connection: ASGIConnection, _: BaseRouteHandler) -> None:
    if _user(connection).kind != "customer":
        raise PermissionDenied()


def roles_allowed(*roles: StaffRole):
    """Guard: the staff member's role in the token's shop must be one of ``roles``."""

    async def guard(connection: ASGIConnection, _: BaseRouteHandler) -> None:
        user = _user(connection)
        if not user.is_staff or user.role not in roles:
            raise PermissionDenied()

    return guard


owner_only = roles_allowed(StaffRole.OWNER)
managers = roles_allowed(StaffRole.OWNER, StaffRole.OPERATOR)


async def optional_user(connection: ASGIConnection) -> AuthUser | None:
    """The account behind an ``Authorization: Bearer`` header on a public route, or None when
    there is none or it is invalid/expired (public routes answer anonymously, never 401)."""
    header = connection.headers.get("authorization", "")
    scheme, _, encoded = header.partition(" ")
    if scheme.lower() != "bearer" or not encoded:
        return None
    jwt_auth: JWTAuth = connection.app.state.jwt_auth
    try:
        token = jwt_auth.token_cls.decode(encoded.strip(), jwt_auth.token_secret, jwt_auth.algorithm)
    except Exception:  # malformed, badly signed or expired: treat as anonymous
        return None
    return await retrieve_user(token, connection)


async def optional_customer(connection: ASGIConnection, shop_id: int) -> int | None:
    """The customer of ``shop_id`` behind a Bearer token on a public route, else None (a guest,
    staff, another shop's customer, or a stale token): a public read that shows a customer what
    they already hold shows a guest the same read without it."""
    user = await optional_user(connection)
    if user is None or user.is_staff or user.shop_id != shop_id:
        return None
    return user.account_id


def request_shop_id(connection: ASGIConnection) -> int | None:
    """The shop a request acts for: the token's shop, else a ``shop_id`` path parameter."""
    user = connection.scope.get("user")
    if isinstance(user, AuthUser):
        return user.shop_id
    raw = connection.path_params.get("shop_id") or connection.headers.get("x-shop-id")
    try:
        shop_id = int(raw) if raw is not None else None
    except (TypeError, ValueError):
        return None
    # Guards run before the app's id range check: an id no column holds names no shop (a 404
    # from the caller), where a query with it would fail in the driver.
    return shop_id if shop_id is not None and 1 <= shop_id <= LARGEST_ID else None
