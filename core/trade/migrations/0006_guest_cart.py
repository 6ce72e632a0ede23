from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('core', '0002_customer_birthday'), ('trade', '0005_refund_requests')]

    initial = False

    operations = [
        ops.CreateModel(
            name='GuestCartItem',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('shop', fields.ForeignKeyField('core.Shop', source_field='shop_id', db_constraint=True, to_field='id', related_name='guest_cart_items', on_delete=OnDelete.CASCADE)),
                ('device_hash', fields.CharField(max_length=64)),
                ('sku_id', fields.IntField()),
                ('quantity', fields.IntField()),
                ('seen_price_fen', fields.BigIntField()),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'kd_trade_guest_cart_item', 'app': 'trade', 'unique_together': (('shop', 'device_hash', 'sku_id'),), 'pk_attr': 'id'},
            bases=['Model'],
        ),
    ]
