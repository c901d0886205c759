from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import (
    AbstractGroupApprovalTask,
    Collection,
    PageLogEntry,
    TaskState,
    Workflow,
)
from wagtail.models.pages import PageLogEntryManager
from wagtail.search import index

from govcms.pages import BasePage
from news.models import NewsIndexPage, NewsPage

INTRODUCTION_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]
LATEST_NEWS_COUNT = 5


# What a unit's section holds, and the department's too (under the home page): named, as
# the apps that define them sit above this one (docs/architecture.md).
SECTION_PAGE_TYPES = [
    "news.NewsIndexPage",
    "legal.LegalDocumentIndexPage",
    "about.IntroductionPage",
    "about.FunctionsPage",
    "about.OrganisationPage",
    "about.LeadersPage",
    "about.ContactPage",
    "schedule.ScheduleIndexPage",
    "questions.QuestionIndexPage",
    "home.StandardPage",
]


class DepartmentPage(BasePage):
    """One unit of the department: its section of the portal and its news."""

    full_name = models.CharField(
        _("full name"),
        max_length=255,
        help_text=_("The official name, e.g. Trung tâm Xúc tiến Du lịch tỉnh Hà Nam."),
    )
    short_name = models.CharField(
        _("short name"),
        max_length=30,
        help_text=_("The abbreviation used in sources and group names, e.g. TTXTDL."),
    )
    introduction = RichTextField(
        _("introduction"),
        features=INTRODUCTION_FEATURES,
        blank=True,
        help_text=_("Functions and duties of the unit."),
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("telephone"), max_length=50, blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("website"), blank=True)
    working_hours = models.CharField(_("working hours"), max_length=255, blank=True)

    content_panels = BasePage.content_panels + [
        FieldPanel("full_name"),
        FieldPanel("short_name"),
        FieldPanel("introduction"),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("website"),
                FieldPanel("working_hours"),
            ],
            heading=_("Contact details"),
        ),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("full_name"),
        index.SearchField("short_name"),
        index.SearchField("introduction"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = SECTION_PAGE_TYPES
    page_description = _("A unit of the department, with its own news section.")

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")

    def clean(self):
        super().clean()
        # A unit's translations (its English version) share its short name.
        clashes = DepartmentPage.objects.filter(short_name__iexact=self.short_name).exclude(
            translation_key=self.translation_key
        )
        if self.pk:
            clashes = clashes.exclude(pk=self.pk)
        if self.short_name and clashes.exists():
            raise ValidationError({"short_name": _("Another unit already uses this short name.")})

    def get_news_index(self):
        return NewsIndexPage.objects.live().public().child_of(self).first()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["news_index"] = self.get_news_index()
        context["latest_news"] = NewsPage.objects.public_news().filter(department=self)[
            :LATEST_NEWS_COUNT
        ]
        return context


class UnitApprovalTask(AbstractGroupApprovalTask):
    """A unit's approval step: its approvers (or the portal board) approve or reject.

    Wagtail's ``GroupApprovalTask`` lets any member of its groups approve, the submitter
    included (DESIGN §8). This task offers no action to anyone who submitted the workflow
    or wrote a revision of the page since it was submitted, unless ``GOVCMS_FOUR_EYES`` is
    off; the workflow action views refuse what ``get_actions`` does not offer, and
    ``on_action`` refuses it again for any other caller.
    """

    class Meta:
        verbose_name = _("unit approval")
        verbose_name_plural = _("unit approvals")

    def _user_in_groups(self, user):
        # Wagtail asks each task in turn, a query each (the dashboard asks every unit's).
        return self.pk in approval_tasks_of(user) or is_board_member(user)

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        if actions and user_is_author_under_review(obj, user):
            return []
        return actions

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        # Read the task state again, locked: the caller's copy may predate a restart of
        # the review on a newer revision (departments.workflows), which cancelled it.
        task_state = TaskState.objects.select_for_update().get(pk=task_state.pk).specific
        if task_state.status != TaskState.STATUS_IN_PROGRESS:
            raise PermissionDenied
        page = task_state.workflow_state.content_object
        if action_name not in {name for name, _label, _modal in self.get_actions(page, user)}:
            raise PermissionDenied
        return super().on_action(task_state, user, action_name, **kwargs)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = super().get_task_states_user_can_moderate(user, **kwargs)
        if settings.GOVCMS_FOUR_EYES:
            states = states.exclude(workflow_state__requested_by=user).exclude(revision__user=user)
        return states

    @classmethod
    def get_description(cls):
        return _(
            "The unit's approvers or the portal board approve; never the person who "
            "wrote or submitted the revision."
        )


def approval_tasks_of(user):
    """The ids of the approval tasks whose groups ``user`` is in, read once per user
    object (once per request)."""
    ids = getattr(user, "_govcms_approval_tasks", None)
    if ids is None:
        ids = frozenset()
        if user.is_authenticated:
            ids = frozenset(
                UnitApprovalTask.groups.through.objects.filter(group__user=user).values_list(
                    "unitapprovaltask_id", flat=True
                )
            )
        user._govcms_approval_tasks = ids
    return ids


def is_board_member(user):
    """Read once per user object, that is once per request: the admin asks for each menu
    item, panel and listing row (as Django keeps a user's permissions)."""
    if not user.is_authenticated:
        return False
    cached = getattr(user, "_govcms_is_board", None)
    if cached is None:
        cached = user.groups.filter(name=settings.GOVCMS_BOARD_GROUP).exists()
        user._govcms_is_board = cached
    return cached


def unit_pages():
    """The units themselves, without their translations (the English versions of unit
    pages are DepartmentPages too, under the English home page)."""
    return DepartmentPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE)


