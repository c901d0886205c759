"""Every admin URL, tried by unit A's people against unit B's objects (DESIGN §5.9).

The walk reads the admin's URL patterns from Django's resolver. Each pattern that takes
an object must be known here: ``TARGETS`` says which of unit B's objects fills each of
its parameters, ``EXEMPT`` says why a pattern needs none. A new admin URL fails
``test_every_admin_url_is_known`` until it is added to one of them.

For each known pattern, A's editor and A's approver send a GET and an empty POST. Each
answer must be a refusal (a redirect, 400, 403, 404 or 405) or a page that shows none of
B's private objects, and the database must be unchanged afterwards.
"""

import datetime
from http import HTTPStatus

import pytest
from axes.models import AccessAttempt
from django.apps import apps
from django.db import connection
from django.urls import URLPattern, URLResolver, get_resolver
from wagtail.admin.models import EditingSession
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Site, UploadedFile

from about.models import Division, OrganisationPage
from departments.models import UnitResources
from editorial.models import ForcedPublication, PageReview, RoyaltyAssignment, RoyaltyGrade
from home.models import PortalSettings
from legal.models import (
    DocumentField,
    DocumentType,
    IssuingBody,
    LegalDocumentFile,
    LegalDocumentIndexPage,
    LegalDocumentPage,
)
from news.models import NewsPage
from questions.models import Question, QuestionIndexPage

from ..factories import NewsPageFactory

pytestmark = pytest.mark.django_db

REFUSALS = {
    HTTPStatus.FOUND,
    HTTPStatus.BAD_REQUEST,
    HTTPStatus.FORBIDDEN,
    HTTPStatus.NOT_FOUND,
    HTTPStatus.METHOD_NOT_ALLOWED,
}

# What is fingerprinted after each request: every table an admin action could change.
WATCHED_MODELS = [
    "wagtailcore.Page",
    "wagtailcore.Revision",
    "wagtailcore.WorkflowState",
    "wagtailcore.TaskState",
    "wagtailcore.Workflow",
    "wagtailcore.Task",
    "wagtailcore.WorkflowPage",
    "wagtailcore.PageLogEntry",
    "wagtailcore.ModelLogEntry",
    "wagtailcore.Collection",
    "wagtailcore.GroupPagePermission",
    "wagtailcore.GroupCollectionPermission",
    "wagtailcore.PageViewRestriction",
    "wagtailcore.CollectionViewRestriction",
    "wagtailcore.Site",
    "wagtailcore.UploadedFile",
    "wagtailimages.Image",
    "wagtaildocs.Document",
    "wagtailredirects.Redirect",
    "wagtailadmin.EditingSession",
    "auth.User",
    "auth.Group",
    "taggit.TaggedItem",
    "axes.AccessAttempt",
    "home.PortalSettings",
    "departments.LiveReference",
    "legal.LegalDocumentPage",
    "legal.LegalDocumentFile",
    "legal.DocumentType",
    "legal.IssuingBody",
    "legal.DocumentField",
    "about.OrganisationPage",
    "about.Division",
    "questions.Question",
    "questions.AnswerPage",
    "editorial.ForcedPublication",
    "editorial.PageReview",
    "editorial.RoyaltyGrade",
    "editorial.RoyaltyAssignment",
]


def _fingerprint():
    """(model, md5 of all its rows) for each watched model, in one query."""
    rows = "coalesce(string_agg(t::text, '|' ORDER BY t::text), '')"
    tables = [apps.get_model(label)._meta.db_table for label in WATCHED_MODELS]
    query = " UNION ALL ".join(
        f'(SELECT {number}, md5({rows}) FROM "{table}" t)' for number, table in enumerate(tables)
    )
    with connection.cursor() as cursor:
        cursor.execute(query)
        hashes = dict(cursor.fetchall())
    return [(label, hashes[number]) for number, label in enumerate(WATCHED_MODELS)]


def _admin_routes():
    """(route, view name) of every URL pattern under /admin/."""

    def walk(patterns, prefix="", namespace=None):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = namespace
                if pattern.namespace:
                    inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
            elif isinstance(pattern, URLPattern):
                name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
                yield prefix + str(pattern.pattern), name

    return [
        (route, name)
        for route, name in walk(get_resolver().url_patterns)
        if route.startswith("admin/")
    ]


def _takes_parameters(route):
    return "<" in route


# Patterns that take parameters but no object of a unit, and why they are left out.
EXEMPT = {
    "admin/password_reset/confirm/<uidb64>/<token>/": "a signed token, not an object id",
    "admin/tag-autocomplete/<slug:app_name>/<slug:model_name>/": (
        "tags are one vocabulary for the whole portal"
    ),
}


