from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .views import DocumentListsGroup, LegalDocumentListingViewSet

register_snippet(DocumentListsGroup)


@hooks.register("register_admin_viewset")
def register_document_listing():
    return LegalDocumentListingViewSet("legal_documents")
