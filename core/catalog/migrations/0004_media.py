from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from core.catalog.models import MediaKind
from json import dumps, loads
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('catalog', '0003_catalog_version_description'), ('core', '0001_initial')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Media',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('shop', fields.ForeignKeyField('core.Shop', source_field='shop_id', db_constraint=True, to_field='id', related_name='media', on_delete=OnDelete.CASCADE)),
                ('kind', fields.CharEnumField(description='IMAGE: image\nVIDEO: video\nMODEL: model', enum_type=MediaKind, max_length=16)),
                ('storage_key', fields.CharField(default='', max_length=200)),
                ('external_url', fields.CharField(default='', max_length=1000)),
                ('content_type', fields.CharField(default='', max_length=100)),
                ('format', fields.CharField(default='', max_length=16)),
                ('filename', fields.CharField(default='', max_length=200)),
                ('size_bytes', fields.BigIntField(default=0)),
                ('width', fields.IntField(null=True)),
                ('height', fields.IntField(null=True)),
                ('variants', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'kd_catalog_media', 'app': 'catalog', 'indexes': [Index(fields=['shop_id', 'kind'])], 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ProductMedia',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('shop', fields.ForeignKeyField('core.Shop', source_field='shop_id', db_constraint=True, to_field='id', related_name='product_media', on_delete=OnDelete.CASCADE)),
                ('product', fields.ForeignKeyField('catalog.Product', source_field='product_id', db_constraint=True, to_field='id', related_name='attached_media', on_delete=OnDelete.CASCADE)),
                ('media', fields.ForeignKeyField('catalog.Media', source_field='media_id', db_constraint=True, to_field='id', related_name='attachments', on_delete=OnDelete.RESTRICT)),
                ('role', fields.CharEnumField(description='IMAGE: image\nVIDEO: video\nMODEL: model', enum_type=MediaKind, max_length=16)),
                ('position', fields.IntField(default=0)),
            ],
            options={'table': 'kd_catalog_product_media', 'app': 'catalog', 'indexes': [Index(fields=['shop_id', 'media_id'])], 'pk_attr': 'id'},
            bases=['Model'],
        ),
    ]
