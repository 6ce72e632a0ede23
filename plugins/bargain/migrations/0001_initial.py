from tortoise import migrations
from tortoise.migrations import operations as ops
from plugins.bargain.models import ActivityStatus, BargainStatus
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('core', '0001_initial')]

    initial = True

    operations = [
        ops.CreateModel(
            name='BargainActivity',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('shop', fields.ForeignKeyField('core.Shop', source_field='shop_id', db_constraint=True, to_field='id', related_name='bargain_activities', on_delete=OnDelete.CASCADE)),
                ('name', fields.CharField(max_length=60)),
                ('product_id', fields.IntField()),
                ('sku_id', fields.IntField()),
                ('start_price_fen', fields.BigIntField()),
                ('floor_price_fen', fields.BigIntField()),
                ('helpers_needed', fields.IntField()),
                ('helpers_min', fields.IntField(null=True)),
                ('duration_minutes', fields.IntField()),
                ('starts_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('ends_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('bargains_per_customer', fields.IntField(default=1)),
                ('cuts_per_helper_per_activity', fields.IntField(default=1)),
                ('cuts_per_helper_per_day', fields.IntField(default=1)),
                ('allow_self_cut', fields.BooleanField(default=False)),
                ('min_account_age_hours', fields.IntField(default=0)),
                ('buy_at_current_price', fields.BooleanField(default=False)),
                ('status', fields.CharEnumField(default=ActivityStatus.ACTIVE, description='ACTIVE: active\nSTOPPED: stopped', enum_type=ActivityStatus, max_length=16)),
                ('started_count', fields.IntField(default=0)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'bargain_activity', 'app': 'bargain', 'indexes': [Index(fields=['shop_id', 'status'])], 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Bargain',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('shop', fields.ForeignKeyField('core.Shop', source_field='shop_id', db_constraint=True, to_field='id', related_name='bargains', on_delete=OnDelete.CASCADE)),
                ('activity', fields.ForeignKeyField('bargain.BargainActivity', source_field='activity_id', db_constraint=True, to_field='id', related_name='bargains', on_delete=OnDelete.CASCADE)),
                ('customer', fields.ForeignKeyField('core.Customer', source_field='customer_id', db_constraint=True, to_field='id', related_name='bargains', on_delete=OnDelete.CASCADE)),
                ('seed', fields.CharField(max_length=64)),
                ('plan_version', fields.IntField(default=1)),
                ('cuts_needed', fields.IntField()),
                ('start_price_fen', fields.BigIntField()),
                ('floor_price_fen', fields.BigIntField()),
                ('current_price_fen', fields.BigIntField()),
                ('cut_count', fields.IntField(default=0)),
                ('status', fields.CharEnumField(default=BargainStatus.IN_PROGRESS, description='IN_PROGRESS: in_progress\nSUCCEEDED: succeeded\nEXPIRED: expired\nORDERED: ordered\nPURCHASED: purchased', enum_type=BargainStatus, max_length=16)),
                ('expires_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('order_id', fields.IntField(null=True)),
                ('succeeded_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('purchased_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'bargain_bargain', 'app': 'bargain', 'indexes': [Index(fields=['shop_id', 'customer_id']), Index(fields=['shop_id', 'activity_id', 'status'])], 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='BargainCut',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('shop', fields.ForeignKeyField('core.Shop', source_field='shop_id', db_constraint=True, to_field='id', related_name='bargain_cuts', on_delete=OnDelete.CASCADE)),
                ('bargain', fields.ForeignKeyField('bargain.Bargain', source_field='bargain_id', db_constraint=True, to_field='id', related_name='cuts', on_delete=OnDelete.CASCADE)),
                ('helper', fields.ForeignKeyField('core.Customer', source_field='helper_id', db_constraint=True, to_field='id', related_name='bargain_cuts', on_delete=OnDelete.CASCADE)),
                ('step', fields.IntField()),
                ('amount_fen', fields.BigIntField()),
                ('price_after_fen', fields.BigIntField()),
                ('device_hash', fields.CharField(max_length=64)),
                ('ip_hash', fields.CharField(max_length=64)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'bargain_cut', 'app': 'bargain', 'unique_together': (('bargain', 'helper'), ('bargain', 'step')), 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='BargainQuota',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('shop', fields.ForeignKeyField('core.Shop', source_field='shop_id', db_constraint=True, to_field='id', related_name='bargain_quotas', on_delete=OnDelete.CASCADE)),
                ('key', fields.CharField(max_length=120)),
                ('used', fields.IntField(default=0)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'bargain_quota', 'app': 'bargain', 'unique_together': (('shop', 'key'),), 'pk_attr': 'id'},
            bases=['Model'],
        ),
    ]
