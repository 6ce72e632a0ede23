from tortoise import fields, migrations
from tortoise.migrations import operations as ops


async def encrypt_leader_contacts(apps, schema_editor):
    """Leaders stored before names and phones were encrypted: encrypt both with the data keys
    of the app being upgraded and index the phone; the plaintext columns are dropped next."""
    from pypika_tortoise import Table

    from core.db import migration_cipher
    from core.security.crypto import normalize_phone
    from plugins.community_group.leaders import NAME, PHONE

    client = schema_editor.client
    rows = await client.execute_query_dict("SELECT id, name, phone FROM community_group_leader ORDER BY id")
    if not rows:
        return
    cipher = migration_cipher()
    table = Table("community_group_leader")
    for row in rows:
        phone = normalize_phone(row["phone"] or "")
        query = (
            client.query_class.update(table)
            .set(table.name_encrypted, cipher.encrypt(row["name"] or "", context=NAME))
            .set(table.phone_encrypted, cipher.encrypt(phone, context=PHONE))
            .set(table.phone_index, cipher.blind_index(phone, context=PHONE))
            .where(table.id == int(row["id"]))
        )
        await client.execute_query(query.get_sql())


class Migration(migrations.Migration):
    dependencies = [('core', '0001_initial'), ('community_group', '0001_initial')]

    initial = False

    operations = [
        ops.AddField(model_name='Leader', name='name_encrypted', field=fields.CharField(null=True, max_length=255)),
        ops.AddField(model_name='Leader', name='phone_encrypted', field=fields.CharField(null=True, max_length=255)),
        ops.AddField(model_name='Leader', name='phone_index', field=fields.CharField(null=True, max_length=64, db_index=True)),
        ops.RunPython(encrypt_leader_contacts, ops.RunPython.noop),
        ops.RemoveField(model_name='Leader', name='name'),
        ops.RemoveField(model_name='Leader', name='phone'),
    ]
