"""What a reader can narrow a search to: kinds of content, each a set of page types.

Citizens' questions join as a kind of their own.
"""

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _

from departments.models import DepartmentPage
from home.models import StandardPage
from legal.models import LegalDocumentIndexPage, LegalDocumentPage
from news.models import NewsPage

KINDS = {
    "tin-tuc": (_("News"), (NewsPage,)),
    "van-ban": (_("Legal documents"), (LegalDocumentPage,)),
    "trang": (
        _("Unit and information pages"),
        (DepartmentPage, StandardPage, LegalDocumentIndexPage),
    ),
}


def content_type_ids(kinds):
    """Content type ids of the page types of ``kinds`` (slugs of KINDS)."""
    models = [model for kind in kinds for model in KINDS[kind][1]]
    return sorted(ct.pk for ct in ContentType.objects.get_for_models(*models).values())
