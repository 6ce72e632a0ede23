"""One-time links inviting a shop's owner by email.

The link carries a random token; only its SHA-256 is stored. Accepting it creates the owner's
staff account in the shop's agency (or gives an existing account of that agency the role) and
marks the invitation used with a conditional update, so of two clicks racing one wins; an
expired or used link is 410 ``invitation_gone``.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from tortoise.transactions import in_transaction

from core import clock
from core.accounts import services as account_services
from core.accounts.models import StaffAccount, StaffMembership, StaffRole
from core.agency.mail import send_mail
from core.agency.models import OwnerInvitation
from core.errors import Conflict, KaidianError, NotFound
from core.settings import Settings
from core.shops.models import Shop

VALID_FOR = timedelta(days=3)


class InvitationGone(KaidianError):
    status_code = 410
    code = "invitation_gone"


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class SentInvitation:
    invitation: OwnerInvitation
    link: str


async def invite_owner(settings: Settings, *, agency_id: int, shop_id: int, email: str, staff_id: int) -> SentInvitation:
    shop = await Shop.get_or_none(id=shop_id, agency_id=agency_id)
    if shop is None:
        raise NotFound(field="shop_id")
    email = email.strip().lower()
    other = await StaffAccount.get_or_none(email=email)
    if other is not None and other.agency_id != agency_id:  # type: ignore[attr-defined]
        raise Conflict(field="owner_email", reason={"zh-CN": "该邮箱已属于其他服务商", "en": "this email belongs to another agency"})
    token = secrets.token_urlsafe(32)
    invitation = await OwnerInvitation.create(
        agency_id=agency_id,
        shop_id=shop.id,
        email=email,
        token_hash=_hash(token),
        expires_at=clock.now() + VALID_FOR,
        invited_by_staff_id=staff_id,
    )
    link = f"{settings.public_base_url.rstrip('/')}/admin/#/invitation/{token}"
    await send_mail(
        settings,
        email,
        f"邀请您成为「{shop.name}」的店主 / You are invited to own {shop.name}",
        f"您好！\n\n请在 {VALID_FOR.days} 天内打开下面的链接设置密码，成为「{shop.name}」的店主（链接只能使用一次）：\n{link}\n\n"
        f"Hello! Open this link within {VALID_FOR.days} days to set your password and become the owner of {shop.name} "
        f"(it works once):\n{link}\n",
    )
    return SentInvitation(invitation, link)


async def has_account(email: str) -> bool:
    return await StaffAccount.exists(email=email)


async def open_invitation(token: str) -> OwnerInvitation:
    invitation = await OwnerInvitation.get_or_none(token_hash=_hash(token)).prefetch_related("shop")
    if invitation is None:
        raise NotFound(field="token")
    if invitation.accepted_at is not None or invitation.expires_at <= clock.now():
        raise InvitationGone(field="token")
    return invitation


async def accept(token: str, *, password: str, display_name: str) -> StaffAccount:
    """Use the link once: the invited email becomes an owner of the shop. A new account gets
    ``password``; an existing account of the agency keeps its own (its password must match)."""
    invitation = await open_invitation(token)
    async with in_transaction():
        used = await OwnerInvitation.filter(id=invitation.id, accepted_at__isnull=True, expires_at__gt=clock.now()).update(
            accepted_at=clock.now()
        )
        if not used:
            raise InvitationGone(field="token")
        staff = await StaffAccount.get_or_none(email=invitation.email)
        if staff is None:
            staff = await account_services.create_staff(
                agency_id=invitation.agency_id,  # type: ignore[attr-defined]
                email=invitation.email,
                password=password,
                display_name=display_name,
            )
        else:
            staff = await account_services.authenticate_staff(invitation.email, password)
        membership = await StaffMembership.get_or_none(staff_id=staff.id, shop_id=invitation.shop_id)  # type: ignore[attr-defined]
        if membership is None:
            await StaffMembership.create(staff_id=staff.id, shop_id=invitation.shop_id, role=StaffRole.OWNER)  # type: ignore[attr-defined]
        elif membership.role != StaffRole.OWNER:
            membership.role = StaffRole.OWNER
            await membership.save(update_fields=["role"])
    return staff
