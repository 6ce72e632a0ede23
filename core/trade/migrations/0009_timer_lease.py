from tortoise import migrations
from tortoise.migrations import operations as ops
from core.trade.models import TimerStatus
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('core', '0001_initial'), ('core', '0002_customer_birthday'), ('trade', '0008_refund_sending')]

    initial = False

    operations = [
        ops.AlterField(
            model_name='Timer',
            name='status',
            field=fields.CharEnumField(default=TimerStatus.PENDING, description='PENDING: pending\nRUNNING: running\nDONE: done', enum_type=TimerStatus, max_length=16),
        ),
        ops.AddField(
            model_name='Timer',
            name='lease_until',
            field=fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
        ),
    ]
