"""A throw-away database per test session, derived from ``KAIDIAN_DATABASE_URL``.

SQLite (default): a file in a temporary folder. MySQL/MariaDB and PostgreSQL: a new database
``kaidian_test_<random>`` on the server the URL names, dropped at the end.
"""

from __future__ import annotations

import asyncio
import os
import tempfile
import uuid
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from tortoise import Tortoise

from core.db import upgrade


def derive_test_database_url(base_url: str | None) -> str:
    name = f"kaidian_test_{uuid.uuid4().hex[:10]}"
    if not base_url or base_url.startswith("sqlite"):
        folder = Path(tempfile.mkdtemp(prefix="kaidian-test-"))
        return f"sqlite://{folder / name}.sqlite3"
    parts = urlsplit(base_url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def create_test_database(config: dict[str, Any]) -> None:
    asyncio.run(upgrade(config, create_db=True))


def drop_test_database(config: dict[str, Any], url: str) -> None:
    if url.startswith("sqlite"):
        path = Path(url.split("://", 1)[1])
        for candidate in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            candidate.unlink(missing_ok=True)
        try:
            path.parent.rmdir()
        except OSError:
            pass
        return

    async def drop() -> None:
        await Tortoise.init(config=config)
        await Tortoise._drop_databases()

    asyncio.run(drop())


def base_database_url() -> str | None:
    return os.environ.get("KAIDIAN_DATABASE_URL") or None
