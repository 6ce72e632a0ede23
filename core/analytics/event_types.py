"""Event types: core's own and those plugins register through ``kaidian_register_event_types``.

Each type carries a JSON Schema for its ``props``. Schemas are closed (no additional
properties) and strings are bounded, so an event can hold nothing beyond what its type names:
no free text where a phone number, a name or an address could hide.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import jsonschema_rs
from jsonschema import Draft202012Validator
from jsonschema.exceptions import SchemaError

EVENT_TYPE_NAME = re.compile(r"^[a-z][a-z0-9_.]{0,39}$")
ID_INT = {"type": "integer", "minimum": 1, "maximum": 2**31 - 1}
FEN = {"type": "integer", "minimum": 0, "maximum": 2**53}
COMPONENT = {"type": "string", "pattern": r"^[A-Za-z0-9_.-]{1,64}$"}


def _closed(properties: dict[str, Any], required: tuple[str, ...] = ()) -> dict[str, Any]:
    return {"type": "object", "properties": properties, "required": list(required), "additionalProperties": False}


# (name, props schema, zh-CN title, en title, sent by clients)
CORE_EVENT_TYPES: tuple[tuple[str, dict[str, Any], str, str, bool], ...] = (
    ("page_view", _closed({}), "浏览页面", "Page view", True),
    ("block_exposure", _closed({"component": COMPONENT}, ("component",)), "模块曝光", "Block exposure", True),
    (
        "block_click",
        _closed({"component": COMPONENT, "target": {"type": "string", "maxLength": 200, "pattern": r"^[^\s]*$"}}, ("component",)),
        "模块点击",
        "Block click",
        True,
    ),
    ("search", _closed({"keyword": {"type": "string", "minLength": 1, "maxLength": 50}}, ("keyword",)), "搜索", "Search", True),
    (
        "add_to_cart",
        _closed({"product_id": ID_INT, "sku_id": ID_INT, "quantity": {"type": "integer", "minimum": 1, "maximum": 9999}}, ("product_id", "sku_id", "quantity")),
        "加入购物车",
        "Add to cart",
        True,
    ),
    ("checkout_start", _closed({}), "开始结算", "Checkout started", True),
    ("share", _closed({"product_id": ID_INT}), "分享", "Share", True),
    ("order_placed", _closed({"order_id": ID_INT, "total_fen": FEN}, ("order_id", "total_fen")), "下单", "Order placed", False),
    ("order_paid", _closed({"order_id": ID_INT, "amount_fen": FEN}, ("order_id", "amount_fen")), "支付成功", "Order paid", False),
    ("refund", _closed({"order_id": ID_INT, "refund_id": ID_INT, "amount_fen": FEN}, ("order_id", "refund_id", "amount_fen")), "退款", "Refund", False),
)


@dataclass(frozen=True)
class EventType:
    name: str
    schema: dict[str, Any]
    title: dict[str, str]
    plugin: str
    client: bool = True
    validator: Any = field(default=None, compare=False, repr=False)


class EventTypeRegistry:
    """Every event type by name; ``add`` refuses bad names, bad schemas and clashes."""

    def __init__(self) -> None:
        self.types: dict[str, EventType] = {}

    def add(self, name: Any, schema: Any, title: Any, plugin: str, *, client: bool = True) -> None:
        if not isinstance(name, str) or not EVENT_TYPE_NAME.match(name):
            raise ValueError(
                f"plugin {plugin!r} registered the event type name {name!r}; use lower-case letters, digits, _ and . "
                "(starting with a letter, at most 40)"
            )
        if name in self.types:
            raise ValueError(f"event type {name!r} from plugin {plugin!r} clashes with plugin {self.types[name].plugin!r}")
        if not isinstance(title, dict) or {"zh-CN", "en"} - title.keys():
            raise ValueError(f"event type {name!r} from plugin {plugin!r}: title needs zh-CN and en")
        if not isinstance(schema, dict) or schema.get("type") != "object":
            raise ValueError(f"event type {name!r} from plugin {plugin!r}: schema must be a JSON Schema of type object")
        try:
            Draft202012Validator.check_schema(schema)
        except SchemaError as error:
            raise ValueError(f"event type {name!r} from plugin {plugin!r}: invalid schema: {error.message}") from None
        # Plugin types are closed like core's: props hold only what the schema names.
        schema = {"additionalProperties": False, **schema}
        self.types[name] = EventType(name, schema, dict(title), plugin, bool(client), jsonschema_rs.validator_for(schema))

    def get(self, name: str) -> EventType | None:
        return self.types.get(name)

    def ordered(self) -> list[EventType]:
        core = [event_type for event_type in self.types.values() if event_type.plugin == "core"]
        others = sorted((event_type for event_type in self.types.values() if event_type.plugin != "core"), key=lambda t: (t.plugin, t.name))
        return core + others


def register_core_event_types(register: Any) -> None:
    for name, schema, zh, en, client in CORE_EVENT_TYPES:
        register(name, schema, {"zh-CN": zh, "en": en}, client=client)
