from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('catalog', '0008_auto_20261204_1630'), ('core', '0001_initial'), ('core', '0002_customer_birthday')]

    initial = False

    # Rows keyed before these columns existed carry no status or sales: drop them (and the
    # versions they were keyed at), so the next search of each shop keys it afresh.
    operations = [
        ops.RunSQL(
            ["DELETE FROM kd_catalog_search_key", "DELETE FROM kd_catalog_search_state"],
            reverse_sql=["DELETE FROM kd_catalog_search_key", "DELETE FROM kd_catalog_search_state"],
        ),
        ops.AddField(model_name='SearchKey', name='listed', field=fields.BooleanField(default=False)),
        ops.AddField(model_name='SearchKey', name='on_sale_at', field=fields.DatetimeField(null=True)),
        ops.AddField(model_name='SearchKey', name='sales', field=fields.IntField(default=0)),
        ops.AddField(model_name='SearchState', name='sales_read_at', field=fields.DatetimeField(null=True)),
    ]
