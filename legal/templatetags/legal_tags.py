from django import template

from govcms.json_ld import json_ld_script
from legal.models import Status

register = template.Library()

LEGAL_FORCE = {
    Status.IN_FORCE: "InForce",
    Status.NOT_YET: "NotInForce",
    Status.EXPIRED: "NotInForce",
}


@register.simple_tag(takes_context=True)
def legislation_json_ld(context):
    """schema.org Legislation data of a document page: its number, type, dates, issuer,
    force, and the documents it replaces or is replaced by."""
    page, request = context["page"], context.get("request")
    data = {
        "@context": "https://schema.org",
        "@type": "Legislation",
        "name": page.title,
        "abstract": page.summary,
        "legislationIdentifier": page.number,
        "legislationType": page.document_type.name,
        "legislationDate": page.issued_on.isoformat(),
        "legislationDateVersion": page.effective_from.isoformat(),
        "legislationPassedBy": {"@type": "GovernmentOrganization", "name": page.issuing_body.name},
        "legislationResponsible": {"@type": "Person", "name": page.signer_name},
        "legislationLegalForce": LEGAL_FORCE[context["status"]],
        "inLanguage": "vi",
        "url": page.get_full_url(request),
    }
    if page.effective_until:
        data["expires"] = page.effective_until.isoformat()
    if context.get("replaced"):
        data["legislationChanges"] = [other.get_full_url(request) for other in context["replaced"]]
    if context.get("replacing"):
        data["isBasedOn"] = None
        data.pop("isBasedOn")
        data["legislationConsolidates"] = None
        data.pop("legislationConsolidates")
    return json_ld_script(data)
