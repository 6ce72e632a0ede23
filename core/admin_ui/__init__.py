"""The merchant admin web app (Vue 3 + Element Plus, sources in ``admin/``), served at ``/admin``.

``make admin`` builds the front end into ``core/admin_ui/static`` (so it ships inside the Python
package). The app itself is a static single-page app with hash routing: it talks only to the
documented ``/api/admin`` routes with a Bearer token, so these routes need no authentication.
When the build is missing, ``/admin`` answers a page that says how to produce it.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path

from litestar import Response, get
from litestar.params import FromPath

from core.auth import SKIP_AUTH

STATIC_DIR = Path(__file__).parent / "static"

# Hashed file names under assets/ never change content; index.html must always be revalidated.
_IMMUTABLE = "public, max-age=31536000, immutable"
_REVALIDATE = "no-cache"
_SECURITY_HEADERS = {"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY", "Referrer-Policy": "same-origin"}

NOT_BUILT_PAGE = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>kaidian admin — not built</title>
<style>body{font:16px/1.6 system-ui,sans-serif;max-width:40em;margin:4em auto;padding:0 1em;color:#303133}
code,pre{background:#f4f4f5;padding:.1em .3em;border-radius:4px}</style></head>
<body><h1>管理后台尚未构建 · The admin app is not built</h1>
<p>kaidian serves the merchant admin from <code>core/admin_ui/static</code>, which is produced
from the sources in <code>admin/</code> with Node.js 20 and npm. From the repository root run:</p>
<pre>make admin</pre>
<p>(equivalent to <code>cd admin &amp;&amp; npm ci &amp;&amp; npm run build</code>; <code>make demo</code> and
<code>make test</code> do it for you), then reload this page.</p>
<p>Installed from a wheel? That wheel was built without the admin. Build one that carries it
from the repository with</p>
<pre>make wheel</pre>
<p>(the admin first, then <code>pip wheel . --no-deps -w dist/</code>) and install
<code>dist/kaidian-*.whl</code>.</p></body></html>
"""


def _resolve(relative: str) -> Path | None:
    """The built file for ``relative``, or None; never a path outside the build directory."""
    root = STATIC_DIR.resolve()
    candidate = (root / relative.lstrip("/")).resolve()
    if candidate != root and root not in candidate.parents:
        return None
    return candidate if candidate.is_file() else None


def _index() -> Response[bytes]:
    index = STATIC_DIR / "index.html"
    if not index.is_file():
        return Response(
            NOT_BUILT_PAGE.encode(),
            status_code=503,
            media_type="text/html; charset=utf-8",
            headers={"Cache-Control": _REVALIDATE, **_SECURITY_HEADERS},
        )
    return Response(
        index.read_bytes(),
        media_type="text/html; charset=utf-8",
        headers={"Cache-Control": _REVALIDATE, **_SECURITY_HEADERS},
    )


@get("/admin", include_in_schema=False, opt={SKIP_AUTH: True}, sync_to_thread=False)
def admin_index() -> Response[bytes]:
    return _index()


@get("/admin/{path:path}", include_in_schema=False, opt={SKIP_AUTH: True}, sync_to_thread=False)
def admin_app(path: FromPath[str]) -> Response[bytes]:
    """Built assets by path; anything else gets index.html (the app routes with #/...)."""
    if path.strip("/") in ("", "index.html"):
        return _index()
    found = _resolve(path)
    if found is None:
        if path.startswith("/assets/"):
            return Response(b"not found", status_code=404, media_type="text/plain", headers=_SECURITY_HEADERS)
        return _index()
    media_type = mimetypes.guess_type(found.name)[0] or "application/octet-stream"
    cache = _IMMUTABLE if path.startswith("/assets/") else _REVALIDATE
    return Response(found.read_bytes(), media_type=media_type, headers={"Cache-Control": cache, **_SECURITY_HEADERS})
