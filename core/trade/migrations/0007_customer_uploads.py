from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from json import dumps, loads
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('core', '0002_customer_birthday'), ('trade', '0006_guest_cart')]

    initial = False

    operations = [
        ops.CreateModel(
            name='CustomerUpload',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('shop', fields.ForeignKeyField('core.Shop', source_field='shop_id', db_constraint=True, to_field='id', related_name='customer_uploads', on_delete=OnDelete.CASCADE)),
                ('customer', fields.ForeignKeyField('core.Customer', source_field='customer_id', db_constraint=True, to_field='id', related_name='uploads', on_delete=OnDelete.CASCADE)),
                ('storage_key', fields.CharField(max_length=200)),
                ('content_type', fields.CharField(max_length=100)),
                ('size_bytes', fields.BigIntField()),
                ('width', fields.IntField()),
                ('height', fields.IntField()),
                ('variants', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'kd_trade_customer_upload', 'app': 'trade', 'indexes': [Index(fields=['shop_id', 'customer_id', 'created_at'])], 'pk_attr': 'id'},
            bases=['Model'],
        ),
    ]