@pytest.fixture(scope="module")
def b(module_portal, django_db_blocker):
    """Unit B's objects, one of each kind, with a draft under review."""
    with django_db_blocker.unblock():
        unit = module_portal.b
        resources = UnitResources.objects.get(unit=unit.page)
        review = NewsPageFactory(parent=unit.index, title="Bài TVT đang chờ duyệt", live=False)
        review.save_revision(user=unit.editor)
        workflow_state = resources.workflow.start(review, unit.editor)
        review = NewsPage.objects.get(pk=review.pk)
        site = Site.objects.get(is_default_site=True)
        PortalSettings.for_site(site)  # made on first use: not by a request of the walk
        document_type = DocumentType.objects.create(name="Loại văn bản thử")
        issuing_body = IssuingBody.objects.create(name="Cơ quan thử")
        document_field = DocumentField.objects.create(name="Lĩnh vực thử")
        documents = LegalDocumentIndexPage(title="Văn bản", slug="van-ban")
        unit.page.add_child(instance=documents)
        draft_document = LegalDocumentPage(
            title="Văn bản TVT chưa ban hành",
            number="7/QĐ-TVT",
            document_type=document_type,
            issuing_body=issuing_body,
            signer_name="Người ký",
            signer_position="Giám đốc",
            issued_on=datetime.date(2026, 1, 5),
            effective_from=datetime.date(2026, 1, 5),
            summary="Trích yếu văn bản TVT chưa ban hành",
            live=False,
        )
        draft_document.files.add(LegalDocumentFile(document=unit.document))
        documents.add_child(instance=draft_document)
        draft_document.save_revision(user=unit.editor)
        draft_information = OrganisationPage(
            title="Cơ cấu tổ chức TVT",
            slug="co-cau-to-chuc",
            leadership="Ban Giám đốc TVT",
            divisions=[Division(name="Phòng Bí mật TVT", head_name="Trưởng phòng TVT")],
            live=False,
        )
        unit.page.add_child(instance=draft_information)
        draft_information.save_revision(user=unit.editor)
        questions = QuestionIndexPage(title="Hỏi đáp", slug="hoi-dap")
        unit.page.add_child(instance=questions)
        question = Question.objects.create(
            index=questions,
            name="Người hỏi bí mật TVT",
            email="nguoi-hoi-tvt@example.vn",
            phone="0912 000 111",
            subject="Câu hỏi riêng gửi TVT",
            body="Nội dung câu hỏi riêng gửi TVT",
        )
        forced = ForcedPublication.objects.create(
            page=unit.live_article,
            reason="Lý do riêng của ban biên tập TVT",
            published_at=workflow_state.created_at,
        )
        PageReview.objects.create(
            page=unit.draft_article,
            owner=unit.editor,
            next_review=datetime.date(2020, 1, 1),  # overdue: in B's review lists
        )
        grade = RoyaltyGrade.objects.create(name="Mức thử", kind="news", amount=100_000)
        RoyaltyAssignment.objects.create(
            page=unit.live_article,
            grade=grade,
            amount=100_000,
            authors=["Tác giả bí mật TVT"],
            month=datetime.date(2026, 1, 1),
            assigned_at=workflow_state.created_at,
        )
        return {
            "royalty_grade": grade.pk,
            "forced": forced.pk,
            "page": unit.draft_article.pk,
            "index": unit.index.pk,
            "revision": NewsPage.objects.get(pk=unit.draft_article.pk).latest_revision_id,
            "review": review.pk,
            "task_state": workflow_state.current_task_state.pk,
            "workflow_state": workflow_state.pk,
            "task": resources.task_id,
            "workflow": resources.workflow_id,
            "collection": resources.collection_id,
            "group": resources.editors_id,
            "user": unit.editor.pk,
            "site": site.pk,
            "image": unit.image.pk,
            "document": unit.document.pk,
            "redirect": Redirect.objects.create(
                old_path="/duong-dan-cu-tvt", redirect_page_id=unit.live_article.pk
            ).pk,
            "uploaded_file": UploadedFile.objects.create(
                file="uploaded_files/anh-tvt.jpg",
                for_content_type=None,
                uploaded_by_user=unit.editor,
            ).pk,
            "editing_session": EditingSession.objects.create(
                user=unit.editor,
                content_type_id=review.content_type_id,
                object_id=str(review.pk),
                last_seen_at=workflow_state.created_at,
            ).pk,
            "attempt": AccessAttempt.objects.create(
                username=unit.editor.username,
                ip_address="203.0.113.9",
                user_agent="",
                failures_since_start=2,
            ).pk,
            "draft_document": draft_document.pk,
            "draft_information": draft_information.pk,
            "question": question.pk,
            "document_type": document_type.pk,
            "issuing_body": issuing_body.pk,
            "document_field": document_field.pk,
            "secrets": [
                unit.draft_article.title,
                draft_document.title,
                draft_document.summary,
                "Phòng Bí mật TVT",
                "Câu hỏi riêng gửi TVT",
                "Lý do riêng của ban biên tập TVT",
                "Tác giả bí mật TVT",
                "nguoi-hoi-tvt@example.vn",
                "Bài TVT đang chờ duyệt",
                unit.image.title,
                unit.document.title,
                unit.editor.username,
            ],
        }


