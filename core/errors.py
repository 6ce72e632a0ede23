"""One exception hierarchy for the whole app, rendered as problem responses.

Every error reaches the client as ``{"code", "message", "field"}`` with the message in the
caller's language (Accept-Language: zh-CN by default, en available).
"""

from __future__ import annotations

import logging
import re
from typing import Any

from litestar import MediaType, Request, Response
from litestar.exceptions import (
    HTTPException,
    MethodNotAllowedException,
    NotAuthorizedException,
    NotFoundException,
    PermissionDeniedException,
    ValidationException,
)
from litestar.exceptions.base_exceptions import SerializationException
from litestar.status_codes import HTTP_500_INTERNAL_SERVER_ERROR
from pydantic import BaseModel

from core.i18n import negotiate_locale

logger = logging.getLogger("kaidian.errors")

# code -> (zh-CN, en). Messages may use str.format fields filled from ``KaidianError.params``.
# ``code:variant`` entries word one code more precisely (``KaidianError(code, variant=…)``):
# the client still sees the code alone.
MESSAGES: dict[str, tuple[str, str]] = {
    "bad_request": ("请求格式不正确", "The request is malformed"),
    "invalid_json": ("请求体不是合法的 JSON", "The request body is not valid JSON"),
    "validation_failed": ("{reason}", "{reason}"),
    "unknown_field": ("不允许的字段", "This field is not allowed"),
    "missing_field": ("缺少必填字段", "This field is required"),
    "body_too_large": ("请求体过大", "The request body is too large"),
    "not_authenticated": ("请先登录", "Authentication is required"),
    "token_invalid": ("登录凭证无效", "The access token is invalid"),
    "token_expired": ("登录已过期，请重新登录", "The access token has expired"),
    "permission_denied": ("没有权限执行此操作", "You are not allowed to do this"),
    "not_found": ("资源不存在", "Not found"),
    "not_found:order": ("订单不存在或不是你的订单", "No such order of yours in this shop"),
    "method_not_allowed": ("不支持的请求方法", "Method not allowed"),
    "conflict": ("{reason}", "{reason}"),
    "login_failed": ("账号或密码错误", "Wrong email or password"),
    "plugin_disabled": ("插件未启用", "This plugin is not enabled for the shop"),
    "unknown_plugin": ("没有名为 {plugin} 的插件接受结算参数", "No plugin named {plugin} takes a part of the checkout"),
    "plugin_settings_invalid": ("插件设置不合法：{reason}", "Invalid plugin settings: {reason}"),
    "pricing_unavailable": (
        "价格计算暂时不可用，请稍后重试",
        "Pricing is temporarily unavailable; please retry",
    ),
    "out_of_stock": ("商品库存不足（SKU {sku_id}）", "Not enough stock for SKU {sku_id}"),
    "out_of_stock:sold_out": ("商品已售罄（SKU {sku_id}）", "SKU {sku_id} is sold out"),
    "stock_changed": (
        "库存已变化（下单或其他编辑），现为 {stock}：请刷新后再改（SKU {sku_id}）",
        "The stock changed since you read it (orders or another edit); it is now {stock}: reload before setting it (SKU {sku_id})",
    ),
    "sku_unavailable": ("商品规格不存在或未上架（SKU {sku_id}）", "SKU {sku_id} does not exist or is not on sale"),
    "internal_error": ("服务器内部错误", "Internal server error"),
    "service_unavailable": ("服务暂不可用", "Service unavailable"),
    "rate_limited": ("操作太频繁，请稍后再试", "Too many attempts; please try again later"),
    "unknown_reference": ("本店没有编号为 {record_id} 的记录", "There is no record {record_id} in this shop"),
    "unknown_template_shop": ("本服务商没有编号为 {record_id} 的模板店铺", "Your agency has no shop {record_id} to use as a template"),
    "agency_only": ("仅服务商员工可以使用服务商后台", "Only agency staff may use the agency console"),
    "invitation_gone": ("邀请链接已使用或已过期", "This invitation link was used or has expired"),
    "login_locked": (
        "登录失败次数过多，请 {minutes} 分钟后再试",
        "Too many failed logins; try again in {minutes} minutes",
    ),
    "login_unavailable": (
        "本店尚未配置微信登录（需要小程序 AppID 和 AppSecret），暂时无法登录",
        "Customer login is not configured for this shop (it needs a mini-program AppID and AppSecret)",
    ),
    "payment_unavailable": (
        "本店尚未开通在线支付（需要配置微信支付商户号），暂时无法付款",
        "This shop cannot take payments yet: no payment provider (e.g. a WeChat Pay merchant account) is configured",
    ),
    "sandbox_refused": ("{reason}", "{reason}"),
    "agency_managed": (
        "代运营机构的员工由机构管理，店主不能移除或调整其角色",
        "Agency staff are managed by the agency: a shop owner cannot remove them or change their role",
    ),
    "payment_provider_unavailable": (
        "{provider}暂时无法连接，请稍后重试",
        "{provider} cannot be reached right now; please try again in a moment",
    ),
    "payment_provider_failed": (
        "{provider}未能处理本次请求，请稍后重试；如仍失败请联系商家",
        "{provider} could not handle the request; please try again later, or contact the shop if it keeps failing",
    ),
    "plugin_owner_only": (
        "只有店主可以{action_zh}",
        "Only the shop owner may {action_en}",
    ),
}


