"""Documents follow their unit's approval and confinement exactly as news does: a unit's
editor drafts and submits them, only an approver's approval publishes them, and nobody
outside the unit reaches them, whatever path they try."""

import csv
import datetime
import io
from http import HTTPStatus

import pytest
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from legal.models import (
    DocumentType,
    IssuingBody,
    LegalDocumentFile,
    LegalDocumentIndexPage,
    LegalDocumentPage,
    LegalDocumentReplacement,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def lists(portal):
    return DocumentType.objects.get_or_create(name="Quyết định")[0], IssuingBody.objects.create(
        name="Sở"
    )


def index_of(unit):
    index = LegalDocumentIndexPage.objects.child_of(unit.page).first()
    if index is None:
        index = LegalDocumentIndexPage(title="Văn bản", slug="van-ban")
        unit.page.add_child(instance=index)
        index.save_revision().publish()
    return index


def form(lists, document, number="5/QĐ-BTT", action="action-submit", **overrides):
    document_type, issuing_body = lists
    data = {
        "title": "Quyết định ban hành nội quy tham quan",
        "slug": "noi-quy-tham-quan",
        "number": number,
        "document_type": document_type.pk,
        "issuing_body": issuing_body.pk,
        "signer_name": "Nguyễn Văn A",
        "signer_position": "Giám đốc",
        "issued_on": "2026-03-02",
        "effective_from": "2026-03-02",
        "effective_until": "",
        "summary": "Ban hành nội quy tham quan bảo tàng.",
        "files": inline_formset([{"document": document.pk, "label": ""}] if document else []),
        "replacements": inline_formset([]),
        action: "1",
        **overrides,
    }
    return nested_form_data(data)


def add_url(index):
    return f"/admin/pages/add/legal/legaldocumentpage/{index.pk}/"


def test_editor__submits_a_document_that_only_approval_publishes(client, portal, lists):
    index = index_of(portal.a)
    client.force_login(portal.a.editor)
    response = client.post(add_url(index), form(lists, portal.a.document))
    assert response.status_code == HTTPStatus.FOUND
    document = LegalDocumentPage.objects.child_of(index).get()
    assert not document.live
    assert document.current_workflow_state.workflow == portal.a.page.resources.workflow
    # Publishing directly is not open to the unit.
    client.post(
        f"/admin/pages/{document.pk}/edit/", form(lists, portal.a.document, action="action-publish")
    )
    assert not LegalDocumentPage.objects.get(pk=document.pk).live


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"number": "Quyết định 5"}, "number", "dấu gạch chéo"),
        ({"effective_from": "2026-03-01"}, "effective_from", "trước ngày ban hành"),
    ],
)
def test_bad_input__is_refused_in_vietnamese_and_kept(
    client, portal, lists, overrides, field, message
):
    client.force_login(portal.a.editor)
    response = client.post(add_url(index_of(portal.a)), form(lists, portal.a.document, **overrides))
    assert response.status_code == HTTPStatus.OK
    assert message in " ".join(response.context["form"].errors[field])
    assert "Ban hành nội quy tham quan bảo tàng." in response.content.decode()  # nothing lost
    assert not LegalDocumentPage.objects.exists()


def test_a_document_without_a_file__is_refused(client, portal, lists):
    client.force_login(portal.a.editor)
    response = client.post(add_url(index_of(portal.a)), form(lists, None))
    assert response.status_code == HTTPStatus.OK
    assert not LegalDocumentPage.objects.exists()
    assert "tệp" in response.content.decode().lower()


def test_another_units_file__is_refused(client, portal, lists):
    client.force_login(portal.a.editor)
    response = client.post(add_url(index_of(portal.a)), form(lists, portal.b.document))
    assert response.status_code == HTTPStatus.OK
    assert "thuộc đơn vị khác" in response.content.decode()
    assert not LegalDocumentPage.objects.exists()


