from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from core.trade.models import OrderStatus, RefundStatus, TimerStatus
from json import dumps, loads
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('core', '0001_initial')]

    initial = True

    operations = [
        ops.CreateModel(
            name='CartItem',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('shop', fields.ForeignKeyField('core.Shop', source_field='shop_id', db_constraint=True, to_field='id', related_name='cart_items', on_delete=OnDelete.CASCADE)),
                ('customer', fields.ForeignKeyField('core.Customer', source_field='customer_id', db_constraint=True, to_field='id', related_name='cart_items', on_delete=OnDelete.CASCADE)),
                ('sku_id', fields.IntField()),
                ('quantity', fields.IntField()),
                ('seen_price_fen', fields.BigIntField()),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'kd_trade_cart_item', 'app': 'trade', 'unique_together': (('customer', 'sku_id'),), 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='IdempotencyKey',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('shop', fields.ForeignKeyField('core.Shop', source_field='shop_id', db_constraint=True, to_field='id', related_name='idempotency_keys', on_delete=OnDelete.CASCADE)),
                ('customer', fields.ForeignKeyField('core.Customer', source_field='customer_id', db_constraint=True, to_field='id', related_name='idempotency_keys', on_delete=OnDelete.CASCADE)),
                ('key', fields.CharField(max_length=64)),
                ('request_hash', fields.CharField(max_length=64)),
                ('status_code', fields.IntField(null=True)),
                ('response', fields.JSONField(null=True, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'kd_trade_idempotency_key', 'app': 'trade', 'unique_together': (('shop', 'customer', 'key'),), 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Order',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('shop', fields.ForeignKeyField('core.Shop', source_field='shop_id', db_constraint=True, to_field='id', related_name='orders', on_delete=OnDelete.CASCADE)),
                ('customer', fields.ForeignKeyField('core.Customer', source_field='customer_id', db_constraint=True, to_field='id', related_name='orders', on_delete=OnDelete.RESTRICT)),
                ('order_no', fields.CharField(unique=True, max_length=32)),
                ('status', fields.CharEnumField(default=OrderStatus.PENDING_PAYMENT, description='PENDING_PAYMENT: pending_payment\nPAID: paid\nPARTIALLY_SHIPPED: partially_shipped\nSHIPPED: shipped\nDELIVERED: delivered\nCOMPLETED: completed\nCANCELLED: cancelled\nREFUNDING: refunding\nREFUNDED: refunded', enum_type=OrderStatus, max_length=24)),
                ('subtotal_fen', fields.BigIntField()),
                ('discount_fen', fields.BigIntField(default=0)),
                ('shipping_fen', fields.BigIntField(default=0)),
                ('total_fen', fields.BigIntField()),
                ('paid_fen', fields.BigIntField(default=0)),
                ('refunded_fen', fields.BigIntField(default=0)),
                ('adjustments', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('note', fields.CharField(default='', max_length=200)),
                ('payment_method', fields.CharField(null=True, max_length=32)),
                ('transaction_id', fields.CharField(null=True, max_length=64)),
                ('paid_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('pay_deadline', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('cancelled_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'kd_trade_order', 'app': 'trade', 'indexes': [Index(fields=['shop_id', 'status', 'created_at']), Index(fields=['shop_id', 'customer_id', 'created_at'])], 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='OrderLine',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('shop', fields.ForeignKeyField('core.Shop', source_field='shop_id', db_constraint=True, to_field='id', related_name='order_lines', on_delete=OnDelete.CASCADE)),
                ('order', fields.ForeignKeyField('trade.Order', source_field='order_id', db_constraint=True, to_field='id', related_name='lines', on_delete=OnDelete.CASCADE)),
                ('sku_id', fields.IntField()),
                ('product_id', fields.IntField(null=True)),
                ('title', fields.CharField(max_length=200)),
                ('sku_code', fields.CharField(null=True, max_length=64)),
                ('unit_price_fen', fields.BigIntField()),
                ('quantity', fields.IntField()),
                ('subtotal_fen', fields.BigIntField()),
                ('discount_fen', fields.BigIntField(default=0)),
                ('total_fen', fields.BigIntField()),
                ('allocations_fen', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('shipped_quantity', fields.IntField(default=0)),
                ('refunded_quantity', fields.IntField(default=0)),
                ('refunded_fen', fields.BigIntField(default=0)),
            ],
            options={'table': 'kd_trade_order_line', 'app': 'trade', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='OrderStatusLog',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('shop', fields.ForeignKeyField('core.Shop', source_field='shop_id', db_constraint=True, to_field='id', related_name='order_logs', on_delete=OnDelete.CASCADE)),
                ('order', fields.ForeignKeyField('trade.Order', source_field='order_id', db_constraint=True, to_field='id', related_name='status_logs', on_delete=OnDelete.CASCADE)),
                ('from_status', fields.CharField(null=True, max_length=24)),
                ('to_status', fields.CharField(max_length=24)),
                ('actor', fields.CharField(max_length=64)),
                ('reason', fields.CharField(default='', max_length=200)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'kd_trade_order_status_log', 'app': 'trade', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Payment',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('shop', fields.ForeignKeyField('core.Shop', source_field='shop_id', db_constraint=True, to_field='id', related_name='payments', on_delete=OnDelete.CASCADE)),
                ('order', fields.ForeignKeyField('trade.Order', source_field='order_id', db_constraint=True, to_field='id', related_name='payments', on_delete=OnDelete.RESTRICT)),
                ('provider', fields.CharField(max_length=32)),
                ('transaction_id', fields.CharField(max_length=64)),
                ('amount_fen', fields.BigIntField()),
                ('outcome', fields.CharField(max_length=16)),
                ('provider_data', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'kd_trade_payment', 'app': 'trade', 'unique_together': (('provider', 'transaction_id'),), 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Refund',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('shop', fields.ForeignKeyField('core.Shop', source_field='shop_id', db_constraint=True, to_field='id', related_name='refunds', on_delete=OnDelete.CASCADE)),
                ('order', fields.ForeignKeyField('trade.Order', source_field='order_id', db_constraint=True, to_field='id', related_name='refunds', on_delete=OnDelete.RESTRICT)),
                ('refund_no', fields.CharField(unique=True, max_length=40)),
                ('amount_fen', fields.BigIntField()),
                ('reason', fields.CharField(default='', max_length=200)),
                ('status', fields.CharEnumField(default=RefundStatus.PROCESSING, description='PROCESSING: processing\nSUCCEEDED: succeeded\nFAILED: failed', enum_type=RefundStatus, max_length=16)),
                ('lines', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('provider_answer', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'kd_trade_refund', 'app': 'trade', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Timer',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('shop', fields.ForeignKeyField('core.Shop', source_field='shop_id', db_constraint=True, to_field='id', related_name='timers', on_delete=OnDelete.CASCADE)),
                ('kind', fields.CharField(max_length=32)),
                ('target_id', fields.IntField()),
                ('run_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('status', fields.CharEnumField(default=TimerStatus.PENDING, description='PENDING: pending\nDONE: done', enum_type=TimerStatus, max_length=16)),
                ('attempts', fields.IntField(default=0)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'kd_trade_timer', 'app': 'trade', 'unique_together': (('kind', 'target_id'),), 'indexes': [Index(fields=['status', 'run_at'])], 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='TradeSettings',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('shop', fields.OneToOneField('core.Shop', source_field='shop_id', db_constraint=True, to_field='id', related_name='trade_settings', on_delete=OnDelete.CASCADE)),
                ('unpaid_timeout_minutes', fields.IntField(default=30)),
            ],
            options={'table': 'kd_trade_settings', 'app': 'trade', 'pk_attr': 'id'},
            bases=['Model'],
        ),
    ]
