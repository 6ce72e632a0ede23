from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from core.catalog.models import ProductStatus
from json import dumps, loads
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('core', '0001_initial')]

    initial = True

    operations = [
        ops.CreateModel(
            name='CatalogSettings',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('shop', fields.OneToOneField('core.Shop', source_field='shop_id', db_constraint=True, to_field='id', related_name='catalog_settings', on_delete=OnDelete.CASCADE)),
                ('low_stock_threshold', fields.IntField(default=5)),
                ('show_exact_stock', fields.BooleanField(default=False)),
                ('webhook_url', fields.CharField(default='', max_length=500)),
                ('webhook_secret', fields.CharField(default='', max_length=128)),
            ],
            options={'table': 'kd_catalog_settings', 'app': 'catalog', 'pk_attr': 'id', 'table_description': 'Per-shop catalog options (a shop without a row uses the defaults).'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Category',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('shop', fields.ForeignKeyField('core.Shop', source_field='shop_id', db_constraint=True, to_field='id', related_name='categories', on_delete=OnDelete.CASCADE)),
                ('parent', fields.ForeignKeyField('catalog.Category', source_field='parent_id', null=True, db_constraint=True, to_field='id', related_name='children', on_delete=OnDelete.RESTRICT)),
                ('name', fields.CharField(max_length=60)),
                ('sort', fields.IntField(default=0)),
                ('icon', fields.CharField(default='', max_length=500)),
                ('depth', fields.SmallIntField(default=1)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'kd_catalog_category', 'app': 'catalog', 'indexes': [Index(fields=['shop_id', 'parent_id', 'sort'])], 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='InventoryAlert',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('shop', fields.ForeignKeyField('core.Shop', source_field='shop_id', db_constraint=True, to_field='id', related_name='inventory_alerts', on_delete=OnDelete.CASCADE)),
                ('sku_id', fields.IntField()),
                ('product_id', fields.IntField()),
                ('stock', fields.IntField()),
                ('threshold', fields.IntField()),
                ('notified_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('read_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'kd_catalog_inventory_alert', 'app': 'catalog', 'indexes': [Index(fields=['shop_id', 'created_at']), Index(fields=['notified_at'])], 'pk_attr': 'id', 'table_description': 'A low-stock alert: written in the reserving transaction, announced after it commits.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Product',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('shop', fields.ForeignKeyField('core.Shop', source_field='shop_id', db_constraint=True, to_field='id', related_name='products', on_delete=OnDelete.CASCADE)),
                ('category', fields.ForeignKeyField('catalog.Category', source_field='category_id', null=True, db_constraint=True, to_field='id', related_name='products', on_delete=OnDelete.SET_NULL)),
                ('title', fields.CharField(max_length=120)),
                ('subtitle', fields.CharField(default='', max_length=200)),
                ('description', fields.TextField(default='', unique=False)),
                ('status', fields.CharEnumField(default=ProductStatus.DRAFT, description='DRAFT: draft\nON_SALE: on_sale\nOFF_SALE: off_sale', enum_type=ProductStatus, max_length=16)),
                ('on_sale_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('specs', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('tags', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('media', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('sales', fields.IntField(default=0)),
                ('min_price_fen', fields.BigIntField(default=0)),
                ('max_price_fen', fields.BigIntField(default=0)),
                ('sort', fields.IntField(default=0)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'kd_catalog_product', 'app': 'catalog', 'indexes': [Index(fields=['shop_id', 'status', 'sort']), Index(fields=['shop_id', 'category_id']), Index(fields=['shop_id', 'status', 'min_price_fen'])], 'pk_attr': 'id', 'table_description': 'An SPU. ``specs`` is ``[{"name": "颜色", "values": ["红", "蓝"]}, …]`` in display order.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='SearchTerm',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('shop', fields.ForeignKeyField('core.Shop', source_field='shop_id', db_constraint=True, to_field='id', related_name='search_terms', on_delete=OnDelete.CASCADE)),
                ('term', fields.CharField(max_length=60)),
                ('count', fields.IntField(default=0)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'kd_catalog_search_term', 'app': 'catalog', 'unique_together': (('shop', 'term'),), 'pk_attr': 'id', 'table_description': 'How often customers searched a term in a shop: the source of hot searches.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Sku',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('shop', fields.ForeignKeyField('core.Shop', source_field='shop_id', db_constraint=True, to_field='id', related_name='skus', on_delete=OnDelete.CASCADE)),
                ('product', fields.ForeignKeyField('catalog.Product', source_field='product_id', db_constraint=True, to_field='id', related_name='skus', on_delete=OnDelete.CASCADE)),
                ('code', fields.CharField(null=True, max_length=64)),
                ('spec_key', fields.CharField(default='', max_length=255)),
                ('spec_values', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('price_fen', fields.BigIntField(default=0)),
                ('list_price_fen', fields.BigIntField(null=True)),
                ('stock', fields.IntField(default=0)),
                ('low_stock_threshold', fields.IntField(null=True)),
                ('low_stock_alerted', fields.BooleanField(default=False)),
                ('image', fields.CharField(default='', max_length=500)),
                ('sales', fields.IntField(default=0)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'kd_catalog_sku', 'app': 'catalog', 'unique_together': (('shop', 'code'), ('product', 'spec_key')), 'pk_attr': 'id', 'table_description': "One cell of the product's spec matrix."},
            bases=['Model'],
        ),
    ]
