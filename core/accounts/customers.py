"""Rules for customers: WeChat login, profile, encrypted phone numbers and addresses."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from core import clock
from core.accounts.models import Customer, CustomerAddress, CustomerTag
from core.accounts.schemas import CustomerRead, StaffCustomerRead
from core.accounts.wechat import Code2SessionProvider
from core.errors import Conflict, InvalidInput, NotFound
from core.security.crypto import FieldCipher, is_valid_phone, mask_phone, mask_text, normalize_phone
from core.shops.models import Shop, ShopStatus

PHONE = "customer.phone"
ADDRESS_PHONE = "address.phone"
ADDRESS_RECIPIENT = "address.recipient"
ADDRESS_DETAIL = "address.detail"
MAX_ADDRESSES = 20


def _phone_or_error(phone: str, field: str) -> str:
    if not is_valid_phone(phone):
        raise InvalidInput(field=field, reason={"zh-CN": "手机号格式不正确", "en": "not a valid mobile number"})
    return normalize_phone(phone)


async def login_customer(shop_id: int, code: str, provider: Code2SessionProvider) -> tuple[Customer, bool]:
    """The shop's customer for this WeChat user, and whether this login created them."""
    shop = await Shop.get_or_none(id=shop_id, status=ShopStatus.ACTIVE)
    if shop is None:
        raise NotFound(field="shop_id")
    session = await provider.code2session(code)
    now = clock.now()
    customer = await Customer.get_or_none(shop_id=shop_id, openid=session.openid)
    created = False
    if customer is None:
        try:
            customer = await Customer.create(
                shop_id=shop_id, openid=session.openid, unionid=session.unionid, last_login_at=now
            )
            created = True
        except IntegrityError:  # two first logins raced: the other one created it
            customer = await Customer.get(shop_id=shop_id, openid=session.openid)
    customer.last_login_at = now
    await customer.save(update_fields=["last_login_at"])
    return customer, created


def _birthday_or_error(customer: Customer, birthday: date) -> date:
    # Set once: a birthday that could be moved at will would hand out a birthday gift a day.
    if customer.birthday is not None:
        raise Conflict(field="birthday", reason={"zh-CN": "生日设置后不可修改", "en": "a birthday cannot be changed once set"})
    if not date(1900, 1, 1) <= birthday <= clock.now().date():
        raise InvalidInput(field="birthday", reason={"zh-CN": "生日日期不合法", "en": "the birthday is not a valid date"})
    return birthday


async def get_customer(shop_id: int, customer_id: int) -> Customer:
    customer = await Customer.get_or_none(id=customer_id, shop_id=shop_id)
    if customer is None:
        raise NotFound()
    return customer


async def update_profile(
    shop_id: int, customer_id: int, changes: dict[str, Any], cipher: FieldCipher
) -> Customer:
    customer = await get_customer(shop_id, customer_id)
    fields = []
    for name in ("nickname", "avatar_url"):
        if name in changes and changes[name] is not None:
            setattr(customer, name, changes[name])
            fields.append(name)
    if changes.get("birthday") is not None and changes["birthday"] != customer.birthday:
        customer.birthday = _birthday_or_error(customer, changes["birthday"])  # type: ignore[arg-type]
        fields.append("birthday")
    if "phone" in changes:
        phone = changes["phone"]
        if phone:
            phone = _phone_or_error(phone, "phone")
            customer.phone_encrypted = cipher.encrypt(phone, context=PHONE)
            customer.phone_index = cipher.blind_index(phone, context=PHONE)
        else:
            customer.phone_encrypted = customer.phone_index = None
        fields += ["phone_encrypted", "phone_index"]
    if fields:
        await customer.save(update_fields=fields)
    return customer


def customer_phone(customer: Customer, cipher: FieldCipher) -> str | None:
    if not customer.phone_encrypted:
        return None
    return cipher.decrypt(customer.phone_encrypted, context=PHONE)


