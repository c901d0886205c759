"""Two people on one page (DESIGN §5.11): the second is told someone else is editing, and a
save never overwrites a newer revision without the editor knowing."""

import re
import time
from http import HTTPStatus

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.utils.timezone import localtime
from wagtail.admin.models import EditingSession

from news.models import NewsPage
from security.sessions import SIGNED_IN_AT

from ..helpers import article_form_data, sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def colleague(module_portal, django_db_blocker):
    """A second editor of unit A."""
    with django_db_blocker.unblock():
        user = get_user_model().objects.create_user(
            "bientap2_btt", "bientap2@example.vn", "mat-khau-thu", first_name="Lan", last_name="Hà"
        )
        user.groups.add(module_portal.a.page.resources.editors)
        return user


def _open_editor(client, page):
    """GETs the edit view; returns the loaded-revision inputs the form carries."""
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    return {
        name: re.search(rf'name="{name}" value="([^"]*)"', html).group(1)
        for name in ("loaded_revision_id", "loaded_revision_created_at")
    }


def _save(client, page, loaded, **overrides):
    data = article_form_data(page, **overrides)
    data.update(loaded)
    return client.post(f"/admin/pages/{page.pk}/edit/", data)


def _latest(page):
    return NewsPage.objects.get(pk=page.pk).get_latest_revision_as_object()


def test_second_editor__is_told_who_else_is_editing(client, module_portal, colleague):
    article = module_portal.a.draft_article
    client.force_login(module_portal.a.editor)
    _open_editor(client, article)

    client.force_login(colleague)
    _open_editor(client, article)
    session = EditingSession.objects.filter(user=colleague, object_id=str(article.pk)).get()
    response = client.post(
        f"/admin/editing-sessions/ping/wagtailcore/page/{article.pk}/{session.pk}/"
    )

    assert response.status_code == HTTPStatus.OK
    names = [other["user"] for other in response.json()["other_sessions"]]
    assert module_portal.a.editor.get_username() in names or any(
        module_portal.a.editor.get_full_name() in name for name in names
    )
    assert module_portal.a.editor.get_username() in response.json()["html"]


def test_other_units_people__cannot_ping_the_page(client, module_portal):
    """Wagtail's notifications tell who edits a page only to those who may edit it."""
    article = module_portal.a.draft_article
    client.force_login(module_portal.b.editor)
    response = client.post(f"/admin/editing-sessions/ping/wagtailcore/page/{article.pk}/1/")
    assert response.status_code == HTTPStatus.NOT_FOUND


def test_save_behind_a_newer_revision__is_refused__form_kept__and_can_compare(
    client, module_portal, colleague
):
    article = module_portal.a.draft_article
    client.force_login(module_portal.a.editor)
    editor_loaded = _open_editor(client, article)
    client.force_login(colleague)
    colleague_loaded = _open_editor(client, article)

    # The colleague saves first.
    assert _save(client, article, colleague_loaded, title="Tiêu đề của chị Lan").status_code == 302
    theirs = NewsPage.objects.get(pk=article.pk).latest_revision

    # The editor, still on the form opened before, saves: refused, and told by whom.
    client.force_login(module_portal.a.editor)
    response = _save(client, article, editor_loaded, title="Tiêu đề của biên tập viên")
    html = response.content.decode()

    assert response.status_code == HTTPStatus.OK
    assert "Hà Lan" in html or "Lan Hà" in html
    assert "phiên bản mới hơn" in html
    loaded_id = editor_loaded["loaded_revision_id"]
    compare = f"/admin/pages/{article.pk}/revisions/compare/{loaded_id}...{theirs.pk}/"
    assert compare in html
    assert client.get(compare).status_code == HTTPStatus.OK
    # What the editor typed is still in the form, and the colleague's version stands.
    assert 'value="Tiêu đề của biên tập viên"' in html
    assert _latest(article).title == "Tiêu đề của chị Lan"

    # Saving again from the form that came back is a deliberate overwrite, and goes.
    again = {
        name: re.search(rf'name="{name}" value="([^"]*)"', html).group(1)
        for name in ("loaded_revision_id", "loaded_revision_created_at")
    }
    assert again["loaded_revision_id"] == str(theirs.pk)
    assert _save(client, article, again, title="Tiêu đề của biên tập viên").status_code == 302
    assert _latest(article).title == "Tiêu đề của biên tập viên"


