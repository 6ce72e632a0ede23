from tortoise import migrations
from tortoise.migrations import operations as ops

class Migration(migrations.Migration):
    dependencies = [('catalog', '0007_search_keys'), ('core', '0001_initial'), ('core', '0002_customer_birthday')]

    initial = False

    operations = [
        ops.AlterModelOptions(
            name='SearchKey',
            options={'table': 'kd_catalog_search_key', 'app': 'catalog', 'pk_attr': 'product_id', 'table_description': "A product's search keys for the PostgreSQL search backend (``search_pg``): its title's"},
        ),
        ops.AlterModelOptions(
            name='SearchState',
            options={'table': 'kd_catalog_search_state', 'app': 'catalog', 'pk_attr': 'shop_id', 'table_description': "The catalog version a shop's ``SearchKey`` rows are up to date with."},
        ),
    ]
