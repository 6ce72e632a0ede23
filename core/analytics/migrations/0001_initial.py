from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from json import dumps, loads
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('core', '0001_initial'), ('core', '0002_customer_birthday')]

    initial = True

    operations = [
        ops.CreateModel(
            name='AnalyticsDailyStat',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('shop', fields.ForeignKeyField('core.Shop', source_field='shop_id', db_constraint=True, to_field='id', related_name='analytics_daily_stats', on_delete=OnDelete.CASCADE)),
                ('day', fields.DateField()),
                ('type', fields.CharField(max_length=40)),
                ('events', fields.IntField()),
                ('actors', fields.IntField()),
            ],
            options={'table': 'kd_analytics_daily_stat', 'app': 'analytics', 'unique_together': (('shop', 'day', 'type'),), 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='AnalyticsEvent',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('shop', fields.ForeignKeyField('core.Shop', source_field='shop_id', db_constraint=True, to_field='id', related_name='analytics_events', on_delete=OnDelete.CASCADE)),
                ('event_id', fields.CharField(max_length=64)),
                ('type', fields.CharField(max_length=40)),
                ('device_id', fields.CharField(max_length=128)),
                ('customer_id', fields.IntField(null=True)),
                ('actor', fields.CharField(max_length=130)),
                ('session_id', fields.CharField(max_length=64)),
                ('route', fields.CharField(max_length=200)),
                ('from_route', fields.CharField(null=True, max_length=200)),
                ('block_id', fields.CharField(null=True, max_length=100)),
                ('experiments', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('props', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('client_time', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('server_time', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('ts_ms', fields.BigIntField()),
                ('day', fields.DateField()),
            ],
            options={'table': 'kd_analytics_event', 'app': 'analytics', 'unique_together': (('shop', 'event_id'),), 'indexes': [Index(fields=['shop_id', 'day', 'type']), Index(fields=['shop_id', 'actor', 'day']), Index(fields=['shop_id', 'route', 'day'])], 'pk_attr': 'id'},
            bases=['Model'],
        ),
    ]
