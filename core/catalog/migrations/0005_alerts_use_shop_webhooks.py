from tortoise import migrations
from tortoise.migrations import operations as ops

class Migration(migrations.Migration):
    dependencies = [('catalog', '0004_media'), ('core', '0001_initial')]

    initial = False

    operations = [
        ops.RemoveField(model_name='CatalogSettings', name='webhook_secret'),
        ops.RemoveField(model_name='CatalogSettings', name='webhook_url'),
    ]
