"""Every operation in the OpenAPI document has a unique operationId, tags and documented 4xx answers."""

from __future__ import annotations

import pytest

from core.app import create_app
from core.settings import Settings

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


@pytest.fixture(scope="module")
def operations(tmp_path_factory) -> list[tuple[str, str, object]]:
    database = tmp_path_factory.mktemp("openapi") / "db.sqlite3"
    app = create_app(Settings(database_url=f"sqlite://{database}", run_jobs=False))
    found = []
    for path, item in (app.openapi_schema.paths or {}).items():
        for method in METHODS:
            operation = getattr(item, method, None)
            if operation is not None:
                found.append((method.upper(), path, operation))
    return found


def test_the_schema_has_operations(operations):
    paths = {path for _, path, _ in operations}
    assert {"/healthz", "/readyz", "/api/plugins"} <= paths


def test_operation_ids_are_present_and_unique(operations):
    missing = [f"{method} {path}" for method, path, operation in operations if not operation.operation_id]
    assert not missing, f"operations without operation_id: {missing}"
    seen: dict[str, str] = {}
    for method, path, operation in operations:
        other = seen.setdefault(operation.operation_id, f"{method} {path}")
        assert other == f"{method} {path}", f"operation_id {operation.operation_id!r} used by {other} and {method} {path}"


def test_every_operation_has_tags(operations):
    untagged = [f"{method} {path}" for method, path, operation in operations if not operation.tags]
    assert not untagged, f"operations without tags: {untagged}"


def test_every_operation_documents_a_4xx_problem(operations):
    undocumented = [
        f"{method} {path}"
        for method, path, operation in operations
        if not any(str(code).startswith("4") for code in (operation.responses or {}))
    ]
    assert not undocumented, f"operations without a documented 4xx response: {undocumented}"



def test_every_operation_is_described(operations):
    undescribed = [f"{method} {path}" for method, path, operation in operations if not operation.description]
    assert not undescribed, f"operations without a docstring description: {undescribed}"


def _properties(node, trail=""):
    """Every property schema in the document, with where it sits."""
    if isinstance(node, dict):
        for name, value in (node.get("properties") or {}).items():
            yield f"{trail}.{name}", value
        for key, value in node.items():
            yield from _properties(value, f"{trail}.{key}" if key not in ("properties",) else trail)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _properties(value, f"{trail}[{index}]")


def test_object_fields_are_objects_in_the_schema(tmp_path):
    """A dict field is documented as an object: a length constraint on a dict once turned
    ``ActivitySkuWrite.prices_fen`` into an array of strings or integers."""
    app = create_app(Settings(database_url=f"sqlite://{tmp_path / 'db.sqlite3'}", run_jobs=False))
    document = app.openapi_schema.to_schema()
    prices = document["components"]["schemas"]["ActivitySkuWrite"]["properties"]["prices_fen"]
    assert (prices["type"], prices["additionalProperties"]) == ("object", {"type": "integer"})
    garbled = [where for where, schema in _properties(document) if schema.get("type") == "array" and ({"minLength", "maxLength"} & set(schema))]
    assert not garbled, f"array properties with string length keywords (a dict or set mistranslated?): {garbled}"


@pytest.fixture(scope="module")
def document(tmp_path_factory) -> dict:
    database = tmp_path_factory.mktemp("openapi-document") / "db.sqlite3"
    return create_app(Settings(database_url=f"sqlite://{database}", run_jobs=False)).openapi_schema.to_schema()


def test_every_model_is_documented(document):
    """Every pydantic body and answer has its schema: a schema plugin that stands in for
    Litestar's pydantic one once left every open model (answers, most bodies) as ``{}``, so the
    contract test checked no answer. Only handlers answering a raw ``Response`` stay ``{}``."""
    untyped = set()
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method not in METHODS:
                continue
            bodies = [("request", (operation.get("requestBody") or {}).get("content", {}))]
            bodies += [(code, answer.get("content", {})) for code, answer in operation["responses"].items()]
            untyped |= {f"{method.upper()} {path} {where}" for where, content in bodies if (content.get("application/json") or {}).get("schema") == {}}
    raw_responses = {
        "GET /api/admin/community_group/batches/{batch_id}/picking-list 200",  # JSON, CSV or XLSX
        "POST /api/pay/notify/{shop_id}/{method} 200",  # the payment provider's own answer format
        "POST /api/pay/notify/refund/{shop_id}/{method} 200",
        "GET /h5-preview/{shop_id}/{token}/{path} 200",  # files of a built H5 app
        "GET /media/{key} 200",  # stored media files
    }
    assert untyped == raw_responses
    schemas = document["components"]["schemas"]
    assert "additionalProperties" not in schemas["OrderRead"]  # answers are open, bodies closed
    assert schemas["OrderRead"]["properties"]["total_fen"]["type"] == "integer"


def test_integer_query_parameters_state_their_bounds(document):
    """The app refuses an integer query value beyond what a column holds (422): the document says
    so, or the contract test's valid values (up to 2**63) are refused."""
    unbounded = []
    for path, item in document["paths"].items():
        for method, operation in item.items():
            for parameter in operation.get("parameters", []) if method in METHODS else ():
                if parameter["in"] != "query":  # a path id out of range names nothing: 404
                    continue
                schema = parameter["schema"]
                integers = [variant for variant in (schema, *schema.get("oneOf", [])) if variant.get("type") == "integer"]
                items = schema.get("items") or {}
                if any("maximum" not in {**schema, **variant} for variant in integers) or (items.get("type") == "integer" and "maximum" not in items):
                    unbounded.append(f"{method.upper()} {path} {parameter['name']}")
    assert not unbounded
