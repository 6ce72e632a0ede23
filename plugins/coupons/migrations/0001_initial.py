from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from json import dumps, loads
from plugins.coupons.models import CouponKind, CouponScope, CouponSource, CouponStatus, TemplateStatus, ValidityKind
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('core', '0001_initial')]

    initial = True

    operations = [
        ops.CreateModel(
            name='CouponOrder',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('shop', fields.ForeignKeyField('core.Shop', source_field='shop_id', db_constraint=True, to_field='id', related_name='coupon_orders', on_delete=OnDelete.CASCADE)),
                ('order_id', fields.IntField()),
                ('customer', fields.ForeignKeyField('core.Customer', source_field='customer_id', db_constraint=True, to_field='id', related_name='coupon_orders', on_delete=OnDelete.CASCADE)),
                ('paid_fen', fields.IntField(null=True)),
                ('refunded_fen', fields.IntField(default=0)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'coupons_order', 'app': 'coupons', 'unique_together': (('shop', 'order_id'),), 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='CouponTemplate',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('shop', fields.ForeignKeyField('core.Shop', source_field='shop_id', db_constraint=True, to_field='id', related_name='coupon_templates', on_delete=OnDelete.CASCADE)),
                ('name', fields.CharField(max_length=60)),
                ('kind', fields.CharEnumField(description='AMOUNT_OFF: amount_off\nPERCENT_OFF: percent_off\nNO_THRESHOLD: no_threshold\nSHIPPING: shipping', enum_type=CouponKind, max_length=16)),
                ('amount_fen', fields.IntField(default=0)),
                ('percent_off', fields.IntField(default=0)),
                ('max_discount_fen', fields.IntField(null=True)),
                ('threshold_fen', fields.IntField(default=0)),
                ('scope', fields.CharEnumField(default=CouponScope.SHOP, description='SHOP: shop\nCATEGORIES: categories\nPRODUCTS: products', enum_type=CouponScope, max_length=16)),
                ('scope_ids', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('excluded_product_ids', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('excluded_category_ids', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('exclusive', fields.BooleanField(default=False)),
                ('validity', fields.CharEnumField(default=ValidityKind.FIXED, description='FIXED: fixed\nAFTER_CLAIM: after_claim', enum_type=ValidityKind, max_length=16)),
                ('valid_from', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('valid_until', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('valid_days', fields.IntField(null=True)),
                ('claim_starts_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('claim_ends_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('total_quantity', fields.IntField()),
                ('issued_count', fields.IntField(default=0)),
                ('per_customer_limit', fields.IntField(default=1)),
                ('claimable', fields.BooleanField(default=True)),
                ('new_customer_gift', fields.BooleanField(default=False)),
                ('status', fields.CharEnumField(default=TemplateStatus.ACTIVE, description='ACTIVE: active\nSTOPPED: stopped', enum_type=TemplateStatus, max_length=16)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'coupons_template', 'app': 'coupons', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ClaimCounter',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('template', fields.ForeignKeyField('coupons.CouponTemplate', source_field='template_id', db_constraint=True, to_field='id', related_name='claim_counters', on_delete=OnDelete.CASCADE)),
                ('customer', fields.ForeignKeyField('core.Customer', source_field='customer_id', db_constraint=True, to_field='id', related_name='coupon_claim_counters', on_delete=OnDelete.CASCADE)),
                ('claimed', fields.IntField(default=0)),
            ],
            options={'table': 'coupons_claim_counter', 'app': 'coupons', 'unique_together': (('template', 'customer'),), 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Coupon',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('shop', fields.ForeignKeyField('core.Shop', source_field='shop_id', db_constraint=True, to_field='id', related_name='coupons', on_delete=OnDelete.CASCADE)),
                ('template', fields.ForeignKeyField('coupons.CouponTemplate', source_field='template_id', db_constraint=True, to_field='id', related_name='coupons', on_delete=OnDelete.CASCADE)),
                ('customer', fields.ForeignKeyField('core.Customer', source_field='customer_id', db_constraint=True, to_field='id', related_name='coupons', on_delete=OnDelete.CASCADE)),
                ('status', fields.CharEnumField(default=CouponStatus.AVAILABLE, description='AVAILABLE: available\nLOCKED: locked\nUSED: used', enum_type=CouponStatus, max_length=16)),
                ('source', fields.CharEnumField(default=CouponSource.CLAIM, description='CLAIM: claim\nGRANT: grant\nNEW_CUSTOMER: new_customer', enum_type=CouponSource, max_length=16)),
                ('valid_from', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('valid_until', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('order_id', fields.IntField(null=True, db_index=True)),
                ('claimed_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('used_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'coupons_coupon', 'app': 'coupons', 'pk_attr': 'id'},
            bases=['Model'],
        ),
    ]
