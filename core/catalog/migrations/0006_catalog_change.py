from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('catalog', '0005_alerts_use_shop_webhooks'), ('core', '0001_initial'), ('core', '0002_customer_birthday')]

    initial = False

    operations = [
        ops.CreateModel(
            name='CatalogChange',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('shop', fields.ForeignKeyField('core.Shop', source_field='shop_id', db_constraint=True, to_field='id', related_name='catalog_changes', on_delete=OnDelete.CASCADE)),
                ('version', fields.BigIntField()),
                ('product_id', fields.IntField(null=True)),
            ],
            options={'table': 'kd_catalog_change', 'app': 'catalog', 'indexes': [Index(fields=['shop_id', 'version'])], 'pk_attr': 'id', 'table_description': "Which products a catalog version changed, written in the bump's transaction: a row"},
            bases=['Model'],
        ),
    ]
