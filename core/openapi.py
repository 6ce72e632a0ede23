"""Helpers so every operation documents its problem responses the same way."""

from __future__ import annotations

from litestar.openapi.datastructures import ResponseSpec

from core.errors import Problem

_DESCRIPTIONS = {
    400: "Malformed request (problem object)",
    401: "Missing, invalid or expired token (problem object)",
    403: "The token's role may not do this (problem object)",
    404: "Not found in the caller's shop (problem object)",
    409: "Conflicts with the current state (problem object)",
    410: "Gone: a one-time link already used or expired (problem object)",
    413: "Request body too large (problem object)",
    422: "Invalid input; `field` names the offending field (problem object)",
    429: "Too many attempts in a short time; retry later (problem object)",
    502: "The payment provider refused the call or answered unusably; the message names it (problem object)",
    503: "A dependency (e.g. the payment provider, named in the message) is unavailable; retry later, see Retry-After (problem object)",
}


def problems(*status_codes: int) -> dict[int, ResponseSpec]:
    """``responses=`` for a handler: 400/413/422 always, plus the given codes."""
    codes = sorted({400, 413, 422, *status_codes})
    return {
        code: ResponseSpec(data_container=Problem, description=_DESCRIPTIONS[code]) for code in codes
    }


AUTHED = (401, 403, 404)
