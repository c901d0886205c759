from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.models import Page, Revision


class ForcedPublicationQuerySet(models.QuerySet):
    def waiting(self):
        """Not yet reviewed by a second board member: the dashboard's queue."""
        return self.filter(reviewed_at__isnull=True)


class ForcedPublication(models.Model):
    """A publication by a board member without the unit's approval, with the reason given,
    and its review afterwards by another board member (DESIGN §5.10)."""

    class Outcome(models.TextChoices):
        ACCEPTED = "accepted", _("Accepted")
        SENT_BACK = "sent_back", _("Sent back")

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="+")
    revision = models.ForeignKey(Revision, on_delete=models.SET_NULL, null=True, related_name="+")
    reason = models.TextField(_("reason"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    published_at = models.DateTimeField(_("published at"))
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    comment = models.TextField(_("comment"), blank=True)

    objects = ForcedPublicationQuerySet.as_manager()

    class Meta:
        ordering = ["published_at", "pk"]
        indexes = [
            models.Index(
                fields=["published_at"],
                condition=models.Q(reviewed_at__isnull=True),
                name="editorial_forced_waiting",
            )
        ]
        verbose_name = _("publication without approval")
        verbose_name_plural = _("publications without approval")

    def __str__(self):
        return self.page.get_admin_display_title()


class PageReview(models.Model):
    """Who answers for a page and when it is next checked (LocalGov Drupal's owner and
    review date). Kept beside the page, not in its revisions: changing the owner or the
    date, or marking the page reviewed, creates no revision and needs no approval."""

    page = models.OneToOneField(
        Page, on_delete=models.CASCADE, primary_key=True, related_name="review_plan"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=pgettext_lazy("content review", "owner"),
    )
    next_review = models.DateField(_("next review"), null=True, blank=True, db_index=True)
    last_reviewed_at = models.DateTimeField(_("last reviewed at"), null=True, blank=True)
    last_reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("last reviewed by"),
    )

    class Meta:
        verbose_name = _("review plan")
        verbose_name_plural = _("review plans")

    def __str__(self):
        return self.page.get_admin_display_title()


class PageViews(models.Model):
    """A public page's views on one day, counted by the portal itself (editorial/stats.py):
    no cookie, no address, no third party; the daily flush writes them here."""

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="+")
    day = models.DateField(_("day"))
    views = models.PositiveIntegerField(_("views"), default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["page", "day"], name="editorial_views_page_day")
        ]
        indexes = [models.Index(fields=["day", "page"], name="editorial_views_day_page")]
        verbose_name = _("page views")
        verbose_name_plural = _("page views")

    def __str__(self):
        return f"{self.page_id} {self.day}: {self.views}"


class RoyaltyGrade(models.Model):
    """A grade of royalty (nhuận bút) the board sets: an amount for a kind of work."""

    class Kind(models.TextChoices):
        NEWS = "news", _("News")
        PHOTO = "photo", _("Photo")
        ARTICLE = "article", _("Article")
        TRANSLATION = "translation", _("Translation")

    name = models.CharField(_("name"), max_length=100, unique=True)
    kind = models.CharField(_("kind of work"), max_length=20, choices=Kind.choices)
    amount = models.PositiveIntegerField(_("amount (VND)"))
    active = models.BooleanField(
        _("in use"), default=True, help_text=_("Grades no longer in use stay in old reports.")
    )

    class Meta:
        ordering = ["kind", "amount", "name"]
        verbose_name = _("royalty grade")
        verbose_name_plural = _("royalty grades")

    def __str__(self):
        return f"{self.name} ({self.get_kind_display()}, {self.amount:,} đ)".replace(",", ".")


class RoyaltyAssignment(models.Model):
    """The grade and authors of a published item: what the accounting office pays. The
    amount is the grade's when assigned, so changing a grade later changes no past month."""

    page = models.OneToOneField(
        Page, on_delete=models.CASCADE, related_name="royalty", verbose_name=_("page")
    )
    grade = models.ForeignKey(
        RoyaltyGrade, on_delete=models.PROTECT, related_name="+", verbose_name=_("grade")
    )
    amount = models.PositiveIntegerField(_("amount (VND)"))
    authors = models.JSONField(_("authors"), default=list)
    month = models.DateField(_("month"), help_text=_("The first day of the month it is paid in."))
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    assigned_at = models.DateTimeField(_("assigned at"))

    class Meta:
        indexes = [models.Index(fields=["month"], name="editorial_royalty_month")]
        verbose_name = _("royalty assignment")
        verbose_name_plural = _("royalty assignments")

    def __str__(self):
        return f"{self.page_id}: {self.grade_id}"

    def shares(self):
        """Each author's share, the remainder of the division to the first."""
        authors = self.authors or []
        if not authors:
            return []
        share, remainder = divmod(self.amount, len(authors))
        return [(name, share + (remainder if i == 0 else 0)) for i, name in enumerate(authors)]
