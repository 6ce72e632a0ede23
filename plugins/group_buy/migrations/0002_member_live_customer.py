from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields
from tortoise.migrations.constraints import UniqueConstraint


async def mark_live_members(apps, schema_editor):
    """Members holding a place (reserved or paid) get their customer in ``live_customer_id``;
    should a customer hold two places in one group already (the race this key now prevents),
    only the first is marked, so the unique key can be added."""
    client = schema_editor.client
    rows = await client.execute_query_dict(
        "SELECT id, group_id, customer_id FROM group_buy_member WHERE status IN ('reserved', 'paid') ORDER BY id"
    )
    seen, first = set(), []
    for row in rows:
        if (row["group_id"], row["customer_id"]) not in seen:
            seen.add((row["group_id"], row["customer_id"]))
            first.append(int(row["id"]))
    for start in range(0, len(first), 500):
        ids = ",".join(str(member_id) for member_id in first[start:start + 500])
        await client.execute_script(f"UPDATE group_buy_member SET live_customer_id = customer_id WHERE id IN ({ids})")


class Migration(migrations.Migration):
    dependencies = [('core', '0001_initial'), ('core', '0002_customer_birthday'), ('group_buy', '0001_initial')]

    initial = False

    operations = [
        ops.AddField(
            model_name='GroupBuyMember',
            name='live_customer_id',
            field=fields.IntField(null=True),
        ),
        ops.RunPython(mark_live_members, ops.RunPython.noop),
        ops.AddConstraint(
            model_name='GroupBuyMember',
            constraint=UniqueConstraint(fields=('group', 'live_customer_id'), name=None),
        ),
    ]