def _pk_kind(route):
    for prefix, kind in [
        ("admin/api/main/^pages/", "page"),
        ("admin/api/main/^documents/", "document"),
        ("admin/api/main/^images/", "image"),
        ("admin/collections/", "collection"),
        ("admin/workflows/tasks/", "task"),
        ("admin/workflows/", "workflow"),
        ("admin/settings/", "site"),
        ("admin/sites/", "site"),
        ("admin/users/", "user"),
        ("admin/groups/", "group"),
        ("admin/documents/chooser/", "document"),
        ("admin/images/chooser/", "image"),
        ("admin/snippets/legal/documenttype/", "document_type"),
        ("admin/snippets/choose/legal/documenttype/", "document_type"),
        ("admin/snippets/legal/issuingbody/", "issuing_body"),
        ("admin/snippets/choose/legal/issuingbody/", "issuing_body"),
        ("admin/snippets/legal/documentfield/", "document_field"),
        ("admin/snippets/choose/legal/documentfield/", "document_field"),
        ("admin/questions_question/", "question"),
        ("admin/editorial/force-publish/review/", "forced"),
        ("admin/royalty_grades/", "royalty_grade"),
    ]:
        if route.startswith(prefix):
            return kind
    raise KeyError(route)


# Each parameter name: the kind of B's object (or the literal value) that fills it.
PARAMETERS = {
    "page_id": "review",
    "page_pk": "review",
    "page_to_move_id": "review",
    "parent_page_id": "index",
    "destination_id": "index",
    "revision_id": "revision",
    "task_state_id": "task_state",
    "workflow_state_id": "workflow_state",
    "task_id": "task",
    "workflow_pk": "workflow",
    "image_id": "image",
    "document_id": "document",
    "doc_id": "document",
    "collection_id": "collection",
    "redirect_id": "redirect",
    "uploaded_file_id": "uploaded_file",
    "session_id": "editing_session",
    "attempt_id": "attempt",
    "object_id": "review",
    "content_type_app_name": "=news",
    "content_type_model_name": "=newspage",
    "filter_spec": "=original",
}

# Parameters whose value names a kind of thing rather than an object, per pattern.
NAMED = {
    "admin/bulk/<str:app_label>/<str:model_name>/<str:action>/": [
        {"app_label": f"={app}", "model_name": f"={model}", "action": f"={action}", "?id": kind}
        for app, model, kind, actions in [
            ("wagtailcore", "page", "review", ["delete", "move", "publish", "unpublish"]),
            ("wagtailimages", "image", "image", ["delete", "add_tags", "add_to_collection"]),
            ("wagtaildocs", "document", "document", ["delete", "add_tags", "add_to_collection"]),
            ("auth", "user", "user", ["delete", "set_active_state", "assign_role"]),
        ]
        for action in actions
    ],
    "admin/api/main/^pages/<int:pk>/action/<str:action_name>/": [
        {"pk": "review", "action_name": action}
        for action in [
            "convert_alias",
            "copy",
            "copy_for_translation",
            "create_alias",
            "delete",
            "move",
            "publish",
            "revert_to_page_revision",
            "unpublish",
        ]
    ],
    "admin/pages/workflow/action/<int:page_id>/<slug:action_name>/<int:task_state_id>/": [
        {"page_id": "review", "action_name": action, "task_state_id": "task_state"}
        for action in ["approve", "reject"]
    ],
    "admin/pages/workflow/collect_action_data/<int:page_id>/<slug:action_name>/"
    "<int:task_state_id>/": [
        {"page_id": "review", "action_name": action, "task_state_id": "task_state"}
        for action in ["approve", "reject"]
    ],
    "admin/pages/create/<slug:app_label>/<slug:model_name>": [
        {"app_label": "news", "model_name": "newspage"}
    ],
    # No snippet of the portal is translatable; tried with one of the board's lists.
    "admin/translation/submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/": [
        {"app_label": "=legal", "model_name": "=documenttype", "pk": "document_type"}
    ],
    "admin/workflows/tasks/add/<str:app_label>/<str:model_name>/": [
        {"app_label": "departments", "model_name": "unitapprovaltask"}
    ],
    "admin/pages/usage/<slug:content_type_app_name>/<slug:content_type_model_name>/": [
        {"content_type_app_name": "news", "content_type_model_name": "newspage"}
    ],
    "admin/pages/usage/<slug:content_type_app_name>/<slug:content_type_model_name>/results/": [
        {"content_type_app_name": "news", "content_type_model_name": "newspage"}
    ],
    "admin/settings/<slug:app_name>/<slug:model_name>/": [
        {"app_name": "home", "model_name": "portalsettings"}
    ],
    "admin/settings/<slug:app_name>/<slug:model_name>/<int:pk>/": [
        {"app_name": "home", "model_name": "portalsettings", "pk": "site"}
    ],
    "admin/settings/<slug:app_name>/<slug:model_name>/<int:pk>/preview/": [
        {"app_name": "home", "model_name": "portalsettings", "pk": "site"}
    ],
    "admin/editing-sessions/ping/<str:app_label>/<str:model_name>/<str:object_id>/"
    "<int:session_id>/": [
        {
            "app_label": "wagtailcore",
            "model_name": "page",
            "object_id": "review",
            "session_id": "editing_session",
        }
    ],
    "admin/pages/^(?P<pk>\\d+)/revisions/compare/(?P<revision_id_a>live|earliest|\\d+)"
    "\\.\\.\\.(?P<revision_id_b>live|latest|\\d+)/$": [{}],
}


