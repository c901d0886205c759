"""English versions (/en/) through Wagtail's localisation: the Vietnamese addresses stay,
the English pages have their own, hreflang and sitemap entries, a language switch, an
English chrome; a unit makes and approves its own English pages and nobody else's."""

import re

import pytest
from bs4 import BeautifulSoup
from wagtail.actions.copy_for_translation import CopyPageForTranslationAction
from wagtail.models import Locale, Page, Site

from about.models import IntroductionPage
from compliance.report import MISSING, OK, unit_reports
from departments.provisioning import provision_unit
from home.models import PortalSettings

from .workflow_helpers import act

pytestmark = pytest.mark.django_db


def english(page, **fields):
    """``page``'s English version, made as the translate action makes it, and published."""
    copy = CopyPageForTranslationAction(
        page=page, locale=Locale.objects.get(language_code="en")
    ).execute(skip_permission_checks=True)
    copy = type(page).objects.get(pk=copy.pk)
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save_revision().publish()
    return type(page).objects.get(pk=copy.pk)


@pytest.fixture
def english_site(portal):
    """The English home and unit A's English page (its groups then cover it)."""
    home = english(portal.home, title="Home")
    unit = english(portal.a.page, title="Museum", full_name="Provincial Museum")
    provision_unit(portal.a.page)
    return home, unit


@pytest.fixture
def introduction(portal):
    page = IntroductionPage(title="Giới thiệu", summary="Tóm tắt", body="<p>Lịch sử</p>")
    portal.a.page.add_child(instance=page)
    return page


def test_english_pages__under_en_vietnamese_addresses_unchanged(client, portal, english_site):
    home, unit = english_site
    vietnamese = client.get(portal.a.page.url)
    assert portal.a.page.url == f"/{portal.a.page.slug}/"
    assert 'lang="vi"' in vietnamese.content.decode()
    assert unit.url == f"/en/{unit.slug}/"
    response = client.get(unit.url)
    assert response.status_code == 200
    assert '<html lang="en">' in response.content.decode()
    assert client.get("/en/").status_code == 200
    assert client.get("/en/khong-co-trang-nay/").status_code == 404


def test_hreflang_and_the_language_switch__lead_to_each_version(client, portal, english_site):
    _home, unit = english_site
    soup = BeautifulSoup(client.get(portal.a.page.url).content, "html.parser")
    alternates = {link["hreflang"]: link["href"] for link in soup.select("link[hreflang]")}
    assert alternates["en"].endswith(unit.url) and alternates["x-default"] == alternates["vi"]
    switch = soup.select_one("a.language-switch")
    assert (switch["href"], switch["lang"], switch.get_text()) == (unit.url, "en", "English")

    soup = BeautifulSoup(client.get(unit.url).content, "html.parser")
    switch = soup.select_one("a.language-switch")
    assert (switch["href"], switch.get_text()) == (portal.a.page.url, "Tiếng Việt")

    # A page with no English version: no hreflang, and the switch leads to the English home.
    soup = BeautifulSoup(client.get(portal.b.page.url).content, "html.parser")
    assert soup.select("link[hreflang]") == []
    assert soup.select_one("a.language-switch")["href"] == "/en/"


def test_sitemap__lists_the_english_pages(client, portal, english_site):
    _home, unit = english_site
    xml = client.get("/sitemap-trang.xml").content.decode()
    locations = re.findall(r"<loc>([^<]+)</loc>", xml)
    assert any(location.endswith(unit.url) for location in locations)
    assert any(location.endswith(portal.a.page.url) for location in locations)


def test_english_chrome__the_footer_and_labels_in_english_the_admin_stays_vietnamese(
    client, portal, english_site
):
    _home, unit = english_site
    identity = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    identity.owner_name, identity.english_owner_name = "Sở Văn hóa", "Department of Culture"
    identity.save()
    html = client.get(unit.url).content.decode()
    assert "Department of Culture" in html and "Skip to main content" in html
    assert "Department of Culture" not in client.get(portal.a.page.url).content.decode()
    client.force_login(portal.a.editor)
    admin = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'lang="vi"' in admin


def test_a_unit__translates_its_own_page_and_approves_the_english_version(
    client, portal, english_site, introduction
):
    client.force_login(portal.a.editor)
    en = Locale.objects.get(language_code="en")
    response = client.post(
        f"/admin/translation/submit/page/{introduction.pk}/", {"locales": [en.pk]}
    )
    assert response.status_code == 302
    version = introduction.get_translation(en)
    assert version.get_parent().pk == english_site[1].pk and not version.live
    # The unit's editor edits it but cannot publish it: it goes through the unit's approval.
    assert version.permissions_for_user(portal.a.editor).can_edit()
    assert not version.permissions_for_user(portal.a.editor).can_publish()
    version.save_revision(user=portal.a.editor)
    client.post(
        f"/admin/pages/{version.pk}/edit/",
        {
            "title": "Introduction",
            "slug": version.slug,
            "summary": "Summary",
            "founded": "",
            "body": '{"blocks": [{"key": "a", "type": "unstyled", "text": "History", "depth": 0, '
            '"inlineStyleRanges": [], "entityRanges": []}], "entityMap": {}}',
            "action-submit": "submit",
        },
    )
    assert Page.objects.get(pk=version.pk).current_workflow_state is not None
    client.force_login(portal.a.approver)
    assert act(client, version, "approve").status_code == 302
    assert Page.objects.get(pk=version.pk).live


