from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from core.trade.models import RefundStatus
from json import dumps, loads
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('core', '0001_initial'), ('trade', '0004_order_shipping')]

    initial = False

    operations = [
        ops.CreateModel(
            name='RefundLog',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('shop', fields.ForeignKeyField('core.Shop', source_field='shop_id', db_constraint=True, to_field='id', related_name='refund_logs', on_delete=OnDelete.CASCADE)),
                ('refund', fields.ForeignKeyField('trade.Refund', source_field='refund_id', db_constraint=True, to_field='id', related_name='logs', on_delete=OnDelete.CASCADE)),
                ('from_status', fields.CharField(null=True, max_length=16)),
                ('to_status', fields.CharField(max_length=16)),
                ('actor', fields.CharField(max_length=64)),
                ('reason', fields.CharField(default='', max_length=200)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'kd_trade_refund_log', 'app': 'trade', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='RefundRules',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('shop', fields.OneToOneField('core.Shop', source_field='shop_id', db_constraint=True, to_field='id', related_name='refund_rules', on_delete=OnDelete.CASCADE)),
                ('auto_approve_unshipped', fields.BooleanField(default=True)),
                ('no_reason_return_days', fields.IntField(default=7)),
                ('manual_review_over_fen', fields.BigIntField(null=True)),
                ('restock_returned', fields.BooleanField(default=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'kd_trade_refund_rules', 'app': 'trade', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.AlterField(
            model_name='Refund',
            name='status',
            field=fields.CharEnumField(default=RefundStatus.PROCESSING, description='REQUESTED: requested\nAPPROVED: approved\nREJECTED: rejected\nAWAITING_RETURN: awaiting_return\nCANCELLED: cancelled\nPROCESSING: processing\nSUCCEEDED: succeeded\nFAILED: failed', enum_type=RefundStatus, max_length=16),
        ),
        ops.AddField(
            model_name='Refund',
            name='customer',
            field=fields.ForeignKeyField('core.Customer', source_field='customer_id', null=True, db_constraint=True, to_field='id', related_name='refunds', on_delete=OnDelete.RESTRICT),
        ),
        ops.AddField(
            model_name='Refund',
            name='description',
            field=fields.CharField(default='', max_length=500),
        ),
        ops.AddField(
            model_name='Refund',
            name='photo_urls',
            field=fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads),
        ),
        ops.AddField(
            model_name='Refund',
            name='return_carrier',
            field=fields.CharField(null=True, max_length=32),
        ),
        ops.AddField(
            model_name='Refund',
            name='return_required',
            field=fields.BooleanField(default=False),
        ),
        ops.AddField(
            model_name='Refund',
            name='return_tracking_no',
            field=fields.CharField(null=True, max_length=64),
        ),
        ops.AddField(
            model_name='Refund',
            name='review_note',
            field=fields.CharField(default='', max_length=200),
        ),
        ops.AddField(
            model_name='Refund',
            name='reviewed_by',
            field=fields.CharField(default='', max_length=64),
        ),
        ops.AddField(
            model_name='Refund',
            name='source',
            field=fields.CharField(default='staff', max_length=16),
        ),
        ops.AddIndex(
            model_name='Refund',
            index=Index(fields=['shop_id', 'status', 'created_at']),
        ),
    ]
