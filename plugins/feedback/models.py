"""Feedback requests (one per order, made by a durable timer a while after delivery) and the
customer's answer to one (at most one per order: ``order_id`` is unique on both tables)."""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model


class RequestStatus(StrEnum):
    PENDING = "pending"  # the customer may answer until ``expires_at``
    ANSWERED = "answered"
    EXPIRED = "expired"  # not answered in time: no longer offered


class FeedbackRequest(Model):
    id = fields.IntField(primary_key=True)
    shop = fields.ForeignKeyField("core.Shop", related_name="feedback_requests", on_delete=fields.CASCADE)
    customer = fields.ForeignKeyField("core.Customer", related_name="feedback_requests", on_delete=fields.CASCADE)
    order_id = fields.IntField(unique=True)
    order_no = fields.CharField(max_length=40, default="")
    status = fields.CharEnumField(RequestStatus, max_length=16, default=RequestStatus.PENDING)
    expires_at = fields.DatetimeField()
    # The subscribe message went out (or was tried): never twice for one request.
    notified = fields.BooleanField(default=False)
    created_at = fields.DatetimeField()

    class Meta:
        table = "feedback_request"
        indexes = (("shop_id", "customer_id", "status"),)


class FeedbackAnswer(Model):
    id = fields.IntField(primary_key=True)
    shop = fields.ForeignKeyField("core.Shop", related_name="feedback_answers", on_delete=fields.CASCADE)
    customer = fields.ForeignKeyField("core.Customer", related_name="feedback_answers", on_delete=fields.CASCADE)
    request = fields.OneToOneField("feedback.FeedbackRequest", related_name="answer", on_delete=fields.CASCADE)
    order_id = fields.IntField(unique=True)
    score = fields.SmallIntField()
    tags = fields.JSONField(default=list)
    text = fields.CharField(max_length=500, default="")
    photo_urls = fields.JSONField(default=list)
    created_at = fields.DatetimeField()

    class Meta:
        table = "feedback_answer"
        indexes = (("shop_id", "created_at"),)


# A customer's one-time subscribe-message grants for one template (WeChat: one grant, one
# message; there is no API to ask how many are left, so we count them).
class SubscribeGrant(Model):
    id = fields.IntField(primary_key=True)
    shop = fields.ForeignKeyField("core.Shop", related_name="feedback_subscribe_grants", on_delete=fields.CASCADE)
    customer = fields.ForeignKeyField("core.Customer", related_name="feedback_subscribe_grants", on_delete=fields.CASCADE)
    template_id = fields.CharField(max_length=64)
    remaining = fields.IntField(default=0)

    class Meta:
        table = "feedback_subscribe_grant"
        unique_together = (("shop", "customer", "template_id"),)
