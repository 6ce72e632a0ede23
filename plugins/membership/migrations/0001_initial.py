from tortoise import migrations
from tortoise.migrations import operations as ops
from plugins.membership.models import GrowthKind
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('core', '0001_initial'), ('core', '0002_customer_birthday')]

    initial = True

    operations = [
        ops.CreateModel(
            name='BirthdayGift',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('shop', fields.ForeignKeyField('core.Shop', source_field='shop_id', db_constraint=True, to_field='id', related_name='birthday_gifts', on_delete=OnDelete.CASCADE)),
                ('customer', fields.ForeignKeyField('core.Customer', source_field='customer_id', db_constraint=True, to_field='id', related_name='birthday_gifts', on_delete=OnDelete.CASCADE)),
                ('year', fields.IntField()),
                ('template_id', fields.IntField()),
                ('coupon_id', fields.IntField(null=True)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'membership_birthday_gift', 'app': 'membership', 'unique_together': (('customer', 'year'),), 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='GrowthEntry',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('shop', fields.ForeignKeyField('core.Shop', source_field='shop_id', db_constraint=True, to_field='id', related_name='growth_entries', on_delete=OnDelete.CASCADE)),
                ('customer', fields.ForeignKeyField('core.Customer', source_field='customer_id', db_constraint=True, to_field='id', related_name='growth_entries', on_delete=OnDelete.CASCADE)),
                ('kind', fields.CharEnumField(description='EARN: earn\nREVERSE: reverse', enum_type=GrowthKind, max_length=16)),
                ('amount', fields.IntField()),
                ('basis_fen', fields.IntField(default=0)),
                ('order_id', fields.IntField(null=True, db_index=True)),
                ('refund_id', fields.IntField(null=True)),
                ('dedupe_key', fields.CharField(max_length=64)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'membership_growth_entry', 'app': 'membership', 'unique_together': (('shop', 'dedupe_key'),), 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='MemberAccount',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('shop', fields.ForeignKeyField('core.Shop', source_field='shop_id', db_constraint=True, to_field='id', related_name='member_accounts', on_delete=OnDelete.CASCADE)),
                ('customer', fields.ForeignKeyField('core.Customer', source_field='customer_id', db_constraint=True, to_field='id', related_name='member_accounts', on_delete=OnDelete.CASCADE)),
                ('growth', fields.IntField(default=0)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'membership_account', 'app': 'membership', 'unique_together': (('shop', 'customer'),), 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='MembershipTier',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('shop', fields.ForeignKeyField('core.Shop', source_field='shop_id', db_constraint=True, to_field='id', related_name='membership_tiers', on_delete=OnDelete.CASCADE)),
                ('level', fields.IntField()),
                ('name', fields.CharField(max_length=20)),
                ('threshold', fields.IntField()),
                ('discount_percent', fields.IntField(null=True)),
                ('free_shipping', fields.BooleanField(default=False)),
                ('birthday_template_id', fields.IntField(null=True)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'membership_tier', 'app': 'membership', 'unique_together': (('shop', 'level'), ('shop', 'threshold')), 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='TierChange',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('shop', fields.ForeignKeyField('core.Shop', source_field='shop_id', db_constraint=True, to_field='id', related_name='tier_changes', on_delete=OnDelete.CASCADE)),
                ('customer', fields.ForeignKeyField('core.Customer', source_field='customer_id', db_constraint=True, to_field='id', related_name='tier_changes', on_delete=OnDelete.CASCADE)),
                ('from_tier_id', fields.IntField(null=True)),
                ('to_tier_id', fields.IntField(null=True)),
                ('from_name', fields.CharField(default='', max_length=20)),
                ('to_name', fields.CharField(default='', max_length=20)),
                ('growth', fields.IntField()),
                ('upgrade', fields.BooleanField()),
                ('seen_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'membership_tier_change', 'app': 'membership', 'pk_attr': 'id'},
            bases=['Model'],
        ),
    ]
