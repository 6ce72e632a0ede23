"""Where uploaded media bytes live, behind a four-method interface.

``LocalMediaStorage`` (the default) writes under ``Settings.media_dir`` and this app serves
the files at ``/media/<key>`` (``MediaFileController``). Keys are ``<shop_id>/<32 hex>[.suffix].<ext>``:
random, so a URL is unguessable, and prefixed by shop, so a bucket policy or a clean-up can
work per shop.

An S3-compatible store (S3, OSS, COS, MinIO, R2) fits the same interface: ``save`` is a
``PutObject`` with ``Content-Type`` and a long ``Cache-Control`` (keys never change
content), ``delete`` a ``DeleteObject``, ``url`` the bucket's public or CDN URL for the key,
and ``local_path`` returns None (nothing to serve here). Assign the instance to
``app.state.media_storage`` right after ``create_app()`` and point ``KAIDIAN_MEDIA_BASE_URL``
at the CDN. Product pages keep the URLs given at attach time, so move objects before
changing the base URL.
"""

from __future__ import annotations

import asyncio
import os
import re
import uuid
from pathlib import Path
from typing import Any, Protocol

KEY_PATTERN = re.compile(r"^[0-9]+/[0-9a-f]{32}(\.[a-z]+)?\.[a-z0-9]{2,5}$")


class MediaStorage(Protocol):
    async def save(self, key: str, data: bytes, content_type: str) -> None:
        """Store ``data`` under ``key`` (overwriting)."""

    async def delete(self, key: str) -> None:
        """Remove ``key``; a missing key is not an error."""

    def url(self, key: str) -> str:
        """The public URL customers load ``key`` from."""

    def local_path(self, key: str) -> Path | None:
        """The file to serve for ``key`` from this app, or None when the store serves itself."""


def new_key(shop_id: int, extension: str) -> str:
    """A fresh storage key; derivatives add a suffix to it with ``derived_key``."""
    return f"{shop_id}/{uuid.uuid4().hex}.{extension}"


def derived_key(key: str, suffix: str, extension: str) -> str:
    """``1/abc.jpg`` → ``1/abc.thumb.webp``."""
    stem = key.split(".", 1)[0]
    return f"{stem}.{suffix}.{extension}" if suffix else f"{stem}.{extension}"


class LocalMediaStorage:
    """Files under ``root``, published at ``base_url`` (this app's ``/media`` by default)."""

    def __init__(self, root: str | Path, base_url: str) -> None:
        self.root = Path(root).resolve()
        self.base_url = base_url.rstrip("/")

    def _path(self, key: str) -> Path:
        if not KEY_PATTERN.match(key):
            raise ValueError(f"not a media key: {key!r}")
        return self.root / key

    async def save(self, key: str, data: bytes, content_type: str) -> None:
        path = self._path(key)

        def write() -> None:
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.part")
            temporary.write_bytes(data)
            os.replace(temporary, path)  # readers never see half a file

        await asyncio.to_thread(write)

    async def delete(self, key: str) -> None:
        path = self._path(key)
        await asyncio.to_thread(path.unlink, missing_ok=True)

    def url(self, key: str) -> str:
        return f"{self.base_url}/{key}"

    def local_path(self, key: str) -> Path | None:
        if not KEY_PATTERN.match(key):
            return None
        path = self.root / key
        return path if path.is_file() else None


def media_base_url(settings: Any) -> str:
    """Where the shop's media are published: the configured CDN or this app's ``/media``."""
    return (settings.media_base_url or f"{settings.public_base_url.rstrip('/')}/media").rstrip("/")


def media_storage(app: Any) -> MediaStorage:
    """The app's media store, built on first use from the settings (local by default)."""
    storage = app.state.get("media_storage")
    if storage is None:
        settings = app.state.settings
        storage = LocalMediaStorage(settings.media_dir, media_base_url(settings))
        app.state.media_storage = storage
    return storage
