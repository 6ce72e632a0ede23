from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from builder.models import VersionStatus
from json import dumps, loads
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('core', '0001_initial')]

    initial = True

    operations = [
        ops.CreateModel(
            name='PageConfigVersion',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('shop', fields.ForeignKeyField('core.Shop', source_field='shop_id', db_constraint=True, to_field='id', related_name='page_config_versions', on_delete=OnDelete.CASCADE)),
                ('number', fields.IntField()),
                ('status', fields.CharEnumField(description='DRAFT: draft\nPUBLISHED: published', enum_type=VersionStatus, max_length=16)),
                ('config', fields.JSONField(encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('based_on', fields.IntField(null=True)),
                ('note', fields.CharField(default='', max_length=200)),
                ('created_by_staff_id', fields.IntField(null=True)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'kd_page_config_version', 'app': 'builder', 'unique_together': (('shop', 'number'),), 'indexes': [Index(fields=['shop_id', 'status', 'number'])], 'pk_attr': 'id'},
            bases=['Model'],
        ),
    ]
