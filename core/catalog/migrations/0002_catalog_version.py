from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('catalog', '0001_initial')]

    initial = False

    operations = [
        ops.AddField(model_name='Product', name='tag_text', field=fields.CharField(default='', max_length=600)),
        ops.CreateModel(
            name='CatalogVersion',
            fields=[
                ('shop', fields.OneToOneField('core.Shop', source_field='shop_id', primary_key=True, db_constraint=True, to_field='id', related_name='catalog_version', on_delete=OnDelete.CASCADE)),
                ('version', fields.BigIntField(default=0)),
            ],
            options={'table': 'kd_catalog_version', 'app': 'catalog', 'pk_attr': 'shop_id', 'table_description': 'A per-shop counter bumped in the same transaction as any catalog change.'},
            bases=['Model'],
        ),
    ]
