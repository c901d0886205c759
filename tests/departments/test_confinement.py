"""A unit's people stay inside their unit (DESIGN §5.2), tried through the admin's views."""

from http import HTTPStatus

import pytest
from wagtail.models import Page

from news.models import NewsPage

from ..helpers import chooser_html, edit, refused

ROLES = ["editor", "approver"]


def login(client, portal, role, unit="a"):
    user = getattr(getattr(portal, unit), role)
    client.force_login(user)
    return user


def snapshot(page):
    page = Page.objects.get(pk=page.pk)
    return (page.title, page.path, page.live, page.locked, page.latest_revision_id)


@pytest.mark.parametrize("role", ROLES)
def test_cannot_open_another_units_page(client, portal, role):
    login(client, portal, role)
    for page in (portal.b.page, portal.b.index, portal.b.live_article, portal.b.draft_article):
        assert refused(client.get(f"/admin/pages/{page.pk}/edit/")), page.title
        assert refused(client.get(f"/admin/pages/{page.pk}/view_draft/")), page.title


@pytest.mark.parametrize("role", ROLES)
def test_cannot_edit_another_units_page(client, portal, role):
    login(client, portal, role)
    article = portal.b.draft_article
    before = snapshot(article)
    assert refused(edit(client, article, title="Sửa trộm"))
    assert snapshot(article) == before


@pytest.mark.parametrize("role", ROLES)
def test_cannot_delete_another_units_page(client, portal, role):
    login(client, portal, role)
    for page in (portal.b.draft_article, portal.b.live_article):
        assert refused(client.post(f"/admin/pages/{page.pk}/delete/"))
        assert Page.objects.filter(pk=page.pk).exists()


@pytest.mark.parametrize("role", ROLES)
def test_cannot_publish_another_units_page(client, portal, role):
    login(client, portal, role)
    article = portal.b.draft_article
    assert refused(edit(client, article, action="publish"))
    assert not NewsPage.objects.get(pk=article.pk).live


@pytest.mark.parametrize("role", ROLES)
def test_cannot_unpublish_another_units_page(client, portal, role):
    login(client, portal, role)
    article = portal.b.live_article
    assert refused(client.post(f"/admin/pages/{article.pk}/unpublish/"))
    assert NewsPage.objects.get(pk=article.pk).live


@pytest.mark.parametrize("role", ROLES)
def test_cannot_lock_or_unlock_another_units_page(client, portal, role):
    login(client, portal, role)
    article = portal.b.live_article
    assert refused(client.post(f"/admin/pages/{article.pk}/lock/"))
    assert not Page.objects.get(pk=article.pk).locked
    Page.objects.filter(pk=article.pk).update(locked=True, locked_by=portal.b.approver)
    client.post(f"/admin/pages/{article.pk}/unlock/")
    assert Page.objects.get(pk=article.pk).locked


@pytest.mark.parametrize("role", ROLES)
def test_cannot_add_under_another_unit(client, portal, role):
    login(client, portal, role)
    url = f"/admin/pages/add/news/newspage/{portal.b.index.pk}/"
    assert refused(client.get(url))
    assert refused(client.post(url, {"title": "Tin lạc", "slug": "tin-lac"}))
    assert not NewsPage.objects.filter(title="Tin lạc").exists()


@pytest.mark.parametrize("role", ROLES)
def test_cannot_move_own_page_into_another_unit(client, portal, role):
    login(client, portal, role)
    article = portal.a.draft_article
    before = snapshot(article)
    response = client.post(f"/admin/pages/{article.pk}/move/{portal.b.index.pk}/confirm/")
    assert refused(response)
    assert snapshot(article) == before


@pytest.mark.parametrize("role", ROLES)
def test_cannot_move_another_units_page_into_own_unit(client, portal, role):
    login(client, portal, role)
    article = portal.b.draft_article
    before = snapshot(article)
    assert refused(client.post(f"/admin/pages/{article.pk}/move/{portal.a.index.pk}/confirm/"))
    assert snapshot(article) == before


@pytest.mark.parametrize("role", ROLES)
def test_cannot_copy_into_another_unit(client, portal, role):
    login(client, portal, role)
    article = portal.a.live_article
    client.post(
        f"/admin/pages/{article.pk}/copy/",
        {
            "new_title": "Bản sao lạc",
            "new_slug": "ban-sao-lac",
            "new_parent_page": portal.b.index.pk,
        },
    )
    assert not Page.objects.filter(title="Bản sao lạc").exists()


