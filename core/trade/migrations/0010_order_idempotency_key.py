from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('core', '0001_initial'), ('core', '0002_customer_birthday'), ('trade', '0009_timer_lease')]

    initial = False

    operations = [
        ops.AddField(
            model_name='Order',
            name='idempotency_key_id',
            field=fields.IntField(null=True, unique=True),
        ),
    ]