def test_another_units_list__is_closed_to_the_editor(client, portal, lists):
    client.force_login(portal.a.editor)
    response = client.post(add_url(index_of(portal.b)), form(lists, portal.a.document))
    assert response.status_code in (HTTPStatus.FORBIDDEN, HTTPStatus.FOUND)
    assert not LegalDocumentPage.objects.exists()


def _document(index, number, lists, unit_document, live=True, title=None):
    page = LegalDocumentPage(
        title=title or f"Văn bản {number}",
        number=number,
        document_type=lists[0],
        issuing_body=lists[1],
        signer_name="X",
        signer_position="Giám đốc",
        issued_on=datetime.date(2025, 5, 5),
        effective_from=datetime.date(2025, 5, 5),
        summary=f"Trích yếu {number}",
        live=live,
    )
    page.files.add(LegalDocumentFile(document=unit_document))
    index.add_child(instance=page)
    if live:
        page.save_revision().publish()
    return page


def test_replaces__only_the_units_own_documents(client, portal, lists):
    b_draft = _document(index_of(portal.b), "9/QĐ-TVT", lists, portal.b.document, live=False)
    department = LegalDocumentIndexPage(title="Văn bản", slug="van-ban")
    portal.home.add_child(instance=department)
    department_document = _document(department, "77/QĐ-SVHTTDL", lists, portal.a.document)
    client.force_login(portal.a.editor)
    for other in (b_draft, department_document):  # a typed id; the department's own
        message = "không phải của đơn vị bạn"
        response = client.post(
            add_url(index_of(portal.a)),
            form(lists, portal.a.document, replacements=inline_formset([{"replaced": other.pk}])),
        )
        assert response.status_code == HTTPStatus.OK
        assert message in response.content.decode()
        if other is b_draft:  # another unit's draft: not even its title is shown back
            assert other.title not in response.content.decode()
        assert not LegalDocumentPage.objects.child_of(index_of(portal.a)).exists()
    own = _document(index_of(portal.a), "1/QĐ-BTT", lists, portal.a.document)
    response = client.post(
        add_url(index_of(portal.a)),
        form(lists, portal.a.document, replacements=inline_formset([{"replaced": own.pk}])),
    )
    assert response.status_code == HTTPStatus.FOUND
    new = LegalDocumentPage.objects.get(number="5/QĐ-BTT")
    assert new.get_latest_revision_as_object().replaced_documents().get() == own


def test_preview__shows_the_document_to_its_editor_and_its_approver(client, portal, lists):
    index = index_of(portal.a)
    client.force_login(portal.a.editor)
    preview = f"/admin/pages/add/legal/legaldocumentpage/{index.pk}/preview/"
    assert client.post(preview, form(lists, portal.a.document)).json()["is_valid"]
    assert "Ban hành nội quy tham quan bảo tàng." in client.get(preview).content.decode()
    client.post(add_url(index), form(lists, portal.a.document))
    document = LegalDocumentPage.objects.child_of(index).get()
    client.force_login(portal.a.approver)
    response = client.get(f"/admin/pages/{document.pk}/view_draft/")
    assert response.status_code == HTTPStatus.OK
    assert "5/QĐ-BTT" in response.content.decode()


def test_document_lists__can_be_created_in_the_admin(client, portal):
    client.force_login(portal.a.editor)
    url = f"/admin/pages/add/legal/legaldocumentindexpage/{portal.a.page.pk}/"
    assert client.get(url).status_code == HTTPStatus.OK
    data = nested_form_data(
        {"title": "Văn bản", "slug": "van-ban", "introduction": "", "action-submit": "1"}
    )
    assert client.post(url, data).status_code == HTTPStatus.FOUND
    assert LegalDocumentIndexPage.objects.child_of(portal.a.page).exists()


