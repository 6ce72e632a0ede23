from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('core', '0001_initial'), ('core', '0002_customer_birthday'), ('trade', '0007_customer_uploads')]

    initial = False

    operations = [
        ops.AddField(
            model_name='Refund',
            name='retry_at',
            field=fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
        ),
        ops.AddField(
            model_name='Refund',
            name='send_attempts',
            field=fields.IntField(default=0),
        ),
        ops.AddField(
            model_name='Refund',
            name='send_error',
            field=fields.CharField(default='', max_length=200),
        ),
        ops.AddField(
            model_name='Refund',
            name='stuck_at',
            field=fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
        ),
    ]
