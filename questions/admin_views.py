"""The questions in the admin: each unit's staff see and handle only the questions
addressed to their unit (the board sees all), by every view: the list, the question,
its history, the refusal and the "answer" action."""

import django_filters
from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Subquery
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import View
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Page
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from govcms.units import parent_path

from . import emails
from .models import OPEN_STATUSES, AnswerPage, Question, Status


class QuestionPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, narrowed to the questions of the user's units. Nobody adds a
    question in the admin: citizens ask them."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and (
            Question.objects.for_user(user).filter(pk=instance.pk).exists()
        )

    def instances_user_has_permission_for(self, user, action):
        if not self.user_has_permission(user, action):
            return Question.objects.none()
        return Question.objects.for_user(user)


register_permission_policy(Question, QuestionPermissionPolicy(Question), exact_class=True)


class ConfinedMixin:
    """Every object and list a view reads comes from the user's own questions."""

    def confined(self):
        unit = Page.objects.filter(path=parent_path("index__path"))
        return (
            Question.objects.for_user(self.request.user)
            .select_related("index", "answer_page")
            .annotate(unit_title=Subquery(unit.values("title")[:1]))
        )

    def get_queryset(self):
        queryset = super().get_queryset()
        return queryset.filter(pk__in=self.confined().values("pk"))

    def get_base_queryset(self):
        return self.confined()

    def get_base_object_queryset(self):
        return self.confined()

    def get_object(self, queryset=None):
        return get_object_or_404(self.confined(), pk=self.kwargs[self.pk_url_kwarg])


class QuestionFilterSet(WagtailFilterSet):
    late = django_filters.BooleanFilter(
        label=_("Waiting past the deadline"),
        method="filter_late",
        widget=forms.CheckboxInput,
    )

    class Meta:
        model = Question
        fields = ["status", "late"]

    def filter_late(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.overdue(settings.GOVCMS_QUESTIONS_ANSWER_DAYS)


class RefusalForm(forms.ModelForm):
    """Staff close a question without an answer only with a reason the citizen reads."""

    class Meta:
        model = Question
        fields = ["refusal_reason"]
        widgets = {"refusal_reason": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["refusal_reason"].required = True

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.status not in OPEN_STATUSES:
            raise forms.ValidationError(_("Only a question still open can be refused."))
        if AnswerPage.objects.filter(question=self.instance).exists():
            raise forms.ValidationError(
                _("This question has an answer being written: delete that draft first.")
            )
        return cleaned_data

    def save(self, commit=True):
        question = super().save(commit=False)
        question.status, question.closed_at = Status.REFUSED, timezone.now()
        question.save()
        transaction.on_commit(lambda: emails.question_refused(question))
        return question


class AgeColumn(Column):
    cell_template_name = "questions/admin/age_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["overdue_days"] = settings.GOVCMS_QUESTIONS_ANSWER_DAYS
        return context


class QuestionInspectView(InspectView):
    template_name = "questions/admin/inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_handle"] = self.request.user.has_perm("questions.change_question")
        return context


class AnswerView(ConfinedMixin, View):
    """Start (or go back to) the answer: a draft answer page under the question's list,
    with the question's subject and text, opened in the page editor."""

    pk_url_kwarg = "pk"
    http_method_names = ["post"]

    def post(self, request, pk):
        self.kwargs = {"pk": pk}
        question = self.get_object()
        if not request.user.has_perm("questions.change_question"):
            raise PermissionDenied
        existing = AnswerPage.objects.filter(question=question).first()
        if existing is not None:
            return redirect("wagtailadmin_pages:edit", existing.pk)
        if question.status not in OPEN_STATUSES:
            messages.error(request, _("This question is closed."))
            return redirect("questions_question:inspect", question.pk)
        index = question.index
        if not index.permissions_for_user(request.user).can_add_subpage():
            raise PermissionDenied
        with transaction.atomic():
            page = AnswerPage(
                title=question.subject,
                question=question,
                question_text=question.body,
                asked_on=timezone.localtime(question.created_at).date(),
                answer="",
                live=False,
                owner=request.user,
            )
            index.add_child(instance=page)
            page.save_revision(user=request.user, log_action=True)
            question.status = Status.ANSWERING
            question.save(update_fields=["status"])
        return redirect("wagtailadmin_pages:edit", page.pk)


class QuestionViewSet(ModelViewSet):
    model = Question
    icon = "help"
    menu_label = _("Citizens' questions")
    menu_order = 250
    add_to_admin_menu = True
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["refusal_reason"]
    filterset_class = QuestionFilterSet
    list_display = [
        "reference",
        "subject",
        Column("index", label=_("addressed to"), accessor="unit_title"),
        "status",
        DateColumn("created_at", label=_("asked")),
        AgeColumn("age", label=_("age (days)"), accessor="age_days"),
    ]
    search_fields = ["reference", "subject", "body"]
    inspect_view_fields = [
        "reference",
        "status",
        "created_at",
        "name",
        "email",
        "phone",
        "subject",
        "body",
        "refusal_reason",
        "closed_at",
        "personal_data_erased_at",
    ]
    ordering = ["-created_at"]

    def get_form_class(self, for_update=False):
        return RefusalForm

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("answer/<int:pk>/", AnswerView.as_view(), name="answer"),
        ]


def _confined(view_class):
    return type(view_class.__name__, (ConfinedMixin, view_class), {})


for _name in (
    "index_view_class",
    "add_view_class",
    "edit_view_class",
    "delete_view_class",
    "history_view_class",
    "usage_view_class",
):
    setattr(QuestionViewSet, _name, _confined(getattr(ModelViewSet, _name)))
QuestionViewSet.inspect_view_class = _confined(QuestionInspectView)
