from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('core', '0001_initial'), ('core', '0002_customer_birthday')]

    initial = False

    operations = [
        ops.CreateModel(
            name='CustomerTag',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('shop', fields.ForeignKeyField('core.Shop', source_field='shop_id', db_constraint=True, to_field='id', related_name='customer_tags', on_delete=OnDelete.CASCADE)),
                ('customer', fields.ForeignKeyField('core.Customer', source_field='customer_id', db_constraint=True, to_field='id', related_name='tags', on_delete=OnDelete.CASCADE)),
                ('name', fields.CharField(max_length=20)),
            ],
            options={'table': 'kd_customer_tag', 'app': 'core', 'unique_together': (('customer', 'name'),), 'indexes': [Index(fields=['shop_id', 'name'])], 'pk_attr': 'id', 'table_description': "A label the shop's staff put on a customer (会员标签: 老客, 企业客户…): one row per"},
            bases=['Model'],
        ),
    ]
