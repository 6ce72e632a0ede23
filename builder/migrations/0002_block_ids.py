"""Every block of every stored page configuration gets an id (README,
"Analytics"), so analytics can follow a block while it is moved. Versions are otherwise never
changed after they are written; adding ids changes nothing a customer sees. The same block in a
shop's draft and published versions gets the same id (made from its route and position)."""

import json

from tortoise import migrations
from tortoise.migrations import operations as ops

from builder.config import with_block_ids

_PLACEHOLDERS = {"postgres": ("$1::jsonb", "$2"), "mysql": ("%s", "%s")}


async def give_blocks_ids(apps, schema_editor):
    client = schema_editor.client
    config_slot, id_slot = _PLACEHOLDERS.get(client.capabilities.dialect, ("?", "?"))
    rows = await client.execute_query_dict("SELECT id, config FROM kd_page_config_version ORDER BY id")
    for row in rows:
        stored = row["config"]
        config = json.loads(stored) if isinstance(stored, (str, bytes)) else stored
        if not isinstance(config, dict):
            continue
        updated = with_block_ids(config)
        if updated != config:
            await client.execute_query(
                f"UPDATE kd_page_config_version SET config = {config_slot} WHERE id = {id_slot}",
                [json.dumps(updated, separators=(",", ":")), row["id"]],
            )


class Migration(migrations.Migration):
    dependencies = [('builder', '0001_initial')]

    initial = False

    operations = [
        ops.RunPython(give_blocks_ids, ops.RunPython.noop),
    ]
