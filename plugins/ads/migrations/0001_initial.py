from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from json import dumps, loads
from plugins.ads.models import AdAudience, AdSlot, AdStatus
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('core', '0001_initial'), ('core', '0002_customer_birthday')]

    initial = True

    operations = [
        ops.CreateModel(
            name='AdCampaign',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('shop', fields.ForeignKeyField('core.Shop', source_field='shop_id', db_constraint=True, to_field='id', related_name='ad_campaigns', on_delete=OnDelete.CASCADE)),
                ('name', fields.CharField(max_length=60)),
                ('slot', fields.CharEnumField(description='SPLASH: splash\nPOPUP: popup\nFLOATING: floating\nBANNER: banner\nHOTZONE: hotzone', enum_type=AdSlot, max_length=12)),
                ('status', fields.CharEnumField(default=AdStatus.ACTIVE, description='ACTIVE: active\nPAUSED: paused', enum_type=AdStatus, max_length=8)),
                ('priority', fields.IntField(default=0)),
                ('starts_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('ends_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('days_of_week', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('hours', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('pages', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('audience', fields.CharEnumField(default=AdAudience.ALL, description='ALL: all\nNEW: new\nRETURNING: returning', enum_type=AdAudience, max_length=12)),
                ('caps', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('countdown_seconds', fields.IntField(default=5)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'ads_campaign', 'app': 'ads', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='AdCapCounter',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('campaign', fields.ForeignKeyField('ads.AdCampaign', source_field='campaign_id', db_constraint=True, to_field='id', related_name='cap_counters', on_delete=OnDelete.CASCADE)),
                ('subject', fields.CharField(max_length=140)),
                ('period', fields.CharField(max_length=80)),
                ('served', fields.IntField(default=0)),
            ],
            options={'table': 'ads_cap_counter', 'app': 'ads', 'unique_together': (('campaign', 'subject', 'period'),), 'pk_attr': 'id', 'table_description': 'How often a campaign was served to one device or customer in one period. Serving bumps'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='AdCreative',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('shop', fields.ForeignKeyField('core.Shop', source_field='shop_id', db_constraint=True, to_field='id', related_name='ad_creatives', on_delete=OnDelete.CASCADE)),
                ('campaign', fields.ForeignKeyField('ads.AdCampaign', source_field='campaign_id', db_constraint=True, to_field='id', related_name='creatives', on_delete=OnDelete.CASCADE)),
                ('position', fields.IntField(default=0)),
                ('kind', fields.CharField(default='image', max_length=8)),
                ('media_url', fields.CharField(max_length=1000)),
                ('width', fields.IntField()),
                ('height', fields.IntField()),
                ('link', fields.CharField(default='', max_length=64)),
                ('hot_zones', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('weight', fields.IntField(default=1)),
            ],
            options={'table': 'ads_creative', 'app': 'ads', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='AdServe',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('shop', fields.ForeignKeyField('core.Shop', source_field='shop_id', db_constraint=True, to_field='id', related_name='ad_serves', on_delete=OnDelete.CASCADE)),
                ('campaign', fields.ForeignKeyField('ads.AdCampaign', source_field='campaign_id', db_constraint=True, to_field='id', related_name='serves', on_delete=OnDelete.CASCADE)),
                ('creative_id', fields.IntField()),
                ('device_id', fields.CharField(max_length=128)),
                ('customer_id', fields.IntField(null=True)),
                ('served_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('day', fields.DateField()),
            ],
            options={'table': 'ads_serve', 'app': 'ads', 'indexes': [Index(fields=['shop_id', 'campaign_id', 'day'])], 'pk_attr': 'id', 'table_description': "One creative handed to one device: the stats' served column, and the serve a client's"},
            bases=['Model'],
        ),
    ]
