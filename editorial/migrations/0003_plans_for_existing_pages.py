"""Owners and review dates for the pages already published: the page's creator as owner
(or, when unknown, the unit's first approver, then editor; the board's first member for the
department's own pages), the next review counted from its last publication (the type's
months, GOVCMS_REVIEW_MONTHS)."""

import datetime

from django.conf import settings
from django.db import migrations


def add_months(day, months):
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last_day in (31, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, last_day))
        except ValueError:
            continue


def make_plans(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    ContentType = apps.get_model("contenttypes", "ContentType")
    PageReview = apps.get_model("editorial", "PageReview")
    today = datetime.date.today()
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    UnitResources = apps.get_model("departments", "UnitResources")
    default_owners = {}  # unit path: owner id
    for resources in UnitResources.objects.select_related("unit"):
        for group_id in (resources.approvers_id, resources.editors_id):
            user = User.objects.filter(groups=group_id, is_active=True).order_by("pk").first()
            if user is not None:
                default_owners[resources.unit.path] = user.pk
                break
    board_member = (
        User.objects.filter(groups__name=settings.GOVCMS_BOARD_GROUP, is_active=True)
        .order_by("pk")
        .first()
    )

    def default_owner(path):
        units = [unit for unit in default_owners if path.startswith(unit)]
        if units:
            return default_owners[max(units, key=len)]
        return board_member.pk if board_member else None

    for label, months in settings.GOVCMS_REVIEW_MONTHS.items():
        app_label, model = label.lower().split(".")
        content_type = ContentType.objects.filter(app_label=app_label, model=model).first()
        if content_type is None:
            continue
        pages = (
            Page.objects.filter(content_type=content_type, live=True)
            .exclude(pk__in=PageReview.objects.values("page_id"))
            .values_list("pk", "path", "owner_id", "last_published_at")
            .iterator(chunk_size=5000)
        )
        batch = []
        for pk, path, owner_id, published_at in pages:
            start = published_at.date() if published_at else today
            batch.append(
                PageReview(
                    page_id=pk,
                    owner_id=owner_id or default_owner(path),
                    next_review=add_months(start, months) if months else None,
                )
            )
            if len(batch) == 5000:
                PageReview.objects.bulk_create(batch)
                batch = []
        PageReview.objects.bulk_create(batch)


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0002_page_review"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("departments", "0005_remove_unit_page_leaders"),
    ]

    operations = [migrations.RunPython(make_plans, migrations.RunPython.noop)]