def customer_read(customer: Customer, cipher: FieldCipher, *, masked: bool) -> CustomerRead:
    """The API view of a customer: staff see the phone masked, the customer sees it in full."""
    phone = customer_phone(customer, cipher)
    return CustomerRead(
        id=customer.id,
        nickname=customer.nickname,
        avatar_url=customer.avatar_url,
        phone=mask_phone(phone) if masked else phone,
        birthday=customer.birthday,
        created_at=customer.created_at,
    )


async def staff_reads(shop_id: int, customers: list[Customer], cipher: FieldCipher) -> list[StaffCustomerRead]:
    """What staff see of these customers: the masked view and their paid orders' figures."""
    from core.trade.customer_orders import NO_ORDERS, order_figures  # trade builds on accounts

    figures = await order_figures(shop_id, [customer.id for customer in customers])
    tags = await customer_tags(shop_id, [customer.id for customer in customers])
    return [
        StaffCustomerRead(
            **customer_read(customer, cipher, masked=True).model_dump(),
            **vars(figures.get(customer.id, NO_ORDERS)),
            tags=tags.get(customer.id, []),
        )
        for customer in customers
    ]


async def find_customers(
    shop_id: int, cipher: FieldCipher, *, phone: str | None = None, limit: int = 50, offset: int = 0
) -> list[Customer]:
    query = Customer.filter(shop_id=shop_id)
    if phone:
        query = query.filter(phone_index__in=cipher.blind_indexes(normalize_phone(phone), context=PHONE))
    return await query.order_by("-id").offset(offset).limit(limit)


# -- addresses --------------------------------------------------------------------------------


@dataclass(frozen=True)
class AddressView:
    id: int
    recipient: str
    phone: str
    province: str
    city: str
    district: str
    detail: str
    is_default: bool

    def masked(self) -> AddressView:
        """What staff and logs see."""
        return AddressView(
            self.id,
            mask_text(self.recipient) or "",
            mask_phone(self.phone) or "",
            self.province,
            self.city,
            self.district,
            mask_text(self.detail, keep=4) or "",
            self.is_default,
        )


# What an order keeps of its delivery address: the address book's ciphertexts (never the plain
# text) and the region. Editing or deleting the address later leaves the order's as placed.
ADDRESS_SNAPSHOT_FIELDS = ("recipient_encrypted", "phone_encrypted", "province", "city", "district", "detail_encrypted")


async def address_snapshot(shop_id: int, customer_id: int, address_id: int) -> dict[str, str] | None:
    """The customer's address as an order keeps it, or None when it is not theirs."""
    rows = await CustomerAddress.filter(id=address_id, shop_id=shop_id, customer_id=customer_id).values(*ADDRESS_SNAPSHOT_FIELDS)
    return rows[0] if rows else None


def snapshot_view(snapshot: dict[str, str], cipher: FieldCipher) -> AddressView:
    """A kept address decrypted (it has no id of its own: the address book's may be gone)."""
    return AddressView(
        id=0,
        recipient=cipher.decrypt(snapshot["recipient_encrypted"], context=ADDRESS_RECIPIENT),
        phone=cipher.decrypt(snapshot["phone_encrypted"], context=ADDRESS_PHONE),
        province=snapshot["province"],
        city=snapshot["city"],
        district=snapshot["district"],
        detail=cipher.decrypt(snapshot["detail_encrypted"], context=ADDRESS_DETAIL),
        is_default=False,
    )


def address_view(address: CustomerAddress, cipher: FieldCipher) -> AddressView:
    stored = {name: getattr(address, name) for name in ADDRESS_SNAPSHOT_FIELDS}
    return replace(snapshot_view(stored, cipher), id=address.id, is_default=address.is_default)


async def list_addresses(shop_id: int, customer_id: int) -> list[CustomerAddress]:
    return await CustomerAddress.filter(shop_id=shop_id, customer_id=customer_id).order_by("-is_default", "id")


