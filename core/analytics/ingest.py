"""Checking a batch of client events one by one: each invalid event is refused with its field
and reason, the valid ones become ``EventRecord``s for the store.

No personal data: every type's props schema is closed and bounded, ids and routes are
identifiers, and a string prop that looks like a phone or ID-card number (7+ digits in a row)
is refused — search keywords are the only free text and they are capped at 50 characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import jsonschema_rs

from core import clock
from core.analytics.event_types import EventTypeRegistry
from core.analytics.store import EventRecord

MAX_EVENTS = 50
MAX_BODY_BYTES = 64 * 1024
# Further than this from the server's clock, a client's time is its clock's fault: use ours.
MAX_CLOCK_SKEW = timedelta(hours=24)
CLIENT_ID = r"^[A-Za-z0-9_-]{8,64}$"
ROUTE = r"^[A-Za-z0-9_./-]{1,200}$"
DIGIT_RUN = re.compile(r"\d[\d\s-]{5,}\d")

ENVELOPE = jsonschema_rs.validator_for(
    {
        "type": "object",
        "additionalProperties": False,
        "required": ["id", "type", "session_id", "route", "client_time"],
        "properties": {
            "id": {"type": "string", "pattern": CLIENT_ID},
            "type": {"type": "string", "maxLength": 40},
            "session_id": {"type": "string", "pattern": CLIENT_ID},
            "route": {"type": "string", "pattern": ROUTE},
            "from_route": {"type": ["string", "null"], "pattern": ROUTE},
            "block_id": {"type": ["string", "null"], "pattern": r"^[A-Za-z0-9_./-]{1,100}$"},
            "experiments": {
                "type": "object",
                "maxProperties": 20,
                "propertyNames": {"pattern": r"^[A-Za-z0-9_.-]{1,40}$"},
                "additionalProperties": {"type": "string", "pattern": r"^[A-Za-z0-9_.-]{1,40}$"},
            },
            "client_time": {"type": "string", "maxLength": 40},
            "props": {"type": "object"},
        },
    }
)
BLOCK_TYPES = ("block_exposure", "block_click")


@dataclass(frozen=True)
class Refusal:
    index: int
    id: str | None
    field: str
    reason: str


class EventRefused(ValueError):
    def __init__(self, field: str, reason: str) -> None:
        super().__init__(reason)
        self.field = field
        self.reason = reason


def _schema_problem(validator: Any, value: Any, prefix: str) -> EventRefused | None:
    if validator.is_valid(value):  # the common case, without building error objects
        return None
    error = min(validator.iter_errors(value), key=lambda error: [str(part) for part in error.instance_path])
    path = [str(part) for part in error.instance_path]
    kind = type(error.kind).__name__
    if kind == "Required":
        path += re.findall(r'"([^"]+)" is a required property', error.message)[:1]
    elif kind == "AdditionalProperties":
        path += re.findall(r"'([^']+)'", error.message)[:1]
        return EventRefused(".".join([prefix, *path] if prefix else path), "unknown field")
    return EventRefused(".".join([prefix, *path] if prefix else path), error.message[:200])


def parse_client_time(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise EventRefused("client_time", "not an ISO 8601 time") from None
    if moment.tzinfo is None:
        raise EventRefused("client_time", "needs a time zone (e.g. Z)")
    return moment.astimezone(UTC)


def _refuse_digit_runs(props: dict[str, Any]) -> None:
    for key, value in props.items():
        if isinstance(value, str) and DIGIT_RUN.search(value):
            raise EventRefused(f"props.{key}", "looks like a phone or ID number; events carry no personal data")


def check_event(
    raw: Any, *, types: EventTypeRegistry, shop_id: int, device_id: str, customer_id: int | None, now: datetime, zone: ZoneInfo
) -> EventRecord:
    """One client event as a record, or ``EventRefused`` naming the field and why."""
    problem = _schema_problem(ENVELOPE, raw, "")
    if problem:
        raise problem
    event_type = types.get(raw["type"])
    if event_type is None:
        raise EventRefused("type", f"unknown event type {raw['type']!r}")
    if not event_type.client:
        raise EventRefused("type", f"{raw['type']} is written by the server only")
    props = raw.get("props") or {}
    problem = _schema_problem(event_type.validator, props, "props")
    if problem:
        raise problem
    _refuse_digit_runs(props)
    block_id = raw.get("block_id")
    if raw["type"] in BLOCK_TYPES and not block_id:
        raise EventRefused("block_id", f"{raw['type']} needs the block's id")
    client_time = parse_client_time(raw["client_time"])
    event_time = client_time if abs(client_time - now) <= MAX_CLOCK_SKEW else now
    return EventRecord(
        shop_id=shop_id, event_id=raw["id"], type=raw["type"], device_id=device_id, customer_id=customer_id,
        session_id=raw["session_id"], route=raw["route"], from_route=raw.get("from_route"), block_id=block_id,
        experiments=dict(raw.get("experiments") or {}), props=props, client_time=client_time, server_time=now,
        ts_ms=epoch_ms(event_time), day=event_time.astimezone(zone).date(),
    )


def epoch_ms(moment: datetime) -> int:
    return int(moment.timestamp() * 1000)


def check_batch(
    events: list[Any], *, types: EventTypeRegistry, shop_id: int, device_id: str, customer_id: int | None, zone: ZoneInfo,
    now: datetime | None = None,
) -> tuple[list[EventRecord], list[Refusal], int]:
    """(valid records, refusals, duplicates within the batch itself)."""
    now = now or clock.now()
    records: list[EventRecord] = []
    refusals: list[Refusal] = []
    seen: set[str] = set()
    repeats = 0
    for index, raw in enumerate(events):
        try:
            record = check_event(raw, types=types, shop_id=shop_id, device_id=device_id, customer_id=customer_id, now=now, zone=zone)
        except EventRefused as refused:
            event_id = raw.get("id") if isinstance(raw, dict) and isinstance(raw.get("id"), str) else None
            refusals.append(Refusal(index, event_id[:64] if event_id else None, refused.field or "events", refused.reason))
            continue
        if record.event_id in seen:
            repeats += 1
            continue
        seen.add(record.event_id)
        records.append(record)
    return records, refusals, repeats