class Problem(BaseModel):
    """The body of every error response."""

    code: str
    message: str
    field: str | None = None
    errors: list[dict[str, Any]] | None = None


class KaidianError(Exception):
    """Base of every error we raise on purpose. Subclasses fix the status and default code."""

    status_code = 400
    code = "bad_request"

    def __init__(
        self,
        code: str | None = None,
        *,
        field: str | None = None,
        errors: list[dict[str, Any]] | None = None,
        **params: Any,
    ) -> None:
        self.code = code or self.code
        self.field = field
        self.errors = errors
        self.params = params
        self.headers: dict[str, str] = {}  # extra response headers, e.g. Retry-After
        super().__init__(f"{self.code} field={field} {params}")

    def message(self, locale: str) -> str:
        variant = self.params.get("variant")
        zh, en = MESSAGES.get(f"{self.code}:{variant}") or MESSAGES.get(self.code, MESSAGES["bad_request"])
        template = en if locale == "en" else zh
        params = dict(self.params)
        for key, value in self.params.items():  # texts may come as {"zh-CN": …, "en": …}
            if isinstance(value, dict) and (key == "reason" or "zh-CN" in value):
                params[key] = value.get(locale) or value.get("zh-CN", "")
        try:
            return template.format(**params)
        except (KeyError, IndexError):
            return template


class BadRequest(KaidianError):
    status_code = 400


class InvalidInput(KaidianError):
    status_code = 422
    code = "validation_failed"


class NotAuthenticated(KaidianError):
    status_code = 401
    code = "not_authenticated"


class PermissionDenied(KaidianError):
    status_code = 403
    code = "permission_denied"


class NotFound(KaidianError):
    status_code = 404
    code = "not_found"


class Conflict(KaidianError):
    status_code = 409
    code = "conflict"


class PayloadTooLarge(KaidianError):
    status_code = 413
    code = "body_too_large"


class TooManyRequests(KaidianError):
    status_code = 429
    code = "rate_limited"


class ServiceUnavailable(KaidianError):
    status_code = 503
    code = "service_unavailable"


def problem_response(request: Request, error: KaidianError, headers: dict[str, str] | None = None) -> Response[Problem]:
    locale = negotiate_locale(request.headers.get("accept-language"))
    errors = error.errors
    if errors:
        errors = [
            {**item, "message": item["message"].get(locale, item["message"].get("zh-CN"))}
            if isinstance(item.get("message"), dict)
            else item
            for item in errors
        ]
    body = Problem(code=error.code, message=error.message(locale), field=error.field, errors=errors)
    return Response(
        body.model_dump(exclude_none=True),
        status_code=error.status_code,
        media_type=MediaType.JSON,
        headers={**(headers or {}), "Content-Language": locale, **error.headers},
    )


def _parameter_name(request: Request | None, key: str) -> str:
    """The name a client sends (``X-Device-Token``) for a handler argument (``device_token``)."""
    try:
        parameter = request.route_handler.parsed_fn_signature.parameters.get(key) if request else None
    except Exception:  # no handler resolved (routing errors)
        return key
    definition = getattr(parameter, "kwarg_definition", None)
    # HeaderParameter(name=…) / QueryParameter(name=…) carry the wire name as ``name``.
    return getattr(definition, "name", None) or key


# The validators' English (pydantic, msgspec) in words a customer or merchant reads, both languages.
_VALIDATOR_MESSAGES: list[tuple[re.Pattern[str], str, str]] = [
    (re.compile(r"^Value error, (.+)$"), "{0}", "{0}"),
    (re.compile(r"(?i)^(field required|missing required .*)$"), "必填", "is required"),
    (re.compile(r"(?i)extra inputs are not permitted"), "不允许的字段", "this field is not allowed"),
    (re.compile(r"(?i)(should match pattern|matching regex)"), "格式不正确", "has the wrong format"),
    (re.compile(r"(?i)should have at least 1 character"), "不能为空", "must not be empty"),
    (re.compile(r"(?i)should have at least (\d+) (characters?|items?)"), "至少 {0} 个{1}", "needs at least {0} {1}"),
    (re.compile(r"(?i)should have at most (\d+) (characters?|items?)"), "最多 {0} 个{1}", "allows at most {0} {1}"),
    (re.compile(r"(?i)(?:greater than or equal to|` >=) (\S+)"), "不能小于 {0}", "must be at least {0}"),
    (re.compile(r"(?i)(?:less than or equal to|` <=) (\S+)"), "不能大于 {0}", "must be at most {0}"),
    (re.compile(r"(?i)(valid integer|expected `int`)"), "应为整数", "must be a whole number"),
    (re.compile(r"(?i)invalid enum value '(.*)'"), "不是可选的值：{0}", "is not one of the allowed values: {0}"),
]
_MISSING_PARAMETER = re.compile(r"Missing required (header|query|cookie) parameter '([^']+)'")
_UNITS = {"character": ("个字符", "characters"), "item": ("项", "items")}


