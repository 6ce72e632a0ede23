from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from json import dumps, loads
from plugins.group_buy.models import ActivityStatus, GroupStatus, MemberStatus
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('core', '0001_initial')]

    initial = True

    operations = [
        ops.CreateModel(
            name='GroupBuyActivity',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('shop', fields.ForeignKeyField('core.Shop', source_field='shop_id', db_constraint=True, to_field='id', related_name='group_buy_activities', on_delete=OnDelete.CASCADE)),
                ('name', fields.CharField(max_length=60)),
                ('product_id', fields.IntField()),
                ('sizes', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('window_hours', fields.IntField(default=24)),
                ('starts_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('ends_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('per_customer_limit', fields.IntField(default=1)),
                ('max_units_per_order', fields.IntField(default=1)),
                ('virtual_fill_percent', fields.IntField(null=True)),
                ('leader_discount_fen', fields.IntField(default=0)),
                ('status', fields.CharEnumField(default=ActivityStatus.ACTIVE, description='ACTIVE: active\nSTOPPED: stopped', enum_type=ActivityStatus, max_length=16)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'group_buy_activity', 'app': 'group_buy', 'indexes': [Index(fields=['shop_id', 'status', 'ends_at'])], 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='GroupBuyGroup',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('shop', fields.ForeignKeyField('core.Shop', source_field='shop_id', db_constraint=True, to_field='id', related_name='group_buy_groups', on_delete=OnDelete.CASCADE)),
                ('activity', fields.ForeignKeyField('group_buy.GroupBuyActivity', source_field='activity_id', db_constraint=True, to_field='id', related_name='groups', on_delete=OnDelete.CASCADE)),
                ('leader', fields.ForeignKeyField('core.Customer', source_field='leader_id', db_constraint=True, to_field='id', related_name='group_buy_groups_led', on_delete=OnDelete.CASCADE)),
                ('size', fields.IntField()),
                ('status', fields.CharEnumField(default=GroupStatus.PENDING, description='PENDING: pending\nOPEN: open\nCOMPLETED: completed\nFAILED: failed\nCANCELLED: cancelled', enum_type=GroupStatus, max_length=16)),
                ('reserved_count', fields.IntField(default=0)),
                ('paid_count', fields.IntField(default=0)),
                ('virtual_fill', fields.BooleanField(default=False)),
                ('expires_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('settled_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'group_buy_group', 'app': 'group_buy', 'indexes': [Index(fields=['shop_id', 'activity_id', 'status'])], 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='GroupBuyEvent',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('shop', fields.ForeignKeyField('core.Shop', source_field='shop_id', db_constraint=True, to_field='id', related_name='group_buy_events', on_delete=OnDelete.CASCADE)),
                ('group', fields.ForeignKeyField('group_buy.GroupBuyGroup', source_field='group_id', db_constraint=True, to_field='id', related_name='events', on_delete=OnDelete.CASCADE)),
                ('kind', fields.CharField(max_length=24)),
                ('data', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'group_buy_event', 'app': 'group_buy', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='GroupBuyMember',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('shop', fields.ForeignKeyField('core.Shop', source_field='shop_id', db_constraint=True, to_field='id', related_name='group_buy_members', on_delete=OnDelete.CASCADE)),
                ('group', fields.ForeignKeyField('group_buy.GroupBuyGroup', source_field='group_id', db_constraint=True, to_field='id', related_name='members', on_delete=OnDelete.CASCADE)),
                ('customer', fields.ForeignKeyField('core.Customer', source_field='customer_id', db_constraint=True, to_field='id', related_name='group_buy_memberships', on_delete=OnDelete.CASCADE)),
                ('order_id', fields.IntField(unique=True)),
                ('sku_id', fields.IntField()),
                ('is_leader', fields.BooleanField(default=False)),
                ('status', fields.CharEnumField(default=MemberStatus.RESERVED, description='RESERVED: reserved\nPAID: paid\nCANCELLED: cancelled\nREFUNDED: refunded', enum_type=MemberStatus, max_length=16)),
                ('counted', fields.BooleanField(default=False)),
                ('refund_claimed', fields.BooleanField(default=False)),
                ('paid_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'group_buy_member', 'app': 'group_buy', 'indexes': [Index(fields=['shop_id', 'customer_id', 'created_at'])], 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='GroupBuyQuota',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('activity', fields.ForeignKeyField('group_buy.GroupBuyActivity', source_field='activity_id', db_constraint=True, to_field='id', related_name='quotas', on_delete=OnDelete.CASCADE)),
                ('customer', fields.ForeignKeyField('core.Customer', source_field='customer_id', db_constraint=True, to_field='id', related_name='group_buy_quotas', on_delete=OnDelete.CASCADE)),
                ('used', fields.IntField(default=0)),
            ],
            options={'table': 'group_buy_quota', 'app': 'group_buy', 'unique_together': (('activity', 'customer'),), 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='GroupBuySku',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('shop', fields.ForeignKeyField('core.Shop', source_field='shop_id', db_constraint=True, to_field='id', related_name='group_buy_skus', on_delete=OnDelete.CASCADE)),
                ('activity', fields.ForeignKeyField('group_buy.GroupBuyActivity', source_field='activity_id', db_constraint=True, to_field='id', related_name='skus', on_delete=OnDelete.CASCADE)),
                ('sku_id', fields.IntField()),
                ('prices_fen', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
            ],
            options={'table': 'group_buy_sku', 'app': 'group_buy', 'unique_together': (('activity', 'sku_id'),), 'pk_attr': 'id'},
            bases=['Model'],
        ),
    ]
