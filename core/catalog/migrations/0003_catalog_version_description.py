from tortoise import migrations
from tortoise.migrations import operations as ops

class Migration(migrations.Migration):
    dependencies = [('catalog', '0002_catalog_version'), ('core', '0001_initial')]

    initial = False

    operations = [
        ops.AlterModelOptions(
            name='CatalogVersion',
            options={'table': 'kd_catalog_version', 'app': 'catalog', 'pk_attr': 'shop_id', 'table_description': 'A per-shop counter bumped in the same transaction as any catalog change.'},
        ),
    ]
