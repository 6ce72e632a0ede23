"""Bulk import of products from a CSV (UTF-8 or GBK, as Excel saves it) or XLSX sheet.

One row per SKU; rows with the same 商品名称 form one product, their 规格 cells
(``颜色:红;尺码:M``) its spec matrix, which must be complete. Each product is created in its
own transaction through ``products.create_product`` (the same rules as the API), so a product
is either fully imported or not at all; every refused row is reported with its row number,
column and reason, and the valid products are kept.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from pydantic import ValidationError

from core.catalog import matrix, products
from core.catalog.models import Category
from core.catalog.schemas import ImportProblem, ImportReport, ImportedProduct, ProductCreate
from core.errors import InvalidInput

MAX_IMPORT_BYTES = 5 * 1024 * 1024
MAX_IMPORT_ROWS = 5000

# canonical column -> accepted headers (lower-cased, spaces and brackets' spacing ignored)
COLUMNS: dict[str, tuple[str, ...]] = {
    "title": ("商品名称", "标题", "title"),
    "subtitle": ("副标题", "subtitle"),
    "category": ("分类", "category"),
    "status": ("状态", "status"),
    "tags": ("标签", "tags"),
    "specs": ("规格", "specs"),
    "price_yuan": ("价格", "价格(元)", "售价", "price", "price_yuan"),
    "price_fen": ("价格(分)", "price_fen"),
    "list_price_yuan": ("划线价", "划线价(元)", "list_price", "list_price_yuan"),
    "list_price_fen": ("划线价(分)", "list_price_fen"),
    "stock": ("库存", "stock"),
    "code": ("sku编码", "编码", "code", "sku_code"),
}
STATUSES = {"草稿": "draft", "在售": "on_sale", "上架": "on_sale", "下架": "off_sale", "draft": "draft",
            "on_sale": "on_sale", "off_sale": "off_sale", "": "draft"}


class RowError(Exception):
    def __init__(self, column: str, zh: str, en: str, row: int | None = None) -> None:
        super().__init__(en)
        self.column, self.message, self.row = column, {"zh-CN": zh, "en": en}, row


@dataclass
class Group:
    title: str
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)


def _header_key(text: str) -> str:
    return re.sub(r"\s+", "", text).replace("（", "(").replace("）", ")").lower()


def _invalid_file(zh: str, en: str) -> InvalidInput:
    return InvalidInput(field="file", reason={"zh-CN": zh, "en": en})


def read_table(data: bytes) -> list[list[str]]:
    """The sheet's cells as text, header row first."""
    if not data:
        raise _invalid_file("文件为空", "the file is empty")
    if len(data) > MAX_IMPORT_BYTES:
        raise _invalid_file("文件过大（最大 5 MB）", "the file is too large (at most 5 MB)")
    if data.startswith(b"PK\x03\x04"):
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
            table = [["" if cell is None else str(cell).strip() for cell in row]
                     for row in sheet.iter_rows(values_only=True, max_row=MAX_IMPORT_ROWS + 2)]
        except Exception as exc:  # openpyxl raises many kinds for a damaged workbook
            raise _invalid_file("无法读取 XLSX 文件", "the XLSX file cannot be read") from exc
    else:
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise _invalid_file("CSV 须为 UTF-8 或 GBK 编码", "the CSV must be UTF-8 or GBK encoded")
        table = [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text))]
    table = [row for row in table if any(row)] if table else []
    if len(table) < 2:
        raise _invalid_file("表格没有数据行", "the sheet has no data rows")
    if len(table) > MAX_IMPORT_ROWS + 1:
        raise _invalid_file(f"最多导入 {MAX_IMPORT_ROWS} 行", f"at most {MAX_IMPORT_ROWS} rows per import")
    return table


def _columns(header: list[str]) -> dict[int, str]:
    aliases = {_header_key(alias): name for name, names in COLUMNS.items() for alias in names}
    found = {index: aliases[_header_key(text)] for index, text in enumerate(header) if _header_key(text) in aliases}
    if "title" not in found.values():
        raise _invalid_file("缺少“商品名称”列", "the sheet has no 商品名称 (title) column")
    return found


def _fen(row: dict[str, str], name: str, label: str) -> int | None:
    if row.get(f"{name}_fen"):
        text = row[f"{name}_fen"]
        if not re.fullmatch(r"\d{1,12}", text):
            raise RowError(label, "金额（分）须为非负整数", "amount in fen must be a whole non-negative number")
        return int(text)
    text = row.get(f"{name}_yuan", "")
    if not text:
        return None
    try:
        yuan = Decimal(text.replace(",", "").lstrip("¥￥"))
    except InvalidOperation:
        raise RowError(label, f"金额格式不正确：{text}", f"not an amount: {text}") from None
    fen = yuan * 100
    if yuan < 0 or fen != fen.to_integral_value() or fen > 10**11:
        raise RowError(label, "金额须为非负数，最多两位小数", "amount must be non-negative with at most two decimals")
    return int(fen)


def _specs(text: str) -> list[tuple[str, str]]:
    pairs = []
    for part in re.split(r"[;；]", text):
        if not part.strip():
            continue
        match = re.fullmatch(r"\s*([^:：]+?)\s*[:：]\s*(.+?)\s*", part)
        if match is None:
            raise RowError("规格", f"规格应写成“颜色:红;尺码:M”：{text}", f"specs must look like 颜色:红;尺码:M, got {text}")
        pairs.append((match.group(1), match.group(2)))
    return pairs


