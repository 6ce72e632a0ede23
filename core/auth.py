"""Authentication (JWT through Litestar's security module) and authorisation guards.

A token is always bound to one shop: staff tokens carry the shop they are working in and their
role there (switching shops issues a new token); customer tokens carry the customer's shop.
Every shop-scoped query filters by ``request.user.shop_id``, so a token of shop A can never
address shop B's records — they simply are not found.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import jwt
from litestar.connection import ASGIConnection
from litestar.exceptions import NotAuthorizedException
from litestar.handlers.base import BaseRouteHandler
from litestar.security.jwt import JWTAuth, Token

from core.accounts.models import Customer, StaffAccount, StaffMembership, StaffRole
from core.errors import NotAuthenticated, PermissionDenied
from core.settings import Settings

SKIP_AUTH = "skip_auth"


class KaidianToken(Token):
    @classmethod
    def decode_payload(cls, encoded_token: str, secret: str, algorithms: list[str], **kwargs: Any) -> Any:
        try:
            return super().decode_payload(encoded_token, secret, algorithms, **kwargs)
        except jwt.ExpiredSignatureError as exc:
            raise NotAuthorizedException("Token expired") from exc


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
        if not await Customer.exists(id=account_id, shop_id=shop_id):
            return None
        return AuthUser("customer", account_id, shop_id)
    return None


def build_jwt_auth(settings: Settings) -> JWTAuth[AuthUser, KaidianToken]:
    return JWTAuth[AuthUser, KaidianToken](
        retrieve_user_handler=retrieve_user,
        token_secret=settings.secret_key,
        token_cls=KaidianToken,
        default_token_expiration=timedelta(minutes=settings.access_token_minutes),
        exclude=["^/schema", "^/healthz", "^/readyz", "^/$", "^/static/"],
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


def staff_only(connection: ASGIConnection, _: BaseRouteHandler) -> None:
    if not _user(connection).is_staff:
        raise PermissionDenied()


def customer_only(connection: ASGIConnection, _: BaseRouteHandler) -> None:
    if _user(connection).kind != "customer":
        raise PermissionDenied()


def roles_allowed(*roles: StaffRole):
    """Guard: the staff member's role in the token's shop must be one of ``roles``."""

    def guard(connection: ASGIConnection, _: BaseRouteHandler) -> None:
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


def request_shop_id(connection: ASGIConnection) -> int | None:
    """The shop a request acts for: the token's shop, else a ``shop_id`` path parameter."""
    user = connection.scope.get("user")
    if isinstance(user, AuthUser):
        return user.shop_id
    raw = connection.path_params.get("shop_id") or connection.headers.get("x-shop-id")
    try:
        return int(raw) if raw is not None else None
    except (TypeError, ValueError):
        return None