def units_of(user):
    """The units whose editors or approvers ``user`` is among."""
    group_ids = user.groups.values_list("pk", flat=True)
    return DepartmentPage.objects.filter(
        models.Q(resources__editors__in=group_ids) | models.Q(resources__approvers__in=group_ids)
    ).distinct()


def unit_paths_of(user):
    """Tree paths of ``user``'s units and of their translations (the English versions
    under /en/ belong to the same unit), read once per user object (once per request)."""
    paths = getattr(user, "_govcms_own_unit_paths", None)
    if paths is None:
        paths = tuple(
            DepartmentPage.objects.filter(
                translation_key__in=units_of(user).values("translation_key")
            ).values_list("path", flat=True)
        )
        user._govcms_own_unit_paths = paths
    return list(paths)


def user_is_author_under_review(page, user):
    """Whether ``user`` submitted the page's current workflow or wrote a revision since."""
    if not settings.GOVCMS_FOUR_EYES:
        return False
    state = page.current_workflow_state
    if state is None:
        return False
    if state.requested_by_id == user.pk:
        return True
    return page.revisions.filter(created_at__gte=state.created_at, user=user).exists()


class UnitResources(models.Model):
    """What provisioning made for a unit, so that renaming the unit finds it again."""

    unit = models.OneToOneField(
        DepartmentPage, on_delete=models.CASCADE, related_name="resources", verbose_name=_("unit")
    )
    editors = models.OneToOneField(
        Group, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("editors")
    )
    approvers = models.OneToOneField(
        Group, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("approvers")
    )
    collection = models.OneToOneField(
        Collection,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("collection"),
    )
    workflow = models.OneToOneField(
        Workflow, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("workflow")
    )
    task = models.OneToOneField(
        UnitApprovalTask,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("approval task"),
    )

    class Meta:
        verbose_name = _("unit resources")
        verbose_name_plural = _("unit resources")

    def __str__(self):
        return str(self.unit)


class LiveReference(models.Model):
    """An image or document that the live version of a page shows (DESIGN §5.8).

    Wagtail's reference index follows each page's latest draft; the rule that guards
    what the public sees needs the published version, so publishing records it here and
    unpublishing forgets it (``departments.media``).
    """

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("page")
    )
    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.CharField(max_length=255)

    class Meta:
        verbose_name = _("live reference")
        verbose_name_plural = _("live references")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "content_type", "object_id"], name="unique_live_reference"
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.page_id} → {self.content_type_id}:{self.object_id}"


class PortalPageLogEntryManager(PageLogEntryManager):
    def viewable_by_user(self, user):
        """Every entry for an administrator, who may explore every page and sees the
        entries of deleted pages (Wagtail's rule comes to this). Wagtail asks for it as
        the entries of every page id of the portal, or of deleted pages: a hash of
        170,000 page ids built in each of the site history's four queries (35 ms each).
        Everyone else: Wagtail's rule."""
        if user.is_active and user.is_superuser:
            return self.all()
        return super().viewable_by_user(user)


class PortalPageLogEntry(PageLogEntry):
    """Wagtail's page log entries (the same table), read by the site history report
    through the manager above: registered for pages in ``register_log_actions``
    (departments/wagtail_hooks.py)."""

    objects = PortalPageLogEntryManager()

    class Meta:
        proxy = True
        default_permissions = ()  # Wagtail's own rules apply
        verbose_name = PageLogEntry._meta.verbose_name
        verbose_name_plural = PageLogEntry._meta.verbose_name_plural
