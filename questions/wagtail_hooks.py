from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.models import Page

from govcms.admin_listings import list_viewset

from .admin_views import QuestionViewSet
from .models import AnswerPage, Question


@hooks.register("register_admin_viewset")
def register_questions():
    return QuestionViewSet("questions_question")


@hooks.register("register_admin_viewset")
def register_answer_page_views():
    """A question list's explorer, the latest question first."""
    return list_viewset(AnswerPage, "asked_on", icon="help")


def _holding_questions(pages):
    """The pages among ``pages`` whose subtree holds a question list with questions."""
    return [
        page
        for page in pages
        if Question.objects.filter(index__path__startswith=page.path).exists()
    ]


def _refusal(request, pages):
    messages.error(
        request,
        _(
            "%(pages)s cannot be deleted: citizens' questions are addressed to it. Unpublish "
            "it instead; the questions stay with their unit."
        )
        % {"pages": ", ".join(page.get_admin_display_title() for page in pages)},
    )
    return redirect("wagtailadmin_explore", pages[0].get_parent().pk)


@hooks.register("before_delete_page")
def keep_lists_with_questions(request, page):
    """A question list with questions (or a unit holding one) is not deleted: the
    questions, and the askers' personal data, would be lost with it."""
    holding = _holding_questions([page])
    if holding:
        return _refusal(request, holding)
    return None


@hooks.register("before_bulk_action")
def keep_lists_with_questions_in_bulk(request, action_type, objects, action_class_instance):
    if action_type != "delete" or not objects or not isinstance(objects[0], Page):
        return None
    holding = _holding_questions(objects)
    if holding:
        return _refusal(request, holding)
    return None
