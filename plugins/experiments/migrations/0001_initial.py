from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from json import dumps, loads
from plugins.experiments.models import ExperimentGoal, ExperimentKind, ExperimentStatus
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('core', '0001_initial'), ('core', '0002_customer_birthday')]

    initial = True

    operations = [
        ops.CreateModel(
            name='Experiment',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('shop', fields.ForeignKeyField('core.Shop', source_field='shop_id', db_constraint=True, to_field='id', related_name='experiments', on_delete=OnDelete.CASCADE)),
                ('key', fields.CharField(max_length=32)),
                ('name', fields.CharField(max_length=60)),
                ('kind', fields.CharEnumField(description='BLOCK: block\nPAGE: page', enum_type=ExperimentKind, max_length=8)),
                ('page_route', fields.CharField(max_length=64)),
                ('block_id', fields.CharField(null=True, max_length=64)),
                ('goal', fields.CharEnumField(description='BLOCK_CTR: block_ctr\nADD_TO_CART_RATE: add_to_cart_rate\nORDER_CONVERSION: order_conversion\nGMV_PER_VISITOR: gmv_per_visitor', enum_type=ExperimentGoal, max_length=24)),
                ('variants', fields.JSONField(encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('holdout_percent', fields.IntField(default=0)),
                ('minimum_sample', fields.IntField(default=1000)),
                ('status', fields.CharEnumField(default=ExperimentStatus.DRAFT, description='DRAFT: draft\nRUNNING: running\nSTOPPED: stopped', enum_type=ExperimentStatus, max_length=8)),
                ('started_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('stopped_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'experiments_experiment', 'app': 'experiments', 'unique_together': (('shop', 'key'),), 'pk_attr': 'id'},
            bases=['Model'],
        ),
    ]
