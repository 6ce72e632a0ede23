from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('analytics', '0001_initial'), ('core', '0001_initial'), ('core', '0002_customer_birthday')]

    initial = False

    operations = [
        ops.RemoveIndex(
            model_name='AnalyticsEvent',
            name=None,
            fields=['shop_id', 'day', 'type'],
        ),
        ops.AddIndex(
            model_name='AnalyticsEvent',
            index=Index(fields=['shop_id', 'type', 'day', 'actor', 'ts_ms', 'route']),
        ),
    ]
