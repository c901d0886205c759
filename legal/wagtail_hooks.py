from wagtail import hooks
from wagtail.snippets.models import register_snippet

from govcms.admin_listings import list_viewset

from .models import LegalDocumentPage
from .views import DocumentListsGroup, LegalDocumentListingViewSet

register_snippet(DocumentListsGroup)


@hooks.register("register_admin_viewset")
def register_document_listing():
    return LegalDocumentListingViewSet("legal_documents")


@hooks.register("register_admin_viewset")
def register_document_page_views():
    """A document list's explorer, the newest issue first."""
    return list_viewset(LegalDocumentPage, "issued_on", icon="doc-full")