def _parameters(route):
    import re

    return re.findall(r"<(?:\w+:)?(\w+)>", route)


def _variants(route):
    """Each way of filling ``route``'s parameters: {parameter: kind or =literal}. A route
    that takes B's article under review is also tried with B's draft legal document and
    B's draft information page."""
    if route in NAMED:
        variants = NAMED[route]
    else:
        variant = {}
        for name in _parameters(route):
            variant[name] = _pk_kind(route) if name == "pk" else PARAMETERS[name]
        variants = [variant]
    drafts = [
        {name: draft if kind == "review" else kind for name, kind in variant.items()}
        for draft in ("draft_document", "draft_information")
        for variant in variants
        if "review" in variant.values()
    ]
    return variants + drafts


def _url(route, variant, objects):
    import re

    if "(?P<pk>" in route:
        return f"/admin/pages/{objects['review']}/revisions/compare/earliest...latest/"

    def value(spec):
        return spec[1:] if spec.startswith("=") else str(objects[spec]) if spec in objects else spec

    def fill(match):
        return value(variant[match.group(1)])

    path = "/" + re.sub(r"<(?:\w+:)?(\w+)>", fill, route).replace("^", "")
    if "?id" in variant:
        path += f"?id={objects[variant['?id']]}"
    return path


KNOWN = [route for route, _name in _admin_routes() if _takes_parameters(route)]


def test_every_admin_url_is_known():
    unknown = []
    for route in KNOWN:
        if route in EXEMPT:
            continue
        try:
            _variants(route)
        except KeyError:
            unknown.append(route)
    assert unknown == [], "admin URLs the confinement walk does not know"


@pytest.mark.parametrize("route", [route for route in KNOWN if route not in EXEMPT])
def test_unit_a_cannot_reach_unit_bs_objects(client, module_portal, b, route):
    failures = []
    for role in ("editor", "approver"):
        client.force_login(getattr(module_portal.a, role))
        before = _fingerprint()
        for variant in _variants(route):
            url = _url(route, variant, b)
            for method in ("get", "post"):
                response = getattr(client, method)(url)
                body = response.content.decode(errors="replace") if not response.streaming else ""
                shown = [secret for secret in b["secrets"] if secret in body]
                if response.status_code not in REFUSALS and shown:
                    failures.append(
                        f"{role} {method.upper()} {url}: {response.status_code} shows {shown}"
                    )
                after = _fingerprint()
                changed = [
                    label for (label, a), (_l, z) in zip(before, after, strict=True) if a != z
                ]
                before = after
                if changed:
                    failures.append(f"{role} {method.upper()} {url}: changed {changed}")
    assert failures == []


# Parameterless admin URLs that are not pages to read.
NOT_LISTINGS = {"admin/logout/": "signs the user out"}


@pytest.mark.parametrize(
    "route",
    [
        route
        for route, _name in _admin_routes()
        if not _takes_parameters(route) and route not in NOT_LISTINGS
    ],
)
def test_unit_a_sees_none_of_unit_bs_objects__listings(client, module_portal, b, route):
    failures = []
    for role in ("editor", "approver"):
        client.force_login(getattr(module_portal.a, role))
        url = "/" + route.replace("^", "").replace("$", "")
        response = client.get(url, {"q": "TVT"})
        body = response.content.decode(errors="replace") if not response.streaming else ""
        shown = [secret for secret in b["secrets"] if secret in body]
        if shown:
            failures.append(f"{role} GET {url}: {response.status_code} shows {shown}")
    assert failures == []