def _readable(message: str) -> dict[str, str] | str:
    for pattern, zh, en in _VALIDATOR_MESSAGES:
        match = pattern.search(message)
        if not match:
            continue
        groups = [group for group in match.groups() if group is not None]
        if len(groups) == 2 and groups[1].rstrip("s") in _UNITS:  # "at least 3 characters"
            unit_zh, unit_en = _UNITS[groups[1].rstrip("s")]
            return {"zh-CN": zh.replace("个{1}", "{1}").format(groups[0], unit_zh), "en": en.format(groups[0], unit_en)}
        return {"zh-CN": zh.format(*groups), "en": en.format(*groups)}
    return message


def _validation_error(exc: ValidationException, request: Request | None = None) -> KaidianError:
    details = exc.extra if isinstance(exc.extra, list) else []
    if not details:
        missing = _MISSING_PARAMETER.search(exc.detail or "")
        if missing:
            where_zh = {"header": "请求头", "query": "查询参数", "cookie": "Cookie"}[missing.group(1)]
            return InvalidInput(
                "missing_field", field=missing.group(2), reason={"zh-CN": f"缺少{where_zh} {missing.group(2)}", "en": f"the {missing.group(1)} {missing.group(2)} is required"}
            )
        if "JSON" in (exc.detail or "") or "decode" in (exc.detail or "").lower():
            return BadRequest("invalid_json", field="body")
        return InvalidInput(reason={"zh-CN": "请求参数不合法", "en": exc.detail or "Invalid input"})
    items = []
    for detail in details:
        key = _parameter_name(request, str(detail.get("key") or detail.get("source") or "body"))
        text = str(detail.get("message", "invalid"))
        items.append({"field": key, "message": _readable(text), "raw": text})
    first = items[0]
    code = "validation_failed"
    lowered = first.pop("raw").lower()
    for item in items[1:]:
        item.pop("raw")
    if "extra inputs are not permitted" in lowered:
        code = "unknown_field"
    elif lowered == "field required":
        code = "missing_field"
    return InvalidInput(code, field=first["field"], errors=items, reason=first["message"])


def _pydantic_errors(exc: HTTPException) -> list[dict[str, Any]] | None:
    """Pydantic's errors when Litestar wrapped a body's validation failure as a 500 (it does so
    for some nested shapes, e.g. a list where a dict field is expected)."""
    errors = getattr(exc.__cause__, "errors", None)
    if exc.status_code < 500 or not isinstance(errors, list) or not all(isinstance(item, dict) and "loc" in item for item in errors):
        return None
    return errors


def _http_error(exc: HTTPException, request: Request | None = None) -> KaidianError:
    if isinstance(exc, ValidationException):
        return _validation_error(exc, request)
    if (errors := _pydantic_errors(exc)) is not None:
        details = [{"key": ".".join(str(part) for part in item["loc"]) or "body", "message": str(item.get("msg", "invalid"))} for item in errors]
        return _validation_error(ValidationException(extra=details), request)
    if isinstance(exc, NotAuthorizedException):
        detail = (exc.detail or "").lower()
        if "expired" in detail:
            return NotAuthenticated("token_expired")
        if "invalid" in detail:
            return NotAuthenticated("token_invalid")
        return NotAuthenticated("not_authenticated")
    if isinstance(exc, PermissionDeniedException):
        return PermissionDenied()
    if isinstance(exc, NotFoundException):
        return NotFound()
    if isinstance(exc, MethodNotAllowedException):
        error = KaidianError("method_not_allowed")
        error.status_code = 405
        return error
    if exc.status_code == 413:
        return PayloadTooLarge()
    if exc.status_code == 400 and (
        isinstance(exc.__cause__, SerializationException) or "json" in (exc.detail or "").lower()
    ):
        return BadRequest("invalid_json", field="body")
    error = KaidianError("bad_request" if exc.status_code < 500 else "internal_error")
    error.status_code = exc.status_code
    return error


def handle_kaidian_error(request: Request, exc: KaidianError) -> Response[Problem]:
    return problem_response(request, exc)


def handle_http_exception(request: Request, exc: HTTPException) -> Response[Problem]:
    # Keep the headers the exception carries: 405's Allow (RFC 9110), 429's Retry-After.
    return problem_response(request, _http_error(exc, request), headers=exc.headers)


def handle_undecodable_body(request: Request, exc: UnicodeDecodeError) -> Response[Problem]:
    # Litestar's multipart parser decodes a part without a file name as UTF-8 text.
    return problem_response(request, BadRequest("bad_request", field="body"))


def handle_unexpected(request: Request, exc: Exception) -> Response[Problem]:
    logger.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    error = KaidianError("internal_error")
    error.status_code = HTTP_500_INTERNAL_SERVER_ERROR
    return problem_response(request, error)


EXCEPTION_HANDLERS = {
    KaidianError: handle_kaidian_error,
    HTTPException: handle_http_exception,
    UnicodeDecodeError: handle_undecodable_body,
    Exception: handle_unexpected,
}