def test_another_unit__cannot_translate_or_edit_these_english_pages(
    client, portal, english_site, introduction
):
    version = english(introduction, title="Introduction")
    en = Locale.objects.get(language_code="en")
    client.force_login(portal.b.editor)
    response = client.post(
        f"/admin/translation/submit/page/{portal.a.page.pk}/", {"locales": [en.pk]}
    )
    assert response.status_code in (302, 403)
    assert client.get(f"/admin/pages/{version.pk}/edit/").status_code in (302, 403)
    assert not version.permissions_for_user(portal.b.editor).can_edit()


def test_translating__news_is_refused_and_a_subtree_is_never_copied(client, portal, english_site):
    en = Locale.objects.get(language_code="en")
    client.force_login(portal.a.editor)
    response = client.post(
        f"/admin/translation/submit/page/{portal.a.live_article.pk}/", {"locales": [en.pk]}
    )
    assert response.status_code == 302
    assert not portal.a.live_article.get_translations().exists()
    before = Page.objects.filter(locale=en).count()
    client.force_login(portal.board_member)
    client.post(
        f"/admin/translation/submit/page/{portal.b.page.pk}/",
        {"locales": [en.pk], "include_subtree": "on"},
    )
    # The unit page alone: none of its news.
    assert Page.objects.filter(locale=en).count() == before + 1


def test_compliance__a_missing_english_version_is_a_gap(portal, english_site, introduction):
    (report,) = unit_reports([portal.a.page])
    check = next(check for check in report.checks if check.key == "english")
    assert check.state == MISSING and "Giới thiệu" in str(check.detail)
    assert check.fix_url == f"/admin/translation/submit/page/{introduction.pk}/"
    english(introduction, title="Introduction")
    (report,) = unit_reports([portal.a.page])
    assert next(check for check in report.checks if check.key == "english").state == OK


def test_the_admin_api__makes_no_translation_copy(client, portal, english_site):
    client.force_login(portal.a.editor)
    response = client.post(
        f"/admin/api/main/pages/{portal.a.live_article.pk}/action/copy_for_translation/",
        {"locale": "en", "alias": True, "copy_parents": True},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert not portal.a.live_article.get_translations().exists()


def test_translating_under_a_parent_without_english__a_message_not_an_error(
    client, portal, english_site
):
    introduction = IntroductionPage(title="Giới thiệu", summary="Tóm tắt", body="<p>L</p>")
    portal.b.page.add_child(instance=introduction)
    en = Locale.objects.get(language_code="en")
    client.force_login(portal.b.editor)
    response = client.post(
        f"/admin/translation/submit/page/{introduction.pk}/", {"locales": [en.pk]}
    )
    assert response.status_code == 302
    assert not introduction.get_translations().exists()


def test_the_explorer_and_chooser__stay_around_the_units_own_trees(client, portal, english_site):
    """With the English tree a unit's rights sit in two trees, whose common ancestor is
    the Root: Wagtail would then show any page's title in the explorer."""
    other_english = english(portal.b.page, title="Library")
    draft = IntroductionPage(title="Bản nháp riêng TVT", summary="T", body="<p>L</p>", live=False)
    other_english.add_child(instance=draft)
    client.force_login(portal.a.editor)
    for url in (
        f"/admin/pages/{portal.b.draft_article.pk}/",
        f"/admin/pages/{portal.b.draft_article.pk}/results/",
        f"/admin/pages/{draft.pk}/",
        f"/admin/choose-page/{draft.pk}/",
        f"/admin/choose-page/{portal.b.index.pk}/",
    ):
        response = client.get(url, HTTP_X_REQUESTED_WITH="XMLHttpRequest")
        assert response.status_code in (302, 403), url
        body = response.content.decode()
        assert portal.b.draft_article.title not in body and "Bản nháp riêng TVT" not in body
    home, unit = english_site
    for page in (portal.a.page, unit, portal.home, home):
        assert client.get(f"/admin/pages/{page.pk}/").status_code == 200, page
    assert client.get(f"/admin/choose-page/{portal.a.index.pk}/").status_code == 200


def test_the_translate_screen__malformed_languages_are_no_error(client, portal, english_site):
    introduction = IntroductionPage(title="Giới thiệu", summary="T", body="<p>L</p>")
    portal.a.page.add_child(instance=introduction)
    client.force_login(portal.a.editor)
    for value in ("abc", "1.5", "-1"):
        response = client.post(
            f"/admin/translation/submit/page/{introduction.pk}/", {"locales": [value]}
        )
        assert response.status_code in (200, 302), value
    assert not introduction.get_translations().exists()
