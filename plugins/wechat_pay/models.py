"""Each shop's WeChat Pay merchant account. Secrets (the merchant API private key, the APIv3 key
and the mini-program AppSecret) are stored encrypted with core's field cipher, bound to the
shop, so a ciphertext copied into another shop's row does not decrypt."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


# One merchant account per shop. ``version`` goes up on every change: each app process keeps
# the provider it built from the account and rebuilds it when the version it sees differs.
class WechatPayAccount(Model):
    id = fields.IntField(primary_key=True)
    shop = fields.OneToOneField("core.Shop", related_name="wechat_pay_account", on_delete=fields.CASCADE)
    mchid = fields.CharField(max_length=32)
    appid = fields.CharField(max_length=32)
    merchant_serial_no = fields.CharField(max_length=64)
    merchant_private_key_enc = fields.TextField()
    apiv3_key_enc = fields.CharField(max_length=255)
    # [{"serial": "PUB_KEY_ID_…" or a certificate serial, "pem": public key or certificate}]:
    # public material, stored as is; several during a platform key rotation.
    platform_keys = fields.JSONField(default=list)
    app_secret_enc = fields.CharField(max_length=255, null=True)
    version = fields.IntField(default=1)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "wechat_pay_account"
