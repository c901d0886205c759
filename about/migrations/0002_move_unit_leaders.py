"""The leaders units recorded on their unit page (``departments.DepartmentLeader``, before
the leaders page existed) move to a leaders page under each unit, published as they were
shown: the public sees the same leaders, at the unit page and on the new page."""

import uuid

from django.db import migrations
from django.utils import timezone

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEP = 4


def _step(number):
    digits = ""
    while number:
        number, rest = divmod(number, len(ALPHABET))
        digits = ALPHABET[rest] + digits
    return digits.rjust(STEP, "0")


def move_leaders(apps, schema_editor):
    DepartmentPage = apps.get_model("departments", "DepartmentPage")
    DepartmentLeader = apps.get_model("departments", "DepartmentLeader")
    LeadersPage = apps.get_model("about", "LeadersPage")
    Leader = apps.get_model("about", "Leader")
    Page = apps.get_model("wagtailcore", "Page")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _created = ContentType.objects.get_or_create(
        app_label="about", model="leaderspage"
    )
    now = timezone.now()
    for unit in DepartmentPage.objects.filter(
        pk__in=DepartmentLeader.objects.values("page_id")
    ).order_by("path"):
        children = Page.objects.filter(path__startswith=unit.path, depth=unit.depth + 1)
        if children.filter(content_type=content_type).exists():
            continue
        last = children.order_by("-path").values_list("path", flat=True).first()
        slug, number = "lanh-dao", 1
        while children.filter(slug=slug).exists():
            number += 1
            slug = f"lanh-dao-{number}"
        page = LeadersPage.objects.create(
            title="Lãnh đạo",
            draft_title="Lãnh đạo",
            slug=slug,
            path=unit.path + _step(int(last[-STEP:], 36) + 1 if last else 1),
            depth=unit.depth + 1,
            numchild=0,
            url_path=f"{unit.url_path}{slug}/",
            content_type=content_type,
            locale_id=unit.locale_id,
            translation_key=uuid.uuid4(),
            live=True,
            has_unpublished_changes=False,
            first_published_at=now,
            last_published_at=now,
            introduction="",
        )
        Page.objects.filter(pk=unit.pk).update(numchild=children.count())
        for leader in DepartmentLeader.objects.filter(page_id=unit.pk).order_by("sort_order"):
            Leader.objects.create(
                page_id=page.pk,
                sort_order=leader.sort_order,
                name=leader.name,
                position=leader.position,
                phone=leader.phone,
                email=leader.email,
                photo_id=leader.photo_id,
            )


class Migration(migrations.Migration):
    dependencies = [
        ("about", "0001_initial"),
        ("departments", "0004_live_references"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0094_alter_page_locale"),
    ]

    operations = [migrations.RunPython(move_leaders, migrations.RunPython.noop)]
