"""Leaders' personal data — name and phone — at rest and in answers.

Both are encrypted with the app's field cipher; the phone also carries a blind index, so staff
find a leader by phone without decrypting every row (``kaidian db reindex`` keeps the index on
the active data key). Who sees what:

* the leader themself: their own name and phone in full;
* owners and operators (``FULL_CONTACT_ROLES``): in full where their work needs it — one
  leader's detail (reviewing an application means calling the applicant), a settlement's
  statements (paying the leader) and a batch's picking list (delivering to the point);
* every staff list and every answer to customer service: masked (王**, 138****8000);
* customers choosing a pickup point: the leader's name masked, never the phone.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from core.accounts.models import StaffRole
from core.auth import AuthUser
from core.security.crypto import FieldCipher, mask_phone, mask_text, normalize_phone
from plugins.community_group.models import Leader

NAME = "leader.name"
PHONE = "leader.phone"
FULL_CONTACT_ROLES = (StaffRole.OWNER, StaffRole.OPERATOR)

logger = logging.getLogger("kaidian.plugins.community_group.leaders")


@dataclass(frozen=True)
class Contact:
    name: str
    phone: str
    masked: bool


def encrypted_contact(cipher: FieldCipher, name: str, phone: str) -> dict[str, str]:
    """The columns to store for a leader's name and phone."""
    phone = normalize_phone(phone)
    return {
        "name_encrypted": cipher.encrypt(name, context=NAME),
        "phone_encrypted": cipher.encrypt(phone, context=PHONE),
        "phone_index": cipher.blind_index(phone, context=PHONE),
    }


def contact_of(leader: Leader, cipher: FieldCipher, *, full: bool) -> Contact:
    name = cipher.decrypt(leader.name_encrypted, context=NAME)
    phone = cipher.decrypt(leader.phone_encrypted, context=PHONE)
    if full:
        return Contact(name, phone, masked=False)
    return Contact(mask_text(name) or "", mask_phone(phone) or "", masked=True)


def sees_full_contact(user: AuthUser) -> bool:
    """Whether this staff member's role needs leaders' contacts in full (see the module)."""
    return user.is_staff and user.role in FULL_CONTACT_ROLES


def log_full_view(user: AuthUser, what: str, leader_ids: Any) -> None:
    """An audit line for every answer that carried leaders' contacts in full to staff."""
    logger.info("staff %s (%s) read leader contacts in full: %s, leaders %s", user.account_id, user.role, what, sorted(set(leader_ids)))


def phone_filter(cipher: FieldCipher, phone: str) -> dict[str, list[str]]:
    """``Leader.filter(**phone_filter(cipher, phone))`` finds the leaders with this phone."""
    return {"phone_index__in": cipher.blind_indexes(normalize_phone(phone), context=PHONE)}
