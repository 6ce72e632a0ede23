from tortoise import migrations
from tortoise.migrations import operations as ops
from plugins.coupons.models import CouponSource, SharerKind
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('core', '0001_initial'), ('coupons', '0001_initial')]

    initial = False

    operations = [
        ops.CreateModel(
            name='CouponShare',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('shop', fields.ForeignKeyField('core.Shop', source_field='shop_id', db_constraint=True, to_field='id', related_name='coupon_shares', on_delete=OnDelete.CASCADE)),
                ('template', fields.ForeignKeyField('coupons.CouponTemplate', source_field='template_id', db_constraint=True, to_field='id', related_name='shares', on_delete=OnDelete.CASCADE)),
                ('code', fields.CharField(unique=True, max_length=32)),
                ('sharer_kind', fields.CharEnumField(description='CUSTOMER: customer\nSTAFF: staff', enum_type=SharerKind, max_length=16)),
                ('sharer_id', fields.IntField()),
                ('claims', fields.IntField(default=0)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'coupons_share', 'app': 'coupons', 'unique_together': (('template', 'sharer_kind', 'sharer_id'),), 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.AlterField(
            model_name='Coupon',
            name='source',
            field=fields.CharEnumField(default=CouponSource.CLAIM, description='CLAIM: claim\nGRANT: grant\nNEW_CUSTOMER: new_customer\nSHARE: share', enum_type=CouponSource, max_length=16),
        ),
        ops.AddField(
            model_name='Coupon',
            name='share',
            field=fields.ForeignKeyField('coupons.CouponShare', source_field='share_id', null=True, db_constraint=True, to_field='id', related_name='coupons', on_delete=OnDelete.SET_NULL),
        ),
    ]