def test_board_cannot_move_content_across_units(client, portal):
    client.force_login(portal.board_member)
    article = portal.a.live_article
    before = snapshot(article)
    response = client.post(f"/admin/pages/{article.pk}/move/{portal.b.index.pk}/confirm/")
    assert refused(response)
    assert snapshot(article) == before


@pytest.mark.parametrize("query", ["Bản nháp", "ban nhap", "BẢN NHAP"])
@pytest.mark.parametrize("role", ROLES)
def test_admin_search__ignores_diacritics_and_hides_other_units(client, portal, role, query):
    login(client, portal, role)
    response = client.get("/admin/pages/search/", {"q": query})
    assert response.status_code == HTTPStatus.OK
    content = response.content.decode()
    assert "Bản nháp BTT" in content
    assert "Bản nháp TVT" not in content


@pytest.mark.parametrize("role", ROLES)
def test_explorer__lists_own_unit_only(client, portal, role):
    login(client, portal, role)
    response = client.get(f"/admin/pages/{portal.home.pk}/", follow=True)
    assert response.redirect_chain[-1][0] == f"/admin/pages/{portal.a.page.pk}/"
    content = response.content.decode()
    assert f'href="/admin/pages/{portal.a.index.pk}/"' in content
    assert f'href="/admin/pages/{portal.b.index.pk}/"' not in content
    assert "Thư viện tỉnh" not in content
    for page in (portal.b.page, portal.b.index):
        response = client.get(f"/admin/pages/{page.pk}/")
        assert refused(response)
        assert response.get("Location") != f"/admin/pages/{page.pk}/"


@pytest.mark.parametrize("role", ROLES)
def test_admin_api__hides_other_units(client, portal, role):
    login(client, portal, role)
    listing = client.get("/admin/api/main/pages/", {"child_of": portal.home.pk})
    titles = {item["title"] for item in listing.json()["items"]}
    assert "Bảo tàng tỉnh" in titles
    assert "Thư viện tỉnh" not in titles
    detail = client.get(f"/admin/api/main/pages/{portal.b.draft_article.pk}/")
    assert detail.status_code == HTTPStatus.NOT_FOUND


@pytest.mark.parametrize("role", ROLES)
def test_page_chooser__offers_own_unit_and_portal_pages_only(client, portal, role):
    login(client, portal, role)
    browse = chooser_html(client.get(f"/admin/choose-page/{portal.home.pk}/"))
    assert "Bảo tàng tỉnh" in browse
    assert "Thư viện tỉnh" not in browse
    assert "Thư viện tỉnh" not in chooser_html(client.get("/admin/choose-page/"))
    for query in ("Bản nháp", "ban nhap"):
        search = chooser_html(client.get("/admin/choose-page/search/", {"q": query}))
        assert "Bản nháp BTT" in search
        assert "Bản nháp TVT" not in search
    live = chooser_html(client.get("/admin/choose-page/search/", {"q": "Tin đã đăng"}))
    assert "Tin đã đăng BTT" in live
    assert "Tin đã đăng TVT" not in live


def test_page_chooser__board_sees_every_unit(client, portal):
    client.force_login(portal.board_member)
    browse = chooser_html(client.get(f"/admin/choose-page/{portal.home.pk}/"))
    assert "Bảo tàng tỉnh" in browse and "Thư viện tỉnh" in browse


@pytest.mark.parametrize("role", ROLES)
def test_images__only_own_unit_and_shared(client, portal, role):
    login(client, portal, role)
    listing = client.get("/admin/images/").content.decode()
    assert "Ảnh của BTT" in listing
    assert "Ảnh của TVT" not in listing
    chooser = chooser_html(client.get("/admin/images/chooser/"))
    assert "Ảnh của BTT" in chooser
    assert "Ảnh dùng chung" in chooser
    assert "Ảnh của TVT" not in chooser
    assert refused(client.get(f"/admin/images/{portal.b.image.pk}/"))
    assert refused(client.post(f"/admin/images/{portal.b.image.pk}/delete/"))
    assert client.get(f"/admin/images/chooser/{portal.b.image.pk}/").status_code != HTTPStatus.OK


@pytest.mark.parametrize("role", ROLES)
def test_documents__only_own_unit(client, portal, role):
    login(client, portal, role)
    listing = client.get("/admin/documents/").content.decode()
    assert "Văn bản của BTT" in listing
    assert "Văn bản của TVT" not in listing
    chooser = chooser_html(client.get("/admin/documents/chooser/"))
    assert "Văn bản của BTT" in chooser
    assert "Văn bản của TVT" not in chooser
    assert refused(client.get(f"/admin/documents/edit/{portal.b.document.pk}/"))
