"""The spec matrix: which SKUs a product's spec dimensions call for, and linked editing.

Pure functions, no database: the product service feeds them rows and applies the plan.

Linked editing (联动编辑) keeps the work a merchant put into each SKU: when dimensions or values
change, every existing SKU is carried to its combination in the new matrix — through value
renames, dropped dimensions (the first SKU of a collapsed group wins) and added dimensions
(carried to the new dimension's first value). SKUs whose combination is gone are removed;
new combinations start empty.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

from core.catalog.models import MAX_SKUS_PER_PRODUCT
from core.errors import InvalidInput

SPEC_KEY_SEPARATOR = "\u001f"  # never typed by a merchant, so keys cannot collide


def _invalid(field_name: str, zh: str, en: str) -> InvalidInput:
    return InvalidInput(field=field_name, reason={"zh-CN": zh, "en": en})


def validate_specs(specs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Checked, trimmed ``[{"name", "values"}]``; a product without specs has one default SKU."""
    cleaned = []
    names: set[str] = set()
    if len(specs) > 3:
        raise _invalid("specs", "规格维度最多 3 个", "at most 3 spec dimensions")
    for index, dimension in enumerate(specs):
        name = str(dimension.get("name", "")).strip()
        if not name:
            raise _invalid(f"specs[{index}].name", "规格名不能为空", "spec name is required")
        if name in names:
            raise _invalid(f"specs[{index}].name", f"规格名重复：{name}", f"duplicate spec name: {name}")
        names.add(name)
        values = [str(value).strip() for value in dimension.get("values") or []]
        if not values or any(not value for value in values):
            raise _invalid(f"specs[{index}].values", "规格值不能为空", "spec values must be non-empty")
        duplicates = {value for value in values if values.count(value) > 1}
        if duplicates:
            first = sorted(duplicates)[0]
            raise _invalid(f"specs[{index}].values", f"规格值重复：{first}", f"duplicate spec value: {first}")
        if any(len(value) > 40 for value in values):
            raise _invalid(f"specs[{index}].values", "规格值最长 40 个字", "spec values are at most 40 characters")
        cleaned.append({"name": name, "values": values})
    total = 1
    for dimension in cleaned:
        total *= len(dimension["values"])
    if total > MAX_SKUS_PER_PRODUCT:
        raise _invalid(
            "specs",
            f"规格组合 {total} 个，超过上限 {MAX_SKUS_PER_PRODUCT}",
            f"{total} combinations exceed the limit of {MAX_SKUS_PER_PRODUCT}",
        )
    return cleaned


def combinations(specs: list[dict[str, Any]]) -> list[list[str]]:
    """Every cell of the matrix in display order (``[[]]`` — one SKU — when there are no specs)."""
    return [list(combo) for combo in itertools.product(*(dimension["values"] for dimension in specs))]


def spec_key(values: list[str]) -> str:
    return SPEC_KEY_SEPARATOR.join(values)


@dataclass
class MatrixPlan:
    """What to do with the SKU rows: ``keep`` maps an existing SKU id to its new values."""

    keep: dict[int, list[str]] = field(default_factory=dict)
    create: list[list[str]] = field(default_factory=list)
    delete: list[int] = field(default_factory=list)


def plan_matrix(
    old_specs: list[dict[str, Any]],
    new_specs: list[dict[str, Any]],
    existing: list[tuple[int, list[str]]],
    renames: dict[str, dict[str, str]] | None = None,
) -> MatrixPlan:
    """Carry existing SKUs ``(id, values)`` into the matrix of ``new_specs``.

    ``renames`` is ``{dimension name: {old value: new value}}`` (dimension named as in
    ``new_specs``; a renamed dimension keeps its position). Dimensions are matched by name,
    then by position for a dimension whose name changed.
    """
    renames = renames or {}
    old_names = [dimension["name"] for dimension in old_specs]
    new_names = [dimension["name"] for dimension in new_specs]
    new_values = [set(dimension["values"]) for dimension in new_specs]

    def old_index(position: int, name: str) -> int | None:
        if name in old_names:
            return old_names.index(name)
        # A renamed dimension: same position, and its old name is not used elsewhere now.
        if position < len(old_names) and old_names[position] not in new_names:
            return position
        return None

    sources = [old_index(position, name) for position, name in enumerate(new_names)]
    plan = MatrixPlan()
    taken: set[str] = set()
    for sku_id, values in sorted(existing):
        carried: list[str] | None = []
        for position, name in enumerate(new_names):
            source = sources[position]
            if source is None or source >= len(values):
                value = new_specs[position]["values"][0]
            else:
                value = renames.get(name, {}).get(values[source], values[source])
            if value not in new_values[position]:
                carried = None
                break
            carried.append(value)
        key = spec_key(carried) if carried is not None else None
        if key is None or key in taken:
            plan.delete.append(sku_id)
            continue
        taken.add(key)
        plan.keep[sku_id] = carried  # type: ignore[assignment]
    plan.create = [combo for combo in combinations(new_specs) if spec_key(combo) not in taken]
    return plan


def matching_rows(specs: list[dict[str, Any]], rows: list[tuple[int, list[str]]], match: dict[str, str]) -> list[int]:
    """SKU ids in the row/column ``match`` selects (``{"颜色": "红"}`` = the 红 row)."""
    names = [dimension["name"] for dimension in specs]
    for index, (name, value) in enumerate(match.items()):
        if name not in names:
            raise _invalid(f"match.{name}", f"没有规格：{name}", f"no spec named {name}")
        if value not in specs[names.index(name)]["values"]:
            raise _invalid(f"match.{name}", f"规格 {name} 没有值：{value}", f"spec {name} has no value {value}")
    wanted = {names.index(name): value for name, value in match.items()}
    return [sku_id for sku_id, values in rows if all(values[i] == value for i, value in wanted.items())]
