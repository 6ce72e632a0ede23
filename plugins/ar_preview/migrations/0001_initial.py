from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields


class Migration(migrations.Migration):
    dependencies = [('core', '0001_initial'), ('catalog', '0004_media')]

    initial = True

    operations = [
        ops.CreateModel(
            name='ArModel',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('shop', fields.ForeignKeyField('core.Shop', source_field='shop_id', db_constraint=True, to_field='id', related_name='ar_models', on_delete=OnDelete.CASCADE)),
                ('product', fields.ForeignKeyField('catalog.Product', source_field='product_id', db_constraint=True, to_field='id', related_name='ar_models', on_delete=OnDelete.CASCADE)),
                ('model', fields.ForeignKeyField('catalog.Media', source_field='model_id', db_constraint=True, to_field='id', related_name='ar_models', on_delete=OnDelete.RESTRICT)),
                ('poster', fields.ForeignKeyField('catalog.Media', source_field='poster_id', db_constraint=True, to_field='id', related_name='ar_posters', on_delete=OnDelete.RESTRICT)),
                ('usdz_key', fields.CharField(default='', max_length=200)),
                ('usdz_bytes', fields.BigIntField(default=0)),
                ('triangles', fields.IntField(default=0)),
                ('texture_count', fields.IntField(default=0)),
                ('max_texture_width', fields.IntField(default=0)),
                ('max_texture_height', fields.IntField(default=0)),
                ('warnings', fields.JSONField(default=list)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'ar_preview_model', 'app': 'ar_preview', 'unique_together': (('shop', 'product'),), 'pk_attr': 'id'},
            bases=['Model'],
        ),
    ]
