"""Keep personal data out of ``kaidian serve``'s access log: query values of parameters that
carry it (a customer search by phone, e-mail look-ups, tokens) are masked before the line is
written. Used as a logging filter on uvicorn's access logger (``serve_log_config``)."""

from __future__ import annotations

import copy
import logging
from typing import Any
from urllib.parse import parse_qsl, quote, urlsplit

from core.security.crypto import mask_phone

# A parameter is masked when its name contains one of these (case-insensitive).
PII_PARAMETER_PARTS = ("phone", "mobile", "tel", "email", "name", "address", "id_card", "token", "code", "secret", "password")


def mask_query(path: str) -> str:
    """``/api/admin/customers?phone=13812345678&limit=5`` → ``…?phone=138****5678&limit=5``."""
    parts = urlsplit(path)
    if not parts.query:
        return path
    pairs = []
    for key, value in parse_qsl(parts.query, keep_blank_values=True):
        lowered = key.lower()
        if any(part in lowered for part in PII_PARAMETER_PARTS):
            value = (mask_phone(value) if "phone" in lowered or "mobile" in lowered or "tel" in lowered else "***") if value else value
        pairs.append(f"{quote(key, safe='')}={quote(value or '', safe='*')}")
    return f"{parts.path}?{'&'.join(pairs)}"


class MaskPersonalQueryValues(logging.Filter):
    """For uvicorn's access records, whose ``args`` are (client, method, path, http version, status)."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) == 5 and isinstance(args[2], str):
            record.args = (args[0], args[1], mask_query(args[2]), args[3], args[4])
        return True


def serve_log_config() -> dict[str, Any]:
    """uvicorn's default logging, with the access log masked (every worker process applies it)."""
    from uvicorn.config import LOGGING_CONFIG

    config = copy.deepcopy(LOGGING_CONFIG)
    config.setdefault("filters", {})["mask_personal_data"] = {"()": f"{__name__}.MaskPersonalQueryValues"}
    config["handlers"]["access"]["filters"] = ["mask_personal_data"]
    return config
