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
