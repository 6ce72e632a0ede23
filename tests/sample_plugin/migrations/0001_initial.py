from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('core', '0001_initial')]

    initial = True

    operations = [
        ops.CreateModel(
            name='Note',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('shop', fields.ForeignKeyField('core.Shop', source_field='shop_id', db_constraint=True, to_field='id', related_name='sample_notes', on_delete=OnDelete.CASCADE)),
                ('text', fields.CharField(max_length=200)),
            ],
            options={'table': 'sample_note', 'app': 'sample', 'pk_attr': 'id'},
            bases=['Model'],
        ),
    ]
