from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from json import dumps, loads
from plugins.community_group.models import LeaderStatus
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('core', '0001_initial')]

    initial = True

    operations = [
        ops.CreateModel(
            name='DeliveryBatch',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('shop', fields.ForeignKeyField('core.Shop', source_field='shop_id', db_constraint=True, to_field='id', related_name='community_batches', on_delete=OnDelete.CASCADE)),
                ('batch_no', fields.CharField(max_length=32)),
                ('cutoff', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('order_count', fields.IntField(default=0)),
                ('created_by', fields.CharField(max_length=64)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'community_group_batch', 'app': 'community_group', 'unique_together': (('shop', 'batch_no'),), 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Leader',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('shop', fields.ForeignKeyField('core.Shop', source_field='shop_id', db_constraint=True, to_field='id', related_name='community_leaders', on_delete=OnDelete.CASCADE)),
                ('customer', fields.ForeignKeyField('core.Customer', source_field='customer_id', db_constraint=True, to_field='id', related_name='community_leaders', on_delete=OnDelete.CASCADE)),
                ('name', fields.CharField(max_length=40)),
                ('phone', fields.CharField(max_length=20)),
                ('status', fields.CharEnumField(default=LeaderStatus.PENDING, description='PENDING: pending\nAPPROVED: approved\nREJECTED: rejected', enum_type=LeaderStatus, max_length=16)),
                ('commission_bp', fields.IntField(default=0)),
                ('review_note', fields.CharField(default='', max_length=200)),
                ('reviewed_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'community_group_leader', 'app': 'community_group', 'unique_together': (('shop', 'customer'),), 'indexes': [Index(fields=['shop_id', 'status'])], 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='PickupPoint',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('shop', fields.ForeignKeyField('core.Shop', source_field='shop_id', db_constraint=True, to_field='id', related_name='community_pickup_points', on_delete=OnDelete.CASCADE)),
                ('leader', fields.OneToOneField('community_group.Leader', source_field='leader_id', db_constraint=True, to_field='id', related_name='pickup_point', on_delete=OnDelete.CASCADE)),
                ('name', fields.CharField(max_length=60)),
                ('address', fields.CharField(max_length=200)),
                ('opening_hours', fields.CharField(max_length=60)),
                ('latitude', fields.FloatField()),
                ('longitude', fields.FloatField()),
            ],
            options={'table': 'community_group_pickup_point', 'app': 'community_group', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='PickupOrder',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('shop', fields.ForeignKeyField('core.Shop', source_field='shop_id', db_constraint=True, to_field='id', related_name='community_pickup_orders', on_delete=OnDelete.CASCADE)),
                ('order_id', fields.IntField(unique=True)),
                ('customer_id', fields.IntField()),
                ('leader', fields.ForeignKeyField('community_group.Leader', source_field='leader_id', db_constraint=True, to_field='id', related_name='orders', on_delete=OnDelete.RESTRICT)),
                ('pickup_point', fields.ForeignKeyField('community_group.PickupPoint', source_field='pickup_point_id', db_constraint=True, to_field='id', related_name='orders', on_delete=OnDelete.RESTRICT)),
                ('pickup_code', fields.CharField(max_length=16)),
                ('rates_bp', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('batch', fields.ForeignKeyField('community_group.DeliveryBatch', source_field='batch_id', null=True, db_constraint=True, to_field='id', related_name='orders', on_delete=OnDelete.RESTRICT)),
                ('picked_up_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'community_group_pickup_order', 'app': 'community_group', 'unique_together': (('shop', 'pickup_code'),), 'indexes': [Index(fields=['shop_id', 'leader_id']), Index(fields=['shop_id', 'batch_id'])], 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ProductCommission',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('shop', fields.ForeignKeyField('core.Shop', source_field='shop_id', db_constraint=True, to_field='id', related_name='community_product_rates', on_delete=OnDelete.CASCADE)),
                ('product_id', fields.IntField()),
                ('rate_bp', fields.IntField()),
            ],
            options={'table': 'community_group_product_commission', 'app': 'community_group', 'unique_together': (('shop', 'product_id'),), 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Settlement',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('shop', fields.ForeignKeyField('core.Shop', source_field='shop_id', db_constraint=True, to_field='id', related_name='community_settlements', on_delete=OnDelete.CASCADE)),
                ('period', fields.CharField(max_length=7)),
                ('period_end', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('entry_count', fields.IntField(default=0)),
                ('total_fen', fields.BigIntField(default=0)),
                ('created_by', fields.CharField(max_length=64)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'community_group_settlement', 'app': 'community_group', 'unique_together': (('shop', 'period'),), 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='CommissionEntry',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('shop', fields.ForeignKeyField('core.Shop', source_field='shop_id', db_constraint=True, to_field='id', related_name='community_commission_entries', on_delete=OnDelete.CASCADE)),
                ('leader', fields.ForeignKeyField('community_group.Leader', source_field='leader_id', db_constraint=True, to_field='id', related_name='commission_entries', on_delete=OnDelete.RESTRICT)),
                ('order_id', fields.IntField()),
                ('kind', fields.CharField(max_length=16)),
                ('cause', fields.CharField(max_length=48)),
                ('base_fen', fields.BigIntField()),
                ('amount_fen', fields.BigIntField()),
                ('occurred_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('settlement', fields.ForeignKeyField('community_group.Settlement', source_field='settlement_id', null=True, db_constraint=True, to_field='id', related_name='entries', on_delete=OnDelete.RESTRICT)),
            ],
            options={'table': 'community_group_commission_entry', 'app': 'community_group', 'unique_together': (('shop', 'cause'),), 'indexes': [Index(fields=['shop_id', 'settlement_id', 'occurred_at']), Index(fields=['shop_id', 'order_id'])], 'pk_attr': 'id'},
            bases=['Model'],
        ),
    ]
