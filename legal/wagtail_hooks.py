from wagtail import hooks
from wagtail.snippets.models import register_snippet

from govcms.admin_listings import ListViewSet

from .models import LegalDocumentPage
from .views import DocumentListsGroup, LegalDocumentListingViewSet

register_snippet(DocumentListsGroup)


@hooks.register("register_admin_viewset")
def register_document_listing():
    return LegalDocumentListingViewSet("legal_documents")


class LegalDocumentPageViewSet(ListViewSet):
    """A document list's explorer, the newest issue first."""

    model = LegalDocumentPage
    date_field = "issued_on"
    icon = "doc-full"


@hooks.register("register_admin_viewset")
def register_document_page_views():
    return LegalDocumentPageViewSet("legal_document_pages")
