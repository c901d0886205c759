"""Wagtail's views for pages of every type, with filters that name a unit's colleagues only
(DESIGN §5.2): registered in place of Wagtail's base page viewset (wagtail_hooks.py)."""

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.admin.views.pages.listing import GenericPageFilterSet
from wagtail.admin.viewsets.pages import PageViewSet

from .confinement import sees_everything
from .models import unit_paths_of


def colleagues_of(user):
    """The people a unit's staff may see named in the admin's filters: those of groups
    with rights on a page of their units (the English versions included), by name."""
    within = Q(pk=user.pk)
    for path in unit_paths_of(user):
        within |= Q(groups__page_permissions__page__path__startswith=path)
    return (
        get_user_model()
        .objects.filter(within)
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


class ConfinedPageFilterSet(GenericPageFilterSet):
    """The explorer's filters for pages of every type. Wagtail offers as owners and editors
    everyone who ever owned or edited a page of the portal, every unit's people to any
    unit's staff: a unit's staff are offered their colleagues instead (the board and the
    administrators, who see the whole portal, keep Wagtail's choices)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self.request, "user", None)
        if user is not None and not sees_everything(user):
            for name in ("owner", "edited_by"):
                self.filters[name].queryset = lambda request: colleagues_of(request.user)


class ConfinedPageViewSet(PageViewSet):
    """Wagtail's views for pages of every type (its base page viewset, replaced for the
    page type ``Page``), with the filters above."""

    filterset_class = ConfinedPageFilterSet
