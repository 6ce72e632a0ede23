from tortoise import migrations
from tortoise.migrations import operations as ops
from core.agency.models import EntryKind
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('core', '0001_initial'), ('core', '0002_customer_birthday')]

    initial = True

    operations = [
        ops.CreateModel(
            name='CommissionEntry',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('shop', fields.ForeignKeyField('core.Shop', source_field='shop_id', db_constraint=True, to_field='id', related_name='commission_entries', on_delete=OnDelete.RESTRICT)),
                ('agency_id', fields.IntField()),
                ('order_id', fields.IntField()),
                ('order_no', fields.CharField(max_length=32)),
                ('refund_id', fields.IntField(null=True)),
                ('kind', fields.CharEnumField(description='CHARGE: charge\nREVERSAL: reversal', enum_type=EntryKind, max_length=16)),
                ('rate_bp', fields.IntField()),
                ('gmv_fen', fields.BigIntField()),
                ('refunded_fen', fields.BigIntField()),
                ('amount_fen', fields.BigIntField()),
                ('dedupe_key', fields.CharField(unique=True, max_length=64)),
                ('booked_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'kd_agency_commission_entry', 'app': 'agency', 'indexes': [Index(fields=['shop_id', 'booked_at']), Index(fields=['order_id', 'kind'])], 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='OutboxMail',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('to_address', fields.CharField(max_length=254)),
                ('subject', fields.CharField(max_length=200)),
                ('body', fields.TextField(unique=False)),
                ('provider', fields.CharField(max_length=16)),
                ('sent_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('error', fields.CharField(default='', max_length=200)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'kd_agency_outbox_mail', 'app': 'agency', 'pk_attr': 'id', 'table_description': 'Every mail the platform sends, kept as sent: the sandbox provider only writes here (the'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='OwnerInvitation',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('agency', fields.ForeignKeyField('core.Agency', source_field='agency_id', db_constraint=True, to_field='id', related_name='invitations', on_delete=OnDelete.CASCADE)),
                ('shop', fields.ForeignKeyField('core.Shop', source_field='shop_id', db_constraint=True, to_field='id', related_name='owner_invitations', on_delete=OnDelete.CASCADE)),
                ('email', fields.CharField(max_length=254)),
                ('token_hash', fields.CharField(unique=True, max_length=64)),
                ('expires_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('accepted_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('invited_by_staff_id', fields.IntField()),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'kd_agency_owner_invitation', 'app': 'agency', 'pk_attr': 'id', 'table_description': "A one-time link inviting a new shop's owner: only the token's SHA-256 is stored."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ShopCommission',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('shop', fields.OneToOneField('core.Shop', source_field='shop_id', db_constraint=True, to_field='id', related_name='commission', on_delete=OnDelete.CASCADE)),
                ('rate_bp', fields.IntField(default=0)),
                ('set_by_staff_id', fields.IntField(null=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'kd_agency_shop_commission', 'app': 'agency', 'pk_attr': 'id', 'table_description': "The rate the agency takes from one shop's orders, in basis points (200 = 2 %)."},
            bases=['Model'],
        ),
    ]
