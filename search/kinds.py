"""What a reader can narrow a search to: kinds of content, each a set of page types.

Legal documents and citizens' questions join as kinds of their own.
"""

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _

from departments.models import DepartmentPage
from home.models import StandardPage
from news.models import NewsPage

KINDS = {
    "tin-tuc": (_("News"), (NewsPage,)),
    "trang": (_("Unit and information pages"), (DepartmentPage, StandardPage)),
}


def content_type_ids(kinds):
    """Content type ids of the page types of ``kinds`` (slugs of KINDS)."""
    models = [model for kind in kinds for model in KINDS[kind][1]]
    return sorted(ct.pk for ct in ContentType.objects.get_for_models(*models).values())