def test_bulk_action_screens__name_nothing_of_another_unit(client, portal, lists):
    b_draft = _document(
        index_of(portal.b), "9/QĐ-TVT", lists, portal.b.document, live=False, title="Mật TVT"
    )
    client.force_login(portal.a.editor)
    for url in (
        f"/admin/bulk/wagtailcore/page/publish/?id={b_draft.pk}",
        f"/admin/bulk/wagtailcore/page/delete/?id={portal.b.draft_article.pk}",
        f"/admin/bulk/wagtailcore/page/move/?id=all&childOf={index_of(portal.b).pk}",
        f"/admin/bulk/wagtaildocs/document/delete/?id={portal.b.document.pk}",
        f"/admin/bulk/wagtailimages/image/add_to_collection/?id={portal.b.image.pk}",
    ):
        body = client.get(url).content.decode()
        for secret in (
            "Mật TVT",
            portal.b.draft_article.title,
            portal.b.document.title,
            portal.b.image.title,
        ):
            assert secret not in body, url
    # Their own unit's objects are still offered.
    own = client.get(f"/admin/bulk/wagtailcore/page/delete/?id={portal.a.draft_article.pk}")
    assert portal.a.draft_article.title in own.content.decode()


def test_admin_listing__a_year_out_of_range_lists_nothing(client, portal):
    client.force_login(portal.a.editor)
    for year in ("99999999999", "0", "-5", "1e5"):
        assert client.get("/admin/legal_documents/", {"year": year}).status_code == HTTPStatus.OK


def test_admin_listing__filters_within_the_users_unit(client, portal, lists):
    index_a, index_b = index_of(portal.a), index_of(portal.b)
    for index, number, unit in ((index_a, "1/QĐ-BTT", portal.a), (index_b, "2/QĐ-TVT", portal.b)):
        _document(index, number, lists, unit.document, live=False)
    client.force_login(portal.a.editor)
    listing = client.get("/admin/legal_documents/").content.decode()
    assert "1/QĐ-BTT" in listing and "2/QĐ-TVT" not in listing
    filtered = client.get(
        "/admin/legal_documents/", {"number": "1 qđ", "year": "2025"}
    ).content.decode()
    assert "1/QĐ-BTT" in filtered
    assert (
        "1/QĐ-BTT" not in client.get("/admin/legal_documents/", {"year": "2024"}).content.decode()
    )
    client.force_login(portal.board_member)
    both = client.get("/admin/legal_documents/").content.decode()
    assert "1/QĐ-BTT" in both and "2/QĐ-TVT" in both


def test_document_lists__are_kept_by_the_board_only(client, portal):
    client.force_login(portal.a.editor)
    assert client.get("/admin/snippets/legal/documenttype/add/").status_code in (302, 403)
    client.force_login(portal.board_member)
    response = client.post(
        "/admin/snippets/legal/documenttype/add/", {"name": "Công điện", "sort_order": 20}
    )
    assert response.status_code == HTTPStatus.FOUND
    assert DocumentType.objects.filter(name="Công điện", slug="cong-dien").exists()


def test_moving_a_document_to_another_unit__is_refused(client, portal, lists):
    index_a, index_b = index_of(portal.a), index_of(portal.b)
    page = _document(index_a, "3/QĐ-BTT", lists, portal.a.document, live=False)
    client.force_login(portal.a.approver)
    client.post(f"/admin/pages/{page.pk}/move/{index_b.pk}/confirm/")
    assert Page.objects.get(pk=page.pk).get_parent().pk == index_a.pk


@pytest.mark.parametrize(
    "forged",
    [
        {"document_type": "abc"},
        {"issuing_body": "1.5"},
        {"files-0-document": "abc"},
        {"files-0-id": "abc", "files-INITIAL_FORMS": "1"},
    ],
)
def test_forged_ids__are_answered_with_a_message_not_an_error(client, portal, lists, forged):
    client.force_login(portal.a.editor)
    data = form(lists, portal.a.document)
    data.update(forged)
    response = client.post(add_url(index_of(portal.a)), data)
    assert response.status_code in (HTTPStatus.OK, HTTPStatus.FOUND)
    if response.status_code == HTTPStatus.OK:
        assert "Ban hành nội quy tham quan bảo tàng." in response.content.decode()  # kept