def test_overwrite_confirmed_in_wagtails_dialog__goes_through(client, module_portal, colleague):
    article = module_portal.a.draft_article
    client.force_login(module_portal.a.editor)
    editor_loaded = _open_editor(client, article)
    client.force_login(colleague)
    saved = _save(client, article, _open_editor(client, article), title="Bản chị Lan")
    assert saved.status_code == 302

    client.force_login(module_portal.a.editor)
    response = _save(client, article, editor_loaded, title="Bản đã xác nhận", overwrite_newer="1")

    assert response.status_code == 302
    assert _latest(article).title == "Bản đã xác nhận"


def test_preview_of_a_form_behind__is_not_refused(client, module_portal, colleague):
    article = module_portal.a.draft_article
    client.force_login(module_portal.a.editor)
    editor_loaded = _open_editor(client, article)
    client.force_login(colleague)
    saved = _save(client, article, _open_editor(client, article), title="Bản chị Lan")
    assert saved.status_code == 302

    client.force_login(module_portal.a.editor)
    data = article_form_data(article, title="Bản xem trước")
    data.update(editor_loaded)
    response = client.post(f"/admin/pages/{article.pk}/edit/preview/", data)

    assert response.json()["is_valid"] is True


def test_session_status__answers_the_signed_in_user_with_a_csrf_token(client, module_portal):
    client.force_login(module_portal.a.editor)
    response = client.get("/admin/phien/")
    assert response.status_code == HTTPStatus.OK
    assert response.json()["user_id"] == module_portal.a.editor.pk
    assert response.json()["csrf_token"]
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_session_status__refused_once_the_session_has_ended(client, module_portal):
    client.force_login(module_portal.a.editor)
    Session.objects.all().delete()

    response = client.get("/admin/phien/", headers={"accept": "application/json"})

    assert response.status_code in (HTTPStatus.FOUND, HTTPStatus.FORBIDDEN)
    assert "user_id" not in response.content.decode()


def test_own_newer_revision__is_not_a_conflict(client, module_portal):
    """The editor's own autosave, still in flight when they pressed save, made the newer
    revision: their save goes through."""
    article = module_portal.a.draft_article
    client.force_login(module_portal.a.editor)
    loaded = _open_editor(client, article)
    page = NewsPage.objects.get(pk=article.pk)
    page.title = "Bản tự lưu"
    page.save_revision(user=module_portal.a.editor)

    assert _save(client, article, loaded, title="Bản bấm lưu").status_code == 302
    assert _latest(article).title == "Bản bấm lưu"


def test_a_stored_time_with_seconds__is_not_a_change_in_the_editor(module_portal):
    """Otherwise every approval from the editor would save the approver's own revision,
    which four eyes then refuses (the browser test approves from the editor)."""
    article = NewsPage.objects.get(pk=module_portal.a.draft_article.pk)
    article.date = article.date.replace(second=42, microsecond=7)
    data = article_form_data(article, date=localtime(article.date).strftime("%d/%m/%Y %H:%M"))
    form_class = NewsPage.get_edit_handler().get_form_class()

    form = form_class(
        data, instance=article, parent_page=article.get_parent(), for_user=module_portal.a.editor
    )

    assert "date" not in form.changed_data


def test_session_status__refused_once_the_absolute_lifetime_is_over(
    client, module_portal, settings
):
    sign_in(client, module_portal.a.editor.get_username(), "mat-khau-thu")
    session = client.session
    session[SIGNED_IN_AT] = int(time.time()) - settings.GOVCMS_SESSION_MAX_AGE - 60
    session.save()

    response = client.get("/admin/phien/", headers={"accept": "application/json"})

    assert response.status_code in (HTTPStatus.FOUND, HTTPStatus.FORBIDDEN)
    assert "user_id" not in response.content.decode()
