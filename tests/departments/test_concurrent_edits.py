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
from wagtail.models import TaskState

from news.models import NewsPage
from security.sessions import SIGNED_IN_AT

from ..helpers import article_form_data, sign_in
from .workflow_helpers import act_in_editor, is_live, submit, task_state_of

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


def _loaded_inputs(html):
    return {
        name: re.search(rf'name="{name}" value="([^"]*)"', html).group(1)
        for name in ("loaded_revision_id", "loaded_revision_created_at")
    }


def _open_editor(client, page):
    """GETs the edit view; returns the loaded-revision inputs the form carries."""
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == HTTPStatus.OK
    return _loaded_inputs(response.content.decode())


def client_for(client, user):
    client.force_login(user)
    return client


def act_in_editor_with(client, page, loaded):
    """Approve from the editor with the form's content as the page had it when loaded."""
    data = article_form_data(page)
    data.update(loaded)
    data.update(
        {
            "action-workflow-action": "true",
            "workflow-action-name": "approve",
            "workflow-action-extra-data": '{"comment": ""}',
        }
    )
    return client.post(f"/admin/pages/{page.pk}/edit/", data)


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


def _editor_left_behind(client, module_portal, colleague, **changes):
    """The editor opens the article, then the colleague saves ``changes`` to it: the
    editor's form is behind. Returns the article and the form's loaded-revision inputs,
    signed in as the editor again."""
    article = module_portal.a.draft_article
    client.force_login(module_portal.a.editor)
    editor_loaded = _open_editor(client, article)
    client.force_login(colleague)
    saved = _save(
        client, article, _open_editor(client, article), **(changes or {"title": "Bản chị Lan"})
    )
    assert saved.status_code == 302
    client.force_login(module_portal.a.editor)
    return article, editor_loaded


def test_save_behind_a_newer_revision__is_refused__form_kept__and_can_compare(
    client, module_portal, colleague
):
    # The colleague saves first.
    article, editor_loaded = _editor_left_behind(
        client, module_portal, colleague, title="Tiêu đề của chị Lan"
    )
    theirs = NewsPage.objects.get(pk=article.pk).latest_revision

    # The editor, still on the form opened before, saves: refused, and told by whom.
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
    again = _loaded_inputs(html)
    assert again["loaded_revision_id"] == str(theirs.pk)
    assert _save(client, article, again, title="Tiêu đề của biên tập viên").status_code == 302
    assert _latest(article).title == "Tiêu đề của biên tập viên"


def test_overwrite_confirmed_in_wagtails_dialog__goes_through(client, module_portal, colleague):
    article, editor_loaded = _editor_left_behind(client, module_portal, colleague)

    response = _save(client, article, editor_loaded, title="Bản đã xác nhận", overwrite_newer="1")

    assert response.status_code == 302
    assert _latest(article).title == "Bản đã xác nhận"


def test_preview_of_a_form_behind__is_not_refused(client, module_portal, colleague):
    article, editor_loaded = _editor_left_behind(client, module_portal, colleague)

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


def test_own_save_in_between__does_not_hide_a_colleagues_newer_revision(
    client, module_portal, colleague
):
    """Tab A opened; a colleague saves; the editor saves from tab B, then from tab A."""
    article, tab_a = _editor_left_behind(client, module_portal, colleague, summary="Của chị Lan")
    assert (
        _save(
            client,
            article,
            _open_editor(client, article),
            title="Sửa ở thẻ B",
            summary="Của chị Lan",
        ).status_code
        == 302
    )

    response = _save(client, article, tab_a, title="Sửa ở thẻ A", summary="Cũ")

    assert response.status_code == HTTPStatus.OK
    assert _latest(article).summary == "Của chị Lan"


def test_approval_from_a_form_with_changes__is_refused_and_saves_nothing(client, module_portal):
    article = submit(client_for(client, module_portal.a.editor), module_portal.a.draft_article)
    revisions = article.revisions.count()
    client.force_login(module_portal.a.approver)

    response = act_in_editor(client, article, "approve")  # the helper's form differs

    assert response.status_code == HTTPStatus.OK
    assert "Biểu mẫu khác với bản đang chờ duyệt" in response.content.decode()
    assert not is_live(article)
    assert NewsPage.objects.get(pk=article.pk).revisions.count() == revisions
    assert task_state_of(article).status == TaskState.STATUS_IN_PROGRESS


def test_approving_again_from_a_refused_stale_form__is_refused_again(client, module_portal):
    """The first refusal keeps the form, now pointing at the newer version; a second click
    must not save the approver's stale copy over the editor's correction."""
    editor, approver = module_portal.a.editor, module_portal.a.approver
    article = submit(client_for(client, editor), module_portal.a.draft_article)
    client.force_login(approver)
    stale = _open_editor(client, article)
    # Another reviewer corrects the draft under review (its author may not edit it now).
    client.force_login(module_portal.a.second_approver)
    assert _save(client, article, _open_editor(client, article), title="Bản sửa").status_code == 302
    correction = NewsPage.objects.get(pk=article.pk).latest_revision

    client.force_login(approver)
    first = act_in_editor_with(client, article, stale)
    again = act_in_editor_with(client, article, _loaded_inputs(first.content.decode()))

    assert first.status_code == again.status_code == HTTPStatus.OK
    assert NewsPage.objects.get(pk=article.pk).latest_revision == correction
    assert not is_live(article)


def test_refused_save__does_not_cancel_the_workflow(client, module_portal, colleague):
    editor = module_portal.a.editor
    article = submit(client_for(client, editor), module_portal.a.draft_article)
    stale = _open_editor(client, article)
    client.force_login(module_portal.a.approver)
    assert _save(client, article, _open_editor(client, article), title="Sửa").status_code == 302

    client.force_login(editor)
    response = _save(client, article, stale, **{"action-cancel-workflow": "true"})

    assert response.status_code == HTTPStatus.OK
    assert NewsPage.objects.get(pk=article.pk).current_workflow_state is not None