def _group_to_product(group: Group, categories: dict[str, int]) -> ProductCreate:
    first = group.rows[0][1]
    category = first.get("category", "")
    if category and category not in categories:
        raise RowError("分类", f"分类不存在：{category}", f"unknown category: {category}")
    status = STATUSES.get(first.get("status", "").lower())
    if status is None:
        raise RowError("状态", "状态应为 草稿、在售 或 下架", "status must be draft, on_sale or off_sale")
    dimensions: dict[str, list[str]] = {}
    skus = []
    for number, row in group.rows:
        try:
            pairs = _specs(row.get("specs", ""))
            if [name for name, _ in pairs] != list(dimensions or [name for name, _ in pairs]):
                raise RowError("规格", "同一商品各行的规格项须相同且顺序一致", "every row of a product must name the same specs in the same order")
            for name, value in pairs:
                values = dimensions.setdefault(name, [])
                if value not in values:
                    values.append(value)
            stock = row.get("stock", "") or "0"
            if not re.fullmatch(r"\d{1,9}", stock):
                raise RowError("库存", "库存须为非负整数", "stock must be a whole non-negative number")
            price = _fen(row, "price", "价格")
            if price is None:
                raise RowError("价格", "价格为空", "the price is empty")
            skus.append({"spec_values": [value for _, value in pairs], "price_fen": price,
                         "list_price_fen": _fen(row, "list_price", "划线价"), "stock": int(stock),
                         "code": row.get("code") or None})
        except RowError as error:
            error.row = number
            raise
    specs = [{"name": name, "values": values} for name, values in dimensions.items()]
    expected = len(matrix.combinations(specs))
    if len(skus) != expected:
        raise RowError("规格", f"规格组合不完整：应有 {expected} 行，实有 {len(skus)} 行",
                       f"the spec matrix is incomplete: {expected} rows expected, {len(skus)} given")
    tags = [tag for tag in re.split(r"[,，;；|]", first.get("tags", "")) if tag.strip()]
    try:
        return ProductCreate(title=group.title, subtitle=first.get("subtitle", ""), category_id=categories.get(category),
                             status=status, tags=tags, specs=specs, skus=skus)
    except ValidationError as exc:
        problem = exc.errors()[0]
        location = ".".join(str(part) for part in problem["loc"])
        raise RowError(location, f"数据不合法：{location}", f"invalid value: {location} ({problem['msg']})") from None


async def _category_paths(shop_id: int) -> dict[str, int]:
    rows = await Category.filter(shop_id=shop_id).values_list("id", "parent_id", "name")
    by_id = {row[0]: row for row in rows}
    paths = {}
    for category_id, _, _ in rows:
        names, current = [], by_id.get(category_id)
        while current is not None:
            names.append(current[2])
            current = by_id.get(current[1]) if current[1] else None
        paths["/".join(reversed(names))] = category_id
        paths.setdefault(names[0], category_id)  # a leaf name alone, when unambiguous enough
    return paths


def _row_of(field_path: str | None, group: Group) -> tuple[int, str]:
    match = re.match(r"skus\[(\d+)\]\.?(.*)", field_path or "")
    if match and int(match.group(1)) < len(group.rows):
        return group.rows[int(match.group(1))][0], match.group(2) or "skus"
    return group.rows[0][0], field_path or ""


async def import_products(shop_id: int, data: bytes, locale: str) -> ImportReport:
    table = read_table(data)
    columns = _columns(table[0])
    groups: dict[str, Group] = {}
    problems: list[ImportProblem] = []
    for number, cells in enumerate(table[1:], start=2):
        row = {name: cells[index] if index < len(cells) else "" for index, name in columns.items()}
        if not row.get("title"):
            problems.append(ImportProblem(row=number, column="商品名称", message={"zh-CN": "商品名称为空", "en": "the title is empty"}[locale]))
            continue
        groups.setdefault(row["title"], Group(row["title"])).rows.append((number, row))
    categories = await _category_paths(shop_id)
    created = []
    for group in groups.values():
        try:
            product = await products.create_product(shop_id, _group_to_product(group, categories))
            created.append(ImportedProduct(row=group.rows[0][0], product_id=product.id, title=product.title))
        except RowError as error:
            problems.append(ImportProblem(row=error.row or group.rows[0][0], column=error.column, message=error.message[locale]))
        except InvalidInput as error:
            row, column = _row_of(error.field, group)
            problems.append(ImportProblem(row=row, column=column, message=error.message(locale)))
    problems.sort(key=lambda problem: problem.row)
    return ImportReport(created=len(created), products=created, errors=problems)


def import_template() -> str:
    """A CSV a merchant can fill in: the header and two rows of one product."""
    return ("商品名称,分类,状态,标签,规格,价格(元),划线价(元),库存,SKU编码\n"
            "纯棉T恤,服装/上衣,在售,新品;热卖,颜色:白;尺码:M,59.90,79.00,100,TS-W-M\n"
            "纯棉T恤,服装/上衣,在售,新品;热卖,颜色:白;尺码:L,59.90,79.00,80,TS-W-L\n")
