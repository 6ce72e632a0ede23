from tortoise import migrations
from tortoise.migrations import operations as ops
from plugins.points.models import EntryKind, EntrySource, HoldStatus, ReferralStatus
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('core', '0001_initial')]

    initial = True

    operations = [
        ops.CreateModel(
            name='PointsAccount',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('shop', fields.ForeignKeyField('core.Shop', source_field='shop_id', db_constraint=True, to_field='id', related_name='points_accounts', on_delete=OnDelete.CASCADE)),
                ('customer', fields.ForeignKeyField('core.Customer', source_field='customer_id', db_constraint=True, to_field='id', related_name='points_accounts', on_delete=OnDelete.CASCADE)),
                ('share_code', fields.CharField(unique=True, max_length=16)),
                ('balance', fields.IntField(default=0)),
                ('held', fields.IntField(default=0)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'points_account', 'app': 'points', 'unique_together': (('shop', 'customer'),), 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='PointsEntry',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('shop', fields.ForeignKeyField('core.Shop', source_field='shop_id', db_constraint=True, to_field='id', related_name='points_entries', on_delete=OnDelete.CASCADE)),
                ('customer', fields.ForeignKeyField('core.Customer', source_field='customer_id', db_constraint=True, to_field='id', related_name='points_entries', on_delete=OnDelete.CASCADE)),
                ('kind', fields.CharEnumField(description='EARN: earn\nSPEND: spend\nEXPIRE: expire\nREVERSE: reverse\nADJUST: adjust', enum_type=EntryKind, max_length=16)),
                ('source', fields.CharEnumField(description='ORDER: order\nREVIEW: review\nSIGN_IN: sign_in\nSHARE: share\nREDEEM: redeem\nREFUND: refund\nEXPIRY: expiry\nMANUAL: manual', enum_type=EntrySource, max_length=16)),
                ('points', fields.IntField()),
                ('unique_key', fields.CharField(max_length=64)),
                ('order_id', fields.IntField(null=True)),
                ('expires_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('reason', fields.CharField(default='', max_length=200)),
                ('actor', fields.CharField(default='system', max_length=64)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'points_entry', 'app': 'points', 'unique_together': (('customer', 'unique_key'),), 'indexes': [Index(fields=['shop_id', 'customer_id', 'id']), Index(fields=['shop_id', 'order_id']), Index(fields=['expires_at'])], 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='PointsHold',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('shop', fields.ForeignKeyField('core.Shop', source_field='shop_id', db_constraint=True, to_field='id', related_name='points_holds', on_delete=OnDelete.CASCADE)),
                ('customer', fields.ForeignKeyField('core.Customer', source_field='customer_id', db_constraint=True, to_field='id', related_name='points_holds', on_delete=OnDelete.CASCADE)),
                ('order_id', fields.IntField()),
                ('points', fields.IntField()),
                ('discount_fen', fields.IntField()),
                ('status', fields.CharEnumField(default=HoldStatus.HELD, description='HELD: held\nCONFIRMED: confirmed\nRELEASED: released', enum_type=HoldStatus, max_length=16)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'points_hold', 'app': 'points', 'unique_together': (('shop', 'order_id'),), 'indexes': [Index(fields=['shop_id', 'customer_id', 'status'])], 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Referral',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('shop', fields.ForeignKeyField('core.Shop', source_field='shop_id', db_constraint=True, to_field='id', related_name='points_referrals', on_delete=OnDelete.CASCADE)),
                ('inviter', fields.ForeignKeyField('core.Customer', source_field='inviter_id', db_constraint=True, to_field='id', related_name='points_invited', on_delete=OnDelete.CASCADE)),
                ('invitee', fields.ForeignKeyField('core.Customer', source_field='invitee_id', db_constraint=True, to_field='id', related_name='points_invited_by', on_delete=OnDelete.CASCADE)),
                ('status', fields.CharEnumField(default=ReferralStatus.REGISTERED, description='REGISTERED: registered\nPENDING: pending\nREWARDED: rewarded\nCANCELLED: cancelled', enum_type=ReferralStatus, max_length=16)),
                ('order_id', fields.IntField(null=True)),
                ('reward_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'points_referral', 'app': 'points', 'unique_together': (('shop', 'invitee'),), 'indexes': [Index(fields=['shop_id', 'inviter_id'])], 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='SignIn',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('shop', fields.ForeignKeyField('core.Shop', source_field='shop_id', db_constraint=True, to_field='id', related_name='points_sign_ins', on_delete=OnDelete.CASCADE)),
                ('customer', fields.ForeignKeyField('core.Customer', source_field='customer_id', db_constraint=True, to_field='id', related_name='points_sign_ins', on_delete=OnDelete.CASCADE)),
                ('day', fields.DateField()),
                ('streak', fields.IntField()),
                ('points', fields.IntField()),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'points_sign_in', 'app': 'points', 'unique_together': (('customer', 'day'),), 'pk_attr': 'id'},
            bases=['Model'],
        ),
    ]
