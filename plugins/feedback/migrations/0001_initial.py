from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from json import dumps, loads
from plugins.feedback.models import RequestStatus
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('core', '0001_initial')]

    initial = True

    operations = [
        ops.CreateModel(
            name='FeedbackRequest',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('shop', fields.ForeignKeyField('core.Shop', source_field='shop_id', db_constraint=True, to_field='id', related_name='feedback_requests', on_delete=OnDelete.CASCADE)),
                ('customer', fields.ForeignKeyField('core.Customer', source_field='customer_id', db_constraint=True, to_field='id', related_name='feedback_requests', on_delete=OnDelete.CASCADE)),
                ('order_id', fields.IntField(unique=True)),
                ('order_no', fields.CharField(default='', max_length=40)),
                ('status', fields.CharEnumField(default=RequestStatus.PENDING, description='PENDING: pending\nANSWERED: answered\nEXPIRED: expired', enum_type=RequestStatus, max_length=16)),
                ('expires_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('notified', fields.BooleanField(default=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'feedback_request', 'app': 'feedback', 'indexes': [Index(fields=['shop_id', 'customer_id', 'status'])], 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='FeedbackAnswer',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('shop', fields.ForeignKeyField('core.Shop', source_field='shop_id', db_constraint=True, to_field='id', related_name='feedback_answers', on_delete=OnDelete.CASCADE)),
                ('customer', fields.ForeignKeyField('core.Customer', source_field='customer_id', db_constraint=True, to_field='id', related_name='feedback_answers', on_delete=OnDelete.CASCADE)),
                ('request', fields.OneToOneField('feedback.FeedbackRequest', source_field='request_id', db_constraint=True, to_field='id', related_name='answer', on_delete=OnDelete.CASCADE)),
                ('order_id', fields.IntField(unique=True)),
                ('score', fields.SmallIntField()),
                ('tags', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('text', fields.CharField(default='', max_length=500)),
                ('photo_urls', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'feedback_answer', 'app': 'feedback', 'indexes': [Index(fields=['shop_id', 'created_at'])], 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='SubscribeGrant',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('shop', fields.ForeignKeyField('core.Shop', source_field='shop_id', db_constraint=True, to_field='id', related_name='feedback_subscribe_grants', on_delete=OnDelete.CASCADE)),
                ('customer', fields.ForeignKeyField('core.Customer', source_field='customer_id', db_constraint=True, to_field='id', related_name='feedback_subscribe_grants', on_delete=OnDelete.CASCADE)),
                ('template_id', fields.CharField(max_length=64)),
                ('remaining', fields.IntField(default=0)),
            ],
            options={'table': 'feedback_subscribe_grant', 'app': 'feedback', 'unique_together': (('shop', 'customer', 'template_id'),), 'pk_attr': 'id'},
            bases=['Model'],
        ),
    ]