def test_file_of_a_restricted_document__only_for_those_let_in(client, portal, lists):
    from wagtail.models import PageViewRestriction

    document = _document(index_of(portal.a), "1/QĐ-BTT", lists, portal.a.document)
    url = portal.a.document.url
    assert client.get(url).status_code == HTTPStatus.OK  # a live, public page shows it
    PageViewRestriction.objects.create(page=document, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(url).status_code == HTTPStatus.NOT_FOUND
    client.force_login(portal.b.editor)  # signed in: the restriction lets them in
    assert client.get(url).status_code == HTTPStatus.OK


def test_admin_listing__exports_the_units_documents(client, portal, lists):
    _document(index_of(portal.a), "1/QĐ-BTT", lists, portal.a.document)
    _document(index_of(portal.b), "2/QĐ-TVT", lists, portal.b.document)
    client.force_login(portal.a.editor)
    response = client.get("/admin/legal_documents/", {"export": "csv"})
    assert response.status_code == HTTPStatus.OK
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    heading, *rows = csv.reader(io.StringIO(text))
    assert heading[:3] == ["Số, ký hiệu", "Tiêu đề", "Loại văn bản"]
    assert [row[0] for row in rows] == ["1/QĐ-BTT"]


def edit_form(lists, page, rows, **overrides):
    """The edit form of ``page`` as the editor sends it back, with replacement ``rows``."""
    return form(
        lists,
        page.files.first().document,
        number=page.number,
        slug=page.slug,
        title=page.title,
        files=inline_formset(
            [{"id": row.pk, "document": row.document_id} for row in page.files.all()],
            initial=page.files.count(),
        ),
        replacements=inline_formset(rows, initial=sum(1 for row in rows if "id" in row)),
        **overrides,
    )


def test_replacements__a_board_link_stays_and_a_document_never_replaces_itself(
    client, portal, lists
):
    department = LegalDocumentIndexPage(title="Văn bản", slug="van-ban")
    portal.home.add_child(instance=department)
    old = _document(department, "77/QĐ-SVHTTDL", lists, portal.a.document)
    page = _document(index_of(portal.a), "1/QĐ-BTT", lists, portal.a.document)
    link = LegalDocumentReplacement(replaced=old)
    page.replacements.add(link)  # the board's link
    page.save_revision().publish()
    link = LegalDocumentReplacement.objects.get(page=page)
    client.force_login(portal.a.editor)
    url = f"/admin/pages/{page.pk}/edit/"
    kept = [{"id": link.pk, "replaced": old.pk}]
    itself = [*kept, {"replaced": page.pk}]
    response = client.post(url, edit_form(lists, page, itself))
    assert "không thể thay thế chính nó" in response.content.decode()
    submitted = client.post(url, edit_form(lists, page, kept, **{"action-submit": "1"}))
    assert submitted.status_code == HTTPStatus.FOUND
    assert page.get_latest_revision_as_object().replacements.get().replaced_id == old.pk


def test_unicode_digits_as_ids__are_not_an_error(client, portal, lists):
    client.force_login(portal.a.editor)
    data = form(lists, portal.a.document)
    data["document_type"] = "²"
    assert client.post(add_url(index_of(portal.a)), data).status_code == HTTPStatus.OK
    for url in (
        "/admin/bulk/wagtailcore/page/delete/?id=%C2%B2",
        "/admin/bulk/wagtailimages/image/delete/?id=%C2%B2",
        "/admin/bulk/wagtailcore/page/delete/?id=all&childOf=%C2%B2",
    ):
        assert client.get(url).status_code < 500, url
