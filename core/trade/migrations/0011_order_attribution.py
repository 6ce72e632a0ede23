from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('core', '0001_initial'), ('core', '0002_customer_birthday'), ('trade', '0010_order_idempotency_key')]

    initial = False

    operations = [
        ops.AddField(
            model_name='Order',
            name='attribution',
            field=fields.JSONField(null=True),
        ),
    ]
