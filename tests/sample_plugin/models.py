from tortoise import fields
from tortoise.models import Model


class Note(Model):
    id = fields.IntField(primary_key=True)
    shop = fields.ForeignKeyField("core.Shop", related_name="sample_notes", on_delete=fields.CASCADE)
    text = fields.CharField(max_length=200)

    class Meta:
        table = "sample_note"
