"""Category tree rules: at most three levels per shop, no cycles, moves carry the subtree."""

from __future__ import annotations

from typing import Any

from tortoise.transactions import in_transaction

from core.catalog.cache import bump_version
from core.catalog.models import MAX_CATEGORY_DEPTH, Category, Product
from core.catalog.schemas import CategoryRead
from core.errors import Conflict, InvalidInput, NotFound


def _invalid(field: str, zh: str, en: str) -> InvalidInput:
    return InvalidInput(field=field, reason={"zh-CN": zh, "en": en})


async def _rows(shop_id: int) -> list[dict[str, Any]]:
    return await Category.filter(shop_id=shop_id).order_by("sort", "id").values(
        "id", "parent_id", "name", "sort", "icon", "depth"
    )


def _children_map(rows: list[dict[str, Any]]) -> dict[int | None, list[dict[str, Any]]]:
    children: dict[int | None, list[dict[str, Any]]] = {}
    for row in rows:
        children.setdefault(row["parent_id"], []).append(row)
    return children


async def tree(shop_id: int) -> list[CategoryRead]:
    children = _children_map(await _rows(shop_id))

    def build(parent: int | None) -> list[CategoryRead]:
        return [CategoryRead(**row, children=build(row["id"])) for row in children.get(parent, [])]

    return build(None)


def _subtree(children: dict[int | None, list[dict[str, Any]]], root: int) -> list[dict[str, Any]]:
    found, stack = [], list(children.get(root, []))
    while stack:
        row = stack.pop()
        found.append(row)
        stack.extend(children.get(row["id"], []))
    return found


async def descendant_ids(shop_id: int, category_id: int) -> list[int]:
    """The category and everything below it (empty when it is not the shop's)."""
    rows = await _rows(shop_id)
    if not any(row["id"] == category_id for row in rows):
        return []
    return [category_id, *(row["id"] for row in _subtree(_children_map(rows), category_id))]


async def _parent(shop_id: int, parent_id: int | None) -> Category | None:
    if parent_id is None:
        return None
    parent = await Category.get_or_none(id=parent_id, shop_id=shop_id)
    if parent is None:
        raise _invalid("parent_id", "上级分类不存在", "unknown parent category")
    return parent


async def create(shop_id: int, name: str, parent_id: int | None, sort: int, icon: str) -> Category:
    async with in_transaction():
        parent = await _parent(shop_id, parent_id)
        depth = parent.depth + 1 if parent else 1
        if depth > MAX_CATEGORY_DEPTH:
            raise _invalid("parent_id", "分类最多三级", f"categories nest at most {MAX_CATEGORY_DEPTH} levels")
        category = await Category.create(shop_id=shop_id, parent=parent, name=name, sort=sort, icon=icon, depth=depth)
        await bump_version(shop_id, ())
    return category


async def update(shop_id: int, category_id: int, changes: dict[str, Any]) -> Category:
    async with in_transaction():
        category = await Category.get_or_none(id=category_id, shop_id=shop_id)
        if category is None:
            raise NotFound()
        if "parent_id" in changes and changes["parent_id"] != category.parent_id:  # type: ignore[attr-defined]
            await _move(shop_id, category, changes["parent_id"])
        for name in ("name", "sort", "icon"):
            if changes.get(name) is not None:
                setattr(category, name, changes[name])
        await category.save()
        await bump_version(shop_id, ())
    return category


async def _move(shop_id: int, category: Category, parent_id: int | None) -> None:
    parent = await _parent(shop_id, parent_id)
    children = _children_map(await _rows(shop_id))
    subtree = _subtree(children, category.id)
    if parent is not None and (parent.id == category.id or parent.id in {row["id"] for row in subtree}):
        raise _invalid("parent_id", "不能移动到自己或下级分类之下", "a category cannot move under itself or its descendants")
    new_depth = parent.depth + 1 if parent else 1
    shift = new_depth - category.depth
    deepest = max([category.depth, *(row["depth"] for row in subtree)])
    if deepest + shift > MAX_CATEGORY_DEPTH:
        raise _invalid("parent_id", "移动后分类会超过三级", f"the move would nest deeper than {MAX_CATEGORY_DEPTH} levels")
    category.parent = parent  # type: ignore[assignment]
    category.depth = new_depth
    for row in subtree:
        await Category.filter(id=row["id"]).update(depth=row["depth"] + shift)


async def delete(shop_id: int, category_id: int) -> None:
    async with in_transaction():
        category = await Category.get_or_none(id=category_id, shop_id=shop_id)
        if category is None:
            raise NotFound()
        if await Category.exists(parent_id=category_id):
            raise Conflict(field="category_id", reason={"zh-CN": "请先删除或移走子分类", "en": "remove or move its subcategories first"})
        await Product.filter(shop_id=shop_id, category_id=category_id).update(category_id=None)
        await category.delete()
        await bump_version(shop_id, ())
