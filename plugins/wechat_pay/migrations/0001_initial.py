from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from json import dumps, loads
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('core', '0001_initial')]

    initial = True

    operations = [
        ops.CreateModel(
            name='WechatPayAccount',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('shop', fields.OneToOneField('core.Shop', source_field='shop_id', db_constraint=True, to_field='id', related_name='wechat_pay_account', on_delete=OnDelete.CASCADE)),
                ('mchid', fields.CharField(max_length=32)),
                ('appid', fields.CharField(max_length=32)),
                ('merchant_serial_no', fields.CharField(max_length=64)),
                ('merchant_private_key_enc', fields.TextField(unique=False)),
                ('apiv3_key_enc', fields.CharField(max_length=255)),
                ('platform_keys', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('app_secret_enc', fields.CharField(null=True, max_length=255)),
                ('version', fields.IntField(default=1)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'wechat_pay_account', 'app': 'wechat_pay', 'pk_attr': 'id'},
            bases=['Model'],
        ),
    ]
