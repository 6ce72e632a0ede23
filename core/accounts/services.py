"""Rules for staff accounts, their roles per shop, and logins."""

from __future__ import annotations


from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from core import clock
from core.accounts.models import StaffAccount, StaffMembership, StaffRole
from core.errors import Conflict, InvalidInput, KaidianError, NotFound, PermissionDenied
from core.security.passwords import (
    DUMMY_HASH,
    MIN_PASSWORD_LENGTH,
    hash_password,
    needs_rehash,
    verify_password,
)
from core.shops.models import Shop


def check_password_rules(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInput(
            field="password",
            reason={
                "zh-CN": f"密码至少 {MIN_PASSWORD_LENGTH} 位",
                "en": f"at least {MIN_PASSWORD_LENGTH} characters",
            },
        )


async def create_staff(
    *,
    agency_id: int,
    email: str,
    password: str,
    display_name: str,
    is_agency_admin: bool = False,
) -> StaffAccount:
    check_password_rules(password)
    try:
        return await StaffAccount.create(
            agency_id=agency_id,
            email=email.strip().lower(),
            password_hash=hash_password(password),
            display_name=display_name,
            is_agency_admin=is_agency_admin,
        )
    except IntegrityError:
        raise Conflict(field="email", reason={"zh-CN": "该邮箱已注册", "en": "email already registered"}) from None


async def grant_role(staff_id: int, shop_id: int, role: StaffRole) -> StaffMembership:
    staff = await StaffAccount.get_or_none(id=staff_id)
    shop = await Shop.get_or_none(id=shop_id)
    if staff is None or shop is None:
        raise NotFound()
    if staff.agency_id != shop.agency_id:  # type: ignore[attr-defined]
        raise PermissionDenied(field="shop_id")
    membership, created = await StaffMembership.get_or_create(
        staff_id=staff_id, shop_id=shop_id, defaults={"role": role}
    )
    if not created and membership.role != role:
        membership.role = role
        await membership.save(update_fields=["role"])
    return membership


async def authenticate_staff(email: str, password: str) -> StaffAccount:
    staff = await StaffAccount.get_or_none(email=email.strip().lower(), is_active=True)
    if staff is None:
        verify_password(DUMMY_HASH, password)  # same work either way: no account probing by timing
        raise _login_failed()
    if not verify_password(staff.password_hash, password):
        raise _login_failed()
    staff.last_login_at = clock.now()
    fields = ["last_login_at"]
    if needs_rehash(staff.password_hash):
        staff.password_hash = hash_password(password)
        fields.append("password_hash")
    await staff.save(update_fields=fields)
    return staff


def _login_failed() -> KaidianError:
    error = KaidianError("login_failed", field="password")
    error.status_code = 401
    return error


async def memberships_of(staff_id: int) -> list[StaffMembership]:
    return await StaffMembership.filter(staff_id=staff_id).prefetch_related("shop").order_by("shop_id")


async def membership_in(staff_id: int, shop_id: int) -> StaffMembership:
    membership = await StaffMembership.get_or_none(staff_id=staff_id, shop_id=shop_id)
    if membership is None:
        raise NotFound(field="shop_id")
    return membership


async def list_shop_staff(shop_id: int) -> list[StaffMembership]:
    return await StaffMembership.filter(shop_id=shop_id).prefetch_related("staff").order_by("id")


async def add_staff_to_shop(
    *, shop_id: int, email: str, display_name: str, password: str, role: StaffRole
) -> StaffMembership:
    """Invite by email: an existing account of the same agency gets the role, else one is created."""
    shop = await Shop.get(id=shop_id)
    async with in_transaction():
        staff = await StaffAccount.get_or_none(email=email.strip().lower())
        if staff is None:
            staff = await create_staff(
                agency_id=shop.agency_id,  # type: ignore[attr-defined]
                email=email,
                password=password,
                display_name=display_name,
            )
        elif staff.agency_id != shop.agency_id:  # type: ignore[attr-defined]
            raise Conflict(field="email", reason={"zh-CN": "该邮箱已注册", "en": "email already registered"})
        if await StaffMembership.exists(staff_id=staff.id, shop_id=shop_id):
            raise Conflict(field="email", reason={"zh-CN": "该员工已在本店", "en": "already staff of this shop"})
        return await StaffMembership.create(staff_id=staff.id, shop_id=shop_id, role=role)


async def _shop_membership(shop_id: int, membership_id: int) -> StaffMembership:
    membership = await StaffMembership.get_or_none(id=membership_id, shop_id=shop_id).prefetch_related("staff")
    if membership is None:
        raise NotFound()
    return membership


def _refuse_unless_agency(membership: StaffMembership, acting_is_agency_admin: bool, field: str) -> None:
    """Agency admins keep the shops of their agency running: only the agency (another agency
    admin) may remove or demote one, never a shop owner the agency appointed."""
    if membership.staff.is_agency_admin and not acting_is_agency_admin:
        raise PermissionDenied("agency_managed", field=field)


async def change_staff_role(
    shop_id: int, membership_id: int, role: StaffRole, acting_staff_id: int, *, acting_is_agency_admin: bool
) -> StaffMembership:
    membership = await _shop_membership(shop_id, membership_id)
    if role != membership.role:
        _refuse_unless_agency(membership, acting_is_agency_admin, "role")
    if membership.staff_id == acting_staff_id and role != StaffRole.OWNER:  # type: ignore[attr-defined]
        await _ensure_another_owner(shop_id, membership.id)
    membership.role = role
    await membership.save(update_fields=["role"])
    return membership


async def remove_staff(shop_id: int, membership_id: int, *, acting_is_agency_admin: bool) -> None:
    membership = await _shop_membership(shop_id, membership_id)
    _refuse_unless_agency(membership, acting_is_agency_admin, "membership_id")
    if membership.role == StaffRole.OWNER:
        await _ensure_another_owner(shop_id, membership.id)
    await membership.delete()


async def _ensure_another_owner(shop_id: int, membership_id: int) -> None:
    others = await StaffMembership.filter(shop_id=shop_id, role=StaffRole.OWNER).exclude(id=membership_id).count()
    if not others:
        raise Conflict(field="role", reason={"zh-CN": "店铺至少需要一位店主", "en": "a shop needs at least one owner"})


async def get_staff(staff_id: int) -> StaffAccount:
    staff = await StaffAccount.get_or_none(id=staff_id)
    if staff is None:
        raise NotFound()
    return staff


async def change_password(staff_id: int, old_password: str, new_password: str) -> StaffAccount:
    staff = await get_staff(staff_id)
    if not verify_password(staff.password_hash, old_password):
        raise _login_failed()
    check_password_rules(new_password)
    staff.password_hash = hash_password(new_password)
    staff.token_version += 1  # every earlier token stops working
    await staff.save(update_fields=["password_hash", "token_version"])
    return staff


async def logout_everywhere(staff_id: int) -> None:
    staff = await get_staff(staff_id)
    staff.token_version += 1
    await staff.save(update_fields=["token_version"])