async def _get_address(shop_id: int, customer_id: int, address_id: int) -> CustomerAddress:
    address = await CustomerAddress.get_or_none(id=address_id, shop_id=shop_id, customer_id=customer_id)
    if address is None:
        raise NotFound()
    return address


def _encrypted_fields(values: dict[str, object], cipher: FieldCipher) -> dict[str, object]:
    fields: dict[str, object] = {}
    if "recipient" in values:
        fields["recipient_encrypted"] = cipher.encrypt(str(values["recipient"]), context=ADDRESS_RECIPIENT)
    if "phone" in values:
        phone = _phone_or_error(str(values["phone"]), "phone")
        fields["phone_encrypted"] = cipher.encrypt(phone, context=ADDRESS_PHONE)
        fields["phone_index"] = cipher.blind_index(phone, context=ADDRESS_PHONE)
    if "detail" in values:
        fields["detail_encrypted"] = cipher.encrypt(str(values["detail"]), context=ADDRESS_DETAIL)
    for plain in ("province", "city", "district", "is_default"):
        if plain in values:
            fields[plain] = values[plain]
    return fields


async def add_address(
    shop_id: int, customer_id: int, values: dict[str, object], cipher: FieldCipher
) -> CustomerAddress:
    fields = _encrypted_fields(values, cipher)  # validates before anything is written
    async with in_transaction():
        count = await CustomerAddress.filter(shop_id=shop_id, customer_id=customer_id).count()
        if count >= MAX_ADDRESSES:
            raise InvalidInput(
                field="addresses",
                reason={"zh-CN": f"最多保存 {MAX_ADDRESSES} 个地址", "en": f"at most {MAX_ADDRESSES} addresses"},
            )
        if count == 0:
            fields["is_default"] = True
        if fields.get("is_default"):
            await CustomerAddress.filter(shop_id=shop_id, customer_id=customer_id).update(is_default=False)
        return await CustomerAddress.create(shop_id=shop_id, customer_id=customer_id, **fields)


async def update_address(
    shop_id: int, customer_id: int, address_id: int, values: dict[str, object], cipher: FieldCipher
) -> CustomerAddress:
    fields = _encrypted_fields(values, cipher)
    async with in_transaction():
        address = await _get_address(shop_id, customer_id, address_id)
        if fields.get("is_default"):
            await CustomerAddress.filter(shop_id=shop_id, customer_id=customer_id).update(is_default=False)
        address.update_from_dict(fields)
        await address.save()
    return address


async def delete_address(shop_id: int, customer_id: int, address_id: int) -> None:
    address = await _get_address(shop_id, customer_id, address_id)
    await address.delete()


# -- tags -------------------------------------------------------------------------------------


async def customer_tags(shop_id: int, customer_ids: list[int]) -> dict[int, list[str]]:
    """The tags of these customers of the shop, each list sorted."""
    tags: dict[int, list[str]] = {}
    if customer_ids:
        rows = await CustomerTag.filter(shop_id=shop_id, customer_id__in=customer_ids).order_by("name").values_list("customer_id", "name")
        for customer_id, name in rows:
            tags.setdefault(customer_id, []).append(name)
    return tags


async def shop_tags(shop_id: int) -> list[str]:
    """Every tag some customer of the shop carries, sorted."""
    return sorted(set(await CustomerTag.filter(shop_id=shop_id).values_list("name", flat=True)))


async def set_customer_tags(shop_id: int, customer_id: int, tags: list[str]) -> Customer:
    """Replace a customer's tags (duplicates folded); 404 for a customer of another shop."""
    async with in_transaction():
        customer = await get_customer(shop_id, customer_id)
        await CustomerTag.filter(customer_id=customer.id).delete()
        await CustomerTag.bulk_create([CustomerTag(shop_id=shop_id, customer_id=customer.id, name=name) for name in dict.fromkeys(tags)])
    return customer
