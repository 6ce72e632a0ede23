import functools
from json import dumps, loads

from tortoise import fields, migrations
from tortoise.migrations import operations as ops


class Migration(migrations.Migration):
    dependencies = [('experiments', '0001_initial')]

    operations = [
        ops.AddField(model_name='Experiment', name='shipped_variant', field=fields.CharField(null=True, max_length=16)),
        ops.AddField(model_name='Experiment', name='shipped_version', field=fields.IntField(null=True)),
        ops.AddField(model_name='Experiment', name='shipped_at', field=fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
        ops.AddField(model_name='Experiment', name='shipped_without_winner', field=fields.BooleanField(default=False)),
        ops.AddField(model_name='Experiment', name='result', field=fields.JSONField(null=True, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
    ]
