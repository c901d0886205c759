"""The document types of Decree 30/2020/NĐ-CP most used by a department and its units,
and the fields of a Department of Culture, Sports and Tourism: a start the board edits."""

from django.db import migrations

from govcms.text import vietnamese_slugify

DOCUMENT_TYPES = [
    "Quyết định",
    "Chỉ thị",
    "Nghị quyết",
    "Quy chế",
    "Quy định",
    "Kế hoạch",
    "Chương trình",
    "Đề án",
    "Hướng dẫn",
    "Thông báo",
    "Công văn",
    "Báo cáo",
    "Tờ trình",
]
FIELDS = [
    "Văn hóa",
    "Gia đình",
    "Thể dục, thể thao",
    "Du lịch",
    "Di sản văn hóa",
    "Thư viện",
    "Tổ chức cán bộ",
    "Thi đua, khen thưởng",
    "Cải cách hành chính",
]


def add_lists(apps, schema_editor):
    for model_name, names in (("DocumentType", DOCUMENT_TYPES), ("DocumentField", FIELDS)):
        model = apps.get_model("legal", model_name)
        for order, name in enumerate(names):
            model.objects.get_or_create(
                name=name, defaults={"slug": vietnamese_slugify(name), "sort_order": order}
            )


class Migration(migrations.Migration):
    dependencies = [("legal", "0001_initial")]

    operations = [migrations.RunPython(add_lists, migrations.RunPython.noop)]
