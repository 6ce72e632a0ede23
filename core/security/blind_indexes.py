"""Encrypted fields with a blind index, as core and plugins register them
(``kaidian_register_blind_indexes``), and moving their indexes to the active data key.

``kaidian db reindex`` runs ``reindex_blind_indexes`` after upgrading from a version that
indexed under the token secret and after rotating data keys, before an old key is dropped.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from tortoise.models import Model

from core.security.crypto import DecryptionError, FieldCipher

logger = logging.getLogger("kaidian.security.blind_indexes")


@dataclass(frozen=True)
class BlindIndex:
    """``model.<value_field>`` holds ``cipher.encrypt(value, context=context)`` and
    ``model.<index_field>`` its ``cipher.blind_index(value, context=context)``."""

    model: type[Model]
    value_field: str
    index_field: str
    context: str
    plugin: str

    def check(self) -> str | None:
        """What is wrong with the registration, or None."""
        if not (isinstance(self.model, type) and issubclass(self.model, Model)):
            return f"{self.model!r} is not a Tortoise model"
        fields = self.model._meta.fields_map
        missing = [name for name in (self.value_field, self.index_field) if name not in fields]
        if missing:
            return f"{self.model.__name__} has no field {', '.join(missing)}"
        if not isinstance(self.context, str) or not self.context:
            return "context must be a non-empty string such as 'customer.phone'"
        return None


async def reindex_blind_indexes(cipher: FieldCipher, indexes: list[BlindIndex], batch: int = 500) -> int:
    """Re-index every stored value of every registered field under the active data key;
    returns how many rows changed. A row under a data key no longer configured is left as it
    is and logged."""
    changed = 0
    for entry in indexes:
        value_field, index_field = entry.value_field, entry.index_field
        last_id = 0
        while True:
            rows = await entry.model.filter(id__gt=last_id, **{f"{value_field}__isnull": False}).order_by("id").limit(batch)
            if not rows:
                break
            for row in rows:
                stored = getattr(row, value_field)
                if not stored:
                    continue
                try:
                    index = cipher.blind_index(cipher.decrypt(stored, context=entry.context), context=entry.context)
                except DecryptionError:
                    logger.warning("%s %s: %s not re-indexed, its data key is not configured", entry.model.__name__, row.pk, value_field)
                    continue
                if index != getattr(row, index_field):
                    changed += await entry.model.filter(id=row.pk, **{value_field: stored}).update(**{index_field: index})
            last_id = rows[-1].pk
    return changed
