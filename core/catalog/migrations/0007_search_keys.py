from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('catalog', '0006_catalog_change'), ('core', '0001_initial'), ('core', '0002_customer_birthday')]

    initial = False

    operations = [
        ops.CreateModel(
            name='SearchKey',
            fields=[
                ('product', fields.OneToOneField('catalog.Product', source_field='product_id', primary_key=True, db_index=True, db_constraint=True, to_field='id', related_name='search_key', on_delete=OnDelete.CASCADE)),
                ('shop_id', fields.IntField(db_index=True)),
                ('title', fields.CharField(max_length=120)),
                ('text_key', fields.TextField(unique=False)),
                ('full_key', fields.TextField(unique=False)),
                ('initials_key', fields.TextField(unique=False)),
                ('tags', fields.TextField(unique=False)),
                ('haystack', fields.TextField(unique=False)),
            ],
            options={'table': 'kd_catalog_search_key', 'app': 'catalog', 'pk_attr': 'product_id', 'table_description': "A product's search keys for the PostgreSQL search backend (``search_pg``): its title's"},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='SearchState',
            fields=[
                ('shop', fields.OneToOneField('core.Shop', source_field='shop_id', primary_key=True, db_index=True, db_constraint=True, to_field='id', related_name='search_state', on_delete=OnDelete.CASCADE)),
                ('version', fields.BigIntField(default=-1)),
            ],
            options={'table': 'kd_catalog_search_state', 'app': 'catalog', 'pk_attr': 'shop_id', 'table_description': "The catalog version a shop's ``SearchKey`` rows are up to date with."},
            bases=['Model'],
        ),
    ]
